"""Reads of policies, applications and offers, scoped to the user (outside the scope: 404)."""

import datetime

from django.db.models import Q, QuerySet
from django.utils import timezone

from talentzone.core.choices import Role
from talentzone.core.roles import has_role, roles_of
from talentzone.directory.models import Agency, Enterprise, Talent, Venture
from talentzone.directory.queries import member_ids

from .choices import ApplicantKind, ApplicationStatus, StageRole
from .models import Application, Offer, Policy

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
