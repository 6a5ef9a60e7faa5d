"""The web pages: server-rendered HTML (Jinja2, auto-escaped) over :mod:`dateline.api`.

Each page makes the library calls the matching API route makes; a little
JavaScript (``static/app.js``, ``static/timeline.js``, no inline script) adds
the zoomable timeline, hovers and keyboard shortcuts. Every page works without it.
"""

from __future__ import annotations

import math
import urllib.parse
from pathlib import Path as FilePath
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import HTMLResponse, Response
from fastapi.templating import Jinja2Templates

from dateline import api
from dateline.dates import bound, date_range
from dateline.errors import ConfigError, E
from dateline.service.app import MAX_ID, TIMELINE_ARTICLES, entity_ref, options_of
from dateline.service.markup import article_marks, entry_span, safe_url
from dateline.service.markup import render as render_text
from dateline.timeline.render import date_label
from dateline.timeline.render import render as render_timeline

HERE = FilePath(__file__).parent
templates = Jinja2Templates(directory=str(HERE / "templates"))
templates.env.filters["safe_url"] = safe_url


def counted(n: int | None, word: str) -> str:
    """``"1 article"``, ``"23 mentions"``, ``"1,204 articles"``: a count and its noun."""
    n = n or 0
    return f"{n:,} {word}" if n == 1 else f"{n:,} {word}s"


templates.env.filters["counted"] = counted
templates.env.globals["quote_url"] = lambda s: urllib.parse.quote(str(s), safe="")
templates.env.globals["date_label"] = date_label
#: Pronouns are how an entity is mentioned, not what it is called.
templates.env.globals["pronouns"] = frozenset(
    "he him his himself she her hers herself they them their theirs themselves it its itself"
    " He Him His Himself She Her Hers Herself They Them Their It Its".split()
)
templates.env.globals["entry_span"] = lambda entry: entry_span(entry.date, entry.mod)
router = APIRouter(include_in_schema=False)

EXPORTS = {
    "json": "application/json",
    "csv": "text/csv",
    "md": "text/markdown",
    "html": "text/html",
}


def render(request: Request, name: str, context: dict[str, Any], status: int = 200) -> HTMLResponse:
    """A template rendered with the request (auto-escaped)."""
    return templates.TemplateResponse(request, name, context, status_code=status)


def error_page(request: Request, status: int, code: str, message: str) -> HTMLResponse:
    """An error as a page: its one line and code, never a traceback."""
    return render(
        request, "error.html", {"status": status, "code": code, "message": message}, status
    )


def _config(request: Request) -> Any:
    return options_of(request).config


def _page(n: int, size: int) -> int:
    return max(0, n - 1) * size


def _query_string(request: Request, **change: Any) -> str:
    """The current query string with some parameters changed (``None`` drops one)."""
    params = dict(request.query_params)
    for key, value in change.items():
        if value is None:
            params.pop(key, None)
        else:
            params[key] = str(value)
    return urllib.parse.urlencode(params)


def _pages(total: int, size: int, current: int) -> dict[str, Any]:
    last = max(1, math.ceil(total / size))
    return {"current": current, "last": last, "prev": current - 1 if current > 1 else None,
            "next": current + 1 if current < last else None}  # fmt: skip


@router.get("/", response_class=HTMLResponse)
def home(request: Request) -> HTMLResponse:
    return render(request, "home.html", {"home": api.home(config=_config(request))})


@router.get("/search", response_class=HTMLResponse)
def search(
    request: Request,
    q: str = "",
    start: Annotated[str | None, Query(alias="from")] = None,
    end: Annotated[str | None, Query(alias="to")] = None,
    entity: str | None = None,
    story: Annotated[int | None, Query(ge=1, le=MAX_ID)] = None,
    page: Annotated[int, Query(ge=1, le=10_000)] = 1,
) -> HTMLResponse:
    size = options_of(request).page_size
    found = api.list_articles(
        config=_config(request),
        q=q or None,
        **date_range(start, end),
        entity=entity or None,
        story=story,
        facets=True,
        limit=size,
        offset=_page(page, size),
    )
    months = found.get("facets", {}).get("months", [])
    peak = max((m["count"] for m in months), default=1)
    context = {
        "q": q, "start": start or "", "end": end or "", "entity": entity or "", "story": story,
        "found": found, "pages": _pages(found["total"], size, page), "peak": peak,
        "link": lambda **kw: "/search?" + _query_string(request, page=None, **kw),
        "page_link": lambda n: "/search?" + _query_string(request, page=n),
    }  # fmt: skip
    return render(request, "search.html", context)


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def article(request: Request, article_id: str, hl: str | None = None) -> HTMLResponse:
    record = api.article(article_id, config=_config(request))
    highlight = _range(hl, len(record["text"]))
    body = render_text(record["text"], article_marks(record, highlight=highlight))
    names = {e["id"]: e for e in record["entities"]}
    people = sorted(
        (e for e in record["entities"] if e.get("entity_id") is not None),
        key=lambda e: (-len(e["mentions"]), e["name"]),
    )
    context = {"a": record, "body": body, "names": names, "people": people, "hl": highlight}
    return render(request, "article.html", context)


def _range(value: str | None, length: int) -> tuple[int, int] | None:
    """``"120-180"`` as a character range inside the text, else ``None``."""
    if not value:
        return None
    first, _, last = value.partition("-")
    if not (value.isascii() and first.isdigit() and last.isdigit()):
        raise ConfigError(E.BAD_OPTION, detail=f"hl: expected START-END offsets, got {value!r}")
    start, end = int(first), int(last)
    if not 0 <= start < end <= length:
        raise ConfigError(E.BAD_OPTION, detail=f"hl: {value} is outside the text (0-{length})")
    return start, end


