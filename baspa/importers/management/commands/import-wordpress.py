"""`baspa import-wordpress EXPORT.xml`: a WordPress newsroom into Baspa in one command.

Safe to run again: what was imported before is updated when it changed and skipped when it
did not; an interrupted run resumes. docs/importing.md explains every option.
"""

import os
import sys
import time
from datetime import datetime
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from tqdm import tqdm

from baspa.importers import report as r
from baspa.importers.services import Options, Progress, wordpress_import
from baspa.importers.wxr import NotWxrError

NOT_WXR = {
    "xml": gettext_lazy(
        "This file is not XML, so it is not a WordPress export (WXR). Nothing was imported."
    ),
    "root": gettext_lazy(
        "This XML file is not a WordPress export (WXR): it has no <rss> element with the "
        "WordPress export namespace. Export again with Tools → Export. Nothing was imported."
    ),
    "dtd": gettext_lazy(
        "This file declares a DTD, which WordPress exports never do; it is refused for "
        "safety. Nothing was imported."
    ),
}


def _console_language() -> str:
    # The person at the console reads the summary in their own language, as their shell says.
    for variable in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        code = os.environ.get(variable, "")[:2].lower()
        if code in ("kk", "ru", "en"):
            return code
    return "en"


class ProgressBars:
    """One tqdm bar per phase of the run; each phase's count and time for the summary."""

    def __init__(self, quiet: bool):
        self.quiet = quiet
        self.bar = None
        self.phases: list[list] = []  # [label, count, started, ended]

    def phase(self, name: str, total: int | None) -> None:
        self.close()
        labels = {
            "attachments": _("Images"),
            "posts": _("Posts"),
            "renditions": _("Image sizes"),
        }
        label = labels.get(name, name)
        self.phases.append([label, 0, time.monotonic(), None])
        self.bar = tqdm(total=total, desc=label, unit="", disable=self.quiet, file=sys.stderr)

    def step(self) -> None:
        if self.bar is not None:
            self.bar.update(1)
            self.phases[-1][1] += 1

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
            self.bar = None
            self.phases[-1][3] = time.monotonic()


class Command(BaseCommand):
    help = "Import a WordPress export (WXR): posts, authors, categories, tags, images, redirects."

    def add_arguments(self, parser):
        parser.add_argument("export", help="the .xml file from WordPress's Tools → Export")
        parser.add_argument("--uploads", help="a local copy of wp-content/uploads")
        parser.add_argument("--site-url", default="", help="the old site's address")
        parser.add_argument("--dry-run", action="store_true", help="report, write nothing")
        parser.add_argument("--report", help="the report file (CSV); default next to the export")
        parser.add_argument("--language", default="auto", choices=["auto", "kk", "ru"])
        parser.add_argument("--time-zone", default="", help="the WordPress site's time zone")
        parser.add_argument("--category-base", default="category")
        parser.add_argument("--tag-base", default="tag")
        parser.add_argument(
            "--renditions",
            choices=["recent", "all", "none"],
            default="recent",
            help="image sizes made now: for the newest articles (the rest are queued for the "
            "scheduler), for all, or none (all queued)",
        )
        parser.add_argument(
            "--no-renditions", action="store_true", help="same as --renditions none"
        )
        parser.add_argument("--no-progress", action="store_true")

    def handle(self, *args, **options):
        with translation.override(_console_language()):
            return self._run(options)

    def _run(self, options):
        path = Path(options["export"])
        if not path.is_file():
            raise CommandError(_("No such file: %(path)s") % {"path": path})
        uploads = Path(options["uploads"]) if options["uploads"] else None
        if uploads is not None and not uploads.is_dir():
            raise CommandError(_("No such folder: %(path)s") % {"path": uploads})
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        report_path = Path(options["report"] or path.with_name(f"{path.stem}-import-{stamp}.csv"))
        report = r.Report(path=report_path)
        bars = ProgressBars(options["no_progress"])
        settings = Options(
            path=path,
            uploads=uploads,
            site_url=options["site_url"],
            dry_run=options["dry_run"],
            language=options["language"],
            time_zone=options["time_zone"],
            category_base=options["category_base"].strip("/"),
            tag_base=options["tag_base"].strip("/"),
            renditions="none" if options["no_renditions"] else options["renditions"],
        )
        try:
            counts = wordpress_import(settings, report, Progress(bars.phase, bars.step))
        except NotWxrError as error:
            raise CommandError(str(NOT_WXR[error.args[0]])) from error
        except KeyboardInterrupt:
            bars.close()
            report.close()
            self.stderr.write(
                _("Interrupted: run the same command again to resume. Report so far: %(path)s")
                % {"path": report_path}
            )
            sys.exit(130)
        finally:
            bars.close()
            report.close()
        self._summary(counts, report, report_path, options["dry_run"], bars.phases)

    def _summary(self, counts, report, report_path, dry_run, phases):
        if dry_run:
            self.stdout.write(_("Dry run: nothing was written."))
        for label, count, started, ended in phases:
            seconds = max((ended or time.monotonic()) - started, 0.001)
            self.stdout.write(
                _("%(phase)s: %(count)d in %(seconds).1f s (%(rate).0f per second)")
                % {"phase": label, "count": count, "seconds": seconds, "rate": count / seconds}
            )
        for outcome in (r.IMPORTED, r.UPDATED, r.SKIPPED, r.FAILED):
            self.stdout.write(f"{r.OUTCOME_LABELS[outcome]}: {counts.get(outcome, 0)}")
        for line in report.failures:
            self.stdout.write(f"  ✗ {line}")
        self.stdout.write(_("Report: %(path)s") % {"path": report_path})
