"""Sanitising HTML that editors, imports or embed providers supply (nh3, the Rust
ammonia sanitiser).

Wagtail's own whitelist only runs when rich text comes through its editor's form; rich text
saved by code (an import, the API, a script) is stored as given and rendered with
`|richtext` unchanged. `richtext_clean` applies the same whitelist to whatever is saved.
"""

from urllib.parse import urlsplit

import nh3

# Wagtail's database rich-text format for the paragraph features (baspa.content.blocks):
# links may be internal (<a linktype="page" id="…">) and images embeds (<embed …/>).
RICHTEXT_TAGS = {"p", "br", "b", "i", "strong", "em", "a", "ol", "ul", "li", "sup", "sub"}
RICHTEXT_TAGS |= {"h2", "h3", "h4", "embed"}
RICHTEXT_ATTRIBUTES = {
    "a": {"href", "linktype", "id"},
    "embed": {"embedtype", "id", "format", "alt"},
}
URL_SCHEMES = {"http", "https", "mailto", "tel"}

EMBED_TAGS = {"iframe", "blockquote", "p", "a", "br", "div", "span"}
EMBED_ATTRIBUTES = {
    "iframe": {"src", "width", "height", "title", "allow", "allowfullscreen", "frameborder"},
    "a": {"href"},
    "blockquote": {"class", "cite"},
    "div": {"class"},
}


def richtext_clean(html: str) -> str:
    return nh3.clean(
        html,
        tags=RICHTEXT_TAGS,
        attributes=RICHTEXT_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel=None,
        strip_comments=True,
    )


def embed_clean(html: str) -> str:
    """An oEmbed provider's HTML, without its scripts (the public CSP would block them
    anyway): iframes and the post's text and links stay."""
    return nh3.clean(
        html,
        tags=EMBED_TAGS,
        attributes=EMBED_ATTRIBUTES,
        url_schemes={"https"},
        link_rel="noopener noreferrer",
    )


def url_safe(url: str) -> str:
    """`url` if a browser following it stays a browser following a link: http(s), mailto,
    tel or a path on this site; otherwise "" (javascript:, data:, vbscript: …)."""
    url = (url or "").strip()
    if url.startswith("/") and not url.startswith("//"):
        return url
    scheme = urlsplit(url).scheme.lower()
    return url if scheme in URL_SCHEMES else ""
