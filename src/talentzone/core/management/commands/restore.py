"""`talentzone restore FILE [--force]`: verify a backup, put its database and media directory
in place of the current ones, and check every table against its manifest."""

from pathlib import Path

from django.core.management import call_command, get_commands
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from talentzone.core import backup

INDEX_COMMAND = "rebuild_match_index"


class Command(BaseCommand):
    help = (
        "Restore a backup made by `talentzone backup`: verifies the archive, refuses a "
        "database that holds data unless --force, restores database and media, then checks "
        "every table against the manifest and rebuilds the matching index."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", type=Path, help="the backup archive (.tar.gz)")
        parser.add_argument(
            "--force",
            action="store_true",
            help="replace a database that already holds data",
        )
        parser.add_argument(
            "--no-index",
            action="store_true",
            help=f"do not rebuild the matching index (run `talentzone {INDEX_COMMAND}` later)",
        )

    def handle(self, *args, file: Path, force: bool, no_index: bool, **options) -> None:
        try:
            result = backup.restore_backup(file, force=force, progress=self.stderr.write)
        except backup.BackupError as error:
            raise CommandError(str(error)) from error
        if result.mismatches:
            self.stderr.write(
                self.style.ERROR(
                    _("RESTORE FAILED VERIFICATION: what was restored does not match the backup.")
                )
            )
            for problem in result.mismatches:
                self.stderr.write(self.style.ERROR(f"  {problem}"))
            raise CommandError(_("Restore verification failed: do not use this database."))
        self.stdout.write(
            _(
                "Restored %(tables)s tables (%(rows)s rows) and %(media)s media files in "
                "%(seconds).1f s; every table matches the backup's row counts and checksums."
            )
            % {
                "tables": result.tables,
                "rows": result.rows,
                "media": result.media_files,
                "seconds": result.seconds,
            }
        )
        self._index(no_index)

    def _index(self, skip: bool) -> None:
        """The matching index is derived data, never in a backup: make it again from the
        restored database (by name: core knows no app)."""
        if skip or INDEX_COMMAND not in get_commands():
            self.stdout.write(
                _("The matching index is not in the backup: run `talentzone %(command)s`.")
                % {"command": INDEX_COMMAND}
            )
            return
        self.stdout.write(_("Rebuilding the matching index…"))
        try:
            call_command(INDEX_COMMAND, stdout=self.stdout, stderr=self.stderr)
        except Exception as error:  # whatever it is, the restore itself stands
            raise CommandError(
                _(
                    "The database and media are restored and verified, but rebuilding the "
                    "matching index failed (%(error)s: %(detail)s). Fix that (are the field "
                    "keys those of the backup?) and run `talentzone %(command)s`."
                )
                % {
                    "error": type(error).__name__,
                    "detail": error,
                    "command": INDEX_COMMAND,
                }
            ) from error
