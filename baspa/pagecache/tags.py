"""What each public page shows, as cache tags; and which tags a change to content touches.

A cached page carries the tags of everything it shows. Publishing, editing, moving or
deleting content purges its tags, and with them every page that showed it — and only those.

    edition:<locale>   every page of a language edition (navigation, site settings)
    recent:<locale>    pages with the latest-news lists: the home page and every article
    article:<id>       the article's own page
    section:<id>       a section's page (and its ancestors' pages, which list its articles)
    author:<slug>, tag:<slug>, region:<locale>:<slug>   those listing pages, and the
                       article pages that name them
"""

from wagtail.models import Page


def page_tags(page: Page, serve_args: tuple) -> set[str] | None:
    """The tags of a page as served to an anonymous reader; None: don't cache it."""
    from baspa.content.models import ArticlePage, HomePage, SectionPage

    specific = page.specific_deferred
    tags = {f"edition:{page.locale_id}"}
    if isinstance(specific, ArticlePage):
        from baspa.pagecache.models import PublishedTags

        # Worked out when the article was published; computed here only if missing. Reader
        # pages bring them along with the article (baspa.content.serving).
        if "published_tags" in specific.__dict__:
            published = specific.published_tags
        else:
            found = PublishedTags.objects.filter(page_id=page.pk).values_list("tags", flat=True)
            published = found.first()
        return tags | set(published or article_tags(specific))
    if isinstance(specific, SectionPage):
        return tags | {f"section:{page.pk}"}
    if isinstance(specific, HomePage):
        view, _args, kwargs = serve_args if len(serve_args) == 3 else (None, (), {})
        name = getattr(view, "__name__", "index_route")
        slug = (kwargs or {}).get("slug", "")
        if name == "index_route":
            return tags | {f"recent:{page.locale_id}"}
        if name == "author_page":
            return tags | {f"author:{slug}"}
        if name == "tag_page":
            return tags | {f"tag:{slug}"}
        if name == "region_page":
            return tags | {f"region:{page.locale_id}:{slug}"}
    return None


def article_tags(article) -> set[str]:
    """Everything an article's page shows, and every listing the article appears in."""
    from baspa.content.models import ArticleAuthorRelationship

    tags = {f"article:{article.pk}", f"recent:{article.locale_id}"}
    tags |= {f"section:{pk}" for pk in ancestor_sections(article)}
    tags |= {
        f"author:{slug}"
        for slug in ArticleAuthorRelationship.objects.filter(article=article).values_list(
            "author__slug", flat=True
        )
    }
    tags |= {f"tag:{tag.slug}" for tag in article.tags.all()}
    if article.region_id:
        tags.add(f"region:{article.locale_id}:{article.region.slug}")
    return tags


def ancestor_sections(page: Page) -> list[int]:
    from baspa.content.models import SectionPage

    return list(SectionPage.objects.ancestor_of(page).values_list("pk", flat=True))
