from django.contrib import messages
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from wagtail import hooks
from wagtail.admin.ui.components import Component

from baspa.editions import views
from baspa.editions.models import TranslationStatus
from baspa.editions.selectors import translations_needing_attention
from baspa.kazakh import find_mixed_script


@hooks.register("register_admin_urls")
def admin_urls():
    return [
        path(
            "editions/translations/<int:page_id>/dismiss/",
            views.dismiss,
            name="editions_translation_dismiss",
        )
    ]


class TranslationsPanel(Component):
    """Dashboard: translations to make, and translations whose original changed since."""

    name = "baspa_translations"
    order = 20
    template_name = "editions/translations_panel.html"

    def __init__(self, statuses):
        self.statuses = statuses

    def get_context_data(self, parent_context):
        return {"statuses": self.statuses, "request": parent_context.get("request")}


@hooks.register("construct_homepage_panels")
def add_translations_panel(request, panels):
    statuses = list(translations_needing_attention())
    if statuses:
        panels.append(TranslationsPanel(statuses))


@hooks.register("before_edit_page")
def warn_about_translation(request, page):
    if request.method != "GET":
        return
    status = TranslationStatus.objects.filter(page=page).select_related("source").first()
    if status is None or not (status.needs_translation or status.is_out_of_date):
        return
    source_url = reverse("wagtailadmin_pages:edit", args=[status.source_id])
    if status.needs_translation:
        text = _("This page is a copy waiting to be translated from «%(title)s».")
    else:
        text = _(
            "The original «%(title)s» changed after this translation was last published: "
            "check the translation and publish it, or dismiss the notice on the dashboard."
        )
    messages.warning(
        request,
        format_html(
            '{} <a href="{}">{}</a>',
            text % {"title": status.source.title},
            source_url,
            _("Open the original"),
        ),
    )


def _mixed_words(page) -> list:
    """Mixed-script words in what readers read of an article: headline, lead, body text."""
    texts = [getattr(page, name, "") or "" for name in ("title", "lead", "correction")]
    body = getattr(page, "body", None)
    if body is not None:
        texts += [block.render_as_block() for block in body]
    found = {}
    for text in texts:
        for mixed in find_mixed_script(str(text)):
            found.setdefault(mixed.word, mixed.suggestion)
    return list(found.items())


def warn_about_mixed_scripts(request, page):
    """Warn, without blocking, about words that mix scripts, with the repaired spelling:
    after each save, and when the edit page opens (so before the editor publishes)."""
    words = _mixed_words(page.get_latest_revision_as_object())
    if not words:
        return
    items = format_html_join(
        ", ",
        "«{}» → «{}»",
        ((word, suggestion or "?") for word, suggestion in words[:20]),
    )
    messages.warning(
        request,
        format_html(
            "{} {} {}",
            _(
                "Some words mix Cyrillic and Latin letters, which breaks search and the "
                "Latin and Arabic-script editions:"
            ),
            items,
            _("Tick «Repair mixed-script words» and save again to use the repaired spellings."),
        ),
    )


hooks.register("after_create_page", warn_about_mixed_scripts)
hooks.register("after_edit_page", warn_about_mixed_scripts)


@hooks.register("before_edit_page")
def warn_about_mixed_scripts_on_open(request, page):
    if request.method == "GET":
        warn_about_mixed_scripts(request, page)
