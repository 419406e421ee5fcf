from django import template

from baspa.core.text import excerpt
from baspa.editions.links import edition_links
from baspa.editions.scripts import LATIN

register = template.Library()


def _latin(context) -> bool:
    request = context.get("request")
    return getattr(request, "script", None) is LATIN


@register.simple_tag(takes_context=True)
def headline(context, article):
    """The headline; in the Latin edition, the editor's own Latin spelling when there is one
    (the page's transliteration leaves Latin text as it is, so it stands)."""
    override = getattr(article, "headline_latin", "")
    return override if override and _latin(context) else article.title


@register.simple_tag(takes_context=True)
def lead(context, article):
    override = getattr(article, "lead_latin", "")
    return override if override and _latin(context) else article.lead


@register.simple_tag(takes_context=True)
def card_excerpt(context, article):
    override = getattr(article, "lead_latin", "")
    return excerpt(override) if override and _latin(context) else article.excerpt


@register.simple_tag(takes_context=True)
def editions(context):
    """Every edition of the page being shown (script switch, language switch, alternates)."""
    request = context.get("request")
    if request is None:
        return None
    return edition_links(request, context.get("page"))
