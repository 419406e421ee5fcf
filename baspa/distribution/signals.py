from django.dispatch import receiver
from wagtail.signals import page_published

from baspa.content.models import ArticlePage
from baspa.distribution.services import telegram_post_plan


@receiver(page_published, sender=ArticlePage)
def plan_telegram_post(sender, instance, **kwargs):
    telegram_post_plan(article=instance)
