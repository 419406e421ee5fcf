"""Every string a reader or editor sees is translated, and the compiled catalogs are current."""

import gettext
import re
import subprocess
from pathlib import Path

import polib
import pytest

LOCALE = Path(__file__).resolve().parents[2] / "locale"


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_catalog_is_complete_and_compiled(language, tmp_path):
    po = polib.pofile(str(LOCALE / language / "LC_MESSAGES" / "django.po"))
    missing = [
        entry.msgid
        for entry in po.untranslated_entries() + po.fuzzy_entries()
        # Russian and English take month names in dates from Django's own catalogs.
        if not (language != "kk" and entry.msgctxt == "alt. month")
    ]
    assert missing == []
    for entry in po.translated_entries():
        for text in [entry.msgstr, *entry.msgstr_plural.values()]:
            assert (
                set(re.findall(r"%\(\w+\)[sd]", entry.msgid))
                <= set(re.findall(r"%\(\w+\)[sd]", text))
                or entry.msgid_plural
            ), entry.msgid
    # The committed .mo says what the .po says.
    fresh = tmp_path / "django.mo"
    subprocess.run(["msgfmt", "-o", str(fresh), po.fpath], check=True)
    committed = LOCALE / language / "LC_MESSAGES" / "django.mo"
    with open(fresh, "rb") as a, open(committed, "rb") as b:
        assert gettext.GNUTranslations(a)._catalog == gettext.GNUTranslations(b)._catalog
