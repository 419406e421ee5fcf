"""Sitemaps (the sitemaps.org protocol) made by Django's sitemaps framework.

The index lists, per edition — Kazakh in each of its three scripts, and Russian — one
sitemap of its home and section pages and one of its articles, paginated by the framework
(`?p=2`…) so 100,000 articles and more stay within the protocol's 50,000 addresses per file;
the article sitemap reads three columns per row, the translation's address by a subquery.

Every address carries its page's other editions as `<xhtml:link rel="alternate" hreflang>`,
the form Google documents for localized versions (a `<url>` per version, each listing every
version, itself included); the set is the one the page's own head gives
(`baspa.editions.links.hreflang_alternates`), so the two always agree. The sitemaps.org
schema admits these elements through its `##other` wildcard.

The Google News sitemap lists the articles of the last 48 hours, in every edition.
"""

from datetime import timedelta

from django.contrib.sitemaps import Sitemap
from django.db.models import Max, OuterRef, Subquery
from django.utils import timezone
from wagtail.models import Page

from baspa.content.models import HomePage, SectionPage
from baspa.content.selectors import articles_for_readers
from baspa.editions.html import text_convert
from baspa.editions.links import hreflang_alternates
from baspa.editions.scripts import LATIN, SCRIPTS, Script, edition_path

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


def homes_live() -> dict[str, HomePage]:
    """Every language edition's home page, by language code."""
    homes = HomePage.objects.live().select_related("locale").order_by("path")
    return {home.locale.language_code: home for home in homes}


class EditionSitemap(Sitemap):
    """One edition's pages: a language, and for Kazakh one of its scripts."""

    def __init__(self, home: HomePage, homes: dict[str, HomePage], script: Script | None = None):
        self.home = home
        self.locale = home.locale
        self.language = home.locale.language_code
        self.script = script  # None for Russian: it has one script
        # The other language editions, where a page's translation lives.
        self.others = {code: other for code, other in homes.items() if code != self.language}

    def locate(self, path: str) -> str:
        return edition_path(path, self.script) if self.script is not None else path

    def alternates(self, item) -> list[tuple[str, str]]:
        """(hreflang, address) of each edition of the page `item` stands for."""
        paths = {self.language: self.path(item)}
        for code, url_path in self.translations(item).items():
            paths[code] = edition_location(self.others[code], url_path)
        return hreflang_alternates(paths.get("kk"), paths.get("ru"))

    def get_urls(self, page=1, site=None, protocol=None):
        root = f"{self.get_protocol(protocol)}://{self.get_domain(site)}"
        urls = super().get_urls(page=page, site=site, protocol=protocol)
        for url in urls:
            # Django's own i18n alternates assume every page exists in every language; ours
            # come from the page's translations. Same keys, so the template is Django's form.
            url["alternates"] = [
                {"lang_code": hreflang, "location": root + path}
                for hreflang, path in self.alternates(url["item"])
            ]
        return urls

    def location(self, item) -> str:
        return self.locate(self.path(item))

    def latest(self):
        return to_the_second(
            articles_for_readers(locale=self.locale, cards=False).aggregate(
                newest=Max("last_published_at")
            )["newest"]
        )


class PagesSitemap(EditionSitemap):
    """The edition's home page and its sections; lastmod: their newest article's update."""

    def items(self):
        sections = SectionPage.objects.live().public().filter(locale=self.locale).order_by("path")
        pages = [self.home, *sections]
        # Their translations, for the alternates: one query for all of them.
        self.found = {}
        for code, other in self.others.items():
            rows = (
                Page.objects.live()
                .public()
                .filter(locale=other.locale, translation_key__in=[p.translation_key for p in pages])
                .values_list("translation_key", "url_path")
            )
            for key, url_path in rows:
                self.found.setdefault(key, {})[code] = url_path
        return pages

    def path(self, page) -> str:
        return page.get_url() or "/"

    def translations(self, page) -> dict[str, str]:
        return self.found.get(page.translation_key, {})

    def lastmod(self, page):
        section = page if isinstance(page, SectionPage) else None
        articles = articles_for_readers(locale=self.locale, section=section, cards=False)
        newest = articles.aggregate(newest=Max("last_published_at"))["newest"]
        return to_the_second(newest or page.last_published_at)

    def get_latest_lastmod(self):
        return self.latest()


