"""Every public page renders with a fixed number of queries, whatever it lists."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.images.tests.utils import get_test_image_file

from baspa.content.tests.factories import make_article, make_author, make_region, make_section
from baspa.images.models import Photo
from baspa.pagecache import store


def queries(client, url) -> int:
    store.cache().clear()  # an uncached render is what is measured
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
    ]
    for url in urls:
        client.get(url)  # warm renditions and per-process caches
    small = {url: queries(client, url) for url in urls}
    add_articles(politics, 9, author=author, region=region, start=100)
    make_section(homes["kk"], "Спорт", slug="sport")
    for url in urls:
        client.get(url)
    large = {url: queries(client, url) for url in urls}
    assert small == large
    # Today's figures, with a little room: a new query on every page view shows up here.
    assert all(count <= 30 for count in large.values()), large
