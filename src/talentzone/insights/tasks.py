"""The statistics' background work (Celery autodiscovers this module)."""

import logging

from celery import shared_task
from django.conf import settings
from django.utils import translation

from talentzone.core import figures as registry
from talentzone.core.figures import Period

from . import report_tasks  # noqa: F401  (the reports' task lives beside the reports)
from .cache import compute
from .forms import local_today

log = logging.getLogger(__name__)


def overview_keys() -> list[str]:
    """The registered figures the wall screen shows (its charts and its key numbers)."""
    from .views.overview import KEY_NUMBERS, OVERVIEW_FIGURES

    keys = dict.fromkeys([*OVERVIEW_FIGURES, *(number.figure for number in KEY_NUMBERS)])
    registered = {figure.key for figure in registry.all_figures()}
    return [key for key in keys if key in registered]


@shared_task(name="insights.warm_overview")
def warm_overview() -> int:
    """Compute the wall screen's figures for the year to date afresh, in every language, so
    the screen never waits on a cold cache (beat runs this every 10 minutes, within the
    cache's 15). Returns how many figures were computed; a failing figure is logged and
    skipped."""
    period = Period.year_to_date(local_today())
    done = 0
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            for key in overview_keys():
                try:
                    compute(registry.get(key), period, fresh=True)
                except Exception:
                    log.exception("Warming the overview's figure %s failed.", key)
                    continue
                done += 1
    return done
