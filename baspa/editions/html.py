"""A finished Kazakh page, spelt in another script: its text nodes and reader-facing
attributes are transliterated, its links kept inside the edition.

Working on the rendered HTML covers everything a page shows — headlines, leads, body,
captions, navigation, dates, relative times, catalog strings — with one code path, and costs
no editor any work. What is never touched: tags, URLs, attributes other than the ones a
reader sees or hears (alt, title, aria-label, placeholder, a meta description), the contents of
script, style and code, and any element whose `lang` is not plain "kk" (lang="ru" marks
Russian text; lang="kk-Latn" marks text already spelt for an edition, such as an editor's
Latin headline or the names in the script switch) or that carries translate="no".

Baspa's templates write attributes in double quotes (Django escapes a quote inside as
&quot;), which is what the attribute pattern below relies on.
"""

import re
from functools import lru_cache

from baspa.editions.scripts import ARABIC, CYRILLIC, LATIN, Script, edition_path, is_kazakh_path
from baspa.kazakh import to_arabic, to_cyrillic, to_latin

_TOKEN = re.compile(
    r"<!--.*?-->|<!\[CDATA\[.*?\]\]>|<![^>]*>"
    r"|<(/?)([a-zA-Z][a-zA-Z0-9-]*)((?:[^>\"']|\"[^\"]*\"|'[^']*')*)>",
    re.S,
)
_ATTR = re.compile(
    r"(\s)(href|action|src|data-autocomplete|alt|title|aria-label|placeholder|content|lang"
    r"|hreflang|translate|name)=\"([^\"]*)\""
)
_VOID = frozenset(
    "area base br col embed hr img input link meta source track wbr param keygen".split()
)
_RAW = frozenset({"script", "style", "code", "pre", "textarea", "svg", "math"})
_SPOKEN = frozenset({"alt", "title", "aria-label", "placeholder"})
_LINKS = frozenset({"href", "action", "data-autocomplete"})
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_MARKS = re.compile("[äÄğĞıİñÑöÖūŪüÜşŞçÇ]")


@lru_cache(maxsize=65536)
def _latin(text: str) -> str:
    return to_latin(text)


@lru_cache(maxsize=65536)
def _arabic(text: str) -> str:
    return to_arabic(to_cyrillic(text, marked_only=True))


@lru_cache(maxsize=16384)
def _cyrillic(text: str) -> str:
    return to_cyrillic(text, marked_only=True)


def text_convert(text: str, script: Script) -> str:
    """One piece of Kazakh text in `script`; Kazakh Latin stays Latin only in the Latin
    edition («Mümkındıkter Alañy» is Cyrillic in the others)."""
    if script is LATIN:
        return _latin(text) if _CYRILLIC.search(text) else text
    if script is ARABIC:
        return _arabic(text) if _CYRILLIC.search(text) or _MARKS.search(text) else text
    return _cyrillic(text) if _MARKS.search(text) else text


def _attrs(tag: str) -> dict[str, str]:
    return {m.group(2): m.group(3) for m in _ATTR.finditer(tag)}


def _tag_rewrite(body: str, attrs: dict[str, str], script: Script, skipped: bool) -> str:
    """The attributes of one start tag, rewritten for the edition."""
    links = script.prefix and "hreflang" not in attrs
    describes = attrs.get("name") == "description"

    def attr(match: re.Match[str]) -> str:
        space, name, value = match.groups()
        if name in _LINKS and links and is_kazakh_path(value):
            value = edition_path(value, script)
        elif name == "lang" and value == "kk" and script is not CYRILLIC:
            value = script.lang
        elif not skipped and (name in _SPOKEN or (name == "content" and describes)):
            value = text_convert(value, script)
        return f'{space}{name}="{value}"'

    return _ATTR.sub(attr, body)


def _skips(name: str, attrs: dict[str, str]) -> bool:
    if name in _RAW or attrs.get("translate") == "no":
        return True
    lang = attrs.get("lang")
    return lang is not None and lang != "kk"


def html_transliterate(html: str, script: Script) -> str:
    """`html`, a Kazakh page, as the `script` edition serves it."""
    if script is CYRILLIC and not _MARKS.search(html):
        return html  # the usual case: nothing written in Kazakh Latin, nothing to do
    out: list[str] = []
    stack: list[tuple[str, bool]] = []  # open elements and whether their text is skipped
    skipped = False
    pos = 0
    for match in _TOKEN.finditer(html):
        if match.start() > pos:
            text = html[pos : match.start()]
            out.append(text if skipped or not text.strip() else text_convert(text, script))
        pos = match.end()
        closing, name, body = match.groups()
        if name is None:  # comment, doctype
            out.append(match.group())
            continue
        name = name.lower()
        if closing:
            for depth in range(len(stack) - 1, -1, -1):
                if stack[depth][0] == name:
                    del stack[depth:]
                    break
            skipped = stack[-1][1] if stack else False
            out.append(match.group())
            continue
        attrs = _attrs(body) if "=" in body else {}
        own_skip = skipped or _skips(name, attrs)
        out.append(f"<{match.group(2)}{_tag_rewrite(body, attrs, script, own_skip)}>")
        if name not in _VOID and not body.rstrip().endswith("/"):
            stack.append((name, own_skip))
            skipped = own_skip
    if pos < len(html):
        text = html[pos:]
        out.append(text if skipped else text_convert(text, script))
    return "".join(out)


# Values of the search API (baspa.search.views) that are not reader text: kept as they are.
_JSON_KEPT = frozenset({"query", "published_at"})
# Values the edition itself writes, in its own language, even for a hit in another language.
_JSON_EDITION = frozenset({"published"})


def data_transliterate(value, script: Script, key: str = ""):
    """A JSON answer (search results, autocomplete) as the `script` edition gives it:
    addresses kept in the edition, `*_html` values through the HTML pass, other text spelt.
    A `language` value works as the HTML lang attribute does: "kk" becomes the edition's
    tag (kk-Latn, kk-Arab), and an object in another language (a Russian hit) is kept."""
    if isinstance(value, dict):
        if value.get("language", "kk") != "kk":
            # Its own text stays; what the edition wrote for it (the date) is spelt.
            return {
                k: data_transliterate(v, script, k) if k in _JSON_EDITION else v
                for k, v in value.items()
            }
        return {k: data_transliterate(v, script, k) for k, v in value.items()}
    if isinstance(value, list):
        return [data_transliterate(item, script, key) for item in value]
    if not isinstance(value, str) or key in _JSON_KEPT:
        return value
    if key == "language":
        return script.lang
    if key == "url":
        return edition_path(value, script) if script.prefix else value
    if key.endswith("_html"):
        return html_transliterate(value, script)
    return text_convert(value, script)
