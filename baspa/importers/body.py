"""WordPress post HTML → the blocks of an article body (baspa.content.blocks).

Handles what the two WordPress editors write: the classic editor's text with blank lines
for paragraphs (WordPress adds the <p> tags only when it displays a post: wpautop), its
shortcodes ([caption], [embed], [gallery]), and the block editor's HTML between
`<!-- wp:name {attributes} -->` comments. Everything passes nh3 twice: once, broadly,
before the tree is read (scripts, event handlers and unsafe URLs go), and once more,
narrowly, on each paragraph's rich text just before it is stored.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from html import unescape

import nh3
from lxml import etree, html

# Notes for the report: (code, detail). The codes are explained to people in report.py.
Note = tuple[str, str]

BROAD_TAGS = {
    "p", "br", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "blockquote", "figure",
    "figcaption", "img", "a", "b", "strong", "i", "em", "u", "s", "sup", "sub", "table", "thead",
    "tbody", "tfoot", "tr", "th", "td", "caption", "iframe", "div", "span", "cite", "pre",
    "code", "hr", "section", "article", "dl", "dt", "dd", "small", "mark", "abbr",
}  # fmt: skip
BROAD_ATTRIBUTES = {
    "a": {"href"},
    "img": {"src", "alt", "class", "data-attachment"},
    "iframe": {"src"},
    "blockquote": {"class", "cite", "data-instgrm-permalink"},
    "figure": {"class"},
    "div": {"class"},
    "p": {"class"},
}
INLINE_TAGS = {"b", "strong", "i", "em", "a", "br", "sup", "sub"}
LIST_TAGS = INLINE_TAGS | {"ul", "ol", "li"}
URL_SCHEMES = {"http", "https", "mailto"}
BLOCK_TAGS = (
    "h1|h2|h3|h4|h5|h6|ul|ol|table|blockquote|figure|pre|div|hr|iframe|p|dl|section|script|style"
)
# Gutenberg blocks that write no HTML of their own and have no meaning in an archive.
SILENT_BLOCKS = {"more", "nextpage", "separator", "spacer"}

EMBED_PATTERNS = [
    re.compile(p)
    for p in (
        r"^https?://(www\.|m\.)?youtube\.com/(watch\?|shorts/|live/)",
        r"^https?://youtu\.be/[\w-]+",
        r"^https?://(www\.)?(t|telegram)\.me/[\w]+/\d+",
        r"^https?://(www\.|mobile\.)?(twitter|x)\.com/\w+/status(es)?/\d+",
        r"^https?://(www\.)?instagram\.com/(p|reel|tv)/[\w-]+",
        r"^https?://(www\.)?vimeo\.com/\d+",
        r"^https?://(www\.)?facebook\.com/.+/(posts|videos)/",
        r"^https?://(www\.)?tiktok\.com/@[\w.]+/video/\d+",
    )
]
YOUTUBE_IFRAME = re.compile(r"^(?:https?:)?//(?:www\.)?youtube(?:-nocookie)?\.com/embed/([\w-]+)")
TELEGRAM_SCRIPT = re.compile(
    r"<script[^>]*data-telegram-post=[\"']([\w]+/\d+)[\"'][^>]*>\s*</script>", re.IGNORECASE
)
SCRIPT = re.compile(r"<script\b", re.IGNORECASE)
CAPTION = re.compile(r"\[(caption|wp_caption)([^\]]*)\](.*?)\[/\1\]", re.DOTALL | re.IGNORECASE)
EMBED = re.compile(r"\[embed[^\]]*\](.*?)\[/embed\]", re.DOTALL | re.IGNORECASE)
GALLERY = re.compile(r"\[gallery([^\]]*)\]", re.IGNORECASE)
SHORTCODE = re.compile(r"\[(/?)([A-Za-z][\w-]*)((?:\s[^\]\[]*)?)(/?)\]")
KNOWN_SHORTCODES = {"video", "audio", "playlist", "contact-form-7", "wpforms", "ad", "ads"}
GUTENBERG = re.compile(r"^\s*(/?)wp:([a-z][\w/-]*)\s*(\{.*?\})?\s*(/?)\s*$", re.DOTALL)
WP_IMAGE_CLASS = re.compile(r"\bwp-image-(\d+)\b")


@dataclass
class Body:
    blocks: list[dict] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)


# (src, attachment id) → a Photo's pk, or None when the image cannot be found.
ImageResolver = Callable[[str, int | None], int | None]


def is_embed_url(url: str) -> bool:
    return any(pattern.match(url) for pattern in EMBED_PATTERNS)


def plain_text(value: str) -> str:
    """Text without tags or entities, whitespace collapsed: for titles, leads, captions."""
    return " ".join(unescape(nh3.clean(value or "", tags=set())).split())


def _shortcodes(content: str, notes: list[Note]) -> str:
    def caption(match: re.Match[str]) -> str:
        inner = match.group(3)
        images = re.findall(r"<img\b[^>]*>", inner, re.IGNORECASE)
        text = re.sub(r"<a\b[^>]*>\s*<img\b[^>]*>\s*</a>|<img\b[^>]*>", "", inner, flags=re.I)
        caption_attr = re.search(r"caption=[\"']([^\"']*)[\"']", match.group(2))
        text = text.strip() or (caption_attr.group(1) if caption_attr else "")
        return f"\n\n<figure>{''.join(images)}<figcaption>{text}</figcaption></figure>\n\n"

    def gallery(match: re.Match[str]) -> str:
        ids = re.search(r"ids=[\"']([\d,\s]+)[\"']", match.group(1))
        if not ids:
            notes.append(("gallery_without_ids", match.group(0)))
            return ""
        numbers = [n for n in re.split(r"[,\s]+", ids.group(1)) if n]
        return "".join(f'\n\n<figure><img data-attachment="{n}"></figure>\n\n' for n in numbers)

    content = CAPTION.sub(caption, content)
    content = EMBED.sub(lambda m: f"\n\n{m.group(1).strip()}\n\n", content)
    content = GALLERY.sub(gallery, content)
    closed = {m.group(2).lower() for m in SHORTCODE.finditer(content) if m.group(1)}

    def unknown(match: re.Match[str]) -> str:
        closing, name, attrs, self_closing = match.groups()
        lowered = name.lower()
        if not (closing or attrs.strip() or self_closing or lowered in closed) and (
            lowered not in KNOWN_SHORTCODES
        ):
            return match.group(0)  # «[sic]», «[1]»: text in brackets, not a shortcode
        if not closing:
            notes.append(("shortcode_removed", f"[{name}]"))
        return ""

    return SHORTCODE.sub(unknown, content)


def _autop(content: str) -> str:
    """Paragraphs from blank lines, as WordPress's wpautop does for classic-editor posts."""
    chunks = re.split(r"\n\s*\n", content.replace("\r\n", "\n"))
    depth = 0
    out = []
    opening = re.compile(rf"<({BLOCK_TAGS})\b", re.IGNORECASE)
    closing = re.compile(rf"</({BLOCK_TAGS})>", re.IGNORECASE)
    for chunk in chunks:
        stripped = chunk.strip()
        if not stripped:
            continue
        starts_block = re.match(rf"<(/?)({BLOCK_TAGS})\b", stripped, re.IGNORECASE)
        if depth == 0 and not starts_block:
            out.append("<p>" + stripped.replace("\n", "<br>\n") + "</p>")
        else:
            out.append(stripped)
        void = len(re.findall(r"<(hr)\b", stripped, re.IGNORECASE))
        depth += len(opening.findall(stripped)) - len(closing.findall(stripped)) - void
        depth = max(depth, 0)
    return "\n\n".join(out)


