"""Read-only views of the talent apartments: a household's place in the queue per layout, a
scheme's ordered queue, the flats' board and a round's report; and the figures of the
dashboards (`flats_let`, `occupancy`, `queue_length`, see figures.py)."""

import datetime

from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy

from talentzone.core.figures import FigureData, Period, Series

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


# Figures (core.figures; registered in figures.py) ---------------------------------------------


def let_on(day: datetime.date) -> Q:
    """Leases that hold their flat on `day`: started on or before it and not ended before it
    (`ended_on` is the lease's last day; an active lease runs until it is ended, even past its
    planned end)."""
    return Q(starts_on__lte=day) & (Q(ended_on__isnull=True) | Q(ended_on__gte=day))


def _flats_on(day: datetime.date) -> tuple[list[Community], dict[int, int], dict[int, int]]:
    """The communities, {community id: flats} and {community id: flats let on `day`}. The flats
    are those on record today (the estate keeps no dates of flats added or taken out); the
    leases say which were let on `day`."""
    from .models import Apartment, Lease

    communities = list(Community.objects.order_by("name"))
    flats = dict(Apartment.objects.order_by().values_list("community").annotate(n=Count("pk")))
    let = dict(
        Lease.objects.filter(let_on(day))
        .order_by()
        .values_list("apartment__community")
        .annotate(n=Count("apartment", distinct=True))
    )
    return communities, flats, let


def _estate_note(day: datetime.date):
    """The caveat of a past day's figure: the flats are counted as they stand today."""
    if day < _today(None):
        return gettext_lazy("The flats are counted as the estate stands today.")
    return ""


def flats_let(period: Period) -> FigureData:
    """Figure `housing.flats_let`: per community on the period's last day, the flats let (held
    by a lease on that day, see `let_on`) and the flats not let (vacant, offered, under repair),
    stacked to the community's flats (those on record today: see `_flats_on`). A flat whose
    lease ended waits for its move-out inspection as "let" on the board, but counts here as not
    let from the day after the lease's last day. Three queries."""
    communities, flats, let = _flats_on(period.end)
    return FigureData(
        categories=[str(community) for community in communities],
        keys=[str(community.pk) for community in communities],
        series=[
            Series("let", gettext_lazy("Let"), [let.get(c.pk, 0) for c in communities]),
            Series(
                "not_let",
                gettext_lazy("Not let"),
                [max(flats.get(c.pk, 0) - let.get(c.pk, 0), 0) for c in communities],
            ),
        ],
        note=_estate_note(period.end),
    )


def occupancy(period: Period) -> FigureData:
    """Figure `housing.occupancy`: per community on the period's last day, the flats let ÷ its
    flats, in percent (1 decimal; 0 for a community without flats). The same counts as
    `flats_let`; a last category gives every community together. Three queries."""
    communities, flats, let = _flats_on(period.end)

    def rate(let_count: int, total: int) -> float:
        return round(100 * let_count / total, 1) if total else 0.0

    values = [rate(let.get(c.pk, 0), flats.get(c.pk, 0)) for c in communities]
    values.append(rate(sum(let.values()), sum(flats.values())))
    return FigureData(
        categories=[str(community) for community in communities] + [gettext_lazy("All")],
        keys=[str(community.pk) for community in communities] + [""],
        series=[Series("occupancy", gettext_lazy("Occupancy"), values)],
        note=_estate_note(period.end),
    )


def queue_length(period: Period) -> FigureData:
    """Figure `housing.queue`: per scheme, the households in the queue on the period's last day:
    approved by then (`approved_on`), and not yet moved in (no lease of theirs started by then)
    nor withdrawn by then. A household that left without a flat has no date of withdrawal of its
    own: the day its queue entry was last changed stands for it. Households waiting for a flat
    and those holding an offer both count. One query."""
    from .models import Lease

    day = period.end
    leases = Lease.objects.filter(entry=OuterRef("pk"))
    withdrawn_later = Q(status=EntryStatus.WITHDRAWN) & (
        Q(updated_at__date__gt=day) | Exists(leases)
    )
    counts = dict(
        QueueEntry.objects.filter(approved_on__lte=day)
        .exclude(Exists(leases.filter(starts_on__lte=day)))
        .filter(Q(status__in=QUEUED_STATUSES + (EntryStatus.HOUSED,)) | withdrawn_later)
        .order_by()
        .values_list("scheme")
        .annotate(n=Count("pk"))
    )
    schemes = list(Scheme.objects.order_by("name"))
    return FigureData(
        categories=[str(scheme) for scheme in schemes],
        keys=[str(scheme.pk) for scheme in schemes],
        series=[
            Series("households", gettext_lazy("Households"), [counts.get(s.pk, 0) for s in schemes])
        ],
    )
