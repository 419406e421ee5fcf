from wagtail import hooks

from baspa.pagecache import store
from baspa.pagecache.tags import page_tags


@hooks.register("before_serve_page")
def note_cache_tags(page, request, serve_args, serve_kwargs):
    """Record what the page shows, with the tags' generations read before rendering starts:
    a purge that lands while the page renders then invalidates this very entry."""
    if request.user.is_authenticated or getattr(request, "is_preview", False):
        return
    if page.get_view_restrictions():
        return  # private pages are never stored
    tags = page_tags(page, serve_args)
    if tags:
        request.pagecache_tags = store.generations(tags)
