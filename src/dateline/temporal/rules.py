"""The pattern resource: one rule per family of English time expressions.

A rule is a regular expression (matched case-insensitively on word boundaries)
and a function turning its match into ``(type, value, mod, depends)``, or
``None`` to reject the match (a lower-case "may", a year that is a count).
``depends`` says what the value took from the anchor: ``""`` nothing,
``"year"`` only the year (``November 7``), ``"all"`` everything (``yesterday``);
with no anchor the tagger blanks those parts to ``X``.

Spans follow the TimeML guidelines as TempEval-3 annotates them: determiners and
pre-modifiers are in ("the 1970s", "late June", "about two years", "the past two
months"), prepositions are out ("in 1956" → "1956"), "ago"/"earlier" are in.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from dateline.temporal import lexicon as lx
from dateline.temporal import values as vl
from dateline.temporal.tense import tense_at
from dateline.temporal.values import Tense

Result = tuple[str, str, str | None, str]
#: ``depends`` of values computed from the running reference date: they never replace it.
REF = "ref"


@dataclass
class Context:
    """What a rule may look at: the text, its anchor, the parse, the running reference date."""

    text: str
    anchor: dt.date
    doc: Any = None
    ref: str | None = None  #: last explicit date value mentioned, for "two days later"
    _tense: dict[tuple[int, int, bool], Tense] = field(default_factory=dict)

    def tense(self, start: int, end: int, *, strict: bool = False) -> Tense:
        key = (start, end, strict)
        if key not in self._tense:
            self._tense[key] = tense_at(self.text, start, end, self.doc, strict=strict)
        return self._tense[key]

    def weekday_tense(self, start: int, end: int) -> Tense:
        """Tense for a weekday: future only on a modal or an explicit forward cue."""
        if re.search(
            r"\b(?:as\s+soon\s+as|as\s+early\s+as|until|till|starting|beginning|from)\s*$",
            self.before(start, 20),
            re.I,
        ):
            return "future"
        return self.tense(start, end, strict=True)

    def before(self, start: int, n: int = 30) -> str:
        return self.text[max(0, start - n) : start]

    def after(self, end: int, n: int = 30) -> str:
        return self.text[end : end + n]


Handler = Callable[[re.Match[str], Context], Result | None]


@dataclass(frozen=True)
class Rule:
    """A pattern, its handler, and the word classes (``lexicon.TRIGGERS``) one of which
    every match contains: the tagger only searches around words of those classes."""

    name: str
    pattern: re.Pattern[str]
    handler: Handler
    triggers: frozenset[str]


RULES: list[Rule] = []


def rule(name: str, pattern: str, *, triggers: str) -> Callable[[Handler], Handler]:
    """Register ``handler`` for ``pattern``; ``triggers`` names the word classes it needs."""
    compiled = re.compile(r"(?<![\w'’-])(?:" + pattern + r")(?![\w])", re.I)
    classes = frozenset(triggers.split())
    unknown = classes - set(lx.TRIGGER_CLASSES)
    if unknown:
        raise ValueError(f"rule {name}: unknown trigger classes {sorted(unknown)}")

    def register(handler: Handler) -> Handler:
        RULES.append(Rule(name, compiled, handler, classes))
        return handler

    return register


# --- helpers -------------------------------------------------------------------------------------

MODS = {
    "early": "START", "earlier": "START", "beginning": "START", "start": "START", "dawn": "START",
    "mid": "MID", "middle": "MID", "late": "END", "later": "END", "end": "END", "close": "END",
}  # fmt: skip
PRE = (
    r"(?:(?P<pre>early|late|mid|middle|(?:the\s+)?(?:end|beginning|start|middle|close|dawn)\s+of"
    r"(?:\s+the)?)[\s-]+)?"
)
QMODS = {
    "about": "APPROX", "around": "APPROX", "approximately": "APPROX", "roughly": "APPROX",
    "some": "APPROX", "nearly": "LESS_THAN", "almost": "LESS_THAN", "more than": "MORE_THAN",
    "over": "MORE_THAN", "less than": "LESS_THAN", "under": "LESS_THAN",
    "at least": "EQUAL_OR_MORE",
    "at most": "EQUAL_OR_LESS", "up to": "EQUAL_OR_LESS", "fewer than": "LESS_THAN",
    "no more than": "EQUAL_OR_LESS", "not more than": "EQUAL_OR_LESS", "just under": "LESS_THAN",
    "just over": "MORE_THAN", "well over": "MORE_THAN", "upwards of": "MORE_THAN",
}  # fmt: skip
_QALT = "|".join(sorted((k.replace(" ", r"\s+") for k in QMODS), key=len, reverse=True))
QMOD = rf"(?P<qmod>{_QALT})"
QMOD2 = rf"(?P<qmod2>{_QALT})"
_QOUTER = "|".join(
    sorted(
        (k.replace(" ", r"\s+") for k in QMODS if k not in ("over", "under", "some")),
        key=len,
        reverse=True,
    )
)
QMOD_OUTER = rf"(?P<qmod>{_QOUTER})"


def pre_mod(m: re.Match[str]) -> str | None:
    pre = m.groupdict().get("pre")
    if not pre:
        return None
    word = re.sub(r"^the\s+", "", pre.lower()).split()[0]
    return MODS.get(word)


def qmod(m: re.Match[str]) -> str | None:
    q = m.groupdict().get("qmod") or m.groupdict().get("qmod2")
    return QMODS.get(re.sub(r"\s+", " ", q.lower())) if q else None


def capitalised(word: str) -> bool:
    return word[:1].isupper()


def month_num(word: str) -> int | None:
    return lx.MONTHS.get(word.lower().rstrip("."))


def weekday_num(word: str) -> int | None:
    return lx.WEEKDAYS.get(word.lower().rstrip("."))


def year_num(word: str, anchor: dt.date) -> int:
    w = word.lstrip("'’")
    if len(w) == 2:
        y = int(w)
        century = anchor.year // 100 * 100
        return century + y if century + y <= anchor.year + 10 else century - 100 + y
    return int(w)


def _prev_word(ctx: Context, start: int) -> str:
    words = re.findall(r"[\w'’]+", ctx.before(start, 25))
    return words[-1].lower() if words else ""


DATE_PREPS = {
    "in", "on", "since", "until", "till", "by", "through", "from", "to", "during", "before",
    "after", "of", "early", "late", "mid", "last", "next", "this", "that", "between", "and",
    "or", "around", "as", "for", "at", "into", "than", "circa", "throughout", "within",
}  # fmt: skip


# --- explicit calendar dates ---------------------------------------------------------------------


@rule(
    "month_day",
    rf"(?:(?P<about>around|about|approximately)\s+)?(?:(?P<wd>{lx.WEEKDAY}),?\s+)?(?P<mon>{lx.MONTH})\s+(?P<day>{lx.DAYNUM})"
    rf"(?:,?\s+(?P<year>{lx.YEAR4}|['’]\d\d))?(?![:.,]?\d)",
    triggers="month",
)
def _month_day(m: re.Match[str], ctx: Context) -> Result | None:
    if not capitalised(m["mon"]):
        return None
    mo, d = month_num(m["mon"]), int(re.sub(r"\D", "", m["day"]))
    if mo is None:
        return None
    if m["year"]:
        y, dep = year_num(m["year"], ctx.anchor), ""
    else:
        y, dep = vl.month_day_year(ctx.anchor, mo, d, ctx.tense(m.start(), m.end())), "year"
    mod = "APPROX" if m.groupdict().get("about") else None
    try:
        return "DATE", dt.date(y, mo, d).isoformat(), mod, dep
    except ValueError:
        return None


def _may_is_verb(m: re.Match[str], ctx: Context) -> bool:
    """ "may 5 percent" or "March 20 miles": a verb, unless a date preposition precedes."""
    return _prev_word(ctx, m.start()) not in DATE_PREPS


@rule(
    "day_month",
    rf"(?:(?P<wd>{lx.WEEKDAY}),?\s+)?(?:the\s+)?(?P<day>{lx.DAYNUM})\s+(?:of\s+)?(?P<mon>{lx.MONTH})"
    rf"(?:,?\s+(?P<year>{lx.YEAR4}))?",
    triggers="month",
)
def _day_month(m: re.Match[str], ctx: Context) -> Result | None:
    if not capitalised(m["mon"]):
        return None
    return _month_day(m, ctx)


@rule(
    "month_year", rf"{PRE}(?P<mon>{lx.MONTH}),?\s+(?:of\s+)?(?P<year>{lx.YEAR4})", triggers="month"
)
def _month_year(m: re.Match[str], ctx: Context) -> Result | None:
    mo = month_num(m["mon"])
    if mo is None or not capitalised(m["mon"]):
        return None
    return "DATE", vl.month(int(m["year"]), mo), pre_mod(m), ""


@rule(
    "iso_date",
    r"(?P<year>\d{4})-(?P<mon>\d\d)-(?P<day>\d\d)(?:T(?P<time>\d\d:\d\d)(?::\d\d)?)?",
    triggers="num",
)
def _iso(m: re.Match[str], ctx: Context) -> Result | None:
    try:
        d = dt.date(int(m["year"]), int(m["mon"]), int(m["day"]))
    except ValueError:
        return None
    if m["time"]:
        return "TIME", f"{d.isoformat()}T{m['time']}", None, ""
    return "DATE", d.isoformat(), None, ""


@rule("slash_date", r"(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<year>\d{4}|\d\d)", triggers="num")
def _slash(m: re.Match[str], ctx: Context) -> Result | None:
    a, b = int(m["a"]), int(m["b"])
    mo, d = (a, b) if a <= 12 else (b, a)
    try:
        return "DATE", dt.date(year_num(m["year"], ctx.anchor), mo, d).isoformat(), None, ""
    except ValueError:
        return None


@rule(
    "month",
    rf"{PRE}(?P<mon>{lx.MONTH_FULL}|jan\.|feb\.|aug\.|sept?\.|oct\.|nov\.|dec\.)",
    triggers="month",
)
def _month(m: re.Match[str], ctx: Context) -> Result | None:
    mon = m["mon"]
    if not capitalised(mon):
        return None
    if mon.lower() in ("may", "march") and not m["pre"] and _may_is_verb(m, ctx):
        return None
    mo = month_num(mon)
    if mo is None:
        return None
    y = vl.pick_year(ctx.anchor, (mo,), (ctx.anchor.month,), ctx.tense(m.start(), m.end()))
    return "DATE", vl.month(y, mo), pre_mod(m), "year"


#: After these a four-digit number is never a year, whatever the parser says.
NOT_A_YEAR_NEXT = re.compile(
    r"^\s*(?:%|percent|per\s+cent|±|\+/-|light\b|UTC\b|GMT\b|Z\b|hrs\b|hours\b)", re.I
)
PLURAL_NEXT = re.compile(r"^\s+[a-z]+s\b(?<!\bas)(?<!\bwas)(?<!\bis)(?<!\bthis)(?<!\bits)")
YEAR_REJECT_NEXT = re.compile(
    r"^\s*(?:-\s*\d{2,3}\b"
    r"|people|troops|soldiers|feet|foot|metres|meters|miles|km|kilometers|tons|tonnes|votes"
    r"|cases|deaths|jobs|units|shares|points|acres|pounds|barrels|times)",
    re.I,
)


@rule(
    "year",
    rf"(?:(?P<the>the)\s+(?=early|late|mid|middle|end|beginning|start|close|dawn))?{PRE}"
    rf"(?P<fiscal>fiscal\s+(?:year\s+)?)?(?P<year>{lx.YEAR4})(?!\d|,\d|\.\d|['’]?s\b)"
    r"(?P<post>\s+(?:and\s+beyond|or\s+later|or\s+earlier|or\s+before|or\s+after))?",
    triggers="num",
)
def _year(m: re.Match[str], ctx: Context) -> Result | None:
    if m["the"] and not m["pre"]:
        return None
    before = ctx.before(m.start(), 12)
    if re.search(r"(?:[$£€#]|No\.|no\.|\d[,.]?)\s*$", before):
        return None
    ent = _ent_type(ctx, m.start("year"), m.end("year"))
    if ent in ("MONEY", "QUANTITY", "PERCENT", "CARDINAL", "ORDINAL"):
        return None
    if NOT_A_YEAR_NEXT.match(ctx.after(m.end("year"), 20)):
        return None
    if (
        ent != "DATE"
        and not m["fiscal"]
        and (
            YEAR_REJECT_NEXT.match(ctx.after(m.end(), 20))
            or PLURAL_NEXT.match(ctx.after(m.end(), 20))
        )
    ):
        return None
    y = int(m["year"])
    if y < 1000 or y > ctx.anchor.year + 100:
        return None
    post = (m["post"] or "").split()[-1:] or [""]
    mod = {
        "beyond": "ON_OR_AFTER",
        "later": "ON_OR_AFTER",
        "after": "ON_OR_AFTER",
        "earlier": "ON_OR_BEFORE",
        "before": "ON_OR_BEFORE",
    }.get(post[0].lower(), pre_mod(m))
    return "DATE", f"{y:04d}", mod, ""


def _ent_type(ctx: Context, start: int, end: int) -> str:
    """spaCy's entity label at this span ("" without a parse or outside entities)."""
    if ctx.doc is None:
        return ""
    span = ctx.doc.char_span(start, end, alignment_mode="expand")
    return str(span[0].ent_type_) if span is not None and len(span) else ""


