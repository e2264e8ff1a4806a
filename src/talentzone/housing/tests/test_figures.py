"""The talent apartments' figures on a hand-made estate: flats let and occupancy per community,
and the households in the queue per scheme, on the last day of a period."""

import datetime
from urllib.parse import parse_qs, urlparse

import pytest
from django.urls import reverse

from talentzone.core.figures import Period, get
from talentzone.housing import queries
from talentzone.housing.choices import EntryStatus, LeaseStatus
from talentzone.housing.models import Lease, QueueEntry
from talentzone.housing.tests.conftest import at
from talentzone.housing.tests.factories import (
    ApartmentFactory,
    CommunityFactory,
    QueueEntryFactory,
    SchemeFactory,
)

pytestmark = pytest.mark.django_db

JUNE, MAY = Period.month(2026, 6), Period.month(2026, 5)


def d(month: int, day: int, year: int = 2026) -> datetime.date:
    return datetime.date(year, month, day)


def lease(apartment, starts_on, *, ended_on=None, entry=None, status=None) -> Lease:
    """A lease of a year from `starts_on`; ended on `ended_on` (its last day) when given."""
    entry = entry or QueueEntryFactory(status=EntryStatus.HOUSED, approved_on=d(1, 1, 2025))
    if status is None:
        status = LeaseStatus.ACTIVE if ended_on is None else LeaseStatus.TERMINATED
    return Lease.objects.create(
        apartment=apartment,
        entry=entry,
        talent=entry.talent,
        starts_on=starts_on,
        ends_on=starts_on.replace(year=starts_on.year + 1) - datetime.timedelta(days=1),
        rent_fen=150000,
        deposit_fen=150000,
        status=status,
        ended_on=ended_on,
        end_reason="退租" if ended_on else "",
    )


@pytest.fixture
def estate():
    """Community A, 3 flats: a1 let since January; a2 let from February, its lease's last day
    30 June; a3 signed to start on 1 July. Community B, 2 flats: b1 let until 31 May and renewed
    from 1 June; b2 let until 29 June. Community C without flats."""
    a, b, c = (CommunityFactory(name=name) for name in ("A区公寓", "B区公寓", "C区公寓"))
    a1, a2, a3 = (ApartmentFactory(community=a, status="let") for _ in range(3))
    b1, b2 = (ApartmentFactory(community=b, status="let") for _ in range(2))
    lease(a1, d(1, 1))
    lease(a2, d(2, 1), ended_on=d(6, 30))
    lease(a3, d(7, 1))
    old = lease(b1, d(6, 1, 2025), ended_on=d(5, 31), status=LeaseStatus.ENDED)
    lease(b1, d(6, 1), entry=old.entry)
    lease(b2, d(3, 1), ended_on=d(6, 29))
    return {"a": a, "b": b, "c": c}


def test_flats_let_per_community_on_the_last_day(estate):
    data = queries.flats_let(JUNE)

    assert data.categories == ["A区公寓", "B区公寓", "C区公寓"]
    assert data.keys == [str(estate[name].pk) for name in "abc"]
    assert data.get("let").values == [2, 1, 0]  # a1, a2 (its last day); b1 (renewed, once)
    assert data.get("not_let").values == [1, 1, 0]  # a3 (starts tomorrow); b2 (left on 29 June)


def test_flats_let_on_an_earlier_day(estate):
    assert queries.flats_let(MAY).get("let").values == [2, 2, 0]  # b1's old lease, b2
    january = queries.flats_let(Period(d(1, 1), d(1, 15)))
    assert january.get("let").values == [1, 1, 0]  # a1; b1's old lease (June 2025 – May 2026)


def test_occupancy_per_community_and_of_the_whole_estate(estate):
    data = queries.occupancy(JUNE)

    assert data.keys == [str(estate[name].pk) for name in "abc"] + [""]
    assert data.get("occupancy").values == [66.7, 50.0, 0.0, 60.0]  # 2/3, 1/2, none, 3/5


