from baspa.editions.scripts import CYRILLIC


def edition_script(request):
    """The script of the page being served (set by ScriptEditionMiddleware)."""
    return {"script": getattr(request, "script", CYRILLIC)}
