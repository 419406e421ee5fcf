"""Checks of the Kazakh Wagtail catalog. Plain Python: no database, no Django settings.

Run with ``.venv/bin/python -m pytest baspa/wagtail_kk -p no:django -q``.
"""

from __future__ import annotations

import gettext
import importlib.util
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from baspa.wagtail_kk import pofile

LOCALE = Path(__file__).resolve().parent.parent / "locale" / "kk" / "LC_MESSAGES"
DOMAINS = ("django", "djangojs")

# Minimum share of wagtail.admin's source msgids translated in our catalogs.
ADMIN_COVERAGE_MIN = 1.0
# Minimum share of all msgids of the merged catalogs.
MERGED_COVERAGE_MIN = 1.0

# Strings every journalist or editor meets while writing, reviewing, scheduling and
# publishing an article and choosing its images: exact Wagtail 8 msgids.
KEY_STRINGS = {
    "django": [
        "Publish",
        "Save draft",
        "Save Draft",
        "Schedule to publish",
        "Set publishing schedule",
        "Cancel scheduled publish",
        "go live date/time",
        "expiry date/time",
        "Go live date/time must be before expiry date/time",
        "Submit for moderation",
        "Submit to %(workflow_name)s",
        "Approve",
        "Request changes",
        "Reject",
        "Unpublish",
        "Preview",
        "Choose an image",
        "Add an image",
        "Upload",
        "Alt text",
        "Focal point",
        "History",
        "revisions",
        "Compare",
        "Revert",
        "Delete",
        "Edit",
        "Copy",
        "Move",
        "Add child page",
        "View live",
        "Pages",
        "Images",
        "Documents",
        "Snippets",
        "Users",
        "Settings",
        "Dashboard",
        "Reports",
        "Workflows",
        "Log in",
        "Sign in",
        "Log out",
        "Password",
        "Search…",
        "Cancel",
        "Save",
        "Draft",
        "Live",
        "Lock",
        "Unlock",
        "Tags",
        "Collection",
        "Comments",
        "Add comment",
        "Title",
        "Status",
        "Privacy",
        "Choose a page",
        "Choose a document",
        "Owner",
    ],
    "djangojs": [
        "Save",
        "Preview",
        "Add a comment",
        "Insert a block",
        "Pages",
        "Search",
        "Cancel",
        "Delete",
        "Edit",
    ],
}


def catalog(domain: str) -> list[pofile.Entry]:
    return [e for e in pofile.parse(LOCALE / f"{domain}.po") if not e.is_header]


def wagtail_source(app: str, domain: str) -> Path:
    spec = importlib.util.find_spec("wagtail")
    assert spec and spec.origin, "wagtail is not installed"
    root = Path(spec.origin).parent
    return root / app / "locale" / "en" / "LC_MESSAGES" / f"{domain}.po"


@pytest.mark.parametrize("domain", DOMAINS)
def test_header(domain):
    fields = pofile.header_fields(pofile.parse(LOCALE / f"{domain}.po"))
    assert fields["Language"] == "kk"
    assert fields["Plural-Forms"] == "nplurals=2; plural=(n != 1);"
    assert "charset=UTF-8" in fields["Content-Type"]


@pytest.mark.parametrize("domain", DOMAINS)
def test_each_msgid_once(domain):
    keys = [e.key for e in catalog(domain)]
    assert len(keys) == len(set(keys))


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="GNU gettext is not installed")
@pytest.mark.parametrize("domain", DOMAINS)
def test_mo_is_compiled_from_po(domain, tmp_path):
    """The committed .mo holds exactly what msgfmt makes of the committed .po."""
    fresh = tmp_path / f"{domain}.mo"
    subprocess.run(
        ["msgfmt", "--check", "-o", str(fresh), str(LOCALE / f"{domain}.po")],
        check=True,
        capture_output=True,
    )
    with open(LOCALE / f"{domain}.mo", "rb") as fh:
        committed = gettext.GNUTranslations(fh)
    with open(fresh, "rb") as fh:
        expected = gettext.GNUTranslations(fh)
    assert committed._catalog == expected._catalog  # noqa: SLF001
    assert committed.plural(1) == 0 and committed.plural(5) == 1

    # ... and agrees with our own reading of the .po
    translated = {e.msgid for e in catalog(domain) if e.translated}
    in_mo = {k[0] if isinstance(k, tuple) else k for k in committed._catalog}  # noqa: SLF001
    in_mo.discard("")
    assert in_mo == translated


