from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.admin.forms import WagtailAdminPageForm


class ArticleForm(WagtailAdminPageForm):
    """The article editor; every time an editor sets says which clock it is on."""

    TIME_FIELDS = ("go_live_at", "expire_at", "correction_at")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        now = timezone.localtime()
        offset = now.strftime("%z")
        zone = _("Time zone: %(zone)s (UTC%(offset)s).") % {
            "zone": timezone.get_current_timezone_name(),
            "offset": f"{offset[:3]}:{offset[3:]}",
        }
        for name in self.TIME_FIELDS:
            if name in self.fields:
                field = self.fields[name]
                field.help_text = f"{field.help_text} {zone}".strip()
