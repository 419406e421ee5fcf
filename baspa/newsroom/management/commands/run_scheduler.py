import os
import time

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import close_old_connections

from baspa.newsroom.services import scheduled_publish_due


class Command(BaseCommand):
    help = "Publish scheduled articles when their time comes; runs until stopped."

    def add_arguments(self, parser):
        parser.add_argument(
            "--interval",
            type=int,
            default=settings.BASPA_SCHEDULER_INTERVAL,
            help="Seconds between checks (default: BASPA_SCHEDULER_INTERVAL).",
        )
        parser.add_argument("--once", action="store_true", help="Check once and exit.")

    def handle(self, *args, interval, once, **options):
        parent = os.getppid()
        while True:
            try:
                scheduled_publish_due()
            except Exception as exc:  # noqa: BLE001 - the loop must outlive one bad run
                if once:
                    raise
                self.stderr.write(f"Scheduled publishing failed, will retry: {exc!r}")
            if once:
                return
            time.sleep(max(1, interval))
            # A long-lived process: drop connections the database may have closed meanwhile.
            close_old_connections()
            if os.getppid() != parent:
                # `baspa serve` went away without stopping us: stop too, don't run orphaned.
                return
