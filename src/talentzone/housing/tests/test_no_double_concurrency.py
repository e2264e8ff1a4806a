"""No flat is ever offered to two households at once, and no household holds two offers — even
when officers run rounds at the same moment and households decline while rounds run.

The database's half (the partial unique constraints over live offers) is tried directly on both
databases. The races need PostgreSQL's row locks: SQLite lets one writer in at a time, so it has
no race to show. Each action runs in its own thread with its own connection (core.testing).
"""

import datetime
import itertools

import pytest
from django.db import IntegrityError, connection, transaction
from django.db.models import Count

from talentzone.core.models import User
from talentzone.core.testing import run_at_once
from talentzone.directory.tests.factories import tier
from talentzone.housing import services
from talentzone.housing.choices import ApartmentStatus, EntryStatus, Layout, OfferStatus
from talentzone.housing.models import LIVE_OFFER, Apartment, Offer, QueueEntry, Scheme
from talentzone.housing.tests.conftest import MONDAY, NOW
from talentzone.housing.tests.factories import (
    ApartmentFactory,
    CommunityFactory,
    QueueEntryFactory,
    SchemeFactory,
    talent_user,
)

needs_postgres = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="needs PostgreSQL: SQLite lets one writer in at a time, so there is no race",
)
LAYOUTS = [Layout.STUDIO, Layout.ONE_ROOM, Layout.TWO_ROOMS]


def households(scheme, n, *, codes=("national_top", "municipal", "district")):
    entries = []
    for i, code in zip(range(n), itertools.cycle(codes), strict=False):
        talent, _user = talent_user(tier=tier(code), arrival_date=datetime.date(2020, 3, 1))
        entries.append(
            QueueEntryFactory(
                scheme=scheme,
                talent=talent,
                layouts=[Layout.STUDIO, Layout.ONE_ROOM] if i % 2 else [Layout.ONE_ROOM],
                household_size=1,
                approved_on=datetime.date(2026, 1, 1) + datetime.timedelta(days=i),
            )
        )
    return entries


def flats(n):
    community = CommunityFactory()
    return [
        ApartmentFactory(community=community, unit=f"{100 + i}", layout=LAYOUTS[i % 2])
        for i in range(n)
    ]


def assert_no_double():
    """At most one live offer per flat and per household; the flats' and households' statuses
    agree with the offers."""
    live = Offer.objects.filter(LIVE_OFFER)
    assert not live.values("apartment").annotate(n=Count("id")).filter(n__gt=1).exists()
    assert not live.values("entry").annotate(n=Count("id")).filter(n__gt=1).exists()
    offered_flats = set(live.values_list("apartment_id", flat=True))
    reserved = set(
        Apartment.objects.filter(status=ApartmentStatus.RESERVED).values_list("pk", flat=True)
    )
    assert offered_flats == reserved
    offered_households = set(live.values_list("entry_id", flat=True))
    marked = set(QueueEntry.objects.filter(status=EntryStatus.OFFERED).values_list("pk", flat=True))
    assert offered_households == marked
    return live.count()


# The database's half, on both databases ------------------------------------------------------


@pytest.mark.django_db
def test_a_second_live_offer_of_a_flat_is_refused_by_the_database(scheme):
    flat = ApartmentFactory(layout=Layout.STUDIO)
    one, two = households(scheme, 2)
    values = {"score": 1, "rank": 1, "reason": "x", "offered_at": NOW, "expires_on": MONDAY}
    Offer.objects.create(entry=one, apartment=flat, **values)
    with pytest.raises(IntegrityError), transaction.atomic():
        Offer.objects.create(entry=two, apartment=flat, **values)
    with pytest.raises(IntegrityError), transaction.atomic():
        Offer.objects.create(entry=two, apartment=flat, status=OfferStatus.ACCEPTED, **values)
    # A declined or expired offer is not live: the flat may be offered again.
    Offer.objects.filter(entry=one).update(status=OfferStatus.DECLINED)
    Offer.objects.create(entry=two, apartment=flat, **values)


@pytest.mark.django_db
def test_a_second_live_offer_to_a_household_is_refused_by_the_database(scheme):
    first, second = ApartmentFactory(layout=Layout.STUDIO), ApartmentFactory(layout=Layout.STUDIO)
    (entry,) = households(scheme, 1)
    values = {"score": 1, "rank": 1, "reason": "x", "offered_at": NOW, "expires_on": MONDAY}
    Offer.objects.create(entry=entry, apartment=first, status=OfferStatus.ACCEPTED, **values)
    with pytest.raises(IntegrityError), transaction.atomic():
        Offer.objects.create(entry=entry, apartment=second, **values)
    Offer.objects.filter(entry=entry).update(status=OfferStatus.SIGNED)
    Offer.objects.create(entry=entry, apartment=second, **values)


# The races, on PostgreSQL --------------------------------------------------------------------


def run_round(user, scheme):
    def action() -> str:
        actor = User.objects.get(pk=user.pk)
        round = services.round_run(actor=actor, scheme=Scheme.objects.get(pk=scheme.pk), now=NOW)
        return f"round: {round.offers.count()} offers"

    return action


def decline(offer_id):
    def action() -> str:
        offer = Offer.objects.select_related("entry__talent__user").get(pk=offer_id)
        services.offer_decline(actor=offer.entry.talent.user, offer=offer, now=NOW)
        return "declined"

    return action


@needs_postgres
@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("reference_data")
def test_rounds_run_at_once_offer_each_flat_once(make_user):
    scheme, other = SchemeFactory(), SchemeFactory()
    offices = [make_user("office_admin") for _ in range(3)]
    flats(10)
    households(scheme, 8)
    households(other, 8)
    outcomes = run_at_once(
        [run_round(offices[i % 3], s) for i, s in enumerate([scheme, scheme, other, other] * 2)]
    )
    assert sum(outcomes.values()) == 8 and all(o.startswith("round:") for o in outcomes), outcomes
    # Every flat fits someone of one scheme or the other: all ten are offered, once.
    assert assert_no_double() == 10
    assert Apartment.objects.filter(status=ApartmentStatus.VACANT).count() == 0


@needs_postgres
@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("reference_data")
def test_rounds_and_declines_at_once_never_double_an_offer(make_user):
    scheme, other = SchemeFactory(), SchemeFactory()
    office = make_user("office_admin")
    flats(8)
    households(scheme, 10)
    households(other, 4)
    services.round_run(actor=office, scheme=scheme, today=MONDAY, now=NOW)
    first = list(Offer.objects.values_list("pk", flat=True))
    assert len(first) == 8
    # Four more flats fall vacant, and everyone declines while both schemes' rounds run.
    flats(4)
    outcomes = run_at_once(
        [decline(pk) for pk in first] + [run_round(office, s) for s in (scheme, other) * 3],
        at_most=20,
    )
    assert outcomes["declined"] == 8, outcomes
    assert sum(n for o, n in outcomes.items() if o.startswith("round:")) == 6, outcomes
    assert assert_no_double() > 0
    assert not Offer.objects.filter(pk__in=first).exclude(status=OfferStatus.DECLINED).exists()
    # Nobody is offered again a flat they declined.
    for offer in Offer.objects.filter(pk__in=first):
        assert not Offer.objects.filter(
            LIVE_OFFER, entry=offer.entry, apartment=offer.apartment
        ).exists()
