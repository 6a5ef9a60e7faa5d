"""URL lists (``--urls FILE``) and the URL checks the fetcher makes."""

from __future__ import annotations

import pytest

from dateline.errors import InputError
from dateline.ingest.urls import check_url, read_url_list, url_failure
from dateline.records import Failure

LIST = """# morning sources
https://news.example/a

   http://news.example/b?x=1#top
  # indented comment
news.example/c
ftp://news.example/d
https://news.example:99999/e
https://news.example/has space
mailto:desk@news.example
HTTPS://News.Example/F
"""


def test_read_url_list():
    got = list(read_url_list(LIST, label="urls.txt"))
    urls = [g for g in got if isinstance(g, str)]
    fails = [g for g in got if isinstance(g, Failure)]
    assert urls == ["https://news.example/a", "http://news.example/b?x=1#top", "HTTPS://News.Example/F"]
    assert [f.item for f in fails] == ["urls.txt:6", "urls.txt:7", "urls.txt:8", "urls.txt:9", "urls.txt:10"]
    assert all(f.code == "DL131" and "\n" not in str(f) for f in fails)
    assert "no http:// or https://" in fails[0].reason
    assert "scheme 'ftp'" in fails[1].reason
    assert "out of range" in fails[2].reason
    assert "without spaces" in fails[3].reason
    # input order is kept: failures sit where their lines are
    assert got[2] == fails[0]


def test_empty_list():
    assert list(read_url_list("\n# nothing\n\n", label="u")) == []


def test_check_url():
    assert check_url("http://a.example/x") == ("http://a.example", "a.example:80")
    assert check_url("https://u:p@A.example:8443/x") == ("https://a.example:8443", "a.example:8443")
    for bad, code in [("file:///etc/passwd", "DL124"), ("javascript:x", "DL124"),
                      ("http:///nohost", "DL126"), ("http://a.example:x/", "DL126")]:
        with pytest.raises(InputError) as info:
            check_url(bad)
        assert info.value.code == code
        f = url_failure(bad, info.value)
        assert f.item == bad and not f.reason.startswith(bad)


def test_a_url_with_control_characters_stays_on_one_line():
    bad = "http://a.example/x\ny"
    with pytest.raises(InputError) as info:
        check_url(bad.replace("http", "gopher"))
    f = url_failure(bad.replace("http", "gopher"), info.value)
    assert "\n" not in str(f) and f.item == "gopher://a.example/x\\ny"
    assert f.reason.startswith("only http and https")
