"""`talentzone import talents|enterprises FILE.xlsx [--update-existing] [--as USERNAME]`.

The same import as the upload page, in the foreground: a progress line per phase, then the
report. Exits with status 1 when the file is refused or any row is wrong (nothing is imported
then); `--report PATH` also writes the annotated workbook there.
"""

import sys
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from talentzone.core.choices import Role
from talentzone.directory.choices import ImportKind, ImportStatus
from talentzone.directory.imports.columns import kind_named
from talentzone.directory.imports.report import annotated_report
from talentzone.directory.imports.service import ImportReport, import_workbook

BAR_WIDTH = 30
PHASES = {
    ImportStatus.VALIDATING: gettext_lazy("Checking rows"),
    ImportStatus.IMPORTING: gettext_lazy("Importing"),
}


class ProgressPrinter:
    """A redrawn bar on a terminal; a line per tenth otherwise (logs, pipes)."""

    def __init__(self, out, interactive: bool):
        self.out = out
        self.interactive = interactive
        self.shown: tuple[str, int] | None = None

    def __call__(self, phase: str, done: int, total: int) -> None:
        if not total:
            return
        percent = 100 * done // total
        step = percent if self.interactive else percent // 10 * 10
        if self.shown == (phase, step):
            return
        if self.interactive and self.shown and self.shown[0] != phase:
            self.out.write("\n")
        self.shown = (phase, step)
        filled = BAR_WIDTH * done // total
        bar = "#" * filled + "-" * (BAR_WIDTH - filled)
        line = f"{PHASES.get(phase, phase)}: [{bar}] {percent:3d}% ({done:,}/{total:,})"
        if self.interactive:
            self.out.write(f"\r{line}", ending="")
            self.out.flush()
        else:
            self.out.write(line)

    def end(self) -> None:
        if self.interactive and self.shown:
            self.out.write("")


class Command(BaseCommand):
    help = (
        "Import talents or enterprises from an Excel workbook made from the template: every row "
        "is checked first, then all are imported, or none."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("kind", choices=ImportKind.values)
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--update-existing",
            action="store_true",
            help="Update a registered record with the same ID number or credit code instead "
            "of reporting the row.",
        )
        parser.add_argument(
            "--as",
            dest="username",
            help="The account the import is made as: its permissions apply, and the audit "
            "trail names it. Default: the only office administrator, if there is one.",
        )
        parser.add_argument(
            "--report", type=Path, help="Where to write the annotated workbook of a rejection."
        )

    def handle(self, *args, kind, file, update_existing, username, report, **options):
        if not file.is_file():
            raise CommandError(_("No such file: %(file)s") % {"file": file})
        actor = self.actor(username)
        self.stdout.write(
            _("Importing %(file)s as %(user)s") % {"file": file.name, "user": actor.get_username()}
        )
        printer = ProgressPrinter(self.stdout, interactive=sys.stdout.isatty())
        try:
            outcome = import_workbook(
                actor=actor,
                kind=kind,
                path_or_file=file,
                update_existing=update_existing,
                progress=printer,
            )
        except PermissionDenied as denied:
            raise CommandError(
                _("%(user)s may not add %(kind)s.")
                % {"user": actor.get_username(), "kind": kind_named(kind).label}
            ) from denied
        printer.end()
        self.print_report(outcome)
        if outcome.rejected:
            if report and outcome.bad_rows:
                self.write_annotated(file, kind, outcome, report)
            raise CommandError(outcome.summary())
        self.stdout.write(self.style.SUCCESS(outcome.summary()))

    def actor(self, username: str | None):
        users = get_user_model().objects.filter(is_active=True)
        if username:
            try:
                return users.get(username=username)
            except users.model.DoesNotExist as missing:
                raise CommandError(
                    _("There is no active user %(name)s.") % {"name": username}
                ) from missing
        admins = list(users.filter(groups__name=Role.OFFICE_ADMIN).order_by("pk")[:2])
        if len(admins) != 1:
            raise CommandError(
                _("Say which account imports with --as USERNAME: its permissions apply.")
            )
        return admins[0]

    def print_report(self, outcome: ImportReport) -> None:
        for error in outcome.errors:
            row = _("row %(row)d") % {"row": error.row} if error.row else _("file")
            where = f"{row}, {error.column}" if error.column else row
            self.stdout.write(f"{where}: {error.message}")

    def write_annotated(self, file: Path, kind: str, outcome: ImportReport, target: Path) -> None:
        with annotated_report(file, kind_named(kind), outcome.errors) as annotated:
            target.write_bytes(annotated.read())
        self.stdout.write(_("Annotated workbook: %(path)s") % {"path": target})