def _token(ctx: Context, start: int, end: int) -> Any:
    if ctx.doc is None:
        return None
    span = ctx.doc.char_span(start, end, alignment_mode="expand")
    return span[0] if span is not None and len(span) else None


@rule(
    "season_year",
    rf"(?:(?P<the>the)\s+)?{PRE}(?P<season>{lx.SEASON})(?:\s+of)?\s+(?P<year>{lx.YEAR4})",
    triggers="season",
)
def _season_year(m: re.Match[str], ctx: Context) -> Result | None:
    return "DATE", f"{m['year']}-{lx.SEASONS[m['season'].lower()]}", pre_mod(m), ""


@rule(
    "split_season",
    rf"(?:the\s+)?(?P<y1>{lx.YEAR4})[/–-](?P<y2>\d\d|\d{{4}})\s+(?P<what>season|fiscal\s+year|school\s+year|academic\s+year)",
    triggers="num",
)
def _split_season(m: re.Match[str], ctx: Context) -> Result | None:
    return "DATE", m["y1"], None, ""


# --- coarse: decades, centuries, seasons, quarters, halves ---------------------------------------

DECADE_WORDS = {
    "twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6, "seventies": 7,
    "eighties": 8, "nineties": 9,
}  # fmt: skip


@rule(
    "decade",
    rf"(?:(?P<the>the)\s+)?{PRE}(?P<dec>1\d\d0s|20\d0s|['’]\d0s|\d0s|twenties|thirties|forties"
    r"|fifties|sixties|seventies|eighties|nineties)",
    triggers="num decadeword",
)
def _decade(m: re.Match[str], ctx: Context) -> Result | None:
    dec = m["dec"].lower()
    if dec in DECADE_WORDS:
        if not m["the"]:
            return None  # "in his fifties" is an age
        value = f"19{DECADE_WORDS[dec]}"
    elif len(dec) == 5:
        value = dec[:3]
    else:
        d = int(dec.lstrip("'’")[0])
        if dec[0].isdigit() and not m["the"] and not m["pre"]:
            return None  # "in their 30s" is an age
        value = f"{(ctx.anchor.year // 100) - (1 if d * 10 > ctx.anchor.year % 100 else 0)}{d}"
    return "DATE", value, pre_mod(m), ""


