"""`talentzone backup [--output PATH]`: the database, the media directory and a manifest in one
file (default var/backups/talentzone-<timestamp>.tar.gz). The field keys are not in it."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from talentzone.core import backup


class Command(BaseCommand):
    help = (
        "Back up the database (consistently, while the site runs) and the media directory "
        "into one archive with a manifest of checksums. The field keys are not included."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--output",
            type=Path,
            help="where to write the archive (default var/backups/talentzone-<timestamp>.tar.gz)",
        )

    def handle(self, *args, output: Path | None, **options) -> None:
        try:
            result = backup.create_backup(output, progress=self.stderr.write)
        except backup.BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            _(
                "Backup written to %(path)s (%(size).1f MB): %(tables)s tables, %(rows)s rows, "
                "%(media)s media files, in %(seconds).1f s."
            )
            % {
                "path": result.path,
                "size": result.size / 2**20,
                "tables": result.tables,
                "rows": result.rows,
                "media": result.media_files,
                "seconds": result.seconds,
            }
        )
        self.stdout.write(
            _(
                "Reminder: the field keys (TALENTZONE_FIELD_KEY, TALENTZONE_INDEX_KEY, or "
                "var/field_keys.json) are not in the backup. Keep them separately and safely: "
                "without them the personal numbers in it cannot be read."
            )
        )
