from urllib.parse import urlencode

from django.http import HttpResponsePermanentRedirect, HttpResponseRedirect
from wagtail import hooks
from wagtail.contrib.redirects.middleware import get_redirect
from wagtail.contrib.redirects.models import Redirect

# WordPress's plain links: ?p=<post>, ?page_id=<page>, ?cat=<category>, ?tag=<slug>.
WORDPRESS_QUERY_KEYS = ("p", "page_id", "cat", "tag", "attachment_id")


@hooks.register("before_serve_page")
def wordpress_query_redirect(page, request, serve_args, serve_kwargs):
    """`/?p=123` reaches the home page, which answers 200, so Wagtail's RedirectMiddleware
    (it only looks at 404s) never sees it: imported ?p= links are answered here instead.
    Other query parameters (utm_source…) are ignored, as WordPress ignores them."""
    key = next((k for k in WORDPRESS_QUERY_KEYS if k in request.GET), None)
    if key is None:
        return None
    old_path = Redirect.normalise_path(
        f"{request.path}?{urlencode({key: request.GET[key]})}", decode_unicode=False
    )
    redirect = get_redirect(request, old_path)
    if redirect is None or redirect.link is None:
        return None
    if redirect.is_permanent:
        return HttpResponsePermanentRedirect(redirect.link)
    return HttpResponseRedirect(redirect.link)
