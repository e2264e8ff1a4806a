"""Candidates' profiles and agencies' pools.

A talent opens (or closes) their own profile, agreeing online to be proposed; an agency
registers candidates into its own pool with the candidate's consent and keeps their profiles;
the office may do both. Whether anyone is proposed to employers depends on the profile being
open, which needs consent on record (the database refuses otherwise).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from talentzone.core.choices import Role
from talentzone.core.roles import has_role
from talentzone.directory.choices import TalentStatus
from talentzone.directory.models import Talent
from talentzone.directory.queries import visible_talents

from .. import queries, services
from ..choices import LIVE_REFERRAL_STATUSES
from ..forms import CandidateRegisterForm, ProfileForm, SkillSearchForm, attach_errors
from .common import own_talent, paginate

POOL_ROLES = (Role.AGENCY_STAFF, Role.OFFICE_ADMIN)


# A profile ---------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def my_profile(request):
    talent = own_talent(request.user)
    if talent is None:
        if not has_role(request.user, Role.TALENT):
            raise PermissionDenied("Only talents have a candidate profile of their own.")
        return render(request, "recruiting/matches/no_record.html")
    return profile_page(request, talent, by_the_talent=True)


@login_required
@require_http_methods(["GET", "POST"])
def candidate_profile(request, talent):
    """An agency keeps the profile of a candidate in its pool; the office any profile."""
    person = get_object_or_404(visible_talents(request.user), pk=talent)
    if person.user_id == request.user.pk:
        return redirect("recruiting:my-profile")
    if not request.user.has_perm("recruiting.edit_profile", person):
        raise PermissionDenied("This user may not keep this candidate's profile.")
    return profile_page(request, person, by_the_talent=False)


def profile_page(request, talent: Talent, *, by_the_talent: bool):
    profile = getattr(talent, "profile", None)
    data = request.POST if request.method == "POST" else None
    form = ProfileForm(data, profile=profile, by_the_talent=by_the_talent)
    if data is not None and form.is_valid():
        try:
            services.profile_save(
                actor=request.user,
                talent=talent,
                data=form.service_data(),
                consent_method=form.consent_given_by(),
            )
        except ValidationError as error:
            attach_errors(form, error)
        else:
            opened = form.cleaned_data["open_to_offers"]
            messages.success(
                request,
                _("Saved. The profile is open: agencies and employers may propose it.")
                if opened
                else _("Saved. The profile is closed: nobody is proposed with it."),
            )
            if by_the_talent:
                return redirect("recruiting:my-profile")
            return redirect("recruiting:candidate-profile", talent.pk)
    referrals = (
        queries.visible_referrals(request.user)
        .filter(talent=talent)
        .select_related("demand", "demand__enterprise", "agency")
        .order_by("-created_at", "-id")
    )
    context = {
        "talent": talent,
        "profile": profile,
        "form": form,
        "by_the_talent": by_the_talent,
        "referrals": referrals,
        "live_statuses": [status.value for status in LIVE_REFERRAL_STATUSES],
    }
    status = 400 if form.is_bound and form.errors else 200
    return render(request, "recruiting/candidates/profile.html", context, status=status)


# An agency's pool ---------------------------------------------------------------------------------


def require_pool_role(user) -> None:
    if not has_role(user, *POOL_ROLES):
        raise PermissionDenied("Only agencies and the talent office keep candidate pools.")


@login_required
def pool(request):
    """The candidates an agency holds (the office: every agency's), with their consent and how
    far their referrals went."""
    require_pool_role(request.user)
    form = SkillSearchForm(request.GET)
    rows = (
        visible_talents(request.user)
        .filter(status=TalentStatus.CANDIDATE, agency__isnull=False)
        .select_related("profile", "agency", "tier")
        .annotate(
            live_referrals=Count(
                "referrals", filter=Q(referrals__status__in=LIVE_REFERRAL_STATUSES)
            )
        )
    )
    word = form.cleaned_data.get("q", "").strip() if form.is_valid() else ""
    if word:
        rows = rows.filter(
            Q(name__icontains=word) | Q(major__icontains=word) | Q(skills__icontains=word)
        )
    context = {
        "form": form,
        **paginate(request, rows.order_by("-id")),
        "word": word,
        "office": has_role(request.user, Role.OFFICE_ADMIN),
    }
    return render(request, "recruiting/candidates/pool.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def candidate_register(request):
    require_pool_role(request.user)
    data = request.POST if request.method == "POST" else None
    form = CandidateRegisterForm(data, user=request.user)
    if data is not None and form.is_valid():
        try:
            talent = services.candidate_register(
                actor=request.user,
                agency=form.cleaned_data["agency"],
                talent_data=form.talent_data(),
                profile_data=form.profile_data(),
                consent_method=form.cleaned_data["consent_method"],
            )
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(
                request,
                _("%(name)s is in your pool, open to offers. Here are the demands that fit.")
                % {"name": talent.name},
            )
            return redirect("recruiting:candidate-demands", talent.pk)
    context = {"form": form, "cancel_url": reverse("recruiting:pool")}
    status = 400 if form.is_bound and form.errors else 200
    return render(request, "recruiting/candidates/register.html", context, status=status)
