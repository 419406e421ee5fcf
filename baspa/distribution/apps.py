from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DistributionConfig(AppConfig):
    name = "baspa.distribution"
    verbose_name = _("Distribution")

    def ready(self):
        from baspa.distribution import signals  # noqa: F401
        from baspa.distribution.urls import feed_urls_for_tags
        from baspa.pagecache import front

        front.URL_PROVIDERS.append(feed_urls_for_tags)

        from baspa.content import rendering
        from baspa.distribution.templatetags.distribution import meta_part

        rendering.ARTICLE_PARTS.append(meta_part)
