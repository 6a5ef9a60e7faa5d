"""dateline's errors as HTTP answers: one line, a ``DLnnn`` code, a status, never a traceback."""

from __future__ import annotations

from typing import Any

from dateline.errors import DatelineError, E

#: Status of each error code that is not a plain bad request.
_STATUS = {
    E.NO_ARTICLE.code: 404,
    E.NO_STORY.code: 404,
    E.NO_ENTITY.code: 404,
    E.NO_ALIAS.code: 404,
    E.NO_DATABASE.code: 503,
    E.NOT_A_DATABASE.code: 503,
    E.NEWER_SCHEMA.code: 503,
    E.UNAUTHORIZED.code: 401,
    E.READ_ONLY.code: 403,
    E.BODY_TOO_LARGE.code: 413,
    E.NO_PAGE.code: 404,
}


def status_of(error: DatelineError) -> int:
    """The HTTP status for a dateline error (400 unless it says otherwise)."""
    return _STATUS.get(error.code, 400)


def error_body(code: str, message: str) -> dict[str, Any]:
    """The JSON of every error answer: ``{"error": {"code", "message"}}``."""
    return {"error": {"code": code, "message": message}}
