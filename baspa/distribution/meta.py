"""What a page says about itself to search engines, link previews and feed readers: the
canonical address, Open Graph and Twitter card tags, JSON-LD (schema.org NewsArticle,
BreadcrumbList, …) and the feeds to discover. Computed by `page_meta`, a plain function of the
request and the page; rendered by distribution/includes/page_meta.html from base.html.
"""

import json
from dataclasses import dataclass, field
from typing import Any

from django.templatetags.static import static
from django.utils import timezone
from django.utils.translation import gettext as _

from baspa.content.models import ArticlePage, AuthorSnippet, HomePage, RegionSnippet, SectionPage
from baspa.distribution.feeds import SHARE_RENDITION
from baspa.editions.scripts import LATIN

OG_LOCALES = {"kk": "kk_KZ", "ru": "ru_RU"}
# Escapes that keep JSON inert inside <script>: "</script>" or "<!--" in a headline must not
# end or change the script element (HTML §4.12.1.3); what Django's json_script does, for a
# script of type application/ld+json.
SCRIPT_SAFE = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


@dataclass
class Image:
    url: str
    width: int
    height: int
    alt: str


@dataclass
class Feed:
    title: str
    type: str
    href: str


@dataclass
class PageMeta:
    title: str
    description: str
    canonical: str
    og_type: str
    og_locale: str
    site_name: str
    image: Image | None = None
    feeds: list[Feed] = field(default_factory=list)
    json_ld: list[str] = field(default_factory=list)
    published: str = ""
    modified: str = ""
    section: str = ""
    keywords: list[str] = field(default_factory=list)


def canonical_url(request) -> str:
    """The address of the page as requested, absolute and without a query — except the page
    number of a listing past its first page. Script editions (issue 7) build on this."""
    url = request.build_absolute_uri(request.path)
    number = request.GET.get("page", "")
    if number.isdigit() and int(number) > 1:
        url += f"?page={int(number)}"
    return url


def json_ld_dumps(data: dict) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).translate(SCRIPT_SAFE)


def _iso(value) -> str:
    return timezone.localtime(value).isoformat(timespec="seconds") if value else ""


def _feeds(publication: str, language: str, scopes: list[tuple[str, str, str]]) -> list[Feed]:
    from baspa.distribution.urls import feed_url

    found = []
    for kind, key, title in scopes:
        label = f"{title} — {publication}" if title else publication
        found.append(
            Feed(f"{label} (RSS)", "application/rss+xml", feed_url(kind, key, "rss", language))
        )
        found.append(
            Feed(f"{label} (Atom)", "application/atom+xml", feed_url(kind, key, "atom", language))
        )
    return found


def _section_key(home: HomePage, section: SectionPage) -> str:
    return section.url_path[len(home.url_path) :].strip("/")


def page_meta(
    *,
    request,
    page,
    publication: str,
    listing: dict | None = None,
    home: HomePage | None = None,
) -> PageMeta | None:
    """Everything the page head says about `page` as served for `request`.

    `listing` names what an author, tag or region page of a home page lists:
    {"author": AuthorSnippet} / {"tag": Tag} / {"region": RegionSnippet}. `home` is the
    edition's home page when the caller has it at hand (the site chrome keeps it).
    """
    if request is None or page is None:
        return None
    specific = page.specific_deferred
    absolute = request.build_absolute_uri
    canonical = canonical_url(request)
    language = page.locale.language_code
    if home is None or home.locale_id != page.locale_id:
        home = HomePage.objects.live().filter(locale_id=page.locale_id).first()
    home_url = absolute(home.get_url(request) or "/") if home else absolute("/")
    publisher = {
        "@type": "NewsMediaOrganization",
        "name": publication,
        "url": home_url,
        "logo": {
            "@type": "ImageObject",
            "url": absolute(static("distribution/publisher-logo.png")),
            "width": 512,
            "height": 512,
        },
    }
    meta = PageMeta(
        title=page.seo_title or page.title,
        description=page.search_description,
        canonical=canonical,
        og_type="website",
        og_locale=OG_LOCALES.get(language, language),
        site_name=publication,
    )
    edition_feed = ("edition", "", "")
    listing = listing or {}

    if isinstance(specific, ArticlePage):
        _article_meta(meta, request, specific, home, home_url, publisher)
        section = specific.section
        scopes = [edition_feed]
        if section is not None and home is not None:
            scopes.append(("section", _section_key(home, section), section.title))
        meta.feeds = _feeds(publication, language, scopes)
    elif isinstance(specific, SectionPage):
        meta.description = (
            meta.description
            or specific.description
            or _("The latest news of the section «%(section)s» from %(publication)s")
            % {"section": specific.title, "publication": publication}
        )
        crumbs = _breadcrumbs(specific, home, home_url, publication, request)
        meta.json_ld = [
            json_ld_dumps(
                {
                    "@context": "https://schema.org",
                    "@type": "CollectionPage",
                    "name": specific.title,
                    "description": meta.description,
                    "url": canonical,
                    "inLanguage": language,
                    "isPartOf": {"@type": "WebSite", "name": publication, "url": home_url},
                }
            ),
            json_ld_dumps(crumbs),
        ]
        key = _section_key(home, specific) if home else ""
        meta.feeds = _feeds(publication, language, [("section", key, specific.title), edition_feed])
    elif isinstance(specific, HomePage) and listing:
        _listing_meta(meta, listing, publication, canonical, language, home_url, request)
    elif isinstance(specific, HomePage):
        meta.title = publication
        meta.description = meta.description or _("The latest news from %(publication)s") % {
            "publication": publication
        }
        meta.json_ld = [
            json_ld_dumps(
                {
                    "@context": "https://schema.org",
                    "@type": "WebSite",
                    "name": publication,
                    "url": home_url,
                    "inLanguage": language,
                    "publisher": publisher,
                }
            )
        ]
        meta.feeds = _feeds(publication, language, [edition_feed])
    return meta


