"""Words of English time expressions and the regular-expression pieces built from them.

Everything here is data: names of months, weekdays, seasons, parts of the day,
number words and units, each with its TIMEX3 code. ``rules.py`` composes the
patterns; ``values.py`` does the calendar arithmetic.
"""

from __future__ import annotations

import re

MONTHS: dict[str, int] = {}
for _n, _name in enumerate(
    "january february march april may june july august september october november december".split(),
    start=1,
):
    MONTHS[_name] = _n
    MONTHS[_name[:3]] = _n
MONTHS.update({"sept": 9, "febr": 2})

WEEKDAYS: dict[str, int] = {}
for _n, _name in enumerate(
    "monday tuesday wednesday thursday friday saturday sunday".split(), start=1
):
    WEEKDAYS[_name] = _n
    WEEKDAYS[_name[:3]] = _n
WEEKDAYS.update({"tues": 2, "weds": 3, "thur": 4, "thurs": 4})

SEASONS = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}

#: Parts of the day and their TIMEX3 codes.
DAYPARTS = {
    "morning": "MO",
    "afternoon": "AF",
    "evening": "EV",
    "night": "NI",
    "overnight": "NI",
}

ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6,
    "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12,
    "thirteenth": 13, "fourteenth": 14, "fifteenth": 15, "sixteenth": 16,
    "seventeenth": 17, "eighteenth": 18, "nineteenth": 19, "twentieth": 20,
    "twenty-first": 21, "last": -1, "final": -1,
}  # fmt: skip

_UNITS_WORDS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}  # fmt: skip
_TENS_WORDS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}  # fmt: skip

#: Quantities that name no exact number: their durations take ``X`` (``PXY``).
VAGUE = {
    "several", "a few", "few", "some", "many",
    "dozens of", "hundreds of", "thousands of", "a number of", "numerous", "countless",
}  # fmt: skip

#: Unit words → TIMEX3 unit code.
UNITS = {
    "second": "S", "sec": "S", "minute": "MIN", "min": "MIN", "hour": "H", "hr": "H",
    "day": "D", "night": "D", "week": "W", "fortnight": "FN", "month": "M",
    "quarter": "Q", "year": "Y", "yr": "Y", "decade": "DE", "century": "CE",
    "centurie": "CE", "millennium": "ML", "millennia": "ML", "weekend": "WE",
    "season": "SE",
}  # fmt: skip


def word_number(text: str) -> int | None:
    """``"twenty-five"`` → 25, ``"a"`` → 1, ``"12"`` → 12, ``"1.5"`` → None (not whole)."""
    t = text.lower().strip().replace(",", "")
    if t.isdecimal():
        return int(t)
    if t in ("a", "an", "one", "a single", "single"):
        return 1
    if t in ("a hundred", "one hundred", "hundred"):
        return 100
    if t in ("a thousand", "one thousand"):
        return 1000
    if t in ("a couple of", "couple of", "a couple"):
        return 2
    if t in ("a dozen", "dozen"):
        return 12
    if t in _UNITS_WORDS:
        return _UNITS_WORDS[t]
    if t in _TENS_WORDS:
        return _TENS_WORDS[t]
    parts = re.split(r"[- ]", t)
    if len(parts) == 2 and parts[0] in _TENS_WORDS and parts[1] in _UNITS_WORDS:
        return _TENS_WORDS[parts[0]] + _UNITS_WORDS[parts[1]]
    if t.endswith(" hundred") and t[: -len(" hundred")] in _UNITS_WORDS:
        return _UNITS_WORDS[t[: -len(" hundred")]] * 100
    return None


def unit_code(word: str) -> str | None:
    """``"Years"`` → ``"Y"``, ``"centuries"`` → ``"CE"``."""
    w = word.lower().rstrip(".")
    if w.endswith("ies") and w[:-3] + "y" in UNITS:
        return UNITS[w[:-3] + "y"]
    if w in UNITS:
        return UNITS[w]
    if w.endswith("s") and w[:-1] in UNITS:
        return UNITS[w[:-1]]
    return None


def alt(words: list[str] | set[str] | dict[str, object]) -> str:
    """A regex alternation of ``words``, longest first, spaces matching any whitespace."""
    items = sorted(words, key=len, reverse=True)
    return "(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in items) + ")"


