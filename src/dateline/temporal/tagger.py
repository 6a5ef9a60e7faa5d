"""Find every time expression in a text and normalise it against an anchor date.

Every rule of :mod:`dateline.temporal.rules` proposes matches; the longest
non-overlapping ones win (ties: the leftmost, then the earlier rule). Values are
then computed in text order so that anaphoric expressions ("two days later",
"the following year") can lean on the last date mentioned before them.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from dateline.records import Timex
from dateline.temporal import lexicon as lx
from dateline.temporal import values as vl
from dateline.temporal.rules import RULES, Context, Result

#: Stand-in anchor when none is known; values depending on it are blanked to ``X``.
_NO_ANCHOR = dt.date(2000, 6, 15)


#: How far around a trigger word a match may reach (longest: "the year-earlier third quarter").
_REACH = 48
_TOKEN = re.compile(r"[A-Za-z]+|\d+")


def _windows(text: str) -> dict[str, list[tuple[int, int]]]:
    """For each trigger class, the merged stretches of text around its words.

    Stretches end on whitespace so a search never stops inside a word.
    """
    spots: dict[str, list[tuple[int, int]]] = {}
    n = len(text)
    for tok in _TOKEN.finditer(text):
        word = tok.group(0)
        classes = ("num",) if word[0].isdigit() else lx.WORD_CLASSES.get(word.lower(), ())
        if not classes:
            continue
        lo = max(0, tok.start() - _REACH)
        hi = min(n, tok.end() + _REACH)
        while hi < n and not text[hi].isspace():
            hi += 1
        for cls in classes:
            spots.setdefault(cls, []).append((lo, hi))
    return spots


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for lo, hi in sorted(spans):
        if merged and lo <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], hi))
        else:
            merged.append((lo, hi))
    return merged


def _candidates(ctx: Context) -> list[tuple[int, int, int, Result]]:
    """Every accepted match of every rule, searched only near that rule's trigger words."""
    text = ctx.text
    spots = _windows(text)
    found = []
    for order, r in enumerate(RULES):
        spans = [w for cls in r.triggers for w in spots.get(cls, ())]
        for lo, hi in _merge(spans):
            pos = lo
            while (m := r.pattern.search(text, pos, hi)) is not None:
                result = r.handler(m, ctx) if m.end() > m.start() else None
                if result is not None and result[1]:
                    found.append((m.start(), m.end(), order, result))
                    pos = m.end()
                else:  # a rejected long match may hide an acceptable shorter one inside it
                    pos = m.start() + 1
    return found


def _select(found: list[tuple[int, int, int, Result]]) -> list[tuple[int, int, int]]:
    chosen: list[tuple[int, int, int]] = []
    taken: list[tuple[int, int]] = []
    for start, end, order, _ in sorted(found, key=lambda c: (-(c[1] - c[0]), c[0], c[2])):
        if any(start < e and s < end for s, e in taken):
            continue
        taken.append((start, end))
        chosen.append((start, end, order))
    return sorted(chosen)


_ADJECTIVAL_DET = re.compile(
    r"^(?:a|an|the|another)\s+(?=(?:\d|one|two|three|four|five|six|seven|eight|nine|ten|eleven"
    r"|twelve|fifteen|twenty|thirty|forty|fifty|sixty|hundred)[^\s]*(?:[\s-]+\w+)*?[\s-]+"
    r"(?:second|minute|hour|day|night|week|month|quarter|year|decade|century)(?:-old)?$)",
    re.I,
)


_ADJECTIVAL_DATE = re.compile(r"^the\s+(?=(?:fiscal\s+)?[\w]+-(?:quarter|ago|earlier)$)", re.I)


_ABOUT = re.compile(r"about\s+", re.I)


def _trim(text: str, start: int, end: int, ttype: str) -> int:
    """New start without an article that belongs to the noun the expression modifies.

    "a five-year plan" → "five-year"; "the third-quarter loss" → "third-quarter".
    """
    about = _ABOUT.match(text, start, end)
    if about:  # "about two weeks": annotated outside the span, kept as mod APPROX
        start = about.end()
    m = (_ADJECTIVAL_DET if ttype == "DURATION" else _ADJECTIVAL_DATE).match(text[start:end])
    return start + m.end() if m else start


def _blank(value: str, depends: str) -> str:
    if depends == "year" and re.match(r"^\d{4}", value):
        return "XXXX" + value[4:]
    if depends in ("all", "ref"):
        return re.sub(r"\d", "X", value)
    return value


def tag(text: str, anchor: dt.date | None, *, doc: Any = None) -> list[Timex]:
    """Every temporal expression in ``text``, normalised against ``anchor``.

    Args:
        text: The article text; offsets of the results index into it.
        anchor: Publication date. ``None`` leaves anchor-dependent parts as ``X``.
        doc: Optional spaCy ``Doc`` of ``text``; its parse decides tense.
    """
    if not text:
        return []
    base = anchor or _NO_ANCHOR
    ctx = Context(text=text, anchor=base, doc=doc)
    chosen = _select(_candidates(ctx))
    out: list[Timex] = []
    for start, end, order in chosen:
        m = RULES[order].pattern.match(text, start)
        if m is None or m.end() != end:
            continue
        result = RULES[order].handler(m, ctx)
        if result is None or not result[1]:
            continue
        ttype, value, mod, depends = result
        start = _trim(text, start, end, ttype)
        if ttype == "DATE" and depends != "ref" and re.match(r"^\d{4}", value):
            ctx.ref = value
        if anchor is None:
            value = _blank(value, depends)
        out.append(
            Timex(
                start=start,
                end=end,
                text=text[start:end],
                type=ttype,
                value=value,
                mod=mod,
                anchor=anchor.isoformat() if anchor and depends else None,
            )
        )
    return out


__all__ = ["tag", "vl"]