def _article_meta(meta, request, article, home, home_url, publisher) -> None:
    absolute = request.build_absolute_uri
    meta.og_type = "article"
    headline, lead = article.title, article.lead
    if getattr(request, "script", None) is LATIN:
        # The Latin edition (baspa.editions): an editor's own Latin spelling wins.
        headline, lead = article.headline_latin or headline, article.lead_latin or lead
        if not article.seo_title:
            meta.title = headline
    meta.description = meta.description or lead
    meta.published = _iso(article.first_published_at)
    meta.modified = _iso(article.last_published_at or article.first_published_at)
    sections = list(SectionPage.objects.ancestor_of(article).live().order_by("depth"))
    # The same query as ArticlePage.section: the page's template reads it from here.
    article.__dict__["section"] = section = sections[-1] if sections else None
    meta.section = section.title if section else ""
    meta.keywords = [tag.name for tag in article.tags.all()]
    if article.hero_image_id:
        # Made when the article was published (baspa.content.renditions): a view only reads.
        rendition = article.hero_image.get_rendition(SHARE_RENDITION)
        meta.image = Image(
            url=absolute(rendition.url),
            width=rendition.width,
            height=rendition.height,
            alt=article.hero_image.default_alt_text,
        )
    authors = []
    for author in article.authors:
        person: dict[str, Any] = {"@type": "Person", "name": author.name}
        if home is not None:
            path = (home.get_url(request) or "/") + home.reverse_subpage(
                "author", args=[author.slug]
            )
            person["url"] = absolute(path)
        authors.append(person)
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": headline[:110],
        "description": meta.description,
        "datePublished": meta.published,
        "dateModified": meta.modified,
        "author": authors,
        "publisher": publisher,
        "inLanguage": article.locale.language_code,
        "mainEntityOfPage": {"@type": "WebPage", "@id": meta.canonical},
        "url": meta.canonical,
    }
    if meta.image:
        data["image"] = [meta.image.url]
    if meta.section:
        data["articleSection"] = meta.section
    if meta.keywords:
        data["keywords"] = meta.keywords
    crumbs = _breadcrumbs(article, home, home_url, publisher["name"], request, sections)
    meta.json_ld = [json_ld_dumps(data), json_ld_dumps(crumbs)]


def _breadcrumbs(page, home, home_url, publication, request, sections=None) -> dict:
    """Home › sections › the page itself (schema.org BreadcrumbList)."""
    trail = [(publication, home_url)]
    if sections is None:
        sections = SectionPage.objects.ancestor_of(page).live().order_by("depth")
    for section in sections:
        trail.append((section.title, request.build_absolute_uri(section.get_url(request))))
    trail.append((page.title, canonical_url(request)))
    return {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": number, "name": name, "item": url}
            for number, (name, url) in enumerate(trail, start=1)
        ],
    }


def _listing_meta(meta, listing, publication, canonical, language, home_url, request) -> None:
    """Author, tag and region pages: what they list, and the feed of the same articles."""
    thing = listing.get("author") or listing.get("tag") or listing.get("region")
    kind = next(name for name in ("author", "tag", "region") if listing.get(name) is thing)
    name = thing.name
    meta.title = name
    if isinstance(thing, AuthorSnippet):
        meta.og_type = "profile"
        meta.description = thing.bio or _("Articles by %(name)s in %(publication)s") % {
            "name": name,
            "publication": publication,
        }
        entity: dict[str, Any] = {"@type": "Person", "name": name, "url": canonical}
        links = [link.url for link in thing.links.all()]
        if links:
            entity["sameAs"] = links
        data: dict[str, Any] = {"@type": "ProfilePage", "mainEntity": entity}
    elif isinstance(thing, RegionSnippet):
        meta.description = _("News of %(region)s from %(publication)s") % {
            "region": name,
            "publication": publication,
        }
        data = {"@type": "CollectionPage", "name": name}
    else:
        meta.description = _("Articles tagged «%(tag)s» in %(publication)s") % {
            "tag": name,
            "publication": publication,
        }
        data = {"@type": "CollectionPage", "name": name}
    data.update(
        {
            "@context": "https://schema.org",
            "url": canonical,
            "inLanguage": language,
            "description": meta.description,
            "isPartOf": {"@type": "WebSite", "name": publication, "url": home_url},
        }
    )
    meta.json_ld = [json_ld_dumps(data)]
    meta.feeds = _feeds(publication, language, [(kind, thing.slug, name), ("edition", "", "")])
