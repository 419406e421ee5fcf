"""The photo upload form: Wagtail's checks (format by content, size, pixels), plus a full
decode and a search for markup, so a truncated file or an HTML/SVG polyglot never becomes a
newsroom photo."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from PIL import Image as PILImage
from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm

# Markup a browser or a PHP interpreter would act on if the file were ever served or opened
# as something else. Eight-plus ASCII bytes in a row: compressed image data practically never
# contains them by chance.
MARKUP = re.compile(rb"<\s*(script|html|svg|iframe|object|embed|body|\?php)[\s>/]|<!doctype", re.I)


def image_file_check(file) -> None:
    """Raise ValidationError unless `file` decodes completely and carries no markup."""
    file.seek(0)
    data = file.read()
    file.seek(0)
    if MARKUP.search(data):
        raise ValidationError(
            _("This file hides web page code inside the image. Upload a plain photo instead."),
            code="image_with_markup",
        )
    try:
        with PILImage.open(file) as image:
            # A JPEG decodes at 1/8 scale: every byte is still read, at a fraction of the
            # memory and time of a full decode.
            image.draft("RGB", (max(1, image.width // 8), max(1, image.height // 8)))
            image.load()
    except Exception as exc:  # noqa: BLE001 - Pillow raises many kinds for broken data
        raise ValidationError(DAMAGED, code="image_damaged") from exc
    finally:
        file.seek(0)


DAMAGED = _("This image file is damaged or incomplete. Save or export it again and retry.")


class PhotoImageField(WagtailImageField):
    def to_python(self, data):
        try:
            file = super().to_python(data)
        except ValidationError:
            raise
        except Exception as exc:  # noqa: BLE001
            # Wagtail's size check opens the image through Willow, which decodes a JPEG to
            # apply its EXIF orientation: a truncated JPEG raised OSError there (a 500).
            raise ValidationError(DAMAGED, code="image_damaged") from exc
        if file is not None:
            image_file_check(file)
        return file


class PhotoForm(BaseImageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Wagtail builds the `file` field itself (wagtail.images.forms.formfield_for_dbfield);
        # ours adds checks to it without changing anything else about it.
        if type(self.fields.get("file")) is WagtailImageField:
            self.fields["file"].__class__ = PhotoImageField
