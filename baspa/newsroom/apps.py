from django.apps import AppConfig, apps
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _groups_after_migrate(app_config, **kwargs):
    # post_migrate fires once per app; the groups need every app's permissions, so wait
    # for the last app with models.
    last = [config for config in apps.get_app_configs() if config.models_module][-1]
    if app_config is last:
        from baspa.content.services import site_setup
        from baspa.newsroom.services import newsroom_groups_ensure

        site_setup()
        newsroom_groups_ensure()


class NewsroomConfig(AppConfig):
    name = "baspa.newsroom"
    verbose_name = _("Newsroom")

    def ready(self):
        # After every migrate (and every test-database flush) both editions' home pages and
        # the three groups exist, so a fresh `baspa migrate && baspa serve` is a news site.
        post_migrate.connect(_groups_after_migrate, dispatch_uid="baspa_newsroom_groups")
