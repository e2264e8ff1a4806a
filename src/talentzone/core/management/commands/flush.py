"""Django's `flush`, allowed to empty the audit trail along with every other table.

The audit trail refuses DELETE in the database (migration core 0003). On SQLite `flush` empties
tables with DELETE FROM (PostgreSQL's TRUNCATE fires no row trigger), so this command tells the
trigger, for its own connection only, that emptying everything is what is meant. The test suite
flushes between transactional tests through this same command.
"""

from django.core.management.commands import flush

from talentzone.core.audit import flushing


class Command(flush.Command):
    def handle(self, **options):
        with flushing(options["database"]):
            return super().handle(**options)
