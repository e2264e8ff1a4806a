"""What reviewers decide and what the office watches: the review queue (decide in bulk or one by
one), overdue reviews, the public notice board and the open objections.

Reads go through `queries` (the notice board lists what is public inside the platform); every
write goes through `services`, which checks each application again. A refusal is a message on
the page, never an error page.
"""

import datetime
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Q, QuerySet
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from talentzone.core.choices import Role
from talentzone.core.roles import has_role

from .. import queries, services
from ..choices import ApplicationStatus, Decision, ObjectionStatus, StageRole
from ..models import Application, Objection
from ..review_forms import BulkDecideForm, QueueFilterForm

PAGE_SIZE = 25
QUEUE_RESULTS_ID = "queue-results"
QUEUE_ROLES = (Role.OFFICE_ADMIN, Role.REVIEWER, Role.ENTERPRISE_HR)
OVERDUE_ROLES = (Role.OFFICE_ADMIN, Role.LEADER)
APPLICANTS = ("talent", "enterprise", "agency", "venture")


def today() -> datetime.date:
    """The day deadlines are counted from (one place, so tests can fix it)."""
    return timezone.localdate()


def require_role(user, roles, message: str) -> None:
    if not has_role(user, *roles):
        raise PermissionDenied(message)


def paginate(request, rows: QuerySet, size: int = PAGE_SIZE) -> dict[str, Any]:
    page = Paginator(rows, size).get_page(request.GET.get("page"))
    return {
        "page": page,
        "page_range": page.paginator.get_elided_page_range(page.number, on_ends=1),
    }


# The review queue ----------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def review_queue(request):
    """Applications waiting at a stage the user decides; tick some and decide them at once."""
    user = request.user
    require_role(user, QUEUE_ROLES, "Only reviewers, enterprise HR and the office decide.")
    bulk = BulkDecideForm(request.POST if request.method == "POST" else None, user=user)
    if bulk.is_bound and bulk.is_valid():
        chosen = bulk.chosen()
        outcomes = services.applications_decide(
            actor=user,
            applications=chosen,
            decision=bulk.cleaned_data["decision"],
            reason=bulk.cleaned_data["reason"],
        )
        report_outcomes(request, chosen, bulk.cleaned_data["decision"], outcomes)
        return redirect(request.get_full_path())
    filters = QueueFilterForm(request.GET, user=user)
    context = {
        **paginate(request, filters.filter(queries.review_queue(user))),
        "filters": filters,
        "bar_fields": [filters["policy"], filters["stage"]],
        "bulk": bulk,
        "ticked": bulk.ticked(),
        "today": today(),
        "results_id": QUEUE_RESULTS_ID,
    }
    wants_results = request.htmx and request.htmx.target == QUEUE_RESULTS_ID
    template = (
        "policies/review/_queue_results.html" if wants_results else "policies/review/queue.html"
    )
    response = render(request, template, context)
    # The same URL answers a whole page or only the results: caches must tell them apart.
    patch_vary_headers(response, ("HX-Request", "HX-Target"))
    return response


def report_outcomes(request, chosen: list[Application], decision: str, outcomes) -> None:
    """One message for what was done, and one for each application refused, with the reason."""
    numbers = {application.pk: application.number for application in chosen}
    done = [numbers[outcome.application_id] for outcome in outcomes if outcome.ok]
    label = Decision(decision).label
    if done:
        messages.success(
            request,
            _("%(decision)s: %(count)s of %(total)s done (%(numbers)s).")
            % {
                "decision": label,
                "count": len(done),
                "total": len(outcomes),
                "numbers": ", ".join(done),
            },
        )
    for outcome in outcomes:
        if not outcome.ok:
            messages.error(
                request,
                _("%(number)s was not decided: %(reason)s")
                % {"number": numbers[outcome.application_id], "reason": outcome.message},
            )


# Overdue reviews -----------------------------------------------------------------------------


@login_required
@require_GET
def review_overdue(request):
    """Applications past their stage's deadline, the longest overdue first (the office's list;
    leaders read it too)."""
    require_role(request.user, OVERDUE_ROLES, "Only the office and leaders see overdue reviews.")
    day = today()
    rows = queries.overdue_reviews(day).select_related("talent__employer", "agency", "venture")
    context = paginate(request, rows, size=50)
    context["rows"] = [overdue_row(application, day) for application in context["page"]]
    return render(request, "policies/review/overdue.html", context)


def overdue_row(application: Application, day: datetime.date) -> dict[str, Any]:
    return {
        "application": application,
        "days": (day - application.stage_due_on).days,
        "decider": decider_of(application),
    }


def decider_of(application: Application) -> str:
    """Who has to decide: the department, the applicant's enterprise, or the talent office."""
    stage = application.stage
    if stage.role == StageRole.REVIEWER and stage.department_id:
        return str(stage.department)
    if stage.role == StageRole.ENTERPRISE_HR:
        enterprise = application.enterprise or (
            application.talent.employer if application.talent_id else None
        )
        if enterprise is not None:
            return str(enterprise)
    return str(stage.get_role_display())


# The public notice board ---------------------------------------------------------------------


def on_notice() -> QuerySet[Application]:
    """Every application on public notice, the notice ending soonest first, with the number of
    its open objections. Public inside the platform: every signed-in user reads it."""
    return (
        Application.objects.filter(status=ApplicationStatus.NOTICE)
        .select_related("policy", *APPLICANTS)
        .annotate(
            open_objections=Count("objections", filter=Q(objections__status=ObjectionStatus.OPEN))
        )
        .order_by("notice_ends_on", "id")
    )


@login_required
@require_GET
def notice_board(request):
    context = paginate(request, on_notice())
    ids = [application.pk for application in context["page"]]
    # The number links to the application only for those allowed to open it.
    context["linked"] = set(
        queries.visible_applications(request.user).filter(pk__in=ids).values_list("pk", flat=True)
    )
    context["can_resolve"] = request.user.has_perm("policies.resolve_objection")
    return render(request, "policies/review/notices.html", context)


# Open objections -----------------------------------------------------------------------------


@login_required
@require_GET
def objection_list(request):
    """Objections waiting for the office's resolution, the oldest first."""
    if not request.user.has_perm("policies.resolve_objection"):
        raise PermissionDenied("Only the talent office resolves objections.")
    rows = (
        Objection.objects.filter(status=ObjectionStatus.OPEN)
        .select_related(
            "lodged_by",
            "application__policy",
            *(f"application__{name}" for name in APPLICANTS),
        )
        .order_by("created_at", "id")
    )
    return render(request, "policies/review/objections.html", paginate(request, rows))


urlpatterns = [
    path("review/", review_queue, name="review-queue"),
    path("review/overdue/", review_overdue, name="review-overdue"),
    path("notices/", notice_board, name="notice-board"),
    path("objections/", objection_list, name="objection-list"),
]
