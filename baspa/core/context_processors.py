from django.utils.functional import SimpleLazyObject


def site_chrome(request):
    """What the header and footer of every public page need: the edition's home and sections.

    Lazy, so admin pages and error pages that show no menu never read it.
    """
    from baspa.content.serving import edition_for_request

    def edition():
        found = edition_for_request(request)
        if found is None:
            return {"home": None, "sections": []}
        return {"home": found["home"], "sections": found["menu"]}

    return {"edition": SimpleLazyObject(edition)}
