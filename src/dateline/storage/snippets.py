"""Snippets of article text around what matched: marked for the CLI, or plain with ranges.

The store marks hits with two control characters (:data:`HIT_OPEN`,
:data:`HIT_CLOSE`) that never occur in news text; the CLI renders them as
highlighting. A web page needs plain text it can escape, so :func:`unmark`
turns a marked snippet into text and ``[start, end]`` ranges into it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

#: Marks around matched terms in search snippets (rendered by the CLI).
HIT_OPEN, HIT_CLOSE = "\x02", "\x03"


def context_snippet(text: str, start: int, end: int, *, width: int = 70) -> str:
    """About ``width`` characters either side of ``text[start:end]``, which is marked as a hit.

    Example:
        >>> snippet = context_snippet("It began in 1957.", 12, 16)
        >>> snippet.replace(HIT_OPEN, "[").replace(HIT_CLOSE, "]")
        'It began in [1957].'
    """
    lo, hi = max(0, start - width), min(len(text), end + width)
    if lo > 0:  # cut at word boundaries
        space = text.find(" ", lo, start)
        lo = space + 1 if space >= 0 else lo
    if hi < len(text):
        space = text.rfind(" ", end, hi)
        hi = space if space >= 0 else hi
    return (
        ("…" if lo > 0 else "")
        + text[lo:start] + HIT_OPEN + text[start:end] + HIT_CLOSE + text[end:hi]
        + ("…" if hi < len(text) else "")
    )  # fmt: skip


def unmark(snippet: str) -> tuple[str, list[list[int]]]:
    """A marked snippet as plain text (whitespace runs made one space) and its hit ranges.

    Ranges are ``[start, end]`` offsets into the returned text (Python string
    indices), in order and never overlapping; a page escapes the text and wraps
    each range in ``<mark>``.

    Example:
        >>> unmark("The \\x02peace\\x03\\n\\n\\x02treaty\\x03 talks")
        ('The peace treaty talks', [[4, 9], [10, 16]])
    """
    out: list[str] = []
    ranges: list[list[int]] = []
    opened: int | None = None
    space = False
    for ch in snippet:
        if ch == HIT_OPEN:
            if space and out:
                out.append(" ")
            space = False
            opened = len(out)
        elif ch == HIT_CLOSE:
            if opened is not None and len(out) > opened:
                ranges.append([opened, len(out)])
            opened = None
        elif ch.isspace():
            space = True
        else:
            if space and out:
                out.append(" ")
                if opened == len(out) - 1:  # a hit never starts with the space before it
                    opened += 1
            space = False
            out.append(ch)
    return "".join(out), ranges


def regroup_hits(snippet: str, terms: Sequence[Sequence[str]], stem: Callable[[str], str]) -> str:
    """Hits marked word by word (PostgreSQL's ``ts_headline``) marked as SQLite's FTS5
    marks them: a phrase's adjacent words as one hit, and a word only where it matches a
    term of its own or is part of a phrase match.

    Args:
        snippet: Marked text whose hits are single words.
        terms: The query's terms, each its words' stems (a phrase has several).
        stem: A word's stem, as the text index makes it.

    Example:
        >>> marked = "a \\x02peace\\x03 \\x02treaty\\x03. The \\x02treaty\\x03"
        >>> out = regroup_hits(marked, [["peace", "treaty"]], str.lower)
        >>> out.replace(HIT_OPEN, "[").replace(HIT_CLOSE, "]")
        'a [peace treaty]. The treaty'
    """
    pieces = re.split(f"({HIT_OPEN}[^{HIT_CLOSE}]*{HIT_CLOSE})", snippet)
    hits = [i for i, p in enumerate(pieces) if p.startswith(HIT_OPEN)]
    stems = {i: stem(pieces[i][1:-1]) for i in hits}
    runs: dict[int, int] = {}  # first piece of a kept hit -> its last piece
    k = 0
    while k < len(hits):
        size = 0
        for words in sorted(terms, key=len, reverse=True):
            run = hits[k : k + len(words)]
            if (
                len(run) == len(words)
                and all(b == a + 2 and not re.search(r"\w", pieces[a + 1])
                        for a, b in zip(run, run[1:], strict=False))
                and [stems[i] for i in run] == list(words)
            ):  # fmt: skip
                size = len(words)
                break
        if size:
            runs[hits[k]] = hits[k + size - 1]
        k += max(size, 1)
    out: list[str] = []
    i = 0
    while i < len(pieces):
        if i in runs:
            inner = "".join(p.strip(HIT_OPEN + HIT_CLOSE) for p in pieces[i : runs[i] + 1])
            out.append(HIT_OPEN + inner + HIT_CLOSE)
            i = runs[i] + 1
        else:
            out.append(pieces[i].strip(HIT_OPEN + HIT_CLOSE) if i in stems else pieces[i])
            i += 1
    return "".join(out)
