from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ImportersConfig(AppConfig):
    name = "baspa.importers"
    label = "importers"
    verbose_name = _("Importers")
    default_auto_field = "django.db.models.BigAutoField"
