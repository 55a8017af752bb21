"""Fetching against a real HTTP server on 127.0.0.1 (tests/site.py): politeness, faults, cache, sources.

Nothing here touches the internet. Each fault ends in its documented behaviour: 429 and 503 are
retried (429 no sooner than Retry-After), a reset connection is retried, a timeout is retried and
then given up with "timed out", a redirect loop, an oversized body, a wrong content type, a
robots.txt disallow and a 404 are refused with their reason, a windows-1252 page is decoded from
its HTTP charset, and an empty 200 is fetched but refused as "empty" by the page decoder.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from rdfbib import __version__
from rdfbib.errors import FetchError, SourceError
from rdfbib.fetch import Fetcher, retry_after, user_agent
from rdfbib.pipeline import extract
from rdfbib.sources import Remote, expand, results

from .site import BIG_BYTES, CP1252_TITLE, SLOW_SECONDS, Site, fault_items, small_site

INTERVAL = 0.2


@pytest.fixture
def site() -> Iterator[Site]:
    items = small_site()
    items.update(fault_items())
    server = Site(items).start()
    yield server
    server.stop()


def fetcher(**options: object) -> Fetcher:
    """A fetcher tuned for a local server: short waits, small caps, no cache unless asked."""
    settings: dict[str, object] = {
        "interval": INTERVAL,
        "timeout": (2.0, SLOW_SECONDS / 3),
        "tries": 2,
        "backoff": 0.05,
        "max_bytes": BIG_BYTES // 2,
        "cache": False,
        "contact": "tests@example.org",
    }
    settings.update(options)
    return Fetcher(**settings)  # type: ignore[arg-type]


def fault(site: Site, name: str) -> str:
    return site.url(f"/p/zzz/fault/{name}.html")


def page(site: Site, number: str) -> str:
    return site.url(f"/p/zzz/wpaper/{number}.html")


def test_user_agent_names_rdfbib_version_and_contact(site: Site) -> None:
    with fetcher() as f:
        f.get(page(site, "01"))
    agents = {h.headers.get("User-Agent") for h in site.hits}
    assert agents == {f"rdfbib/{__version__} (+tests@example.org)"}
    assert user_agent(None).startswith(f"rdfbib/{__version__}")


def test_page_comes_back_as_raw_with_url_and_content_type(site: Site) -> None:
    with fetcher() as f:
        raw = f.get(page(site, "01"))
    assert raw.name == page(site, "01")
    assert raw.url == page(site, "01")
    assert raw.content_type == "text/html; charset=utf-8"
    assert extract(raw).work.repec_key == "zzz/wpaper/01"


def test_mirror_fetches_from_the_mirror_and_keeps_the_origin_url(site: Site) -> None:
    with fetcher(mirrors={"https://ideas.repec.org": site.origin}) as f:
        raw = f.get("https://ideas.repec.org/p/zzz/wpaper/02.html")
    assert raw.url == "https://ideas.repec.org/p/zzz/wpaper/02.html"
    assert site.page_paths() == ["/p/zzz/wpaper/02.html"]


def test_429_is_retried_no_sooner_than_retry_after(site: Site) -> None:
    with fetcher() as f:
        record = extract(f.get(fault(site, "retry429")))
    assert record.work.title == "Fault case retry429"
    first, second = site.times("/p/zzz/fault/retry429.html")
    assert second - first >= 1.0  # the server said Retry-After: 1


def test_503_then_200_is_retried(site: Site) -> None:
    with fetcher() as f:
        assert extract(f.get(fault(site, "flaky503"))).work.title == "Fault case flaky503"
    assert len(site.times("/p/zzz/fault/flaky503.html")) == 2


def test_connection_reset_is_retried(site: Site) -> None:
    with fetcher() as f:
        assert extract(f.get(fault(site, "reset"))).work.title == "Fault case reset"
    assert len(site.times("/p/zzz/fault/reset.html")) == 2


def test_timeout_is_retried_then_given_up(site: Site) -> None:
    with fetcher() as f, pytest.raises(FetchError, match=r"gave up after 2 tries: timed out") as caught:
        f.get(fault(site, "slow"))
    assert caught.value.status is None
    assert len(site.times("/p/zzz/fault/slow.html")) == 2


def test_redirect_loop_is_named(site: Site) -> None:
    with fetcher() as f, pytest.raises(FetchError, match="redirect loop") as caught:
        f.get(fault(site, "loop"))
    assert caught.value.status == 302
    assert site.counts()["/p/zzz/fault/loop.html"] == 1


def test_oversized_body_is_cut_and_refused(site: Site, tmp_path: Path) -> None:
    with fetcher(cache=tmp_path) as f, pytest.raises(FetchError, match="too large"):
        f.get(fault(site, "big"))
    with fetcher(cache=tmp_path, offline=True) as f, pytest.raises(FetchError, match="not in the cache"):
        f.get(fault(site, "big"))  # nothing oversized is stored


def test_wrong_content_type_is_refused(site: Site) -> None:
    with fetcher() as f, pytest.raises(FetchError, match="not a page: Content-Type application/pdf"):
        f.get(fault(site, "pdf"))


def test_robots_txt_disallow_is_obeyed_and_read_once(site: Site) -> None:
    with fetcher() as f:
        with pytest.raises(FetchError, match="disallowed by robots.txt"):
            f.get(fault(site, "secret"))
        f.get(page(site, "01"))
        f.get(page(site, "02"))
    counts = site.counts()
    assert "/p/zzz/fault/secret.html" not in counts
    assert counts["/robots.txt"] == 1


def test_missing_robots_txt_means_no_rules() -> None:
    server = Site(small_site(), robots=None).start()
    try:
        with fetcher() as f:
            assert f.get(server.url("/p/zzz/wpaper/01.html")).data
    finally:
        server.stop()


def test_windows_1252_declared_in_the_header_is_decoded(site: Site) -> None:
    with fetcher() as f:
        raw = f.get(fault(site, "cp1252"))
    assert raw.content_type == "text/html; charset=windows-1252"
    assert CP1252_TITLE.encode("cp1252") in raw.data
    assert extract(raw).work.title == CP1252_TITLE


def test_empty_200_is_fetched_but_refused_as_empty(site: Site) -> None:
    with fetcher() as f:
        raw = f.get(fault(site, "empty"))
    with pytest.raises(SourceError, match="empty"):
        extract(raw)


def test_404_is_not_retried(site: Site) -> None:
    with fetcher() as f, pytest.raises(FetchError, match="HTTP 404") as caught:
        f.get(fault(site, "gone"))
    assert caught.value.status == 404
    assert site.counts()["/p/zzz/fault/gone.html"] == 1


def test_requests_to_one_host_keep_the_minimum_interval(site: Site) -> None:
    with fetcher() as f:
        for number in ("01", "02", "03", "04", "05"):
            f.get(page(site, number))
        f.get(fault(site, "flaky503"))  # a retry waits its turn too
    gaps = site.gaps()
    assert len(gaps) == 7  # robots.txt, five pages and two tries of flaky503: eight requests
    assert min(gaps) >= INTERVAL


def test_crawl_delay_longer_than_ours_wins() -> None:
    server = Site(small_site(), robots="User-agent: rdfbib\nCrawl-delay: 1\n").start()
    try:
        with fetcher(interval=0.0) as f:
            f.get(server.url("/p/zzz/wpaper/01.html"))
            f.get(server.url("/p/zzz/wpaper/02.html"))
        first, second = (server.times(f"/p/zzz/wpaper/{n}.html")[0] for n in ("01", "02"))
        assert second - first >= 1.0
    finally:
        server.stop()


def test_repec_sites_get_a_stricter_default_interval() -> None:
    with Fetcher(cache=False) as f:
        assert f.interval_for("ideas.repec.org") == 2.0
        assert f.interval_for("econpapers.repec.org") == 2.0
        assert f.interval_for("example.org") == 1.0
    with Fetcher(cache=False, interval=5) as f:
        assert f.interval_for("ideas.repec.org") == 5


def test_retry_after_header_forms() -> None:
    now = datetime(2026, 1, 1, tzinfo=timezone.utc)
    assert retry_after("120") == 120
    assert retry_after("Thu, 01 Jan 2026 00:00:30 GMT", now) == 30
    assert retry_after("soon") is None
    assert retry_after(None) is None


def test_cache_serves_fresh_pages_without_a_request(site: Site, tmp_path: Path) -> None:
    with fetcher(cache=tmp_path) as f:
        first = f.get(page(site, "01"))
        second = f.get(page(site, "01"))
        assert f.stats.from_cache == 1
    assert first.data == second.data
    assert second.content_type == first.content_type
    assert site.counts()["/p/zzz/wpaper/01.html"] == 1


def test_stale_pages_are_revalidated_with_their_etag(site: Site, tmp_path: Path) -> None:
    with fetcher(cache=tmp_path, cache_max_age=timedelta(0)) as f:
        first = f.get(page(site, "01"))
        second = f.get(page(site, "01"))
    hits = [h for h in site.hits if h.path == "/p/zzz/wpaper/01.html"]
    assert len(hits) == 2
    assert "If-None-Match" not in hits[0].headers
    assert hits[1].headers.get("If-None-Match")  # answered 304: no body sent again
    assert first.data == second.data


def test_offline_reads_the_cache_only_and_refresh_ignores_it(site: Site, tmp_path: Path) -> None:
    with fetcher(cache=tmp_path) as f:
        f.get(page(site, "01"))
    before = len(site.hits)
    with fetcher(cache=tmp_path, offline=True) as f:
        assert extract(f.get(page(site, "01"))).work.title == "Tides and the price of harbour credit"
        with pytest.raises(FetchError, match=r"not in the cache \(offline\)"):
            f.get(page(site, "02"))
    assert len(site.hits) == before
    with fetcher(cache=tmp_path, refresh=True) as f:
        f.get(page(site, "01"))
    assert site.counts()["/p/zzz/wpaper/01.html"] == 2


def test_sources_expand_lazily_and_a_bad_url_is_one_failed_result(site: Site, tmp_path: Path) -> None:
    folder = tmp_path / "pages"
    folder.mkdir()
    saved = folder / "saved.html"
    saved.write_bytes(site.pages["/p/zzz/wpaper/03.html"])
    listing = tmp_path / "list.txt"
    listing.write_text(f"# pages to convert\n{page(site, '02')}\n\n{fault(site, 'gone')}\n", encoding="utf-8")
    with listing.open(encoding="utf-8") as stream:
        items = expand([page(site, "01"), str(folder)], lists=[stream])
        first = next(items)
        assert first == Remote(page(site, "01"))
        assert site.hits == []  # nothing fetched before its turn
        with fetcher() as f:
            outcome = list(results([first, *items], fetcher=f))
    assert [r.ok for r in outcome] == [True, True, True, False]
    assert [r.record.work.repec_key for r in outcome if r.record] == ["zzz/wpaper/01", "zzz/wpaper/03", "zzz/wpaper/02"]
    assert outcome[3].source == fault(site, "gone")
    assert outcome[3].error is not None and "HTTP 404" in outcome[3].error.message


def test_offline_uses_stale_pages_too(site: Site, tmp_path: Path) -> None:
    with fetcher(cache=tmp_path, cache_max_age=timedelta(0)) as f:
        f.get(page(site, "01"))
    before = len(site.hits)
    with fetcher(cache=tmp_path, offline=True) as f:
        assert f.get(page(site, "01")).data == site.pages["/p/zzz/wpaper/01.html"]
    assert len(site.hits) == before


def test_the_cache_folder_is_the_platforms(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """platformdirs' user cache folder: on Linux $XDG_CACHE_HOME/rdfbib, where a relative XDG_CACHE_HOME
    is ignored (the XDG spec), else ~/.cache/rdfbib; RDFBIB_CACHE_DIR wins over both."""
    import platformdirs

    from rdfbib.fetch import cache_dir

    monkeypatch.delenv("RDFBIB_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/cache")
    assert cache_dir() == platformdirs.user_cache_path("rdfbib", appauthor=False)
    if sys.platform.startswith("linux"):
        assert cache_dir() == Path.home() / ".cache" / "rdfbib"
        monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
        assert cache_dir() == tmp_path / "rdfbib"
    monkeypatch.setenv("RDFBIB_CACHE_DIR", str(tmp_path / "mine"))
    assert cache_dir() == tmp_path / "mine"