@pytest.mark.parametrize("domain", DOMAINS)
def test_placeholders_preserved(domain):
    problems = []
    for e in catalog(domain):
        if not e.translated:
            continue
        if e.msgid_plural is None:
            pairs = [(e.msgid, e.msgstr)]
        else:
            forms = e.translations()
            # the singular form may spell out "1" instead of the count placeholder
            pairs = [(e.msgid_plural, form) for form in forms[1:]]
            single = set(pofile.placeholders(forms[0]))
            allowed = set(pofile.placeholders(e.msgid)) | set(pofile.placeholders(e.msgid_plural))
            if not single <= allowed:
                problems.append((e.msgid, forms[0]))
        for source, target in pairs:
            if sorted(pofile.placeholders(source)) != sorted(pofile.placeholders(target)):
                problems.append((source, target))
    assert problems == []


@pytest.mark.parametrize("domain", DOMAINS)
def test_whitespace_preserved(domain):
    problems = []
    for e in catalog(domain):
        for target in e.translations() if e.translated else []:
            lead = e.msgid[: len(e.msgid) - len(e.msgid.lstrip())]
            trail = e.msgid[len(e.msgid.rstrip()) :]
            if not (target.startswith(lead) and target.endswith(trail)):
                problems.append((e.msgid, target))
    assert problems == []


@pytest.mark.parametrize("domain", DOMAINS)
def test_no_mixed_script_words(domain):
    """Catch Latin look-alike letters typed inside Kazakh (Cyrillic) words."""
    mixed = re.compile(r"\b(?=\w*[А-Яа-яӘәҒғҚқҢңӨөҰұҮүҺһІіЁё])(?=\w*[A-Za-z])\w+\b")
    problems = []
    for e in catalog(domain):
        for target in e.translations() if e.translated else []:
            text = pofile.PLACEHOLDER_RE.sub(" ", target)
            problems += [(e.msgid, word) for word in mixed.findall(text)]
    assert problems == []


@pytest.mark.parametrize("domain", DOMAINS)
def test_key_editor_strings_translated(domain):
    entries = {e.msgid: e for e in catalog(domain)}
    missing = [s for s in KEY_STRINGS[domain] if s not in entries]
    assert missing == [], "msgids not in Wagtail's catalog"
    untranslated = [s for s in KEY_STRINGS[domain] if not entries[s].translated]
    assert untranslated == []
    same = [s for s in KEY_STRINGS[domain] if entries[s].msgstr.strip() == s]
    assert same == [], "left in English"


def test_enough_key_strings():
    assert sum(len(v) for v in KEY_STRINGS.values()) >= 40


@pytest.mark.parametrize("domain", DOMAINS)
def test_admin_coverage(domain):
    source = [e for e in pofile.parse(wagtail_source("admin", domain)) if not e.is_header]
    ours = {e.msgid: e for e in catalog(domain)}
    done = sum(1 for e in source if e.msgid in ours and ours[e.msgid].translated)
    assert done / len(source) >= ADMIN_COVERAGE_MIN


@pytest.mark.parametrize("domain", DOMAINS)
def test_merged_coverage(domain):
    entries = catalog(domain)
    done = sum(1 for e in entries if e.translated)
    assert done / len(entries) >= MERGED_COVERAGE_MIN
