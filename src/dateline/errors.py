"""The one catalogue of user-facing errors.

Every message a user can see for bad input, bad configuration or a missing
database has a stable code (``DL1xx`` input, ``DL2xx`` configuration,
``DL3xx`` storage, ``DL4xx`` the HTTP service, ``DL5xx`` running) so it can be
searched for. Library code raises ``DatelineError`` subclasses built from this
catalogue; the CLI turns them into one line on stderr, never a traceback.
"""

from __future__ import annotations

from enum import Enum


class E(Enum):
    """Error codes with their message templates."""

    # Input (one item fails, the rest of the batch goes on)
    NOT_FOUND = ("DL101", "no such file or directory")
    EMPTY = ("DL102", "empty file")
    BINARY = ("DL103", "binary file, not text")
    TOO_LARGE = ("DL104", "{size} bytes, over the {limit:,}-byte limit")
    UNDECODABLE = ("DL105", "cannot decode text: not UTF-8 and no reliable encoding detected")
    BAD_JSON = ("DL106", "invalid JSON: {detail}")
    NOT_OBJECT = ("DL107", "JSON line is not an object")
    NO_TEXT_FIELD = ("DL108", "no text field: expected one of {fields}")
    EMPTY_TEXT = ("DL109", "article text is empty")
    BAD_DATE = ("DL110", "unparseable date {value!r} (expected YYYY-MM-DD)")
    UNSUPPORTED = (
        "DL111", "unsupported file type {suffix!r} (expected text, JSON Lines, JSON, CSV, HTML,"
        " a feed, a sitemap, WARC, or .gz/.bz2/.xz/.zip of them)"
    )
    BAD_CSV = ("DL112", "malformed CSV: {detail}")
    STAGE_FAILED = ("DL113", "stage {stage!r} failed: {detail}")
    NO_BODY = ("DL114", "no article text found in the HTML page")
    BATCH_LOST = ("DL115", "lost on the cluster after {tries} tries: {detail}")
    # Fetching pages, feeds and sitemaps (dateline.ingest.fetch, feeds, sitemaps, urls).
    # A fetch message names its URL: it is raised alone as well as listed as a failure.
    FETCH_STATUS = ("DL120", "{url}: the server answered HTTP {status}{detail}")
    FETCH_TIMEOUT = ("DL121", "{url}: no answer within {seconds:g} s ({detail})")
    FETCH_TOO_LARGE = ("DL122", "{url}: body is over the {limit:,}-byte limit{detail}")
    ROBOTS_DISALLOWED = ("DL123", "{url}: robots.txt forbids fetching it ({detail})")
    BAD_SCHEME = ("DL124", "{url}: only http and https URLs can be fetched (got {scheme!r})")
    WRONG_TYPE = ("DL125", "{url}: content type {found!r} is not one of {expected}")
    FETCH_FAILED = ("DL126", "{url}: cannot fetch: {detail}")
    TOO_MANY_REDIRECTS = ("DL127", "{url}: too many redirects ({detail})")
    NOT_A_FEED = ("DL128", "not an RSS, Atom or RDF feed: {detail}")
    NOT_A_SITEMAP = ("DL129", "not a sitemap: {detail}")
    SITEMAP_TOO_BIG = ("DL130", "sitemap has more than {limit:,} {what} (the protocol's limit)")
    BAD_URL_LINE = ("DL131", "not an http(s) URL: {line!r}{detail}")
    FEED_ENTRY = ("DL132", "feed entry {index} has no id, link, title or text")
    # Archives and streams (DL140-DL149)
    CORRUPT = ("DL140", "damaged or truncated data: {detail}")
    TOO_DEEP = ("DL141", "archives nested more than {depth} deep")
    LINE_TOO_LONG = ("DL142", "line over the {limit:,}-byte limit")
    NOT_UTF8_LINE = ("DL143", "line is not UTF-8 text")
    NO_DATE = ("DL144", "no publication date found; stored with an unknown date")
    SUMMARY_ONLY = ("DL145", "kept the feed's summary: {detail}")
    # Configuration (nothing runs)
    UNKNOWN_STAGE = ("DL201", "unknown stage {name!r} (known: {known})")
    STAGE_ORDER = ("DL202", "stage {name!r} needs {need!r}, which no earlier stage sets")
    UNKNOWN_STORE = ("DL203", "unknown store scheme {scheme!r} (known: {known})")
    BAD_OPTION = ("DL204", "{detail}")
    MODEL_MISSING = ("DL205", "spaCy model {name!r} is not installed (pip install {package})")
    BAD_DATE_OPTION = ("DL206", "{option}: unparseable date {value!r} (expected {expected})")
    NO_QUERY = ("DL207", "give a query or a filter ({filters})")
    BAD_PAGE = (
        "DL208", "limit must be 1 to {max} and offset 0 or more (got limit={limit!r},"
        " offset={offset!r})"
    )
    BAD_CHOICE = ("DL209", "{option} must be one of {choices} (got {value!r})")
    UNKNOWN_RUNNER = ("DL210", "unknown runner {name!r} (known: {known})")
    NO_DASK = ("DL211", "the dask runner needs Dask distributed: pip install 'dateline[dask]'")
    NO_SCHEDULER = ("DL212", "cannot reach the Dask scheduler at {address}: {detail}")
    WORKER_SETUP = ("DL213", "the Dask workers cannot run this pipeline: {detail}")
    NO_DRIVER = ("DL214", "{url} needs {package} (pip install 'dateline[postgres]')")
    # Storage
    NO_DATABASE = ("DL301", "database {path!r} does not exist (run 'dateline ingest' first)")
    NOT_A_DATABASE = ("DL302", "{path!r} is not a dateline database: {detail}")
    NO_ARTICLE = ("DL303", "no article with id {id!r}")
    NEWER_SCHEMA = ("DL304", "database schema {found} is newer than this dateline's ({known})")
    NO_STORY = ("DL305", "no story with id {id!r} (see 'dateline stories')")
    NO_ENTITY = ("DL306", "no entity {id!r} (see 'dateline entities')")
    NO_ALIAS = (
        "DL307", "no article names entity {id} {name!r} (see 'dateline entities show {id}')"
    )
    BAD_MERGE = ("DL308", "{detail}")
    NO_SERVER = ("DL309", "cannot reach the PostgreSQL server of {url}: {detail}")
    # Service (the HTTP API and web pages)
    UNAUTHORIZED = ("DL401", "this route needs 'Authorization: Bearer <token>'")
    READ_ONLY = ("DL402", "the server is read-only (start it with --allow-writes)")
    BODY_TOO_LARGE = ("DL403", "request body is over the {limit:,}-byte limit")
    BAD_REQUEST = ("DL404", "{detail}")
    NO_PAGE = ("DL405", "no page {path!r}")
    PORT_IN_USE = ("DL406", "cannot listen on {host}:{port}: {detail}")
    # Running (the run stops; what was stored is kept)
    WORKER_DIED = (
        "DL501", "{workers} ended in the middle of a batch (killed, or out of memory?); what is"
        " stored is kept: run the same command again to go on"
    )
    SCHEDULER_LOST = (
        "DL502", "lost the Dask scheduler ({detail}); what is stored is kept: run the same"
        " command again to go on"
    )

    @property
    def code(self) -> str:
        return self.value[0]

    def format(self, **kwargs: object) -> str:
        return self.value[1].format(**kwargs)


class DatelineError(Exception):
    """Base class of every error dateline reports to users."""

    def __init__(self, error: E, **kwargs: object) -> None:
        self.error = error
        self.code = error.code
        self.message = error.format(**kwargs)
        self.kwargs = kwargs
        super().__init__(f"{self.message} [{self.code}]")

    def __reduce__(self) -> tuple[object, ...]:
        # Rebuilt from its code and values, so it crosses processes (a Dask worker's
        # ConfigError reaches the client as itself).
        return (_rebuild, (type(self), self.error.name, self.kwargs))


def _rebuild(cls: type[DatelineError], name: str, kwargs: dict[str, object]) -> DatelineError:
    return cls(E[name], **kwargs)


class InputError(DatelineError):
    """One input item is unusable."""


class ConfigError(DatelineError):
    """The configuration is invalid; raised before any work starts."""


class RunError(DatelineError):
    """The run cannot go on (a worker process ended); what was stored is kept."""


class StoreError(DatelineError):
    """The database is missing or unusable."""


class ServiceError(DatelineError):
    """An HTTP request the service refuses (no token, read-only, too large, malformed)."""
