from django.db.models import Q, QuerySet

from baspa.editions.models import TranslationStatus


def translations_needing_attention(*, limit: int = 50) -> QuerySet[TranslationStatus]:
    """Translations to be made or brought up to date, most recently changed originals first."""
    return (
        TranslationStatus.objects.filter(
            Q(needs_translation=True) | Q(source_changed_at__isnull=False)
        )
        .select_related("page", "page__locale", "source", "source__locale")
        .order_by("-source_changed_at", "-pk")[:limit]
    )
