from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SecurityConfig(AppConfig):
    name = "baspa.security"
    verbose_name = _("Security")

    def ready(self):
        from baspa.security import crashpoint

        crashpoint.install()  # test-only; does nothing unless its variable is set
