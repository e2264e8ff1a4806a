"""Reads of policies, applications and offers, scoped to the user (outside the scope: 404), and
the app's figures (zone-wide, at the end)."""

import datetime
from decimal import Decimal

from django.db.models import Count, OuterRef, Q, QuerySet, Subquery, Sum
from django.db.models.functions import ExtractMonth, ExtractYear
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from talentzone.core.choices import Role
from talentzone.core.figures import FigureData, Period, Series
from talentzone.core.roles import has_role, roles_of
from talentzone.directory.models import Agency, Enterprise, Talent, Venture
from talentzone.directory.queries import member_ids

from . import ledger
from .choices import (
    ApplicantKind,
    ApplicationStatus,
    EntryKind,
    EventKind,
    OfferStatus,
    StageRole,
)
from .models import Application, ApplicationEvent, LedgerEntry, Offer, Policy
from .money import FEN_PER_YUAN

SEES_EVERY_APPLICATION = (Role.OFFICE_ADMIN, Role.REVIEWER, Role.LEADER)


def applicant_scope(user) -> Q | None:
    """Records naming an applicant the user acts for (Application and Offer alike)."""
    if has_role(user, *SEES_EVERY_APPLICATION):
        return Q()
    scope = Q(talent__user=user) | Q(venture__founders__talent__user=user)
    if has_role(user, Role.ENTERPRISE_HR):
        enterprises = member_ids(user, "enterprise")
        scope |= Q(enterprise__in=enterprises) | Q(talent__employer__in=enterprises)
    if has_role(user, Role.AGENCY_STAFF):
        scope |= Q(agency__in=member_ids(user, "agency"))
    return scope


def own_applicants(user) -> Q:
    """Records naming an applicant the user acts for (rules.acts_for_applicant as a query)."""
    scope = Q(talent__user=user) | Q(venture__founders__talent__user=user)
    if has_role(user, Role.ENTERPRISE_HR):
        scope |= Q(enterprise__in=member_ids(user, "enterprise"))
    if has_role(user, Role.AGENCY_STAFF):
        scope |= Q(agency__in=member_ids(user, "agency"))
    return scope


def visible_applications(user) -> QuerySet[Application]:
    if not user.is_authenticated:
        return Application.objects.none()
    queryset = Application.objects.select_related(
        "policy", "stage", "talent", "enterprise", "agency", "venture"
    )
    return queryset.filter(applicant_scope(user)).distinct()


def visible_offers(user) -> QuerySet[Offer]:
    if not user.is_authenticated:
        return Offer.objects.none()
    queryset = Offer.objects.select_related("policy", "talent", "enterprise", "agency", "venture")
    return queryset.filter(applicant_scope(user)).distinct()


def review_queue(user) -> QuerySet[Application]:
    """Applications waiting at a stage this user decides, the oldest deadline first (never one
    they act for: nobody decides their own)."""
    if not user.is_authenticated:
        return Application.objects.none()
    held = roles_of(user)
    scope = Q(pk__in=[])
    if Role.OFFICE_ADMIN in held:
        scope |= Q(stage__role=StageRole.OFFICE_ADMIN)
    if Role.REVIEWER in held:
        scope |= Q(stage__role=StageRole.REVIEWER) & (
            Q(stage__department__isnull=True)
            | Q(stage__department__in=member_ids(user, "department"))
        )
    if Role.ENTERPRISE_HR in held:
        enterprises = member_ids(user, "enterprise")
        scope |= Q(stage__role=StageRole.ENTERPRISE_HR) & (
            Q(enterprise__in=enterprises) | Q(talent__employer__in=enterprises)
        )
    return (
        Application.objects.filter(status=ApplicationStatus.IN_REVIEW)
        .filter(scope)
        .exclude(pk__in=Application.objects.filter(own_applicants(user)).values("pk"))
        .select_related("policy", "stage", "talent", "enterprise", "agency", "venture")
        .order_by("stage_due_on", "submitted_at", "id")
    )


