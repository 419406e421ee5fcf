from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.images.models import AbstractImage, AbstractRendition, Image


class Photo(AbstractImage):
    """A newsroom image: every published photo carries its credit and a default caption."""

    caption = models.CharField(_("caption"), max_length=400, blank=True)
    credit = models.CharField(_("credit"), max_length=200, blank=True)
    # Alt text is Wagtail's own `description` field.
    admin_form_fields = Image.admin_form_fields + ("caption", "credit")

    class Meta(AbstractImage.Meta):
        verbose_name = _("photo")
        verbose_name_plural = _("photos")
        # Wagtail's choosers look for this codename whatever the image model is called.
        permissions = [("choose_image", "Can choose image")]


class PhotoRendition(AbstractRendition):
    image = models.ForeignKey(Photo, on_delete=models.CASCADE, related_name="renditions")

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)
