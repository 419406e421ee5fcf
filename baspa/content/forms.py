from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.models import Page

from baspa.content.slugs import ascii_slug


class NewsroomPageForm(WagtailAdminPageForm):
    """Page editor for sections and articles: ASCII slugs and the newsroom clock.

    Wagtail's editor fills the slug in the browser, keeping Cyrillic letters; a slug that is
    empty or not ASCII is replaced here by baspa.kazakh's slug of the headline, so every URL
    goes through the Latin alphabet (docs/decisions/0002-url-scheme.md).
    """

    TIME_FIELDS = ("go_live_at", "expire_at", "correction_at")

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