def overdue_reviews(today: datetime.date | None = None) -> QuerySet[Application]:
    """Applications whose current stage is past its deadline (the office's list)."""
    today = today or timezone.localdate()
    return (
        Application.objects.filter(status=ApplicationStatus.IN_REVIEW, stage_due_on__lt=today)
        .select_related("policy", "stage", "stage__department", "talent", "enterprise")
        .order_by("stage_due_on", "id")
    )


def applicants_of(user) -> dict[str, list]:
    """Each applicant record the user may apply for, by kind: themselves as a talent, their
    enterprise, their agency, the ventures they founded."""
    found = {kind: [] for kind in ApplicantKind.values}
    if not user.is_authenticated:
        return found
    found[ApplicantKind.TALENT] = list(Talent.objects.filter(user=user).select_related("tier"))
    if has_role(user, Role.ENTERPRISE_HR):
        enterprises = Enterprise.objects.filter(pk__in=member_ids(user, "enterprise"))
        found[ApplicantKind.ENTERPRISE] = list(enterprises)
    if has_role(user, Role.AGENCY_STAFF):
        found[ApplicantKind.AGENCY] = list(Agency.objects.filter(pk__in=member_ids(user, "agency")))
    found[ApplicantKind.VENTURE] = list(
        Venture.objects.filter(founders__talent__user=user).distinct()
    )
    return found


def open_policies(today: datetime.date | None = None) -> QuerySet[Policy]:
    today = today or timezone.localdate()
    return Policy.objects.open_on(today).select_related("budget_line")


# Figures (see figures.py): zone-wide, every record counted, whoever reads them ---------------

# The timeline events after which an application is in a status (objections leave it on notice).
STATUS_AFTER = {
    EventKind.CREATED: ApplicationStatus.DRAFT,
    EventKind.SUBMITTED: ApplicationStatus.IN_REVIEW,
    EventKind.RESUBMITTED: ApplicationStatus.IN_REVIEW,
    EventKind.APPROVED_STAGE: ApplicationStatus.IN_REVIEW,
    EventKind.SKIPPED_STAGE: ApplicationStatus.IN_REVIEW,
    EventKind.RETURNED: ApplicationStatus.RETURNED,
    EventKind.REJECTED: ApplicationStatus.REJECTED,
    EventKind.NOTICE_STARTED: ApplicationStatus.NOTICE,
    EventKind.APPROVED: ApplicationStatus.APPROVED,
    EventKind.GRANTED: ApplicationStatus.APPROVED,
    EventKind.PAID: ApplicationStatus.PAID,
}
OBJECTION_EVENTS = (
    EventKind.OBJECTION_LODGED,
    EventKind.OBJECTION_DISMISSED,
    EventKind.OBJECTION_UPHELD,
)


def yuan(fen: int | None) -> Decimal:
    """Fen as a Decimal of yuan with two decimals (exact)."""
    return (Decimal(fen or 0) / FEN_PER_YUAN).quantize(Decimal("0.01"))


def end_of(day: datetime.date) -> datetime.datetime:
    """The first moment after `day` ends, in the zone's time (datetimes before it are on or
    before that day)."""
    next_day = datetime.datetime.combine(day + datetime.timedelta(days=1), datetime.time.min)
    return timezone.make_aware(next_day)


def budget_by_line(period: Period) -> FigureData:
    """The budget lines of the year the period ends in (in the order of their code), each split
    into disbursed, reserved (set aside for approved applications, not yet paid) and free, in
    yuan, as the ledger stood at the end of the period's last day; the three add up to the
    line's budget. The ledger's own sums (`ledger.lines_with_figures`)."""
    lines = list(ledger.lines_with_figures(period.end.year, until=period.end))
    return FigureData(
        categories=[f"{line.code} {line.name}" for line in lines],  # all of one year
        keys=[str(line.pk) for line in lines],
        series=[
            Series("disbursed", _("Disbursed"), [yuan(line.disbursed_fen) for line in lines]),
            Series("reserved", _("Reserved"), [yuan(line.reserved_fen) for line in lines]),
            Series("free", _("Free"), [yuan(line.free_fen) for line in lines]),
        ],
    )


