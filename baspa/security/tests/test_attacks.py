"""Stored XSS, open redirects and fuzzed query parameters, against real pages."""

import string

import pytest
from django.contrib.auth import get_user_model
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st
from wagtail.embeds.models import Embed

from baspa.content.models import ArticlePage, AuthorLink
from baspa.content.tests.factories import make_article, make_author, make_region
from baspa.security.tests.test_headers import InlineCode

SCRIPT = '<script>alert("xss")</script>'
ATTR = '"><img src=x onerror=alert(1)>'
PAYLOAD = SCRIPT + ATTR


def assert_json_inert(data, where: str, key: str = "") -> None:
    if isinstance(data, dict):
        for name, value in data.items():
            assert_json_inert(value, where, name)
    elif isinstance(data, list):
        for value in data:
            assert_json_inert(value, where, key)
    elif isinstance(data, str) and key.endswith("_html"):
        assert_inert(data, f"{where} {key}")


def assert_inert(html: str, where: str):
    found = InlineCode()
    found.feed(html)
    assert found.scripts == [], where
    # Structured data carries the same text: it must not close its element or open another.
    assert all("<" not in block for block in found.data_blocks), where
    assert found.handlers == [], where
    assert found.js_urls == [], where
    assert SCRIPT not in html and "<img src=x" not in html, where


@pytest.mark.django_db
def test_script_in_every_field_is_inert_on_public_pages(client, politics):
    author = make_author("Автор" + PAYLOAD, slug="xss-author", bio="Био" + PAYLOAD)
    AuthorLink.objects.create(author=author, label="X" + PAYLOAD, url="javascript:alert(1)")
    region = make_region("Өңір" + PAYLOAD, "xss-region")
    Embed.objects.create(
        url="https://video.example.kz/1",
        max_width=None,
        html=f'<iframe src="https://video.example.kz/e/1"></iframe>{SCRIPT}'
        '<a href="javascript:alert(1)">x</a>',
        type="video",
    )
    article = make_article(
        politics,
        "Тақырып" + PAYLOAD,
        lead="Лид" + PAYLOAD,
        authors=[author],
        tags=["тег" + PAYLOAD],
        region=region,
        source_name="Дереккөз" + PAYLOAD,
        correction="Түзету" + PAYLOAD,
        seo_title="SEO" + PAYLOAD,
        search_description="Сипаттама" + PAYLOAD,
        body=[
            # Rich text as an import would save it: past the editor's whitelist.
            {
                "type": "paragraph",
                "value": f'<p>Мәтін{SCRIPT}<a href="javascript:alert(1)" onclick="x()">сілтеме</a>'
                '<img src=x onerror="alert(1)"></p>',
            },
            {"type": "heading", "value": "Бөлім" + PAYLOAD},
            {"type": "quote", "value": {"text": "Сөз" + PAYLOAD, "attribution": PAYLOAD}},
            {"type": "fact_box", "value": {"title": PAYLOAD, "items": [PAYLOAD]}},
            {"type": "embed", "value": "https://video.example.kz/1"},
        ],
    )
    # Model validation refuses a javascript: source address; a raw import could still store one.
    ArticlePage.objects.filter(pk=article.pk).update(source_url="javascript:alert(1)")
    stored = article.body.raw_data[0]["value"]
    assert "<script" not in stored and "javascript:" not in stored and "onclick" not in stored
    pages = [
        article.url,
        "/",
        "/sayasat/",
        "/author/xss-author/",
        f"/tag/{article.tags.first().slug}/",
        "/region/xss-region/",
        "/search/?q=" + SCRIPT,
        "/search/json/?q=Тақырып",
        "/search/autocomplete/?q=Тақ",
    ]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        if response["Content-Type"].startswith("application/json"):
            # JSON is data, never sniffed as a page; its `*_html` fields are HTML and must be
            # inert, the rest is plain text that a consumer inserts as text (docs/search.md).
            assert response["X-Content-Type-Options"] == "nosniff", url
            assert response.json()["results"], url  # the article was found: there is HTML to check
            assert_json_inert(response.json(), url)
            continue
        assert_inert(response.content.decode(), url)
    assert "Тақырып&lt;script&gt;" in client.get(article.url).content.decode()


