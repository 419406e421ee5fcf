"""The article editor: slugs through the Latin alphabet, whatever the browser sent."""

import pytest
from django.contrib.auth import get_user_model

from baspa.content.models import ArticlePage
from baspa.newsroom.tests.test_permissions import add_url, article_form


@pytest.fixture
def editor(client, homes):
    client.force_login(get_user_model().objects.create_superuser("chief", password="x"))
    return client


@pytest.mark.django_db
def test_cyrillic_slugs_become_ascii_and_stay_unique(editor, politics, author):
    for _ in range(2):
        response = editor.post(
            add_url(politics),
            {
                **article_form(author, title="Жаңа жол ашылды", slug="жаңа-жол-ашылды"),
                "action-publish": "1",
            },
        )
        assert response.status_code == 302
    slugs = sorted(ArticlePage.objects.values_list("slug", flat=True))
    assert slugs == ["jana-jol-ashyldy", "jana-jol-ashyldy-2"]
    assert editor.get("/sayasat/jana-jol-ashyldy-2/").status_code == 200


@pytest.mark.django_db
def test_an_ascii_slug_the_editor_typed_is_kept(editor, politics, author):
    editor.post(
        add_url(politics),
        {**article_form(author, title="Жаңа жол", slug="road-2026"), "action-publish": "1"},
    )
    assert ArticlePage.objects.get().slug == "road-2026"