def _disbursements(period: Period) -> QuerySet[LedgerEntry]:
    return LedgerEntry.objects.filter(
        kind=EntryKind.DISBURSE, created_at__date__range=(period.start, period.end)
    ).order_by()


def disbursed_by_policy(period: Period) -> FigureData:
    """Yuan paid out in the period (the ledger's disbursements, by the day they were written),
    per policy of the application paid, the largest first; payments not made for an
    application (none are, through the pages) under "Other payments"."""
    sums = dict(
        _disbursements(period)
        .values_list("reservation__application__policy")
        .annotate(fen=Sum("amount"))
    )
    other = sums.pop(None, 0)
    policies = sorted(
        Policy.objects.filter(pk__in=sums), key=lambda policy: (-sums[policy.pk], policy.code)
    )
    categories = [str(policy) for policy in policies]
    keys = [str(policy.pk) for policy in policies]
    values = [yuan(sums[policy.pk]) for policy in policies]
    if other:
        categories.append(_("Other payments"))
        keys.append("")
        values.append(yuan(other))
    return FigureData(categories, keys, [Series("disbursed", _("Disbursed"), values)])


def payments_by_month(period: Period) -> FigureData:
    """Per month of the period: yuan paid out (the ledger's disbursements, by the day they were
    written). Months cut by the period count only its days."""
    rows = (
        _disbursements(period)
        .annotate(year=ExtractYear("created_at"), month=ExtractMonth("created_at"))
        .values_list("year", "month")
        .annotate(fen=Sum("amount"))
    )
    paid = {datetime.date(year, month, 1): fen for year, month, fen in rows}
    return FigureData(
        categories=period.month_labels(),
        keys=period.month_labels(),
        series=[Series("disbursed", _("Disbursed"), [yuan(paid.get(m)) for m in period.months()])],
    )


def applications_by_state(period: Period) -> FigureData:
    """Applications by their status at the end of the period's last day, read from their
    timelines (the status after the last event by then; objections leave an application on
    notice). Applications created later are not counted."""
    last_kind = (
        ApplicationEvent.objects.filter(
            application=OuterRef("pk"), at__lt=end_of(period.end), kind__in=list(STATUS_AFTER)
        )
        .order_by("-at", "-id")
        .values("kind")[:1]
    )
    counted = (
        Application.objects.order_by()
        .annotate(last_kind=Subquery(last_kind))
        .filter(last_kind__isnull=False)
        .values_list("last_kind")
        .annotate(n=Count("pk"))
    )
    by_status = dict.fromkeys(ApplicationStatus.values, 0)
    for kind, n in counted:
        by_status[STATUS_AFTER[kind]] += n
    return FigureData(
        categories=[status.label for status in ApplicationStatus],
        keys=list(ApplicationStatus.values),
        series=[Series("applications", _("Applications"), list(by_status.values()))],
    )


# The parts of an application's way timed by `days_per_stage`: (key, label).
STAGE_PARTS = (
    *((role.value, role.label) for role in StageRole),
    ("notice", _("Public notice")),
    ("payment", _("Approval to payment")),
    ("total", _("Submission to decision")),
)


