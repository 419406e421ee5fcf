"""Wagtail's apps, loaded without Wagtail's API v3 when it is not installed.

Images, documents, snippets, locales and redirects register their routers with Wagtail's
API v3 (django-ninja) when they load, whether the API is installed or not. Importing
django-ninja and the API's schemas costs every web worker about 8 MB (docs/benchmarks.md,
Load, row f) for an API Baspa does not serve. So while these apps load, the API's entry
points they call are no-ops. With "wagtail.api.v3" in
INSTALLED_APPS they load exactly as Wagtail's own.
"""

import sys
import types
from contextlib import contextmanager

from django.apps import apps
from wagtail.contrib.redirects.apps import WagtailRedirectsAppConfig
from wagtail.documents.apps import WagtailDocsAppConfig
from wagtail.images.apps import WagtailImagesAppConfig
from wagtail.locales.apps import WagtailLocalesAppConfig
from wagtail.snippets.apps import WagtailSnippetsAppConfig


def _stand_in(name: str, **attributes) -> types.ModuleType:
    module = types.ModuleType(name)
    module.__dict__.update(attributes)
    return module


@contextmanager
def _without_api_v3():
    if apps.is_installed("wagtail.api.v3"):
        yield
        return
    api = types.SimpleNamespace(add_router=lambda *args, **kwargs: None)
    stand_ins = {
        "wagtail.api.v3.api": _stand_in("wagtail.api.v3.api", api=api),
        "wagtail.images.api.v3.registry": _stand_in(
            "wagtail.images.api.v3.registry", register_content_types=lambda: None
        ),
        "wagtail.images.api.v3.router": _stand_in("wagtail.images.api.v3.router", router=None),
        "wagtail.documents.api.v3.registry": _stand_in(
            "wagtail.documents.api.v3.registry", register_content_types=lambda: None
        ),
        "wagtail.documents.api.v3.router": _stand_in(
            "wagtail.documents.api.v3.router", router=None
        ),
        "wagtail.snippets.api.v3": _stand_in(
            "wagtail.snippets.api.v3", register_content_types=lambda: None
        ),
        "wagtail.snippets.api.v3.router": _stand_in("wagtail.snippets.api.v3.router", router=None),
        "wagtail.locales.api.v3": _stand_in("wagtail.locales.api.v3", router=None),
        "wagtail.contrib.redirects.api.v3": _stand_in(
            "wagtail.contrib.redirects.api.v3", router=None
        ),
    }
    taken = {name: sys.modules[name] for name in stand_ins if name in sys.modules}
    sys.modules.update(stand_ins)
    try:
        yield
    finally:
        for name in stand_ins:
            del sys.modules[name]
        sys.modules.update(taken)


class WithoutApiV3:
    def ready(self):
        with _without_api_v3():
            super().ready()


class ImagesConfig(WithoutApiV3, WagtailImagesAppConfig):
    pass


class DocumentsConfig(WithoutApiV3, WagtailDocsAppConfig):
    pass


class SnippetsConfig(WithoutApiV3, WagtailSnippetsAppConfig):
    pass


class LocalesConfig(WithoutApiV3, WagtailLocalesAppConfig):
    pass


class RedirectsConfig(WithoutApiV3, WagtailRedirectsAppConfig):
    pass
