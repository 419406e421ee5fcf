from django.apps import AppConfig


class WagtailKkConfig(AppConfig):
    name = "baspa.wagtail_kk"
    label = "baspa_wagtail_kk"
    verbose_name = "Wagtail Kazakh translation"
