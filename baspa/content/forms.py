import re

from django import forms
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.models import Page

from baspa.content.slugs import ascii_slug
from baspa.kazakh import repair_mixed_script

_TAG = re.compile(r"(<[^>]*>)")
REPAIRED_FIELDS = ("title", "lead", "correction", "headline_latin", "lead_latin")


def _repair_markup(text: str) -> str:
    # Text between tags only: tag names, attributes and link addresses stay as written.
    return "".join(
        part if part.startswith("<") else repair_mixed_script(part) for part in _TAG.split(text)
    )


def _repair_stream_data(value):
    if isinstance(value, str):
        return _repair_markup(value)
    if isinstance(value, list):
        return [_repair_stream_data(item) for item in value]
    if isinstance(value, dict):
        return {
            key: item if key in ("type", "id") else _repair_stream_data(item)
            for key, item in value.items()
        }
    return value


class NewsroomPageForm(WagtailAdminPageForm):
    """Page editor for sections and articles: ASCII slugs and the newsroom clock.

    Wagtail's editor fills the slug in the browser, keeping Cyrillic letters; a slug that is
    empty or not ASCII is replaced here by baspa.kazakh's slug of the headline, so every URL
    goes through the Latin alphabet (docs/decisions/0002-url-scheme.md).
    """

    TIME_FIELDS = ("go_live_at", "expire_at", "correction_at")

    # Not stored: when ticked, words that mix Cyrillic and Latin letters are saved in their
    # repaired spelling (baspa.kazakh.repair_mixed_script). Editors are warned, never blocked.
    repair_mixed_script = forms.BooleanField(
        label=gettext_lazy("Repair mixed-script words"),
        required=False,
        help_text=gettext_lazy(
            "Words that mix Cyrillic and Latin letters (a Latin «a» in «Aлматы») are spelt in "
            "one script when you save."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        offset = timezone.localtime().strftime("%z")
        zone = _("Time zone: %(zone)s (UTC%(offset)s).") % {
            "zone": timezone.get_current_timezone_name(),
            "offset": f"{offset[:3]}:{offset[3:]}",
        }
        for name in self.TIME_FIELDS:
            if name in self.fields:
                field = self.fields[name]
                field.help_text = f"{field.help_text} {zone}".strip()

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("repair_mixed_script"):
            for name in REPAIRED_FIELDS:
                if isinstance(cleaned.get(name), str):
                    cleaned[name] = repair_mixed_script(cleaned[name])
            body = cleaned.get("body")
            if body is not None and hasattr(body, "stream_block"):
                block = body.stream_block
                cleaned["body"] = block.to_python(_repair_stream_data(block.get_prep_value(body)))
        return cleaned

    def clean_slug(self):
        slug = self.cleaned_data.get("slug", "")
        title = self.cleaned_data.get("title", "")
        if (slug and slug.isascii()) or not title.strip():
            return slug
        parent = self.parent_page or (self.instance.get_parent() if self.instance.pk else None)
        return ascii_slug(
            title,
            exists=lambda candidate: (
                parent is not None and not Page._slug_is_available(candidate, parent, self.instance)
            ),
        )
