"""Reading functions: every listing of articles a reader sees goes through `articles_for_readers`.

It applies `.live().public()` and the language edition, so no public page can list a draft,
a scheduled article or a private one by forgetting a filter.
"""

from datetime import datetime

from django.db.models import F, Prefetch, QuerySet, Window
from django.db.models.functions import RowNumber, Substr
from wagtail.models import Locale, Page

from baspa.content.models import (
    ArticleAuthorRelationship,
    ArticlePage,
    ArticleTag,
    AuthorSnippet,
    HomePage,
    RegionSnippet,
    SectionPage,
)


def articles_for_readers(
    *,
    locale: Locale,
    section: SectionPage | None = None,
    author: AuthorSnippet | None = None,
    tag=None,
    region: RegionSnippet | None = None,
    exclude: Page | None = None,
    published_since: datetime | None = None,
    cards: bool = True,
) -> QuerySet[ArticlePage]:
    """Published, public articles of one language edition, newest first, ready for cards.

    `cards=False` leaves out the joins and prefetches a card needs, for callers that read a
    few columns of many rows (the sitemaps, through .values()).
    """
    articles = ArticlePage.objects.live().public().filter(locale=locale)
    if section is not None:
        articles = articles.descendant_of(section)
    if author is not None:
        # A subquery rather than a join: no duplicates, so no DISTINCT over the page table.
        articles = articles.filter(
            pk__in=ArticleAuthorRelationship.objects.filter(author=author).values("article_id")
        )
    if tag is not None:
        articles = articles.filter(
            pk__in=ArticleTag.objects.filter(tag=tag).values("content_object_id")
        )
    if region is not None:
        articles = articles.filter(region=region)
    if exclude is not None:
        articles = articles.exclude(pk=exclude.pk)
    if published_since is not None:
        articles = articles.filter(first_published_at__gte=published_since)
    if not cards:
        return articles.order_by("-first_published_at", "-pk")
    return (
        articles.select_related("hero_image", "region")
        .prefetch_related(
            Prefetch(
                "byline",
                queryset=ArticleAuthorRelationship.objects.select_related("author"),
            )
        )
        .order_by("-first_published_at", "-pk")
    )


def articles_recent(
    *, locale: Locale, exclude: Page | None = None, limit: int = 6
) -> list[ArticlePage]:
    """The «latest news» block: the newest `limit` articles other than `exclude`.

    Every article page shows it, so the list is worked out once per change to the edition's
    articles (the `recent:<locale>` tag of baspa.pagecache) and reused until then.
    """
    from baspa.pagecache.store import fragment

    newest = fragment(
        f"recent:{locale.pk}:{limit + 1}",
        {f"recent:{locale.pk}"},
        lambda: list(articles_for_readers(locale=locale)[: limit + 1]),
    )
    return [article for article in newest if exclude is None or article.pk != exclude.pk][:limit]


def sections_below(*, section: Page) -> QuerySet[SectionPage]:
    return SectionPage.objects.child_of(section).live().public().order_by("path")


def sections_with_latest(
    *, home: HomePage, limit: int = 4, window: int = 500
) -> list[tuple[SectionPage, list]]:
    """Top-level sections of an edition, each with its latest articles, for the home page.

    Two queries whatever the number of sections: the articles are ranked within their
    top-level section (the first steps of their tree path) by a window function — over the
    edition's newest `window` articles only, so the front page costs the same at 100,000
    articles as at 100. A section with nothing among them is shown without articles.
    """
    sections = list(sections_below(section=home))
    articles = articles_for_readers(locale=home.locale)
    oldest = articles.values_list("first_published_at", flat=True)[window - 1 : window].first()
    if oldest is not None:
        articles = articles.filter(first_published_at__gte=oldest)
    path_length = len(home.path) + Page.steplen
    ranked = (
        articles.filter(depth__gt=home.depth + 1)
        .annotate(
            section_path=Substr("path", 1, path_length),
            rank=Window(
                RowNumber(),
                partition_by=Substr("path", 1, path_length),
                order_by=[F("first_published_at").desc(), F("pk").desc()],
            ),
        )
        .filter(rank__lte=limit)
    )
    by_section: dict[str, list[ArticlePage]] = {}
    for article in ranked:
        by_section.setdefault(article.section_path, []).append(article)
    return [(section, by_section.get(section.path, [])) for section in sections]


def section_menu(*, locale: Locale) -> QuerySet[SectionPage]:
    """The sections in the site navigation: the top level of the edition's tree."""
    return SectionPage.objects.live().public().filter(locale=locale, depth=3).order_by("path")
