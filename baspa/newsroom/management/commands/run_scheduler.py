import os

from django.conf import settings
from django.core.management.base import BaseCommand

from baspa.newsroom.services import scheduler_round, scheduler_run


class Command(BaseCommand):
    help = (
        "Publish scheduled articles when their time comes, retry Telegram posts and cache "
        "purges, make the image sizes an import queued; runs until stopped."
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
            scheduler_round(interval)
            return
        parent = os.getppid()
        # Started by `baspa serve`: stop when it goes away, never run orphaned.
        scheduler_run(interval=interval, keep_going=lambda: os.getppid() == parent)