@rule(
    "century", rf"(?:(?P<the>the)\s+)?{PRE}(?P<ord>{lx.ORDINAL})[\s-]+century", triggers="century"
)
def _century(m: re.Match[str], ctx: Context) -> Result | None:
    o = m["ord"].lower()
    n = int(o[:-2]) if o[0].isdecimal() else lx.ORDINALS.get(o)
    if not n or n < 1:
        return None
    return "DATE", f"{n - 1:02d}", pre_mod(m), ""


@rule(
    "this_century",
    r"(?P<rel>this|last|next|the\s+last|the\s+next|the\s+past)\s+century",
    triggers="century",
)
def _this_century(m: re.Match[str], ctx: Context) -> Result | None:
    n = {"this": 0, "last": -1, "next": 1}[m["rel"].lower().split()[-1].replace("past", "last")]
    return "DATE", vl.shift(ctx.anchor, n, "CE") or "", None, "all"


@rule(
    "season",
    rf"(?P<rel>this\s+past|this\s+coming|this|last|next|past|the\s+past|the\s+coming|coming|the"
    rf"|the\s+early|the\s+late|early|late|mid)[\s-]+(?P<season>{lx.SEASON})",
    triggers="season",
)
def _season(m: re.Match[str], ctx: Context) -> Result | None:
    code = lx.SEASONS[m["season"].lower()]
    rel = m["rel"].lower().split()[-1]
    order = ["WI", "SP", "SU", "FA"]
    now = order[(ctx.anchor.month % 12) // 3]
    key, nowkey = order.index(code), order.index(now)
    if rel == "last":
        y = ctx.anchor.year - 1
    elif rel == "past":
        y = ctx.anchor.year if key < nowkey else ctx.anchor.year - 1
    elif rel in ("next", "coming"):
        y = ctx.anchor.year if key > nowkey else ctx.anchor.year + 1
    elif rel == "this":
        y = ctx.anchor.year
    else:
        if rel == "the" and _prev_word(ctx, m.start()) not in (
            "in",
            "during",
            "by",
            "until",
            "since",
            "this",
            "over",
            "through",
            "for",
        ):
            return None
        y = vl.pick_year(ctx.anchor, (key,), (nowkey,), ctx.tense(m.start(), m.end()), 4)
    mod = MODS.get(rel)
    return "DATE", f"{y:04d}-{code}", mod, "all"


QUARTER_ORD = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "1st": 1,
    "2nd": 2,
    "3rd": 3,
    "4th": 4,
}


@rule(
    "quarter",
    r"(?:(?P<the>the)\s+)?(?:(?P<y0>\d{4})(?:['’]s)?\s+|(?P<yrel>this|last|next)\s+year['’]s\s+"
    r"|(?P<ya>year-ago|year-earlier|comparable|comparable\s+year-ago)\s+)?"
    r"(?:(?:fiscal|calendar)\s+)?"
    r"(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th)[\s-]+(?:fiscal\s+|calendar\s+)?quarter"
    r"(?:\s+of\s+(?:(?:the\s+)?(?:fiscal|calendar)\s+(?:year\s+)?)?(?P<year>\d{4}))?"
    r"|(?P<q>Q[1-4])\s+(?P<y2>\d{4})",
    triggers="quarter",
)
def _quarter(m: re.Match[str], ctx: Context) -> Result | None:
    q = QUARTER_ORD[m["ord"].lower()] if m["ord"] else int(m["q"][1])
    y_text = m["year"] or m["y0"] or m["y2"]
    if y_text:
        return "DATE", f"{y_text}-Q{q}", None, ""
    if m["yrel"]:
        n = {"this": 0, "last": -1, "next": 1}[m["yrel"].lower()]
        return "DATE", f"{ctx.anchor.year + n:04d}-Q{q}", None, "all"
    if m["ya"]:
        y = vl.pick_year(ctx.anchor, (q,), (vl.quarter_of(ctx.anchor),), "past", 4) - 1
        return "DATE", f"{y:04d}-Q{q}", None, REF
    # tense misleads here ("will report third-quarter results" is about the last quarter)
    y = vl.pick_year(ctx.anchor, (q,), (vl.quarter_of(ctx.anchor),), "unknown", 4)
    return "DATE", f"{y:04d}-Q{q}", None, "all"


@rule(
    "rel_quarter",
    r"(?:the\s+)?(?P<rel>latest|current|past|previous|last|next|coming|same|year-ago|year-earlier"
    r"|preceding|prior|comparable|recent|this)[\s-]+(?:fiscal\s+)?quarter",
    triggers="quarter",
)
def _rel_quarter(m: re.Match[str], ctx: Context) -> Result | None:
    rel = m["rel"].lower()
    if rel in ("current", "this"):
        return "DATE", vl.shift(ctx.anchor, 0, "Q") or "", None, "all"
    if rel in ("next", "coming"):
        return "DATE", vl.shift(ctx.anchor, 1, "Q") or "", None, "all"
    base = ctx.ref if ctx.ref and re.match(r"^\d{4}-Q", ctx.ref) else vl.shift(ctx.anchor, -1, "Q")
    assert base is not None
    if rel in ("year-ago", "year-earlier", "comparable"):
        return "DATE", vl.shift_value(base, -1, "Y") or "", None, REF
    return "DATE", base, None, REF


@rule(
    "half",
    r"(?:the\s+)?(?P<ord>first|second|latter|last)\s+half\s+of\s+(?:(?P<year>\d{4})|(?P<rel>this|last|next|the)\s+year)",
    triggers="num unit",
)
def _half(m: re.Match[str], ctx: Context) -> Result | None:
    h = 1 if m["ord"].lower() == "first" else 2
    if m["year"]:
        return "DATE", f"{m['year']}-H{h}", None, ""
    n = {"this": 0, "the": 0, "last": -1, "next": 1}[m["rel"].lower()]
    return "DATE", f"{ctx.anchor.year + n:04d}-H{h}", None, "all"


# --- deictic days, now, past and future ----------------------------------------------------------


DEICTIC = {"today": 0, "yesterday": -1, "tomorrow": 1, "tonight": 0}


@rule(
    "deictic",
    r"(?:(?P<pre>early|late|earlier|later)\s+)?(?P<w>today|yesterday|tomorrow|tonight"
    r"|the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow)"
    rf"(?:\s+(?P<part>{lx.DAYPART}))?",
    triggers="deictic",
)
def _deictic(m: re.Match[str], ctx: Context) -> Result | None:
    w = m["w"].lower()
    n = DEICTIC.get(w, -2 if "before" in w else 2)
    d = (ctx.anchor + dt.timedelta(days=n)).isoformat()
    if w == "tonight":
        return "TIME", f"{d}TNI", None, "all"
    if m["part"]:
        return "TIME", f"{d}T{lx.DAYPARTS[m['part'].lower()]}", None, "all"
    mod = MODS.get((m["pre"] or "").lower())
    return "DATE", d, mod, "all"


@rule(
    "daypart",
    rf"(?P<rel>this|last|tomorrow|yesterday)\s+(?P<part>{lx.DAYPART})",
    triggers="deictic",
)
def _daypart(m: re.Match[str], ctx: Context) -> Result | None:
    rel, part = m["rel"].lower(), m["part"].lower()
    n = {"this": 0, "last": -1, "tomorrow": 1, "yesterday": -1}[rel]
    if rel == "last" and part != "night":
        n = -1
    d = (ctx.anchor + dt.timedelta(days=n)).isoformat()
    return "TIME", f"{d}T{lx.DAYPARTS[part]}", None, "all"


