"""Writing functions for translation status: what editors are told about translations."""

from django.db import transaction
from django.utils import timezone
from wagtail.models import Page

from baspa.editions.models import TranslationStatus


@transaction.atomic
def translation_started(*, source: Page, translation: Page) -> TranslationStatus:
    """A copy of `source` was made in another locale to be translated."""
    status, _created = TranslationStatus.objects.update_or_create(
        page=translation,
        defaults={"source": source, "needs_translation": True, "source_changed_at": None},
    )
    return status


@transaction.atomic
def translation_published(*, page: Page) -> None:
    """Publishing a translation brings it up to date with its original."""
    TranslationStatus.objects.filter(page=page).update(
        needs_translation=False, source_changed_at=None
    )


@transaction.atomic
def original_published(*, page: Page) -> int:
    """`page` was published: its live translations made from it may now be out of date.

    Returns how many were flagged. A page that is itself a translation (it has a status of
    its own, or, for pages linked before statuses were kept, it was created after the other)
    is not an original: publishing it flags nothing.
    """
    if TranslationStatus.objects.filter(page=page).exists():
        return 0
    translations = Page.objects.filter(
        translation_key=page.translation_key, live=True, pk__gt=page.pk
    ) | Page.objects.filter(translation_status__source=page, live=True)
    now = timezone.now()
    flagged = 0
    for translation in translations.distinct():
        status, created = TranslationStatus.objects.get_or_create(
            page=translation, defaults={"source": page, "source_changed_at": now}
        )
        if not created and not status.needs_translation:
            status.source_changed_at = now
            status.save(update_fields=["source_changed_at"])
        flagged += 1
    return flagged


@transaction.atomic
def translation_dismiss(*, page: Page) -> None:
    """An editor says the translation is fine as it is."""
    TranslationStatus.objects.filter(page=page).update(
        needs_translation=False, source_changed_at=None
    )
