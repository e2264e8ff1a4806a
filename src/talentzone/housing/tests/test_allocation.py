"""Allocation rounds on a hand-made case with one fair answer, the queue's entry rules and the
queue's read views.

The case (Monday 1 June 2026; every talent arrived 1 March 2020 = 12 points, every household in
the queue since 1 January 2026 = 5 points; members 3 points each):

    household  tier (points)          size  wants                 score
    A          national_top (40)       1    studio, one bedroom   17 + 40 + 3  = 60
    E          national_leading (30)   1    studio                17 + 30 + 3  = 50
    B          provincial_high (20)    4    two or three rooms    17 + 20 + 12 = 49
    C          municipal (10)          5    three rooms           17 + 10 + 15 = 42
    D          district (5)            2    two rooms             17 + 5 + 6   = 28

    flats, in the order taken: 1-101 studio, 1-102 two rooms, 1-103 three rooms, 1-104 one room

1-101 → A (rank 1 of A, E). 1-102 → B (rank 1 of B, D). 1-103 → C: B ranks first for it but
already holds 1-102 this round, so C is rank 2 of 2. 1-104: only A wants a one-bedroom flat, and A
already has an offer: it stays vacant. D and E wait.
"""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from talentzone.core.models import Notification
from talentzone.directory.tests.factories import TalentFactory, tier
from talentzone.housing import queries, services
from talentzone.housing.choices import ApartmentStatus, EntryStatus, Layout, OfferStatus
from talentzone.housing.models import Offer, QueueEntry
from talentzone.housing.tests.conftest import MONDAY, NOW, codes, day
from talentzone.housing.tests.factories import (
    ApartmentFactory,
    CommunityFactory,
    QueueEntryFactory,
    talent_user,
)

pytestmark = pytest.mark.django_db

SINCE = datetime.date(2026, 1, 1)


def household(scheme, code, size, layouts, **fields):
    talent, _user = talent_user(tier=tier(code), arrival_date=datetime.date(2020, 3, 1))
    return QueueEntryFactory(
        scheme=scheme,
        talent=talent,
        household_size=size,
        layouts=layouts,
        approved_on=SINCE,
        **fields,
    )


@pytest.fixture
def case(scheme, community):
    flats = {
        unit: ApartmentFactory(community=community, building="1", unit=unit, layout=layout)
        for unit, layout in (
            ("104", Layout.ONE_ROOM),  # made first: the round still takes it last
            ("101", Layout.STUDIO),
            ("103", Layout.THREE_ROOMS),
            ("102", Layout.TWO_ROOMS),
        )
    }
    people = {
        "A": household(scheme, "national_top", 1, [Layout.STUDIO, Layout.ONE_ROOM]),
        "B": household(scheme, "provincial_high", 4, [Layout.TWO_ROOMS, Layout.THREE_ROOMS]),
        "C": household(scheme, "municipal", 5, [Layout.THREE_ROOMS]),
        "D": household(scheme, "district", 2, [Layout.TWO_ROOMS]),
        "E": household(scheme, "national_leading", 1, [Layout.STUDIO]),
    }
    return flats, people


def refreshed(*objects):
    for obj in objects:
        obj.refresh_from_db()


def test_the_round_gives_each_flat_to_the_household_the_rule_names(office, scheme, case):
    flats, people = case
    round = services.round_run(actor=office, scheme=scheme, today=MONDAY, now=NOW)

    offers = {o.apartment.unit: o for o in Offer.objects.filter(round=round)}
    assert {unit: o.entry for unit, o in offers.items()} == {
        "101": people["A"],
        "102": people["B"],
        "103": people["C"],
    }
    assert [(offers[u].score, offers[u].rank) for u in ("101", "102", "103")] == [
        (60, 1),
        (49, 1),
        (42, 2),
    ]
    assert all(o.status == OfferStatus.OPEN for o in offers.values())
    assert all(o.expires_on == day(8) and o.offered_at == NOW for o in offers.values())
    assert "60" in offers["101"].reason and "2" in offers["103"].reason

    refreshed(*flats.values(), *people.values())
    assert [flats[u].status for u in ("101", "102", "103", "104")] == [
        ApartmentStatus.RESERVED,
        ApartmentStatus.RESERVED,
        ApartmentStatus.RESERVED,
        ApartmentStatus.VACANT,  # a one-bedroom flat nobody free wants
    ]
    assert {k: e.status for k, e in people.items()} == {
        "A": EntryStatus.OFFERED,
        "B": EntryStatus.OFFERED,
        "C": EntryStatus.OFFERED,
        "D": EntryStatus.WAITING,
        "E": EntryStatus.WAITING,
    }
    assert (round.flats_considered, round.households_waiting) == (4, 5)
    assert round.unoffered == [flats["104"]]
    assert round.run_by == office and round.run_at == NOW
    told = Notification.objects.filter(recipient=people["A"].talent.user)
    assert told.count() == 1 and "1-101" in told.get().title
    assert not Notification.objects.filter(recipient=people["D"].talent.user).exists()
    report = queries.round_report(round)
    assert [o.apartment.unit for o in report["offers"]] == ["101", "102", "103"]
    assert report["unoffered"] == 1


