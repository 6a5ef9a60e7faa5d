"""An article's text as HTML with its facts marked in place, every character escaped.

Facts are character ranges (entities' mentions, quotes and their cues, time
expressions, the dateline, a sentence to highlight). Ranges may nest or cross;
crossing ones are cut into pieces so the HTML nests properly. Attribute values
and text all go through :func:`markupsafe.escape`; nothing from the article
becomes markup.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from markupsafe import Markup, escape

from dateline.temporal.ranges import value_range

#: Outer layers first: a highlighted sentence holds quotes, quotes hold mentions.
LAYERS = ("hl", "dateline", "quote", "cue", "mention", "timex")


@dataclass(frozen=True)
class Mark:
    """One range to mark: ``tag`` with ``attrs`` around ``text[start:end]``."""

    start: int
    end: int
    layer: str
    tag: str = "span"
    attrs: Mapping[str, str] = field(default_factory=dict)

    def open(self, first: bool) -> str:
        attrs = dict(self.attrs)
        if not first:
            attrs.pop("id", None)  # a cut range keeps its id on its first piece only
        rendered = "".join(f' {k}="{escape(v)}"' for k, v in attrs.items())
        return f"<{self.tag}{rendered}>"

    def close(self) -> str:
        return f"</{self.tag}>"


def render(text: str, marks: Iterable[Mark]) -> Markup:
    """``text`` escaped, with every mark's range wrapped in its tag.

    Example:
        >>> render("Abe <b>said</b>", [Mark(0, 3, "mention", attrs={"class": "m"})])
        Markup('<span class="m">Abe</span> &lt;b&gt;said&lt;/b&gt;')
    """
    order = {layer: n for n, layer in enumerate(LAYERS)}
    todo = sorted(
        (m for m in marks if 0 <= m.start < m.end <= len(text)),
        key=lambda m: (m.start, -m.end, order.get(m.layer, len(order))),
    )
    # Cut each mark at the ends of the marks open around it, so all pieces nest.
    pieces: list[tuple[int, int, int, Mark, bool]] = []
    for rank, mark in enumerate(todo):
        start, first = mark.start, True
        for cut in sorted({m.end for m in todo[:rank] if mark.start < m.end < mark.end}):
            pieces.append((start, cut, rank, mark, first))
            start, first = cut, False
        pieces.append((start, mark.end, rank, mark, first))
    pieces.sort(key=lambda p: (p[0], -p[1], p[2]))
    out: list[str] = []
    stack: list[tuple[int, Mark]] = []
    pos = 0
    for start, end, _, mark, first in pieces:
        while stack and stack[-1][0] <= start:
            close_at, closing = stack.pop()
            out.append(str(escape(text[pos:close_at])))
            out.append(closing.close())
            pos = close_at
        if stack and end > stack[-1][0]:
            end = stack[-1][0]  # cannot happen after the cuts; kept as a guard
        out.append(str(escape(text[pos:start])))
        out.append(mark.open(first))
        pos = start
        stack.append((end, mark))
    while stack:
        close_at, closing = stack.pop()
        out.append(str(escape(text[pos:close_at])))
        out.append(closing.close())
        pos = close_at
    out.append(str(escape(text[pos:])))
    return Markup("".join(out))


def article_marks(
    article: Mapping[str, Any], *, highlight: tuple[int, int] | None = None
) -> list[Mark]:
    """The marks of a stored article (the JSON contract of ``dateline.api.article``)."""
    marks: list[Mark] = []
    names = {e["id"]: e for e in article.get("entities", [])}
    for e in article.get("entities", []):
        title = f"{e.get('canonical') or e['name']} · {e['type']}"
        if e.get("roles"):
            title += " · " + ", ".join(e["roles"])
        for m in e.get("mentions", []):
            attrs = {"class": f"ent ent-{_css(e['type'])} kind-{_css(m['kind'])}", "title": title}
            if e.get("entity_id") is not None:
                attrs["href"] = f"/entities/{int(e['entity_id'])}"
                marks.append(Mark(m["start"], m["end"], "mention", "a", attrs))
            else:
                marks.append(Mark(m["start"], m["end"], "mention", "span", attrs))
    for t in article.get("timexes", []):
        value = t.get("value") or "?"
        title = f"TIMEX3 {t.get('type')} {value}" + (f" mod={t['mod']}" if t.get("mod") else "")
        marks.append(
            Mark(
                t["start"], t["end"], "timex", "time",
                {"class": "timex", "title": title, "data-value": value},
            )
        )  # fmt: skip
    for n, q in enumerate(article.get("quotes", [])):
        speaker = q.get("speaker") or {}
        who = speaker.get("text") or "unknown speaker"
        entity = names.get(speaker.get("entity") or "")
        if entity is not None:
            who = entity.get("canonical") or entity["name"]
        said = (q.get("said") or {}).get("value") or article.get("published") or "?"
        cue = (q.get("cue") or {}).get("text") or ""
        title = f"{who} — {cue} — {said}".replace(" —  —", " —")
        for f in q.get("fragments") or [{"start": q["start"], "end": q["end"]}]:
            marks.append(
                Mark(
                    f["start"], f["end"], "quote", "span",
                    {"class": f"quote quote-{_css(q.get('kind') or 'quote')}", "title": title,
                     "id": f"q{n}", "data-speaker": who},
                )
            )  # fmt: skip
        if q.get("cue"):
            marks.append(Mark(q["cue"]["start"], q["cue"]["end"], "cue", "span", {"class": "cue"}))
        if speaker.get("start") is not None and speaker.get("end") is not None:
            marks.append(
                Mark(speaker["start"], speaker["end"], "cue", "span", {"class": "speaker"})
            )
    d = article.get("dateline")
    if d and d.get("start") is not None:
        title = " · ".join(str(x) for x in (d.get("place"), d.get("date"), d.get("agency")) if x)
        marks.append(
            Mark(d["start"], d["end"], "dateline", "span", {"class": "dl", "title": title})
        )
    if highlight is not None:
        marks.append(Mark(*highlight, "hl", "mark", {"id": "hl", "class": "hl", "tabindex": "-1"}))
    return marks


def safe_url(url: str | None) -> str | None:
    """``url`` if it is an http(s) address, else ``None`` (``javascript:`` never becomes a link).

    Example:
        >>> safe_url("javascript:alert(1)") is None, safe_url("https://example.org/a")
        (True, 'https://example.org/a')
    """
    if not url:
        return None
    cleaned = url.strip()
    scheme = cleaned.split(":", 1)[0].lower() if ":" in cleaned else ""
    if scheme not in ("http", "https") or any(c in cleaned for c in "\x00\n\r\t"):
        return None
    return cleaned


def entry_span(value: str, mod: str | None) -> tuple[str, str] | None:
    """The first and last day a timeline date covers, ISO; a month's START, MID or END
    keeps its first, middle or last ten days ("late June" → June 21–30).

    Example:
        >>> entry_span("2019-06", "END")
        ('2019-06-21', '2019-06-30')
    """
    interval = value_range(value, mod)
    if interval is None:
        return None
    lo, hi = interval
    if mod in ("START", "MID", "END") and len(value) == 7:
        days = (hi - lo).days + 1
        third = days // 3
        if mod == "START":
            hi = lo + dt.timedelta(days=third - 1)
        elif mod == "MID":
            lo, hi = lo + dt.timedelta(days=third), lo + dt.timedelta(days=2 * third - 1)
        else:
            lo = lo + dt.timedelta(days=2 * third)
    return lo.isoformat(), hi.isoformat()


def _css(value: str) -> str:
    return "".join(c if c.isalnum() else "-" for c in value.lower())