# --- regular-expression pieces (used with re.IGNORECASE) --------------------------------------

MONTH = (
    r"(?:jan(?:uary|\.)?|feb(?:ruary|r?\.)?|mar(?:ch|\.)?|apr(?:il|\.)?|may|june?|jul(?:y|\.)?"
    r"|aug(?:ust|\.)?|sep(?:t(?:ember|\.)?|\.)?|oct(?:ober|\.)?|nov(?:ember|\.)?|dec(?:ember|\.)?)"
)
MONTH_FULL = (
    r"(?:january|february|march|april|may|june|july|august|september|october|november|december)"
)
WEEKDAY = (
    r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday"
    r"|mon\.|tue\.|tues\.|wed\.|thu\.|thur\.|thurs\.|fri\.|sat\.|sun\.)"
)
SEASON = r"(?:spring|summer|autumn|fall|winter)"
DAYPART = r"(?:morning|afternoon|evening|night|overnight)"
DAYNUM = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
YEAR4 = r"(?:1[0-9]\d\d|20\d\d)"
_NUMWORD = (
    r"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?:one|two|three|four"
    r"|five|six|seven|eight|nine))?|zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven"
    r"|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)"
)
NUMBER = (
    rf"(?:\d+(?:[.,]\d+)?|{_NUMWORD}(?:\s+hundred)?|a\s+dozen|a\s+couple\s+of|couple\s+of"
    r"|a\s+hundred|a\s+thousand|a|an"
    r"|a\s+single)"
)
VAGUE_NUMBER = alt(VAGUE)
ORDINAL = (
    r"(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth"
    r"|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth"
    r"|twenty-first|\d+(?:st|nd|rd|th))"
)
UNIT = (
    r"(?:seconds?|minutes?|mins?|hours?|hrs?|days?|nights?|weeks?|fortnights?|months?|quarters?"
    r"|years?|yrs?|decades?|centur(?:y|ies)|millenni(?:um|a)|weekends?)"
)
UNIT_SG = (
    r"(?:second|minute|hour|day|night|week|fortnight|month|quarter|year|decade|century"
    r"|millennium|weekend)"
)
TZ = r"(?:\s*(?:[ECMP][SD]T|GMT|UTC|BST|CET|CEST|JST|EST|ET|PT|local\s+time)\b)"


# --- trigger words: every time expression contains one; rules search only around them ----------

_UNIT_WORDS = (
    "second seconds sec secs minute minutes min mins hour hours hr hrs day days night nights "
    "week weeks weekend weekends fortnight fortnights month months quarter quarters year years "
    "yr yrs decade decades century centuries millennium millennia season seasons"
)
TRIGGER_CLASSES: dict[str, frozenset[str]] = {
    "month": frozenset(MONTHS),
    "weekday": frozenset(WEEKDAYS) | {"tue", "thu", "fri", "sat", "sun"},
    "unit": frozenset(_UNIT_WORDS.split()),
    "season": frozenset(SEASONS),
    "deictic": frozenset(
        "today yesterday tomorrow tonight day days night nights morning afternoon evening "
        "overnight eve noon midnight midday".split()
    ),
    "ref": frozenset(
        "now currently nowadays present presently recently lately formerly past future moment "
        "days".split()
    ),
    "century": frozenset({"century", "centuries"}),
    "decadeword": frozenset(
        "twenties thirties forties fifties sixties seventies eighties nineties".split()
    ),
    "setadv": frozenset(
        "daily weekly monthly quarterly annually yearly hourly nightly biweekly bimonthly "
        "biannually semiannually fortnightly".split()
    ),
    "holiday": frozenset(
        "christmas easter halloween thanksgiving valentine independence labor memorial election "
        "boxing good year".split()
    ),
    "spoken": frozenset({"nineteen", "eighteen", "thousand"}),
    "quarter": frozenset({"quarter", "quarters"}),
    "period": frozenset({"period"}),
    "while": frozenset({"while", "time"}),
    "num": frozenset(),  # any token with a digit
}

#: word (lower case) → the trigger classes it belongs to
WORD_CLASSES: dict[str, tuple[str, ...]] = {}
for _cls, _words in TRIGGER_CLASSES.items():
    for _w in _words:
        WORD_CLASSES[_w] = (*WORD_CLASSES.get(_w, ()), _cls)
