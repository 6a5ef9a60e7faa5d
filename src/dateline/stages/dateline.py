"""The opening dateline of wire stories: place, date and agency.

Wire copy opens with where (and often when) it was filed and who filed it,
``TOKYO, November 7. /TASS/.`` or ``WASHINGTON (Reuters) -``; Wikinews opens
with its own ``Friday, January 4, 2019`` line. This stage reads that opening
with anchored regular expressions only (no spaCy), so it runs before ``nlp``
and costs almost nothing per article.

Only the very start of the text counts, and each accepted form needs a strong
marker, because an ordinary first sentence must never become a dateline:

* an upper-case place (``NEW YORK``) followed by a dash, a ``(AGENCY)`` or a
  ``/AGENCY/`` marker, optionally with a region and a date in between;
* a title-case place (``Tokyo``) only with a known news agency and its dash
  (``Tokyo (Reuters) -``) or slashes (``Moscow, November 7. /TASS/.``);
* a known agency alone (``(Bloomberg) --``, ``(CNN)``);
* a line holding nothing but a weekday and a full date (Wikinews).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

from dateline.config import Config
from dateline.pipeline import stage
from dateline.records import Dateline, Work


def _char_class(keep: Callable[[str], bool]) -> str:
    """A ``[...]`` class of the Latin letters (U+0041-U+024F) for which ``keep`` holds.

    Python's ``re`` has no ``\\p{Lu}``; building the class once here lets
    ``SÃO PAULO`` or ``ŁÓDŹ`` count as upper case while ``Paris`` does not.
    """
    codes = [c for c in range(0x41, 0x250) if keep(chr(c))]
    ranges: list[tuple[int, int]] = []
    for c in codes:
        if ranges and ranges[-1][1] == c - 1:
            ranges[-1] = (ranges[-1][0], c)
        else:
            ranges.append((c, c))
    parts = [
        re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}"
        for a, b in ranges
    ]
    return "[" + "".join(parts) + "]"


_UP = _char_class(str.isupper)
_LOW = _char_class(str.islower)
_ALPHA = r"[^\W\d_]"
_H = r"[ \t\u00a0]"  # space inside a dateline, which never spans lines
# Double hyphen, hyphen, the Unicode dashes (en, em, bar) and minus.
_DASH = r"(?:--|[\-\u2010-\u2015\u2212])"
_TIGHT_DASH = r"[\u2013\u2014\u2015]"  # dashes that may touch the place: "PARIS—The"

_MONTHS = (
    r"(?i:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b"
)
_WEEKDAYS = r"(?i:(?:mon|tues|wednes|thurs|fri|satur|sun)day)\b"
_DAY = r"\d{1,2}(?:st|nd|rd|th)?(?!\d)"
_YEAR = r"\d{4}(?!\d)"


def _date(*, year_required: bool) -> str:
    """``Nov. 7``, ``November 7, 2019``, ``7 November`` with the parts in named groups."""
    opt = "" if year_required else "?"
    return (
        rf"(?:(?P<m1>{_MONTHS})\.?{_H}+(?P<d1>{_DAY})(?:,?{_H}+(?P<y1>{_YEAR})){opt}"
        rf"|(?P<d2>{_DAY}){_H}+(?P<m2>{_MONTHS})\.?(?:,?{_H}+(?P<y2>{_YEAR})){opt})"
    )


# "NEW", "ST.", "D.C.", "PORT-AU-PRINCE", "N'DJAMENA"; a full stop only ends an
# abbreviation, so the one in "TOKYO. /TASS/." stays out of the place. Every
# repetition is bounded (and the leading space possessive) so that no input,
# however long or odd, makes the match slower than a few microseconds.
_CAPS_WORD = rf"(?:(?:{_UP}\.){{2,4}}|{_UP}{{1,3}}\.|{_UP}{{1,30}}(?:['’\-]{_UP}{{1,30}}){{0,4}})"
# Several filing places are joined by a slash: "BEIJING/HONG KONG (Reuters) -".
_CAPS_PLACE = rf"{_CAPS_WORD}(?:(?:{_H}|/){_CAPS_WORD}){{0,5}}"
_SMALL_WORDS = tuple(
    "de da do dos das del della di du des es la le of on upon am an en der den sur van von"
    " al el au aux".split()
)
_SMALL = "(?:" + "|".join(_SMALL_WORDS) + ")"
_TITLE_WORD = rf"(?:{_UP}{_LOW}{{0,2}}\.|{_UP}{_ALPHA}{{0,30}}(?:['’\-]{_ALPHA}{{1,30}}){{0,4}})"
_TITLE_PLACE = rf"{_TITLE_WORD}(?:(?:{_H}{_SMALL}){{0,2}}{_H}{_TITLE_WORD}){{0,4}}"
# The state or country after the place: "Calif.", "Ukraine", "D.C.", "UKRAINE".
_REGION_WORD = rf"(?:(?:{_UP}\.){{2,4}}|{_UP}{_ALPHA}{{0,30}}\.?)"
_REGION = rf"(?!{_MONTHS}|{_WEEKDAYS}){_REGION_WORD}(?:{_H}{_REGION_WORD}){{0,2}}"
_AGENCY = rf"{_ALPHA}(?:{_ALPHA}|[.&'’\-]|{_H}(?={_ALPHA})){{0,39}}"

_PAREN = rf"{_H}*\({_H}*(?P<pagency>{_AGENCY}){_H}*\)(?:{_H}*(?P<pdash>{_DASH}))?"
_SLASH = rf"\.?{_H}*/(?P<sagency>{_AGENCY})/(?:\.|{_H}*{_DASH})?"
# After a bare dash the story must start a sentence: "PARIS — The …", not "AI — the …".
_BARE_DASH = (
    rf"(?P<dash>{_H}+{_DASH}|{_H}*{_TIGHT_DASH})"
    rf"(?={_H}*(?:$|[\r\n\d\"“‘'(]|{_UP}))"
)


def _wire(place: str, markers: str) -> re.Pattern[str]:
    return re.compile(
        rf"\s*+(?P<span>(?P<place>{place})"
        rf"(?:,{_H}+(?P<region>{_REGION}))?"
        rf"(?:,{_H}+{_WEEKDAYS})?"
        rf"(?:,{_H}+{_date(year_required=False)})?"
        rf"(?:{markers}))"
    )


_CAPS_WIRE = _wire(_CAPS_PLACE, f"{_PAREN}|{_SLASH}|{_BARE_DASH}")
_TITLE_WIRE = _wire(_TITLE_PLACE, f"{_PAREN}|{_SLASH}")
_AGENCY_FIRST = re.compile(rf"\s*+(?P<span>\({_H}*(?P<pagency>{_AGENCY}){_H}*\)(?:{_H}*{_DASH})?)")
# Wikinews: a line holding only "Friday, January 4, 2019" (then a no-break space).
_WEEKDAY_LINE = re.compile(
    rf"\s*+(?P<span>{_WEEKDAYS},{_H}+{_date(year_required=True)})(?={_H}*(?:\r?\n|$))"
)

_MONTH_NUMBERS = {
    name: number
    for number, names in enumerate(
        "jan january|feb february|mar march|apr april|may|jun june|jul july|aug august"
        "|sep sept september|oct october|nov november|dec december".split("|"),
        start=1,
    )
    for name in names.split()
}

# Agencies trusted without an upper-case place (compared lower-case, letters only).
_NON_LETTERS = re.compile(r"[^a-z]")
_KNOWN_AGENCIES = frozenset(
    _NON_LETTERS.sub("", name.lower())
    for name in (
        "AP|Associated Press|Reuters|AFP|Agence France-Presse|TASS|ITAR-TASS|RIA Novosti|RIA"
        "|Interfax|Sputnik|Xinhua|Xinhua News Agency|UPI|dpa|ANSA|EFE|Kyodo|Jiji|Yonhap|KCNA"
        "|PTI|IANS|ANI|Bloomberg|CNN|BBC|Anadolu|IRNA|WAM|KUNA|SPA|Bernama|Antara|PAP|CTK|MTI"
        "|Belga|ANP|APA|Ukrinform|UNIAN|AAP|Canadian Press|CP|Press Association|PA"
        "|Prensa Latina|Notimex|PRNewswire|PR Newswire|Business Wire|Globe Newswire|Marketwired"
    ).split("|")
)

# All-caps openings of web copy that are labels, not places.
_NOT_PLACES = frozenset(
    "BREAKING|BREAKING NEWS|UPDATE|UPDATED|EXCLUSIVE|ANALYSIS|OPINION|EDITORIAL|CORRECTION"
    "|WATCH|VIDEO|PHOTOS|LIVE|URGENT|FLASH|ALERT|COMMENTARY|REVIEW|FACTBOX|EXPLAINER"
    "|INTERVIEW|FEATURE|ADVISORY|NOTE|NEWS|SPONSORED|ADVERTISEMENT".split("|")
)

_SMALL_SET = frozenset(_SMALL_WORDS)
_ELISION = re.compile(r"(\w)(['’])(.+)")


def parse_dateline(text: str, published: dt.date | None) -> Dateline | None:
    """Parse the dateline that opens ``text``, if there is one.

    Args:
        text: The article body as given; leading whitespace is skipped.
        published: Publication date, the anchor for a dateline date without a year
            (the latest such date not after it); ``None`` when unknown.

    Returns:
        The dateline with offsets into ``text`` (``text[d.start:d.end] == d.text``),
        or ``None`` when the text opens like an ordinary sentence. ``date`` is
        ``None`` when the dateline has no date or an impossible one (February 30).

    Example:
        >>> d = parse_dateline("TOKYO, November 7. /TASS/. Japan's...", dt.date(2019, 11, 7))
        >>> d.place, d.date, d.agency, d.text
        ('Tokyo', '2019-11-07', 'TASS', 'TOKYO, November 7. /TASS/.')
    """
    m = _WEEKDAY_LINE.match(text)
    if m:
        return _build(text, m, published, place=None, agency=None)
    m = _AGENCY_FIRST.match(text)
    if m:
        agency = m["pagency"]
        return _build(text, m, published, place=None, agency=agency) if _known(agency) else None
    m = _CAPS_WIRE.match(text)
    if m:
        place = m["place"]
        agency = m["pagency"] or m["sagency"]
        trusted = m["pdash"] or m["sagency"] or m["dash"] or _known(agency)
        letters = sum(ch.isalpha() for ch in place)
        if trusted and letters >= 2 and " ".join(place.split()) not in _NOT_PLACES:
            return _build(text, m, published, place=_place_name(m), agency=agency)
        return None
    m = _TITLE_WIRE.match(text)
    if m:
        agency = m["pagency"] or m["sagency"]
        # A mixed-case name then "(AP)" could be a company and its ticker; demand the dash.
        if _known(agency) and (m["pdash"] or m["sagency"]):
            return _build(text, m, published, place=_place_name(m), agency=agency)
    return None


def _known(agency: str | None) -> bool:
    """Whether ``agency`` (or its first word, as in "Reuters Health") is a known agency."""
    if not agency:
        return False
    words = agency.split()
    return any(_NON_LETTERS.sub("", w.lower()) in _KNOWN_AGENCIES for w in (agency, words[0]))


def _build(
    text: str,
    m: re.Match[str],
    published: dt.date | None,
    *,
    place: str | None,
    agency: str | None,
) -> Dateline:
    start, end = m.span("span")
    return Dateline(
        start=start,
        end=end,
        text=text[start:end],
        place=place,
        date=_date_of(m, published),
        agency=agency.strip() if agency else None,
    )


def _date_of(m: re.Match[str], published: dt.date | None) -> str | None:
    """The ISO date of the matched date parts, resolved against ``published``."""
    groups = m.groupdict()
    month_name = groups.get("m1") or groups.get("m2")
    day = groups.get("d1") or groups.get("d2")
    if not month_name or not day:
        return None
    year = groups.get("y1") or groups.get("y2")
    return resolve_date(
        _MONTH_NUMBERS[month_name.lower()],
        int(day.rstrip("stndrh")),
        int(year) if year else None,
        published,
    )


def resolve_date(month: int, day: int, year: int | None, published: dt.date | None) -> str | None:
    """ISO date of a day and month, taking the year from the publication date.

    A dateline without a year reports a day at most a little before publication,
    so a month and day after ``published`` belong to the previous year.

    Args:
        month: Month number, 1-12.
        day: Day of the month.
        year: The year, when the dateline states it.
        published: Publication date, or ``None`` when unknown.

    Returns:
        ``YYYY-MM-DD``; ``XXXX-MM-DD`` when neither a year nor ``published`` is
        known; ``None`` for a date that does not exist.

    Example:
        >>> resolve_date(12, 31, None, dt.date(2020, 1, 2))
        '2019-12-31'
    """
    if year is None:
        if published is None:
            try:
                dt.date(2000, month, day)  # a leap year, so February 29 passes
            except ValueError:
                return None
            return f"XXXX-{month:02d}-{day:02d}"
        year = published.year - ((month, day) > (published.month, published.day))
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def _place_name(m: re.Match[str]) -> str:
    """The place as a name: "ST. PETERSBURG, UKRAINE" → "St. Petersburg, Ukraine".

    Places written in capitals are title-cased with connecting words in lower case
    ("Rio de Janeiro", "Port-au-Prince"); a region written in capitals keeps short
    codes ("UK", "NY"). Anything already in mixed case is kept as written.
    """
    place = " ".join(m["place"].split())
    if place.isupper():
        place = "/".join(_title(part) for part in place.split("/"))
    region = m["region"]
    if region:
        region = " ".join(region.split())
        if region.isupper():
            region = " ".join(
                w if len(w) <= 3 and w.isalpha() else _title(w) for w in region.split()
            )
        place = f"{place}, {region}"
    return place


def _title(name: str) -> str:
    """Title-case one upper-case name, keeping small connecting words lower-case."""
    words = []
    for i, word in enumerate(name.split()):
        pieces = []
        for j, piece in enumerate(word.split("-")):
            if (i or j) and piece.lower() in _SMALL_SET:
                pieces.append(piece.lower())
            else:
                pieces.append(_capitalize(piece))
        words.append("-".join(pieces))
    return " ".join(words)


def _capitalize(word: str) -> str:
    if re.fullmatch(r"(?:\w\.){2,}", word):  # initials such as "D.C." stay as they are
        return word
    elided = _ELISION.fullmatch(word)
    if elided:  # "N'DJAMENA" → "N'Djamena", "L'AQUILA" → "L'Aquila"; "XI'AN" → "Xi'an"
        return elided[1].upper() + elided[2] + elided[3].capitalize()
    return word.capitalize()


@stage("dateline", requires=("text",), sets=("dateline",))
class DatelineStage:
    """Sets ``Work.dateline`` from the opening of each article's text."""

    #: What it reads of the spaCy parse (see :mod:`dateline.stages.needs`): nothing.
    spacy_needs: tuple[str, ...] = ()

    def __init__(self, config: Config) -> None:
        self.config = config

    def process(self, batch: list[Work]) -> None:
        for work in batch:
            work.dateline = parse_dateline(work.article.text, work.article.published)