def test_a_second_round_offers_nothing_new_and_nobody_twice(office, scheme, case):
    flats, people = case
    services.round_run(actor=office, scheme=scheme, today=MONDAY, now=NOW)
    again = services.round_run(actor=office, scheme=scheme, today=MONDAY, now=NOW)
    assert again.offers.count() == 0
    assert (again.flats_considered, again.households_waiting) == (1, 2)
    assert Offer.objects.count() == 3


def test_one_offer_per_household_per_round_the_next_flat_goes_to_the_next(
    office, scheme, community
):
    first = ApartmentFactory(community=community, unit="201", layout=Layout.ONE_ROOM)
    second = ApartmentFactory(community=community, unit="202", layout=Layout.ONE_ROOM)
    top = household(scheme, "national_top", 1, [Layout.ONE_ROOM])
    next_ = household(scheme, "district", 1, [Layout.ONE_ROOM])
    round = services.round_run(actor=office, scheme=scheme, today=MONDAY, now=NOW)
    assert {(o.apartment, o.entry, o.rank) for o in round.offers.all()} == {
        (first, top, 1),
        (second, next_, 2),
    }


def test_a_flat_no_one_fits_stays_vacant(office, scheme, community):
    big = ApartmentFactory(community=community, layout=Layout.STUDIO)
    household(scheme, "national_top", 2, [Layout.ONE_ROOM])  # wants another layout
    household(scheme, "municipal", 3, [Layout.TWO_ROOMS])
    round = services.round_run(actor=office, scheme=scheme, today=MONDAY, now=NOW)
    big.refresh_from_db()
    assert big.status == ApartmentStatus.VACANT
    assert round.offers.count() == 0 and round.unoffered == [big]


def test_flats_under_repair_let_or_reserved_are_not_offered(office, scheme, community):
    for status in (ApartmentStatus.REPAIR, ApartmentStatus.LET, ApartmentStatus.RESERVED):
        ApartmentFactory(community=community, layout=Layout.STUDIO, status=status)
    household(scheme, "national_top", 1, [Layout.STUDIO])
    round = services.round_run(actor=office, scheme=scheme, today=MONDAY, now=NOW)
    assert round.flats_considered == 0 and not Offer.objects.exists()


def test_other_schemes_households_are_not_offered(office, scheme, community):
    from talentzone.housing.tests.factories import SchemeFactory

    ApartmentFactory(community=community, layout=Layout.STUDIO)
    household(SchemeFactory(), "national_top", 1, [Layout.STUDIO])
    round = services.round_run(actor=office, scheme=scheme, today=MONDAY, now=NOW)
    assert round.households_waiting == 0 and not Offer.objects.exists()


def test_only_the_office_runs_a_round(leader, scheme, case):
    _flats, people = case
    with pytest.raises(PermissionDenied):
        services.round_run(actor=leader, scheme=scheme, today=MONDAY, now=NOW)
    with pytest.raises(PermissionDenied):
        services.round_run(actor=people["A"].talent.user, scheme=scheme, today=MONDAY, now=NOW)
    assert not Offer.objects.exists()


# The queue -----------------------------------------------------------------------------------


def test_entering_the_queue(office, scheme):
    talent, user = talent_user()
    entry = services.queue_enter(
        actor=office,
        scheme=scheme,
        talent=talent,
        layouts=[Layout.TWO_ROOMS, Layout.ONE_ROOM, Layout.TWO_ROOMS],
        household_size=2,
        today=MONDAY,
    )
    assert entry.status == EntryStatus.WAITING and entry.approved_on == MONDAY
    assert entry.layouts == [Layout.ONE_ROOM, Layout.TWO_ROOMS]
    assert Notification.objects.filter(recipient=user).count() == 1


@pytest.mark.parametrize(
    ("layouts", "size", "expected"),
    [
        ([], 1, {"layouts": ["invalid"]}),
        (["penthouse"], 1, {"layouts": ["invalid"]}),
        ([Layout.STUDIO], 0, {"household_size": ["invalid"]}),
        ([Layout.STUDIO, Layout.ONE_ROOM], 3, {"household_size": ["too_large"]}),
        ([Layout.THREE_ROOMS], 7, {"household_size": ["too_large"]}),
    ],
)
def test_the_queue_refuses_what_cannot_be_housed(office, scheme, layouts, size, expected):
    talent, _user = talent_user()
    with pytest.raises(ValidationError) as refused:
        services.queue_enter(
            actor=office, scheme=scheme, talent=talent, layouts=layouts, household_size=size
        )
    assert codes(refused.value) == expected
    assert not QueueEntry.objects.exists()


