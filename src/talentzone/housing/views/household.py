"""A talent's own page, "My apartment": the housing application form (or the application under
way), the queue with the score's parts and the place per layout, an offer to answer, the lease,
and the school places asked for the children."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from talentzone.core.choices import Role
from talentzone.core.roles import has_role
from talentzone.policies.choices import ApplicationStatus

from .. import queries, services
from ..choices import Layout
from ..forms import DeclineForm, HousingApplyForm, SchoolingApplyForm, attach_errors
from ..models import Offer

STILL_GOING = (
    ApplicationStatus.DRAFT,
    ApplicationStatus.IN_REVIEW,
    ApplicationStatus.RETURNED,
    ApplicationStatus.NOTICE,
)


def _talent_user(user) -> None:
    if not has_role(user, Role.TALENT):
        raise PermissionDenied("My apartment is a talent's page.")


@login_required
def mine(request, *, apply_form=None, schooling_form=None, status: int = 200):
    user = request.user
    _talent_user(user)
    talent = queries.talent_of(user)
    today = timezone.localtime().date()
    context = {"talent": talent, "today": today}
    if talent is not None:
        household = queries.household(talent, today=today)
        going = [r for r in household["requests"] if r.application.status in STILL_GOING]
        may_apply = household["entry"] is None and not going
        context.update(household)
        context["position_rows"] = [
            (layout, Layout(layout).label, position)
            for layout, position in household["positions"].items()
        ]
        context.update(
            {
                "going": going,
                "apply_form": (apply_form or HousingApplyForm(prefix="apply"))
                if may_apply
                else None,
                "schooling": list(queries.schooling_requests(user)),
                "schooling_form": schooling_form or SchoolingApplyForm(prefix="school"),
                "decline_form": DeclineForm(prefix="decline"),
            }
        )
    return render(request, "housing/mine.html", context, status=status)


@login_required
@require_POST
def apply(request):
    _talent_user(request.user)
    form = HousingApplyForm(request.POST, prefix="apply")
    if form.is_valid():
        try:
            application = services.housing_apply(
                actor=request.user,
                scheme=form.cleaned_data["scheme"],
                layouts=form.cleaned_data["layouts"],
                household_size=form.cleaned_data["household_size"],
                statement=form.cleaned_data["statement"],
            )
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(
                request,
                _("Your application is drafted: attach the documents asked and submit it."),
            )
            return redirect("policies:application-detail", application.pk)
    return mine(request, apply_form=form, status=400)


@login_required
@require_POST
def schooling_apply(request):
    _talent_user(request.user)
    form = SchoolingApplyForm(request.POST, prefix="school")
    if form.is_valid():
        data = form.cleaned_data
        try:
            application = services.schooling_apply(
                actor=request.user,
                policy=data["policy"],
                child_name=data["child_name"],
                child_birth_date=data["child_birth_date"],
                level=data["level"],
                school_wanted=data["school_wanted"],
                statement=data["statement"],
            )
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(
                request,
                _("Your request is drafted: attach the documents asked and submit it."),
            )
            return redirect("policies:application-detail", application.pk)
    return mine(request, schooling_form=form, status=400)


def _own_offer(request, pk) -> Offer:
    return get_object_or_404(
        Offer.objects.select_related("entry", "apartment"), pk=pk, entry__talent__user=request.user
    )


@login_required
@require_POST
def offer_accept(request, pk):
    offer = _own_offer(request, pk)
    try:
        services.offer_accept(actor=request.user, offer=offer)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, _("You accepted the flat. The talent office will sign the lease with you.")
        )
    return redirect("housing:mine")


@login_required
@require_POST
def offer_decline(request, pk):
    offer = _own_offer(request, pk)
    form = DeclineForm(request.POST, prefix="decline")
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    try:
        services.offer_decline(actor=request.user, offer=offer, reason=reason)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("You declined the flat; you are waiting in the queue again."))
    return redirect("housing:mine")
