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


# Applications, schooling and a talent's own household ----------------------------------------


def talent_of(user):
    """The talent record of a signed-in user, or None."""
    from talentzone.directory.models import Talent

    if user is None or not user.is_authenticated:
        return None
    return Talent.objects.select_related("tier").filter(user_id=user.pk).first()


def reads_schooling_of_all(user) -> bool:
    """The office, leaders and the education bureau read every schooling request."""
    from talentzone.core.choices import Role
    from talentzone.core.roles import has_role

    from .rules import in_education_bureau

    return has_role(user, Role.OFFICE_ADMIN, Role.LEADER) or in_education_bureau(user)


def schooling_requests(user):
    """The schooling requests the user sees: all of them for the office, leaders and the
    education bureau; a talent their own; nobody else any."""
    from .models import SchoolingRequest

    rows = SchoolingRequest.objects.select_related(
        "application", "application__policy", "application__talent", "assigned_by"
    ).order_by("-application__created_at", "-id")
    if reads_schooling_of_all(user):
        return rows
    talent = talent_of(user)
    if talent is None:
        return rows.none()
    return rows.filter(application__talent=talent)


def schooling_to_assign(user):
    """Approved schooling requests without a school yet, for those who record schools."""
    from talentzone.policies.choices import ApplicationStatus

    if not user.has_perm("housing.assign_school"):
        from .models import SchoolingRequest

        return SchoolingRequest.objects.none()
    return schooling_requests(user).filter(
        application__status=ApplicationStatus.APPROVED, school_assigned=""
    )


def household(talent, *, today: datetime.date | None = None) -> dict:
    """A talent's own page: their live queue entry with its score and positions per layout, the
    open or accepted offer, the active lease, and their housing applications."""
    from .choices import LeaseStatus, OfferStatus
    from .models import HousingRequest, Lease

    today = _today(today)
    entry = (
        QueueEntry.objects.filter(talent=talent)
        .exclude(status=EntryStatus.WITHDRAWN)
        .select_related("scheme", "talent", "talent__tier")
        .order_by("-approved_on", "-id")
        .first()
    )
    from .services import priority

    offers = Offer.objects.filter(entry__talent=talent).select_related(
        "apartment", "apartment__community", "entry__scheme"
    )
    return {
        "entry": entry,
        "score": priority(entry, today=today) if entry else None,
        "positions": queue_positions(entry, today=today) if entry else {},
        "offer": offers.filter(status__in=[OfferStatus.OPEN, OfferStatus.ACCEPTED]).first(),
        "past_offers": list(
            offers.exclude(status__in=[OfferStatus.OPEN, OfferStatus.ACCEPTED])[:10]
        ),
        "lease": Lease.objects.filter(talent=talent, status=LeaseStatus.ACTIVE)
        .select_related("apartment", "apartment__community")
        .first(),
        "requests": list(
            HousingRequest.objects.filter(application__talent=talent)
            .select_related("application", "application__policy")
            .order_by("-application__created_at")
        ),
    }