@pytest.mark.django_db
def test_script_is_inert_in_the_admin_preview_and_revision_compare(client, politics):
    article = make_article(politics, "Тақырып" + PAYLOAD, lead="Лид" + PAYLOAD)
    article.title = "Жаңа" + PAYLOAD
    article.save_revision()
    admin = get_user_model().objects.create_superuser("root", "r@example.kz", "x")
    client.force_login(admin)
    revisions = list(article.revisions.order_by("pk").values_list("pk", flat=True))
    for url in (
        f"/admin/pages/{article.pk}/edit/preview/",
        # The preview of the saved draft (the edit view's preview needs the form posted first).
        f"/admin/pages/{article.pk}/revisions/{revisions[-1]}/view/",
        f"/admin/pages/{article.pk}/revisions/compare/{revisions[0]}...{revisions[-1]}/",
        f"/admin/pages/{article.pk}/history/",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert SCRIPT not in html and "<img src=x onerror" not in html, url
    # The draft's preview did render the draft: the payload is there, escaped.
    html = client.get(f"/admin/pages/{article.pk}/revisions/{revisions[-1]}/view/").content
    assert "Жаңа&lt;" in html.decode()


EVIL = ["https://evil.example", "//evil.example", "/\\evil.example", "https:evil.example"]


@pytest.mark.django_db
@pytest.mark.parametrize("target", EVIL)
def test_signing_in_never_sends_anyone_to_another_site(client, homes, target):
    user = get_user_model().objects.create_superuser("root", "r@example.kz", "x")
    user.set_password("Сенімді-құпиясөз-2026")
    user.save()
    response = client.post(
        f"/admin/login/?next={target}",
        {"username": "root", "password": "Сенімді-құпиясөз-2026", "next": target},
    )
    assert response.status_code == 302
    assert response["Location"] == "/admin/"


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["//evil.example", "//evil.example/", "/\\evil.example/"])
def test_slash_appending_never_redirects_off_site(client, homes, path):
    response = client.get(path)
    assert response.status_code < 500
    if response.status_code in (301, 302):
        assert not response["Location"].lstrip("/").startswith(("evil", "\\evil")), path


@pytest.mark.django_db
def test_the_redirects_table_ignores_query_parameters_as_targets(client, homes):
    from wagtail.contrib.redirects.models import Redirect

    Redirect.objects.create(old_path="/eski", redirect_link="/sayasat/")
    response = client.get("/eski/?next=https://evil.example&url=//evil.example")
    assert response.status_code in (301, 302)
    assert response["Location"] == "/sayasat/"


PARAMS = ["q", "page", "section", "region", "author", "from", "to", "date", "sort", "lang"]
junk = st.text(alphabet=st.characters(codec="utf-8"), max_size=40) | st.sampled_from(
    ["-1", "0", "99999999999999999999", "1e9", "NaN", "../../etc/passwd", "'; DROP TABLE", "\x00"]
)


@pytest.mark.django_db
@hsettings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    path=st.sampled_from(
        ["/", "/sayasat/", "/search/", "/search/json/", "/search/autocomplete/", "/ru/search/"]
        + ["/author/xss/", "/tag/x/", "/region/x/", "/ru/"]
    ),
    params=st.dictionaries(st.sampled_from(PARAMS), junk, max_size=4),
)
def test_no_query_parameter_makes_a_public_page_fail(client, politics, path, params):
    response = client.get(path, params)
    assert response.status_code in (200, 301, 302, 400, 404), (path, params)
    assert b"Traceback" not in response.content


@pytest.mark.django_db
@hsettings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
@given(segment=st.text(alphabet=string.printable + "қөүұәі", min_size=1, max_size=30))
def test_no_path_makes_the_site_fail(client, politics, segment):
    # (Not "//…": the test client would read that as a host, not a path.)
    response = client.get("/" + segment.replace("?", "").replace("#", "").lstrip("/"))
    assert response.status_code < 500, segment