@rule(
    "present_ref",
    r"now|currently|nowadays|at\s+present|presently|these\s+days"
    r"|the\s+present(?:\s+day)?|present\s+day|the\s+moment",
    triggers="ref",
)
def _present(m: re.Match[str], ctx: Context) -> Result | None:
    w = m.group(0).lower()
    if w == "now" and re.match(r"\s*(?:that|on)\b", ctx.after(m.end())):
        return None  # "now that", "from now on"
    if w == "now" and re.search(
        r"\b(?:by|until|till|from|ago)\s*$", ctx.before(m.start(), 8), re.I
    ):
        return "DATE", "PRESENT_REF", None, ""
    if w in ("the moment",) and _prev_word(ctx, m.start()) != "at":
        return None
    if w == "presently" or (w.startswith("the present") and "day" not in w):
        if not re.match(r"\s*(?:day|time)\b", ctx.after(m.end())) and w == "presently":
            return "DATE", "PRESENT_REF", None, ""
    return "DATE", "PRESENT_REF", None, ""


@rule(
    "past_ref",
    r"recently|lately|formerly|the\s+past|in\s+the\s+past|the\s+recent\s+past"
    r"|the\s+distant\s+past|once",
    triggers="ref",
)
def _past(m: re.Match[str], ctx: Context) -> Result | None:
    w = re.sub(r"\s+", " ", m.group(0).lower())
    if w == "once" or w == "formerly":
        return None
    if w == "in the past":
        return None  # the bare "the past" rule matches inside it
    return "DATE", "PAST_REF", None, ""


@rule("future_ref", r"the\s+(?:near\s+|distant\s+|foreseeable\s+)?future|future", triggers="ref")
def _future(m: re.Match[str], ctx: Context) -> Result | None:
    if not m.group(0).lower().startswith("the"):
        prev = _prev_word(ctx, m.start())
        if prev not in ("in", "near", "the") or re.match(r"\s+[a-z]", ctx.after(m.end())):
            return None
    elif (
        re.match(r"\s+(?:of|for)\s", ctx.after(m.end()))
        or re.match(r"\s+[a-z]+", ctx.after(m.end()))
        and not re.match(r"\s+(?:and|or|as|is|was|will|would|but|when|that)\b", ctx.after(m.end()))
    ):
        return None
    return "DATE", "FUTURE_REF", None, ""


# --- relative units: last week, this year, next month, the weekend -------------------------------

#: The granularity a value must have to stand for "the <unit>" (a year cannot be "the month").
_UNIT_GRANULARITY = {"M": "month", "Y": "year", "W": "week", "Q": "quarter"}


def _fits(value: str, unit: str) -> bool:
    """Whether an anaphor's value from the reference date has the unit's own granularity."""
    wanted = _UNIT_GRANULARITY.get(unit)
    return wanted is None or vl.granularity(value) == wanted


REL_N = {
    "last": -1, "past": -1, "previous": -1, "this": 0, "current": 0, "next": 1, "coming": 1,
    "following": 1, "same": 0, "that": 0, "the": 0, "preceding": -1, "prior": -1,
}  # fmt: skip


@rule(
    "rel_unit",
    r"(?P<the>the\s+)?(?P<rel>last|past|previous|this|current|next|coming|following|same|that"
    r"|preceding|prior)\s+(?P<unit>week|month|year|weekend|decade|fortnight)(?P<orso>\s+or\s+so)?",
    triggers="unit",
)
def _rel_unit(m: re.Match[str], ctx: Context) -> Result | None:
    rel, unit = m["rel"].lower(), lx.unit_code(m["unit"]) or ""
    if m["the"] and rel in ("past", "last") and unit == "DE":
        return "DURATION", "P1DE", "APPROX" if m["orso"] else None, ""  # "over the past decade"
    if m["orso"]:
        v = vl.shift(ctx.anchor, REL_N[rel], unit)
        return ("DATE", v, "APPROX", "all") if v else None
    n = REL_N[rel]
    anaphoric = rel in ("following", "same", "that", "preceding", "prior") or (
        rel == "previous" and m["the"]
    )
    if anaphoric and ctx.ref:
        v = vl.truncate(vl.shift_value(ctx.ref, n, unit), unit)
        if v and _fits(v, unit):
            return "DATE", v, None, REF
    v = vl.shift(ctx.anchor, n, unit)
    return ("DATE", v, None, "all") if v else None


@rule("the_weekend", r"(?P<the>the|this|last|next)\s+weekend", triggers="unit")
def _weekend(m: re.Match[str], ctx: Context) -> Result | None:
    rel = m["the"].lower()
    if rel != "the":
        return "DATE", vl.shift(ctx.anchor, REL_N[rel], "WE") or "", None, "all"
    tense = ctx.tense(m.start(), m.end())
    n = 0
    if tense == "past" and ctx.anchor.isoweekday() < 6:
        n = -1
    return "DATE", vl.shift(ctx.anchor, n, "WE") or "", None, "all"


@rule(
    "edge_of_unit",
    r"(?P<pre>earlier|later|early|late|the\s+end\s+of|the\s+start\s+of|the\s+beginning\s+of"
    r"|the\s+middle\s+of|the\s+rest\s+of|mid)[\s-]+(?P<rel>this|last|next|the|that)\s+"
    r"(?P<unit>week|month|year|decade|century|quarter)",
    triggers="unit",
)
def _edge(m: re.Match[str], ctx: Context) -> Result | None:
    pre = m["pre"].lower()
    word = re.sub(r"^the\s+", "", pre).split()[0]
    mod = MODS.get(word) if word != "rest" else "END"
    rel = m["rel"].lower()
    unit = lx.unit_code(m["unit"]) or ""
    n = {"this": 0, "the": 0, "that": 0, "last": -1, "next": 1}[rel]
    if rel in ("the", "that") and ctx.ref:
        v = vl.truncate(ctx.ref, unit)
        if v and _fits(v, unit):
            return "DATE", v, mod, REF
    v = vl.shift(ctx.anchor, n, unit)
    return ("DATE", v, mod, "all") if v else None


@rule(
    "earlier_in",
    r"(?P<pre>earlier|later)\s+in\s+the\s+(?P<unit>week|month|year|day)",
    triggers="unit deictic",
)
def _earlier_in(m: re.Match[str], ctx: Context) -> Result | None:
    unit = lx.unit_code(m["unit"]) or ""
    v = vl.shift(ctx.anchor, 0, unit)
    return ("DATE", v, MODS[m["pre"].lower()], "all") if v else None


@rule(
    "rel_weekday",
    rf"(?P<rel>last|this|next|coming|past|this\s+past|this\s+coming)\s+(?P<wd>{lx.WEEKDAY})"
    rf"(?:\s+(?P<part>{lx.DAYPART}))?",
    triggers="weekday",
)
def _rel_weekday(m: re.Match[str], ctx: Context) -> Result | None:
    wd = weekday_num(m["wd"])
    if wd is None:
        return None
    rel = m["rel"].lower().split()[-1]
    if rel in ("last", "past"):
        d = vl.weekday_date(ctx.anchor - dt.timedelta(days=1), wd, "past")
    elif rel in ("next", "coming"):
        d = vl.weekday_date(ctx.anchor, wd, "future")
    else:
        d = ctx.anchor + dt.timedelta(days=wd - ctx.anchor.isoweekday())
    if m["part"]:
        return "TIME", f"{d.isoformat()}T{lx.DAYPARTS[m['part'].lower()]}", None, "all"
    return "DATE", d.isoformat(), None, "all"


