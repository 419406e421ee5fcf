"""The editor's «post to Telegram again»: a confirmation page, then the post."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail.models import Page

from baspa.content.models import ArticlePage
from baspa.distribution.services import telegram_post_again


def telegram_repost(request, page_id: int):
    page = get_object_or_404(Page, pk=page_id).specific
    if (
        not isinstance(page, ArticlePage)
        or not page.permissions_for_user(request.user).can_publish()
    ):
        raise PermissionDenied
    edit_url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    if not page.live:
        messages.error(request, _("Only a published article can be posted to Telegram."))
        return redirect(edit_url)
    if request.method == "POST":
        telegram_post_again(article=page, user=request.user)
        messages.success(
            request, _("«%(title)s» will be posted to Telegram again.") % {"title": page.title}
        )
        return redirect(edit_url)
    post = getattr(page, "telegram_post", None)
    return TemplateResponse(
        request,
        "distribution/admin/telegram_repost.html",
        {"page": page, "post": post, "edit_url": edit_url},
    )
