"""Reader pages with the fewest queries.

Wagtail finds a page level by level: the site, its root page, the root's translation, then one
query per path segment and one more for the specific page, and then the site's settings.
Here the site, its settings, the edition's home page and its sections come from one fragment
that the page cache keeps until something in it changes (purged by the `edition:<locale>` and
`sites` tags), and an article or section is found by its URL path in one query. The results go
into Wagtail's own per-request caches (`_wagtail_site`, `_wagtail_route_for_request`, the
settings attribute), so Wagtail's serve view does the rest exactly as it would have: privacy
checks, the before_serve_page hooks, page.serve().
"""

from __future__ import annotations

from django.db.models import OuterRef, Subquery
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.http import Http404
from django.utils.translation import get_language
from wagtail import views as wagtail_views
from wagtail.models import Locale, Page, PageViewRestriction, Site
from wagtail.url_routing import RouteResult

from baspa.content.models import ArticlePage, HomePage, SectionPage
from baspa.core.models import NewsroomSettings

# The first path segments that HomePage answers itself (RoutablePageMixin).
HOME_ROUTES = {"author", "tag", "region"}

# language code → Locale pk. A locale's pk never changes while it exists; adding or deleting
# a locale clears this (and a process that meets an unknown language asks the database).
_locale_ids: dict[str, int] = {}


@receiver(post_save, sender=Locale)
@receiver(post_delete, sender=Locale)
def _forget_locales(**kwargs) -> None:
    _locale_ids.clear()


def locale_id_for(language: str) -> int | None:
    if language not in _locale_ids:
        found = Locale.objects.filter(language_code=language).values_list("pk", flat=True)
        if not (pk := found.first()):
            return None
        _locale_ids[language] = pk
    return _locale_ids[language]


def edition_for_request(request) -> dict | None:
    """The site, its settings, and the active edition's home page and sections.

    Kept on the request: the page, its templates and the context processor share one read.
    """
    if not hasattr(request, "baspa_edition"):
        request.baspa_edition = _edition(request)
    return request.baspa_edition


def _edition(request) -> dict | None:
    from baspa.pagecache.store import fragment

    locale_id = locale_id_for(get_language())
    if locale_id is None:
        return None
    host = request.get_host()

    def compute() -> dict | None:
        site = Site.find_for_request(request)
        if site is None:
            return None
        sections = list(
            SectionPage.objects.live().public().filter(locale_id=locale_id).order_by("path")
        )
        home = HomePage.objects.live().filter(locale_id=locale_id).first()
        for page in [home, *sections]:
            if page is not None:
                # The navigation's links, worked out here rather than on every page view.
                page.reader_url = page.get_url(request)
        # Every view restriction, with the path of the page it guards (a handful at most):
        # a page's privacy is then known without a query. Not where aliases exist, whose
        # originals' restrictions apply to them (Page.get_view_restrictions).
        restrictions = None
        if not Page.objects.filter(alias_of__isnull=False).exists():
            restrictions = [
                (restriction.page.path, restriction)
                for restriction in PageViewRestriction.objects.select_related("page")
            ]
        return {
            "site": site,
            "settings": NewsroomSettings.for_site(site),
            "restrictions": restrictions,
            "home": home,
            "menu": [section for section in sections if section.depth == 3],
            "sections": {section.path: section for section in sections},
        }

    return fragment(f"edition:{host}:{locale_id}", {f"edition:{locale_id}", "sites"}, compute)


def section_of(page: Page, edition: dict) -> SectionPage | None:
    """The nearest live section above `page`, from the edition's sections (no query)."""
    sections = edition["sections"]
    for end in range(len(page.path) - Page.steplen, 0, -Page.steplen):
        if section := sections.get(page.path[:end]):
            return section
    return None


def article_by_url_path(url_path: str, slug: str) -> ArticlePage | None:
    """A live article with what its page needs around it, in one query. (Its byline and tags
    are read only when its HTML is rendered again: baspa.content.rendering.)"""
    from baspa.pagecache.models import PublishedTags

    return (
        # The slug is the last segment of the path: it is indexed (url_path is not).
        ArticlePage.objects.filter(slug=slug, url_path=url_path, live=True)
        .select_related("locale", "hero_image", "region")
        .annotate(
            published_tags=Subquery(
                PublishedTags.objects.filter(page_id=OuterRef("pk")).values("tags")[:1]
            )
        )
        .first()
    )


def route(request, path: str, edition: dict) -> RouteResult | None:
    """Wagtail's RouteResult for `path`, or None to let Wagtail route it the long way."""
    found = _route(request, path, edition)
    if found is not None and edition.get("restrictions") is not None:
        page = found.page
        # What PrivacyCheckedOnce would ask the database (a change purges the edition).
        page.__dict__["_view_restrictions"] = [
            restriction
            for guarded, restriction in edition["restrictions"]
            if page.path.startswith(guarded)
        ]
    return found


def _route(request, path: str, edition: dict) -> RouteResult | None:
    home = edition["home"]
    if home is None or not home.url_path:
        return None
    components = [component for component in path.split("/") if component]
    if not components or components[0] in HOME_ROUTES:
        try:
            return home.route(request, components)
        except Http404:
            return None
    url_path = home.url_path + "/".join(components) + "/"
    for section in edition["sections"].values():
        if section.url_path == url_path:
            return RouteResult(section)
    if article := article_by_url_path(url_path, components[-1]):
        if article.path.startswith(home.path):
            article.__dict__["section"] = section_of(article, edition)
            return RouteResult(article)
    return None


def serve(request, path):
    from baspa.content.rendering import article_prefetch
    from baspa.pagecache.store import fragments_forget

    edition = edition_for_request(request)
    if edition is not None and edition["site"] is not None:
        request._wagtail_site = edition["site"]
        setattr(request, NewsroomSettings.get_cache_attr_name(), edition["settings"])
        if found := route(request, path, edition):
            request._wagtail_route_for_request = found
            if isinstance(found.page, ArticlePage):
                article_prefetch(found.page, request)
    try:
        response = wagtail_views.serve(request, path)
        if hasattr(response, "render") and not response.is_rendered:
            # Rendered here, while what was read ahead is still at hand (its head metadata
            # is asked for by a template tag).
            response.render()
        return response
    finally:
        fragments_forget()
