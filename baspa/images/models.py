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


class RenditionBacklog(models.Model):
    """Image sizes still to make. A WordPress import makes those of its newest articles at
    once and leaves the archive's here; the scheduler makes them a batch at a time, in the
    order queued (newest articles first), so no reader of an old article waits for them."""

    photo = models.ForeignKey(Photo, on_delete=models.CASCADE, related_name="+")
    filter_specs = models.CharField(max_length=255)  # space-separated, e.g. "fill-480x270"
    queued_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return f"{self.photo_id}: {self.filter_specs}"
