"""A request that lacks a field its view reads is the sender's mistake: a 400 that says so,
not a 500.

Wagtail reads some fields with `request.POST[...]` and fails with MultiValueDictKeyError
when they are missing: its copy view without `new_parent_page`, the page editor without a
StreamField's `<name>-count` (both found by docs/security.md, point 8). Wagtail's code is
left as it is; the error is answered here, in the editor's admin language (the reader's on
public pages).
"""

from django.http import HttpResponseBadRequest
from django.template import loader
from django.utils import translation
from django.utils.cache import patch_cache_control
from django.utils.datastructures import MultiValueDictKeyError

from baspa.security.headers import is_admin_path


def _missing_field(request, exception) -> str | None:
    """The name of the field the view read from the request's own data and did not find;
    None for anything else, such as a key missing from some other MultiValueDict (a bug,
    which stays a 500)."""
    if not isinstance(exception, MultiValueDictKeyError) or not exception.args:
        return None
    frame = exception.__traceback__
    while frame.tb_next is not None:
        frame = frame.tb_next
    # The innermost frame is MultiValueDict.__getitem__: which dict was asked?
    asked = frame.tb_frame.f_locals.get("self")
    if not any(asked is data for data in (request.GET, request.POST, request.FILES)):
        return None
    return str(exception.args[0])


def _language(request) -> str:
    # The language Wagtail shows the admin in (wagtail.admin.localization); its override
    # has ended by the time the exception gets here.
    user = getattr(request, "user", None)
    if is_admin_path(request.path_info) and user is not None and user.is_authenticated:
        profile = getattr(user, "wagtail_userprofile", None)
        if profile is not None:
            return profile.get_preferred_language()
    return translation.get_language()


class IncompleteFormMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        field = _missing_field(request, exception)
        if field is None:
            return None
        context = {
            "field": field,
            # Set by baspa.core.middleware for requests that send a form.
            "committed": getattr(request, "writes_committed", False),
        }
        with translation.override(_language(request)):
            html = loader.render_to_string("security/incomplete_form.html", context)
        response = HttpResponseBadRequest(html)
        patch_cache_control(response, private=True, no_store=True)
        return response
