"""The polite HTTP client against a real server on 127.0.0.1 (never the internet)."""

from __future__ import annotations

import datetime as dt
import time

import pytest

from dateline.config import Config
from dateline.errors import InputError
from dateline.ingest.fetch import PAGE_TYPES, Fetched, Fetcher, MemoryFetchState, _retry_after
from dateline.records import Failure
from tests.ingest.local_site import PAGE, Site, serve

# Short times keep the suite fast; the default delay of 1 s is tested by the fields only.
FAST = Config(fetch_timeout=0.3, fetch_delay=0.0, fetch_retries=2, fetch_max_bytes=100_000)


@pytest.fixture()
def site():
    with serve() as s:
        yield s


@pytest.fixture()
def fetcher():
    with Fetcher(config=FAST) as f:
        yield f


def fails(fetcher: Fetcher, url: str, code: str, says: str, **kw) -> InputError:
    with pytest.raises(InputError) as info:
        fetcher.fetch(url, **kw)
    err = info.value
    assert err.code == code, err
    assert says in err.message, err.message
    assert err.message.startswith(url) and "\n" not in err.message
    return err


def test_config_defaults():
    c = Config()
    assert (c.fetch_timeout, c.fetch_max_bytes, c.fetch_delay) == (20.0, 10 * 1024 * 1024, 1.0)
    assert (c.fetch_per_host, c.fetch_retries, c.user_agent, c.respect_robots) == (1, 3, None, True)


def test_a_page(site, fetcher):
    got = fetcher.fetch(site.url("/page"), accept=PAGE_TYPES)
    assert got == Fetched(url=site.url("/page"), requested=site.url("/page"), status=200,
                          content=PAGE, content_type="text/html", charset="utf-8", etag=None,
                          last_modified=None, not_modified=False)
    # robots.txt was read first, once
    fetcher.fetch(site.url("/page2"))
    assert site.paths() == ["/robots.txt", "/page", "/page2"]


def test_user_agent_names_dateline_and_can_be_set(site, fetcher):
    fetcher.fetch(site.url("/page"))
    agent = site.hits[-1].headers["User-Agent"]
    assert agent.startswith("dateline/") and "news reader" in agent
    assert site.hits[0].headers["User-Agent"] == agent  # robots.txt too
    with Fetcher(config=Config(user_agent="my-bot/2", fetch_delay=0)) as own:
        own.fetch(site.url("/page2"))
    assert site.hits[-1].headers["User-Agent"] == "my-bot/2"


def test_redirects_are_followed(site, fetcher):
    got = fetcher.fetch(site.url("/r1"))
    assert (got.url, got.requested, got.content) == (site.url("/page"), site.url("/r1"), PAGE)
    assert site.paths()[-3:] == ["/r1", "/r2", "/page"]


def test_redirect_loop_and_long_chain_are_errors(site, fetcher):
    fails(fetcher, site.url("/loop-a"), "DL127", "a loop back to")
    fails(fetcher, site.url("/chain/0"), "DL127", "more than 5")
    assert site.counts["/chain/5"] == 1 and site.counts["/chain/6"] == 0  # bounded


def test_redirect_to_another_scheme_is_an_error(site, fetcher):
    fails(fetcher, site.url("/to-ftp"), "DL126", "redirected to ftp://127.0.0.1/file")


def test_not_found(site, fetcher):
    err = fails(fetcher, site.url("/missing"), "DL120", "HTTP 404 Not Found")
    assert str(err).endswith("[DL120]")


def test_server_error_is_retried(site, fetcher):
    got = fetcher.fetch(site.url("/flaky"))
    assert got.content == PAGE and site.counts["/flaky"] == 2


def test_server_error_retries_are_bounded(site, fetcher):
    fails(fetcher, site.url("/down"), "DL120", "HTTP 503")
    assert site.counts["/down"] == FAST.fetch_retries + 1
    # backoff: 0.1 s, then 0.2 s (the base is fetch_delay, at least 0.1 s)
    times = [h.at for h in site.hits if h.path == "/down"]
    assert times[1] - times[0] >= 0.07 and times[2] - times[1] >= 0.15


