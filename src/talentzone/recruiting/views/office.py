"""What the talent office keeps for recruiting: projects (high-level demands hang under them),
the skills list with its synonyms (everyone reads it; the office edits it), and how each HR
agency performs (referrals, interviews, hires, days to hire)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from talentzone.core.choices import Role
from talentzone.core.roles import has_role
from talentzone.directory.queries import member_ids

from .. import queries, services
from ..forms import ProjectForm, SkillForm, SkillSearchForm, YearForm, attach_errors
from ..models import Project, Skill
from .common import paginate

PERFORMANCE_READERS = (Role.OFFICE_ADMIN, Role.LEADER, Role.AGENCY_STAFF)


# Projects ---------------------------------------------------------------------------------------


@login_required
def project_list(request):
    rows = (
        queries.visible_projects(request.user)
        .select_related("enterprise")
        .annotate(
            demand_count=Count("demands", distinct=True),
            people_count=Count("people", distinct=True),
        )
        .order_by("-starts_on", "id")
    )
    context = {
        **paginate(request, rows),
        "may_manage": request.user.has_perm("recruiting.manage_project"),
    }
    return render(request, "recruiting/office/project_list.html", context)


@login_required
def project_detail(request, pk):
    project = get_object_or_404(
        queries.visible_projects(request.user).select_related("enterprise"), pk=pk
    )
    demands = (
        queries.visible_demands(request.user)
        .filter(project=project)
        .select_related("enterprise")
        .order_by("-created_at", "-id")
    )
    context = {
        "project": project,
        "people": project.people.select_related("tier", "employer").order_by("name"),
        "demands": demands,
        "may_manage": request.user.has_perm("recruiting.manage_project"),
        "may_post": request.user.has_perm("recruiting.post_demand", None)
        and has_role(request.user, Role.OFFICE_ADMIN),
    }
    return render(request, "recruiting/office/project_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def project_create(request):
    return project_form(request, None)


@login_required
@require_http_methods(["GET", "POST"])
def project_edit(request, pk):
    return project_form(request, get_object_or_404(queries.visible_projects(request.user), pk=pk))


def project_form(request, project: Project | None):
    if not request.user.has_perm("recruiting.manage_project"):
        raise PermissionDenied("Only the talent office keeps projects.")
    instance = Project.objects.get(pk=project.pk) if project else Project()
    data = request.POST if request.method == "POST" else None
    form = ProjectForm(data, instance=instance)
    if data is not None and form.is_valid():
        try:
            saved = services.project_save(
                actor=request.user, project=form.instance, people=form.cleaned_data["people_ids"]
            )
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("Saved: %(project)s") % {"project": saved.title})
            return redirect("recruiting:project-detail", saved.pk)
    context = {
        "project": project,
        "form": form,
        "cancel_url": reverse("recruiting:project-detail", args=[project.pk])
        if project
        else reverse("recruiting:project-list"),
    }
    status = 400 if form.is_bound and form.errors else 200
    return render(request, "recruiting/office/project_form.html", context, status=status)


# The skills list ----------------------------------------------------------------------------------


@login_required
def skill_list(request):
    form = SkillSearchForm(request.GET)
    rows = Skill.objects.order_by("name")
    word = form.cleaned_data.get("q", "").strip() if form.is_valid() else ""
    if word:
        rows = rows.filter(
            Q(name__icontains=word) | Q(name_en__icontains=word) | Q(synonyms__icontains=word)
        )
    context = {
        "form": form,
        "word": word,
        **paginate(request, rows, size=50),
        "may_manage": request.user.has_perm("recruiting.manage_skill"),
    }
    return render(request, "recruiting/office/skill_list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def skill_create(request):
    return skill_form(request, None)


@login_required
@require_http_methods(["GET", "POST"])
def skill_edit(request, pk):
    return skill_form(request, get_object_or_404(Skill, pk=pk))


def skill_form(request, skill: Skill | None):
    if not request.user.has_perm("recruiting.manage_skill"):
        raise PermissionDenied("Only the talent office keeps the skills list.")
    instance = Skill.objects.get(pk=skill.pk) if skill else Skill()
    data = request.POST if request.method == "POST" else None
    form = SkillForm(data, instance=instance)
    if data is not None and form.is_valid():
        try:
            saved = services.skill_save(actor=request.user, skill=form.instance)
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("Saved: %(skill)s") % {"skill": saved.name})
            return redirect("recruiting:skill-list")
    context = {"skill": skill, "form": form, "cancel_url": reverse("recruiting:skill-list")}
    status = 400 if form.is_bound and form.errors else 200
    return render(request, "recruiting/office/skill_form.html", context, status=status)


# Agency performance -------------------------------------------------------------------------------


@login_required
def agency_performance(request):
    """Per agency: referrals, interviews, hires (the figure its subsidy is paid on) and the days
    from referral to hire. The office and leaders read every agency; agency staff their own."""
    if not has_role(request.user, *PERFORMANCE_READERS):
        raise PermissionDenied("Only the office, leaders and agencies read agency performance.")
    form = YearForm(request.GET or None)
    year = form.chosen_year() if form.is_bound else None
    rows = list(queries.agency_performance(year=year))
    if not has_role(request.user, Role.OFFICE_ADMIN, Role.LEADER):
        own = member_ids(request.user, "agency")
        rows = [row for row in rows if agency_id(row) in own]
    totals = {
        name: sum(value(row, name) or 0 for row in rows)
        for name in ("referrals", "interviews", "hires")
    }
    context = {
        "form": form,
        "year": year,
        "this_year": timezone.localdate().year,
        "rows": rows,
        "totals": totals,
        "all_agencies": has_role(request.user, Role.OFFICE_ADMIN, Role.LEADER),
    }
    return render(request, "recruiting/office/agency_performance.html", context)


def value(row, name):
    return row.get(name) if isinstance(row, dict) else getattr(row, name, None)


def agency_id(row):
    agency = value(row, "agency")
    return getattr(agency, "pk", agency)
