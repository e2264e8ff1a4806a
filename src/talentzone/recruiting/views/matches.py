"""Matching on the pages: a demand's match list, one candidate explained against one demand,
referring a candidate, and the reverse view (the demands that fit a candidate; for a talent,
"jobs for me").

Every score comes from `search` and is shown as the sum of its parts: a stacked bar with one
colour per part, the requirements the candidate misses as badges, and "why not higher": the
points each part lost and the reason. Only the final page's Talent rows are loaded.
"""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from talentzone.core.choices import Role
from talentzone.core.roles import has_role
from talentzone.directory.models import Talent

from .. import queries, search, services
from ..choices import DemandStatus
from ..forms import MatchFilterForm, ReferForm, attach_errors
from ..models import Demand
from .common import (
    legend,
    live_referrals_of,
    match_view,
    may_refer,
    may_search,
    own_talent,
    require_search,
    results_or_page,
    talents_by_id,
    visible_demand,
)

RESULTS_ID = "match-results"
MATCHES_SHOWN = 50


# The match list --------------------------------------------------------------------------------


@login_required
def match_list(request, pk):
    demand = visible_demand(request, pk)
    require_search(request.user, demand)
    form = MatchFilterForm(request.GET or None, user=request.user)
    filters = form.filters() if form.is_bound else {}
    matches = search.matches_for(demand, request.user, k=MATCHES_SHOWN, filters=filters)
    talents = talents_by_id(match.candidate.id for match in matches)
    referred = live_referrals_of(demand, talents)
    refers = may_refer(request.user, demand) and demand.status == DemandStatus.OPEN
    rows = []
    for rank, match in enumerate(matches, start=1):
        talent = talents.get(match.candidate.id)
        if talent is None:  # gone from the database since the index was written
            continue
        rows.append(
            {
                "rank": rank,
                "talent": talent,
                "candidate": candidate_facts(match.candidate, talent),
                "view": match_view(match),
                "referral": referred.get(talent.pk),
                "refer_form": ReferForm(
                    initial={"talent": talent.pk}, auto_id=f"refer{talent.pk}_%s"
                )
                if refers and talent.pk not in referred
                else None,
            }
        )
    context = {
        "demand": demand,
        "form": form,
        "bar_fields": list(form),
        "filters_open": bool(filters),
        "filtered": bool(filters),
        "rows": rows,
        "legend": legend(),
        "may_refer": refers,
        "list_url": reverse("recruiting:demand-matches", args=[demand.pk]),
        "results_id": RESULTS_ID,
        "pools_note": pools_note(request.user),
    }
    return results_or_page(
        request,
        context,
        page="recruiting/matches/list.html",
        results="recruiting/matches/_results.html",
        results_id=RESULTS_ID,
    )


def pools_note(user) -> str:
    if has_role(user, Role.OFFICE_ADMIN):
        return _("Every pool: registry talents open to offers and every agency's candidates.")
    if has_role(user, Role.AGENCY_STAFF):
        return _("Registry talents open to offers, and your agency's own candidates.")
    return _("Registry talents open to offers. Agencies propose their own candidates as referrals.")


def candidate_facts(document, talent: Talent) -> dict[str, Any]:
    """What a match row says about the person, beyond the name: from the index's document,
    which holds what was scored, and from the registry row."""
    profile = getattr(talent, "profile", None)
    years = None
    if document is not None and document.career_start:
        years = max(0, timezone.localdate().year - document.career_start)
    elif profile and profile.career_started:
        years = max(0, timezone.localdate().year - profile.career_started)
    pool = getattr(document, "pool", "") or ""
    return {
        "education": talent.get_education_display(),
        "major": talent.major,
        "title": talent.get_title_display(),
        "tier": talent.tier.name if talent.tier_id else "",
        "skills": talent.skill_list,
        "years": years,
        "expected_salary": profile.expected_salary if profile else None,
        "locations": profile.location_list if profile else [],
        "summary": profile.summary if profile else "",
        "agency_pool": pool.startswith("agency:") or bool(talent.agency_id),
        "agency": talent.agency,
    }


# One candidate against one demand ---------------------------------------------------------------


def explained_demand(request, pk) -> Demand:
    """The demand as the reader sees it; a talent also reads any open demand against their own
    record (their "jobs for me" links here)."""
    demand = queries.visible_demands(request.user).filter(pk=pk).first()
    if demand is None and own_talent(request.user) is not None:
        demand = Demand.objects.filter(pk=pk, status=DemandStatus.OPEN).first()
    if demand is None:
        raise Http404("No such demand for this user.")
    return demand