@rule(
    "weekday",
    rf"(?:(?P<pre>early|late)\s+)?(?P<wd>{lx.WEEKDAY})(?:\s+(?P<part>{lx.DAYPART}))?",
    triggers="weekday",
)
def _weekday(m: re.Match[str], ctx: Context) -> Result | None:
    if not capitalised(m["wd"]):
        return None
    wd = weekday_num(m["wd"])
    if wd is None:
        return None
    d = vl.weekday_date(ctx.anchor, wd, ctx.weekday_tense(m.start(), m.end()))
    if m["part"]:
        return "TIME", f"{d.isoformat()}T{lx.DAYPARTS[m['part'].lower()]}", None, "all"
    return "DATE", d.isoformat(), MODS.get((m["pre"] or "").lower()), "all"


@rule(
    "rel_month",
    rf"(?P<rel>last|this|next|coming|past|this\s+past)\s+(?P<mon>{lx.MONTH_FULL})",
    triggers="month",
)
def _rel_month(m: re.Match[str], ctx: Context) -> Result | None:
    mo = month_num(m["mon"])
    if mo is None:
        return None
    rel = m["rel"].lower().split()[-1]
    if rel in ("last", "past"):
        y = ctx.anchor.year if mo < ctx.anchor.month else ctx.anchor.year - 1
    elif rel in ("next", "coming"):
        y = ctx.anchor.year if mo > ctx.anchor.month else ctx.anchor.year + 1
    else:
        y = ctx.anchor.year
    return "DATE", vl.month(y, mo), None, "all"


# --- counted units: durations, "ago", "later" ----------------------------------------------------

DUR_PRE = (
    r"(?:(?P<det>the|a|an|another)\s+)?"
    r"(?:(?P<span>past|last|next|first|previous|coming|following|final|remaining|initial|latest"
    r"|preceding|prior|same|subsequent|ensuing)\s+)?"
)
COUNT = rf"(?P<num>\d+\s+1/2|\d+\s+and\s+a\s+half|{lx.VAGUE_NUMBER}|{lx.NUMBER}|\d+(?:\.\d+)?)"
ADJ = (
    r"(?:[\s-]+(?P<adj>remaining|more|additional|consecutive|straight|full|long|extra|successive"
    r"|separate|further|intervening|busy|difficult|hard|short|tumultuous|turbulent|critical"
    r"|crucial|key|odd|plus|or\s+so|trading|business|working|calendar))?"
)


def dur_value(num: str, unit: str) -> str | None:
    """``("two", "Y")`` → ``P2Y``; vague counts give ``X``; hours and minutes go after ``T``."""
    n_text = re.sub(r"\s+", " ", num.lower())
    if n_text in lx.VAGUE or n_text in ("few",):
        n: str = "X"
    else:
        half = re.fullmatch(r"(\w+) (?:and a half|1/2)", n_text)
        whole = lx.word_number(half[1]) if half else None
        if whole is not None:
            n = f"{whole}.5"
        elif re.fullmatch(r"\d+\.\d+", n_text):
            n = n_text
        else:
            k = lx.word_number(n_text)
            if k is None:
                return None
            n = str(k)
    if n.endswith(".5"):
        whole_n = n[:-2]
        halves = {
            "Y": f"P{whole_n}Y6M",
            "M": f"P{whole_n}M15D",
            "D": f"P{whole_n}DT12H",
            "H": f"PT{whole_n}H30M",
            "MIN": f"PT{whole_n}M30S",
            "W": f"P{whole_n}W3D12H",
        }
        if unit in halves:
            return halves[unit].replace("P0Y", "P").replace("PT0H", "PT").replace("PT0M", "PT")

    def mul(k: int) -> str:
        if n == "X":
            return "X"
        return str(int(float(n) * k)) if float(n) * k == int(float(n) * k) else str(float(n) * k)

    if unit in ("H", "S"):
        return f"PT{n}{unit}"
    if unit == "MIN":
        return f"PT{n}M"
    if unit == "Q":
        return f"P{mul(3)}M" if n != "X" else "PXQ"
    if unit == "FN":
        return f"P{mul(2)}W"
    if unit in ("Y", "M", "W", "D", "DE", "CE", "WE"):
        return f"P{n}{unit}"
    if unit == "ML":
        return f"P{mul(1000)}Y"
    return None


@rule(
    "ago",
    rf"(?:{QMOD}\s+)?{COUNT}[\s-]+(?P<unit>{lx.UNIT})\s+"
    r"(?P<dir>ago|earlier|later|before|after|from\s+now|hence|since|previously|prior|back|on)",
    triggers="unit",
)
def _ago(m: re.Match[str], ctx: Context) -> Result | None:
    direction = re.sub(r"\s+", " ", m["dir"].lower())
    unit = lx.unit_code(m["unit"]) or ""
    if direction in ("earlier", "later") and re.match(r"\s+than\b", ctx.after(m.end())):
        return None  # "a month earlier than usual": the duration is the timex
    if direction in ("before", "after", "since", "prior", "on"):
        return None  # "two days before the vote": the duration is the timex (another rule)
    past = direction in ("ago", "earlier", "before", "previously", "back")
    k = lx.word_number(m["num"])
    if k is None:
        return "DATE", "PAST_REF" if past else "FUTURE_REF", None, ""
    n = -k if past else k
    base_is_ref = direction in ("earlier", "later") and ctx.ref is not None
    if unit == "Y" and k == 1 and ctx.ref and vl.granularity(ctx.ref) == "quarter":
        base_is_ref = True  # "profit rose from a year ago" after a quarter: that quarter last year
    if base_is_ref:
        assert ctx.ref is not None
        v = vl.shift_value(ctx.ref, n, unit)
    else:
        v = vl.shift(ctx.anchor, n, unit)
    if v is None:
        return None
    return "DATE", v, qmod(m), REF if base_is_ref else "all"


@rule(
    "duration",
    rf"(?:{QMOD_OUTER}\s+)?{DUR_PRE}(?:{QMOD2}\s+)?{COUNT}{ADJ}[\s-]+(?P<unit>{lx.UNIT})"
    r"(?P<half>\s+and\s+a\s+half)?(?P<old>-old)?(?P<orso>\s+or\s+so)?",
    triggers="unit",
)
def _duration(m: re.Match[str], ctx: Context) -> Result | None:
    num = re.sub(r"\s+", " ", m["num"].lower())
    unit = lx.unit_code(m["unit"]) or ""
    if unit == "Q" and (
        re.match(r"\s+of\b", ctx.after(m.end()))
        or m["unit"].lower() == "quarters"
        and "-" in m.group(0)
    ):
        return None  # "three-quarters of its food", "a quarter of the vote"
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+|\d{5,}", num):
        return None  # "300,000 last year" counts something else
    if re.fullmatch(r"0\d[0-5]\d", num) and unit == "H":
        return None  # "0600 hours" is a clock time
    if re.fullmatch(r"1[0-9]{3}|20[0-9]{2}", num) and not m["unit"].lower().endswith("s"):
        return None  # "the 1988 quarter" is a date
    if (
        unit == "S"
        and num in ("a", "one")
        and not qmod(m)
        and not re.match(
            r"\s*(?:[.,;:!?)]|$|or\b|ago\b|later\b|earlier\b|after\b|before\b)", ctx.after(m.end())
        )
    ):
        return None  # "a second term", "one second-hand car": the ordinal, not the unit
    if m["old"]:
        return None  # ages ("a 10-year-old boy") are not time expressions in TempEval-3's data
    if m["half"]:
        num = f"{num} and a half"
    if num in ("a", "an") and not m["span"] and not qmod(m):
        prev = ctx.before(m.start(), 20)
        if re.search(
            r"(?:\d|%|percent|once|twice|times|cents?|dollars?|\$[\d.,]+\s*\w*)\s*$", prev, re.I
        ):
            return (
                "SET",
                f"P1{unit if unit not in ('H', 'MIN', 'S') else ''}"
                if unit not in ("H", "MIN", "S")
                else f"PT1{'M' if unit == 'MIN' else unit}",
                None,
                "",
            )
    if (
        num in ("one", "a", "an")
        and unit == "D"
        and not m["span"]
        and not qmod(m)
        and re.match(r"\s+(?:after|before|when|,)", ctx.after(m.end())) is None
        and m["det"] is None
        and num == "one"
    ):
        return "DATE", "XXXX-XX-XX", None, ""
    if (
        m["span"]
        and m["span"].lower() in ("first", "final", "last", "remaining", "initial")
        and num in ("a", "an")
    ):
        return None
    if m["det"] and m["det"].lower() in ("a", "an") and num in ("a", "an"):
        return None
    v = dur_value(num, unit)
    if v is None:
        return None
    return "DURATION", v, "APPROX" if m["orso"] else qmod(m), ""


