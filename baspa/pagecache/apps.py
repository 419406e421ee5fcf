from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PageCacheConfig(AppConfig):
    name = "baspa.pagecache"
    verbose_name = _("Page cache")

    def ready(self):
        from baspa.pagecache import signals  # noqa: F401
