"""Figures are computed once and reused until a record they read changes; the wall screen's
figures are kept warm by a beat task. Only `directory.talents_by_tier` is used: the other
figures come and go."""

import datetime

import pytest
from celery.schedules import crontab
from django.conf import settings
from django.core.cache import cache
from django.utils import timezone

from talentzone.core import figures as registry
from talentzone.core.figures import Period
from talentzone.directory.models import Talent
from talentzone.directory.tests.factories import TalentFactory, tier
from talentzone.insights import tasks
from talentzone.insights.cache import compute, compute_key

KEY = "directory.talents_by_tier"
YEAR = Period.year(2025)


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def municipal(db):
    municipal = tier("municipal")
    TalentFactory(tier=municipal, arrival_date=datetime.date(2024, 6, 1))
    return municipal


def count(computed, municipal) -> int:
    return computed.data.value(str(municipal.pk))


def test_a_cached_figure_is_reused(municipal, django_assert_num_queries):
    first = compute_key(KEY, YEAR)
    assert count(first, municipal) == 1
    with django_assert_num_queries(0):
        again = compute_key(KEY, YEAR)
    assert again.as_of == first.as_of
    assert again.data == first.data
    # Another period is another figure.
    other = compute_key(KEY, Period.year(2023))
    assert count(other, municipal) == 0
    assert other.as_of > first.as_of


def test_saving_a_talent_makes_the_figure_computed_afresh(municipal):
    first = compute_key(KEY, YEAR)
    TalentFactory(tier=municipal, arrival_date=datetime.date(2025, 1, 1))
    second = compute_key(KEY, YEAR)
    assert count(second, municipal) == 2
    assert second.as_of > first.as_of
    talent = Talent.objects.order_by("pk").first()
    talent.tier = tier("provincial_high")
    talent.save()
    assert count(compute_key(KEY, YEAR), municipal) == 1


def test_a_bulk_write_announced_makes_it_computed_afresh(municipal):
    assert count(compute_key(KEY, YEAR), municipal) == 1
    Talent.objects.update(tier=tier("provincial_high"))  # no model signal
    assert count(compute_key(KEY, YEAR), municipal) == 1  # the cache still holds the old count
    registry.changed("directory.Talent")
    assert count(compute_key(KEY, YEAR), municipal) == 0


def test_the_beat_task_warms_the_overview_afresh(municipal):
    period = Period.year_to_date(timezone.localdate())
    before = compute(registry.get(KEY), period)
    warmed = tasks.warm_overview.delay().get()
    assert warmed >= len(settings.LANGUAGES)  # at least the tier figure, in every language
    assert KEY in tasks.overview_keys()
    after = compute(registry.get(KEY), period)
    assert after.as_of > before.as_of
    assert count(after, municipal) == 1


def test_beat_runs_it_every_ten_minutes():
    entry = next(
        entry
        for entry in settings.CELERY_BEAT_SCHEDULE.values()
        if entry["task"] == "insights.warm_overview"
    )
    assert entry["schedule"] == crontab(minute="*/10")
    assert entry["schedule"].minute == set(range(0, 60, 10))
