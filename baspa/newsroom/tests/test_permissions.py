"""The three newsroom roles, tested through the admin's real HTTP endpoints."""

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone
from wagtail.models import WorkflowState
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from baspa.content.models import ArticlePage
from baspa.content.tests.factories import make_article, make_region
from baspa.newsroom.services import ADMINISTRATOR, AUTHOR, EDITOR

User = get_user_model()


def member(group: str, username: str) -> User:
    user = User.objects.create_user(username=username, password="x")
    user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def staff(homes):
    return {
        AUTHOR: member(AUTHOR, "author"),
        EDITOR: member(EDITOR, "editor"),
        ADMINISTRATOR: member(ADMINISTRATOR, "administrator"),
    }


def article_form(author, **overrides):
    data = {
        "title": "Жаңа жол ашылды",
        "slug": "zhana-zhol",
        "lead": "Облыста жаңа жол пайдалануға берілді.",
        "body": streamfield([("paragraph", rich_text("<p>Жол 40 шақырым.</p>"))]),
        "byline": inline_formset([{"author": author.pk}], min=1),
        "tags": "жол, құрылыс",
        "source_name": "",
        "source_url": "",
        "correction": "",
        "correction_at": "",
        "region": "",
        "hero_image": "",
        "comments": inline_formset([]),
    }
    data.update(overrides)
    return nested_form_data(data)


def add_url(section):
    return f"/admin/pages/add/content/articlepage/{section.pk}/"


@pytest.mark.django_db
def test_an_author_writes_a_draft_but_cannot_publish_it(client, staff, politics, author):
    client.force_login(staff[AUTHOR])
    response = client.post(add_url(politics), {**article_form(author), "action-publish": "1"})
    assert response.status_code == 302
    article = ArticlePage.objects.get(slug="zhana-zhol")
    assert not article.live and article.owner == staff[AUTHOR]
    assert client.get(article.url or "/sayasat/zhana-zhol/").status_code == 404


@pytest.mark.django_db
def test_an_author_submits_a_draft_for_editorial_review(client, staff, politics, author):
    client.force_login(staff[AUTHOR])
    client.post(add_url(politics), {**article_form(author), "action-submit": "1"})
    article = ArticlePage.objects.get(slug="zhana-zhol")
    state = WorkflowState.objects.get(base_content_type__isnull=False, object_id=str(article.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.workflow.name == "Editorial review"
    assert not article.live


@pytest.mark.django_db
def test_an_author_cannot_edit_someone_elses_article(client, staff, politics, author):
    other = make_article(politics, "Басқа автордың мақаласы")
    client.force_login(staff[AUTHOR])
    response = client.get(f"/admin/pages/{other.pk}/edit/")
    assert response.status_code in (302, 403)
    response = client.post(
        f"/admin/pages/{other.pk}/edit/", article_form(author, title="Бұзылған тақырып")
    )
    other.refresh_from_db()
    assert other.title == "Басқа автордың мақаласы"
    assert client.post(f"/admin/pages/{other.pk}/unpublish/").status_code in (302, 403)
    other.refresh_from_db()
    assert other.live
    assert client.post(f"/admin/pages/{other.pk}/delete/").status_code in (302, 403)
    assert ArticlePage.objects.filter(pk=other.pk).exists()


@pytest.mark.django_db
def test_an_editor_publishes_schedules_and_unpublishes(client, staff, politics, author):
    client.force_login(staff[EDITOR])
    client.post(add_url(politics), {**article_form(author), "action-publish": "1"})
    article = ArticlePage.objects.get(slug="zhana-zhol")
    assert article.live
    assert client.get(article.url).status_code == 200

    go_live = timezone.localtime() + timedelta(hours=2)
    scheduled = article_form(
        author, title="Ертең шығады", slug="erteng", go_live_at=go_live.strftime("%Y-%m-%d %H:%M")
    )
    client.post(add_url(politics), {**scheduled, "action-publish": "1"})
    later = ArticlePage.objects.get(slug="erteng")
    assert not later.live
    assert later.latest_revision.approved_go_live_at is not None

    response = client.post(f"/admin/pages/{article.pk}/unpublish/")
    assert response.status_code == 302
    article.refresh_from_db()
    assert not article.live
    assert client.get("/sayasat/zhana-zhol/").status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("role", "allowed"), [(AUTHOR, False), (EDITOR, False), (ADMINISTRATOR, True)]
)
def test_only_administrators_reach_users_groups_and_settings(client, staff, role, allowed):
    client.force_login(staff[role])
    for url in ("/admin/users/", "/admin/groups/", "/admin/sites/", "/admin/locales/"):
        status = client.get(url).status_code
        assert (status == 200) == allowed, (role, url, status)


@pytest.mark.django_db
def test_anonymous_readers_get_the_login_page_not_the_admin(client, homes):
    response = client.get("/admin/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


@pytest.mark.django_db
def test_drafts_and_scheduled_articles_appear_on_no_public_page(client, politics, author):
    region = make_region("Атырау облысы", "atyrau")
    common = {"authors": [author], "tags": ["құпия"], "region": region}
    visible = make_article(politics, "Жарияланған жаңалық", **common)
    draft = make_article(politics, "ЖОБА мақала", live=False, **common)
    scheduled = make_article(politics, "ЖОСПАРЛЫ мақала", live=False, **common)
    revision = scheduled.save_revision(approved_go_live_at=timezone.now() + timedelta(days=1))
    scheduled.go_live_at = revision.approved_go_live_at
    scheduled.save()
    private = make_article(politics, "ЖАБЫҚ мақала", **common)
    from wagtail.models import PageViewRestriction

    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )

    pages = [
        "/",
        "/sayasat/",
        "/tag/qupiia/",
        "/region/atyrau/",
        f"/author/{author.slug}/",
        visible.url,
    ]
    for url in pages:
        html = client.get(url).content.decode()
        assert "Жарияланған жаңалық" in html, url
        for hidden in ("ЖОБА", "ЖОСПАРЛЫ", "ЖАБЫҚ"):
            assert hidden not in html, (url, hidden)
    for article in (draft, scheduled):
        assert client.get(f"/sayasat/{article.slug}/").status_code == 404
    assert client.get(private.url).status_code == 200  # the password form, not the article
    assert "ЖАБЫҚ мақала" not in client.get(private.url).content.decode()
