"""The admin speaks Kazakh to an editor who chose it, Russian to one who chose Russian."""

import pytest
from django.contrib.auth import get_user_model
from wagtail.users.models import UserProfile

from baspa.content.tests.factories import make_article


def login(client, language: str):
    user = get_user_model().objects.create_superuser(f"editor-{language}", password="x")
    UserProfile.objects.update_or_create(user=user, defaults={"preferred_language": language})
    client.force_login(user)


@pytest.mark.django_db
def test_article_editor_in_kazakh(client, politics):
    article = make_article(politics, "Тексерілетін мақала")
    login(client, "kk")
    html = client.get(f"/admin/pages/{article.pk}/edit/").content.decode()
    for words in (
        "Жобаны сақтау",
        "Жариялау",
        "Тақырып",
        "Лид",
        "Авторлар, қолтаңба ретімен",
        "Дереккөз",
        "Түзету",
    ):
        assert words.lower() in html.lower(), words
    assert "Save draft" not in html
    dashboard = client.get("/admin/").content.decode()
    assert '<html lang="kk"' in dashboard
    # The sidebar menu travels as JSON for Wagtail's JavaScript.
    assert "Іздеу" in dashboard or "\\u0406\\u0437\\u0434\\u0435\\u0443" in dashboard


@pytest.mark.django_db
def test_image_chooser_in_kazakh(client, homes):
    login(client, "kk")
    html = client.get("/admin/images/chooser/").json()["html"]
    assert "Сурет" in html
    assert "Choose an image" not in html and "Upload" not in html


@pytest.mark.django_db
def test_admin_javascript_catalog_in_kazakh(client, homes):
    login(client, "kk")
    response = client.get("/admin/jsi18n/")
    assert response.status_code == 200
    assert "plural" in response.content.decode()
    assert any("\\u04" in line or "ә" in line for line in response.content.decode().splitlines())


@pytest.mark.django_db
def test_article_editor_in_russian(client, politics):
    article = make_article(politics, "Статья")
    login(client, "ru")
    html = client.get(f"/admin/pages/{article.pk}/edit/").content.decode()
    assert "Опубликовать" in html and "Источник" in html


@pytest.mark.django_db
def test_every_time_an_editor_sets_names_the_newsroom_clock(client, politics):
    article = make_article(politics, "Уақыт белдеуі")
    login(client, "kk")
    html = client.get(f"/admin/pages/{article.pk}/edit/").content.decode()
    # Go-live, expiry and correction times.
    assert html.count("Asia/Almaty (UTC+05:00)") >= 3
