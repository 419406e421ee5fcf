import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "baspa.settings.dev")
django_application = get_wsgi_application()

from baspa.pagecache.wsgi import with_page_cache  # noqa: E402 - needs Django set up

# Cached pages are answered before Django's request handling (baspa/pagecache/wsgi.py).
application = with_page_cache(django_application)

if os.environ.get("BASPA_SCHEDULER_IN_WORKER") == "1":
    # `baspa serve` on the local-memory page cache: one worker process, and the scheduler
    # inside it, so that its purges reach the cache readers are served from (decision 0001).
    from baspa.newsroom.services import scheduler_start_thread

    scheduler_start_thread()
