import os

from django.conf import settings
from django.core.management.base import BaseCommand

from baspa.newsroom.services import scheduled_publish_due, scheduler_run


class Command(BaseCommand):
    help = (
        "Publish scheduled articles when their time comes, and retry Telegram posts and "
        "cache purges; runs until stopped."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--interval",
            type=int,
            default=settings.BASPA_SCHEDULER_INTERVAL,
            help="Seconds between checks (default: BASPA_SCHEDULER_INTERVAL).",
        )
        parser.add_argument("--once", action="store_true", help="Check once and exit.")

    def handle(self, *args, interval, once, **options):
        if once:
            from baspa.distribution.services import telegram_due_deliver
            from baspa.pagecache.purges import purges_pending_run

            scheduled_publish_due()
            telegram_due_deliver()
            purges_pending_run()
            return
        parent = os.getppid()
        # Started by `baspa serve`: stop when it goes away, never run orphaned.
        scheduler_run(interval=interval, keep_going=lambda: os.getppid() == parent)