def may_explain(user, demand: Demand, talent: Talent) -> bool:
    """The talent themselves; whoever searches the demand and sees the talent's pool; and
    whoever sees a referral of this talent to this demand (the enterprise, for an agency's
    candidate)."""
    if talent.user_id and talent.user_id == user.pk:
        return True
    try:
        require_search(user, demand)
        searches = search.may_see_candidate(user, talent)
    except PermissionDenied:
        searches = False
    if searches:
        return True
    return queries.visible_referrals(user).filter(demand=demand, talent=talent).exists()


@login_required
def candidate_explain(request, pk, talent):
    demand = explained_demand(request, pk)
    person = get_object_or_404(
        Talent.objects.select_related("tier", "employer", "agency", "profile"), pk=talent
    )
    if not may_explain(request.user, demand, person):
        raise Http404("This candidate is not in a pool the user may search.")
    return render_explain(request, demand, person)


def render_explain(request, demand: Demand, talent: Talent, refer_form=None, status=200):
    match = search.explain_candidate(demand, talent, request.user)
    referral = live_referrals_of(demand, [talent.pk]).get(talent.pk)
    view = match_view(match) if match is not None else None
    profile = getattr(talent, "profile", None)
    refers = (
        may_refer(request.user, demand)
        and demand.status == DemandStatus.OPEN
        and search.may_see_candidate(request.user, talent)
        and talent.user_id != request.user.pk
    )
    may_be_referred = (
        view is not None
        and not view["required_misses"]
        and bool(profile and profile.open_to_offers)
        and referral is None
    )
    if refers and may_be_referred and refer_form is None:
        refer_form = ReferForm(initial={"talent": talent.pk}, auto_id="refer_%s")
    document = getattr(match, "candidate", None) if match is not None else None
    context = {
        "demand": demand,
        "talent": talent,
        "is_self": talent.user_id == request.user.pk,
        "candidate": candidate_facts(document, talent),
        "profile": profile,
        "view": view,
        "legend": legend(),
        "referral": referral,
        "refers": refers,
        "refer_form": refer_form if refers else None,
        "may_search": talent.user_id != request.user.pk and may_search(request.user, demand),
    }
    return render(request, "recruiting/matches/explain.html", context, status=status)


@login_required
@require_POST
def referral_create(request, pk):
    demand = visible_demand(request, pk)
    form = ReferForm(request.POST, auto_id="refer_%s")
    if not form.is_valid() and "talent" in form.errors:
        raise Http404("No candidate given.")
    talent_pk = form.cleaned_data.get("talent") if form.is_valid() else form.data.get("talent")
    talent = get_object_or_404(
        Talent.objects.select_related("tier", "employer", "agency", "profile"), pk=talent_pk
    )
    if not search.may_see_candidate(request.user, talent):
        raise Http404("This candidate is not in a pool the user may search.")
    if form.is_valid():
        try:
            referral = services.referral_create(
                actor=request.user, demand=demand, talent=talent, note=form.cleaned_data["note"]
            )
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(
                request,
                _("%(name)s is referred for %(demand)s. The enterprise is told.")
                % {"name": talent.name, "demand": demand.title},
            )
            return redirect("recruiting:referral-detail", referral.pk)
    return render_explain(request, demand, talent, refer_form=form, status=400)


# The reverse view: the demands that fit a candidate -----------------------------------------------


@login_required
def candidate_demands(request, talent):
    """For an agency (its pool and the registry) and the office: the open demands that fit one
    candidate, best first."""
    person = get_object_or_404(
        Talent.objects.select_related("tier", "employer", "agency", "profile"), pk=talent
    )
    if person.user_id == request.user.pk:
        return redirect("recruiting:jobs-for-me")
    if not has_role(request.user, Role.OFFICE_ADMIN, Role.AGENCY_STAFF):
        raise PermissionDenied("Only agencies and the talent office look for demands for people.")
    if not search.may_see_candidate(request.user, person):
        raise Http404("This candidate is not in a pool the user may search.")
    return render_reverse(request, person, is_self=False)


@login_required
def jobs_for_me(request):
    talent = own_talent(request.user)
    if talent is None:
        if not has_role(request.user, Role.TALENT):
            raise PermissionDenied("Only talents have jobs for them.")
        return render(request, "recruiting/matches/no_record.html", status=200)
    return render_reverse(request, talent, is_self=True)


def render_reverse(request, talent: Talent, *, is_self: bool):
    pairs = search.demands_for(talent, request.user, k=MATCHES_SHOWN)
    referred = {
        row.demand_id: row for row in queries.visible_referrals(request.user).filter(talent=talent)
    }
    rows = [
        {"demand": demand, "view": match_view(match), "referral": referred.get(demand.pk)}
        for demand, match in pairs
    ]
    profile = getattr(talent, "profile", None)
    context = {
        "talent": talent,
        "profile": profile,
        "is_self": is_self,
        "rows": rows,
        "legend": legend(),
        "may_edit_profile": request.user.has_perm("recruiting.edit_profile", talent),
    }
    return render(request, "recruiting/matches/reverse.html", context)
