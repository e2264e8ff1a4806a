"""`talentzone close_notices [--date YYYY-MM-DD]`: end the public notices that have run out.

The morning task's work in the foreground: every application whose notice ended before the day
without an open objection is approved (and its applicant told). A line per policy, then the
total, and how many notices wait for the office to resolve an objection.
"""

import datetime
import time
from collections import Counter

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from talentzone.policies import services
from talentzone.policies.choices import ApplicationStatus
from talentzone.policies.models import Application

from .scan_offers import iso_date


class Command(BaseCommand):
    help = (
        "Approve the applications whose public notice has ended with no open objection; "
        "those with an open objection wait for the office."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--date",
            type=iso_date,
            metavar="YYYY-MM-DD",
            help="Close the notices that ended before this day; default today.",
        )

    def handle(self, *args, date: datetime.date | None, **options) -> None:
        today = date or timezone.localdate()
        started = time.monotonic()
        due = Application.objects.filter(
            status=ApplicationStatus.NOTICE, notice_ends_on__lt=today
        ).values_list("pk", "policy__code")
        codes = dict(due)
        closed = services.close_due_notices(today)
        approved = Application.objects.filter(
            pk__in=list(codes), status=ApplicationStatus.APPROVED
        ).values_list("pk", flat=True)
        by_policy = Counter(codes[pk] for pk in approved)
        for code, count in sorted(by_policy.items()):
            self.stdout.write(_("%(code)s: %(count)d approved") % {"code": code, "count": count})
        waiting = len(codes) - sum(by_policy.values())
        self.stdout.write(
            self.style.SUCCESS(
                ngettext(
                    "%(count)d notice closed on %(date)s in %(seconds).1f s.",
                    "%(count)d notices closed on %(date)s in %(seconds).1f s.",
                    closed,
                )
                % {
                    "count": closed,
                    "date": today.isoformat(),
                    "seconds": time.monotonic() - started,
                }
            )
        )
        if waiting:
            self.stdout.write(
                ngettext(
                    "%(count)d ended notice waits for an open objection to be resolved.",
                    "%(count)d ended notices wait for an open objection to be resolved.",
                    waiting,
                )
                % {"count": waiting}
            )
