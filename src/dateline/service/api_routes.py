"""The JSON API under ``/api/v1/``: every route is one call of :mod:`dateline.api`.

Lists take ``limit`` (1–:data:`MAX_LIMIT`) and ``offset`` and answer
``{"total", "limit", "offset", "items"}``. Dates are ``YYYY``, ``YYYY-MM`` or
``YYYY-MM-DD`` (a range bound: ``to=2019`` means to the end of 2019).
"""

from __future__ import annotations

import threading
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Body, Path, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, JSONResponse
from pydantic import BaseModel, Field

from dateline import api
from dateline.config import Config
from dateline.dates import bound, date_range, day
from dateline.errors import E, ServiceError
from dateline.ingest import Input, read_input
from dateline.service.app import MAX_ID, TIMELINE_ARTICLES, entity_ref, options_of
from dateline.storage.browse import MAX_LIMIT


class ErrorDetail(BaseModel):
    code: str = Field(examples=["DL303"], description="A stable code (see errors.py).")
    message: str = Field(examples=["no article with id 'x'"], description="One line.")


class ErrorBody(BaseModel):
    """What every error answer holds."""

    error: ErrorDetail


_ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorBody, "description": "A bad parameter (a date, a filter)"},
    404: {"model": ErrorBody, "description": "No such article, entity or story"},
    422: {"model": ErrorBody, "description": "A parameter out of range or of the wrong type"},
    503: {"model": ErrorBody, "description": "The database is missing or not dateline's"},
}
router = APIRouter(responses=_ERRORS)
#: One ingest at a time: each is one writer of the store.
_WRITING = threading.Lock()

Limit = Annotated[
    int, Query(ge=1, le=MAX_LIMIT, description=f"Items per page (at most {MAX_LIMIT}).")
]
Offset = Annotated[int, Query(ge=0, le=1_000_000, description="Items to skip.")]
#: A day, a month or a year; a calendar check (no 2019-02-30) follows as DL206.
DATE = r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$"
From = Annotated[
    str | None,
    Query(alias="from", pattern=DATE, description="On or after (YYYY, YYYY-MM or YYYY-MM-DD)."),
]
To = Annotated[
    str | None,
    Query(alias="to", pattern=DATE, description="On or before (YYYY, YYYY-MM or YYYY-MM-DD)."),
]
Mentioned = Annotated[str | None, Query(pattern=DATE, description="A date mentioned in the text.")]


def _config(request: Request) -> Any:
    return options_of(request).config


@router.get("/summary", tags=["store"], summary="What the store holds")
def summary(request: Request) -> dict[str, Any]:
    """Counts, date range, top people and the most recent stories."""
    return api.home(config=_config(request))


@router.get("/articles", tags=["articles"], summary="Search articles")
def articles(
    request: Request,
    q: Annotated[str | None, Query(description='Words and "quoted phrases", all required.')] = None,
    start: From = None,
    end: To = None,
    entity: Annotated[str | None, Query(description="Mentions this entity (a name).")] = None,
    story: Annotated[int | None, Query(ge=1, le=MAX_ID, description="In this story.")] = None,
    mentions_from: Mentioned = None,
    mentions_to: Mentioned = None,
    facets: Annotated[bool, Query(description="Add people, places, stories and months.")] = False,
    limit: Limit = 20,
    offset: Offset = 0,
) -> dict[str, Any]:
    """Full-text search (BM25, title weighted) with filters; newest first without ``q``."""
    return api.list_articles(
        config=_config(request),
        q=q,
        **date_range(start, end),
        entity=entity,
        story=story,
        mentions_from=bound(mentions_from, "mentions_from", last=False),
        mentions_to=bound(mentions_to, "mentions_to", last=True),
        facets=facets,
        limit=limit,
        offset=offset,
    )


@router.get("/articles/{article_id}", tags=["articles"], summary="One article with its facts")
def article(request: Request, article_id: str) -> dict[str, Any]:
    """Text, dateline, entities with mentions, timexes, quotes and events, with offsets."""
    return api.article(article_id, config=_config(request))


