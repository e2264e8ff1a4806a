"""`talentzone rebuild_match_index`: make the matching index again from the database."""

import time

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from talentzone.recruiting import search

PROGRESS_EVERY = 2.0  # seconds between progress lines


class Command(BaseCommand):
    help = (
        "Rebuild the matching index from the database. Searches go on against the old index "
        "until the new one is complete. --check only compares the index with the database."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--check", action="store_true", help="Only report how the index differs."
        )

    def handle(self, *args, check: bool, **options) -> None:
        if check:
            self._report(search.index_health())
            return
        started = time.monotonic()
        last = started

        def progress(done: int) -> None:
            nonlocal last
            if time.monotonic() - last >= PROGRESS_EVERY:
                last = time.monotonic()
                self.stdout.write(_("  %(count)s candidates indexed…") % {"count": done})

        count = search.rebuild_index(progress=progress)
        self.stdout.write(
            _("Indexed %(count)s candidates in %(seconds).1f s.")
            % {"count": count, "seconds": time.monotonic() - started}
        )

    def _report(self, health: dict) -> None:
        self.stdout.write(
            _(
                "Index: %(indexed)s candidates; database: %(expected)s; missing %(missing)s, "
                "stale %(stale)s."
            )
            % health
        )
        if health["missing"] or health["stale"]:
            self.stderr.write(_("The index differs from the database: run rebuild_match_index."))
            raise SystemExit(1)
