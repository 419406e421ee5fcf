"""`baspa reindex`: rebuild reader search from the live, public articles.

Interrupting it (Ctrl-C, a deploy) loses at most one batch; running it again resumes from the
last committed batch. `--restart` starts over.
"""

import sys
import time

from django.core.management.base import BaseCommand

from baspa.search.services import search_reindex


class ProgressBar:
    def __init__(self, stream, width: int = 30):
        self.stream = stream
        self.width = width
        self.started = time.monotonic()
        self.first_done: int | None = None

    def __call__(self, done: int, total: int) -> None:
        if self.first_done is None:
            self.first_done = done
        filled = self.width * done // total if total else self.width
        elapsed = max(time.monotonic() - self.started, 1e-6)
        rate = (done - self.first_done) / elapsed
        bar = "#" * filled + "-" * (self.width - filled)
        self.stream.write(f"\r[{bar}] {done}/{total} articles, {rate:.0f}/s")
        self.stream.flush()


class Command(BaseCommand):
    help = "Rebuild the reader search index; resumes an interrupted run."

    def add_arguments(self, parser):
        parser.add_argument("--restart", action="store_true", help="ignore an unfinished run")
        parser.add_argument("--batch-size", type=int, default=500)
        parser.add_argument("--no-progress", action="store_true")

    def handle(self, *args, restart, batch_size, no_progress, **options):
        progress = None if no_progress else ProgressBar(sys.stderr)
        try:
            done = search_reindex(batch_size=batch_size, restart=restart, progress=progress)
        except KeyboardInterrupt:
            self.stderr.write("\nInterrupted: run `baspa reindex` again to resume.")
            sys.exit(130)
        if progress:
            sys.stderr.write("\n")
        self.stdout.write(f"Indexed {done} articles.")
