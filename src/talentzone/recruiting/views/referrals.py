"""The referral pipeline as a board (one column per status; every demand the reader sees, or
one), and a referral's page: the match as it was when the candidate was referred, the timeline,
the interviews, and the forms of the steps the reader may take now.

Each step is one service call (POST). A refused step shows the page again with its form and
the reason beside the field (HTTP 400), having written nothing; a step the reader may not take
answers 403.
"""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from .. import queries, services
from ..choices import (
    FINAL_REFERRAL_STATUSES,
    LIVE_REFERRAL_STATUSES,
    InterviewOutcome,
    ReferralStatus,
)
from ..filters import ReferralFilter
from ..forms import (
    HireForm,
    InterviewForm,
    InterviewRecordForm,
    OfferForm,
    ReasonForm,
    ScreenForm,
    attach_errors,
)
from ..models import Interview, Referral
from .common import filter_bar, legend, match_view, results_or_page, visible_referral

RESULTS_ID = "pipeline-results"
# The columns after the live ones and the hire: referrals that ended without one.
ENDED = [status for status in FINAL_REFERRAL_STATUSES if status != ReferralStatus.HIRED]
CARDS_PER_COLUMN = 30

# Status → (icon, colour) on the board's column heads, the badges and the timeline.
STATUS_LOOKS = {
    ReferralStatus.REFERRED: ("send", "primary"),
    ReferralStatus.SHORTLISTED: ("star", "info"),
    ReferralStatus.INTERVIEW: ("calendar-event", "warning"),
    ReferralStatus.OFFERED: ("envelope-paper", "success"),
    ReferralStatus.HIRED: ("person-check", "success"),
    ReferralStatus.REJECTED: ("x-circle", "danger"),
    ReferralStatus.DECLINED: ("hand-thumbs-down", "secondary"),
    ReferralStatus.WITHDRAWN: ("arrow-counterclockwise", "secondary"),
}


# The board ---------------------------------------------------------------------------------------


@login_required
def pipeline(request):
    filterset = ReferralFilter(
        request.GET,
        queryset=queries.visible_referrals(request.user).select_related(
            "demand", "demand__enterprise", "talent", "agency"
        ),
        request=request,
    )
    rows = filterset.qs if filterset.is_valid() else filterset.queryset.none()
    rows = rows.order_by("-updated_at", "-id")
    wanted = set(filterset.form.cleaned_data.get("status") or []) if filterset.is_valid() else set()
    columns = []
    for status in ReferralStatus:
        if wanted and status not in wanted:
            continue
        in_column = rows.filter(status=status)
        icon, colour = STATUS_LOOKS[status]
        columns.append(
            {
                "status": status.value,
                "label": status.label,
                "icon": icon,
                "colour": colour,
                "count": in_column.count(),
                "cards": list(in_column[:CARDS_PER_COLUMN]),
                "final": status in ENDED,
            }
        )
    demand = chosen_demand(request, filterset)
    context = {
        "filterset": filterset,
        **filter_bar(filterset, unlisted=("demand", "talent", "by_office")),
        "unlisted": unlisted_chips(request, filterset, demand),
        "columns": columns,
        "live_columns": [c for c in columns if not c["final"]],
        "final_columns": [c for c in columns if c["final"]],
        "demand": demand,
        "filtered": any(request.GET.get(name) for name in filterset.form.fields),
        "list_url": reverse("recruiting:pipeline"),
        "results_id": RESULTS_ID,
        "cards_per_column": CARDS_PER_COLUMN,
    }
    return results_or_page(
        request,
        context,
        page="recruiting/referrals/pipeline.html",
        results="recruiting/referrals/_board.html",
        results_id=RESULTS_ID,
    )


def chosen_demand(request, filterset):
    value = request.GET.get("demand", "")
    if not value.isdigit():
        return None
    return queries.visible_demands(request.user).filter(pk=value).first()


def unlisted_chips(request, filterset, demand) -> list[dict[str, Any]]:
    """The demand and candidate filters arrive from links (?demand=3): chips that remove them."""
    chips = []
    labels = {"demand": _("demand"), "talent": _("candidate")}
    for name, label in labels.items():
        value = request.GET.get(name)
        if not value:
            continue
        rest = request.GET.copy()
        rest.pop(name)
        rest.pop("page", None)
        shown = value
        if name == "demand" and demand is not None:
            shown = f"{demand.title} · {demand.enterprise}"
        chips.append(
            {
                "name": name,
                "value": value,
                "label": label,
                "shown": shown,
                "invalid": name in filterset.form.errors,
                "clear_url": f"?{rest.urlencode()}",
            }
        )
    return chips


# A referral's page -------------------------------------------------------------------------------


@login_required
def referral_detail(request, pk):
    return render_detail(request, visible_referral(request, pk))


def timeline(referral: Referral) -> list[dict[str, Any]]:
    rows = []
    for event in referral.events.select_related("actor"):
        icon, colour = STATUS_LOOKS.get(event.to_status, ("dot", "secondary"))
        rows.append({"event": event, "icon": icon, "colour": colour})
    return rows


