from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting


@register_setting(icon="site")
class NewsroomSettings(BaseSiteSetting):
    """What the newsroom says about itself on every page."""

    publication_name = models.CharField(_("publication name"), max_length=80, default="Baspa")

    class Meta:
        verbose_name = _("newsroom settings")
