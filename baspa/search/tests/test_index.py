"""The index follows publishing, unpublishing, editing, deleting and privacy at commit time.

These tests commit (transaction=True), as the receivers run on `transaction.on_commit`.
"""

import json
from datetime import timedelta

import pytest
from django.utils import timezone
from wagtail.models import PageViewRestriction

from baspa.content.models import ArticlePage
from baspa.content.tests.factories import make_article, make_section
from baspa.search.models import SearchDocument
from baspa.search.services import search_reindex


def results(client, url="/search/json/", **params):
    response = client.get(url, params)
    return response, json.loads(response.content)


def headlines(client, q, **params):
    response, data = results(client, q=q, **params)
    assert response.status_code == 200, data
    return [hit["headline"] for hit in data["results"]]


@pytest.mark.django_db(transaction=True)
class TestIndexFreshness:
    """The index follows publishing at commit time, so these tests commit (transaction=True)."""

    @pytest.fixture
    def section(self, politics):
        return politics

    def test_publish_edit_unpublish_delete(self, section, client):
        article = make_article(section, "Ертістегі су тасқыны", lead="Павлодарда су көтерілді.")
        assert headlines(client, "тасқын") == ["Ертістегі су тасқыны"]

        article.title = "Ертістегі өрт сөндірілді"
        article.save_revision().publish()
        assert headlines(client, "тасқын") == []
        assert headlines(client, "өрт") == ["Ертістегі өрт сөндірілді"]

        article.unpublish()
        assert headlines(client, "өрт") == []
        article.save_revision().publish()
        assert headlines(client, "өрт") == ["Ертістегі өрт сөндірілді"]

        ArticlePage.objects.get(pk=article.pk).delete()
        assert headlines(client, "өрт") == []
        assert not SearchDocument.objects.filter(pk=article.pk).exists()

    def test_private_and_scheduled_are_never_found(self, section, client):
        private = make_section(section, "Жабық бөлім", slug="zhabyq")
        make_article(private, "Құпия кеңес өтті", lead="Жабық кеңес.")
        assert headlines(client, "кеңес") == ["Құпия кеңес өтті"]
        PageViewRestriction.objects.create(
            page=private, restriction_type=PageViewRestriction.PASSWORD, password="x"
        )
        assert headlines(client, "кеңес") == []
        _response, data = results(client, url="/search/autocomplete/", q="Құпия")
        assert data["results"] == []

        scheduled = make_article(section, "Болашақ мақала", lead="Ертеңгі жаңалық.", live=False)
        scheduled.go_live_at = timezone.now() + timedelta(days=1)
        scheduled.save_revision().publish()
        assert not ArticlePage.objects.get(pk=scheduled.pk).live
        assert headlines(client, "болашақ") == []

    def test_reindex_rebuilds_and_resumes(self, section, client):
        for n in range(5):
            make_article(section, f"Тоқаев сапары {n}", lead="Мемлекет басшысы сапарда.")
        make_article(section, "Тоқаев құпия жоба", lead="Тоқаев туралы жоба.", live=False)
        SearchDocument.objects.all().delete()
        assert headlines(client, "Тоқаев") == []
        seen = []
        search_reindex(batch_size=2, progress=lambda done, total: seen.append((done, total)))
        assert seen[-1][0] == seen[-1][1] == SearchDocument.objects.count() > 2
        assert len(headlines(client, "Тоқаев")) == 5
        assert "Тоқаев құпия жоба" not in headlines(client, "жоба")


@pytest.mark.django_db(transaction=True)
def test_reindex_command_resumes_after_an_interruption(politics):
    from django.core.management import call_command

    from baspa.search.models import ReindexRun

    for n in range(5):
        make_article(politics, f"Сайлау нәтижесі {n}", lead="Сайлау өтті.")
    SearchDocument.objects.all().delete()

    def interrupt(done, total):
        if done >= 2:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        search_reindex(batch_size=2, progress=interrupt)
    assert SearchDocument.objects.count() == 2
    assert ReindexRun.objects.get(finished_at=None).last_article_id > 0

    seen = []
    search_reindex(batch_size=2, progress=lambda done, total: seen.append(done))
    assert seen[0] == 2  # resumed, not restarted
    assert SearchDocument.objects.count() == 5
    assert not ReindexRun.objects.filter(finished_at=None).exists()

    call_command("reindex", "--restart", "--no-progress")
    assert SearchDocument.objects.count() == 5