def test_a_past_day_says_the_flats_are_counted_as_they_are_today(estate):
    assert str(queries.occupancy(Period.month(2020, 1)).note)
    future = queries.occupancy(Period.month(2099, 12))
    assert future.note == ""
    # An active lease holds its flat until it is ended, even past its planned end: a1, a3, b1.
    assert future.get("occupancy").values == [66.7, 50.0, 0.0, 60.0]


def test_no_community_no_figure():
    data = queries.occupancy(JUNE)
    assert (data.keys, data.get("occupancy").values) == ([""], [0.0])
    assert queries.flats_let(JUNE).categories == []


@pytest.fixture
def queue():
    """Scheme A: waiting since March (1); offered, approved on 30 June (2); approved on 1 July
    (3); moved in on 15 June (4); signed, moving in on 1 July (5); withdrawn on 20 June (6) and
    on 5 July (7); housed from January, moved out in May and withdrawn (8). Scheme B: waiting
    since 31 December 2025 (9)."""
    a, b = SchemeFactory(name="A计划"), SchemeFactory(name="B计划")
    flat = ApartmentFactory

    def entry(scheme, approved_on, status=EntryStatus.WAITING):
        return QueueEntryFactory(scheme=scheme, approved_on=approved_on, status=status)

    entry(a, d(3, 1))
    entry(a, d(6, 30), EntryStatus.OFFERED)
    entry(a, d(7, 1))
    lease(flat(), d(6, 15), entry=entry(a, d(2, 1), EntryStatus.HOUSED))
    lease(flat(), d(7, 1), entry=entry(a, d(2, 1), EntryStatus.HOUSED))
    for withdrawn_on in (d(6, 20), d(7, 5)):
        gone = entry(a, d(2, 1), EntryStatus.WITHDRAWN)
        QueueEntry.objects.filter(pk=gone.pk).update(updated_at=at(withdrawn_on, 10))
    moved_out = entry(a, d(12, 1, 2025), EntryStatus.WITHDRAWN)
    lease(flat(), d(1, 10), ended_on=d(5, 31), entry=moved_out)
    entry(b, d(12, 31, 2025))
    return {"a": a, "b": b}


def test_households_in_the_queue_on_the_last_day(queue):
    data = queries.queue_length(JUNE)

    assert data.categories == ["A计划", "B计划"]
    assert data.keys == [str(queue["a"].pk), str(queue["b"].pk)]
    assert data.get("households").values == [4, 1]  # 1, 2, 5, 7; 9


def test_households_in_the_queue_on_an_earlier_day(queue):
    june_14 = queries.queue_length(Period(d(6, 1), d(6, 14)))
    assert june_14.get("households").values == [5, 1]  # 1, 4, 5, 6, 7; 9
    new_year = queries.queue_length(Period(d(1, 1), d(1, 1)))
    assert new_year.get("households").values == [1, 1]  # 8 (moves in on 10 January); 9
    assert queries.queue_length(Period.month(2025, 11)).get("households").values == [0, 0]


def test_the_figures_drill_down_to_the_office_s_pages(client, make_user, estate, queue):
    period = JUNE
    flats, rate, waiting = get("housing.flats_let"), get("housing.occupancy"), get("housing.queue")
    community = str(estate["b"].pk)

    assert flats.drill(community, period) == rate.drill(community, period)
    assert parse_qs(urlparse(rate.drill(community, period)).query) == {"community": [community]}
    assert rate.drill("", period) == reverse("housing:board")
    assert waiting.drill("", period) is None

    client.force_login(make_user("leader"))
    board = client.get(rate.drill(community, period))
    assert board.status_code == 200 and board.context["community"] == estate["b"]
    scheme = client.get(waiting.drill(str(queue["b"].pk), period))
    assert scheme.status_code == 200 and scheme.context["scheme"] == queue["b"]
