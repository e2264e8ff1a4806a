"""The demand board, a demand's page, its form, closing and reopening it.

The board lists what `queries.visible_demands` lets the reader see, narrowed by the shared
`DemandFilter` (enterprise, status, skill, keyword); as cards (phones) or a table. The form
saves the demand with its skills through `services.demand_save`, every requirement with its
required/preferred switch.
"""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from .. import queries, services
from ..choices import LIVE_REFERRAL_STATUSES, DemandStatus
from ..filters import DemandFilter
from ..forms import DemandForm, ReasonForm, attach_errors, skill_rows
from ..models import Demand, Skill
from .common import filter_bar, may_search, paginate, results_or_page, visible_demand

RESULTS_ID = "demand-results"
VIEWS = ("cards", "table")


@login_required
def demand_list(request):
    filterset = DemandFilter(
        request.GET,
        queryset=queries.visible_demands(request.user)
        .select_related("enterprise", "project")
        .prefetch_related("skills")
        .annotate(
            live_referrals=Count(
                "referrals", filter=Q(referrals__status__in=LIVE_REFERRAL_STATUSES)
            )
        ),
        request=request,
    )
    rows = filterset.qs if filterset.is_valid() else filterset.queryset.none()
    chip = project_chip(request, filterset)
    shown = request.GET.get("view") if request.GET.get("view") in VIEWS else "cards"
    context = {
        "filterset": filterset,
        **filter_bar(filterset, unlisted=("project",)),
        **paginate(request, rows.order_by("-created_at", "-id")),
        "shown": shown,
        "filtered": any(request.GET.get(name) for name in filterset.form.fields),
        "list_url": reverse("recruiting:demand-list"),
        "results_id": RESULTS_ID,
        "may_post": request.user.has_perm("recruiting.post_demand", None),
        "hidden_filters": [chip] if chip else [],
    }
    return results_or_page(
        request,
        context,
        page="recruiting/demands/list.html",
        results="recruiting/demands/_results.html",
        results_id=RESULTS_ID,
    )


def project_chip(request, filterset) -> dict[str, Any] | None:
    """The project filter arrives from a project's page (?project=3): shown as a chip."""
    value = request.GET.get("project")
    if not value:
        return None
    rest = request.GET.copy()
    rest.pop("project")
    rest.pop("page", None)
    projects = queries.visible_projects(request.user)
    project = projects.filter(pk=value).first() if value.isdigit() else None
    return {
        "name": "project",
        "value": value,
        "label": _("project"),
        "shown": project.title if project else value,
        "invalid": "project" in filterset.form.errors,
        "clear_url": f"?{rest.urlencode()}",
    }


@login_required
def demand_detail(request, pk):
    return render_detail(request, visible_demand(request, pk))


def render_detail(request, demand: Demand, bound: dict | None = None, status: int = 200):
    bound = bound or {}
    user = request.user
    may_edit = user.has_perm("recruiting.post_demand", demand)
    referrals = (
        queries.visible_referrals(user)
        .filter(demand=demand)
        .select_related("talent", "agency")
        .order_by("-created_at", "-id")
    )
    context = {
        "demand": demand,
        "skills": list(demand.skills.all()),
        "requirements": requirement_rows(demand),
        "referrals": referrals,
        "may_edit": may_edit,
        "may_search": may_search(user, demand),
        "close_form": (bound.get("close") or ReasonForm(auto_id="close_%s"))
        if may_edit and demand.status == DemandStatus.OPEN
        else None,
        "may_reopen": may_edit
        and demand.status == DemandStatus.CLOSED
        and demand.hired < demand.headcount,
        "action_errors": bound.get("errors", []),
    }
    return render(request, "recruiting/demands/detail.html", context, status=status)


def requirement_rows(demand: Demand) -> list[dict[str, Any]]:
    """The demand's requirements in words, each required or preferred (set ones only)."""
    rows = []
    if demand.min_education:
        rows.append((_("Education"), demand.get_min_education_display(), demand.education_required))
    if demand.majors:
        rows.append((_("Major"), "、".join(demand.major_list), demand.majors_required))
    if demand.min_years is not None:
        years = _("%(years)s years or more") % {"years": demand.min_years}
        rows.append((_("Experience"), years, demand.years_required))
    if demand.min_title:
        title = demand.get_min_title_display()
        rows.append((_("Professional title"), title, demand.title_required))
    if demand.min_tier_id:
        rows.append((_("Talent tier"), demand.min_tier.name, demand.tier_required))
    return [
        {"label": label, "value": value, "required": required} for label, value, required in rows
    ]


@login_required
@require_http_methods(["GET", "POST"])
def demand_create(request):
    if not request.user.has_perm("recruiting.post_demand", None):
        raise PermissionDenied("Only enterprise HR and the talent office post demands.")
    return demand_form(request, None)


@login_required
@require_http_methods(["GET", "POST"])
def demand_edit(request, pk):
    demand = visible_demand(request, pk)
    if not request.user.has_perm("recruiting.post_demand", demand):
        raise PermissionDenied("This user may not change this demand.")
    return demand_form(request, demand)


def demand_form(request, demand: Demand | None):
    """The demand with its requirements and skill rows; saved together by the service, or shown
    again with every error beside its field."""
    # A fresh copy: the form writes what was typed into its instance while validating, and the
    # service checks permission against what the user asked for.
    instance = Demand.objects.get(pk=demand.pk) if demand else Demand()
    data = request.POST if request.method == "POST" else None
    initial = {}
    if demand is None and request.GET.get("project", "").isdigit():
        initial = {"project": request.GET["project"], "high_level": True}
    form = DemandForm(data, instance=instance, user=request.user, initial=initial)
    rows = skill_rows(demand, data)
    if data is not None:
        form_ok, rows_ok = form.is_valid(), rows.is_valid()
        if form_ok and rows_ok:
            try:
                saved = services.demand_save(
                    actor=request.user, demand=form.instance, skills=rows.rows()
                )
            except ValidationError as error:
                attach_errors(form, error)
            else:
                messages.success(request, _("Saved: %(demand)s") % {"demand": saved.title})
                return redirect("recruiting:demand-detail", saved.pk)
    context = {
        "demand": demand,
        "form": form,
        "rows": rows,
        "skill_names": skill_names(),
        "cancel_url": reverse("recruiting:demand-detail", args=[demand.pk])
        if demand
        else reverse("recruiting:demand-list"),
    }
    refused = form.is_bound and (form.errors or rows.total_error_count())
    return render(request, "recruiting/demands/form.html", context, status=400 if refused else 200)


def skill_names() -> list[str]:
    """Every name and synonym of the skills list, offered while typing a skill."""
    names = []
    for skill in Skill.objects.order_by("name"):
        names.append(skill.name)
        names.extend(skill.synonym_list)
    return list(dict.fromkeys(names))


@login_required
@require_POST
def demand_close(request, pk):
    demand = visible_demand(request, pk)
    form = ReasonForm(request.POST, auto_id="close_%s")
    if form.is_valid():
        try:
            services.demand_close(
                actor=request.user, demand=demand, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("The demand is closed."))
            return redirect("recruiting:demand-detail", demand.pk)
    return render_detail(request, demand, {"close": form}, status=400)


@login_required
@require_POST
def demand_reopen(request, pk):
    demand = visible_demand(request, pk)
    try:
        services.demand_reopen(actor=request.user, demand=demand)
    except ValidationError as error:
        return render_detail(request, demand, {"errors": error.messages}, status=400)
    messages.success(request, _("The demand is open again."))
    return redirect("recruiting:demand-detail", demand.pk)