def test_429_honours_retry_after(site, fetcher):
    got = fetcher.fetch(site.url("/busy"))
    assert got.status == 200
    first, second = (h.at for h in site.hits if h.path == "/busy")
    assert second - first >= 0.9


def test_429_with_a_long_retry_after_gives_up_at_once(site, fetcher):
    fails(fetcher, site.url("/busy-long"), "DL120", "over the 60 s cap")
    assert site.counts["/busy-long"] == 1


def test_slow_answer_times_out(site, fetcher):
    fails(fetcher, site.url("/slow"), "DL121", "no answer within 0.3 s (reading)")
    assert site.counts["/slow"] == 1  # timeouts are not retried


def test_a_body_that_drips_in_meets_a_deadline(site, fetcher):
    started = time.monotonic()
    fails(fetcher, site.url("/drip"), "DL121", "within 0.9 s (the body was still arriving)")
    assert time.monotonic() - started < 2.5  # 3 x the timeout, not the 3 s the body takes


def test_compressed_bodies_are_unpacked(site, fetcher):
    got = fetcher.fetch(site.url("/gzipped"))
    assert got.content == PAGE
    assert "gzip" in site.hits[-1].headers.get("Accept-Encoding", "")


def test_retry_after_forms():
    from email.utils import format_datetime

    assert _retry_after("3") == 3.0 and _retry_after(None) is None
    assert _retry_after("soon") is None
    later = format_datetime(dt.datetime.now(dt.UTC) + dt.timedelta(seconds=30), usegmt=True)
    assert 25 < (_retry_after(later) or 0) <= 30
    assert _retry_after("Thu, 07 Nov 2019 10:00:00 GMT") == 0.0  # in the past: at once


def test_body_over_the_limit_is_refused(site, fetcher):
    fails(fetcher, site.url("/huge"), "DL122", "over the 100,000-byte limit")
    fails(fetcher, site.url("/huge-declared"), "DL122", "Content-Length 52,428,800")


def test_wrong_content_type(site, fetcher):
    fails(fetcher, site.url("/image"), "DL125", "'image/png' is not one of text/html", accept=PAGE_TYPES)
    assert fetcher.fetch(site.url("/image")).content_type == "image/png"  # any type when not asked
    assert fetcher.fetch(site.url("/page"), accept=("text/*",)).status == 200


def test_robots_txt_is_respected(site, fetcher):
    fails(fetcher, site.url("/private/secret"), "DL123", "robots.txt disallows")
    fails(fetcher, site.url("/no-dateline/x"), "DL123", "robots.txt disallows")  # our own group
    err = fails(fetcher, site.url("/to-private"), "DL123", "at " + site.url("/private/secret"))
    assert err.code == "DL123"
    assert "/private/secret" not in site.paths()
    assert site.counts["/robots.txt"] == 1  # cached per host
    with Fetcher(config=Config(user_agent="other-bot/1", fetch_delay=0)) as other:
        assert other.fetch(site.url("/no-dateline-not")).status == 200
        with pytest.raises(InputError):
            other.fetch(site.url("/private/secret"))
    with Fetcher(config=Config(respect_robots=False, fetch_delay=0)) as rude:
        assert rude.fetch(site.url("/private-not")).status == 200


def test_robots_txt_missing_allows_all_and_failing_forbids_all():
    with serve(Site(robots=None)) as site, Fetcher(config=FAST) as fetcher:
        fails(fetcher, site.url("/private/secret"), "DL120", "HTTP 404")  # asked, not refused
    with serve(Site(robots_status=503)) as site, Fetcher(config=FAST) as fetcher:
        fails(fetcher, site.url("/page"), "DL123", "answered HTTP 503")
        fails(fetcher, site.url("/page2"), "DL123", "answered HTTP 503")
        assert "/page" not in site.paths()


def test_unreachable_host_fails_each_url_with_its_name(fetcher):
    with serve() as site:
        base = site.base
    for path in ("/a", "/b"):  # the server is gone: connection refused
        fails(fetcher, base + path, "DL126", "cannot fetch")


def test_only_http_and_https(fetcher):
    fails(fetcher, "file:///etc/passwd", "DL124", "got 'file'")
    fails(fetcher, "http://", "DL126", "no host")


