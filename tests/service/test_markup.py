"""An article's facts marked in its text: nesting, crossing ranges, escaping, safe links."""

from __future__ import annotations

import html.parser

import pytest

from dateline.service.markup import Mark, article_marks, entry_span, render, safe_url


class _Checker(html.parser.HTMLParser):
    """Collects text and checks that tags nest."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.classes: list[str] = []
        self.text: list[str] = []
        self.covered: list[set[str]] = []  # per character: classes of the elements around it
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag, attrs):
        self.stack.append(tag)
        self.classes.append(dict(attrs).get("class") or "")
        self.tags.append((tag, dict(attrs)))

    def handle_endtag(self, tag):
        assert self.stack and self.stack[-1] == tag, f"</{tag}> closes {self.stack}"
        self.stack.pop()
        self.classes.pop()

    def handle_data(self, data):
        self.text.append(data)
        self.covered += [set(self.classes)] * len(data)


def parse(markup: str) -> _Checker:
    checker = _Checker()
    checker.feed(markup)
    checker.close()
    assert checker.stack == []
    return checker


def test_text_survives_and_markup_in_it_is_escaped():
    text = 'Abe said: "<script>alert(1)</script>" & left.'
    out = str(render(text, [Mark(0, 3, "mention", "a", {"href": "/entities/1"})]))
    assert "<script>" not in out and "&lt;script&gt;" in out
    assert "".join(parse(out).text) == text


@pytest.mark.parametrize(
    "ranges",
    [
        [(0, 10, "quote"), (3, 5, "mention")],  # nested
        [(0, 6, "quote"), (4, 9, "hl")],  # crossing
        [(2, 8, "hl"), (0, 4, "quote"), (6, 10, "mention"), (3, 7, "timex")],  # several crossing
        [(0, 5, "mention"), (0, 5, "timex"), (0, 10, "quote")],  # same start
    ],
)
def test_crossing_ranges_become_nested_pieces(ranges):
    text = "abcdefghijkl"
    marks = [Mark(s, e, layer, "span", {"class": layer}) for s, e, layer in ranges]
    checker = parse(str(render(text, marks)))
    assert "".join(checker.text) == text
    # every character of every range is inside an element of its class, and no other is
    for start, end, layer in ranges:
        inside = [layer in checker.covered[i] for i in range(len(text))]
        assert inside == [start <= i < end for i in range(len(text))], layer


def test_a_cut_range_keeps_its_id_once():
    out = str(render("abcdefgh", [Mark(0, 4, "quote"), Mark(2, 7, "hl", "mark", {"id": "hl"})]))
    assert out.count('id="hl"') == 1 and out.count("<mark") == 2


def test_attribute_values_are_escaped():
    out = str(render("Abe", [Mark(0, 3, "mention", "span", {"title": '"><img src=x onerror=alert(1)>'})]))
    assert "<img" not in out and "&lt;img" in out and "&#34;&gt;" in out


def test_ranges_outside_the_text_are_dropped():
    assert str(render("abc", [Mark(2, 9, "quote"), Mark(-1, 2, "quote")])) == "abc"


@pytest.mark.parametrize(
    "url, safe",
    [
        ("https://example.org/a?b=1", "https://example.org/a?b=1"),
        ("http://example.org", "http://example.org"),
        ("javascript:alert(1)", None),
        (" JavaScript:alert(1)", None),
        ("data:text/html,<script>alert(1)</script>", None),
        ("vbscript:x", None),
        ("//example.org/x", None),
        ("https://exa\nmple.org", None),
        ("", None),
        (None, None),
    ],
)
def test_only_http_urls_become_links(url, safe):
    assert safe_url(url) == safe


def test_article_marks_link_entities_and_describe_quotes_and_times():
    article = {
        "text": "Abe said he would go in late June.",
        "published": "2019-11-07",
        "entities": [
            {"id": "e1", "name": "Abe", "canonical": "Shinzo Abe", "type": "PERSON", "entity_id": 7,
             "roles": ["Prime Minister"], "mentions": [{"start": 0, "end": 3, "kind": "name"},
                                                        {"start": 9, "end": 11, "kind": "pronoun"}]},
        ],
        "timexes": [{"start": 24, "end": 33, "type": "DATE", "value": "2019-06", "mod": "END"}],
        "quotes": [{"start": 9, "end": 33, "kind": "indirect", "fragments": [{"start": 9, "end": 33}],
                    "cue": {"start": 4, "end": 8, "text": "said"},
                    "speaker": {"entity": "e1", "start": 0, "end": 3, "text": "Abe"},
                    "said": {"value": "2019-11-07"}}],
        "dateline": None,
    }
    out = str(render(article["text"], article_marks(article, highlight=(0, 34))))
    checker = parse(out)
    assert "".join(checker.text) == article["text"]
    links = [a for tag, a in checker.tags if tag == "a"]
    assert [a["href"] for a in links] == ["/entities/7", "/entities/7"]
    assert "Shinzo Abe · PERSON · Prime Minister" == links[0]["title"]
    times = [a for tag, a in checker.tags if tag == "time"]
    assert times[0]["title"] == "TIMEX3 DATE 2019-06 mod=END"
    quote = next(a for tag, a in checker.tags if "quote" in (a.get("class") or ""))
    assert quote["title"] == "Shinzo Abe — said — 2019-11-07"
    assert any(tag == "mark" and a.get("id") == "hl" for tag, a in checker.tags)


@pytest.mark.parametrize(
    "value, mod, span",
    [
        ("2019-06", "END", ("2019-06-21", "2019-06-30")),
        ("2019-06", "START", ("2019-06-01", "2019-06-10")),
        ("2019-02", "MID", ("2019-02-10", "2019-02-18")),
        ("1956", None, ("1956-01-01", "1956-12-31")),
        ("197", None, ("1970-01-01", "1979-12-31")),
        ("2018-11-15", None, ("2018-11-15", "2018-11-15")),
        ("P2Y", None, None),
    ],
)
def test_entry_spans(value, mod, span):
    assert entry_span(value, mod) == span