def _inner_html(element) -> str:
    parts = [element.text or ""]
    parts += [etree.tostring(child, encoding="unicode", method="html") for child in element]
    return "".join(parts)


def _rich_text(fragment: str, tags: set[str]) -> str:
    """The narrow, final sanitising pass; Wagtail's rich text keeps bold and italic as <b>/<i>."""
    cleaned = nh3.clean(
        fragment,
        tags=tags,
        attributes={"a": {"href"}},
        url_schemes=URL_SCHEMES,
        link_rel=None,
    )
    cleaned = re.sub(r"<(/?)strong>", r"<\1b>", cleaned)
    return re.sub(r"<(/?)em>", r"<\1i>", cleaned).strip()


def _text(element) -> str:
    return " ".join(element.text_content().split())


class _Converter:
    def __init__(self, resolve_image: ImageResolver):
        self.resolve_image = resolve_image
        self.body = Body()
        self.block_name = ""
        self.block_attrs: dict = {}

    def add(self, block_type: str, value) -> None:
        self.body.blocks.append({"type": block_type, "value": value})

    def note(self, code: str, detail: str = "") -> None:
        self.body.notes.append((code, detail))

    def paragraph(self, fragment: str) -> None:
        rich = _rich_text(fragment, INLINE_TAGS)
        if re.sub(r"<br\s*/?>", "", rich).strip():
            self.add("paragraph", f"<p>{rich}</p>")

    def embed_or_paragraph(self, element) -> None:
        text = _text(element)
        if is_embed_url(text) and len(element) <= 1:
            self.add("embed", text)
        else:
            self.paragraph(_inner_html(element))

    def image(self, img, caption: str = "") -> None:
        attachment = img.get("data-attachment")
        match = WP_IMAGE_CLASS.search(img.get("class") or "")
        attachment_id = int(attachment or (match.group(1) if match else 0)) or None
        if attachment_id is None and self.block_name == "image":
            attachment_id = self.block_attrs.get("id")
        src = img.get("src") or ""
        photo = self.resolve_image(src, attachment_id)
        if photo is None:
            self.note("image_missing", src or f"#{attachment_id}")
            return
        self.add("image", {"image": photo, "caption": caption[:255], "credit": ""})

    def table(self, table) -> None:
        rows = []
        header = table.find(".//thead") is not None
        for row in table.iter("tr"):
            cells = [_text(cell) for cell in row if cell.tag in ("td", "th")]
            if cells:
                rows.append(cells)
        if not rows:
            return
        first = next(table.iter("tr"))
        header = header or all(cell.tag == "th" for cell in first if cell.tag in ("td", "th"))
        width = max(len(row) for row in rows)
        caption = table.find("caption")
        self.add(
            "table",
            {
                "data": [row + [""] * (width - len(row)) for row in rows],
                "first_row_is_table_header": header,
                "first_col_is_header": False,
                "table_header_choice": "row" if header else "neither",
                "table_caption": _text(caption) if caption is not None else "",
            },
        )

    def quote(self, element) -> None:
        permalink = element.get("data-instgrm-permalink")
        classes = element.get("class") or ""
        if "twitter-tweet" in classes or "telegram-post" in classes or permalink:
            links = [permalink] if permalink else [a.get("href", "") for a in element.iter("a")]
            for link in reversed(links):
                url = (link or "").split("?")[0]
                if is_embed_url(url):
                    self.add("embed", url)
                    return
        cite = element.find(".//cite")
        attribution = _text(cite) if cite is not None else ""
        if cite is not None:
            cite.drop_tree()
        paragraphs = [_text(p) for p in element.iter("p")] or [_text(element)]
        text = "\n\n".join(p for p in paragraphs if p)
        if text:
            self.add("quote", {"text": text, "attribution": attribution[:255]})

    def figure(self, element) -> None:
        caption_element = element.find(".//figcaption")
        caption = _text(caption_element) if caption_element is not None else ""
        if element.find(".//table") is not None:
            self.table(element.find(".//table"))
        elif element.find(".//blockquote") is not None:
            self.quote(element.find(".//blockquote"))
        elif element.find(".//img") is not None:
            for img in element.iter("img"):
                self.image(img, caption)
        elif element.find(".//iframe") is not None:
            self.iframe(element.find(".//iframe"))
        else:
            url = _text(element).replace(caption, "").strip() if caption else _text(element)
            url = url or str(self.block_attrs.get("url", ""))
            if is_embed_url(url):
                self.add("embed", url)
            elif url:
                self.paragraph(_inner_html(element))

    def iframe(self, element) -> None:
        src = element.get("src") or ""
        match = YOUTUBE_IFRAME.match(src)
        if match:
            self.add("embed", f"https://www.youtube.com/watch?v={match.group(1)}")
        else:
            self.note("iframe_removed", src)

    def comment(self, node) -> None:
        match = GUTENBERG.match(node.text or "")
        if not match:
            return
        closing, name, attrs, self_closing = match.groups()
        name = name.removeprefix("core/")
        if closing:
            self.block_name, self.block_attrs = "", {}
            return
        try:
            parsed = json.loads(attrs) if attrs else {}
        except ValueError:
            parsed = {}
        if self_closing:
            if name not in SILENT_BLOCKS:
                self.note("dynamic_block", f"wp:{name}")
            return
        self.block_name, self.block_attrs = name, parsed if isinstance(parsed, dict) else {}

    def element(self, node) -> None:
        if isinstance(node, etree._Comment):
            self.comment(node)
            return
        tag = node.tag if isinstance(node.tag, str) else ""
        if tag == "p":
            images = list(node.iter("img"))
            for img in images:
                parent = img.getparent()
                if parent is not None and parent.tag == "a" and len(parent) == 1:
                    parent.drop_tree()
                else:
                    img.drop_tree()
            self.embed_or_paragraph(node)
            for img in images:
                self.image(img)
        elif tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            text = _text(node)
            if text:
                self.add("heading", text[:255])
        elif tag in ("ul", "ol"):
            rich = _rich_text(etree.tostring(node, encoding="unicode", method="html"), LIST_TAGS)
            if _text(node):
                self.add("paragraph", rich)
        elif tag == "blockquote":
            self.quote(node)
        elif tag == "figure":
            self.figure(node)
        elif tag == "table":
            self.table(node)
        elif tag == "img":
            self.image(node)
        elif tag == "iframe":
            self.iframe(node)
        elif tag == "a" and node.find(".//img") is not None:
            for img in node.iter("img"):
                self.image(img)
        elif tag in ("pre", "dl"):
            self.paragraph(_text(node))
        elif tag == "hr":
            pass
        elif tag in ("div", "section", "article", "span"):
            self.children(node)
        elif tag:
            self.embed_or_paragraph(node)
        self.tail(node)

    def tail(self, node) -> None:
        if node.tail and node.tail.strip():
            text = node.tail.strip()
            if is_embed_url(text):
                self.add("embed", text)
            else:
                self.paragraph(text)

    def children(self, parent) -> None:
        if parent.text and parent.text.strip():
            self.paragraph(parent.text.strip())
        for child in list(parent):
            self.element(child)


def body_convert(content: str, *, resolve_image: ImageResolver) -> Body:
    """The blocks of one post's content, with notes on what was removed or not found."""
    converter = _Converter(resolve_image)
    notes = converter.body.notes
    if not content.strip():
        return converter.body
    # A Telegram widget is a script carrying the post's address: keep the address.
    content = TELEGRAM_SCRIPT.sub(lambda m: f"\n\n<p>https://t.me/{m.group(1)}</p>\n\n", content)
    scripts = len(SCRIPT.findall(content))
    if scripts:
        notes.append(("script_removed", str(scripts)))
    content = _shortcodes(content, notes)
    if "<!-- wp:" not in content:
        content = _autop(content)
    content = nh3.clean(
        content,
        tags=BROAD_TAGS,
        attributes=BROAD_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        strip_comments=False,
        link_rel=None,
    )
    root = html.fragment_fromstring(content, create_parent="div")
    converter.children(root)
    return converter.body
