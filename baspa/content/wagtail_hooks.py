from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from baspa.content.models import AuthorSnippet, RegionSnippet


class AuthorViewSet(SnippetViewSet):
    model = AuthorSnippet
    icon = "user"
    menu_label = _("Authors")
    menu_order = 200
    add_to_admin_menu = True
    list_display = ["name", "slug"]
    search_fields = ["name"]


class RegionViewSet(SnippetViewSet):
    model = RegionSnippet
    icon = "site"
    menu_label = _("Regions")
    menu_order = 210
    add_to_admin_menu = True
    list_display = ["name", "slug", "locale"]


register_snippet(AuthorViewSet)
register_snippet(RegionViewSet)
