"""Saved web pages: the article's text and metadata out of an HTML page.

trafilatura finds the main text (navigation, ads, comments and related links are
left out) and reads the page metadata (title, author, site name, canonical URL);
htmldate finds the publication date (page metadata first, then dates shown in the
page, then the URL). A news-specific post-pass (:mod:`dateline.ingest.html_post`)
then removes what trafilatura leaves of a news page's furniture: the headline
repeated in the body, bylines, captions, "share this" and newsletter lines.

Everything here is pure: bytes (or text) in, an :class:`~dateline.records.Article`
out. Nothing is fetched: htmldate is only ever handed a parsed tree, never a string
(it would download a string that looks like a URL).

The reader registry (:mod:`dateline.ingest.base`) is not wired here: the registry
calls :func:`page_article` for ``.html``/``.htm``/``.xhtml`` files and for inputs
:func:`looks_like_html` recognises.
"""

from __future__ import annotations

import codecs
import copy
import datetime as dt
import hashlib
import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from lxml.etree import LxmlError
from lxml.html import HtmlElement

from dateline.config import Config
from dateline.errors import E, InputError
from dateline.ingest.base import decode
from dateline.ingest.fields import article_id, derive_title, source_from_url
from dateline.ingest.html_dates import publication_date
from dateline.ingest.html_post import RULES, SPLIT_BODY, Block, clean_blocks, word_count
from dateline.ingest.html_recover import recover_split_body
from dateline.records import Article

#: The warning returned with a page whose publication date could not be found.
NO_DATE_WARNING = "no publication date found"

# An HTML document starts, after an optional BOM, white space, comments and an XML
# declaration (XHTML), with a doctype or one of the elements a page opens with.
_HTML_START = re.compile(
    rb"\A(?:\s|<!--.*?-->|<\?xml[^>]*\?>)*"
    rb"<(?:!doctype\s+html|html|head|body|meta|article)(?=[\s>/])",
    re.IGNORECASE | re.DOTALL,
)
_SNIFF_BYTES = 4096
# An article has at least one paragraph this long (in words); a page whose extracted
# text has none is a menu, a list of links or a front page.
_SENTENCE_WORDS = 8
# A charset declared in the page: <meta charset=...>, <meta http-equiv=Content-Type
# content="text/html; charset=...">, or an XML declaration's encoding.
_META_CHARSET = re.compile(
    rb"""<meta[^>]*?charset\s*=\s*["']?\s*([a-z0-9_.:-]+)"""
    rb"""|<\?xml[^>]*?encoding\s*=\s*["']([a-z0-9_.:-]+)""",
    re.IGNORECASE,
)
# The WHATWG encoding standard reads these labels as windows-1252 (browsers do).
_AS_CP1252 = {"iso8859-1", "latin-1", "ascii", "cp1252"}


def looks_like_html(head: bytes) -> bool:
    """Whether the first bytes of a file are an HTML (or XHTML) document.

    Recognises a doctype, ``<html``, ``<head``, ``<body``, ``<meta`` or ``<article``
    after an optional byte-order mark, white space, comments and XML declaration.
    Only the first 4 KB are looked at.

    Example:
        >>> looks_like_html(b"\\xef\\xbb\\xbf<!-- saved -->\\n<!DOCTYPE html><html>")
        True
        >>> looks_like_html(b"date 2019-11-07\\nTOKYO, November 7 ...")
        False
    """
    head = head[:_SNIFF_BYTES]
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        # Re-encode the text so the byte pattern applies (unpaired bytes are dropped).
        head = head.decode("utf-16", errors="ignore").encode("utf-8", errors="ignore")
    head = head.removeprefix(codecs.BOM_UTF8)
    return _HTML_START.match(head) is not None


def decode_html(raw: bytes) -> str:
    """Decode a page's bytes: BOM, else UTF-8, else the declared charset, else detection.

    Valid UTF-8 wins over a declared charset: pages often declare ``iso-8859-1`` while
    serving UTF-8, and text in a legacy encoding is almost never valid UTF-8 by chance.

    Example:
        >>> decode_html('<meta charset="iso-8859-1"><p>Caf\\xe9</p>'.encode("latin-1"))
        '<meta charset="iso-8859-1"><p>Café</p>'

    Raises:
        InputError: binary data, or an undeclared encoding that cannot be detected.
    """
    if raw.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return decode(raw)
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    declared = _declared_codec(raw[:_SNIFF_BYTES])
    if declared is not None:
        return raw.decode(declared, errors="replace")
    return decode(raw)


