"""Django's ASGI handler for Baspa, for measuring uvicorn only (Baspa ships no asgi.py)."""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "baspa.settings.production")
application = get_asgi_application()
