"""HTML that many page views share, rendered once: article cards, the article itself."""

from __future__ import annotations

from django.conf import settings
from django.db.models import Prefetch, prefetch_related_objects
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from wagtail.models import Locale, Page

from baspa.content import selectors
from baspa.content.models import ArticleAuthorRelationship


def recent_news_cards(*, request, locale: Locale, exclude: Page | None = None, limit: int = 6):
    """The «Latest news» block's cards, as HTML, newest first, without `exclude`.

    Every article page shows the same few cards, so they are rendered once per change to the
    edition's articles (the `recent:<locale>` tag) and at most every
    BASPA_PAGE_CACHE_SECONDS, so that their relative times («5 минут бұрын») age no more
    than a cached page does.
    """
    from baspa.pagecache.store import fragment

    # Cards show an editor's own Latin lead in the Latin edition only (baspa.editions).
    script = getattr(getattr(request, "script", None), "code", "cyrl")

    def render() -> list[tuple[int, str]]:
        articles = selectors.articles_recent(locale=locale, limit=limit + 1)
        return [
            (
                article.pk,
                render_to_string(
                    "components/article_card.html",
                    {"article": article, "heading_tag": "h3", "request": request},
                ),
            )
            for article in articles
        ]

    cards = fragment(
        f"recent-cards:{locale.pk}:{get_language()}:{script}:{limit}",
        {f"recent:{locale.pk}"},
        render,
        timeout=settings.BASPA_PAGE_CACHE_SECONDS,
    )
    # Trusted: rendered by our own card template, which escapes every field.
    chosen = [html for pk, html in cards if exclude is None or pk != exclude.pk][:limit]
    return [mark_safe(html) for html in chosen]


def article_main_html(article, request):
    """The article itself (headline to tags, the `<article>` element) as HTML.

    It is the same for every reader of the edition, so it is rendered once and kept until one
    of the things it shows changes: the same cache tags as the article's page (its section,
    byline, tags and region; see baspa.pagecache.tags). A page-cache miss then renders only
    the page around it. Previews show unsaved work: always rendered, never kept.
    """
    from baspa.editions.links import edition_links

    links = edition_links(request, article)
    context = {
        "page": article,
        "request": request,
        "edition": request_edition(request),
        "edition_links": links,
    }

    def render() -> str:
        prefetch_related_objects(
            [article],
            Prefetch("byline", ArticleAuthorRelationship.objects.select_related("author")),
        )
        return render_to_string("components/article_main.html", context)

    # Trusted: rendered by our own template, which escapes every field (rich text is
    # Wagtail's, filtered by its editor's whitelist when saved).
    # Its link to the translation is kept with it: publishing a translation purges the
    # original's tags too (baspa.pagecache.signals).
    translation = links.translation.url if links.translation else ""
    return mark_safe(article_shared(article, request, f"main:{translation}", render))


def article_shared(article, request, name: str, compute):
    """`compute()`'s value for the published `article`, kept under the article page's cache
    tags (its section, byline, tags and region): the same for every reader of the edition.
    For a preview, or a page that is not live, it is computed and not kept."""
    from baspa.pagecache.store import fragment
    from baspa.pagecache.tags import page_tags

    if getattr(request, "is_preview", False) or not article.live:
        return compute()
    published = article.last_published_at.timestamp() if article.last_published_at else 0
    # The script edition (baspa.editions): an editor's own Latin headline shows in one only.
    script = getattr(getattr(request, "script", None), "code", "cyrl")
    return fragment(
        f"article-{name}:{article.pk}:{get_language()}:{script}:{published:.0f}",
        page_tags(article, ()) or {f"article:{article.pk}"},
        compute,
    )


def request_edition(request) -> dict:
    from baspa.content.serving import edition_for_request

    edition = edition_for_request(request)
    return {"home": edition["home"]} if edition else {"home": None}
