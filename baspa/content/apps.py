from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContentConfig(AppConfig):
    name = "baspa.content"
    verbose_name = _("Content")

    def ready(self):
        from baspa.content import signals  # noqa: F401