@rule(
    "vague_duration",
    r"(?:(?P<the>the)\s+)?(?P<rel>recent|coming|past|next|last|previous|following|ensuing|early"
    r"|intervening)\s+(?:(?:few|several|many)\s+)?(?P<unit>years|months|weeks|days|decades|hours"
    r"|centuries|minutes)(?:\s+ahead)?|(?P<the2>the)\s+(?P<unit2>weeks|months|years|days)\s+ahead",
    triggers="unit",
)
def _vague_duration(m: re.Match[str], ctx: Context) -> Result | None:
    unit = lx.unit_code(m["unit"] or m["unit2"]) or ""
    if (m["rel"] or "").lower() == "early" and not m["the"]:
        return None
    return (
        "DURATION",
        f"P{'T' if unit in ('H', 'MIN') else ''}X{'M' if unit == 'MIN' else unit}",
        None,
        "",
    )


@rule(
    "bare_units",
    r"(?P<the>the\s+)?(?P<unit>years|months|weeks|days|hours|decades|centuries)",
    triggers="unit",
)
def _bare_units(m: re.Match[str], ctx: Context) -> Result | None:
    prev = _prev_word(ctx, m.start())
    if prev == "light":
        return None  # a distance
    parser_says_date = _ent_type(ctx, m.start("unit"), m.end()) in ("DATE", "TIME")
    if m["the"] and not parser_says_date:
        return None
    if not parser_says_date and prev not in (
        "for",
        "in",
        "over",
        "within",
        "took",
        "spent",
        "lasted",
        "after",
        "last",
    ):
        return None
    if re.match(r"\s+(?:of|ago|old|later|earlier|before|after|since)\b", ctx.after(m.end())):
        return None
    unit = lx.unit_code(m["unit"]) or ""
    return "DURATION", f"PX{unit}", None, ""


# --- clock times ---------------------------------------------------------------------------------


@rule(
    "clock",
    r"(?:(?P<qmod>about|around|approximately|shortly\s+(?:after|before)|just\s+(?:after|before))\s+)?"
    r"(?P<h>\d{1,2})(?:[:.](?P<mi>\d\d))?\s*(?P<ap>a\.\s?m\.|p\.\s?m\.|am\b|pm\b|a\.m|p\.m)"
    rf"(?P<tz>{lx.TZ})?(?:,?\s+(?P<day>today|yesterday|tomorrow|(?:{lx.WEEKDAY})))?"
    rf"(?:,?\s+(?P<dmon>{lx.MONTH})\s+(?P<dday>{lx.DAYNUM})(?![\d:]))?"
    r"|(?P<h24>[01]\d|2[0-3]):(?P<mi24>[0-5]\d)(?:\s*(?:GMT|UTC|hrs|hours|h))?",
    triggers="num",
)
def _clock(m: re.Match[str], ctx: Context) -> Result | None:
    if m["h24"]:
        if re.search(r"\d[:.]?$", ctx.before(m.start(), 2)):
            return None
        h, mi = int(m["h24"]), int(m["mi24"])
        d = ctx.anchor
    else:
        h, mi = int(m["h"]), int(m["mi"] or 0)
        if h > 12 or mi > 59:
            return None
        if m["ap"].lower().startswith("p") and h < 12:
            h += 12
        if m["ap"].lower().startswith("a") and h == 12:
            h = 0
        d = ctx.anchor
        if m["dmon"] and capitalised(m["dmon"]) and month_num(m["dmon"]):
            mo, dd = month_num(m["dmon"]) or 1, int(re.sub(r"\D", "", m["dday"]))
            try:
                d = dt.date(vl.month_day_year(ctx.anchor, mo, dd, "unknown"), mo, dd)
            except ValueError:
                return None
        elif m["day"]:
            w = m["day"].lower()
            if w in DEICTIC:
                d = ctx.anchor + dt.timedelta(days=DEICTIC[w])
            else:
                wd = weekday_num(w)
                if wd:
                    d = vl.weekday_date(ctx.anchor, wd, ctx.weekday_tense(m.start(), m.end()))
    mod = {"about": "APPROX", "around": "APPROX", "approximately": "APPROX"}.get(
        (m.groupdict().get("qmod") or "").lower().split(" ")[0]
    )
    return "TIME", f"{d.isoformat()}T{h:02d}:{mi:02d}", mod, "all"


@rule(
    "noon",
    r"(?P<w>noon|midnight|midday)(?:\s+(?P<day>today|yesterday|tomorrow))?",
    triggers="deictic",
)
def _noon(m: re.Match[str], ctx: Context) -> Result | None:
    w = m["w"].lower()
    d = ctx.anchor + dt.timedelta(days=DEICTIC.get((m["day"] or "").lower(), 0))
    t = "24:00" if w == "midnight" else "12:00"
    return "TIME", f"{d.isoformat()}T{t}", None, "all"


# --- sets ----------------------------------------------------------------------------------------

ADVERB_SETS = {
    "daily": "P1D", "weekly": "P1W", "monthly": "P1M", "quarterly": "P3M", "annually": "P1Y",
    "yearly": "P1Y", "hourly": "PT1H", "nightly": "P1D", "biweekly": "P2W", "bimonthly": "P2M",
    "biannually": "P6M", "semiannually": "P6M", "semi-annually": "P6M", "fortnightly": "P2W",
}  # fmt: skip


@rule("adverb_set", "|".join(ADVERB_SETS), triggers="setadv")
def _adverb_set(m: re.Match[str], ctx: Context) -> Result | None:
    w = m.group(0).lower()
    if w == "daily" and re.match(
        r"\s+(?:mail|news|newspaper|telegraph|star|beast|show)\b", ctx.after(m.end()), re.I
    ):
        return None
    if capitalised(m.group(0)) and _prev_word(ctx, m.start()) in ("the", "of"):
        return None  # "The Daily Telegraph"
    tok = _token(ctx, m.start(), m.end())
    if tok is not None and tok.pos_ == "ADJ" and tok.dep_ == "amod" and w != "daily":
        return None  # "a quarterly dividend" describes the dividend, it is not a timex
    return "SET", ADVERB_SETS[w], None, ""


@rule(
    "every",
    rf"(?P<q>every|each|per)\s+(?:(?P<num>other|{lx.NUMBER})\s+)?(?P<what>{lx.UNIT}|{lx.WEEKDAY}s?"
    rf"|{lx.SEASON}|{lx.MONTH_FULL}|morning|afternoon|evening|night)",
    triggers="unit weekday season month deictic",
)
def _every(m: re.Match[str], ctx: Context) -> Result | None:
    what = m["what"].lower()
    num = (m["num"] or "one").lower()
    k = 2 if num == "other" else lx.word_number(num)
    if k is None:
        return None
    wd = weekday_num(what.rstrip("s")) or weekday_num(what)
    if wd:
        return "SET", f"XXXX-WXX-{wd}", None, ""
    if what in lx.SEASONS:
        return "SET", f"XXXX-{lx.SEASONS[what]}", None, ""
    if what in lx.DAYPARTS:
        return "SET", f"XXXX-XX-XXT{lx.DAYPARTS[what]}", None, ""
    mo = month_num(what)
    if mo and what not in ("may",):
        return "SET", f"XXXX-{mo:02d}", None, ""
    unit = lx.unit_code(what)
    if unit is None:
        return None
    v = dur_value(str(k), unit)
    return ("SET", v, None, "") if v else None


