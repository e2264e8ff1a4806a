"""The evaluations' figure: nominations, admissions and winners per round, over hand-made rounds.

Nominations are written at chosen moments (a clock stands in for `timezone.now`, which their
timestamps read); times are the zone's (Asia/Shanghai). The expected numbers are worked out by
hand in each test.
"""

import datetime
from contextlib import contextmanager
from decimal import Decimal
from unittest import mock

import pytest
from django.urls import reverse
from django.utils import timezone

from talentzone.awards import figures, queries
from talentzone.awards.choices import EntryStatus, NominationStatus, RoundStatus
from talentzone.awards.models import RankingEntry
from talentzone.awards.tests.factories import NominationFactory, RoundFactory
from talentzone.core import figures as registry
from talentzone.core.figures import Chart, Period

YEAR = Period.year(2026)
JUNE = Period.month(2026, 6)


def local(month: int, day: int, hour: int = 10, minute: int = 0, year: int = 2026):
    return timezone.make_aware(datetime.datetime(year, month, day, hour, minute))


@contextmanager
def clock(moment: datetime.datetime):
    with mock.patch("django.utils.timezone.now", return_value=moment):
        yield


def nominate(round_, made, status=NominationStatus.SUBMITTED, screened=None):
    with clock(made):
        return NominationFactory(
            round=round_,
            status=status,
            screened_at=screened,
            refusal_reason="不符合条件" if status == NominationStatus.REFUSED else "",
        )


def rank(nomination, place: int, status: str) -> RankingEntry:
    return RankingEntry.objects.create(
        round=nomination.round,
        nomination=nomination,
        rank=place,
        score=Decimal("90.00") - place,
        mean_all=Decimal("90.00") - place,
        experts_counted=5,
        status=status,
    )


class Rounds:
    """r1 zone evaluation 2026, nominations 1–30 June, announced 20 Aug:
        n1 made 5 Jun admitted 2 Jul, named; n2 made 10 Jun admitted 2 Jul, named;
        n3 made 12 Jun refused 3 Jul; n4 made 20 Jun withdrawn;
        n5 made 30 Jun 23:30 admitted 3 Jul, removed after an objection.
    r2 recommendation 2026, nominations 1–31 March, screening:
        m1 made 5 Mar admitted 2 Apr; m2 made 10 Mar, not yet screened.
    r3 2026, still a draft (never shown).
    r4 zone evaluation 2025, announced 1 Dec 2025: one nominee admitted and named.
    r5 2026, nominations from 1 October, open, none yet.
    """

    def __init__(self):
        self.r1 = RoundFactory(
            title="2026年度优秀人才评选",
            status=RoundStatus.ANNOUNCED,
            ranked_on=datetime.date(2026, 8, 1),
            announced_on=datetime.date(2026, 8, 20),
        )
        admitted = NominationStatus.ADMITTED
        n1 = nominate(self.r1, local(6, 5), admitted, local(7, 2))
        n2 = nominate(self.r1, local(6, 10), admitted, local(7, 2, 16))
        nominate(self.r1, local(6, 12), NominationStatus.REFUSED, local(7, 3))
        nominate(self.r1, local(6, 20), NominationStatus.WITHDRAWN)
        n5 = nominate(self.r1, local(6, 30, 23, 30), admitted, local(7, 3, 0, 30))
        rank(n1, 1, EntryStatus.NAMED)
        rank(n2, 2, EntryStatus.NAMED)
        rank(n5, 3, EntryStatus.REMOVED)

        self.r2 = RoundFactory(
            recommendation=True,
            title="2026年省百人计划推荐",
            nominations_open=datetime.date(2026, 3, 1),
            nominations_close=datetime.date(2026, 3, 31),
            status=RoundStatus.SCREENING,
        )
        nominate(self.r2, local(3, 5), admitted, local(4, 2))
        nominate(self.r2, local(3, 10))

        self.r3 = RoundFactory(title="草稿评选", status=RoundStatus.DRAFT)

        self.r4 = RoundFactory(
            year=2025,
            title="2025年度优秀人才评选",
            nominations_open=datetime.date(2025, 6, 1),
            nominations_close=datetime.date(2025, 6, 30),
            status=RoundStatus.ANNOUNCED,
            announced_on=datetime.date(2025, 12, 1),
        )
        old = nominate(self.r4, local(6, 3, year=2025), admitted, local(7, 1, year=2025))
        rank(old, 1, EntryStatus.NAMED)

        self.r5 = RoundFactory(
            title="2026年度青年人才评选",
            nominations_open=datetime.date(2026, 10, 1),
            nominations_close=datetime.date(2026, 10, 31),
            status=RoundStatus.NOMINATING,
        )


@pytest.fixture
def rounds(db):
    return Rounds()


def table(data) -> dict[str, list[int]]:
    return {series.key: series.values for series in data.series}


def test_nominations_by_round_over_the_year(rounds):
    data = queries.nominations_by_round(YEAR)

    # In the order nominations opened; the draft and 2025's round are left out.
    assert data.keys == [str(rounds.r2.pk), str(rounds.r1.pk), str(rounds.r5.pk)]
    assert data.categories == [
        "2026年省百人计划推荐",
        "2026年度优秀人才评选",
        "2026年度青年人才评选",
    ]
    # r1: four nominations (the withdrawn one left out), three admitted, two named (the third
    # removed after an objection).
    assert table(data) == {
        "nominated": [2, 4, 0],
        "admitted": [1, 3, 0],
        "named": [0, 2, 0],
    }


def test_nominations_by_round_as_they_stood_at_the_end_of_june(rounds):
    data = queries.nominations_by_round(JUNE)

    # r5 had not opened. r1's nomination at 23:30 on 30 June counts; its screening (July) and
    # announcement (August) had not happened; r2's screening in April had.
    assert data.keys == [str(rounds.r2.pk), str(rounds.r1.pk)]
    assert table(data) == {"nominated": [2, 4], "admitted": [1, 0], "named": [0, 0]}


def test_admissions_count_by_the_end_of_the_periods_last_day(rounds):
    # n1 and n2 were admitted on 2 July (n2 at 16:00); n5 at 00:30 on 3 July.
    data = queries.nominations_by_round(
        Period(datetime.date(2026, 7, 1), datetime.date(2026, 7, 2))
    )
    assert table(data)["admitted"] == [1, 2]


def test_nominations_by_round_of_another_year_and_before_any_round_opened(rounds):
    assert table(queries.nominations_by_round(Period.year(2025))) == {
        "nominated": [1],
        "admitted": [1],
        "named": [1],
    }
    february = queries.nominations_by_round(Period.month(2026, 2))
    assert february.categories == [] and february.total() == 0


def test_nominations_by_round_on_an_empty_database(db):
    assert queries.nominations_by_round(YEAR).categories == []


def test_the_drill_opens_the_rounds_screening_list(client, make_user, rounds):
    url = figures.nominations_of_round(str(rounds.r1.pk), YEAR)
    assert url == reverse("awards:nominations", args=[rounds.r1.pk])
    assert figures.nominations_of_round("", YEAR) is None
    client.force_login(make_user("office_admin"))
    assert client.get(url).status_code == 200


def test_the_figure_is_registered():
    figure = registry.get("awards.nominations_by_round")
    assert (figure.chart, figure.stock) == (Chart.BAR, True)
    assert set(figure.depends_on) == {"awards.Round", "awards.Nomination", "awards.RankingEntry"}
