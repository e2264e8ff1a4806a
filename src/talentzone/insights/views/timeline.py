"""The 360° pages (跟踪服务): everything the zone did with and for one talent or one enterprise,
newest first, merged from what each app registers in `core.timeline`.

Who may open one: the permission `insights.view_timeline` (the office, leaders, grid officers;
anyone else 403), and the record must be inside the reader's scope
(`directory.queries.visible_talents / visible_enterprises`: a grid officer reads the talents and
enterprises of their grid; outside it, 404). The API (`insights/timeline_api.py`) answers with
the same entries, read through the same functions here.
"""

import datetime
from collections import Counter
from dataclasses import dataclass

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from talentzone.core import timeline
from talentzone.directory import queries as directory_queries
from talentzone.directory.choices import TalentStatus
from talentzone.directory.models import Enterprise, Talent

PERMISSION = "insights.view_timeline"

# How each source looks on the page: a Bootstrap colour and a Bootstrap icon.
LOOKS = {
    "directory": ("secondary", "bi-person-vcard"),
    "policies": ("success", "bi-cash-coin"),
    "recruiting": ("primary", "bi-briefcase"),
    "venues": ("info", "bi-door-open"),
    "events": ("warning", "bi-calendar-event"),
    "cases": ("danger", "bi-life-preserver"),
    "housing": ("dark", "bi-house-door"),
    "awards": ("warning", "bi-trophy"),
}
DEFAULT_LOOK = ("secondary", "bi-dot")


def require_reader(user) -> None:
    if not user.has_perm(PERMISSION):
        raise PermissionDenied("The 360° pages are read by the office, leaders and grid officers.")


def talent_for(user, pk: int) -> Talent:
    """The talent `pk` if `user` may follow it: 403 without the permission, 404 out of scope."""
    require_reader(user)
    return get_object_or_404(directory_queries.visible_talents(user), pk=pk)


def enterprise_for(user, pk: int) -> Enterprise:
    require_reader(user)
    return get_object_or_404(directory_queries.visible_enterprises(user), pk=pk)


def entries_of(kind: str, record, user) -> list[timeline.Entry]:
    if kind == "talent":
        return timeline.talent_timeline(record, user)
    return timeline.enterprise_timeline(record, user)


def sources_for(kind: str) -> list[timeline.Source]:
    """The registered sources that have something to say about this kind of record."""
    return [source for source in timeline.sources() if getattr(source, kind) is not None]


def is_moment(entry: timeline.Entry) -> bool:
    return isinstance(entry.when, datetime.datetime)


def local_day(entry: timeline.Entry) -> datetime.date:
    return timezone.localtime(entry.when).date() if is_moment(entry) else entry.when


@dataclass
class Row:
    """One entry as the page shows it."""

    entry: timeline.Entry
    day: datetime.date
    time: str  # "HH:MM" on the zone's clock, or "" for a day
    colour: str
    icon: str
    source_label: str


def talent_facts(talent: Talent) -> list[tuple[str, str]]:
    facts = [
        (_("Status"), talent.get_status_display()),
        (_("Tier"), str(talent.tier) if talent.tier_id else "—"),
        (_("Employer"), str(talent.employer) if talent.employer_id else "—"),
        (_("Education"), talent.get_education_display()),
        (_("Professional title"), talent.get_title_display()),
        (_("Industry"), talent.get_industry_display()),
        (
            _("Arrived in the zone on"),
            talent.arrival_date.isoformat() if talent.arrival_date else "—",
        ),
    ]
    if talent.status == TalentStatus.LEFT and talent.left_on:
        facts.append((_("Left the zone on"), talent.left_on.isoformat()))
    return facts


def enterprise_facts(enterprise: Enterprise) -> list[tuple[str, str]]:
    counts = Talent.objects.filter(employer=enterprise).aggregate(
        in_zone=Count("pk", filter=Q(status=TalentStatus.IN_ZONE)),
        total=Count("pk"),
    )
    kinds = [
        label
        for flag, label in (
            (enterprise.above_scale, _("Above designated size")),
            (enterprise.high_tech, _("High-tech enterprise")),
            (enterprise.rd_institution, _("R&D institution")),
        )
        if flag
    ]
    return [
        (_("Industry"), enterprise.get_industry_display()),
        (_("Grid"), str(enterprise.grid)),
        (_("Employees"), str(enterprise.employees)),
        (_("Talents in the zone"), str(counts["in_zone"])),
        (_("Talents on record"), str(counts["total"])),
        (_("Kind"), "、".join(str(kind) for kind in kinds) or "—"),
        (_("Founded on"), enterprise.founded_on.isoformat() if enterprise.founded_on else "—"),
    ]


def render_timeline(request, kind: str, record, facts, detail_url: str):
    entries = entries_of(kind, record, request.user)
    sources = sources_for(kind)
    counts = Counter(entry.source for entry in entries)
    keys = {source.key for source in sources}
    chosen = request.GET.get("source", "")
    if chosen not in keys:
        chosen = ""
    labels = {source.key: source.label for source in sources}
    rows = []
    for entry in entries:
        if chosen and entry.source != chosen:
            continue
        colour, icon = LOOKS.get(entry.source, DEFAULT_LOOK)
        rows.append(
            Row(
                entry=entry,
                day=local_day(entry),
                time=f"{timezone.localtime(entry.when):%H:%M}" if is_moment(entry) else "",
                colour=colour,
                icon=icon,
                source_label=str(labels.get(entry.source, entry.source)),
            )
        )
    chips = [
        {
            "key": source.key,
            "label": source.label,
            "count": counts.get(source.key, 0),
            "active": source.key == chosen,
            "colour": LOOKS.get(source.key, DEFAULT_LOOK)[0],
            "icon": LOOKS.get(source.key, DEFAULT_LOOK)[1],
        }
        for source in sources
    ]
    context = {
        "kind": kind,
        "record": record,
        "facts": facts,
        "detail_url": detail_url,
        "rows": rows,
        "chips": chips,
        "chosen": chosen,
        "total": len(entries),
        "api_url": reverse(f"insights-api:{kind}-timeline", args=[record.pk]),
    }
    return render(request, "insights/timeline.html", context)


@login_required
def talent_timeline(request, pk: int):
    talent = talent_for(request.user, pk)
    return render_timeline(
        request,
        "talent",
        talent,
        talent_facts(talent),
        reverse("directory:talent-detail", args=[talent.pk]),
    )


@login_required
def enterprise_timeline(request, pk: int):
    enterprise = enterprise_for(request.user, pk)
    return render_timeline(
        request,
        "enterprise",
        enterprise,
        enterprise_facts(enterprise),
        reverse("directory:enterprise-detail", args=[enterprise.pk]),
    )
