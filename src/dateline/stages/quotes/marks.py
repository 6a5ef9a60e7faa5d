"""Quotation-mark spans in raw text, in every common style.

Pairs “…”, «…», „…“ (or „…”), ‘…’ and the straight "…" and '…'. Curly marks say
which way they face; a straight mark is read from the space around it, as a
typesetter would: after a space and before a word it opens (``"Yes``), after a word
or punctuation and before a space it closes (``yes,"``); a mark with no such clue
opens when no quote is open and closes the open one. A closing ’ or ' between
letters (``don’t``), after a plural (``leaders’ summit``) or a dropped g (``goin'
home``) is an apostrophe, and so is an opening one that starts a clipped word
(``'em``, ``'tis``).

A paragraph that opens a quote and never closes it continues into the next
paragraph when that one opens with a quotation mark: the news convention for quotes
running over several paragraphs. The same holds when an opening mark comes while
a double quote is still open (texts whose paragraph breaks were lost): the open
quote ends there, and the new mark goes on with it as its next piece. A single
quote that meets another opening single mark, or the end of the paragraph, before
it closes was an apostrophe.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

OPEN_CLOSE = {"“": "”", "«": "»", "„": "“”", "‘": "’", '"': '"', "'": "'", "‹": "›"}
#: Every character that may be a quotation mark.
_MARK = re.compile("[\"'“”‘’«»„‹›]")
_PARA = re.compile(r"\n\s*\n|\n(?=\s*[\"“«„‘])")
#: Double quotation marks (a single quote at the top level never runs across an odd one).
_DOUBLE = '"“”„«»'
#: What may stand right before an opening mark, besides space: brackets and dashes.
_BEFORE_OPEN = "([{—–-/"
#: What may stand right after a closing mark, besides space: punctuation and brackets.
_AFTER_CLOSE = ".,;:!?)]}—–-/…"
#: Clipped words that begin with an apostrophe ("'em", "'tis", "rock 'n' roll").
_CLIPPED = frozenset(
    "em tis twas twere twill twould til cause bout round n un ee im er ud d s".split()
)


@dataclass(frozen=True)
class Marked:
    """Text between quotation marks; ``pieces`` are its parts, one per paragraph."""

    pieces: tuple[tuple[int, int], ...]  # inner spans, marks excluded, whitespace trimmed
    open_at: int  # offset of the opening mark
    close_at: int  # offset of the closing mark (or of the end of the last piece)

    @property
    def start(self) -> int:
        return self.pieces[0][0]

    @property
    def end(self) -> int:
        return self.pieces[-1][1]


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _around(text: str, i: int) -> tuple[str, str]:
    return (text[i - 1] if i > 0 else " "), (text[i + 1] if i + 1 < len(text) else " ")


def _is_apostrophe(text: str, i: int) -> bool:
    """’ or ' between letters ("don’t") or after s ("leaders’ summit") is an apostrophe."""
    before, after = _around(text, i)
    return (before.isalnum() and after.isalpha()) or (before in "sS" and after == " ")


def _inside_word(text: str, i: int) -> bool:
    """’ between letters ("don’t") cannot close a quote; after a plural it can."""
    return 0 < i < len(text) - 1 and text[i - 1].isalnum() and text[i + 1].isalpha()


def _facing(text: str, i: int) -> str:
    """Which way a straight mark faces by the space around it: open, close or either."""
    before, after = _around(text, i)
    left = before.isspace() or before in _BEFORE_OPEN or before in "“‘«„"
    right = after.isspace() or after in _AFTER_CLOSE or after in "”’»"
    if left and not right:
        return "open"
    if right and not left:
        return "close"
    return "either"


def _clipped(text: str, i: int) -> bool:
    """'em, 'tis: an apostrophe opening a clipped word, not a quotation mark."""
    word = re.match(r"[A-Za-z]+", text[i + 1 : i + 8])
    return (
        word is not None
        and word.group().lower() in _CLIPPED
        and (i + 1 + word.end() >= len(text) or not text[i + 1 + word.end()].isalpha())
    )


def _straight_single_apostrophe(text: str, i: int) -> bool:
    """' inside a word, after a plural or a dropped g, or opening a clipped word."""
    before, after = _around(text, i)
    if before.isalnum() and after.isalnum():
        return True
    if after.isspace() and before.isalpha():
        word = re.search(r"[A-Za-z]+$", text[max(0, i - 12) : i])
        w = word.group().lower() if word else ""
        return w.endswith("s") or w.endswith("in")
    return _clipped(text, i)


def _opens(text: str, i: int) -> bool:
    ch = text[i]
    if ch not in OPEN_CLOSE:
        return False
    if ch == '"':
        return _facing(text, i) != "close"
    if ch == "'":
        return _facing(text, i) != "close" and not _straight_single_apostrophe(text, i)
    if ch == "‘":
        return not _is_apostrophe(text, i) and not _clipped(text, i)
    return True


