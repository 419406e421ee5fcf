"""The links that join one page's editions: the script switch, the language switch,
hreflang alternates and the canonical address."""

from dataclasses import dataclass, field

from django.utils.translation import get_language

from baspa.editions.scripts import ARABIC, CYRILLIC, LATIN, SCRIPTS, edition_path, edition_url

# Each script's name in itself: a reader finds their script even in one they cannot read.
SCRIPT_NAMES = {"cyrl": "Кирил", "latn": "Latyn", "arab": "توتە"}
LANGUAGE_NAMES = {"kk": "Қазақша", "ru": "Русский"}


@dataclass
class EditionLink:
    code: str  # what the switch remembers in the cookie: kk, latn, arab, ru
    url: str
    label: str
    hreflang: str
    current: bool = False


@dataclass
class EditionLinks:
    scripts: list[EditionLink] = field(default_factory=list)
    languages: list[EditionLink] = field(default_factory=list)
    alternates: list[tuple[str, str]] = field(default_factory=list)
    translation: EditionLink | None = None


def _routable_suffix(page, path: str, language: str) -> str | None:
    """The route below a home page (author/<slug>/, …) as the `language` edition spells it;
    None when that edition has no such page."""
    base = page.get_url() or ""
    if not path.startswith(base) or path == base:
        return ""
    suffix = path[len(base) :]
    if suffix.startswith(("author/", "tag/")):
        return suffix  # authors and tags are shared by both editions
    kind, _, slug = suffix.partition("/")
    if kind == "region":
        from baspa.content.models import RegionSnippet

        # A region is translated: its slug in the other edition is its translation's.
        region = RegionSnippet.objects.filter(slug=slug.strip("/"), locale=page.locale).first()
        other = region and region.get_translations().filter(locale__language_code=language)
        translated = other.first() if other else None
        return f"region/{translated.slug}/" if translated else None
    return None


def edition_links(request, page=None) -> EditionLinks:
    """Every edition of `page` as served for `request` (worked out once per request)."""
    memo = request.__dict__.setdefault("_baspa_edition_links", {})
    key = (getattr(page, "pk", None), request.path_info, get_language())
    if key not in memo:
        memo[key] = _edition_links(request, page)
    return memo[key]


def _translations(page, path: str, language: str) -> dict[str, str]:
    """The page's address in each other language edition that has it."""
    translations: dict[str, str] = {}
    for other in ("kk", "ru"):
        if other == language:
            continue
        suffix = _routable_suffix(page, path, other)
        url = edition_url(page, language=other, suffix=suffix) if suffix is not None else None
        if url:
            translations[other] = url
    return translations


def _edition_links(request, page=None) -> EditionLinks:
    language = (get_language() or "kk").split("-")[0]
    script = getattr(request, "script", CYRILLIC)
    path = request.path_info
    query = request.META.get("QUERY_STRING", "")
    tail = f"?{query}" if query else ""
    links = EditionLinks()
    translations: dict[str, str] = {}
    if page is not None:
        from baspa.content.models import ArticlePage

        if isinstance(page, ArticlePage):
            from baspa.content.rendering import article_shared

            # Kept with the article's own HTML: publishing or unpublishing a translation
            # purges the original's tags too (baspa.pagecache.signals).
            translations = article_shared(
                page, request, "translations", lambda: _translations(page, path, language)
            )
        else:
            translations = _translations(page, path, language)
    if language == "kk":
        for code, each in SCRIPTS.items():
            links.scripts.append(
                EditionLink(
                    code if code != "cyrl" else "kk",
                    edition_path(path, each) + tail,
                    SCRIPT_NAMES[code],
                    each.hreflang,
                    current=each is script,
                )
            )
        kk_path, ru_path = path, translations.get("ru")
    else:
        kk_path, ru_path = translations.get("kk"), path
    home = {"kk": "/", "ru": "/ru/"}
    for code in ("kk", "ru"):
        url = kk_path if code == "kk" else ru_path
        target = edition_path(url, script) if (code == "kk" and url) else url
        links.languages.append(
            EditionLink(code, target or home[code], LANGUAGE_NAMES[code], code, code == language)
        )
        if url and code != language:
            links.translation = links.languages[-1]
    if page is not None:
        links.alternates = hreflang_alternates(kk_path, ru_path)
    return links


def hreflang_alternates(kk_path: str | None, ru_path: str | None) -> list[tuple[str, str]]:
    """Every edition of one page as (hreflang, address): the Kazakh page (its Cyrillic-edition
    address) in each script, the Russian one, and x-default, the Cyrillic page. The same set
    for every edition of the page, so it is reciprocal; the page heads and the sitemaps both
    use it, so they agree."""
    alternates: list[tuple[str, str]] = []
    if kk_path:
        alternates += [(s.hreflang, edition_path(kk_path, s)) for s in SCRIPTS.values()]
    if ru_path:
        alternates.append(("ru", ru_path))
    if kk_path:
        alternates.append(("x-default", kk_path))
    return alternates


__all__ = ["ARABIC", "LATIN", "EditionLinks", "edition_links", "hreflang_alternates"]
