from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.models import Page

from baspa.editions.services import translation_dismiss


@require_POST
def dismiss(request, page_id: int):
    """An editor marks a translation as up to date (or as needing no translation)."""
    page = get_object_or_404(Page, pk=page_id)
    if not page.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    translation_dismiss(page=page)
    messages.success(
        request, _("«%(title)s» is no longer marked as out of date.") % {"title": page.title}
    )
    back = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(back, {request.get_host()}):
        back = "wagtailadmin_home"
    return redirect(back)
