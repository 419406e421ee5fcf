"""What a feed or a page's metadata is about: an edition, a section, an author, a tag or a
region — with its articles (always through `articles_for_readers`) and its cache tags."""

from dataclasses import dataclass, field

from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import get_language
from wagtail.models import Locale

from baspa.content.models import AuthorSnippet, HomePage, RegionSnippet, SectionPage, Tag
from baspa.content.selectors import articles_for_readers

KINDS = ("edition", "section", "author", "tag", "region")


@dataclass
class Scope:
    kind: str
    key: str  # the section's path below the home page, or the author's, tag's, region's slug
    title: str
    path: str  # the address of the page that lists the same articles, from the site root
    home: HomePage
    articles: QuerySet
    tags: set[str] = field(default_factory=set)
    description: str = ""


def edition_home(language: str | None = None) -> HomePage:
    code = (language or get_language() or "kk").split("-")[0]
    locale = Locale.objects.filter(language_code=code).first()
    home = HomePage.objects.live().filter(locale=locale).first() if locale else None
    if home is None:
        raise Http404("No such edition")
    return home


def scope_resolve(kind: str, key: str = "", *, home: HomePage | None = None) -> Scope:
    """The scope named by a feed address; Http404 when it names nothing a reader may see."""
    home = home or edition_home()
    locale = home.locale
    edition_tag = f"edition:{locale.pk}"
    home_path = home.get_url() or "/"
    if kind == "edition":
        return Scope(
            kind=kind,
            key="",
            title="",
            path=home_path,
            home=home,
            articles=articles_for_readers(locale=locale),
            tags={edition_tag, f"recent:{locale.pk}"},
        )
    if kind == "section":
        section = (
            SectionPage.objects.live()
            .public()
            .filter(locale=locale, url_path=f"{home.url_path}{key.strip('/')}/")
            .first()
        )
        if section is None:
            raise Http404("No such section")
        return Scope(
            kind=kind,
            key=key.strip("/"),
            title=section.title,
            path=section.get_url() or "",
            home=home,
            articles=articles_for_readers(locale=locale, section=section),
            tags={edition_tag, f"section:{section.pk}"},
            description=section.description,
        )
    if kind == "author":
        author = AuthorSnippet.objects.filter(slug=key).first()
        if author is None:
            raise Http404("No such author")
        return Scope(
            kind=kind,
            key=key,
            title=author.name,
            path=home_path + home.reverse_subpage("author", args=[key]),
            home=home,
            articles=articles_for_readers(locale=locale, author=author),
            tags={edition_tag, f"author:{key}"},
            description=author.bio,
        )
    if kind == "tag":
        tag = Tag.objects.filter(slug=key).first()
        if tag is None:
            raise Http404("No such tag")
        return Scope(
            kind=kind,
            key=key,
            title=tag.name,
            path=home_path + home.reverse_subpage("tag", args=[key]),
            home=home,
            articles=articles_for_readers(locale=locale, tag=tag),
            tags={edition_tag, f"tag:{key}"},
        )
    if kind == "region":
        region = RegionSnippet.objects.filter(slug=key, locale=locale).first()
        if region is None:
            raise Http404("No such region")
        return Scope(
            kind=kind,
            key=key,
            title=region.name,
            path=home_path + home.reverse_subpage("region", args=[key]),
            home=home,
            articles=articles_for_readers(locale=locale, region=region),
            tags={edition_tag, f"region:{locale.pk}:{key}"},
        )
    raise Http404("No such feed")
