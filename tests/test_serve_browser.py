"""``rdfbib serve`` in a real browser: Debian's chromium, headless, driven by selenium through
chromium-driver (both from apt in .ci/run; the tests skip without them). From the home page to a work,
its author and a work citing it, checking what is shown against the store; screenshots of each page are
saved in the test's temporary folder (printed, kept by pytest's tmp_path retention)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.served import Site, served  # noqa: F401 (served: a fixture)

webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is a test dependency")
from selenium.webdriver.common.by import By  # noqa: E402

S = "http://schema.org/"
CITED = "work/doi/10.1146/annurev-economics-063016-103713"
CITING = "work/repec/cwl/cwldpp/2163"


@pytest.fixture
def browser() -> Iterator[object]:
    chromium, driver = shutil.which("chromium"), shutil.which("chromedriver")
    if not chromium or not driver:
        pytest.skip("chromium and chromium-driver (Debian packages) are not installed")
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--window-size=1200,900", "--no-proxy-server"):
        options.add_argument(argument)
    session = webdriver.Chrome(service=Service(executable_path=driver), options=options)
    session.set_page_load_timeout(60)
    try:
        yield session
    finally:
        session.quit()


def shoot(browser: object, folder: Path, name: str) -> None:
    path = folder / f"{name}.png"
    assert browser.save_screenshot(str(path)) and path.stat().st_size > 1000  # type: ignore[attr-defined]
    print(f"screenshot: {path}")


def heading(browser: object) -> str:
    return browser.find_element(By.TAG_NAME, "h1").text  # type: ignore[attr-defined]


def test_home_to_work_author_and_citing_work(served: Site, browser: object, tmp_path: Path) -> None:
    b = browser
    b.get(served.base)  # type: ignore[attr-defined]
    shoot(b, tmp_path, "1-home")
    persons = served.select(f"SELECT (COUNT(DISTINCT ?p) AS ?n) WHERE {{ ?p a <{S}Person> }}")[0][0]
    counts = {dt.text: dd.text for dt, dd in zip(b.find_elements(By.CSS_SELECTOR, "dl.counts dt"), b.find_elements(By.CSS_SELECTOR, "dl.counts dd"))}  # type: ignore[attr-defined]
    assert counts["Persons"] == persons

    search = b.find_element(By.ID, "q")  # type: ignore[attr-defined]
    search.send_keys("spatial economics")
    search.submit()
    shoot(b, tmp_path, "2-search")
    title = served.select(f"SELECT ?t WHERE {{ <{served.base}{CITED}> <{S}name> ?t }}")[0][0]
    b.find_element(By.CSS_SELECTOR, f"a[href='{served.base}{CITED}']").click()  # type: ignore[attr-defined]
    assert heading(b) == title
    shoot(b, tmp_path, "3-work")

    authors = [row[0] for row in served.select(f"SELECT ?n WHERE {{ <{served.base}{CITED}> <{S}author> ?a . ?a <{S}name> ?n }}")]
    shown = [a.text for a in b.find_elements(By.CSS_SELECTOR, "#authors > li > a")]  # type: ignore[attr-defined]
    assert sorted(shown) == sorted(authors) and shown
    first = b.find_element(By.CSS_SELECTOR, "#authors > li > a")  # type: ignore[attr-defined]
    name = first.text
    first.click()
    assert heading(b) == name
    assert title in [li.text for li in b.find_elements(By.CSS_SELECTOR, "section[aria-labelledby=works] li")]  # type: ignore[attr-defined]
    shoot(b, tmp_path, "4-author")
    b.back()  # type: ignore[attr-defined]

    citing = served.select(f"SELECT ?t WHERE {{ <{served.base}{CITING}> <{S}name> ?t }}")[0][0]
    b.find_element(By.CSS_SELECTOR, f"section[aria-labelledby=citing] a[href='{served.base}{CITING}']").click()  # type: ignore[attr-defined]
    assert heading(b) == citing
    references = [li.text for li in b.find_elements(By.CSS_SELECTOR, "section[aria-labelledby=references] li")]  # type: ignore[attr-defined]
    assert "Quantitative Spatial Economics" in references
    shoot(b, tmp_path, "5-citing-work")


def test_readable_on_a_phone(served: Site, browser: object, tmp_path: Path) -> None:
    """At a phone's width no page scrolls sideways."""
    b = browser
    b.set_window_size(390, 844)  # type: ignore[attr-defined]
    for name, path in (("home", ""), ("work", CITING), ("work-long", "work/repec/eee/jinvec/v41y2022i3p211-239")):
        b.get(served.base + path)  # type: ignore[attr-defined]
        width = b.execute_script("return [document.documentElement.scrollWidth, window.innerWidth]")  # type: ignore[attr-defined]
        assert width[0] <= width[1], (path, width)
        shoot(b, tmp_path, f"phone-{name}")
