from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language
from wagtail.models import Locale


def site_chrome(request):
    """What the header and footer of every public page need: the edition's home and sections.

    Lazy, so admin pages and error pages that show no menu never query for it.
    """
    from baspa.content.models import HomePage
    from baspa.content.selectors import section_menu
    from baspa.pagecache.store import fragment

    def edition():
        locale = Locale.objects.filter(language_code=get_language()).first()
        if locale is None:
            return {"home": None, "sections": []}
        # The same on every page of the edition: kept until a section or home page changes.
        return fragment(
            f"edition:{locale.pk}",
            {f"edition:{locale.pk}"},
            lambda: {
                "home": HomePage.objects.live().filter(locale=locale).first(),
                "sections": list(section_menu(locale=locale)),
            },
        )

    return {"edition": SimpleLazyObject(edition)}