@router.get("/entities", response_class=HTMLResponse)
def entities(
    request: Request,
    type: str | None = None,
    prefix: str | None = None,
    sort: Literal["mentions", "articles", "name"] = "articles",
    page: Annotated[int, Query(ge=1, le=10_000)] = 1,
) -> HTMLResponse:
    size = 50
    found = api.list_entities(
        config=_config(request), type=type or None, prefix=prefix or None, sort=sort,
        limit=size, offset=_page(page, size),
    )  # fmt: skip
    context = {
        "found": found, "type": type or "", "prefix": prefix or "", "sort": sort,
        "pages": _pages(found["total"], size, page),
        "page_link": lambda n: "/entities?" + _query_string(request, page=n),
    }  # fmt: skip
    return render(request, "entities.html", context)


@router.get("/entities/{ref}", response_class=HTMLResponse)
def entity(request: Request, ref: str, about: str | None = None) -> HTMLResponse:
    record = api.entity_page(entity_ref(ref), config=_config(request))
    said = record.get("said", [])
    if about:
        said = api.list_quotes(
            config=_config(request), speaker=str(record["id"]), about=about, limit=50
        )["items"]
    months = record.get("months", [])
    peak = max((m["articles"] for m in months), default=1)
    context = {"e": record, "said": said, "about": about or "", "months": months, "peak": peak}
    return render(request, "entity.html", context)


def _timeline_args(request: Request, params: dict[str, Any]) -> dict[str, Any]:
    return {
        "config": _config(request),
        "start": bound(params.get("start") or None, "from", last=False),
        "end": bound(params.get("end") or None, "to", last=True),
        "max_dates": params["max_dates"],
        "sentences_per_date": params["sentences_per_date"],
        "entities": tuple(e for e in params.get("entity") or () if e),
        "story": params.get("story"),
        "granularity": params["granularity"],
        "max_articles": params["max_articles"],
    }


@router.get("/timeline", response_class=HTMLResponse)
def timeline(
    request: Request,
    q: str = "",
    entity: Annotated[list[str] | None, Query()] = None,
    story: Annotated[int | None, Query(ge=1, le=MAX_ID)] = None,
    start: Annotated[str | None, Query(alias="from")] = None,
    end: Annotated[str | None, Query(alias="to")] = None,
    max_dates: Annotated[int, Query(ge=1, le=200)] = 15,
    sentences_per_date: Annotated[int, Query(ge=1, le=20)] = 2,
    granularity: Literal["any", "year", "month", "day"] = "any",
    max_articles: Annotated[int, Query(ge=1, le=5000)] = TIMELINE_ARTICLES,
    format: Literal["json", "csv", "md", "html"] | None = None,
) -> Response:
    params = {
        "start": start, "end": end, "entity": entity, "story": story, "max_dates": max_dates,
        "sentences_per_date": sentences_per_date, "granularity": granularity,
        "max_articles": max_articles,
    }  # fmt: skip
    asked = bool(q.strip() or any(entity or ()) or story is not None)
    tl = api.timeline(q, **_timeline_args(request, params)) if asked else None
    if format is not None:
        if tl is None:
            raise ConfigError(E.NO_QUERY, filters="entity, story")
        name = f"timeline.{format}"
        headers = {"Content-Disposition": f'attachment; filename="{name}"'}
        return Response(render_timeline(tl, format), media_type=EXPORTS[format], headers=headers)
    context = {
        "tl": tl, "q": q, "entities": [e for e in entity or () if e], "story": story,
        "start": start or "", "end": end or "", "max_dates": max_dates,
        "sentences_per_date": sentences_per_date, "granularity": granularity,
        "export": lambda fmt: "/timeline?" + _query_string(request, format=fmt),
    }  # fmt: skip
    return render(request, "timeline.html", context)


@router.get("/stories", response_class=HTMLResponse)
def stories(request: Request, page: Annotated[int, Query(ge=1, le=10_000)] = 1) -> HTMLResponse:
    size = options_of(request).page_size
    found = api.list_stories(config=_config(request), limit=size, offset=_page(page, size))
    context = {
        "found": found, "pages": _pages(found["total"], size, page),
        "page_link": lambda n: "/stories?" + _query_string(request, page=n),
    }  # fmt: skip
    return render(request, "stories.html", context)


@router.get("/stories/{story_id}", response_class=HTMLResponse)
def story(request: Request, story_id: Annotated[int, Path(ge=1, le=MAX_ID)]) -> HTMLResponse:
    return render(request, "story.html", {"s": api.story(story_id, config=_config(request))})


@router.get("/quotes", response_class=HTMLResponse)
def quotes(
    request: Request,
    speaker: str | None = None,
    about: str | None = None,
    start: Annotated[str | None, Query(alias="from")] = None,
    end: Annotated[str | None, Query(alias="to")] = None,
    kind: str | None = None,
    page: Annotated[int, Query(ge=1, le=10_000)] = 1,
) -> HTMLResponse:
    size = options_of(request).page_size
    found = api.list_quotes(
        config=_config(request), speaker=speaker or None, about=about or None,
        **date_range(start, end),
        kind=kind or None, limit=size, offset=_page(page, size),
    )  # fmt: skip
    context = {
        "found": found, "speaker": speaker or "", "about": about or "", "start": start or "",
        "end": end or "", "kind": kind or "", "pages": _pages(found["total"], size, page),
        "page_link": lambda n: "/quotes?" + _query_string(request, page=n),
    }  # fmt: skip
    return render(request, "quotes.html", context)


@router.get("/healthz", include_in_schema=False)
def healthz() -> dict[str, str]:
    return {"status": "ok"}
