"""`talentzone demo_accounts`: print the demo accounts of a seeded zone."""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from talentzone.directory.demo.accounts import demo_account_rows, demo_accounts_table


class Command(BaseCommand):
    help = "Print the demo accounts: role, username, password and what each acts for."

    def handle(self, *args, **options) -> None:
        if not demo_account_rows():
            raise CommandError(_("There are no demo accounts yet: run `talentzone seed` first."))
        self.stdout.write(_("Demo accounts (the password is for the demo only):"))
        self.stdout.write(demo_accounts_table())