class ArticlesSitemap(EditionSitemap):
    limit = ARTICLES_PER_SITEMAP

    def items(self):
        articles = articles_for_readers(locale=self.locale, cards=False)
        # The translations' tree paths by a subquery (unique index on translation_key and
        # locale): still one query per file, still a few columns per row.
        for code, other in self.others.items():
            translated = articles_for_readers(locale=other.locale, cards=False).filter(
                translation_key=OuterRef("translation_key")
            )
            articles = articles.annotate(
                **{f"in_{code}": Subquery(translated.values("url_path")[:1])}
            )
        columns = [f"in_{code}" for code in self.others]
        return articles.values_list("url_path", "last_published_at", *columns)

    def path(self, item) -> str:
        return edition_location(self.home, item[0])

    def translations(self, item) -> dict[str, str]:
        return {
            code: url_path for code, url_path in zip(self.others, item[2:], strict=True) if url_path
        }

    def lastmod(self, item):
        return to_the_second(item[1])

    def get_latest_lastmod(self):
        # The framework's default reads every item; one aggregate instead.
        return self.latest()


class NewsSitemap(Sitemap):
    """Google News: every edition's articles of the last 48 hours, newest first, each script
    of the Kazakh edition with its own address and headline. `<news:language>` takes an ISO
    639 code, not a BCP 47 tag with a script, so Kazakh is `kk` in every script."""

    limit = NEWS_LIMIT

    def __init__(self, publication: str = "Baspa"):
        self.publication = publication

    def items(self):
        since = timezone.now() - NEWS_WINDOW
        found = []
        for code, home in homes_live().items():
            rows = articles_for_readers(
                locale=home.locale, published_since=since, cards=False
            ).values_list(
                "url_path", "title", "headline_latin", "first_published_at", "last_published_at"
            )
            scripts = list(SCRIPTS.values()) if code == "kk" else [None]
            for url_path, title, latin, published, updated in rows[:NEWS_LIMIT]:
                location = edition_location(home, url_path)
                for script in scripts:
                    if script is LATIN and latin:
                        headline = latin  # the editor's own Latin spelling, as on the page
                    elif script is not None:
                        headline = text_convert(title, script)
                    else:
                        headline = title
                    found.append(
                        {
                            "location": edition_path(location, script) if script else location,
                            "title": headline,
                            "published": to_the_second(published),
                            "updated": updated,
                            "language": code,
                            "publication": self.publication,
                        }
                    )
        # Stable: an article's editions stay together.
        found.sort(key=lambda item: item["published"], reverse=True)
        return found[:NEWS_LIMIT]

    def location(self, item) -> str:
        return item["location"]

    def lastmod(self, item):
        return to_the_second(item["updated"])


def sitemaps_all() -> dict[str, Sitemap]:
    """The sections of the sitemap index, named `<kind>-<language>` (Kazakh in Cyrillic),
    `<kind>-kk-latn` and `<kind>-kk-arab` for the other scripts."""
    found: dict[str, Sitemap] = {}
    homes = homes_live()
    for code, home in homes.items():
        if code == "kk":
            editions = [(f"kk-{s.code}" if s.prefix else "kk", s) for s in SCRIPTS.values()]
        else:
            editions = [(code, None)]
        for name, script in editions:
            found[f"pages-{name}"] = PagesSitemap(home, homes, script)
            found[f"articles-{name}"] = ArticlesSitemap(home, homes, script)
    return found
