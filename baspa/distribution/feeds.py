"""RSS 2.0 and Atom feeds of an edition, a section, an author, a tag or a region, made by
Django's syndication framework. Each feed is stored by the page cache under the tags of its
scope, so publishing, editing or unpublishing an article purges exactly the feeds it is in.

Every Kazakh feed is also served in the Latin (/latyn/feeds/…) and Arabic-script
(/tote/feeds/…) editions (docs/editions.md): the script comes from the address
(`request.script`, set by baspa.editions' middleware), and the feed spells its own text and
links for it — the HTML pass of the pages does not apply to XML.
"""

import mimetypes
import re

from django.contrib.syndication.views import Feed
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed, Enclosure, Rss201rev2Feed
from django.utils.translation import gettext as _
from wagtail.models import Page

from baspa.content.models import SectionPage
from baspa.core.models import NewsroomSettings
from baspa.distribution.scopes import Scope, scope_resolve
from baspa.editions.html import html_transliterate, text_convert
from baspa.editions.scripts import CYRILLIC, LATIN, edition_path
from baspa.pagecache.store import request_tags_note

ITEMS = 30
SHARE_RENDITION = "fill-1200x630"
ABSOLUTE = re.compile(r'(\s(?:src|href))="/(?!/)')


class RssWithContent(Rss201rev2Feed):
    """RSS 2.0 with the full text in <content:encoded> (the RSS content module), when asked."""

    def rss_attributes(self):
        return {
            **super().rss_attributes(),
            "xmlns:content": "http://purl.org/rss/1.0/modules/content/",
        }

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        if item.get("content_html"):
            handler.addQuickElement("content:encoded", item["content_html"])


class AtomWithContent(Atom1Feed):
    """Atom with the full text in <content type="html"> (RFC 4287 §4.1.3), when asked."""

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        if item.get("content_html"):
            handler.addQuickElement("content", item["content_html"], {"type": "html"})


class ArticleFeed(Feed):
    feed_type = RssWithContent

    def __init__(self, *, full_text: bool = False):
        super().__init__()
        self.full_text = full_text

    def get_object(self, request, kind, key=""):
        scope = scope_resolve(kind, key)
        request_tags_note(request, scope.tags)
        self.request, self.scope = request, scope
        # Only the Kazakh edition has scripts; /latyn/ru/… never reaches a view.
        kazakh = scope.home.locale.language_code == "kk"
        self.script = getattr(request, "script", CYRILLIC) if kazakh else None
        if self.script is not None:
            # RSS <language> and Atom xml:lang: BCP 47, kk-Latn / kk-Arab in those editions.
            self.language = self.script.lang
        self.publication = NewsroomSettings.for_request(request).publication_name
        # An article's parent is always a section: one query for all of them, not one each.
        self.sections = {
            section.path: section
            for section in SectionPage.objects.filter(locale=scope.home.locale).only(
                "title", "path"
            )
        }
        return scope

    def spell(self, text: str) -> str:
        """Kazakh text as this feed's script edition writes it (what the pages' HTML pass
        does to text nodes); Russian text is never touched."""
        return text_convert(text, self.script) if self.script is not None and text else text

    def locate(self, path: str) -> str:
        """A Kazakh page's address (or absolute URL) in this feed's script edition."""
        return edition_path(path, self.script) if self.script is not None else path

    def title(self, scope: Scope) -> str:
        title = f"{scope.title} — {self.publication}" if scope.title else self.publication
        return self.spell(title)

    def link(self, scope: Scope) -> str:
        return self.locate(scope.path)

    def description(self, scope: Scope) -> str:
        return self.spell(
            scope.description
            or _("The latest news from %(publication)s") % {"publication": self.publication}
        )

    def feed_url(self, scope: Scope) -> str:
        return self.request.path

    def items(self, scope: Scope):
        return scope.articles[:ITEMS]

    def item_title(self, article) -> str:
        if self.script is LATIN and article.headline_latin:
            return article.headline_latin  # the editor's own Latin spelling wins, as on pages
        return self.spell(article.title)

    def item_description(self, article) -> str:
        if self.script is LATIN and article.lead_latin:
            return article.lead_latin
        return self.spell(article.lead)

    def item_link(self, article) -> str:
        return self.locate(article.get_url(self.request))

    # In the newsroom's time zone, with its offset (RFC 822 §5 / RFC 3339 §5.6).
    def item_pubdate(self, article):
        return timezone.localtime(article.first_published_at)

    def item_updateddate(self, article):
        return timezone.localtime(article.last_published_at or article.first_published_at)

    def item_author_name(self, article) -> str:
        return self.spell(", ".join(author.name for author in article.authors))

    def item_author_link(self, article) -> str | None:
        authors = article.authors
        if not authors:
            return None
        home = self.scope.home
        path = (home.get_url(self.request) or "/") + home.reverse_subpage(
            "author", args=[authors[0].slug]
        )
        return self.locate(self.request.build_absolute_uri(path))

    def item_categories(self, article) -> list[str]:
        section = self.sections.get(article.path[: -Page.steplen])
        return [self.spell(section.title)] if section else []

    def item_enclosures(self, article) -> list[Enclosure]:
        if not article.hero_image_id:
            return []
        # Made at publish time (baspa.content.renditions), so this only reads.
        rendition = article.hero_image.get_rendition(SHARE_RENDITION)
        url = self.request.build_absolute_uri(rendition.url)
        try:
            length = rendition.file.size
        except OSError:
            length = 0
        mime_type = mimetypes.guess_type(rendition.file.name)[0] or "image/jpeg"
        return [Enclosure(url, str(length), mime_type)]

    def item_extra_kwargs(self, article) -> dict:
        if not self.full_text:
            return {}
        # Trusted HTML: the body as the article page renders it, from the editors' own
        # StreamField (rich text sanitised by Wagtail when saved) through our block templates.
        # Addresses are made absolute: a feed reader shows the text away from the site.
        html = str(article.body.render_as_block())
        if self.script is not None:
            # The pages' own pass: text spelt, links kept in the edition, lang="ru" kept.
            html = html_transliterate(html, self.script)
        root = self.request.build_absolute_uri("/").rstrip("/")
        return {"content_html": ABSOLUTE.sub(rf'\1="{root}/', html)}


class AtomArticleFeed(ArticleFeed):
    feed_type = AtomWithContent

    def subtitle(self, scope: Scope) -> str:
        return self.description(scope)
