"""Regenerate, compile and measure Baspa's Kazakh (kk) catalog of Wagtail's strings.

Usage (from the repository root, with the project's virtualenv)::

    .venv/bin/python baspa/wagtail_kk/build.py update   # after upgrading Wagtail
    .venv/bin/python baspa/wagtail_kk/build.py compile  # after editing the .po files
    .venv/bin/python baspa/wagtail_kk/build.py stats    # coverage table for README.md

``update`` merges the English source catalogs shipped inside the installed ``wagtail``
package (``**/locale/en/LC_MESSAGES/django.po`` and ``djangojs.po``) into one template
with ``msgcat --use-first``, then ``msgmerge``-s our ``kk`` catalogs against it: existing
translations are kept, new msgids arrive empty (or ``#, fuzzy`` when gettext found a
similar old string - review and remove the flag), vanished msgids are dropped. It then
compiles the ``.mo`` files with ``msgfmt --check`` and prints the untranslated counts.
Needs GNU gettext (msgcat, msgmerge, msgattrib, msgfmt) on PATH.
"""

from __future__ import annotations

import argparse
import datetime
import re
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
LOCALE_DIR = HERE / "locale" / "kk" / "LC_MESSAGES"
DOMAINS = ("django", "djangojs")

# Source apps, most important first: with --use-first the first occurrence of a msgid
# (and its references) wins when several apps share it.
APP_ORDER = [
    "admin",
    "images",
    "",  # wagtail core: wagtail/locale
    "snippets",
    "documents",
    "users",
    "locales",
    "contrib/simple_translation",
    "contrib/settings",
    "contrib/redirects",
    "embeds",
    "search",
    "sites",
    "contrib/forms",
    "contrib/search_promotions",
    "contrib/table_block",
    "contrib/typed_table_block",
    "contrib/styleguide",
]

HEADER = {
    "Project-Id-Version": "Baspa Wagtail Kazakh translation",
    "PO-Revision-Date": "{revision_date}",
    "Last-Translator": "Baspa translators",
    "Language-Team": "Baspa",
    "Language": "kk",
    "MIME-Version": "1.0",
    "Content-Type": "text/plain; charset=UTF-8",
    "Content-Transfer-Encoding": "8bit",
    "Plural-Forms": "nplurals=2; plural=(n != 1);",
}


TITLE = "# Kazakh (kk) translation of Wagtail's admin, maintained by Baspa.\n"


def wagtail_dir() -> Path:
    import wagtail

    return Path(wagtail.__file__).resolve().parent


def app_label(rel: str) -> str:
    return "wagtail" if rel == "" else "wagtail." + rel.replace("/", ".")


def source_catalogs(domain: str) -> list[tuple[str, Path]]:
    """(app label, path) of every English source catalog of ``domain``, in APP_ORDER."""
    root = wagtail_dir()
    found = {}
    for path in root.glob(f"**/locale/en/LC_MESSAGES/{domain}.po"):
        rel = path.relative_to(root).parent.parent.parent.parent.as_posix()
        found["" if rel == "." else rel] = path
    order = [rel for rel in APP_ORDER if rel in found]
    order += sorted(rel for rel in found if rel not in APP_ORDER)
    return [(app_label(rel), found[rel]) for rel in order]


def run(*args: str | Path, capture: bool = False) -> subprocess.CompletedProcess:
    return subprocess.run([str(a) for a in args], check=True, text=True, capture_output=capture)


def set_header(po: Path) -> None:
    """Rewrite the header entry of ``po`` with our fixed header fields."""
    text = po.read_text(encoding="utf-8")
    match = re.search(r'(?m)^msgid ""\nmsgstr ".*"\n(?:".*"\n)*', text)
    now = datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M+0000")
    fields = {k: v.format(revision_date=now) for k, v in HEADER.items()}
    header = 'msgid ""\nmsgstr ""\n' + "".join(f'"{k}: {v}\\n"\n' for k, v in fields.items())
    if match:
        # replaces the template boilerplate comments and "#, fuzzy" above the header
        text = TITLE + header + text[match.end() :]
    else:
        text = TITLE + header + "\n" + text
    po.write_text(text, encoding="utf-8")


def build_template(domain: str, out: Path) -> None:
    sources = [path for _, path in source_catalogs(domain)]
    run("msgcat", "--use-first", "-o", out, *sources)


def update(domain: str) -> None:
    po = LOCALE_DIR / f"{domain}.po"
    with tempfile.TemporaryDirectory() as tmp:
        template = Path(tmp) / f"{domain}.pot"
        build_template(domain, template)
        if po.exists():
            merged = Path(tmp) / f"{domain}.merged.po"
            run("msgmerge", "--quiet", "--previous", "-o", merged, po, template)
            run("msgattrib", "--no-obsolete", "-o", po, merged)
        else:
            LOCALE_DIR.mkdir(parents=True, exist_ok=True)
            run("msgcat", "-o", po, template)
    set_header(po)
    run("msgcat", "-o", po, po)  # canonical wrapping


def compile_catalog(domain: str) -> str:
    po = LOCALE_DIR / f"{domain}.po"
    mo = LOCALE_DIR / f"{domain}.mo"
    result = run("msgfmt", "--check", "--statistics", "-o", mo, po, capture=True)
    return result.stderr.strip()


def parse_statistics(text: str) -> tuple[int, int]:
    """(translated, total) from ``msgfmt --statistics`` output."""
    numbers = {
        kind: int(n)
        for n, kind in re.findall(r"(\d+) (translated|fuzzy|untranslated) messages?", text)
    }
    translated = numbers.get("translated", 0)
    return translated, translated + numbers.get("fuzzy", 0) + numbers.get("untranslated", 0)


def app_statistics(domain: str) -> list[tuple[str, int, int]]:
    """Per source app: (app label, translated, total), measured with msgfmt --statistics."""
    po = LOCALE_DIR / f"{domain}.po"
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for label, source in source_catalogs(domain):
            merged = Path(tmp) / "app.po"
            run("msgmerge", "--quiet", "--no-fuzzy-matching", "-o", merged, po, source)
            run("msgattrib", "--no-obsolete", "-o", merged, merged)
            out = run("msgfmt", "--statistics", "-o", "/dev/null", merged, capture=True).stderr
            rows.append((label, *parse_statistics(out)))
    return rows


def stats() -> str:
    lines = ["| Source catalog | Translated | Total | Coverage |", "|---|---:|---:|---:|"]
    for domain in DOMAINS:
        for label, done, total in app_statistics(domain):
            pct = 100.0 * done / total if total else 100.0
            lines.append(f"| {label} `{domain}.po` | {done} | {total} | {pct:.1f}% |")
        done, total = parse_statistics(compile_catalog(domain))
        pct = 100.0 * done / total if total else 100.0
        lines.append(f"| **merged `{domain}.po`** | **{done}** | **{total}** | **{pct:.1f}%** |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("command", choices=["update", "compile", "stats"])
    args = parser.parse_args(argv)
    if args.command == "update":
        for domain in DOMAINS:
            update(domain)
    if args.command in ("update", "compile"):
        for domain in DOMAINS:
            print(f"{domain}: {compile_catalog(domain)}")
    if args.command == "stats":
        print(stats())
    return 0


if __name__ == "__main__":
    sys.exit(main())
