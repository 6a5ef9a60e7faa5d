"""Quotation-mark spans in raw text, in every common style.

Pairs “…”, «…», „…“ (or „…”), "…" (straight, toggling) and ‘…’ (only when the
closing ’ is not an apostrophe). A paragraph that opens a quote and never closes
it continues into the next paragraph when that one opens with a quotation mark:
the news convention for quotes running over several paragraphs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

OPEN_CLOSE = {"“": "”", "«": "»", "„": "“”", "‘": "’", '"': '"', "‹": "›"}
_PARA = re.compile(r"\n\s*\n|\n(?=\s*[\"“«„‘])")


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


def _is_apostrophe(text: str, i: int) -> bool:
    """’ or ' between letters ("don’t") or after s ("leaders’ summit") is an apostrophe."""
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return (before.isalnum() and after.isalpha()) or (before in "sS" and after == " ")


def _inside_word(text: str, i: int) -> bool:
    """’ between letters ("don’t") cannot close a quote; after a plural it can."""
    return 0 < i < len(text) - 1 and text[i - 1].isalnum() and text[i + 1].isalpha()


def _paragraphs(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for m in re.finditer(r"\n", text):
        spans.append((start, m.start()))
        start = m.end()
    spans.append((start, len(text)))
    return [(s, e) for s, e in spans if text[s:e].strip()]


def find_marked(text: str) -> list[Marked]:
    """All quoted stretches of ``text``, in order, outermost only."""
    out: list[Marked] = []
    pending: list[tuple[int, int]] = []  # pieces of a quote still open at a paragraph end
    pending_open = -1
    for p_start, p_end in _paragraphs(text):
        i = p_start
        if pending and text[_trim(text, p_start, p_end)[0]] not in OPEN_CLOSE:
            # the open quote did not continue: keep what we had as a quote of its own
            out.append(Marked(tuple(pending), pending_open, pending[-1][1]))
            pending, pending_open = [], -1
        while i < p_end:
            ch = text[i]
            closers = OPEN_CLOSE.get(ch)
            if closers is None or (ch in "‘'" and _is_apostrophe(text, i)):
                i += 1
                continue
            j = i + 1
            while j < p_end:
                c = text[j]
                if c in closers and not (c in "’'" and _inside_word(text, j)):
                    break
                j += 1
            inner = _trim(text, i + 1, j)
            if j < p_end:  # closed in this paragraph
                if inner[1] > inner[0]:
                    if pending:
                        out.append(Marked((*pending, inner), pending_open, j))
                        pending, pending_open = [], -1
                    else:
                        out.append(Marked((inner,), i, j))
                i = j + 1
                continue
            # unclosed: a paragraph-long quote that may continue in the next paragraph
            if ch in '“"«„' and inner[1] > inner[0]:
                if not pending:
                    pending_open = i
                pending.append(inner)
            break
    if pending:
        out.append(Marked(tuple(pending), pending_open, pending[-1][1]))
    return out
