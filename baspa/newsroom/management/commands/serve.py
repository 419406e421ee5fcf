import multiprocessing
import os
import subprocess
import sys

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils.translation import gettext as _


class Command(BaseCommand):
    help = "Serve the site with the production server and publish scheduled articles on time."

    def add_arguments(self, parser):
        parser.add_argument("--host", default=os.environ.get("BASPA_HOST", "127.0.0.1"))
        parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")))
        parser.add_argument(
            "--workers",
            type=int,
            default=int(os.environ["WEB_CONCURRENCY"]) if "WEB_CONCURRENCY" in os.environ else None,
            help="Worker processes (default: WEB_CONCURRENCY, else 1 with the local-memory "
            "page cache and 2 with Redis).",
        )
        parser.add_argument("--threads", type=int, default=4)
        parser.add_argument(
            "--no-scheduler",
            action="store_true",
            help="Don't publish scheduled articles from this process (another one does).",
        )

    def handle(self, *args, host, port, workers, threads, no_scheduler, **options):
        executor = MigrationExecutor(connection)
        if executor.migration_plan(executor.loader.graph.leaf_nodes()):
            raise CommandError(_("The database is not up to date: run `baspa migrate` first."))
        call_command("collectstatic", interactive=False, verbosity=0)
        connection.close()  # Forked workers must open their own connections.

        # A page cache in local memory lives inside one process: then one worker process
        # serves (with threads), and the scheduler runs inside it, so every purge reaches the
        # cache that serves readers. With Redis, any number of workers share one cache.
        local_cache = settings.CACHES[settings.BASPA_PAGE_CACHE]["BACKEND"].endswith("LocMemCache")
        if workers is None:
            workers = 1 if local_cache else 2
        elif local_cache and workers > 1:
            self.stdout.write(
                "The page cache is in local memory: serving with one worker process and "
                f"{threads} threads. Set REDIS_URL to run more workers."
            )
            workers = 1
        scheduler = None
        if not no_scheduler and not local_cache:
            # Scheduled publishing rides along with the web server, so nothing else needs
            # to run (no cron to forget); it stops with the server.
            scheduler = subprocess.Popen(
                [sys.executable, "-m", "baspa", "run_scheduler"], env=os.environ.copy()
            )
        self.stdout.write(f"Baspa: http://{host}:{port}/  (admin: http://{host}:{port}/admin/)")
        self.stdout.flush()
        try:
            _granian(
                host=host,
                port=port,
                workers=workers,
                threads=threads,
                access_log=bool(os.environ.get("BASPA_ACCESS_LOG")),
                scheduler_in_worker=local_cache and not no_scheduler,
            )
        finally:
            if scheduler is not None:
                scheduler.terminate()
                scheduler.wait(timeout=10)


def _granian(*, host, port, workers, threads, access_log, scheduler_in_worker) -> None:
    """granian, chosen by measurement (docs/deploy.md): its HTTP layer is Rust, so the
    Python threads spend their time on Baspa's pages rather than on parsing requests."""
    from granian import Granian
    from granian.constants import Interfaces

    if scheduler_in_worker:
        # Read by baspa.wsgi when the worker process loads the application.
        os.environ["BASPA_SCHEDULER_IN_WORKER"] = "1"
    # Workers start as fresh interpreters that load only the application: forked from this
    # process, each would also carry what the checks above loaded (the migration graph,
    # collectstatic's file lists), some 25 MB per worker.
    multiprocessing.set_start_method("spawn", force=True)
    Granian(
        "baspa.wsgi:application",
        address=host,
        port=port,
        interface=Interfaces.WSGI,
        workers=workers,
        blocking_threads=threads,
        websockets=False,
        log_access=access_log,
        respawn_failed_workers=True,
        workers_kill_timeout=30,
    ).serve()