@rule(
    "times_a",
    r"(?P<freq>once|twice|\w+\s+times)\s+(?:a|an|per)\s+(?P<unit>" + lx.UNIT_SG + ")",
    triggers="unit deictic",
)
def _times_a(m: re.Match[str], ctx: Context) -> Result | None:
    unit = lx.unit_code(m["unit"])
    if unit is None:
        return None
    v = dur_value("1", unit)
    return ("SET", v, None, "") if v else None


# --- holidays ------------------------------------------------------------------------------------


def _easter(y: int) -> dt.date:
    a, b, c = y % 19, y // 100, y % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m_ = (a + 11 * h + 22 * l_) // 451
    month_ = (h + l_ - 7 * m_ + 114) // 31
    day_ = (h + l_ - 7 * m_ + 114) % 31 + 1
    return dt.date(y, month_, day_)


def _nth_weekday(y: int, month_: int, wd: int, n: int) -> dt.date:
    first = dt.date(y, month_, 1)
    offset = (wd - first.isoweekday()) % 7
    return first + dt.timedelta(days=offset + 7 * (n - 1))


HOLIDAYS: dict[str, Callable[[int], dt.date]] = {
    "christmas day": lambda y: dt.date(y, 12, 25),
    "christmas eve": lambda y: dt.date(y, 12, 24),
    "christmas": lambda y: dt.date(y, 12, 25),
    "new year's day": lambda y: dt.date(y, 1, 1),
    "new year's eve": lambda y: dt.date(y, 12, 31),
    "boxing day": lambda y: dt.date(y, 12, 26),
    "halloween": lambda y: dt.date(y, 10, 31),
    "valentine's day": lambda y: dt.date(y, 2, 14),
    "independence day": lambda y: dt.date(y, 7, 4),
    "easter sunday": _easter,
    "easter": _easter,
    "good friday": lambda y: _easter(y) - dt.timedelta(days=2),
    "thanksgiving day": lambda y: _nth_weekday(y, 11, 4, 4),
    "thanksgiving": lambda y: _nth_weekday(y, 11, 4, 4),
    "labor day": lambda y: _nth_weekday(y, 9, 1, 1),
    "memorial day": lambda y: _nth_weekday(y, 6, 1, 1) - dt.timedelta(days=7),
    "election day": lambda y: _nth_weekday(y, 11, 1, 1) + dt.timedelta(days=1),
}


@rule(
    "holiday",
    r"(?:(?P<rel>last|this|next)\s+)?(?P<h>christmas\s+day|christmas\s+eve|christmas"
    r"|new\s+year['’]s\s+(?:day|eve)|boxing\s+day|halloween|valentine['’]s\s+day"
    r"|independence\s+day|easter\s+sunday|easter|good\s+friday|thanksgiving(?:\s+day)?"
    rf"|labor\s+day|memorial\s+day|election\s+day)(?:,?\s+(?P<year>{lx.YEAR4}))?",
    triggers="holiday",
)
def _holiday(m: re.Match[str], ctx: Context) -> Result | None:
    if not capitalised(m["h"]):
        return None
    key = re.sub(r"\s+", " ", m["h"].lower()).replace("’", "'")
    fn = HOLIDAYS[key]
    if m["year"]:
        return "DATE", fn(int(m["year"])).isoformat(), None, ""
    rel = (m["rel"] or "").lower()
    this = fn(ctx.anchor.year)
    if rel == "last" or (not rel and ctx.tense(m.start(), m.end()) == "past"):
        d = this if this < ctx.anchor else fn(ctx.anchor.year - 1)
    elif rel == "next" or (not rel and ctx.tense(m.start(), m.end()) == "future"):
        d = this if this > ctx.anchor else fn(ctx.anchor.year + 1)
    else:
        d = min(
            (fn(ctx.anchor.year + k) for k in (-1, 0, 1)), key=lambda x: abs((x - ctx.anchor).days)
        )
    return "DATE", d.isoformat(), None, "all"


# --- anaphoric days: the next day, that day ------------------------------------------------------


@rule(
    "anaphoric_day",
    r"(?P<pre>earlier|later\s+)?(?P<w>that\s+day|the\s+same\s+day|the\s+next\s+day|the\s+following\s+day"
    r"|the\s+previous\s+day|the\s+day\s+before|the\s+day\s+after|the\s+night\s+before|the\s+eve"
    r"|that\s+night|that\s+morning|that\s+evening|that\s+afternoon|the\s+next\s+morning"
    r"|the\s+following\s+morning)",
    triggers="deictic",
)
def _anaphoric_day(m: re.Match[str], ctx: Context) -> Result | None:
    w = re.sub(r"\s+", " ", m["w"].lower())
    if w == "the eve":
        return None
    base = ctx.anchor
    if ctx.ref and vl.granularity(ctx.ref) == "day":
        base = dt.date.fromisoformat(ctx.ref[:10])
    elif w in ("the day before", "the day after"):
        return None  # "the day before the vote": relative to an event, not a date
    n = (
        1
        if ("next" in w or "following" in w or "after" in w)
        else -1
        if ("previous" in w or "before" in w)
        else 0
    )
    d = (base + dt.timedelta(days=n)).isoformat()
    part = w.split()[-1]
    if part in lx.DAYPARTS or w.endswith("night before"):
        return "TIME", f"{d}T{lx.DAYPARTS.get(part, 'NI')}", None, "all"
    return "DATE", d, MODS.get((m["pre"] or "").strip().lower()), "all"


# --- spoken years, month with a relative year, noon on a weekday ---------------------------------

_SPOKEN_TENS = r"(?:ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen"
_SPOKEN_TENS += r"|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?:one|two|three"
_SPOKEN_TENS += (
    r"|four|five|six|seven|eight|nine))?|o[- ](?:one|two|three|four|five|six|seven|eight|nine))"
)


@rule(
    "spoken_year",
    rf"(?:(?P<the>the)\s+year\s+)?(?:(?P<mon>{lx.MONTH_FULL})\s+)?(?:(?P<century>nineteen|eighteen)[\s-]+"
    rf"(?P<rest>{_SPOKEN_TENS})|two\s+thousand(?:\s+and)?(?:[\s-]+(?P<rest2>{_SPOKEN_TENS[3:-1]}"
    r"|one|two|three|four|five|six|seven|eight|nine))?)",
    triggers="spoken",
)
def _spoken_year(m: re.Match[str], ctx: Context) -> Result | None:
    if m["century"]:
        rest = m["rest"].lower().replace("o-", "").replace("o ", "")
        k = lx.word_number(rest)
        if k is None:
            return None
        y = (19 if m["century"].lower() == "nineteen" else 18) * 100 + k
    else:
        k = lx.word_number(m["rest2"]) if m["rest2"] else 0
        if k is None:
            return None
        y = 2000 + k
        if not m["the"] and not m["mon"] and _prev_word(ctx, m.start()) not in DATE_PREPS:
            return None  # "two thousand people"
        if re.match(r"\s+(?:years|people|dollars|troops|times)\b", ctx.after(m.end()), re.I):
            return None  # "for two thousand years" is a count
    if m["mon"]:
        mo = month_num(m["mon"])
        return ("DATE", vl.month(y, mo), None, "") if mo else None
    return "DATE", f"{y:04d}", None, ""


