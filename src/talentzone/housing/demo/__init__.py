"""Seed the demo's talent apartments: three communities and their flats, the in-kind housing
policy with its scheme, a schooling policy, and some fourteen months of applications, rounds,
offers and leases.

`talentzone seed` calls `seed_housing` after the case desk, in the same transaction (and skips
it with `--registry-only`). The communities, the flats and the scheme's weights are what the
office enters in the admin: written directly. Everything else goes through the services, as the
people who would have done it, on the day they would have done it (`story.HousingStory` plays
the months day by day): talents apply (housing_apply, schooling_apply), attach their documents
and submit; the talent office and the housing or education bureau decide; the public notice is
closed and the household joins the queue; the office runs a round every month; households
accept, decline or let an offer lapse (the daily task expires it and the flat passes on); the
office signs, renews and ends leases and inspects the flats at move-out; the daily tasks remind
of leases about to end and flag a tenant who left the zone. What falls after the moment of
seeding is left undone, so the demo shows where the estate stands today: flats vacant, reserved,
let and in repair; households waiting, offered a flat and housed; offers open and accepted;
leases ending soon; schooling requests in review, approved with a school, and rejected. The demo
talent account has just joined the queue and sees its place.

The services stamp a few things with the clock itself (an application's `decided_at`, from
which the queue takes the day a household joined it): the notice is closed with the clock set to
that morning (`story.clock_at`), so that the queue's dates are the approval's.

The same registry gives the same estate relative to the day of seeding: the draws come from
`random.Random` streams with fixed seeds. The estate does not grow with the scale. The story plays
a tenth of it (the first building of each community, 36 flats, see `story.MAX_VOLUME`) through
the services, some 150 queries a household; the other buildings were let before the platform
opened, and their households and current leases are inserted in bulk as the office's tenancy
register would be imported (`HousingStory._earlier_tenancies`): about 200 flats in all.
"""

import datetime
from collections.abc import Callable

from django.db import transaction
from django.db.models import Count
from django.utils import timezone

from talentzone.housing.choices import ApartmentStatus, EntryStatus, LeaseStatus, OfferStatus
from talentzone.housing.models import (
    Apartment,
    Community,
    Inspection,
    Lease,
    Offer,
    QueueEntry,
    Round,
    Scheme,
    SchoolingRequest,
)

Report = Callable[[str], None]


def is_seeded() -> bool:
    """The demo's estate is there, or the office has entered its own: leave it alone."""
    return Community.objects.exists() or Scheme.objects.exists()


def seed_housing(
    scale: float,
    report: Report = lambda line: None,
    now: datetime.datetime | None = None,
) -> bool:
    """Seed the talent apartments; False (nothing written) when there are communities or
    schemes already."""
    if is_seeded():
        return False
    from .story import HousingStory

    with transaction.atomic():
        HousingStory(scale, now or timezone.now(), report).seed()
    return True


def housing_counts() -> list[tuple[str, int]]:
    """Rows of the housing app, for the seed's summary: flats, households, offers and leases by
    status."""
    counts = [
        (str(model._meta.verbose_name_plural), model.objects.count())
        for model in (Community, Apartment, QueueEntry, Round, Offer, Lease, Inspection)
    ]
    for model, choices in (
        (Apartment, ApartmentStatus),
        (QueueEntry, EntryStatus),
        (Offer, OfferStatus),
        (Lease, LeaseStatus),
    ):
        by_status = dict(
            model.objects.values_list("status").annotate(n=Count("id")).order_by("status")
        )
        plural = model._meta.verbose_name_plural
        counts += [(f"{plural} · {c.label}", by_status.get(c.value, 0)) for c in choices]
    counts.append(
        (str(SchoolingRequest._meta.verbose_name_plural), SchoolingRequest.objects.count())
    )
    return counts
