"""The priority formula, on figures worked out by hand, and the order it puts households in.

The test scheme: municipal tier 10 points, 2 a year in the zone, 3 a household member, 1 a month
waited. On Monday 1 June 2026 a municipal talent who arrived on 1 March 2020 (6 whole years), with
a household of 3, in the queue since 1 January 2026 (5 whole months) scores
10 + 6×2 + 3×3 + 5×1 = 36.
"""

import datetime

import pytest

from talentzone.directory.tests.factories import TalentFactory, tier
from talentzone.housing.choices import Layout
from talentzone.housing.services import fits, order_key, priority, ranked
from talentzone.housing.tests.conftest import MONDAY
from talentzone.housing.tests.factories import ApartmentFactory, QueueEntryFactory

pytestmark = pytest.mark.django_db


def household(scheme, *, code="municipal", arrived=datetime.date(2020, 3, 1), **fields):
    talent = TalentFactory(tier=tier(code) if code else None, arrival_date=arrived)
    return QueueEntryFactory(scheme=scheme, talent=talent, **fields)


def test_the_score_adds_up_the_four_parts(scheme):
    entry = household(scheme, household_size=3, approved_on=datetime.date(2026, 1, 1))
    score = priority(entry, today=MONDAY)
    assert score.total == 36
    assert [(figure, points) for _label, figure, points in score.parts] == [
        (str(tier("municipal")), 10),
        (6, 12),
        (3, 9),
        (5, 5),
    ]
    assert score.explain().startswith("36 = ")


def test_only_whole_years_and_whole_months_count(scheme):
    # Arrived 2 June 2020: the sixth year is complete only tomorrow. In the queue since
    # 31 January: 31 May is not yet four months, so 3 … and 1 June is 4.
    entry = household(
        scheme,
        arrived=datetime.date(2020, 6, 2),
        household_size=1,
        approved_on=datetime.date(2026, 1, 31),
    )
    score = priority(entry, today=MONDAY)
    assert [figure for _label, figure, _points in score.parts][1:] == [5, 1, 4]
    assert score.total == 10 + 5 * 2 + 1 * 3 + 4 * 1
    assert priority(entry, today=datetime.date(2026, 6, 2)).parts[1][1] == 6


def test_the_weights_are_the_schemes(scheme):
    scheme.tier_points = {"national_top": 100}
    scheme.points_per_year = 5
    scheme.points_per_member = 0
    scheme.points_per_month_waited = 10
    scheme.save()
    entry = household(
        scheme, code="national_top", household_size=4, approved_on=datetime.date(2026, 4, 1)
    )
    assert priority(entry, today=MONDAY).total == 100 + 6 * 5 + 0 + 2 * 10


def test_a_tier_the_scheme_does_not_name_or_no_tier_gives_no_points(scheme):
    scheme.tier_points = {"national_top": 40}
    scheme.save()
    municipal = household(scheme, household_size=1, approved_on=MONDAY)
    untiered = household(scheme, code=None, household_size=1, approved_on=MONDAY)
    assert priority(municipal, today=MONDAY).total == 12 + 3
    assert priority(untiered, today=MONDAY).total == 12 + 3
    assert priority(untiered, today=MONDAY).parts[0][2] == 0


def test_years_count_from_entering_the_queue_when_arrival_is_unknown(scheme):
    entry = household(scheme, arrived=None, household_size=1, approved_on=datetime.date(2024, 5, 1))
    score = priority(entry, today=MONDAY)
    assert score.parts[1][1:] == (2, 4)  # 2 whole years since 1 May 2024
    assert score.parts[3][1:] == (25, 25)  # and 25 whole months waited
    assert score.total == 10 + 4 + 3 + 25


def test_nothing_is_negative_before_the_start(scheme):
    entry = household(
        scheme, arrived=datetime.date(2027, 1, 1), household_size=1, approved_on=MONDAY
    )
    score = priority(entry, today=MONDAY)
    assert score.parts[1][1:] == (0, 0)
    assert score.parts[3][1:] == (0, 0)


def test_ties_go_to_the_earlier_queue_day_then_the_lower_entry_id(scheme):
    # early: 10 + 12 + 2×3 + 4 months = 32; first and second: 10 + 12 + 3×3 + 1 month = 32.
    early = household(scheme, household_size=2, approved_on=datetime.date(2026, 2, 1))
    first = household(scheme, household_size=3, approved_on=datetime.date(2026, 5, 1))
    assert priority(early, today=MONDAY).total == priority(first, today=MONDAY).total == 32
    second = household(scheme, household_size=3, approved_on=datetime.date(2026, 5, 1))
    higher = household(scheme, household_size=4, approved_on=datetime.date(2026, 5, 1))  # 35
    order = [entry for entry, _score in ranked([second, first, early, higher], today=MONDAY)]
    assert order == [higher, early, first, second]
    assert order_key(first, priority(first, today=MONDAY)) < order_key(
        second, priority(second, today=MONDAY)
    )


def test_a_household_fits_a_flat_it_wants_and_is_not_too_many_for(scheme):
    pair = household(scheme, household_size=2, layouts=[Layout.STUDIO, Layout.ONE_ROOM])
    assert not fits(pair, ApartmentFactory.build(layout=Layout.STUDIO))  # 1 at most
    assert fits(pair, ApartmentFactory.build(layout=Layout.ONE_ROOM))
    assert not fits(pair, ApartmentFactory.build(layout=Layout.TWO_ROOMS))  # not wanted
    family = household(scheme, household_size=6, layouts=[Layout.TWO_ROOMS, Layout.THREE_ROOMS])
    assert not fits(family, ApartmentFactory.build(layout=Layout.TWO_ROOMS))
    assert fits(family, ApartmentFactory.build(layout=Layout.THREE_ROOMS))
