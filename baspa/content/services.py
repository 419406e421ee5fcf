"""Writing functions for the page tree: setting up the editions, adding sections and articles."""

from django.conf import settings
from django.db import transaction
from wagtail.models import Collection, Locale, Page, Site

from baspa.content.models import HomePage


@transaction.atomic
def site_setup(*, hostname: str = "localhost", port: int = 80) -> dict[str, HomePage]:
    """Make sure every content language has its locale and home page, and the site points at
    the Kazakh one. Replaces Wagtail's «Welcome» starter page. Safe to run again."""
    locales = {
        code: Locale.objects.get_or_create(language_code=code)[0]
        for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES
    }
    default_code = settings.LANGUAGE_CODE
    # Wagtail's migrations create the tree's root and the root collection; a database
    # flushed since (as tests do) has neither.
    root = Page.get_first_root_node() or Page.add_root(
        instance=Page(title="Root", slug="root", locale=locales[default_code], live=True)
    )
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")
    # Wagtail's «Welcome» starter page (and the site pointing at it) makes way for ours.
    starters = Page.objects.child_of(root).exact_type(Page)
    Site.objects.filter(root_page__in=starters).delete()
    starters.delete()
    home = HomePage.objects.filter(locale=locales[default_code]).first()
    if home is None:
        home = HomePage(title="Baspa", slug="home", locale=locales[default_code])
        root.add_child(instance=home)
        home.save_revision().publish()
    homes = {default_code: home}
    for code, locale in locales.items():
        if code == default_code:
            continue
        translated = HomePage.objects.filter(locale=locale).first()
        if translated is None:
            translated = home.copy_for_translation(locale)
            translated.save_revision().publish()
        homes[code] = translated

    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        site = Site(is_default_site=True, hostname=hostname, port=port, site_name="Baspa")
    if site.root_page_id != home.pk:
        site.root_page = home
        site.save()
    return homes