def test_a_household_is_in_one_queue_at_a_time(office, scheme):
    from talentzone.housing.tests.factories import SchemeFactory

    talent, _user = talent_user()
    services.queue_enter(
        actor=office, scheme=scheme, talent=talent, layouts=[Layout.STUDIO], household_size=1
    )
    for other in (scheme, SchemeFactory()):
        with pytest.raises(ValidationError) as refused:
            services.queue_enter(
                actor=office, scheme=other, talent=talent, layouts=[Layout.STUDIO], household_size=1
            )
        assert codes(refused.value) == {"talent": ["already_queued"]}
    assert QueueEntry.objects.count() == 1


def test_a_withdrawn_household_may_queue_again(office, scheme):
    entry = household(scheme, "municipal", 1, [Layout.STUDIO], status=EntryStatus.WITHDRAWN)
    again = services.queue_enter(
        actor=office, scheme=scheme, talent=entry.talent, layouts=[Layout.STUDIO], household_size=1
    )
    assert again.pk != entry.pk


def test_only_the_office_manages_the_queue(leader, scheme):
    talent, user = talent_user()
    for actor in (leader, user):
        with pytest.raises(PermissionDenied):
            services.queue_enter(
                actor=actor, scheme=scheme, talent=talent, layouts=[Layout.STUDIO], household_size=1
            )


def test_withdrawing_cancels_the_offer_and_passes_the_flat_on(office, scheme, case):
    flats, people = case
    services.round_run(actor=office, scheme=scheme, today=MONDAY, now=NOW)
    services.queue_withdraw(actor=office, entry=people["A"], today=day(2), now=NOW)
    refreshed(*people.values(), flats["101"])
    assert people["A"].status == EntryStatus.WITHDRAWN
    assert Offer.objects.get(entry=people["A"]).status == OfferStatus.WITHDRAWN
    passed = Offer.objects.get(apartment=flats["101"], status=OfferStatus.OPEN)
    assert passed.entry == people["E"] and passed.round is None and passed.rank == 1
    assert flats["101"].status == ApartmentStatus.RESERVED
    with pytest.raises(ValidationError) as refused:
        services.queue_withdraw(actor=office, entry=people["A"])
    assert codes(refused.value) == {"entry": ["not_queued"]}


# The queue's read views -----------------------------------------------------------------------


def test_queue_positions_and_the_ordered_queue(office, scheme, case):
    _flats, people = case
    order = [entry for entry, _score in queries.queue_for(scheme, today=MONDAY)]
    assert order == [people[k] for k in "AEBCD"]
    assert queries.queue_positions(people["A"], today=MONDAY) == {
        Layout.STUDIO: 1,
        Layout.ONE_ROOM: 1,
    }
    assert queries.queue_positions(people["E"], today=MONDAY) == {Layout.STUDIO: 2}
    assert queries.queue_positions(people["B"], today=MONDAY) == {
        Layout.TWO_ROOMS: 1,
        Layout.THREE_ROOMS: 1,
    }
    assert queries.queue_positions(people["C"], today=MONDAY) == {Layout.THREE_ROOMS: 2}
    assert queries.queue_positions(people["D"], today=MONDAY) == {Layout.TWO_ROOMS: 2}
    # Offered households keep their place; a withdrawn one has none.
    services.round_run(actor=office, scheme=scheme, today=MONDAY, now=NOW)
    people["D"].refresh_from_db()
    assert queries.queue_positions(people["D"], today=MONDAY) == {Layout.TWO_ROOMS: 2}
    services.queue_withdraw(actor=office, entry=people["D"])
    people["D"].refresh_from_db()
    assert queries.queue_positions(people["D"], today=MONDAY) == {}


def test_the_board_counts_flats_by_status(community):
    other = CommunityFactory(name="蕉城人才公寓")
    for status in ("vacant", "vacant", "reserved", "let", "let", "let", "repair", "let"):
        ApartmentFactory(community=community, status=status)
    ApartmentFactory(community=other, status="vacant")
    rows = {row["community"]: row for row in queries.board()}
    assert rows[community] | {"community": None} == {
        "community": None,
        "total": 8,
        "vacant": 2,
        "reserved": 1,
        "let": 4,
        "repair": 1,
        "occupancy": 50,
    }
    assert rows[other]["occupancy"] == 0
    assert [row["community"] for row in queries.board(community=other)] == [other]


def test_a_talent_without_an_account_is_still_offered(office, scheme, community):
    flat = ApartmentFactory(community=community, layout=Layout.STUDIO)
    entry = QueueEntryFactory(
        scheme=scheme, talent=TalentFactory(user=None), household_size=1, layouts=[Layout.STUDIO]
    )
    services.round_run(actor=office, scheme=scheme, today=MONDAY, now=NOW)
    assert Offer.objects.get().entry == entry and Offer.objects.get().apartment == flat
