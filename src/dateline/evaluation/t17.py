"""Timeline17 (Tran et al. 2013): news articles and gold timelines of long-running stories.

The development topics (bpoil, h1n1, mj) are read from the shared data folder
(``<data root>/timelines/t17-dev``, see its ``LICENCE-NOTE.txt``): the articles
belong to their publishers and have no licence for redistribution, so nothing of
them may ever be copied into this repository, tests included.

A topic is the union of its collections (``bpoil_bbc``, ``bpoil_guardian`` ...),
each a folder holding:

- ``InputDocs/<YYYY-MM-DD>/<n>.htm.txt``: one article, published on the folder's
  date, tokenised Penn-Treebank style (``-LRB-``, ````  ... ''``, ``do n't``),
  one sentence per line. :func:`detokenize` turns each line back into ordinary
  prose for spaCy; the lines stay lines.
- ``timelines/*.txt``: the gold timelines, blocks of a date line
  (``YYYY-MM-DD``), the day's summary sentences, and a line of 32 dashes. Read as
  tilse and news-tls read them: when a date comes twice in one timeline the
  later block replaces the earlier; MJ_bbc's broken date line ``2011-04-0`` is
  2011-04-02 (news-tls). The ``timelines.jsonl`` beside it is a third party's
  conversion with other content and is not read.
- ``keywords.json``: only the collection's name; the topic keywords used as the
  query are news-tls's (:data:`KEYWORDS`).

Example:
    >>> topic = load_topic("h1n1")  # doctest: +SKIP
    >>> len(topic.articles), [len(t.days) for t in topic.timelines]  # doctest: +SKIP
    (405, [7, 11, 14])
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from dateline.evaluation.timeml import data_root
from dateline.ingest.fields import derive_title
from dateline.records import Article

#: The development topics and their collections (the other T17 topics are held out).
TOPICS: dict[str, tuple[str, ...]] = {
    "bpoil": (
        "bpoil_bbc",
        "bpoil_foxnews",
        "bpoil_guardian",
        "bpoil_reuters",
        "bpoil_washingtonpost",
    ),
    "h1n1": ("H1N1_bbc", "H1N1_guardian", "H1N1_reuters"),
    "mj": ("MJ_bbc",),
}
#: news-tls's topic keywords: the query of the protocol.
KEYWORDS: dict[str, tuple[str, ...]] = {
    "bpoil": ("bp", "oil", "spill"),
    "h1n1": ("h1n1", "swine", "flu"),
    "mj": ("michael", "jackson"),
}
#: Outlet of each collection suffix.
SOURCES = {
    "bbc": "BBC",
    "foxnews": "Fox News",
    "guardian": "The Guardian",
    "reuters": "Reuters",
    "washingtonpost": "The Washington Post",
}
#: Date lines that are not ISO dates, as news-tls reads them.
BROKEN_DATES = {"2011-04-0": dt.date(2011, 4, 2)}
SEPARATOR = "-" * 32

Timeline = dict[dt.date, list[str]]


def t17_root() -> Path | None:
    """``<data root>/timelines/t17-dev``, or ``None`` when it is not there."""
    root = data_root()
    if root is None:
        return None
    path = root / "timelines" / "t17-dev"
    return path if path.is_dir() else None


# --------------------------------------------------------------------------- detokenising

_BRACKETS = {
    "-LRB-": "(",
    "-RRB-": ")",
    "-LSB-": "[",
    "-RSB-": "]",
    "-LCB-": "{",
    "-RCB-": "}",
}
#: Tokens written against the previous one.
_CLITICS = {"n't", "'s", "'re", "'ve", "'ll", "'m", "'d", "'", "N'T", "'S", "'RE", "'VE", "'LL"}
_CLOSE = {",", ".", ";", ":", "!", "?", "%", ")", "]", "}", "...", "''"}
_OPEN = {"(", "[", "{", "``", "$", "`", "#"}


def detokenize(line: str) -> str:
    """One PTB-tokenised sentence as ordinary text.

    Brackets and quotes are restored (```` `` ```` and ``''`` become ``"``; `` ` `` becomes
    ``'``), ``\\/`` and ``\\*`` are unescaped, and the spaces that tokenisation put
    before punctuation and clitics (``do n't``, ``BP 's``) and after opening
    brackets, quotes and currency signs are removed.

    Example:
        >>> detokenize("BP 's shares -LRB- in London -RRB- fell `` sharply '' .")
        'BP\\'s shares (in London) fell "sharply".'
    """
    out: list[str] = []
    glue = False  # the next token attaches to the previous one
    for raw in line.split():
        tok = _BRACKETS.get(raw, raw).replace("\\/", "/").replace("\\*", "*")
        attach = glue or tok in _CLOSE or tok in _CLITICS or tok.lower() in _CLITICS
        text = {"``": '"', "''": '"', "`": "'"}.get(tok, tok)
        if out and attach:
            out[-1] += text
        else:
            out.append(text)
        glue = tok in _OPEN
    return " ".join(out)


def detokenize_text(text: str) -> str:
    """Every line of a tokenised text detokenised; empty lines dropped, one sentence a line."""
    lines = (detokenize(line) for line in text.splitlines())
    return "\n".join(line for line in lines if line)


# --------------------------------------------------------------------------- reading


@dataclass(frozen=True, slots=True)
class GoldTimeline:
    """One gold timeline: its collection, file and days (day → sentences, sorted by day)."""

    collection: str
    name: str
    days: Timeline

    @property
    def id(self) -> str:
        return f"{self.collection}/{self.name}"

    @property
    def start(self) -> dt.date:
        return min(self.days)

    @property
    def end(self) -> dt.date:
        return max(self.days)

    def sentences_per_day(self) -> int:
        """Mean summary sentences per day, rounded as news-tls does (Python ``round``)."""
        return round(sum(len(s) for s in self.days.values()) / len(self.days))


@dataclass(frozen=True, slots=True)
class Topic:
    """A T17 topic: articles of all its collections, their gold timelines, the query."""

    name: str
    articles: list[Article]
    timelines: list[GoldTimeline]
    keywords: tuple[str, ...]

    @property
    def query(self) -> str:
        return " ".join(self.keywords)


def _date_line(line: str) -> dt.date | None:
    text = line.strip()
    if text in BROKEN_DATES:
        return BROKEN_DATES[text]
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        return dt.date.fromisoformat(text)
    return None


def read_timeline(path: Path, *, raw: bool = False) -> Timeline:
    """A gold timeline file: day → sentences (detokenised unless ``raw``), sorted by day.

    A block is a date line, its sentences, and the separator; a later block of
    the same day replaces the earlier one.

    Raises:
        ValueError: sentences before any date line.
    """
    days: Timeline = {}
    date: dt.date | None = None
    block: list[str] = []

    def close() -> None:
        if date is not None:
            days[date] = block

    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip() == SEPARATOR:
            close()
            date, block = None, []
            continue
        found = _date_line(line) if date is None else None
        if found is not None:
            date, block = found, []
        elif line.strip():
            if date is None:
                raise ValueError(f"{path}:{number}: a sentence before any date line")
            block.append(line.strip() if raw else detokenize(line))
    close()
    return dict(sorted(days.items()))


def read_article(path: Path, collection: str, *, raw: bool = False) -> Article:
    """One ``InputDocs/<date>/<n>.htm.txt`` file as an :class:`Article`.

    The id is ``<collection>/<date>/<n>``; the text is detokenised (one sentence a
    line) unless ``raw``; the title is derived from the first line.
    """
    date = dt.date.fromisoformat(path.parent.name)
    body = path.read_text(encoding="utf-8", errors="replace")
    text = (
        "\n".join(ln.strip() for ln in body.splitlines() if ln.strip())
        if raw
        else detokenize_text(body)
    )
    name = path.name.removesuffix(".txt").removesuffix(".htm")
    outlet = collection.split("_", 1)[1] if "_" in collection else collection
    return Article(
        id=f"{collection}/{date.isoformat()}/{name}",
        title=derive_title(text),
        published=date,
        source=SOURCES.get(outlet, outlet),
        url=None,
        text=text,
        path=str(path),
    )


def _file_order(path: Path) -> tuple[str, int, str]:
    """Sort key: date folder, then the file's number when it has one."""
    stem = path.name.split(".", 1)[0]
    return (path.parent.name, int(stem) if stem.isdecimal() else -1, path.name)


def read_collection(folder: Path, *, raw: bool = False) -> tuple[list[Article], list[GoldTimeline]]:
    """A collection's articles (by date, then file number) and gold timelines (by file name)."""
    files = sorted((folder / "InputDocs").glob("*/*.txt"), key=_file_order)
    articles = [read_article(p, folder.name, raw=raw) for p in files]
    timelines = [
        GoldTimeline(folder.name, p.stem, read_timeline(p, raw=raw))
        for p in sorted((folder / "timelines").glob("*.txt"))
    ]
    return articles, timelines


def load_topic(name: str, root: Path | None = None, *, raw: bool = False) -> Topic:
    """A development topic: the union of its collections.

    Args:
        name: ``bpoil``, ``h1n1`` or ``mj``.
        root: The ``t17-dev`` folder; :func:`t17_root` when ``None``.
        raw: Keep the tokenised text as it is (articles and gold) instead of detokenising.

    Raises:
        ValueError: an unknown topic.
        FileNotFoundError: the data (or one of the topic's collections) is missing.
    """
    if name not in TOPICS:
        raise ValueError(f"unknown topic {name!r}; expected one of {', '.join(TOPICS)}")
    root = root if root is not None else t17_root()
    if root is None:
        raise FileNotFoundError("T17 not found (timelines/t17-dev in the shared data folder)")
    articles: list[Article] = []
    timelines: list[GoldTimeline] = []
    for collection in TOPICS[name]:
        folder = root / collection
        if not folder.is_dir():
            raise FileNotFoundError(f"missing T17 collection: {folder}")
        arts, tls = read_collection(folder, raw=raw)
        articles += arts
        timelines += tls
    return Topic(name, articles, timelines, KEYWORDS[name])
