"""Addresses of the feeds (inside each edition's language prefix), the sitemaps and robots.txt
(at the site root)."""

from django.urls import path, register_converter, reverse
from django.utils import translation

from baspa.distribution import views

FORMATS = ("rss", "atom", "rss-full", "atom-full")


class FeedFormat:
    regex = "|".join(FORMATS)

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(FeedFormat, "feedformat")


feed_patterns = [
    path("feeds/<feedformat:fmt>/", views.feed, {"kind": "edition"}, name="feed_edition"),
    path(
        "feeds/<feedformat:fmt>/section/<path:key>/",
        views.feed,
        {"kind": "section"},
        name="feed_section",
    ),
    path(
        "feeds/<feedformat:fmt>/author/<str:key>/",
        views.feed,
        {"kind": "author"},
        name="feed_author",
    ),
    path("feeds/<feedformat:fmt>/tag/<str:key>/", views.feed, {"kind": "tag"}, name="feed_tag"),
    path(
        "feeds/<feedformat:fmt>/region/<str:key>/",
        views.feed,
        {"kind": "region"},
        name="feed_region",
    ),
]

root_patterns = [
    path("sitemap.xml", views.sitemap_index, name="sitemap_index"),
    path("sitemap-<str:section>.xml", views.sitemap_section, name="sitemap_section"),
    path("news-sitemap.xml", views.news_sitemap, name="news_sitemap"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
]


def feed_url(kind: str, key: str = "", fmt: str = "rss", language: str | None = None) -> str:
    """The address of a feed, in the language edition `language` (default: the active one)."""
    kwargs = {"fmt": fmt} | ({"key": key} if kind != "edition" else {})
    with translation.override(language or translation.get_language()):
        return reverse(f"feeds:feed_{kind}", kwargs=kwargs)


def feed_urls_for_tags(tags) -> set[str]:
    """For the front-cache purge (baspa.pagecache.front): the feeds and sitemaps that the
    purged tags name, as absolute addresses."""
    from wagtail.models import Page, Site

    from baspa.content.models import HomePage
    from baspa.editions.scripts import CYRILLIC, SCRIPTS, edition_path

    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        return set()
    root = site.root_url
    homes = {home.locale_id: home for home in HomePage.objects.live().select_related("locale")}
    found: set[tuple[str, str, str]] = set()  # (kind, key, language)
    sitemaps = False
    for tag in tags:
        kind, _, rest = tag.partition(":")
        if kind == "recent" and int(rest) in homes:
            found.add(("edition", "", homes[int(rest)].locale.language_code))
            sitemaps = True
        elif kind == "section":
            section = Page.objects.filter(pk=int(rest)).select_related("locale").first()
            home = homes.get(section.locale_id) if section else None
            if home is not None and section.url_path.startswith(home.url_path):
                key = section.url_path[len(home.url_path) :].strip("/")
                found.add(("section", key, home.locale.language_code))
        elif kind in ("author", "tag"):
            found |= {(kind, rest, home.locale.language_code) for home in homes.values()}
        elif kind == "region":
            locale_id, _, slug = rest.partition(":")
            if int(locale_id) in homes:
                found.add(("region", slug, homes[int(locale_id)].locale.language_code))
    # Kazakh feeds are served in each script edition too, each its own copy in nginx.
    urls = {
        root + edition_path(feed_url(kind, key, fmt, language), script)
        for kind, key, language in found
        for fmt in FORMATS
        for script in (SCRIPTS.values() if language == "kk" else [CYRILLIC])
    }
    if sitemaps:
        urls |= {
            root + reverse(f"distribution:{name}") for name in ("sitemap_index", "news_sitemap")
        }
    return urls
