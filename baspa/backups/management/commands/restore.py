from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from baspa.backups.services import BackupError, backup_restore


class Command(BaseCommand):
    help = (
        "Restore a backup made by `baspa backup` into this site's empty database and media "
        "directory, and check the result against the backup's manifest."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", type=Path)
        parser.add_argument(
            "--force", action="store_true", help="replace a database that is not empty"
        )

    def handle(self, *args, archive, force=False, **options):
        try:
            report = backup_restore(archive=archive, force=force)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"Restored {report.archive}: {report.tables} tables, {report.rows} rows, "
            f"{report.media_files} media files; every count and checksum matches."
        )