_ARTICLES_BODY = {
    "requestBody": {
        "required": True,
        "description": "One article object or a list of them (application/json), or JSON "
        "Lines (application/x-ndjson); fields as for 'dateline ingest' (text, title, "
        "published, url, source, id).",
        "content": {
            "application/json": {
                "schema": {
                    "oneOf": [
                        {"type": "object", "required": ["text"]},
                        {"type": "array", "items": {"type": "object", "required": ["text"]}},
                    ]
                }
            },
            "application/x-ndjson": {"schema": {"type": "string"}},
        },
    }
}
_LINES = ("application/x-ndjson", "application/jsonl", "application/json-lines")


@router.post(
    "/articles",
    tags=["articles"],
    summary="Ingest articles (needs --allow-writes and the token)",
    openapi_extra=_ARTICLES_BODY,
    responses={
        401: {"model": ErrorBody, "description": "No or wrong token"},
        403: {"model": ErrorBody, "description": "The server is read-only"},
        413: {"model": ErrorBody, "description": "Body over the limit"},
        422: {"model": ErrorBody, "description": "No article could be read"},
    },
)
async def post_articles(request: Request) -> JSONResponse:
    """Run the pipeline on the posted articles and store them; answers the ingest report.

    Items that cannot be read are listed in ``failures`` (one line each, with its
    code); the others are stored. Articles already stored are counted ``unchanged``.
    """
    options = options_of(request)
    if not options.allow_writes:
        raise ServiceError(E.READ_ONLY)
    if not options.authorised(request.headers.get("authorization")):
        raise ServiceError(E.UNAUTHORIZED)
    raw = await request.body()
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if not raw.strip():
        raise ServiceError(E.BAD_REQUEST, detail="empty body: post an article object")
    suffix = ".jsonl" if kind in _LINES else ".json"
    return await run_in_threadpool(_ingest, options.config, raw, suffix)


def _ingest(config: Config, raw: bytes, suffix: str) -> JSONResponse:
    with _WRITING:
        items = read_input(Input.of_bytes("body", f"body{suffix}", raw), config)
        report = api.ingest_items(items, config=config)
    failures = [{"item": f.item, "reason": f.reason, "code": f.code} for f in report.failures]
    answer = {
        "new": report.new,
        "updated": report.updated,
        "unchanged": report.unchanged,
        "failed": report.failed,
        "failures": failures,
    }
    if report.failed and not (report.new or report.updated or report.unchanged):
        first = failures[0]
        error = {"code": first["code"], "message": f"{first['item']}: {first['reason']}"}
        return JSONResponse({"error": error, **answer}, status_code=422)
    return JSONResponse(answer, status_code=200)


@router.get("/entities", tags=["entities"], summary="List entities")
def entities(
    request: Request,
    type: Annotated[str | None, Query(description="PERSON, ORG, GPE, …")] = None,
    prefix: Annotated[str | None, Query(description="Name starts so (case-insensitive).")] = None,
    sort: Literal["mentions", "articles", "name"] = "mentions",
    limit: Limit = 20,
    offset: Offset = 0,
) -> dict[str, Any]:
    """Entities across all articles."""
    return api.list_entities(
        config=_config(request), type=type, prefix=prefix, sort=sort, limit=limit, offset=offset
    )


@router.get("/entities/{ref}", tags=["entities"], summary="One entity's record")
def entity(request: Request, ref: str) -> dict[str, Any]:
    """Names, aliases, roles with dates, affiliations, articles per month,
    co-occurring entities and its newest quotes; ``ref`` is an id or a name."""
    return api.entity_page(entity_ref(ref), config=_config(request))


