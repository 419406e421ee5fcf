"""A reader in a real browser: the demo home page, a click to an article, its anatomy.

Drives Debian's Chromium through Playwright (never a downloaded browser) and saves the
screenshot that the README shows.
"""

import re
import shutil
from pathlib import Path

import pytest

from baspa.demo.load import demo_load
from baspa.kazakh import to_arabic, to_latin

CHROMIUM = "/usr/bin/chromium"
SCREENSHOT = Path(__file__).resolve().parents[3] / "docs" / "screenshots" / "article.png"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not shutil.which(CHROMIUM), reason="Debian's chromium is not installed"),
]


@pytest.fixture
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        yield browser
        browser.close()


@pytest.fixture
def demo_site(transactional_db, live_server):
    # Loaded before Playwright starts: its event loop makes Django refuse database calls.
    demo_load(articles=40)
    return live_server


def test_reader_opens_home_then_an_article(demo_site, browser):
    live_server = demo_site
    page = browser.new_page(viewport={"width": 1024, "height": 800}, locale="kk-KZ")
    requests_elsewhere = []
    page.on(
        "request",
        lambda r: None if r.url.startswith(live_server.url) else requests_elsewhere.append(r.url),
    )
    page.goto(live_server.url + "/")
    assert page.locator("html").get_attribute("lang") == "kk"
    lead_link = page.locator(".lead-story .card__title a")
    headline = lead_link.inner_text()
    lead_link.click()
    page.wait_for_load_state()

    assert page.locator("h1.article__headline").inner_text() == headline
    assert page.locator(".article__section a").count() == 1
    assert page.locator(".article__lead").inner_text().strip()
    assert page.locator(".article__time time").count() >= 1
    assert page.locator(".byline a[rel=author]").count() >= 1
    assert page.locator(".recent-news li").count() == 6
    assert page.locator(".recent-news h2").inner_text() == "Соңғы жаңалықтар"
    assert "бұрын" in page.locator(".recent-news").inner_text()
    assert requests_elsewhere == []  # no remote fonts, scripts or images

    SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOT), full_page=True)
    assert SCREENSHOT.stat().st_size > 10_000

    # Keyboard users start at the skip link, and see where the focus is.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") == "solid"


def test_reader_switches_script_on_an_article(demo_site, browser):
    live_server = demo_site
    page = browser.new_page(viewport={"width": 1024, "height": 800}, locale="kk-KZ")
    page.goto(live_server.url + "/")
    page.locator(".lead-story .card__title a").click()
    page.wait_for_load_state()
    article_path = page.url.removeprefix(live_server.url)
    cyrillic = page.locator("h1.article__headline").inner_text()
    assert re.search(r"[\u0400-\u04ff]", cyrillic)

    page.locator('.script-switch a[hreflang="kk-Latn"]').click()
    page.wait_for_load_state()
    assert page.url == live_server.url + "/latyn" + article_path  # the same article
    latin = page.locator("h1.article__headline").inner_text()
    assert latin == to_latin(cyrillic) and not re.search(r"[\u0400-\u04ff]", latin)
    assert page.locator("html").get_attribute("lang") == "kk-Latn"
    # The choice is remembered for the next visit to the front page.
    assert {"name": "baspa_edition", "value": "latn"}.items() <= next(
        c for c in page.context.cookies() if c["name"] == "baspa_edition"
    ).items()

    page.locator('.script-switch a[hreflang="kk-Arab"]').click()
    page.wait_for_load_state()
    assert page.url == live_server.url + "/tote" + article_path
    assert page.locator("h1.article__headline").inner_text() == to_arabic(cyrillic)
    assert page.locator("html").get_attribute("dir") == "rtl"
    # Right to left: the headline starts at the right edge of its column.
    box = page.locator("h1.article__headline").bounding_box()
    direction = page.evaluate(
        "getComputedStyle(document.querySelector('h1.article__headline')).direction"
    )
    assert direction == "rtl" and box["width"] > 0