@rule(
    "month_rel_year",
    rf"(?P<mon>{lx.MONTH_FULL}|jan\.|feb\.|aug\.|sept?\.|oct\.|nov\.|dec\.)\s+(?:of\s+)?"
    r"(?P<rel>this|last|next|the\s+same|that|the\s+previous|the\s+following)\s+year",
    triggers="month",
)
def _month_rel_year(m: re.Match[str], ctx: Context) -> Result | None:
    mo = month_num(m["mon"])
    if mo is None or not capitalised(m["mon"]):
        return None
    rel = m["rel"].lower().split()[-1]
    n = {"this": 0, "same": 0, "that": 0, "last": -1, "previous": -1, "next": 1, "following": 1}[
        rel
    ]
    y = ctx.anchor.year + n
    if rel in ("same", "that", "previous", "following") and ctx.ref:
        y = int(ctx.ref[:4]) + n
    return "DATE", vl.month(y, mo), None, "all"


@rule(
    "noon_day", rf"(?P<w>noon|midnight|midday)\s+(?:on\s+)?(?P<wd>{lx.WEEKDAY})", triggers="weekday"
)
def _noon_day(m: re.Match[str], ctx: Context) -> Result | None:
    wd = weekday_num(m["wd"])
    if wd is None:
        return None
    d = vl.weekday_date(ctx.anchor, wd, ctx.weekday_tense(m.start(), m.end()))
    t = "24:00" if m["w"].lower() == "midnight" else "12:00"
    return "TIME", f"{d.isoformat()}T{t}", None, "all"


# --- company reports: the quarter, the year-earlier period, the fiscal year ----------------------


@rule(
    "report_period",
    r"(?P<the>the\s+)?(?P<what>year-ago|year-earlier|year\s+ago|year\s+earlier)"
    r"(?:\s+(?P<unit>period|quarter|months|nine\s+months))?",
    triggers="unit",
)
def _report_period(m: re.Match[str], ctx: Context) -> Result | None:
    unit = (m["unit"] or "").lower()
    if "-" not in m["what"] and not unit:
        return None  # "a year ago" is the "ago" rule's
    base = (
        ctx.ref
        if ctx.ref and vl.granularity(ctx.ref) == "quarter"
        else vl.shift(ctx.anchor, -1, "Q")
    )
    assert base is not None
    return "DATE", vl.shift_value(base, -1, "Y") or "", None, REF


@rule(
    "the_quarter",
    r"the\s+(?:(?P<rel>latest|current|same|most\s+recent)\s+)?(?P<what>quarter|period)",
    triggers="quarter period",
)
def _the_quarter(m: re.Match[str], ctx: Context) -> Result | None:
    rel = (m["rel"] or "").lower()
    after = ctx.after(m.end(), 25)
    if m["what"].lower() == "period" and rel not in ("latest", "most recent"):
        return None
    if re.match(r"\s+(?:of|in|to|for|between|when)\b", after):
        return None  # "the quarter of a century", "the period of ..."
    if rel == "current":
        return "DATE", vl.shift(ctx.anchor, 0, "Q") or "", None, "all"
    if ctx.ref and vl.granularity(ctx.ref) == "quarter":
        return "DATE", ctx.ref, None, REF
    if (
        not rel
        and not re.match(r"\s+(?:ended|ending|ends|just\s+ended)\b", after)
        and (_ent_type(ctx, m.start(), m.end()) != "DATE")
    ):
        return None  # a bare "the quarter" needs a quarter before it, or the parser's vote
    return "DATE", vl.shift(ctx.anchor, -1, "Q") or "", None, "all"


@rule(
    "fiscal_year",
    r"the\s+(?P<rel>(?:full|latest|current|previous|last|next|coming)\s+)?(?P<fiscal>fiscal\s+)?year"
    r"(?=\s+(?P<ended>ended|ending|ends|to\s+date)\b|\s*[.,;]|\s+(?:as\s+a\s+whole)\b)",
    triggers="unit",
)
def _fiscal_year(m: re.Match[str], ctx: Context) -> Result | None:
    rel = (m["rel"] or "").strip().lower()
    if m["ended"]:
        return "DURATION", "P1Y", None, ""
    if not rel and not m["fiscal"]:
        prev = _prev_word(ctx, m.start())
        if prev not in ("for", "during", "in", "of", "through", "throughout"):
            return None
    n = {"previous": -1, "last": -1, "next": 1, "coming": 1}.get(rel, 0)
    if rel == "latest":
        n = -1  # the last one completed
    return "DATE", f"{ctx.anchor.year + n:04d}", None, "all"


@rule(
    "year_period",
    rf"the\s+(?P<year>{lx.YEAR4})\s+(?P<what>period|quarter|fiscal\s+year|season|first\s+half|second\s+half)",
    triggers="num",
)
def _year_period(m: re.Match[str], ctx: Context) -> Result | None:
    what = re.sub(r"\s+", " ", m["what"].lower())
    y = m["year"]
    if what == "quarter" or (what == "period" and ctx.ref and vl.granularity(ctx.ref) == "quarter"):
        q = (
            ctx.ref[-1]
            if ctx.ref and vl.granularity(ctx.ref) == "quarter" and "Q" in ctx.ref
            else (str(vl.quarter_of(ctx.anchor) - 1 or 4))
        )
        return "DATE", f"{y}-Q{q}", None, REF
    if what.endswith("half"):
        return "DATE", f"{y}-H{1 if what.startswith('first') else 2}", None, ""
    return "DATE", y, None, ""


@rule(
    "half_unit",
    r"(?:(?P<qmod>about|nearly|almost|more\s+than|less\s+than|over|under)\s+)?"
    r"half\s+(?:an?\s+)?(?P<unit>hour|day|year|century|decade|month|minute)",
    triggers="unit deictic",
)
def _half_unit(m: re.Match[str], ctx: Context) -> Result | None:
    v = {
        "hour": "PT30M",
        "day": "PT12H",
        "year": "P6M",
        "century": "P50Y",
        "decade": "P5Y",
        "month": "P15D",
        "minute": "PT30S",
    }[m["unit"].lower()]
    return "DURATION", v, qmod(m), ""


@rule(
    "unit_long",
    r"(?P<num>\w+-)?(?P<unit>days?|weeks?|months?|years?|decades?|centur(?:y|ies))-long",
    triggers="unit",
)
def _unit_long(m: re.Match[str], ctx: Context) -> Result | None:
    unit = lx.unit_code(m["unit"]) or ""
    if m["num"]:
        return None  # "a 10-day-long" is rare; "two-week-long" handled by the duration rule's span
    n = "X" if m["unit"].lower().endswith("s") else "1"
    return "DURATION", f"P{n}{unit}", None, ""


@rule("a_while", r"(?P<w>a\s+while|some\s+time|a\s+long\s+time|a\s+short\s+time)", triggers="while")
def _a_while(m: re.Match[str], ctx: Context) -> Result | None:
    if _prev_word(ctx, m.start()) not in ("for", "in", "after", "within", "took", "takes", "take"):
        return None
    if re.match(r"\s+(?:ago|later|before|after|now|since|to)\b", ctx.after(m.end())):
        return None
    return "DURATION", "PXX", None, ""


@rule(
    "military_time",
    r"(?P<h>[01]\d|2[0-3])(?P<mi>[0-5]\d)\s*(?P<tz>UTC|GMT|Z|hrs|hours)",
    triggers="num",
)
def _military_time(m: re.Match[str], ctx: Context) -> Result | None:
    """ "(1130 UTC)", "0600 hours": a 24-hour clock time on the anchor day."""
    if m["tz"].lower() in ("hrs", "hours") and not m["h"].startswith("0"):
        return None  # "1500 hours of community service" is a duration
    return "TIME", f"{ctx.anchor.isoformat()}T{m['h']}:{m['mi']}", None, "all"