def days_per_stage(period: Period) -> FigureData:
    """Average calendar days (between the local dates of the timeline's events) of each part of
    an application's way, over the parts that ended in the period:

    - at a review stage, per who decides there (the applicant's enterprise, a department's
      reviewers, the talent office): from entering the stage (submitted, resubmitted, the stage
      before approved or skipped) to its decision there (approved, returned or rejected);
    - the public notice: from its start to the approval or the rejection on an objection;
    - approval to payment: from the approval (or the grant of an evaluation) to the payment;
    - submission to decision: from the first submission to the approval after the notice or the
      rejection (grants, never submitted, are not counted).

    Stages skipped because the registry proves them are not counted. Empty where no part ended.
    """
    ending = (
        EventKind.APPROVED_STAGE,
        EventKind.RETURNED,
        EventKind.REJECTED,
        EventKind.APPROVED,
        EventKind.PAID,
    )
    ended_in_period = ApplicationEvent.objects.filter(
        kind__in=ending, at__date__range=(period.start, period.end)
    ).values("application_id")
    events = (
        ApplicationEvent.objects.filter(application_id__in=ended_in_period)
        .exclude(kind__in=OBJECTION_EVENTS)
        .order_by("application_id", "at", "id")
        .values_list("application_id", "kind", "stage__role", "at")
    )
    days: dict[str, list[int]] = {key: [] for key, _label in STAGE_PARTS}
    application, previous, submitted = None, None, None
    for application_id, kind, role, at in events.iterator(chunk_size=5000):
        day = timezone.localtime(at).date()
        if application_id != application:
            application, previous, submitted = application_id, None, None
        if kind == EventKind.SUBMITTED and submitted is None:
            submitted = day
        if day in period and previous is not None:
            previous_kind, previous_day = previous
            if role and kind in (EventKind.APPROVED_STAGE, EventKind.RETURNED, EventKind.REJECTED):
                days[role].append((day - previous_day).days)
            if previous_kind == EventKind.NOTICE_STARTED and kind in (
                EventKind.APPROVED,
                EventKind.REJECTED,
            ):
                days["notice"].append((day - previous_day).days)
            if kind == EventKind.PAID:
                days["payment"].append((day - previous_day).days)
            if submitted is not None and kind in (EventKind.APPROVED, EventKind.REJECTED):
                days["total"].append((day - submitted).days)
        previous = (kind, day)
    return FigureData(
        categories=[label for _key, label in STAGE_PARTS],
        keys=[key for key, _label in STAGE_PARTS],
        series=[
            Series(
                "days",
                _("Average days"),
                [round(sum(d) / len(d), 1) if d else None for d in days.values()],
            )
        ],
    )


def _offer_counts(period: Period, group: str) -> dict[str, dict]:
    """{"made"|"accepted"|"declined": {group value: offers}} of the period: offers made in it,
    and offers accepted or declined in it (whenever they were made)."""
    offers = Offer.objects.order_by()
    made = offers.filter(created_at__date__range=(period.start, period.end))
    answered = offers.filter(answered_at__date__range=(period.start, period.end))
    return {
        "made": dict(made.values_list(group).annotate(n=Count("pk"))),
        **{
            status: dict(answered.filter(status=status).values_list(group).annotate(n=Count("pk")))
            for status in (OfferStatus.ACCEPTED, OfferStatus.DECLINED)
        },
    }


OFFER_SERIES = (
    ("made", _("Offers made")),
    (OfferStatus.ACCEPTED, _("Accepted")),
    (OfferStatus.DECLINED, _("Declined")),
)


def offers(period: Period) -> FigureData:
    """Per policy, offers made without application in the period, and offers accepted and
    declined in it (by the day they were answered, whenever they were made); policies with none
    of these are left out."""
    counts = _offer_counts(period, "policy")
    ids = set().union(*counts.values())
    policies = list(Policy.objects.filter(pk__in=ids).order_by("code"))
    return FigureData(
        categories=[str(policy) for policy in policies],
        keys=[str(policy.pk) for policy in policies],
        series=[
            Series(key, name, [counts[key].get(policy.pk, 0) for policy in policies])
            for key, name in OFFER_SERIES
        ],
    )


def offers_by_month(period: Period) -> FigureData:
    """Per month of the period, offers made, and offers accepted and declined (by the day they
    were answered). Months cut by the period count only its days."""
    counts = {}
    for key, field in (
        ("made", "created_at"),
        (OfferStatus.ACCEPTED, "answered_at"),
        (OfferStatus.DECLINED, "answered_at"),
    ):
        offers = Offer.objects.order_by().filter(
            **{f"{field}__date__range": (period.start, period.end)}
        )
        if key != "made":
            offers = offers.filter(status=key)
        rows = (
            offers.annotate(year=ExtractYear(field), month=ExtractMonth(field))
            .values_list("year", "month")
            .annotate(n=Count("pk"))
        )
        counts[key] = {datetime.date(year, month, 1): n for year, month, n in rows}
    return FigureData(
        categories=period.month_labels(),
        keys=period.month_labels(),
        series=[
            Series(key, name, [counts[key].get(m, 0) for m in period.months()])
            for key, name in OFFER_SERIES
        ],
    )
