"""Editor POSTs that lack a field Wagtail's views read are a clear 400 in the editor's admin
language, and change nothing (baspa/security/incomplete.py). Both were a 500."""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from wagtail.models import Page, Revision
from wagtail.users.models import UserProfile

from baspa.content.tests.factories import make_article
from baspa.newsroom.tests.test_permissions import article_form

HEADINGS = {"kk": "Форма толық емес", "ru": "Форма неполная", "en": "The form was incomplete"}
NOTHING_SAVED = {
    "kk": "Ештеңе сақталған жоқ",
    "ru": "Ничего не сохранено",
    "en": "Nothing was saved",
}


@pytest.fixture
def newsroom(politics, author):
    article = make_article(politics, "Көшірілетін мақала", authors=[author])
    editor = get_user_model().objects.create_superuser("chief", password="x")
    # An error becomes a response, as in production, rather than being re-raised.
    client = Client(raise_request_exception=False)
    client.force_login(editor)
    return {"article": article, "editor": editor, "client": client, "author": author}


def assert_clear_400(response, language: str, field: str) -> None:
    body = response.content.decode()
    assert response.status_code == 400
    assert HEADINGS[language] in body and NOTHING_SAVED[language] in body
    assert f"«{field}»" in body and f'lang="{language}"' in body
    assert "Traceback" not in body and "MultiValueDictKeyError" not in body


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_copying_a_page_without_its_new_parent_is_a_clear_400(newsroom, politics, language):
    UserProfile.objects.update_or_create(
        user=newsroom["editor"], defaults={"preferred_language": language}
    )
    article, client = newsroom["article"], newsroom["client"]
    pages = Page.objects.count()
    form = {"new_title": "Көшірме", "new_slug": "koshirme"}
    response = client.post(f"/admin/pages/{article.pk}/copy/", form)
    assert_clear_400(response, language, "new_parent_page")
    assert Page.objects.count() == pages  # nothing copied
    # The complete form copies (so the 400 is about the missing field, not the view).
    response = client.post(
        f"/admin/pages/{article.pk}/copy/", {**form, "new_parent_page": politics.pk}
    )
    assert response.status_code == 302 and Page.objects.filter(slug="koshirme").exists()


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_editing_a_page_without_its_body_count_is_a_clear_400(newsroom, language):
    UserProfile.objects.update_or_create(
        user=newsroom["editor"], defaults={"preferred_language": language}
    )
    article, client = newsroom["article"], newsroom["client"]
    form = article_form(newsroom["author"], title="Өзгертілген тақырып", slug=article.slug)
    revisions = Revision.objects.filter(object_id=str(article.pk)).count()
    incomplete = {name: value for name, value in form.items() if name != "body-count"}
    response = client.post(f"/admin/pages/{article.pk}/edit/", incomplete)
    assert_clear_400(response, language, "body-count")
    assert Revision.objects.filter(object_id=str(article.pk)).count() == revisions
    response = client.post(f"/admin/pages/{article.pk}/edit/", form)
    assert response.status_code == 302
    assert Revision.objects.filter(object_id=str(article.pk)).count() == revisions + 1


@pytest.mark.django_db
def test_only_a_field_missing_from_the_request_is_the_senders_mistake(rf):
    """Any other missing key is a bug, and must not be hidden behind a 400."""
    from django.contrib.auth.models import AnonymousUser
    from django.utils.datastructures import MultiValueDict, MultiValueDictKeyError

    from baspa.security.incomplete import IncompleteFormMiddleware

    middleware = IncompleteFormMiddleware(lambda request: None)
    request = rf.post("/admin/pages/1/copy/", {"new_title": "x"})
    request.user = AnonymousUser()
    raised = []
    for read in (lambda: request.POST["new_parent_page"], lambda: MultiValueDict()["other"]):
        try:
            read()
        except MultiValueDictKeyError as error:
            raised.append(middleware.process_exception(request, error))
    from_request, from_elsewhere = raised
    assert from_request.status_code == 400 and from_elsewhere is None
    assert middleware.process_exception(request, KeyError("new_parent_page")) is None
