"""Feeds, sitemaps and robots.txt: thin views that note their cache tags and answer."""

from django.conf import settings
from django.contrib.sitemaps import views as sitemap_views
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.views.decorators.http import require_safe
from wagtail.models import Locale

from baspa.core.models import NewsroomSettings
from baspa.distribution import sitemaps
from baspa.distribution.feeds import ArticleFeed, AtomArticleFeed
from baspa.pagecache.store import request_tags_note


@require_safe
def feed(request, fmt: str, kind: str, key: str = ""):
    feed_class = AtomArticleFeed if fmt.startswith("atom") else ArticleFeed
    return feed_class(full_text=fmt.endswith("-full"))(request, kind=kind, key=key)


def _every_edition_tags() -> set[str]:
    ids = list(Locale.objects.values_list("pk", flat=True))
    return {f"edition:{pk}" for pk in ids} | {f"recent:{pk}" for pk in ids}


@require_safe
def sitemap_index(request):
    request_tags_note(request, _every_edition_tags())
    return sitemap_views.index(
        request, sitemaps.sitemaps_all(), sitemap_url_name="distribution:sitemap_section"
    )


@require_safe
def sitemap_section(request, section: str):
    request_tags_note(request, _every_edition_tags())
    return sitemap_views.sitemap(
        request,
        sitemaps.sitemaps_all(),
        section=section,
        template_name="distribution/sitemap.xml",  # Django's writes the date without the time
    )


@require_safe
def news_sitemap(request):
    request_tags_note(request, _every_edition_tags())
    publication = NewsroomSettings.for_request(request).publication_name
    return sitemap_views.sitemap(
        request,
        {"news": sitemaps.NewsSitemap(publication)},
        template_name="distribution/news_sitemap.xml",
    )


@require_safe
def robots_txt(request):
    request_tags_note(
        request, {f"edition:{pk}" for pk in Locale.objects.values_list("pk", flat=True)}
    )
    # Search results are not for crawlers (they carry noindex too); nor is the admin.
    disallow = ["/admin/"]
    for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES:
        with translation.override(code):
            disallow.append(reverse("search"))
    context = {"disallow": disallow, "root": f"{request.scheme}://{request.get_host()}"}
    text = render_to_string("distribution/robots.txt", context, request=request)
    return HttpResponse(text, content_type="text/plain; charset=utf-8")
