"""The pages in a real browser: Debian's chromium driven by Playwright, against uvicorn.

Screenshots go to `tests/screenshots/` (git-ignored).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = Path("/usr/bin/chromium")
SCREENSHOTS = Path(__file__).resolve().parents[1] / "screenshots"
ARGS = [
    "--no-sandbox",
    "--disable-dev-shm-usage",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
B = "https://w3id.org/reskg/id/"

if not CHROMIUM.exists() and not os.environ.get("CI"):
    pytest.skip(
        "needs Debian's chromium at /usr/bin/chromium (apt-get install chromium); "
        "in CI (CI set) these tests always run",
        allow_module_level=True,
    )


@pytest.fixture(scope="module")
def page(live_server: str) -> Iterator[Any]:
    """A chromium page (Playwright's sync API)."""
    from playwright.sync_api import sync_playwright

    SCREENSHOTS.mkdir(exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            tab = browser.new_page(viewport={"width": 1200, "height": 900})
            yield tab
        finally:
            browser.close()


def test_drawing_shows_the_versions_of_pp_140(page: Any, live_server: str) -> None:
    page.goto(f"{live_server}/resolution/pp/140")
    drawing = page.locator("svg.lineage")
    drawing.wait_for()
    versions = drawing.locator("a.node.version")
    assert versions.count() == 5
    assert [versions.nth(i).get_attribute("data-iri") for i in range(5)] == [
        f"{B}resolution/pp/140/{year}" for year in (2006, 2010, 2014, 2018, 2022)
    ]
    subtitles = [versions.nth(i).locator("text.node-sub").text_content() for i in range(5)]
    assert subtitles == [
        "Antalya, 2006",
        "Rev. Guadalajara, 2010",
        "Rev. Busan, 2014",
        "Rev. Dubai, 2018",
        "Rev. Bucharest, 2022",
    ]
    assert drawing.locator("path.revises").count() == 4
    box = drawing.bounding_box()
    assert box is not None and box["width"] > 500
    page.screenshot(path=str(SCREENSHOTS / "resolution-pp-140.png"), full_page=True)


def test_click_on_a_cited_resolution_opens_its_page(page: Any, live_server: str) -> None:
    page.goto(f"{live_server}/resolution/pp/140")
    cited = page.locator(f'svg.lineage a.node.cited[data-iri="{B}resolution/wtdc/30/2017"]')
    with page.expect_navigation():
        cited.click()
    assert page.url == f"{live_server}/resolution/wtdc/30/2017"
    assert "Resolution 30" in page.locator("h1").text_content()
    page.screenshot(path=str(SCREENSHOTS / "resolution-wtdc-30-2017.png"), full_page=True)


def test_click_on_a_citing_version_opens_its_text(page: Any, live_server: str) -> None:
    page.goto(f"{live_server}/resolution/pp/140")
    citing = page.locator(f'svg.lineage a.node.citing[data-iri="{B}resolution/council/1282/2007"]')
    with page.expect_navigation():
        citing.click()
    assert page.url == f"{live_server}/resolution/council/1282/2007"
    assert page.locator('article.text a.ref[href="/resolution/pp/140/2006"]').count() > 0
    page.screenshot(path=str(SCREENSHOTS / "resolution-council-1282-2007.png"), full_page=True)


def test_search_from_the_home_page(page: Any, live_server: str) -> None:
    page.goto(f"{live_server}/")
    page.locator("form.big input[name=q]").fill("information society")
    with page.expect_navigation():
        page.locator("form.big button").click()
    assert page.url.startswith(f"{live_server}/api/resolutions?q=information+society")
    assert page.locator('ol.results a[href="/resolution/pp/140"]').count() == 1
    page.screenshot(path=str(SCREENSHOTS / "search.png"), full_page=True)
