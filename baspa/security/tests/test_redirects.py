"""No open redirects (issue 9, point 8): every redirect Baspa or Wagtail answers, whatever
the path, cookie, header or `next=` a request carries, stays on the site."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils.http import url_has_allowed_host_and_scheme
from wagtail.models import PageViewRestriction

from baspa.content.tests.factories import make_article
from baspa.editions.negotiation import HOMES
from baspa.newsroom.services import EDITOR

EVIL = [
    "https://evil.example",
    "//evil.example",
    "/\\evil.example",
    "\\\\evil.example",
    "https:evil.example",
    "http:/evil.example",
    "/%2Fevil.example",
    "javascript:alert(1)",
    "\t//evil.example",
]


def assert_on_site(response, what) -> None:
    """A redirect, if the response is one, goes to a path of this site (as a browser reads
    it: `/\\` and `\\\\` are `//` to browsers, so they are refused as well)."""
    if response.status_code not in (301, 302, 303, 307, 308):
        return
    location = response["Location"]
    assert url_has_allowed_host_and_scheme(location, {"testserver"}), (what, location)
    stripped = location.replace("\\", "/").lstrip("\t\n\r ")
    assert not stripped.startswith("//") and "evil" not in stripped.split("/", 3)[2:3], (
        what,
        location,
    )


# The script editions' prefixes: /latyn/… and /tote/… redirect to the page itself where
# there is no such edition (/latyn/ru/…), and to the prefix's home for a bare /latyn.
@pytest.mark.django_db
@pytest.mark.parametrize("prefix", ["/latyn", "/tote"])
@pytest.mark.parametrize("target", ["//evil.example/", "/\\evil.example/", "//evil.example"])
def test_script_prefixes_never_redirect_off_site(client, homes, prefix, target):
    response = client.get(prefix + target)
    assert response.status_code < 500
    assert_on_site(response, prefix + target)


@pytest.mark.django_db
@pytest.mark.parametrize("cookie", EVIL + ["latn", "arab", "ru", "kk", ""])
@pytest.mark.parametrize(
    "accept_language",
    ["kk-Latn", "kk-CN", "ru", "en", "https://evil.example", "//evil.example;q=1", "*" * 600],
)
def test_front_page_negotiation_sends_readers_only_to_an_edition_home(
    client, homes, cookie, accept_language
):
    client.cookies["baspa_edition"] = cookie
    response = client.get(
        "/",
        headers={
            "accept-language": accept_language,
            "sec-fetch-mode": "navigate",
            "sec-fetch-site": "cross-site",
        },
    )
    assert response.status_code in (200, 302)
    if response.status_code == 302:
        assert response["Location"] in HOMES.values(), (cookie, accept_language)


@pytest.fixture
def editor(homes):
    user = get_user_model().objects.create_user(username="editor")
    user.groups.add(Group.objects.get(name=EDITOR))
    return user


@pytest.mark.django_db
@pytest.mark.parametrize("target", EVIL)
def test_next_in_the_translation_panel_stays_on_site(client, politics, editor, target):
    article = make_article(politics, "Аудармасы ескірген мақала")
    client.force_login(editor)
    response = client.post(f"/admin/editions/translations/{article.pk}/dismiss/", {"next": target})
    assert response.status_code == 302
    assert_on_site(response, target)


@pytest.mark.django_db
@pytest.mark.parametrize("target", EVIL)
def test_next_on_admin_page_actions_stays_on_site(client, politics, editor, target):
    article = make_article(politics, "Жариялаудан алынатын мақала")
    client.force_login(editor)
    for url in (
        f"/admin/pages/{article.pk}/unpublish/?next={target}",
        f"/admin/pages/{article.pk}/copy/?next={target}",
        f"/admin/pages/{article.pk}/delete/?next={target}",
    ):
        form = {"next": target, "new_title": "Көшірме", "new_slug": "kosirme"}
        response = client.post(url, form | {"new_parent_page": politics.pk})
        assert response.status_code < 500, url
        assert_on_site(response, url)
    client.logout()
    response = client.post(f"/admin/logout/?next={target}", {"next": target})
    assert_on_site(response, "logout")


@pytest.mark.django_db
@pytest.mark.parametrize("target", EVIL)
def test_the_password_form_of_a_private_page_returns_only_to_this_site(client, politics, target):
    article = make_article(politics, "Құпиясөзбен қорғалған мақала")
    restriction = PageViewRestriction.objects.create(
        page=article, restriction_type=PageViewRestriction.PASSWORD, password="кілт"
    )
    response = client.post(
        f"/_util/authenticate_with_password/{restriction.pk}/{article.pk}/",
        {"password": "кілт", "return_url": target},
    )
    assert response.status_code == 302
    assert_on_site(response, target)


@pytest.mark.django_db
def test_a_next_on_this_site_is_followed(client, politics, editor):
    """The control for the tests above: `next=` is honoured when it is safe, so their passing
    is not a view that ignores it."""
    article = make_article(politics, "Қайтатын мақала")
    client.force_login(editor)
    response = client.post(
        f"/admin/editions/translations/{article.pk}/dismiss/", {"next": "/admin/pages/"}
    )
    assert response["Location"] == "/admin/pages/"
    response = client.post(f"/admin/pages/{article.pk}/unpublish/?next=/admin/reports/")
    assert response["Location"] == "/admin/reports/"
