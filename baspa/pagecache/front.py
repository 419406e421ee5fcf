"""Purge the shared front cache (nginx, deploy/nginx/) by address: it knows no tags."""

import logging
import urllib.request
from urllib.parse import urlsplit

from django.conf import settings

logger = logging.getLogger(__name__)
ENCODINGS = ("br", "gzip", "")  # the three copies deploy/nginx keeps per address
# Other apps' addresses for a set of tags (baspa.distribution: feeds and sitemaps), added
# by their AppConfig.ready(): the page cache knows no app that uses it.
URL_PROVIDERS: list = []


def tag_urls(tags) -> set[str]:
    """The addresses of the pages named by `tags` that an address can reach."""
    from wagtail.models import Page

    from baspa.content.models import HomePage

    urls: set[str] = set()
    homes = {home.locale_id: home for home in HomePage.objects.live()}
    for tag in tags:
        kind, _, rest = tag.partition(":")
        if kind in ("article", "section"):
            page = Page.objects.filter(pk=int(rest)).first()
            if page is not None:
                urls.add(page.get_full_url())
        elif kind == "recent" and int(rest) in homes:
            urls.add(homes[int(rest)].get_full_url())
        elif kind in ("author", "tag"):
            for home in homes.values():
                urls.add(home.get_full_url() + home.reverse_subpage(kind, args=[rest]))
        elif kind == "region":
            locale_id, _, slug = rest.partition(":")
            home = homes.get(int(locale_id))
            if home is not None:
                urls.add(home.get_full_url() + home.reverse_subpage("region", args=[slug]))
    for provider in URL_PROVIDERS:
        urls |= provider(tags)
    # Kazakh pages are also served in the Latin and Arabic scripts, each at its own address.
    from baspa.editions.scripts import SCRIPTS, edition_path

    return {edition_path(url, script) for url in urls if url for script in SCRIPTS.values()}


def urls_purge(urls) -> bool:
    """PURGE every stored copy of `urls`; False if any could not be purged."""
    endpoint = settings.BASPA_FRONT_CACHE_PURGE_URL.rstrip("/")
    done = True
    for url in urls:
        parts = urlsplit(url)
        for encoding in ENCODINGS:
            headers = {"Host": parts.netloc, "Accept-Encoding": encoding}
            request = urllib.request.Request(
                endpoint + (parts.path or "/"), method="PURGE", headers=headers
            )
            try:
                urllib.request.urlopen(request, timeout=2).close()
            except urllib.error.HTTPError as error:
                if error.code != 404:  # 404: that copy was not cached
                    logger.warning("Front cache purge of %s failed: %s", url, error)
                    done = False
            except OSError as error:
                logger.warning("Front cache purge of %s failed: %s", url, error)
                done = False
    return done
