from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from baspa.backups.services import BackupError, backup_create, backup_verify


class Command(BaseCommand):
    help = (
        "Back up the database and media into one verified archive "
        "(default: BASPA_HOME/backups/baspa-<time>.tar.gz); --verify checks an existing one."
    )

    def add_arguments(self, parser):
        parser.add_argument("--output", type=Path, help="where to write the archive")
        parser.add_argument("--verify", type=Path, metavar="ARCHIVE", help="only check ARCHIVE")

    def handle(self, *args, output=None, verify=None, **options):
        try:
            if verify is not None:
                report = backup_verify(archive=verify)
                verb = "Verified"
            else:
                report = backup_create(output=output)
                verb = "Wrote and verified"
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"{verb} {report.archive}: {report.tables} tables, {report.rows} rows, "
            f"{report.media_files} media files."
        )
