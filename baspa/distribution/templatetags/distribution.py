from django import template

from baspa.distribution.meta import page_meta as page_meta_compute

register = template.Library()


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
    return page_meta_compute(
        request=request, page=page, publication=publication, listing=listing or None, home=home
    )