def _closes(text: str, j: int, opener: str) -> bool:
    c = text[j]
    if c == opener == "“" and _facing(text, j) == "close":
        return True  # “…“: an opening mark set by mistake where the quote ends
    if c not in OPEN_CLOSE[opener]:
        return False
    if c == '"':
        return _facing(text, j) != "open"
    if c == "'":
        return _facing(text, j) != "open" and not _straight_single_apostrophe(text, j)
    if c == "’":
        return not _inside_word(text, j)
    return True


def _reopens(text: str, j: int, opener: str) -> bool:
    """A mark of the open quote's own kind that plainly opens another quote."""
    c = text[j]
    if c != opener or c in OPEN_CLOSE[opener] and c not in "\"'":
        return False
    if c in "\"'":
        return _facing(text, j) == "open" and _opens(text, j)
    return _opens(text, j)


def _paragraphs(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for m in re.finditer(r"\n", text):
        spans.append((start, m.start()))
        start = m.end()
    spans.append((start, len(text)))
    return [(s, e) for s, e in spans if text[s:e].strip()]


def _close_of(text: str, i: int, end: int) -> tuple[int, str]:
    """Where the quote opened at ``i`` ends before ``end``, and how.

    ``("closed", j)``: at its closing mark ``j``; ``("reopened", j)``: another opening
    mark of its kind at ``j`` (a double quote ends unclosed there, a single one was an
    apostrophe); ``("open", end)``: it runs to the end of the paragraph.
    """
    opener = text[i]
    single = opener in "'‘"
    j = i + 1
    while j < end:
        found = _MARK.search(text, j, end)
        if found is None:
            break
        j = found.start()
        c = text[j]
        if _closes(text, j, opener):
            return j, "closed"
        if _reopens(text, j, opener):
            return j, "reopened"
        if single and c in _DOUBLE and _opens(text, j):
            # a single quote holds a double one only whole: "‘He said “no” to me’"
            inner, how = _close_of(text, j, end)
            if how != "closed":
                return j, "reopened"
            j = inner
        j += 1
    return end, "open"


def _typewriter_doubles(text: str) -> str:
    """``''`` (two straight single quotes) read as one straight double quote.

    A pair that faces one way becomes ``"`` and a space, so offsets stay put (the
    caller moves a closing mark onto the pair's second character).
    """
    if "''" not in text:
        return text

    def one(m: re.Match[str]) -> str:
        before = text[m.start() - 1] if m.start() else " "
        after = text[m.end()] if m.end() < len(text) else " "
        left = before.isspace() or before in _BEFORE_OPEN
        right = after.isspace() or after in _AFTER_CLOSE
        return '" ' if left != right else m.group()

    return re.sub(r"(?<!')''(?!')", one, text)


def find_marked(text: str) -> list[Marked]:
    """All quoted stretches of ``text``, in order, outermost only."""
    plain = _typewriter_doubles(text)
    if plain is not text:
        return [
            Marked(m.pieces, m.open_at, m.close_at + (text[m.close_at : m.close_at + 2] == "''"))
            for m in _find_marked(plain)
        ]
    return _find_marked(text)


def _find_marked(text: str) -> list[Marked]:
    out: list[Marked] = []
    pending: list[tuple[int, int]] = []  # pieces of a quote still open at a paragraph end
    pending_open = -1

    def flush() -> None:
        nonlocal pending, pending_open
        if pending:
            out.append(Marked(tuple(pending), pending_open, pending[-1][1]))
        pending, pending_open = [], -1

    for p_start, p_end in _paragraphs(text):
        i = p_start
        if pending and text[_trim(text, p_start, p_end)[0]] not in OPEN_CLOSE:
            flush()  # the open quote did not continue: keep what we had as a quote of its own
        while i < p_end:
            found = _MARK.search(text, i, p_end)
            if found is None:
                break
            i = found.start()
            ch = text[i]
            if not _opens(text, i):
                i += 1
                continue
            j, how = _close_of(text, i, p_end)
            inner = _trim(text, i + 1, j)
            if how == "closed":
                if inner[1] > inner[0]:
                    if pending:
                        out.append(Marked((*pending, inner), pending_open, j))
                        pending, pending_open = [], -1
                    else:
                        out.append(Marked((inner,), i, j))
                i = j + 1
                continue
            if ch in "'‘":
                # never closed: the first mark was an apostrophe ("the Growers' Association",
                # "'70s"); go on after it, or start again at the mark that reopened
                i = j if how == "reopened" else i + 1
                continue
            # unclosed: a paragraph-long quote that may continue in the next paragraph
            if ch in '“"«„' and inner[1] > inner[0]:
                if not pending:
                    pending_open = i
                pending.append(inner)
            if how == "reopened":
                i = j
                continue
            break
    flush()
    return out