def _declared_codec(head: bytes) -> str | None:
    m = _META_CHARSET.search(head)
    if m is None:
        return None
    label = (m.group(1) or m.group(2)).decode("ascii").lower()
    try:
        name = codecs.lookup(label).name
    except LookupError:
        return None
    if name.startswith("utf-16") or name.startswith("utf-32"):
        return None  # bytes that are not UTF-16 cannot be what the declaration says
    return "cp1252" if name in _AS_CP1252 else name


def page_article(
    raw: bytes | str, *, label: str, url: str | None = None, config: Config
) -> tuple[Article, list[str]]:
    """Read one saved news page into an article, with warnings about what is missing.

    The text is the page's main text, paragraphs separated by blank lines; the title,
    author, site name (the article's ``source``) and canonical URL come from the page
    metadata. The publication date is the page's own (metadata first, then a date
    shown in the page or its URL), else ``config.default_date``; when neither exists
    the article has ``published=None`` and the warnings say so. The id is derived
    from the canonical URL when the page has one (the same page saved twice is the
    same article), else from the text, date and URL.

    Args:
        raw: The page, as bytes (the charset is taken from the page) or text.
        label: Where it was read from, stored as ``Article.path``.
        url: The address the page was fetched from, when known.
        config: ``default_date`` is used when the page has no date.

    Returns:
        The article and a list of warnings (empty when nothing is missing).

    Raises:
        InputError: empty or undecodable input, or no article text in the page
            (``DL114``).

    Example:
        >>> page = b"<html><head><title>Dam opens</title></head><body><article>"
        >>> page += b"<p>" + b"The new dam opened on Monday after six years of work. " * 4
        >>> page += b"</p></article></body></html>"
        >>> article, warnings = page_article(page, label="dam.html", config=Config())
        >>> article.title, warnings
        ('Dam opens', ['no publication date found'])
    """
    page = extract_page(raw, url=url)
    warnings: list[str] = []
    published = page.published
    if published is None:
        published = config.default_date
        if published is None:
            warnings.append(NO_DATE_WARNING)
    canonical = page.url or url
    if page.url and urlsplit(page.url).path.strip("/"):
        # The page names itself: saved again (or fetched under another address), it is
        # the same article. Not when it names a site's front page (a misconfigured
        # canonical link), which would make every story of the site one article.
        key = "url\x1f" + page.url
        ident = hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]
    else:
        ident = article_id(page.text, published, canonical)
    article = Article(
        id=ident,
        title=page.title or derive_title(page.text),
        published=published,
        source=page.site or source_from_url(canonical),
        url=canonical,
        text=page.text,
        path=label,
        author=page.author,
    )
    return article, warnings


@dataclass(frozen=True, slots=True)
class Page:
    """What :func:`extract_page` found in a page (each field ``None`` when absent).

    ``blocks`` are the paragraphs trafilatura extracted, before the news post-pass
    made ``text`` of them, and ``split_blocks`` the same with the paragraphs of a
    story split over several containers recovered (kept so the benchmark can measure
    each rule).
    """

    text: str
    title: str | None
    author: str | None
    published: dt.date | None
    site: str | None
    url: str | None
    blocks: tuple[Block, ...] = ()
    split_blocks: tuple[Block, ...] = ()


def extract_page(
    raw: bytes | str, *, url: str | None = None, rules: tuple[str, ...] = RULES
) -> Page:
    """The main text and metadata of a page, before they become an article.

    ``rules`` names the post-pass rules to apply (all by default; the benchmark
    turns them off one at a time to measure each).

    Example:
        >>> extract_page(b"<html><body><nav>Home</nav></body></html>")  # doctest: +SKIP
        Traceback (most recent call last):
        dateline.errors.InputError: no article text found in the HTML page [DL114]
    """
    import trafilatura

    text = raw if isinstance(raw, str) else _decode_nonempty(raw)
    if not text.strip():
        raise InputError(E.EMPTY)
    tree = _parse(text)
    pristine = copy.deepcopy(tree)  # trafilatura prunes the tree it is given
    # Comments are reader comments under the story, not the story.
    try:
        doc = trafilatura.bare_extraction(
            tree, url=url, with_metadata=True, include_comments=False, include_tables=True
        )
    except (ValueError, LxmlError, RecursionError) as exc:  # a page lxml cannot walk
        raise InputError(E.NO_BODY) from exc
    if doc is None or isinstance(doc, dict) or doc.body is None:
        raise InputError(E.NO_BODY)
    title = _clean(doc.title)
    author = _clean(doc.author)
    blocks = body_blocks(doc.body)
    split_blocks = recover_split_body(blocks, copy.deepcopy(pristine))
    chosen = split_blocks if SPLIT_BODY in rules else blocks
    body = compose_text(chosen, title=title, author=author, rules=rules)
    canonical = _absolute_url(doc.url)
    published = publication_date(pristine, text, url or canonical)
    return Page(
        text=body,
        title=title,
        author=author,
        published=published,
        site=_clean(doc.sitename),
        url=canonical,
        blocks=tuple(blocks),
        split_blocks=tuple(split_blocks),
    )


