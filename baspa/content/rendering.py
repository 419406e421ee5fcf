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

RECENT_LIMIT = 6  # the cards of an article page's «Latest news»


def _recent_cards_key(locale_id: int, request, limit: int) -> str:
    # Cards show an editor's own Latin lead in the Latin edition only (baspa.editions).
    script = getattr(getattr(request, "script", None), "code", "cyrl")
    return f"recent-cards:{locale_id}:{get_language()}:{script}:{limit}"


def recent_news_cards(*, request, locale: Locale, exclude: Page | None = None, limit: int = 6):
    """The «Latest news» block's cards, as HTML, newest first, without `exclude`.

    Every article page shows the same few cards, so they are rendered once per change to the
    edition's articles (the `recent:<locale>` tag) and at most every
    BASPA_PAGE_CACHE_SECONDS, so that their relative times («5 минут бұрын») age no more
    than a cached page does.
    """
    from baspa.pagecache.store import fragment

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
        _recent_cards_key(locale.pk, request, limit),
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
    # Its link to the translation is kept with it: publishing or unpublishing a translation
    # purges the original's tags too (baspa.pagecache.signals).
    return mark_safe(article_shared(article, request, "main", render))


def article_shared(article, request, name: str, compute):
    """`compute()`'s value for the published `article`, kept under the article page's cache
    tags (its section, byline, tags and region): the same for every reader of the edition.
    For a preview, or a page that is not live, it is computed and not kept."""
    from baspa.pagecache.store import fragment
    from baspa.pagecache.tags import page_tags

    if getattr(request, "is_preview", False) or not article.live:
        return compute()
    return fragment(
        _article_key(article, request, name),
        page_tags(article, ()) or {f"article:{article.pk}"},
        compute,
    )


def _article_key(article, request, name: str) -> str:
    published = article.last_published_at.timestamp() if article.last_published_at else 0
    # The script edition (baspa.editions): an editor's own Latin headline shows in one only.
    script = getattr(getattr(request, "script", None), "code", "cyrl")
    return f"article-{name}:{article.pk}:{get_language()}:{script}:{published:.0f}"


# Names of other apps' article_shared() parts for a request (baspa.distribution: the head
# metadata), added by their AppConfig.ready(), so article_prefetch() reads them too.
ARTICLE_PARTS: list = []


def article_prefetch(article, request) -> None:
    """Read every shared part of an article page in two round trips to the cache, before
    rendering asks for them one by one (baspa.content.serving)."""
    from baspa.pagecache.store import fragments_prefetch
    from baspa.pagecache.tags import page_tags

    names = ["main", "translations"] + [part(request) for part in ARTICLE_PARTS]
    keys = [_article_key(article, request, name) for name in names]
    keys.append(_recent_cards_key(article.locale_id, request, RECENT_LIMIT))
    fragments_prefetch(keys, tags=page_tags(article, ()) or ())


def request_edition(request) -> dict:
    from baspa.content.serving import edition_for_request

    edition = edition_for_request(request)
    return {"home": edition["home"]} if edition else {"home": None}
