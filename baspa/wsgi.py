import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "baspa.settings.dev")
django_application = get_wsgi_application()

from baspa.pagecache.wsgi import with_page_cache  # noqa: E402 - needs Django set up

# Cached pages are answered before Django's request handling (baspa/pagecache/wsgi.py).
application = with_page_cache(django_application)
