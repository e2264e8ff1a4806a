"""Seed the demo's case desk: the working calendar, the case categories, the grid teams' visit
plans and a year of visits, the leaders' experts and their visits, and a year of cases taken up
at the three levels.

`talentzone seed` calls `seed_cases` after the events, in the same transaction (and skips it with
`--registry-only`). Everything is made through `cases.services`, as the people who would have
done it, in the order it would have happened: the seed plays the last twelve months day by day
(`desk.CaseSeeder`). Each day the escalation task and the closing task run (as the beat runs
them), then the day's visits, new cases and the steps people take on the cases they hold:
escalating by hand, convening and holding consultations, finishing tasks, resolving, and the
requesters' confirmations (with their ratings) and reopenings. What was still to happen after the
moment of seeding is left undone, so the cases raised lately are where the desk stands today: open
at each level, overdue, waiting for a consultation or a department's task, resolved and awaiting
the requester's answer. About 160 cases a year are solved at scale 1, as the zone reports.

The services take the clock as arguments (`today`, `now`); the few timeline lines they stamp with
the clock itself (a comment, a consultation called, a department changed) read the seed's clock
while it runs, so every case's timeline is in order. The audit trail and the notifications are
dated when the seed ran; the notifications of what happened more than two weeks before are
marked read.

The same registry gets the same desk relative to the day of seeding: the draws come from
`random.Random` streams with fixed seeds. A larger scale raises more cases (up to twice as many);
the visits follow the enterprises (up to twice the zone's 59 above-scale ones).
"""

import datetime
from collections.abc import Callable

from django.db import transaction
from django.db.models import Count
from django.utils import timezone

from talentzone.cases.choices import CaseStatus, ConsultationStatus, Level
from talentzone.cases.models import (
    Case,
    Category,
    Consultation,
    ConsultationTask,
    Escalation,
    Liaison,
    LiaisonVisit,
    Visit,
    VisitPlan,
)
from talentzone.core.models import CalendarDay

Report = Callable[[str], None]


def is_seeded() -> bool:
    """The demo's categories are there, or the office has entered its own: leave it alone."""
    return Category.objects.exists()


def seed_cases(
    scale: float,
    report: Report = lambda line: None,
    now: datetime.datetime | None = None,
) -> bool:
    """Seed the case desk; False (nothing written) when there are case categories already."""
    if is_seeded():
        return False
    from .desk import CaseSeeder

    with transaction.atomic():
        CaseSeeder(scale, now or timezone.now(), report).seed()
    return True


def case_counts() -> list[tuple[str, int]]:
    """Rows of the case desk, for the seed's summary: cases by status and open cases by level."""
    counts = [
        (str(model._meta.verbose_name_plural), model.objects.count())
        for model in (CalendarDay, Category, VisitPlan, Visit, Liaison, LiaisonVisit, Case)
    ]
    plural = Case._meta.verbose_name_plural
    by_status = dict(Case.objects.values_list("status").annotate(n=Count("id")).order_by("status"))
    counts += [
        (f"{plural} · {status.label}", by_status.get(status.value, 0)) for status in CaseStatus
    ]
    open_cases = Case.objects.filter(status=CaseStatus.OPEN)
    by_level = dict(open_cases.values_list("level").annotate(n=Count("id")).order_by("level"))
    counts += [
        (f"{plural} · {CaseStatus.OPEN.label} · {level.label}", by_level.get(level.value, 0))
        for level in Level
    ]
    escalations = str(Escalation._meta.verbose_name_plural)
    counts += [
        (escalations, Escalation.objects.count()),
        (
            f"{escalations} · {Escalation._meta.get_field('automatic').verbose_name}",
            Escalation.objects.filter(automatic=True).count(),
        ),
    ]
    consultations = Consultation._meta.verbose_name_plural
    counts += [
        (
            f"{consultations} · {status.label}",
            Consultation.objects.filter(status=status).count(),
        )
        for status in ConsultationStatus
    ]
    counts.append(
        (str(ConsultationTask._meta.verbose_name_plural), ConsultationTask.objects.count())
    )
    return counts
