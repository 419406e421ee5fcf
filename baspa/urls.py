from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from django.views.static import serve as serve_static
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from baspa.content import serving
from baspa.distribution import urls as distribution_urls

handler500 = "baspa.core.views.server_error"

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    # Sitemaps and robots.txt: one set for the whole site, at its root.
    path("", include((distribution_urls.root_patterns, "distribution"))),
    path("documents/", include(wagtaildocs_urls)),
]

if settings.STORAGES["default"]["BACKEND"].endswith("FileSystemStorage"):
    # The embedded default serves its own media; production puts S3 or nginx in front.
    urlpatterns += [
        re_path(
            r"^{}(?P<path>.*)$".format(settings.MEDIA_URL.lstrip("/")),
            serve_static,
            {"document_root": settings.MEDIA_ROOT},
        )
    ]

# Kazakh, the default language, lives at /; Russian at /ru/.
urlpatterns += i18n_patterns(
    path("search/", include("baspa.search.urls")),
    path("", include((distribution_urls.feed_patterns, "distribution"), namespace="feeds")),
    # Reader pages: Wagtail's serve view with the lookups it would make done in one go.
    # (Wagtail's own _util/ views, such as the password form of a private page, stay its own.)
    re_path(r"^(?!_util/)((?:[\w\-]+/)*)$", serving.serve, name="baspa_serve"),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)
