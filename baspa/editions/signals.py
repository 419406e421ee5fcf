from django.dispatch import receiver
from wagtail.signals import copy_for_translation_done, page_published

from baspa.editions import services


@receiver(copy_for_translation_done)
def on_translation_copy(sender, source_obj, target_obj, **kwargs):
    # Sent by Wagtail for pages and snippets alike; only pages are tracked.
    from wagtail.models import Page

    if isinstance(target_obj, Page) and target_obj.pk:
        services.translation_started(source=source_obj, translation=target_obj)


@receiver(page_published)
def on_publish(sender, instance, **kwargs):
    services.translation_published(page=instance)
    services.original_published(page=instance)
