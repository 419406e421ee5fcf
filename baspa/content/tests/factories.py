"""Builders for the page tree and its content, used by every app's tests."""

from datetime import timedelta
from itertools import count

from django.utils import timezone
from wagtail.models import Locale

from baspa.content.models import (
    ArticleAuthorRelationship,
    ArticlePage,
    AuthorSnippet,
    HomePage,
    RegionSnippet,
    SectionPage,
)
from baspa.content.services import site_setup

_numbers = count(1)


def editions() -> dict[str, HomePage]:
    return site_setup()


def make_section(parent, title: str, slug: str | None = None, **fields) -> SectionPage:
    section = SectionPage(title=title, slug=slug or f"section-{next(_numbers)}", **fields)
    parent.add_child(instance=section)
    section.save_revision().publish()
    return section


def make_author(name: str, slug: str | None = None, **fields) -> AuthorSnippet:
    return AuthorSnippet.objects.create(
        name=name, slug=slug or f"author-{next(_numbers)}", **fields
    )


def make_region(name: str, slug: str, language: str = "kk") -> RegionSnippet:
    return RegionSnippet.objects.create(
        name=name, slug=slug, locale=Locale.objects.get(language_code=language)
    )


def make_article(
    section: SectionPage,
    title: str,
    *,
    lead: str = "Жаңалықтың қысқаша мазмұны.",
    authors=(),
    tags=(),
    minutes_ago: float | None = 10,
    live: bool = True,
    body=None,
    **fields,
) -> ArticlePage:
    """An article under `section`, published `minutes_ago` (None: a draft that never went live)."""
    article = ArticlePage(
        title=title, slug=f"article-{next(_numbers)}", lead=lead, body=body or [], **fields
    )
    article.byline = [ArticleAuthorRelationship(author=author) for author in authors]
    if tags:
        article.tags.add(*tags)
    section.add_child(instance=article)
    revision = article.save_revision()
    if live:
        revision.publish()
        if minutes_ago is not None:
            when = timezone.now() - timedelta(minutes=minutes_ago)
            ArticlePage.objects.filter(pk=article.pk).update(
                first_published_at=when, last_published_at=when
            )
    else:
        ArticlePage.objects.filter(pk=article.pk).update(live=False)
    article.refresh_from_db()
    return article