def compose_text(
    blocks: list[Block], *, title: str | None, author: str | None, rules: tuple[str, ...] = RULES
) -> str:
    """The article text from extracted blocks: the post-pass rules applied, paragraphs
    separated by blank lines.

    Example:
        >>> compose_text([Block("p", "The dam opened on Monday after six years of work.")],
        ...              title=None, author=None)
        'The dam opened on Monday after six years of work.'

    Raises:
        InputError: no paragraph of at least eight words is left (``DL114``).
    """
    body = clean_blocks(blocks, title=title, author=author, rules=rules)
    if not any(word_count(paragraph) >= _SENTENCE_WORDS for paragraph in body):
        # Menus, link lists and headings alone: no sentence of a story.
        raise InputError(E.NO_BODY)
    return "\n\n".join(body)


def _decode_nonempty(raw: bytes) -> str:
    if not raw.strip():
        raise InputError(E.EMPTY)
    return decode_html(raw)


def _parse(text: str) -> HtmlElement:
    from trafilatura import load_html

    # An XML declaration inside a str makes lxml refuse it; the text is decoded already.
    text = re.sub(r"\A\s*<\?xml[^>]*\?>", "", text)
    try:
        tree = load_html(text)
    except (ValueError, TypeError) as exc:  # lxml refuses some malformed documents
        raise InputError(E.NO_BODY) from exc
    if tree is None:
        raise InputError(E.NO_BODY)
    return tree


def _clean(value: str | None) -> str | None:
    if not value:
        return None
    text = " ".join(value.split())
    return text or None


def _absolute_url(value: str | None) -> str | None:
    """An absolute http(s) URL, else ``None`` (a relative canonical link is no id)."""
    if not value:
        return None
    parts = urlsplit(value.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return None
    return value.strip()


# -- the body as paragraphs ------------------------------------------------------

# trafilatura's output elements that hold other blocks rather than text.
_CONTAINERS = {"list", "table", "div", "quote", "body", "section"}


def body_blocks(body: Any) -> list[Block]:
    """The paragraphs of trafilatura's XML body, each with the element it came from.

    A list item, a table row and each paragraph of a block quote is a block of its
    own; a line break inside a paragraph stays a newline.
    """
    blocks: list[Block] = []
    _walk(body, blocks)
    return blocks


def _walk(el: Any, out: list[Block]) -> None:
    if el.text and el.text.strip() and el.tag in _CONTAINERS:
        _add(out, "p", el.text)
    for child in el:
        tag = child.tag
        if tag == "graphic":
            pass  # an image: its alt text or caption is not article text
        elif tag in _CONTAINERS and any(isinstance(g.tag, str) for g in child):
            _walk(child, out)
        elif tag == "row":
            _add(out, "row", " ".join(_inline(cell) for cell in child))
        else:
            _add(out, tag if isinstance(tag, str) else "p", _inline(child))
        if child.tail and child.tail.strip():
            _add(out, "p", child.tail)


def _inline(el: Any) -> str:
    parts = [el.text or ""]
    for child in el:
        parts.append("\n" if child.tag == "lb" else _inline(child))
        parts.append(child.tail or "")
    return "".join(parts)


# Zero-width characters and soft hyphens: invisible in the page, noise in the text.
_INVISIBLE = re.compile("[\u00ad\u200b-\u200d\u2060\ufeff]")


def _add(out: list[Block], kind: str, text: str) -> None:
    text = _INVISIBLE.sub("", text)
    lines = [" ".join(line.split()) for line in text.split("\n")]
    joined = "\n".join(line for line in lines if line)
    if joined:
        out.append(Block(kind, joined))
