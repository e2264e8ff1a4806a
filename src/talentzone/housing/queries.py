"""Read-only views of the talent apartments: a household's place in the queue per layout, a
scheme's ordered queue, the flats' board and a round's report."""

import datetime

from django.db.models import Count, Q
from django.utils import timezone

from .choices import ApartmentStatus, EntryStatus
from .models import Community, Offer, QueueEntry, Round, Scheme
from .services import QUEUED_STATUSES, Score, _fits_layout, _queued, ranked


def _today(today: datetime.date | None) -> datetime.date:
    return today or timezone.localtime(timezone.now()).date()


def queue_for(
    scheme: Scheme, *, today: datetime.date | None = None
) -> list[tuple[QueueEntry, Score]]:
    """The scheme's households still in the queue (waiting or holding an offer) with their
    scores, in priority order (score desc, in the queue since asc, entry id asc)."""
    return ranked(_queued(scheme.pk), today=_today(today))


def queue_positions(entry: QueueEntry, *, today: datetime.date | None = None) -> dict[str, int]:
    """{layout: 1-based place} of the household among the scheme's queued households that want
    and fit that layout; only the layouts it wants and fits. Empty once it left the queue."""
    if entry.status not in QUEUED_STATUSES:
        return {}
    queue = queue_for(entry.scheme, today=today)
    positions = {}
    for layout in entry.layouts:
        if not _fits_layout(entry, layout):
            continue
        fitting = [e.pk for e, _score in queue if _fits_layout(e, layout)]
        if entry.pk in fitting:
            positions[layout] = fitting.index(entry.pk) + 1
    return positions


def board(*, community: Community | None = None) -> list[dict]:
    """Per community: its flats counted by status, the total and the occupancy (let ÷ all flats,
    whole percent)."""
    communities = Community.objects.order_by("name")
    if community is not None:
        communities = communities.filter(pk=community.pk)
    counts = {
        status: Count("apartments", filter=Q(apartments__status=status))
        for status in ApartmentStatus.values
    }
    rows = []
    for row in communities.annotate(total=Count("apartments"), **counts):
        by_status = {status: getattr(row, status) for status in ApartmentStatus.values}
        rows.append(
            {
                "community": row,
                "total": row.total,
                **by_status,
                "occupancy": round(100 * by_status[ApartmentStatus.LET] / row.total)
                if row.total
                else 0,
            }
        )
    return rows


def round_report(round: Round) -> dict:
    """The round's offers (flat, household, score, rank, reason, status) in the order made, and
    how many flats it considered went to no one."""
    offers = list(
        Offer.objects.filter(round=round)
        .select_related("apartment", "apartment__community", "entry", "entry__talent")
        .order_by("id")
    )
    return {
        "round": round,
        "offers": offers,
        "unoffered": max(round.flats_considered - len(offers), 0),
        "households_waiting": round.households_waiting,
    }


def waiting_count(scheme: Scheme) -> int:
    return QueueEntry.objects.filter(scheme=scheme, status=EntryStatus.WAITING).count()
