"""`talentzone audit verify`: walk the audit trail's hash chain and name the first broken record.

Exits with status 1 when a record was changed, removed or replaced after it was written, so a
scheduled job or a monitoring check can raise the alarm.
"""

from django.core.management.base import BaseCommand, CommandError

from talentzone.core.audit import check_chain


class Command(BaseCommand):
    help = "The audit trail. `verify` recomputes every hash of the chain, in order."

    def add_arguments(self, parser):
        subcommands = parser.add_subparsers(dest="subcommand", required=True)
        verify = subcommands.add_parser(
            "verify", help="Check that no audit record was changed or removed."
        )
        verify.add_argument(
            "--chunk-size", type=int, default=2000, help="How many records to read at a time."
        )

    def handle(self, *args, subcommand: str, chunk_size: int = 2000, **options):
        report = check_chain(chunk_size=chunk_size)
        if not report.intact:
            raise CommandError(report.summary(), returncode=1)
        self.stdout.write(self.style.SUCCESS(report.summary()))
