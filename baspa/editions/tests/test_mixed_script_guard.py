"""Editors are warned about words that mix scripts and offered the repair, never blocked."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from baspa.content.models import ArticlePage
from baspa.content.tests.factories import make_article


def edit_data(article, author, *, title, paragraph, repair=False):
    data = {
        "title": title,
        "slug": article.slug,
        "lead": "Лид мәтіні.",
        "body": streamfield([("paragraph", rich_text(paragraph))]),
        "byline": inline_formset([{"author": author.pk}]),
        "comments": inline_formset([]),
        "tags": "",
        "headline_latin": "",
        "lead_latin": "",
    }
    if repair:
        data["repair_mixed_script"] = "on"
    return nested_form_data(data)


@pytest.mark.django_db
def test_mixed_words_warn_without_blocking_then_repair_on_request(client, politics, author):
    article = make_article(politics, "Жаңалық", authors=[author])
    client.force_login(get_user_model().objects.create_superuser("chief", password="x"))
    url = reverse("wagtailadmin_pages:edit", args=[article.pk])
    mixed_title = "Aлмaты әуежайы"  # Latin A and a
    response = client.post(
        url,
        edit_data(
            article,
            author,
            title=mixed_title,
            paragraph='<p><a href="https://x.kz/Aб">Qazaqstаn</a> жаңалығы</p>',
        ),
        follow=True,
    )
    assert response.status_code == 200
    html = response.content.decode()
    # Saved as written (not blocked), and warned with the repaired spellings.
    assert (
        ArticlePage.objects.get(pk=article.pk).get_latest_revision_as_object().title == mixed_title
    )
    assert "«Aлмaты» → «Алматы»" in html
    assert "«Qazaqstаn» → «Qazaqstan»" in html
    # Opening the editor again (to publish, say) shows the warning before anything is done.
    opened = client.get(url).content.decode()
    assert "«Aлмaты» → «Алматы»" in opened

    client.post(
        url,
        edit_data(
            article,
            author,
            title=mixed_title,
            paragraph='<p><a href="https://x.kz/Aб">Qazaqstаn</a> жаңалығы</p>',
            repair=True,
        ),
    )
    saved = ArticlePage.objects.get(pk=article.pk).get_latest_revision_as_object()
    assert saved.title == "Алматы әуежайы"
    paragraph = saved.body[0].value.source
    assert ">Qazaqstan</a>" in paragraph
    assert 'href="https://x.kz/Aб"' in paragraph  # addresses are never rewritten
