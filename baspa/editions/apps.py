from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EditionsConfig(AppConfig):
    name = "baspa.editions"
    verbose_name = _("Editions")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from baspa.editions import signals  # noqa: F401
