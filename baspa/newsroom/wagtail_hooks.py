from django.contrib import messages
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from wagtail import hooks
from wagtail.admin.ui.components import Component

from baspa.newsroom.services import pages_overdue, revisions_overdue


class OverduePanel(Component):
    """Dashboard warning: scheduled articles whose time passed without going live."""

    name = "baspa_overdue"
    order = 10
    template_name = "newsroom/overdue_panel.html"

    def __init__(self, overdue):
        self.overdue = overdue

    def get_context_data(self, parent_context):
        return {"overdue": self.overdue}


@hooks.register("construct_homepage_panels")
def add_overdue_panel(request, panels):
    overdue = pages_overdue()
    if overdue:
        panels.insert(0, OverduePanel(overdue))


@hooks.register("before_edit_page")
def warn_if_overdue(request, page):
    if request.method != "GET":
        return
    revision = revisions_overdue().filter(object_id=str(page.pk)).first()
    if revision:
        messages.warning(
            request,
            _(
                "This article was scheduled to go live at %(time)s but is not live yet. "
                "Check that the site's scheduler is running, or publish it now."
            )
            % {"time": date_format(localtime(revision.approved_go_live_at), "DATETIME_FORMAT")},
        )
