"""Recruiting's figures: referrals, interviews and hires per agency and for the whole zone,
counted on a small hand-made scene with the expected numbers written out by hand. Days are the
zone's local days (Asia/Shanghai), so a referral made at 23:30 on 31 March counts in March."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from talentzone.core import figures as registry
from talentzone.core.choices import Role
from talentzone.core.figures import Period
from talentzone.directory.tests.factories import AgencyFactory
from talentzone.recruiting import queries
from talentzone.recruiting.choices import InterviewOutcome, ReferralStatus
from talentzone.recruiting.figures import funnel_stage, referrals_of_agency
from talentzone.recruiting.models import Referral

from .factories import DemandFactory, InterviewFactory, ReferralFactory

pytestmark = pytest.mark.django_db

LOCAL = ZoneInfo("Asia/Shanghai")
MARCH = Period.month(2026, 3)
HIRED = ReferralStatus.HIRED


def at(text: str) -> datetime.datetime:
    """A moment of the zone's local time, e.g. "2026-03-31 23:30"."""
    return datetime.datetime.fromisoformat(text).replace(tzinfo=LOCAL)


def referral(demand, agency, made: str, **fields) -> Referral:
    made_referral = ReferralFactory(demand=demand, agency=agency, **fields)
    Referral.objects.filter(pk=made_referral.pk).update(created_at=at(made))
    return made_referral


@pytest.fixture
def scene():
    """Agency 甲: referrals made at the first and the last minute of March, one just before
    and one just after it; two of its referrals interviewed in March (one twice), one hired.
    Agency 乙: one referral in March, interviewed late on 31 March; a hire in March of an
    earlier referral, a hire in February. Agency 丙: nothing. The office: one referral."""
    demand = DemandFactory()
    first, second, third = (AgencyFactory(name=n) for n in ("甲人力", "乙人力", "丙人力"))
    r1 = referral(demand, first, "2026-03-01 00:00")
    r2 = referral(demand, first, "2026-03-31 23:30")
    r3 = referral(
        demand, first, "2026-02-28 23:59", status=HIRED, hired_on=datetime.date(2026, 3, 20)
    )
    referral(demand, first, "2026-04-01 00:30")
    InterviewFactory(referral=r1, starts_at=at("2026-03-02 09:00"))
    InterviewFactory(referral=r1, starts_at=at("2026-03-09 09:00"), outcome=InterviewOutcome.PASSED)
    InterviewFactory(referral=r3, starts_at=at("2026-03-05 14:00"))
    InterviewFactory(referral=r2, starts_at=at("2026-04-01 00:10"))  # April, local time

    r5 = referral(demand, second, "2026-03-10 10:00")
    InterviewFactory(
        referral=r5, starts_at=at("2026-03-31 23:00"), outcome=InterviewOutcome.NO_SHOW
    )
    referral(demand, second, "2026-02-01 10:00", status=HIRED, hired_on=datetime.date(2026, 2, 28))
    referral(demand, second, "2026-01-10 10:00", status=HIRED, hired_on=datetime.date(2026, 3, 31))

    referral(demand, None, "2026-03-15 10:00")
    return first, second, third


def test_the_recruiting_figures_are_registered():
    assert registry.get("recruiting.referrals_by_agency").chart == "stacked"
    assert registry.get("recruiting.hiring_funnel").chart == "funnel"
    assert "recruiting.Interview" in registry.get("recruiting.hiring_funnel").depends_on


def test_referrals_by_agency_counts_each_stage_in_the_period(scene):
    first, second, third = scene

    data = queries.referrals_by_agency(MARCH)

    # most hires first, then most referrals; the talent office last
    assert data.keys == [str(first.pk), str(second.pk), str(third.pk), "office"]
    assert [str(c) for c in data.categories[:3]] == ["甲人力", "乙人力", "丙人力"]
    assert data.get("referrals").values == [2, 1, 0, 1]
    assert data.get("interviews").values == [2, 1, 0, 0]
    assert data.get("hires").values == [1, 1, 0, 0]


def test_the_hiring_funnel_adds_up_the_zone(scene):
    data = queries.hiring_funnel(MARCH)

    assert data.keys == ["referred", "interviewed", "hired"]
    assert data.series[0].values == [4, 3, 2]


def test_a_period_of_a_single_day_at_the_months_edge(scene):
    data = queries.hiring_funnel(Period(datetime.date(2026, 3, 31), datetime.date(2026, 3, 31)))

    # r2 made at 23:30; r5 interviewed at 23:00; the hire of 31 March
    assert data.series[0].values == [1, 1, 1]


def test_february_sees_only_its_own_steps(scene):
    first, second, _third = scene

    data = queries.referrals_by_agency(Period.month(2026, 2))

    assert data.keys[:2] == [str(second.pk), str(first.pk)]  # 乙 hired in February
    assert data.get("referrals").values == [1, 1, 0, 0]
    assert data.get("hires").values == [1, 0, 0, 0]


def test_an_empty_period_gives_zeros_for_every_agency_and_the_office(scene):
    data = queries.referrals_by_agency(Period.month(2025, 6))

    assert len(data.keys) == 4
    assert data.total("referrals") == data.total("interviews") == data.total("hires") == 0
    assert queries.hiring_funnel(Period.month(2025, 6)).series[0].values == [0, 0, 0]


def test_drill_downs_go_to_the_pipeline_of_the_agency_or_of_the_hires(scene):
    first, _second, _third = scene
    pipeline = reverse("recruiting:pipeline")

    assert referrals_of_agency(str(first.pk), MARCH) == f"{pipeline}?agency={first.pk}"
    assert referrals_of_agency("office", MARCH) == f"{pipeline}?by_office=true"
    assert funnel_stage("hired", MARCH) == f"{pipeline}?status=hired"
    assert funnel_stage("referred", MARCH) is None


def test_the_agency_drill_down_shows_the_agencys_referrals(scene, client, make_user):
    first, _second, _third = scene
    client.force_login(make_user(Role.OFFICE_ADMIN))

    page = client.get(referrals_of_agency(str(first.pk), MARCH))

    assert page.status_code == 200
    assert page.context["filterset"].qs.count() == 4
