"""The grid teams' visits: the enterprises due and overdue for a visit per team, the visits
recorded, recording a visit whose findings (up to three) each become a case in one step, and the
office's visit interval per team."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from talentzone.core.choices import Role
from talentzone.core.roles import has_role
from talentzone.directory.models import Enterprise, GridTeam

from .. import queries, services
from ..forms import VisitForm, VisitPlanForm, attach_errors, finding_rows
from ..models import Visit, VisitPlan
from ..rules import grids_of
from .common import paginate, require

VISIT_READERS = (Role.OFFICE_ADMIN, Role.LEADER, Role.GRID_OFFICER)
DEFAULT_PLAN = VisitPlan()


def teams_of(user):
    teams = GridTeam.objects.select_related("grid").order_by("grid__code")
    if has_role(user, Role.OFFICE_ADMIN, Role.LEADER):
        return teams
    return teams.filter(grid_id__in=grids_of(user))


def plan_rows(teams, bound=None):
    plans = {plan.team_id: plan for plan in VisitPlan.objects.filter(team__in=teams)}
    rows = []
    for team in teams:
        plan = plans.get(team.pk)
        interval = plan.interval_days if plan else DEFAULT_PLAN.interval_days
        soon = plan.due_soon_days if plan else DEFAULT_PLAN.due_soon_days
        if bound is not None and bound.team_pk == team.pk:
            form = bound
        else:
            form = VisitPlanForm(
                prefix=f"plan{team.pk}", initial={"interval_days": interval, "due_soon_days": soon}
            )
        rows.append({"team": team, "interval": interval, "soon": soon, "form": form})
    return rows


@login_required
def visits(request, *, bound_plan=None, status: int = 200):
    user = request.user
    if not has_role(user, *VISIT_READERS):
        raise PermissionDenied("Visits are the grid teams' and the office's.")
    teams = list(teams_of(user))
    chosen = None
    if request.GET.get("team", "").isdigit():
        chosen = next((t for t in teams if t.pk == int(request.GET["team"])), None)
    shown = [chosen] if chosen else teams
    due = queries.visits_due(teams=shown) if shown else []
    records = (
        Visit.objects.filter(team__in=shown)
        .select_related("enterprise", "team", "recorded_by")
        .annotate(findings=Count("cases"))
        .order_by("-visited_on", "-id")
    )
    context = {
        "teams": teams,
        "chosen": chosen,
        "due": due,
        "overdue_count": sum(1 for row in due if row["overdue"]),
        **paginate(request, records),
        "may_record": user.has_perm("cases.record_visit", None) and bool(teams),
        "plans": plan_rows(shown, bound_plan) if user.has_perm("cases.change_visit_plan") else None,
    }
    return render(request, "cases/visits.html", context, status=status)


@login_required
@require_POST
def visit_plan(request, pk):
    team = get_object_or_404(GridTeam, pk=pk)
    require(request.user, "cases.change_visit_plan", team)
    form = VisitPlanForm(request.POST, prefix=f"plan{team.pk}")
    form.team_pk = team.pk
    if form.is_valid():
        try:
            services.visit_plan_set(
                actor=request.user,
                team=team,
                interval_days=form.cleaned_data["interval_days"],
                due_soon_days=form.cleaned_data.get("due_soon_days"),
            )
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(
                request,
                _("%(team)s now visits every %(days)s days.")
                % {"team": team, "days": form.cleaned_data["interval_days"]},
            )
            return redirect(reverse("cases:visits") + f"?team={team.pk}")
    return visits(request, bound_plan=form, status=400)


@login_required
@require_http_methods(["GET", "POST"])
def visit_new(request):
    user = request.user
    require(user, "cases.record_visit", None)
    initial = {}
    if request.GET.get("enterprise", "").isdigit():
        initial["enterprise"] = request.GET["enterprise"]
    data = request.POST if request.method == "POST" else None
    form = VisitForm(data, user=user, initial=initial)
    rows = finding_rows(data)
    if data is not None:
        form_ok, rows_ok = form.is_valid(), rows.is_valid()
        if form_ok and rows_ok:
            enterprise: Enterprise = form.cleaned_data["enterprise"]
            team = enterprise.grid.team
            require(user, "cases.record_visit", team)
            try:
                visit = services.visit_record(
                    actor=user,
                    team=team,
                    enterprise=enterprise,
                    visited_on=form.cleaned_data["visited_on"],
                    visitors=form.cleaned_data["visitors"],
                    met=form.cleaned_data["met"],
                    notes=form.cleaned_data["notes"],
                    findings=rows.rows(),
                )
            except ValidationError as error:
                attach_errors(form, error)
            else:
                count = visit.cases.count()
                messages.success(
                    request,
                    ngettext(
                        "The visit is recorded; %(count)s finding became a case.",
                        "The visit is recorded; %(count)s findings became cases.",
                        count,
                    )
                    % {"count": count},
                )
                return redirect(reverse("cases:visits") + f"?team={team.pk}")
    refused = form.is_bound and (form.errors or rows.total_error_count())
    context = {"form": form, "rows": rows, "cancel_url": reverse("cases:visits")}
    return render(request, "cases/visit_form.html", context, status=400 if refused else 200)
