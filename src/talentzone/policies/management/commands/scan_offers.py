"""`talentzone scan_offers [--policy CODE] [--date YYYY-MM-DD]`: grants without application.

The nightly task's work in the foreground: each open policy's rule is run over the registry, and
everyone eligible who has neither applied nor been offered it gets an offer and a notification.
A line per policy, its count written when its scan is done (a large registry takes a while),
then the total.
Running it again offers nothing new.
"""

import datetime
import time

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from talentzone.policies import services
from talentzone.policies.models import Policy


def iso_date(value: str) -> datetime.date:
    return datetime.date.fromisoformat(value)


class Command(BaseCommand):
    help = (
        "Offer each open policy to everyone the registry shows eligible who has neither "
        "applied nor been offered it, and notify them."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--policy", metavar="CODE", help="Scan this policy only.")
        parser.add_argument(
            "--date",
            type=iso_date,
            metavar="YYYY-MM-DD",
            help="The day the rules are read on (ages, years in the zone); default today.",
        )

    def handle(self, *args, policy: str | None, date: datetime.date | None, **options) -> None:
        today = date or timezone.localdate()
        policies = self.policies(policy, today)
        started = time.monotonic()
        total = 0
        for number, scanned in enumerate(policies, start=1):
            # The policy's name first, its count once its scan is done: a large registry takes
            # a while, and the line shows which policy it is on meanwhile.
            self.stdout.write(f"[{number}/{len(policies)}] {scanned.code}: ", ending="")
            self.stdout.flush()
            begun = time.monotonic()
            made = services.scan_policy(scanned, today)
            total += made
            self.stdout.write(
                ngettext(
                    "%(offers)s offer (%(seconds).1f s)",
                    "%(offers)s offers (%(seconds).1f s)",
                    made,
                )
                % {"offers": f"{made:,}", "seconds": time.monotonic() - begun}
            )
        self.stdout.write(
            self.style.SUCCESS(
                ngettext(
                    "%(offers)s offers made for %(count)d policy on %(date)s in %(seconds).1f s.",
                    "%(offers)s offers made for %(count)d policies on %(date)s in %(seconds).1f s.",
                    len(policies),
                )
                % {
                    "offers": f"{total:,}",
                    "count": len(policies),
                    "date": today.isoformat(),
                    "seconds": time.monotonic() - started,
                }
            )
        )

    def policies(self, code: str | None, today: datetime.date) -> list[Policy]:
        open_policies = Policy.objects.open_on(today).order_by("code")
        if not code:
            return list(open_policies)
        if not Policy.objects.filter(code=code).exists():
            raise CommandError(_("There is no policy with the code %(code)s.") % {"code": code})
        found = list(open_policies.filter(code=code))
        if not found:
            raise CommandError(
                _("The policy %(code)s does not take applications on %(date)s.")
                % {"code": code, "date": today.isoformat()}
            )
        return found