def render_detail(request, referral: Referral, bound: dict | None = None, status: int = 200):
    bound = bound or {}
    user = request.user
    screens = user.has_perm("recruiting.screen_referral", referral)
    live = referral.status in LIVE_REFERRAL_STATUSES
    interviews = list(referral.interviews.select_related("scheduled_by"))
    for interview in interviews:
        interview.form = None
        if screens and live and interview.outcome == InterviewOutcome.PENDING:
            interview.form = bound.get(f"record-{interview.pk}") or InterviewRecordForm(
                auto_id=f"record{interview.pk}_%s"
            )
    passed = any(i.outcome == InterviewOutcome.PASSED for i in interviews)

    def form(name, cls, allowed, **kwargs):
        return (bound.get(name) or cls(auto_id=f"{name}_%s", **kwargs)) if allowed else None

    status_now = referral.status
    actions = {
        "screen_form": form(
            "screen", ScreenForm, screens and status_now == ReferralStatus.REFERRED
        ),
        "interview_form": form(
            "interview",
            InterviewForm,
            screens and status_now in (ReferralStatus.SHORTLISTED, ReferralStatus.INTERVIEW),
        ),
        "offer_form": form(
            "offer", OfferForm, screens and status_now == ReferralStatus.INTERVIEW and passed
        ),
        "hire_form": form("hire", HireForm, screens and status_now == ReferralStatus.OFFERED),
        "reject_form": form(
            "reject", ReasonForm, screens and live and status_now != ReferralStatus.REFERRED
        ),
        "decline_form": form(
            "decline", ReasonForm, live and user.has_perm("recruiting.decline_referral", referral)
        ),
        "withdraw_form": form(
            "withdraw", ReasonForm, live and user.has_perm("recruiting.withdraw_referral", referral)
        ),
    }
    icon, colour = STATUS_LOOKS[ReferralStatus(referral.status)]
    context = {
        "referral": referral,
        "demand": referral.demand,
        "talent": referral.talent,
        "status_icon": icon,
        "status_colour": colour,
        "view": match_view(referral.explanation) if referral.explanation else None,
        "legend": legend(),
        "events": timeline(referral),
        "interviews": interviews,
        "waiting_for_interview": screens and status_now == ReferralStatus.INTERVIEW and not passed,
        **actions,
        "has_actions": any(actions.values()) or any(i.form for i in interviews),
        "action_errors": bound.get("errors", []),
        "is_candidate": referral.talent.user_id == user.pk,
    }
    return render(request, "recruiting/referrals/detail.html", context, status=status)


def step(request, referral: Referral, name: str, form, call, message: str):
    """Run one step: the service's result, or the page again with the form's errors."""
    if form.is_valid():
        try:
            call(form.cleaned_data)
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, message)
            return redirect("recruiting:referral-detail", referral.pk)
    referral.refresh_from_db()
    return render_detail(request, referral, {name: form}, status=400)


@login_required
@require_POST
def referral_screen(request, pk):
    referral = visible_referral(request, pk)
    form = ScreenForm(request.POST, auto_id="screen_%s")
    return step(
        request,
        referral,
        "screen",
        form,
        lambda data: services.referral_screen(
            actor=request.user, referral=referral, accept=form.accept, reason=data["reason"]
        ),
        _("Decision recorded: the agency is told."),
    )


@login_required
@require_POST
def interview_schedule(request, pk):
    referral = visible_referral(request, pk)
    form = InterviewForm(request.POST, auto_id="interview_%s")
    return step(
        request,
        referral,
        "interview",
        form,
        lambda data: services.interview_schedule(
            actor=request.user,
            referral=referral,
            starts_at=data["starts_at"],
            place=data["place"],
            interviewers=data["interviewers"],
        ),
        _("The interview is scheduled: the candidate and the agency are told."),
    )


@login_required
@require_POST
def interview_record(request, pk):
    visible = queries.visible_referrals(request.user).values("pk")
    interview = get_object_or_404(
        Interview.objects.filter(referral__in=visible).select_related("referral"), pk=pk
    )
    referral = interview.referral
    form = InterviewRecordForm(request.POST, auto_id=f"record{interview.pk}_%s")
    return step(
        request,
        referral,
        f"record-{interview.pk}",
        form,
        lambda data: services.interview_record(
            actor=request.user, interview=interview, outcome=data["outcome"], note=data["note"]
        ),
        _("The interview's outcome is recorded."),
    )


@login_required
@require_POST
def referral_offer(request, pk):
    referral = visible_referral(request, pk)
    form = OfferForm(request.POST, auto_id="offer_%s")
    return step(
        request,
        referral,
        "offer",
        form,
        lambda data: services.referral_offer(
            actor=request.user, referral=referral, note=data["note"]
        ),
        _("The offer is recorded: the candidate and the agency are told."),
    )


@login_required
@require_POST
def referral_hire(request, pk):
    referral = visible_referral(request, pk)
    form = HireForm(request.POST, auto_id="hire_%s")
    return step(
        request,
        referral,
        "hire",
        form,
        lambda data: services.referral_hire(
            actor=request.user, referral=referral, hired_on=data["hired_on"]
        ),
        _("Hired. The demand's headcount and the agency's hires are updated."),
    )


def ending(service_name: str, name: str, message):
    """Reject, decline, withdraw: one reason, one service call."""

    @login_required
    @require_POST
    def view(request, pk):
        referral = visible_referral(request, pk)
        form = ReasonForm(request.POST, auto_id=f"{name}_%s")
        service = getattr(services, service_name)
        return step(
            request,
            referral,
            name,
            form,
            lambda data: service(actor=request.user, referral=referral, reason=data["reason"]),
            str(message),
        )

    view.__name__ = f"referral_{name}"
    return view


referral_reject = ending(
    "referral_reject", "reject", gettext_lazy("The candidate is not selected.")
)
referral_decline = ending("referral_decline", "decline", gettext_lazy("The referral is declined."))
referral_withdraw = ending(
    "referral_withdraw", "withdraw", gettext_lazy("The referral is withdrawn.")
)
