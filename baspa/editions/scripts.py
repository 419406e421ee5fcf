"""The script editions of the Kazakh site and the one function that gives an edition's URL.

Kazakh is served in three scripts, each under its own URL prefix (docs/decisions/0005):
Cyrillic at /, the 2021 Latin alphabet at /latyn/, the Arabic script (töte jazu) at /tote/.
Russian lives at /ru/ in Cyrillic only. The script is always in the URL, so each edition of a
page is its own page-cache entry and its own address for search engines.
"""

import re
from dataclasses import dataclass
from urllib.parse import urlsplit, urlunsplit


@dataclass(frozen=True)
class Script:
    code: str  # cyrl, latn, arab
    prefix: str  # the URL segment, "" for Cyrillic
    lang: str  # the HTML lang of Kazakh text in this script
    hreflang: str  # BCP 47, for alternates
    rtl: bool = False

    def home(self) -> str:
        return f"/{self.prefix}/" if self.prefix else "/"


CYRILLIC = Script("cyrl", "", "kk", "kk-Cyrl")
LATIN = Script("latn", "latyn", "kk-Latn", "kk-Latn")
ARABIC = Script("arab", "tote", "kk-Arab", "kk-Arab", rtl=True)
SCRIPTS = {script.code: script for script in (CYRILLIC, LATIN, ARABIC)}
BY_PREFIX = {script.prefix: script for script in (LATIN, ARABIC)}

# Paths that are not Kazakh pages: the Russian edition, the admin, files.
NOT_KAZAKH = ("/ru/", "/admin/", "/documents/", "/media/", "/static/", "/django-admin/")
# The site-wide files at the root (baspa.distribution): one set for every edition, which
# already lists each script's addresses; a /latyn/sitemap.xml would only duplicate it.
SITE_FILES = re.compile(
    r"/(?:robots\.txt|sitemap\.xml|news-sitemap\.xml|sitemap-[\w-]+\.xml)(?:\?.*)?"
)


def script_split(path: str) -> tuple[Script, str]:
    """The script a path is in, and the path as the Cyrillic edition spells it."""
    segment, _, rest = path.lstrip("/").partition("/")
    script = BY_PREFIX.get(segment)
    if script is None or not path.startswith("/"):
        return CYRILLIC, path
    return script, "/" + rest


def is_kazakh_path(path: str) -> bool:
    """A site path (not a URL elsewhere) of the Kazakh edition's pages."""
    if not path.startswith("/") or path.startswith("//"):
        return False
    if path == "/ru" or path.startswith(NOT_KAZAKH) or SITE_FILES.fullmatch(path):
        return False
    return script_split(path)[0] is CYRILLIC


def edition_path(path: str, script: Script | str) -> str:
    """The Cyrillic-edition `path` (or absolute URL) of a Kazakh page as served in `script`."""
    script = SCRIPTS[script] if isinstance(script, str) else script
    if not script.prefix:
        return path
    if "://" in path:
        parts = urlsplit(path)
        return urlunsplit(parts._replace(path=edition_path(parts.path or "/", script)))
    if not is_kazakh_path(path):
        return path
    return f"/{script.prefix}{path}"


def edition_url(page, *, language: str, script: Script | str = CYRILLIC, suffix: str = ""):
    """The URL of `page` (or of its translation) in a language edition and script; None when
    the page has no live translation in that language. `suffix` is a route below the page
    (author/<slug>/ below a home page). Used by the script switch, hreflang alternates and
    anything that lists every edition of a page (feeds, sitemaps)."""
    if page.locale.language_code != language:
        page = page.get_translations().filter(locale__language_code=language).live().first()
        if page is None:
            return None
    url = page.get_url()
    if url is None:
        return None
    url += suffix
    return edition_path(url, script) if language == "kk" else url
