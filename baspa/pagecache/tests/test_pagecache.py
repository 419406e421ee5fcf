"""The full-page cache: a hit costs no database query, and no reader ever gets a stale or
private page. Run against local memory and against the real Redis."""

import os
import threading
import time

import pytest
from django.contrib.auth import get_user_model
from django.db import transaction
from django.http import HttpResponse
from django.test import RequestFactory
from wagtail.models import Locale

from baspa.content.models import ArticlePage
from baspa.content.tests.factories import make_article, make_author, make_region, make_section
from baspa.pagecache import store
from baspa.pagecache.middleware import PageCacheMiddleware

# Its own database on the shared server; BASPA_TEST_REDIS_URL moves it (parallel checkouts).
REDIS = os.environ.get("BASPA_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


@pytest.fixture(params=["locmem", "redis"])
def page_cache(request, settings):
    if request.param == "redis":
        redis = pytest.importorskip("redis")
        try:
            redis.Redis.from_url(REDIS).ping()
        except redis.exceptions.ConnectionError:
            pytest.skip("Redis is not running at 127.0.0.1:6379")
        settings.CACHES = {
            **settings.CACHES,
            "pages": {
                "BACKEND": "baspa.core.cache.RedisCache",
                "LOCATION": REDIS,
                "KEY_PREFIX": "baspa-test",
            },
        }
    store.cache().clear()
    yield request.param
    store.cache().clear()


def was_hit(response) -> bool:
    return getattr(response.wsgi_request, "pagecache", None) == "hit"


@pytest.fixture
def site(homes, politics, author):
    region = make_region("Маңғыстау облысы", "mangystau")
    economy = make_section(homes["kk"], "Экономика", slug="ekonomika")
    old = make_article(
        politics, "Ескі жаңалық", authors=[author], tags=["сайлау"], region=region, minutes_ago=60
    )
    other = make_article(economy, "Экономика жаңалығы", minutes_ago=120)
    return {"region": region, "economy": economy, "old": old, "other": other}


@pytest.mark.django_db
def test_a_hit_costs_no_database_query(client, site, page_cache, django_assert_num_queries):
    first = client.get("/")
    assert first.status_code == 200 and not was_hit(first)
    with django_assert_num_queries(0):
        second = client.get("/")
    assert was_hit(second)
    assert second.content == first.content
    assert second["ETag"] and "s-maxage=60" in second["Cache-Control"]
    assert 0 <= int(second["Age"]) <= 60 and 1 <= int(second["X-Accel-Expires"]) <= 60
    assert client.get("/", HTTP_IF_NONE_MATCH=second["ETag"]).status_code == 304
    gz = client.get("/", HTTP_ACCEPT_ENCODING="gzip, deflate")
    assert gz["Content-Encoding"] == "gzip" and gz.content[:2] == b"\x1f\x8b"


@pytest.mark.django_db(transaction=True)
def test_publishing_purges_every_page_that_shows_it_and_only_those(
    client, site, page_cache, politics, author
):
    ru = Locale.objects.get(language_code="ru")
    pages = [
        "/",
        "/sayasat/",
        site["old"].url,
        f"/author/{author.slug}/",
        "/tag/sailau/",
        "/region/mangystau/",
    ]
    untouched = ["/ekonomika/", "/ru/"]
    for url in pages + untouched:
        client.get(url)
    assert all(was_hit(client.get(url)) for url in pages + untouched)

    with transaction.atomic():
        fresh = make_article(
            politics,
            "СОҢҒЫ ХАБАР",
            authors=[author],
            tags=["сайлау"],
            region=site["region"],
            minutes_ago=1,
        )
    for url in pages:
        response = client.get(url)
        assert "СОҢҒЫ ХАБАР" in response.content.decode(), url
    assert client.get(fresh.url).status_code == 200
    for url in untouched:
        assert was_hit(client.get(url)), url
    assert ru.pk  # the Russian edition exists and kept its cached home page

    # An edit: the new headline everywhere at once.
    fresh.title = "ТҮЗЕТІЛГЕН ХАБАР"
    with transaction.atomic():
        fresh.save_revision().publish()
    for url in pages + [fresh.url]:
        html = client.get(url).content.decode()
        assert "ТҮЗЕТІЛГЕН ХАБАР" in html and "СОҢҒЫ ХАБАР" not in html, url

    # Unpublished: gone from every page, its own URL a 404.
    with transaction.atomic():
        fresh.unpublish()
    assert client.get(fresh.url or "/sayasat/x/").status_code == 404
    for url in pages:
        assert "ТҮЗЕТІЛГЕН ХАБАР" not in client.get(url).content.decode(), url


@pytest.mark.django_db(transaction=True)
def test_removing_an_author_from_the_byline_purges_their_page(client, site, page_cache, author):
    article = site["old"]
    client.get(f"/author/{author.slug}/")
    other = make_author("Басқа Автор", slug="baska-avtor")
    article.byline = [article.byline.model(author=other)]
    with transaction.atomic():
        article.save_revision().publish()
    assert "Ескі жаңалық" not in client.get(f"/author/{author.slug}/").content.decode()
    assert "Ескі жаңалық" in client.get("/author/baska-avtor/").content.decode()


@pytest.mark.django_db(transaction=True)
def test_renaming_a_section_purges_the_navigation_of_its_edition(client, site, page_cache):
    client.get(site["other"].url)
    section = site["economy"]
    section.title = "Қаржы"
    with transaction.atomic():
        section.save_revision().publish()
    assert ">Қаржы</a>" in client.get(site["other"].url).content.decode()


@pytest.mark.django_db
def test_purges_wait_for_the_commit(client, site, page_cache, politics):
    client.get("/")
    with transaction.atomic():
        make_article(politics, "КОММИТСІЗ", minutes_ago=1)
        # Not committed yet: the cached page is still served, and is not re-cached stale.
        assert was_hit(client.get("/"))
        transaction.set_rollback(True)
    assert "КОММИТСІЗ" not in client.get("/").content.decode()


@pytest.mark.django_db
def test_signed_in_editors_never_get_or_fill_the_cache(client, site, page_cache):
    editor = get_user_model().objects.create_superuser("chief", password="x")
    client.force_login(editor)
    signed_in = client.get("/")
    assert not was_hit(signed_in) and "wagtail-userbar" in signed_in.content.decode()
    client.logout()
    anonymous = client.get("/")
    assert not was_hit(anonymous)
    assert "wagtail-userbar" not in anonymous.content.decode()


@pytest.mark.django_db
def test_junk_query_parameters_are_neither_stored_nor_served_from_cache(client, site, page_cache):
    client.get("/?utm_source=x")
    assert not was_hit(client.get("/?utm_source=x"))
    client.get("/sayasat/?page=1")
    assert was_hit(client.get("/sayasat/?page=1"))


@pytest.mark.django_db
def test_private_pages_and_errors_are_not_stored(client, site, page_cache):
    from wagtail.models import PageViewRestriction

    PageViewRestriction.objects.create(
        page=site["other"], restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    for url in (site["other"].url, "/no-such-page/"):
        client.get(url)
        assert not was_hit(client.get(url))


def test_a_missing_page_is_rendered_once_under_concurrent_requests(page_cache, db):
    renders = []

    def view(request):
        renders.append(1)
        time.sleep(0.3)
        request.pagecache_tags = store.generations({"edition:test"})
        return HttpResponse("<p>ok</p>", content_type="text/html; charset=utf-8")

    middleware = PageCacheMiddleware(view)
    request_factory = RequestFactory()
    results = []

    def read():
        results.append(middleware(request_factory.get("/breaking/")).status_code)

    threads = [threading.Thread(target=read) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results == [200] * 8
    assert len(renders) == 1


@pytest.mark.django_db
def test_brotli_and_last_modified(client, site, page_cache):
    import brotli

    plain = client.get("/")
    br = client.get("/", HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    assert br["Content-Encoding"] == "br"
    assert brotli.decompress(br.content) == plain.content
    assert "Accept-Encoding" in br["Vary"]
    since = br["Last-Modified"]
    assert client.get("/", HTTP_IF_MODIFIED_SINCE=since).status_code == 304
    assert (
        client.get("/", HTTP_IF_NONE_MATCH='"other"', HTTP_IF_MODIFIED_SINCE=since).status_code
        == 200
    )


@pytest.mark.django_db
def test_responses_for_one_visitor_are_marked_private(client, site, page_cache):
    client.force_login(get_user_model().objects.create_superuser("chief", password="x"))
    response = client.get("/")
    assert "private" in response["Cache-Control"] and "public" not in response["Cache-Control"]
    assert "s-maxage" not in response["Cache-Control"]
    client.logout()
    assert client.get("/")["Cache-Control"].startswith("public")


@pytest.mark.django_db(transaction=True)
def test_what_an_article_shows_is_never_stale_in_its_shared_html(client, site, page_cache, author):
    """The article's own HTML is kept between page renders (baspa.content.rendering): a
    change to its byline, tags, region or section shows on the very next render."""
    from baspa.content.models import Tag

    article = site["old"]
    fresh = article.url + "?utm_source=test"  # rendered, never stored: the fragment is used
    for url in (article.url, fresh):
        client.get(url)
    changes = [
        (author, "name", "Жаңа Есім"),
        (Tag.objects.get(slug="sailau"), "name", "сайлау-2026"),
        (site["region"], "name", "Маңғыстау өңірі"),
    ]
    for thing, field, value in changes:
        setattr(thing, field, value)
        with transaction.atomic():
            thing.save()
        for url in (article.url, fresh):
            assert value in client.get(url).content.decode(), (url, value)
    section = article.get_parent().specific
    section.title = "Ішкі саясат"
    with transaction.atomic():
        section.save_revision().publish()
    for url in (article.url, fresh):
        assert (
            'article__section"><a href="/sayasat/">Ішкі саясат' in client.get(url).content.decode()
        )


@pytest.mark.django_db
def test_a_preview_neither_uses_nor_fills_the_shared_html(client, site, page_cache):
    article = site["old"]
    draft = ArticlePage.objects.get(pk=article.pk)
    draft.title = "ЖОБА ТАҚЫРЫБЫ"

    def headline(html: bytes) -> str:
        return html.decode().split('<h1 class="article__headline">')[1].split("</h1>")[0]

    assert headline(draft.make_preview_request().content) == "ЖОБА ТАҚЫРЫБЫ"
    assert headline(client.get(article.url + "?utm_source=test").content) == "Ескі жаңалық"
    assert headline(draft.make_preview_request().content) == "ЖОБА ТАҚЫРЫБЫ"


def test_the_local_copies_of_entries_are_bounded_and_follow_purges(page_cache, settings):
    response = HttpResponse("<p>ok</p>", content_type="text/html; charset=utf-8")
    for number in range(store.LOCAL_ENTRIES + 50):
        key = store.entry_key("testserver", f"/page-{number}/", "")
        store.entry_set(key, store.entry_make(response, store.generations({f"t:{number}"})))
        assert store.entry_get(key) is not None
    assert len(store._local) == store.LOCAL_ENTRIES
    key = store.entry_key("testserver", f"/page-{store.LOCAL_ENTRIES + 49}/", "")
    assert key in store._local
    store.tags_purge({f"t:{store.LOCAL_ENTRIES + 49}"})
    assert store.entry_get(key) is None and key not in store._local


@pytest.mark.django_db(transaction=True)
def test_a_listing_counts_a_new_article_at_once(client, site, page_cache, politics, author):
    """Listings keep their article counts between renders: a publish must reach them."""
    for number in range(11):
        with transaction.atomic():
            make_article(politics, f"Толтырма {number}", authors=[author], minutes_ago=200)
    # «Ескі жаңалық» and these 11: one full page of 12 in the section and on the author's page.
    for url in ("/sayasat/", f"/author/{author.slug}/"):
        assert client.get(url + "?page=2").status_code == 404, url
    with transaction.atomic():
        make_article(politics, "ОН ҮШІНШІ", authors=[author], minutes_ago=1)
    for url in ("/sayasat/", f"/author/{author.slug}/"):
        second = client.get(url + "?page=2")
        assert second.status_code == 200, url
        assert "Ескі жаңалық" in second.content.decode() or "Толтырма" in second.content.decode()


@pytest.mark.django_db(transaction=True)
def test_publishing_a_translation_links_the_original_at_once(client, site, page_cache):
    """The translation link is kept with the article's own HTML: a translation published
    or unpublished purges the original's pages too."""

    ru = Locale.objects.get(language_code="ru")
    article = site["old"]
    with transaction.atomic():
        section = ArticlePage.objects.get(pk=article.pk).get_parent().specific
        if not section.get_translations().filter(locale=ru).exists():
            section.copy_for_translation(ru).save_revision().publish()
    for url in (article.url, article.url + "?utm_source=test"):
        assert 'class="article__translation"' not in client.get(url).content.decode()
    with transaction.atomic():
        translation = ArticlePage.objects.get(pk=article.pk).copy_for_translation(ru)
        translation.title = "Старая новость"
        # Nothing else in common with the original (a shared author or tag purges it anyway).
        translation.byline = []
        translation.tags.clear()
        translation.save_revision().publish()
    for url in (article.url, article.url + "?utm_source=test"):
        assert 'class="article__translation"' in client.get(url).content.decode(), url
    with transaction.atomic():
        ArticlePage.objects.get(pk=translation.pk).unpublish()
    for url in (article.url, article.url + "?utm_source=test"):
        assert 'class="article__translation"' not in client.get(url).content.decode(), url


@pytest.mark.django_db
def test_a_warm_article_render_reads_the_cache_four_times(client, site, page_cache, monkeypatch):
    """Its shared parts are read ahead together (baspa.content.rendering.article_prefetch):
    the edition and its generations, then every part and all their generations."""
    url = site["old"].url + "?utm_source=test"  # rendered every time, never stored
    client.get(url)
    pages = store.cache()
    reads, inside = [], []

    def spy(name, real):
        def read(*args, **kwargs):
            if not inside:  # local memory's get_many calls get itself: one read, not many
                reads.append(name)
            inside.append(name)
            try:
                return real(*args, **kwargs)
            finally:
                inside.pop()

        return read

    for name in ("get", "get_many"):
        monkeypatch.setattr(pages, name, spy(name, getattr(pages, name)))
    response = client.get(url)
    assert response.status_code == 200 and "Ескі жаңалық" in response.content.decode()
    assert len(reads) == 4, reads
