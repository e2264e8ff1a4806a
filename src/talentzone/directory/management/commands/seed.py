"""`talentzone seed --scale S`: build the demo zone (idempotent) and print its demo accounts."""

import math
import time

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from django.utils.translation import gettext as _

from talentzone.awards.demo import awards_counts, seed_awards
from talentzone.cases.demo import case_counts, seed_cases
from talentzone.directory.demo.accounts import demo_accounts_table, ensure_demo_accounts
from talentzone.directory.demo.zone import SeedError, seed_zone, zone_counts
from talentzone.events.demo import event_counts, seed_events
from talentzone.housing.demo import housing_counts, seed_housing
from talentzone.insights.demo import insights_counts, seed_insights
from talentzone.policies.demo import policy_counts, seed_policies
from talentzone.recruiting.demo import recruiting_counts, seed_recruiting
from talentzone.venues.demo import seed_venues, venue_counts


def positive_scale(value: str) -> float:
    scale = float(value)
    if not (math.isfinite(scale) and scale > 0):
        raise ValueError(value)
    return scale


class Command(BaseCommand):
    help = (
        "Seed the demo zone: fictional organisations, talents and one demo account per role. "
        "The same scale always gives the same data; a seeded database is left as it is."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--scale",
            type=positive_scale,
            default=1.0,
            help="Size of the zone: 1 is a real zone's (6,200 talents); talents and enterprises "
            "grow with it. Any number above 0, e.g. 0.01 or 100.",
        )
        parser.add_argument(
            "--registry-only",
            action="store_true",
            help="Seed the registry and the demo accounts only: no policies, budget, "
            "applications or offers, no recruiting, no venues or events, no case desk, no "
            "talent apartments and no evaluations.",
        )

    def handle(self, *args, scale: float, registry_only: bool, verbosity: int, **options) -> None:
        started = time.monotonic()
        say = self.stdout.write if verbosity >= 1 else (lambda line: None)
        try:
            with transaction.atomic():
                seeded = seed_zone(scale, report=say)
                ensure_demo_accounts()
                policies = not registry_only and seed_policies(scale, report=say)
                recruiting = not registry_only and seed_recruiting(scale, report=say)
                venues = not registry_only and seed_venues(scale, report=say)
                events = not registry_only and seed_events(scale, report=say)
                cases = not registry_only and seed_cases(scale, report=say)
                housing = not registry_only and seed_housing(scale, report=say)
                awards = not registry_only and seed_awards(scale, report=say)
                insights = not registry_only and seed_insights(scale, report=say)
        except SeedError as error:
            raise CommandError(str(error)) from error
        if seeded:
            say(
                _("Seeded the demo zone at scale %(scale)s in %(seconds).1f s:")
                % {
                    "scale": f"{scale:g}",
                    "seconds": time.monotonic() - started,
                }
            )
            for label, count in zone_counts():
                say(f"  {label}: {count}")
        elif policies:
            say(
                _("Seeded the demo policies in %(seconds).1f s:")
                % {"seconds": time.monotonic() - started}
            )
        elif recruiting:
            say(
                _("Seeded the demo recruiting in %(seconds).1f s:")
                % {"seconds": time.monotonic() - started}
            )
        elif venues or events:
            say(
                _("Seeded the demo venues and events in %(seconds).1f s:")
                % {"seconds": time.monotonic() - started}
            )
        elif cases:
            say(
                _("Seeded the demo case desk in %(seconds).1f s:")
                % {"seconds": time.monotonic() - started}
            )
        elif housing:
            say(
                _("Seeded the demo talent apartments in %(seconds).1f s:")
                % {"seconds": time.monotonic() - started}
            )
        elif awards:
            say(
                _("Seeded the demo evaluations in %(seconds).1f s:")
                % {"seconds": time.monotonic() - started}
            )
        elif insights:
            say(_("Asked for the demo reports."))
        else:
            say(_("The demo zone is already seeded; only the demo accounts were checked."))
        if policies:
            for label, count in policy_counts():
                say(f"  {label}: {count}")
        if recruiting:
            for label, count in recruiting_counts():
                say(f"  {label}: {count}")
        if venues:
            for label, count in venue_counts():
                say(f"  {label}: {count}")
        if events:
            for label, count in event_counts():
                say(f"  {label}: {count}")
        if cases:
            for label, count in case_counts():
                say(f"  {label}: {count}")
        if housing:
            for label, count in housing_counts():
                say(f"  {label}: {count}")
        if awards:
            for label, count in awards_counts():
                say(f"  {label}: {count}")
        if insights:
            for label, count in insights_counts():
                say(f"  {label}: {count}")
        say(_("Demo accounts (the password is for the demo only):"))
        say(demo_accounts_table())
