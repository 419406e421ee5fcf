"""Kazakh–Russian translations: linked pages, reciprocal alternates, and what editors are told."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from wagtail.models import Locale

from baspa.content.models import ArticlePage
from baspa.content.tests.factories import make_article
from baspa.editions.models import TranslationStatus


@pytest.fixture
def pair(homes, politics, author):
    """A Kazakh article and its Russian translation, both live."""
    ru = Locale.objects.get(language_code="ru")
    politics.copy_for_translation(ru).save_revision().publish()
    kk = make_article(politics, "Форум өтеді", lead="Қысқаша.", authors=[author])
    translation = kk.copy_for_translation(ru)
    translation.title, translation.lead = "Форум пройдёт", "Коротко."
    translation.save_revision().publish()
    return kk, ArticlePage.objects.get(pk=translation.pk)


def alternates(html: str) -> dict[str, str]:
    found = re.findall(
        r'<link rel="alternate" hreflang="([^"]+)" href="http://testserver([^"]+)">', html
    )
    return dict(found)


@pytest.mark.django_db
def test_translation_links_and_hreflang_are_complete_and_reciprocal(client, pair):
    kk, ru = pair
    assert ru.url.startswith("/ru/")
    kk_html = client.get(kk.url).content.decode()
    ru_html = client.get(ru.url).content.decode()
    expected = {
        "kk-Cyrl": kk.url,
        "kk-Latn": "/latyn" + kk.url,
        "kk-Arab": "/tote" + kk.url,
        "ru": ru.url,
        "x-default": kk.url,
    }
    assert alternates(kk_html) == expected
    assert alternates(ru_html) == expected
    assert alternates(client.get("/latyn" + kk.url).content.decode()) == expected
    # The article links to its translation, in the translation's language.
    assert f'<a href="{ru.url}" hreflang="ru" lang="ru" data-edition="ru">' in kk_html
    assert "Читать эту статью на русском" in kk_html
    assert f'<a href="{kk.url}" hreflang="kk" lang="kk" data-edition="kk">' in ru_html
    assert "Бұл мақаланы қазақша оқу" in ru_html
    latin = client.get("/latyn" + kk.url).content.decode()
    assert f'<a href="{ru.url}" hreflang="ru" lang="ru"' in latin
    # The language switch goes to the translation, not to the other edition's front page.
    assert re.search(rf'<a href="{ru.url}" lang="ru" hreflang="ru"', kk_html)


@pytest.mark.django_db
def test_an_article_without_translation_links_to_the_other_front_page(client, politics):
    article = make_article(politics, "Тек қазақша")
    html = client.get(article.url).content.decode()
    assert 'class="article__translation"' not in html
    assert '<a href="/ru/" lang="ru" hreflang="ru"' in html
    assert 'hreflang="ru" href' not in html


@pytest.mark.django_db
def test_start_translation_marks_it_and_publishing_the_original_flags_it(client, pair, politics):
    kk, ru = pair
    fresh = make_article(politics, "Жаңа мақала")
    locale = Locale.objects.get(language_code="ru")
    copy = fresh.copy_for_translation(locale)
    status = TranslationStatus.objects.get(page=copy)
    assert status.needs_translation and status.source_id == fresh.pk
    copy.save_revision().publish()
    status.refresh_from_db()
    assert not status.needs_translation and not status.is_out_of_date

    # The original changes after the translation was published: flagged out of date.
    kk.lead = "Жаңартылған лид."
    kk.save_revision().publish()
    status = TranslationStatus.objects.get(page=ru)
    assert status.is_out_of_date
    # Publishing the translation is updating it.
    ru.save_revision().publish()
    assert not TranslationStatus.objects.get(page=ru).is_out_of_date
    # Publishing a translation never flags its original.
    assert not TranslationStatus.objects.filter(page=kk).exists()


@pytest.mark.django_db
def test_editors_see_out_of_date_translations_and_dismiss_them(client, pair):
    kk, ru = pair
    kk.save_revision().publish()
    editor = get_user_model().objects.create_superuser("chief", password="x")
    client.force_login(editor)
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "data-baspa-translations" in dashboard and "Форум пройдёт" in dashboard
    edit = client.get(reverse("wagtailadmin_pages:edit", args=[ru.pk]), follow=True)
    assert "Форум өтеді" in edit.content.decode()  # the notice names the original
    response = client.post(
        reverse("editions_translation_dismiss", args=[ru.pk]), {"next": "/admin/"}
    )
    assert response.status_code == 302 and response["Location"] == "/admin/"
    assert not TranslationStatus.objects.get(page=ru).is_out_of_date
    assert (
        "data-baspa-translations" not in client.get(reverse("wagtailadmin_home")).content.decode()
    )
    # Only POST; a reader cannot dismiss anything.
    assert client.get(reverse("editions_translation_dismiss", args=[ru.pk])).status_code == 405
    client.logout()
    anonymous = client.post(reverse("editions_translation_dismiss", args=[ru.pk]))
    assert anonymous.status_code == 302 and "login" in anonymous["Location"]


@pytest.mark.django_db
def test_simple_translation_action_creates_a_copy_marked_needing_translation(
    client, pair, politics
):
    kk, _ru = pair
    fresh = make_article(politics, "Аударылмаған мақала")
    editor = get_user_model().objects.create_superuser("chief", password="x")
    client.force_login(editor)
    ru = Locale.objects.get(language_code="ru")
    url = reverse("simple_translation:submit_page_translation", args=[fresh.pk])
    response = client.post(url, {"locales": [ru.pk]})
    assert response.status_code == 302
    copy = fresh.get_translation(ru)
    assert not copy.live
    assert TranslationStatus.objects.get(page=copy).needs_translation


@pytest.mark.django_db
def test_listing_pages_have_alternates_in_both_languages(client, pair, author):
    from baspa.content.tests.factories import make_region

    region = make_region("Қостанай облысы", "qostanai")
    translated = region.copy_for_translation(Locale.objects.get(language_code="ru"))
    translated.name, translated.slug = "Костанайская область", "kostanai"
    translated.save()
    html = client.get("/region/qostanai/").content.decode()
    assert alternates(html)["ru"] == "/ru/region/kostanai/"
    assert alternates(client.get("/ru/region/kostanai/").content.decode())["kk-Latn"] == (
        "/latyn/region/qostanai/"
    )
    author_alternates = alternates(client.get(f"/tote/author/{author.slug}/").content.decode())
    assert author_alternates["ru"] == f"/ru/author/{author.slug}/"
    assert author_alternates["kk-Arab"] == f"/tote/author/{author.slug}/"
