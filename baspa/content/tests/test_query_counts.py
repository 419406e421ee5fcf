"""Every public page renders with a fixed number of queries, whatever it lists."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.images.tests.utils import get_test_image_file

from baspa.content.tests.factories import make_article, make_author, make_region, make_section
from baspa.images.models import Photo
from baspa.pagecache import store


def queries(client, url, *, cold: bool) -> int:
    """Queries of one render of `url`: cold, with nothing in the cache at all, or warm, with
    the fragments pages share (navigation, latest news, the article's own HTML) in place but
    the page itself not (a tracking parameter: served fresh, never stored)."""
    if cold:
        store.cache().clear()
    else:
        url += ("&" if "?" in url else "?") + "utm_source=test"
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured.captured_queries)


def add_articles(section, n, *, author, region, start):
    photo = Photo.objects.create(title="p", file=get_test_image_file())
    for number in range(start, start + n):
        make_article(
            section,
            f"Мақала {number}",
            authors=[author, make_author(f"Автор {number}")],
            tags=[f"тег{number}", "ортақ"],
            region=region,
            hero_image=photo,
            minutes_ago=number,
        )


@pytest.mark.django_db
def test_query_counts_do_not_grow_with_what_a_page_lists(client, homes, politics, author):
    region = make_region("Астана", "astana")
    make_section(homes["kk"], "Экономика", slug="ekonomika")
    add_articles(politics, 3, author=author, region=region, start=1)
    article = politics.get_children().live().last().specific
    urls = [
        "/",
        "/sayasat/",
        article.url,
        f"/author/{author.slug}/",
        "/tag/ortaq/",
        "/region/astana/",
        "/search/?q=мақала",
    ]

    def counts(cold: bool) -> dict[str, int]:
        # Warm renditions, per-process caches and fragments. (Cleared first: in a test's
        # transaction no purge runs, and a cached page would skip the warming.)
        store.cache().clear()
        for url in urls:
            client.get(url)
        return {url: queries(client, url, cold=cold) for url in urls}

    small_cold, small_warm = counts(cold=True), counts(cold=False)
    add_articles(politics, 9, author=author, region=region, start=100)
    make_section(homes["kk"], "Спорт", slug="sport")
    large_cold, large_warm = counts(cold=True), counts(cold=False)
    assert small_cold == large_cold
    assert small_warm == large_warm
    # Today's figures: a new query on a page view shows up here. An article page read
    # warm is one query: the article (its privacy comes with its edition).
    assert large_warm[article.url] == 1, large_warm
    search = "/search/?q=мақала"
    pages = {url: count for url, count in large_cold.items() if url != search}
    assert all(count <= 18 for count in pages.values()), large_cold
    assert all(count <= 12 for url, count in large_warm.items() if url != search), large_warm
    # The search page shows real hits since publishing indexes in its own transaction (before,
    # these tests searched an empty index): a constant 23 cold and 17 warm, whatever the hits.
    assert large_cold[search] <= 23 and large_warm[search] <= 17, (large_cold, large_warm)
