"""The newsroom's content: sections, articles, authors, regions and tags.

Pages live in one tree per language (Wagtail i18n, locales kk and ru): Home > Section > Article.
Readers' listings come from `selectors.py`, never from ad-hoc queries in views or templates.
"""

import hashlib

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import models, transaction
from django.db.models.functions import Coalesce
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from taggit.models import ItemBase, TagBase
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, TitleFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page, PageViewRestriction, TranslatableMixin
from wagtail.search import index

from baspa.content.blocks import ArticleBodyBlock
from baspa.content.forms import NewsroomPageForm
from baspa.content.slugs import ascii_slug
from baspa.core.text import excerpt

PER_PAGE = 12


class RegionSnippet(TranslatableMixin, models.Model):
    """A city or oblast; readers browse the news of their region."""

    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(_("slug"), max_length=100, allow_unicode=True)

    panels = [FieldPanel("name"), FieldPanel("slug")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("region")
        verbose_name_plural = _("regions")
        ordering = ["name"]
        unique_together = [("translation_key", "locale"), ("slug", "locale")]

    def __str__(self):
        return self.name


class AuthorSnippet(index.Indexed, ClusterableModel):
    """A journalist, with the name exactly as the byline prints it."""

    name = models.CharField(_("name as printed in bylines"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=120, unique=True, allow_unicode=True)
    photo = models.ForeignKey(
        "images.Photo",
        verbose_name=_("photo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    bio = models.TextField(_("short bio"), max_length=600, blank=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("photo"),
        FieldPanel("bio"),
        InlinePanel("links", label=_("Links")),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        verbose_name = _("author")
        verbose_name_plural = _("authors")
        ordering = ["name"]

    def __str__(self):
        return self.name


class AuthorLink(Orderable):
    author = ParentalKey(AuthorSnippet, on_delete=models.CASCADE, related_name="links")
    label = models.CharField(_("label"), max_length=60)
    url = models.URLField(_("address"))

    panels = [FieldPanel("label"), FieldPanel("url")]


class Tag(TagBase):
    """A tag an editor puts on articles; its URL slug is ASCII through the Latin alphabet."""

    class Meta:
        verbose_name = _("tag")
        verbose_name_plural = _("tags")

    def slugify(self, tag, i=None):
        slug = ascii_slug(tag, max_length=90)
        return f"{slug}-{i}" if i is not None else slug


class ArticleTag(ItemBase):
    tag = models.ForeignKey(Tag, on_delete=models.CASCADE, related_name="tagged_articles")
    content_object = ParentalKey(
        "content.ArticlePage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class ArticleAuthorRelationship(Orderable):
    """One author in an article's byline; `sort_order` is the byline order."""

    article = ParentalKey("content.ArticlePage", on_delete=models.CASCADE, related_name="byline")
    author = models.ForeignKey(
        AuthorSnippet,
        verbose_name=_("author"),
        on_delete=models.PROTECT,
        related_name="article_relationships",
    )

    panels = [FieldPanel("author")]


def paginate(request, items, per_page: int = PER_PAGE, *, count_tag: str | None = None):
    """One page of `items` for `?page=N`. A page past the end or not a number is a 404.

    With `count_tag`, the number of items (a COUNT over thousands of rows at archive scale)
    is kept until that cache tag is purged: it changes only when an article is published
    into, or taken out of, the listing.
    """
    paginator = Paginator(items, per_page, allow_empty_first_page=True)
    if count_tag is not None:
        from baspa.pagecache.store import fragment

        query = hashlib.sha256(str(items.query).encode()).hexdigest()[:24]
        key = f"count:{count_tag}:{query}"
        paginator.__dict__["count"] = fragment(key, {count_tag}, items.count)
    try:
        return paginator.page(request.GET.get("page") or 1)
    except (EmptyPage, PageNotAnInteger) as exc:
        raise Http404(str(exc)) from exc


class PrivacyCheckedOnce:
    """Wagtail asks a page for its view restrictions before serving it and the page cache
    asks again: here one query answers both, once per page object."""

    def get_view_restrictions(self):
        if "_view_restrictions" not in self.__dict__:
            end = len(self.path)
            paths = [self.path[:i] for i in range(Page.steplen, end + 1, Page.steplen)]
            # An alias has no restrictions of its own: its original's apply, as in Wagtail's
            # Page.get_view_restrictions().
            pages = Page.objects.filter(path__in=paths).values(page=Coalesce("alias_of_id", "id"))
            self.__dict__["_view_restrictions"] = PageViewRestriction.objects.filter(
                page_id__in=pages
            )
        return self.__dict__["_view_restrictions"]

    def __getstate__(self):
        # Pages are kept in the page cache's fragments: never with a stale answer.
        state = super().__getstate__()
        state.pop("_view_restrictions", None)
        return state


class HomePage(PrivacyCheckedOnce, RoutablePageMixin, Page):
    """The front page of one language edition; also serves author, tag and region pages."""

    template = "pages/home_page.html"
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["content.SectionPage"]
    max_count_per_parent = 2

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        from baspa.content import selectors

        context = super().get_context(request, *args, **kwargs)
        latest = list(selectors.articles_recent(locale=self.locale, limit=13))
        context["lead_story"] = latest[0] if latest else None
        context["latest"] = latest[1:]
        context["sections"] = selectors.sections_with_latest(home=self, limit=4)
        return context

    def _listing(self, request, *, template, title, articles, count_tag, **extra):
        # Page.get_context, not ours: a listing shows none of the front page's blocks.
        context = Page.get_context(self, request)
        articles = paginate(request, articles, count_tag=count_tag)
        context.update(listing_title=title, articles=articles, **extra)
        return TemplateResponse(request, template, context)

    @path("author/<str:slug>/", name="author")
    def author_page(self, request, slug):
        from baspa.content import selectors

        author = get_object_or_404(AuthorSnippet.objects.prefetch_related("links"), slug=slug)
        articles = selectors.articles_for_readers(locale=self.locale, author=author)
        return self._listing(
            request,
            template="pages/author_page.html",
            title=author.name,
            count_tag=f"author:{slug}",
            articles=articles,
            author=author,
        )

    @path("tag/<str:slug>/", name="tag")
    def tag_page(self, request, slug):
        from baspa.content import selectors

        tag = get_object_or_404(Tag, slug=slug)
        articles = selectors.articles_for_readers(locale=self.locale, tag=tag)
        return self._listing(
            request,
            template="pages/tag_page.html",
            title=tag.name,
            articles=articles,
            count_tag=f"tag:{slug}",
            tag=tag,
        )

    @path("region/<str:slug>/", name="region")
    def region_page(self, request, slug):
        from baspa.content import selectors

        region = get_object_or_404(RegionSnippet, slug=slug, locale=self.locale)
        articles = selectors.articles_for_readers(locale=self.locale, region=region)
        return self._listing(
            request,
            template="pages/region_page.html",
            title=region.name,
            count_tag=f"region:{self.locale_id}:{slug}",
            articles=articles,
            region=region,
        )


class SectionPage(PrivacyCheckedOnce, Page):
    """A section of the paper (Саясат, Экономика…); sections nest."""

    description = models.TextField(_("description"), max_length=500, blank=True)

    template = "pages/section_page.html"
    base_form_class = NewsroomPageForm
    parent_page_types = ["content.HomePage", "content.SectionPage"]
    subpage_types = ["content.SectionPage", "content.ArticlePage"]
    content_panels = Page.content_panels + [FieldPanel("description")]

    class Meta:
        verbose_name = _("section")
        verbose_name_plural = _("sections")

    def get_context(self, request, *args, **kwargs):
        from baspa.content import selectors

        context = super().get_context(request, *args, **kwargs)
        context["articles"] = paginate(
            request,
            selectors.articles_for_readers(locale=self.locale, section=self),
            count_tag=f"section:{self.pk}",
        )
        context["subsections"] = selectors.sections_below(section=self)
        return context


class ArticlePage(PrivacyCheckedOnce, Page):
    """A news article. `title` is the headline; the lead is the excerpt everywhere."""

    lead = models.TextField(
        _("lead"), max_length=600, help_text=_("One or two sentences: the excerpt everywhere.")
    )
    excerpt = models.CharField(
        _("excerpt"), max_length=200, blank=True, editable=False, help_text=_("Made from the lead.")
    )
    hero_image = models.ForeignKey(
        "images.Photo",
        verbose_name=_("hero image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = StreamField(ArticleBodyBlock(), verbose_name=_("body"), blank=True)
    region = models.ForeignKey(
        RegionSnippet,
        verbose_name=_("region"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="articles",
    )
    tags = ClusterTaggableManager(through=ArticleTag, blank=True, verbose_name=_("tags"))
    source_name = models.CharField(
        _("source outlet"),
        max_length=120,
        blank=True,
        help_text=_("When the story comes from another outlet: its name as it should be credited."),
    )
    source_url = models.URLField(_("source address"), blank=True)
    correction = models.TextField(
        _("correction or update note"),
        blank=True,
        help_text=_("Shown on the article with its time. Say what changed and why."),
    )
    correction_at = models.DateTimeField(_("correction time"), null=True, blank=True)
    # The Latin-script edition spells everything automatically (baspa.editions); these let an
    # editor spell a headline or lead differently where a name needs it.
    headline_latin = models.CharField(
        _("headline in Latin script"),
        max_length=255,
        blank=True,
        help_text=_(
            "Leave empty: the Latin edition spells the headline automatically. "
            "Fill in only where a name needs another spelling."
        ),
    )
    lead_latin = models.TextField(
        _("lead in Latin script"),
        max_length=600,
        blank=True,
        help_text=_("Leave empty to have the lead spelt automatically."),
    )

    template = "pages/article_page.html"
    base_form_class = NewsroomPageForm
    parent_page_types = ["content.SectionPage"]
    subpage_types = []

    content_panels = [
        TitleFieldPanel("title", heading=_("Headline")),
        FieldPanel("lead"),
        FieldPanel("hero_image"),
        FieldPanel("body"),
        # Unticked by default; the warning after saving says when ticking it would help.
        FieldPanel("repair_mixed_script"),
        InlinePanel("byline", label=_("Byline"), min_num=1, heading=_("Authors, in byline order")),
        MultiFieldPanel([FieldPanel("region"), FieldPanel("tags")], heading=_("Region and tags")),
        MultiFieldPanel(
            [FieldPanel("source_name"), FieldPanel("source_url")], heading=_("Source attribution")
        ),
        MultiFieldPanel(
            [FieldPanel("correction"), FieldPanel("correction_at")],
            heading=_("Correction"),
            classname="collapsed",
        ),
        MultiFieldPanel(
            [FieldPanel("headline_latin"), FieldPanel("lead_latin")],
            heading=_("Latin-script edition"),
            classname="collapsed",
        ),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("lead"),
        index.SearchField("body_searchable"),
    ]

    class Meta:
        verbose_name = _("article")
        verbose_name_plural = _("articles")

    @property
    def headline(self) -> str:
        return self.title

    def body_searchable(self) -> list[str]:
        """The body's text as the search indexes take it: the blocks' own searchable content.
        A bulk import works it out in its preparing process and leaves it in
        `_body_searchable`, so the writing process does not convert the body again."""
        known = getattr(self, "_body_searchable", None)
        if known is not None:
            return known
        return self._meta.get_field("body").get_searchable_content(self.body)

    def full_clean(self, *args, **kwargs):
        # Every save of a draft or revision passes here: the excerpt is made once, at
        # writing time, not on each page view that lists the article.
        self.excerpt = excerpt(self.lead)
        self._body_sanitise()
        super().full_clean(*args, **kwargs)

    def _body_sanitise(self):
        # Rich text saved by code (an import, a script) skips the editor's whitelist; every
        # save passes here, so what is stored is sanitised whoever wrote it.
        from wagtail.rich_text import RichText

        from baspa.security.sanitize import richtext_clean

        for position, block in enumerate(self.body):
            if block.block_type == "paragraph":
                clean = richtext_clean(block.value.source)
                if clean != block.value.source:
                    self.body[position] = ("paragraph", RichText(clean))

    # Wagtail saves the page row in a transaction of its own, then, outside it, writes the log
    # entry and sends page_published, whose receivers write the published tags, the search
    # document and the Telegram outbox. A process killed in between left the new version
    # live with the old version's tags and search row. One transaction around the whole
    # publish (and unpublish) keeps the old or the new version whole; what must follow the
    # commit (purges, sending) still waits for it (baspa/security/tests/test_crash.py).
    def publish(self, revision, *args, **kwargs):
        with transaction.atomic():
            return super().publish(revision, *args, **kwargs)

    def unpublish(self, *args, **kwargs):
        with transaction.atomic():
            return super().unpublish(*args, **kwargs)

    @property
    def is_corrected(self) -> bool:
        return bool(self.correction.strip())

    @cached_property
    def section(self):
        # Reader pages get it without a query (baspa.content.serving); this is for the rest.
        return SectionPage.objects.ancestor_of(self).live().order_by("-depth").first()

    @cached_property
    def authors(self) -> list[AuthorSnippet]:
        # .all() and nothing else: it reads the prefetch of articles_for_readers, or an
        # unsaved byline in a preview. (select_related() on a prefetched modelcluster
        # relation drops the article filter and returns every byline in the database.)
        return [rel.author for rel in self.byline.all()]

    def get_context(self, request, *args, **kwargs):
        from baspa.content.rendering import RECENT_LIMIT, article_main_html, recent_news_cards

        context = super().get_context(request, *args, **kwargs)
        context["article_main"] = article_main_html(self, request)
        context["recent_cards"] = recent_news_cards(
            request=request, locale=self.locale, exclude=self, limit=RECENT_LIMIT
        )
        return context
