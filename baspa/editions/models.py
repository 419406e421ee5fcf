from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page


class TranslationStatus(models.Model):
    """Where a translated page stands against its original (Wagtail i18n links the two by
    `translation_key`; this records what editors must still do).

    `needs_translation`: the page is a copy made to be translated, not yet translated.
    `source_changed_at`: the original was published again after the translation was last
    published; the translation may be out of date until someone updates or dismisses it.
    """

    page = models.OneToOneField(
        Page,
        verbose_name=_("translation"),
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="translation_status",
    )
    source = models.ForeignKey(
        Page,
        verbose_name=_("original"),
        on_delete=models.CASCADE,
        related_name="translation_statuses",
    )
    needs_translation = models.BooleanField(_("needs translation"), default=False)
    source_changed_at = models.DateTimeField(_("original changed"), null=True, blank=True)

    class Meta:
        verbose_name = _("translation status")
        verbose_name_plural = _("translation statuses")

    def __str__(self):
        return f"{self.page_id} ← {self.source_id}"

    @property
    def is_out_of_date(self) -> bool:
        return self.source_changed_at is not None
