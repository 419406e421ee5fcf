from django.contrib import messages
from django.urls import path, reverse
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.admin.widgets import Button

from baspa.content.models import ArticlePage
from baspa.distribution import admin_views
from baspa.distribution.models import TelegramPost


def troubled_posts():
    """Posts that failed for good, or wait for a retry after a failure, newest first."""
    return [
        post
        for post in TelegramPost.objects.filter(
            status__in=[TelegramPost.Status.FAILED, TelegramPost.Status.PENDING], attempts__gt=0
        )
        .select_related("article")
        .order_by("-failed_at")[:20]
    ]


class TelegramPanel(Component):
    """Dashboard: Telegram posts that did not go out, and why."""

    name = "baspa_telegram"
    order = 20
    template_name = "distribution/admin/telegram_panel.html"

    def __init__(self, posts):
        self.posts = posts

    def get_context_data(self, parent_context):
        return {"posts": self.posts}


@hooks.register("construct_homepage_panels")
def add_telegram_panel(request, panels):
    posts = troubled_posts()
    if posts:
        panels.insert(0, TelegramPanel(posts))


def post_problem(post: TelegramPost) -> str:
    text = str(post.get_problem_display())
    return f"{text} ({post.detail})" if post.detail else text


@hooks.register("before_edit_page")
def warn_about_telegram(request, page):
    if request.method != "GET" or not isinstance(page.specific_deferred, ArticlePage):
        return
    post = TelegramPost.objects.filter(article_id=page.pk).first()
    if post is None or not post.is_troubled:
        return
    if post.status == TelegramPost.Status.FAILED:
        text = _(
            "This article was not posted to Telegram: %(problem)s. "
            "Use «Post to Telegram again» once it is fixed."
        )
    else:
        text = _(
            "Posting this article to Telegram failed (%(problem)s); "
            "it will be tried again at %(time)s."
        )
    messages.warning(
        request,
        text
        % {
            "problem": post_problem(post),
            "time": date_format(localtime(post.next_attempt_at), "DATETIME_FORMAT")
            if post.next_attempt_at
            else "",
        },
    )


@hooks.register("register_page_header_buttons")
def telegram_repost_button(page, user, view_name, next_url=None):
    if not isinstance(page.specific_deferred, ArticlePage) or not page.live:
        return
    if not page.permissions_for_user(user).can_publish():
        return
    yield Button(
        gettext_lazy("Post to Telegram again"),
        reverse("distribution_telegram_repost", args=[page.pk]),
        icon_name="mail",
        priority=90,
    )


@hooks.register("register_admin_urls")
def telegram_admin_urls():
    return [
        path(
            "telegram/<int:page_id>/repost/",
            admin_views.telegram_repost,
            name="distribution_telegram_repost",
        )
    ]
