"""Sitemaps (the sitemaps.org protocol) made by Django's sitemaps framework.

The index lists, per language edition, one sitemap of its home and section pages and one of
its articles, paginated by the framework (`?p=2`…) so 100,000 articles and more stay within
the protocol's 50,000 addresses per file; the article sitemap reads three columns per row.
The Google News sitemap lists the articles of the last 48 hours.
"""

from datetime import timedelta

from django.contrib.sitemaps import Sitemap
from django.db.models import Max
from django.utils import timezone

from baspa.content.models import HomePage, SectionPage
from baspa.content.selectors import articles_for_readers

# Smaller than the protocol's 50,000: each file renders quickly on a cache miss.
ARTICLES_PER_SITEMAP = 10_000
# Google News: articles of the last two days, at most 1,000 per sitemap.
NEWS_WINDOW = timedelta(hours=48)
NEWS_LIMIT = 1000


def to_the_second(value):
    """Update times with their zone, to the second: a W3C datetime (sitemaps.org protocol,
    <lastmod>), written in the newsroom's time zone by the templates."""
    return value.replace(microsecond=0) if value else None


def edition_location(home: HomePage, url_path: str) -> str:
    """A page's address from its tree path, without loading the page: what Wagtail's
    `Page.url` gives for a page of `home`'s edition (test_sitemaps checks they agree)."""
    return (home.get_url() or "/") + url_path[len(home.url_path) :]


class EditionSitemap(Sitemap):
    def __init__(self, home: HomePage):
        self.home = home
        self.locale = home.locale


class PagesSitemap(EditionSitemap):
    """The edition's home page and its sections; lastmod: their newest article's update."""

    def items(self):
        sections = SectionPage.objects.live().public().filter(locale=self.locale).order_by("path")
        return [self.home, *sections]

    def location(self, page) -> str:
        return page.get_url() or "/"

    def lastmod(self, page):
        section = page if isinstance(page, SectionPage) else None
        articles = articles_for_readers(locale=self.locale, section=section, cards=False)
        newest = articles.aggregate(newest=Max("last_published_at"))["newest"]
        return to_the_second(newest or page.last_published_at)

    def get_latest_lastmod(self):
        return to_the_second(
            articles_for_readers(locale=self.locale, cards=False).aggregate(
                newest=Max("last_published_at")
            )["newest"]
        )


class ArticlesSitemap(EditionSitemap):
    limit = ARTICLES_PER_SITEMAP

    def items(self):
        return articles_for_readers(locale=self.locale, cards=False).values_list(
            "url_path", "last_published_at"
        )

    def location(self, item) -> str:
        return edition_location(self.home, item[0])

    def lastmod(self, item):
        return to_the_second(item[1])

    def get_latest_lastmod(self):
        # The framework's default reads every item; one aggregate instead.
        return to_the_second(
            articles_for_readers(locale=self.locale, cards=False).aggregate(
                newest=Max("last_published_at")
            )["newest"]
        )


class NewsSitemap(Sitemap):
    """Google News: every edition's articles of the last 48 hours, newest first."""

    limit = NEWS_LIMIT

    def __init__(self, publication: str = "Baspa"):
        self.publication = publication

    def items(self):
        since = timezone.now() - NEWS_WINDOW
        found = []
        for home in HomePage.objects.live().select_related("locale"):
            rows = articles_for_readers(
                locale=home.locale, published_since=since, cards=False
            ).values_list("url_path", "title", "first_published_at", "last_published_at")
            found += [
                {
                    "location": edition_location(home, url_path),
                    "title": title,
                    "published": to_the_second(published),
                    "updated": updated,
                    "language": home.locale.language_code,
                    "publication": self.publication,
                }
                for url_path, title, published, updated in rows[:NEWS_LIMIT]
            ]
        found.sort(key=lambda item: item["published"], reverse=True)
        return found[:NEWS_LIMIT]

    def location(self, item) -> str:
        return item["location"]

    def lastmod(self, item):
        return to_the_second(item["updated"])


def sitemaps_all() -> dict[str, Sitemap]:
    """The sections of the sitemap index, named `<kind>-<language>`."""
    found: dict[str, Sitemap] = {}
    homes = HomePage.objects.live().select_related("locale").order_by("path")
    for home in homes:
        code = home.locale.language_code
        found[f"pages-{code}"] = PagesSitemap(home)
        found[f"articles-{code}"] = ArticlesSitemap(home)
    return found