@router.get("/quotes", tags=["quotes"], summary="Search quotes")
def quotes(
    request: Request,
    speaker: Annotated[str | None, Query(description="Said by this entity (a name).")] = None,
    about: Annotated[str | None, Query(description="Words the quote contains.")] = None,
    start: From = None,
    end: To = None,
    kind: Annotated[str | None, Query(description="direct, indirect, mixed, …")] = None,
    min_confidence: Annotated[float | None, Query(ge=0.0, le=1.0)] = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> dict[str, Any]:
    """Statements, direct and reported, newest first (most relevant first with ``about``)."""
    return api.list_quotes(
        config=_config(request),
        speaker=speaker,
        about=about,
        **date_range(start, end),
        kind=kind,
        min_confidence=min_confidence,
        limit=limit,
        offset=offset,
    )


@router.get("/events", tags=["events"], summary="Search dated events")
def events(
    request: Request,
    q: Annotated[str | None, Query(description="Words of the event's sentence.")] = None,
    entity: Annotated[str | None, Query(description="A participant (a name).")] = None,
    start: From = None,
    end: To = None,
    kind: Annotated[str | None, Query(description="The event's kind.")] = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> dict[str, Any]:
    """Events with their dates and participants."""
    return api.list_events(
        config=_config(request),
        q=q,
        entity=entity,
        **date_range(start, end),
        kind=kind,
        limit=limit,
        offset=offset,
    )


@router.get("/stories", tags=["stories"], summary="List stories")
def stories(
    request: Request, start: From = None, end: To = None, limit: Limit = 20, offset: Offset = 0
) -> dict[str, Any]:
    """Stories (articles grouped over time), largest first."""
    return api.list_stories(
        config=_config(request),
        **date_range(start, end),
        limit=limit,
        offset=offset,
    )


@router.get("/stories/{story_id}", tags=["stories"], summary="One story with its articles")
def story(request: Request, story_id: Annotated[int, Path(ge=1, le=MAX_ID)]) -> dict[str, Any]:
    return api.story(story_id, config=_config(request))


@router.get("/timeline", tags=["timeline"], summary="The timeline of a query, entity or story")
def timeline(
    request: Request,
    q: Annotated[str, Query(description="Keywords (any may match).")] = "",
    entity: Annotated[list[str] | None, Query(description="Entities (repeatable).")] = None,
    story: Annotated[int | None, Query(ge=1, le=MAX_ID)] = None,
    start: From = None,
    end: To = None,
    max_dates: Annotated[int, Query(ge=1, le=200)] = 10,
    sentences_per_date: Annotated[int, Query(ge=1, le=20)] = 1,
    granularity: Literal["any", "year", "month", "day"] = "any",
    max_articles: Annotated[
        int,
        Query(ge=1, le=5000, description="Build from the N articles most relevant to the words."),
    ] = TIMELINE_ARTICLES,
) -> dict[str, Any]:
    """The CLI's ``dateline timeline --json`` contract: the query, its options, its entries.

    A query's words are matched in at most ``max_articles`` articles, the most relevant
    first (``dateline timeline --max-articles N`` gives the same timeline).
    """
    tl = api.timeline(
        q,
        config=_config(request),
        **date_range(start, end),
        max_dates=max_dates,
        sentences_per_date=sentences_per_date,
        entities=tuple(entity or ()),
        story=story,
        granularity=granularity,
        max_articles=max_articles,
    )
    return tl.to_dict()


@router.post("/timex", tags=["timex"], summary="Tag temporal expressions in a text")
def timex(
    request: Request,
    text: Annotated[str, Body(embed=True, max_length=100_000)],
    date: Annotated[
        str | None,
        Body(embed=True, pattern=r"^\d{4}-\d{2}-\d{2}$", description="Publication date."),
    ] = None,
    parse: Annotated[bool, Body(embed=True, description="Parse with spaCy first.")] = True,
) -> dict[str, Any]:
    """TIMEX3 values of every temporal expression, resolved against ``date`` (pure: no store)."""
    found = api.timexes(text, day(date, "date"), parse=parse, config=_config(request))
    return {"text": text, "date": date, "timexes": [t.to_dict() for t in found]}


@router.get("/docs", include_in_schema=False)
def docs(request: Request) -> HTMLResponse:
    """Swagger UI over the schema (its files come from the fastapi-offline package)."""
    from dateline.service.pages import render

    return render(request, "docs.html", {"schema": "/api/v1/openapi.json"})
