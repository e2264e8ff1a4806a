"""Leaders and the experts they look after: a leader's page (their experts, the next visit due
or overdue, the visits recorded, the cases raised through them), recording a leader's visit with
its findings; the office sees every pair, pairs a leader with an expert and ends a pair."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from talentzone.core.choices import Role
from talentzone.core.roles import has_role

from .. import queries, services
from ..forms import LiaisonForm, LiaisonVisitForm, attach_errors, finding_rows
from ..models import Liaison, LiaisonVisit
from .common import mark_overdue, require

LIAISON_READERS = (Role.OFFICE_ADMIN, Role.LEADER)


@login_required
def liaison(request, *, pair_form=None, status: int = 200):
    user = request.user
    if not has_role(user, *LIAISON_READERS):
        raise PermissionDenied("Liaison is the leaders' and the office's.")
    manages = user.has_perm("cases.manage_liaison")
    leader = None if manages else user
    schedule = queries.liaison_schedule(leader=leader)
    for row in schedule:
        row["may_record"] = user.has_perm("cases.record_liaison_visit", row["liaison"])
    visits = LiaisonVisit.objects.select_related("liaison__expert", "liaison__leader").annotate(
        findings=Count("cases")
    )
    cases = queries.visible_cases(user).filter(liaison_visit__isnull=False)
    if leader is not None:
        visits = visits.filter(liaison__leader=leader)
        cases = cases.filter(liaison_visit__liaison__leader=leader)
    cases = list(cases.order_by("-opened_on", "-id")[:50])
    mark_overdue(cases)
    context = {
        "schedule": schedule,
        "visits": visits.order_by("-visited_on", "-id")[:50],
        "cases": cases,
        "manages": manages,
        "pair_form": (pair_form or LiaisonForm(prefix="pair")) if manages else None,
    }
    return render(request, "cases/liaison.html", context, status=status)


@login_required
@require_POST
def liaison_new(request):
    require(request.user, "cases.manage_liaison")
    form = LiaisonForm(request.POST, prefix="pair")
    if form.is_valid():
        try:
            services.liaison_create(
                actor=request.user,
                leader=form.cleaned_data["leader"],
                expert=form.cleaned_data["expert"],
                interval_days=form.cleaned_data["interval_days"],
            )
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("The leader now looks after the expert."))
            return redirect("cases:liaison")
    return liaison(request, pair_form=form, status=400)


@login_required
@require_POST
def liaison_end(request, pk):
    found = get_object_or_404(Liaison, pk=pk)
    require(request.user, "cases.manage_liaison", found)
    try:
        services.liaison_end(actor=request.user, liaison=found)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The pair is ended."))
    return redirect("cases:liaison")


@login_required
@require_http_methods(["GET", "POST"])
def liaison_visit_new(request, pk):
    found = get_object_or_404(Liaison.objects.select_related("leader", "expert"), pk=pk)
    if not has_role(request.user, *LIAISON_READERS):
        raise Http404("No such liaison.")
    require(request.user, "cases.record_liaison_visit", found)
    data = request.POST if request.method == "POST" else None
    form = LiaisonVisitForm(data)
    rows = finding_rows(data)
    if data is not None:
        form_ok, rows_ok = form.is_valid(), rows.is_valid()
        if form_ok and rows_ok:
            try:
                visit = services.liaison_visit_record(
                    actor=request.user,
                    liaison=found,
                    visited_on=form.cleaned_data["visited_on"],
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
                return redirect("cases:liaison")
    refused = form.is_bound and (form.errors or rows.total_error_count())
    context = {
        "liaison": found,
        "form": form,
        "rows": rows,
        "cancel_url": reverse("cases:liaison"),
    }
    return render(request, "cases/liaison_visit_form.html", context, status=400 if refused else 200)