def test_conditional_requests_with_memory_state(site):
    state = MemoryFetchState()
    with Fetcher(config=FAST, state=state) as fetcher:
        first = fetcher.fetch(site.url("/etag"))
        assert (first.status, first.etag, first.not_modified) == (200, '"v1"', False)
        assert state.validators(site.url("/etag")) == ('"v1"', "Thu, 07 Nov 2019 10:00:00 GMT")
        again = fetcher.fetch(site.url("/etag"))
        assert (again.status, again.content, again.not_modified) == (304, b"", True)
        assert again.etag == '"v1"' and again.last_modified == "Thu, 07 Nov 2019 10:00:00 GMT"
        fetcher.fetch(site.url("/modified"))
        assert fetcher.fetch(site.url("/modified")).not_modified
    sent = [h.headers for h in site.hits if h.path == "/etag"]
    assert "If-None-Match" not in sent[0] and sent[1]["If-None-Match"] == '"v1"'


def test_fetch_many_goes_on_past_failures(site, fetcher):
    urls = [site.url(p) for p in ("/page", "/missing", "/image")] + ["gopher://x/"]
    got = list(fetcher.fetch_many(urls, accept=PAGE_TYPES))
    assert isinstance(got[0], Failure) and got[0].item == "gopher://x/"  # refused up front
    by_url = {g.item if isinstance(g, Failure) else g.requested: g for g in got}
    assert set(by_url) == {*urls}
    assert isinstance(by_url[site.url("/page")], Fetched)
    missing = by_url[site.url("/missing")]
    assert isinstance(missing, Failure) and missing.code == "DL120"
    assert str(missing) == f"{site.url('/missing')}: the server answered HTTP 404 Not Found [DL120]"
    assert by_url[site.url("/image")].code == "DL125"


def test_fetch_many_spaces_requests_to_one_host(site):
    with Fetcher(config=Config(fetch_delay=0.2, fetch_timeout=2)) as fetcher:
        urls = [site.url(p) for p in ("/page", "/page2", "/page3")]
        got = list(fetcher.fetch_many(urls))
    assert all(isinstance(g, Fetched) for g in got)
    times = [h.at for h in site.hits]  # robots.txt and three pages
    assert len(times) == 4
    # starts are spaced by the client; arrivals jitter by a connection's set-up
    assert min(b - a for a, b in zip(times, times[1:], strict=False)) >= 0.15
    assert times[-1] - times[0] >= 0.55
    assert site.active_max == 1


def test_fetch_many_per_host_limit_and_hosts_side_by_side():
    config = Config(fetch_delay=0, fetch_per_host=2, fetch_timeout=2)
    with serve() as one, serve() as two, Fetcher(config=config) as fetcher:
        urls = [one.url("/slowish") for _ in range(4)] + [two.url("/slowish") for _ in range(4)]
        started = time.monotonic()
        got = list(fetcher.fetch_many(urls))
        took = time.monotonic() - started
    assert len(got) == 8 and all(isinstance(g, Fetched) for g in got)
    assert one.active_max == 2 and two.active_max == 2
    # 4 slow pages a host, 2 at a time, both hosts at once: about 0.6 s, not 2.4 s
    assert took < 1.5


def test_fetch_many_remembers_validators(site):
    state = MemoryFetchState()
    with Fetcher(config=FAST, state=state) as fetcher:
        list(fetcher.fetch_many([site.url("/etag")]))
        (again,) = fetcher.fetch_many([site.url("/etag")])
    assert isinstance(again, Fetched) and again.not_modified


def test_crawl_delay_in_robots_txt_lengthens_the_delay():
    with serve(Site(robots=b"User-agent: *\nCrawl-delay: 1\n")) as site:
        with Fetcher(config=FAST) as fetcher:
            fetcher.fetch(site.url("/page"))
            fetcher.fetch(site.url("/page2"))
    robots, first, second = (h.at for h in site.hits)
    assert second - first >= 0.9


def test_fetch_many_stopped_early_leaves_no_work(site):
    urls = [site.url("/slowish") for _ in range(5)]
    with Fetcher(config=Config(fetch_delay=0, fetch_timeout=2)) as fetcher:
        items = fetcher.fetch_many(urls)
        next(items)
        items.close()
        time.sleep(0.5)
    assert site.counts["/slowish"] <= 2
