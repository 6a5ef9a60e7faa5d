"""The publication date of a saved web page (htmldate, checked for news pages).

htmldate reads the page's metadata, then dates shown in it, then its URL. Two news
checks follow: a date that htmldate only inferred from a year or a month (a
copyright line, ``/2019/11/`` in a URL) is no publication day, and a UTC time stamp
in the small hours that the URL files under the day before is the newsroom's day
before.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any
from urllib.parse import urlsplit

from lxml.html import HtmlElement

from dateline.errors import InputError
from dateline.ingest.fields import parse_date


def publication_date(tree: HtmlElement, page: str, url: str | None) -> dt.date | None:
    """The page's publication date by htmldate: metadata (JSON-LD, Open Graph, meta
    tags) first, then dates shown in the page, then a date in the URL; ``None`` when
    there is none (a copyright year is none).

    Args:
        tree: The parsed page (htmldate may prune it: give a copy).
        page: The page's text, where a date htmldate found is checked.
        url: The page's address, when known (its path may hold the date).

    Example:
        >>> from lxml.html import document_fromstring
        >>> html = '<html><head><meta property="article:published_time"'
        >>> html += ' content="2021-03-03T09:15:00Z"></head><body><p>x</p></body></html>'
        >>> publication_date(document_fromstring(html), html, None)
        datetime.date(2021, 3, 3)
    """
    from htmldate import find_date

    # original_date: the first publication, not the last update. The URL is only
    # looked at when the page itself has no date (deferred_url_extractor).
    found = _date_or_none(
        find_date(
            tree, extensive_search=True, original_date=True, url=url, deferred_url_extractor=True
        )
    )
    if found is not None and found.day == 1 and not _day_one_shown(found, page, url or ""):
        # htmldate falls back to less precise evidence as the first of a month or year:
        # a copyright year ("© 2019" → 2019-01-01) or a month in the URL. That is no
        # publication day; unless the page or URL shows the 1st itself, there is none.
        return None
    in_url = url_day(url or "")
    if (
        found is not None
        and in_url is not None
        and found - in_url == dt.timedelta(days=1)
        and _early_utc_stamp(found, page)
    ):
        # Metadata time stamps are often UTC ("2019-11-20T02:59Z") while the URL holds
        # the newsroom's own day (/2019/11/19/): an evening story in the Americas. The
        # local day is the one the text's "today" and "yesterday" count from.
        return in_url
    return found


def _early_utc_stamp(day: dt.date, page: str) -> bool:
    """Whether the page stamps this day with a UTC time before 08:00, which is still
    the day before from New York to California."""
    stamp = re.search(
        rf"{day.isoformat()}[T ]([01]\d):\d\d(?::\d\d(?:\.\d+)?)?(?:Z|[+-]00:?00)", page
    )
    return stamp is not None and int(stamp.group(1)) < 8


_URL_DAY = re.compile(r"/((?:19|20)\d{2})[/-](\d{1,2})[/-](\d{1,2})(?=[/-]|$)")


def url_day(url: str) -> dt.date | None:
    """A full date in a URL's path (``/2019/11/19/``, ``/2019-11-19/``)."""
    m = _URL_DAY.search(urlsplit(url).path)
    if m is None:
        return None
    try:
        return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


_MONTHS = (
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
)  # fmt: skip


def _day_one_shown(day: dt.date, page: str, url: str) -> bool:
    """Whether the page or its URL writes out this date (the 1st of a month)."""
    y, m = day.year, day.month
    numeric = (
        rf"{y}-{m:02d}-01|{y}/{m:02d}/01|{y}{m:02d}01\b|{y}\.{m:02d}\.01"
        rf"|\b0?1[./-]0?{m}[./-]{y}|\b0?{m}/0?1/{y}"
    )
    month = _MONTHS[m - 1]
    worded = rf"\b1(?:st)?\.?\s+{month}[a-z]*\.?,?\s+{y}|\b{month}[a-z]*\.?\s+1(?:st)?,?\s+{y}"
    pattern = re.compile(f"{numeric}|{worded}", re.IGNORECASE)
    return pattern.search(page) is not None or pattern.search(url) is not None


def _date_or_none(value: Any) -> dt.date | None:
    if not isinstance(value, str) or not value:
        return None
    try:
        return parse_date(value)
    except InputError:
        return None
