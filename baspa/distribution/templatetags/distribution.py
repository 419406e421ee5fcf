import hashlib

from django import template

from baspa.content.models import ArticlePage
from baspa.content.rendering import article_shared
from baspa.distribution.meta import canonical_url
from baspa.distribution.meta import page_meta as page_meta_compute

register = template.Library()


def meta_part(request) -> str:
    """The name of an article's head metadata among its shared parts: one per address (the
    canonical link and og:url are the address as requested)."""
    return "meta:" + hashlib.sha256(canonical_url(request).encode()).hexdigest()[:24]


@register.simple_tag(takes_context=True)
def page_meta(context):
    """The head metadata of the page being rendered (baspa.distribution.meta)."""
    request = context.get("request")
    page = context.get("page")
    if request is None or page is None or not hasattr(page, "locale_id"):
        return None
    settings = context.get("settings")
    try:
        publication = settings.core.NewsroomSettings.publication_name
    except AttributeError:
        publication = "Baspa"
    listing = {name: context[name] for name in ("author", "tag", "region") if context.get(name)}
    edition = context.get("edition")
    home = edition["home"] if edition else None
    # Only a home page's routes list an author, tag or region; an article names them itself.

    def compute():
        return page_meta_compute(
            request=request, page=page, publication=publication, listing=listing or None, home=home
        )

    if isinstance(page, ArticlePage):
        # The same for every reader of the same address: kept with the article's own HTML
        # (baspa.content.rendering), so a page view does not query its byline, sections and
        # tags again.
        return article_shared(page, request, meta_part(request), compute)
    return compute()
