"""The rounds: the list, the set-up form with its criteria, a round's page (where it is, its
criteria, its numbers and the office's next step), the actions, and the panel."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from talentzone.core.choices import Role
from talentzone.core.roles import has_role

from .. import queries, services
from ..choices import Conflict, NominationStatus, RoundStatus
from ..forms import PanelDrawForm, PanelSetForm, RoundForm, attach_errors, criterion_rows
from ..models import Assignment, Expert, Nomination, PanelMember, Round
from .common import counts, get_round, next_actions, require, safe_next, stepper, today

CRITERIA_OPEN = (RoundStatus.DRAFT, RoundStatus.NOMINATING, RoundStatus.SCREENING)
EDITABLE = CRITERIA_OPEN
PANEL_OPEN = (RoundStatus.NOMINATING, RoundStatus.SCREENING)


@login_required
def rounds(request):
    user = request.user
    rows = queries.rounds_for(user).annotate(
        nominated=Count("nominations", filter=~Q(nominations__status=NominationStatus.WITHDRAWN))
    )
    day = today()
    is_hr = has_role(user, Role.ENTERPRISE_HR)
    listed = list(rows)
    for round_ in listed:
        round_.may_nominate = (
            is_hr
            and round_.status == RoundStatus.NOMINATING
            and round_.nominations_open <= day <= round_.nominations_close
        )
    context = {
        "rounds": listed,
        "may_manage": user.has_perm("awards.manage_round"),
        "may_rank": user.has_perm("awards.view_ranking"),
    }
    return render(request, "awards/rounds.html", context)


def _round_form(request, round_: Round | None):
    require(request.user, "awards.manage_round")
    if round_ is not None and round_.status not in EDITABLE:
        messages.error(request, _("The round cannot be changed once the scoring has started."))
        return redirect("awards:round", round_.pk)
    instance = round_ or Round()
    form = RoundForm(request.POST or None, instance=instance)
    rows = criterion_rows(round_, request.POST or None)
    if request.method == "POST":
        form_ok, rows_ok = form.is_valid(), rows.is_valid()
        if form_ok and rows_ok:
            try:
                saved = services.round_save(
                    actor=request.user,
                    round=form.instance,
                    criteria=rows.rows() if instance.status in CRITERIA_OPEN else None,
                )
            except ValidationError as error:
                attach_errors(form, error)
            else:
                messages.success(request, _("The round is saved."))
                return redirect("awards:round", saved.pk)
    status = 400 if form.is_bound and (form.errors or not rows.is_valid()) else 200
    context = {
        "form": form,
        "rows": rows,
        "round": round_,
        "cancel_url": reverse("awards:round", args=[round_.pk])
        if round_
        else reverse("awards:rounds"),
    }
    return render(request, "awards/round_form.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def round_new(request):
    return _round_form(request, None)


@login_required
@require_http_methods(["GET", "POST"])
def round_edit(request, pk):
    require(request.user, "awards.manage_round")
    return _round_form(request, get_round(request.user, pk))


@login_required
def round_detail(request, pk):
    user = request.user
    round_ = get_round(user, pk)
    numbers = counts(round_)
    manages = user.has_perm("awards.manage_round")
    day = today()
    mine = (
        queries.nominations_for(user).filter(round=round_)
        if has_role(user, Role.ENTERPRISE_HR, Role.TALENT)
        else Nomination.objects.none()
    )
    context = {
        "round": round_,
        "steps": stepper(round_),
        "criteria": list(round_.criteria.all()),
        "numbers": numbers,
        "actions": next_actions(round_, numbers, day=day) if manages else [],
        "manages": manages,
        "may_edit": manages and round_.status in EDITABLE,
        "may_rank": user.has_perm("awards.view_ranking"),
        "may_nominate": has_role(user, Role.ENTERPRISE_HR)
        and round_.status == RoundStatus.NOMINATING
        and round_.nominations_open <= day <= round_.nominations_close,
        "my_nominations": list(mine),
        "my_assignments": queries.assignments_for(user).filter(round=round_).count(),
        "on_notice": round_.status in (RoundStatus.NOTICE, RoundStatus.ANNOUNCED),
        "weights": sum(c.weight for c in round_.criteria.all()),
    }
    return render(request, "awards/round.html", context)


def _do(action: str):
    """The service behind an action, and what to say when it is done (404: no such action)."""
    done = {
        "open": (services.round_open, _("The round is open for nominations.")),
        "close": (services.round_close_nominations, _("Nominations are closed: screen them.")),
        "start-scoring": (
            services.round_start_scoring,
            _("The scoring has started; the experts are told."),
        ),
        "rank": (services.round_rank, _("The ranking is published on public notice.")),
        "announce": (services.round_announce, _("The winners are announced.")),
    }
    if action not in done:
        raise Http404("No such action.")
    return done[action]


@login_required
@require_POST
def round_action(request, pk, action):
    require(request.user, "awards.manage_round")
    service, done = _do(action)
    round_ = get_round(request.user, pk)
    try:
        service(actor=request.user, round=round_)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, done)
    return redirect(safe_next(request, reverse("awards:round", args=[round_.pk])))


@login_required
@require_http_methods(["GET", "POST"])
def panel(request, pk):
    user = request.user
    require(user, "awards.manage_round")
    round_ = get_round(user, pk)
    draw_form = PanelDrawForm(prefix="draw", initial={"size": round_.panel_size})
    set_form = PanelSetForm(
        prefix="set", initial={"experts": list(round_.panel.values_list("expert_id", flat=True))}
    )
    status = 200
    if request.method == "POST":
        bound = (
            PanelDrawForm(request.POST, prefix="draw")
            if "draw" in request.POST
            else PanelSetForm(request.POST, prefix="set")
        )
        if bound.is_valid():
            try:
                if isinstance(bound, PanelDrawForm):
                    services.panel_draw(
                        actor=user,
                        round=round_,
                        size=bound.cleaned_data["size"],
                        seed=bound.cleaned_data["seed"],
                    )
                else:
                    services.panel_set(
                        actor=user, round=round_, experts=list(bound.cleaned_data["experts"])
                    )
            except ValidationError as error:
                attach_errors(bound, error)
            else:
                messages.success(request, _("The panel is set."))
                return redirect("awards:panel", round_.pk)
        status = 400
        if isinstance(bound, PanelDrawForm):
            draw_form = bound
        else:
            set_form = bound
    members = list(PanelMember.objects.filter(round=round_).select_related("expert"))
    progress = queries.scoring_progress(round_)
    for member in members:
        member.done, member.total = progress["per_expert"].get(member.expert_id, (0, 0))
    started = round_.status not in (
        RoundStatus.DRAFT,
        RoundStatus.NOMINATING,
        RoundStatus.SCREENING,
    )
    nominations = list(
        Nomination.objects.filter(round=round_)
        .filter(
            status__in=[NominationStatus.ADMITTED]
            if started
            else [NominationStatus.SUBMITTED, NominationStatus.ADMITTED]
        )
        .select_related("talent", "enterprise")
    )
    cells = {}
    if started:
        for assignment in Assignment.objects.filter(round=round_):
            cells[(assignment.nomination_id, assignment.expert_id)] = (
                "conflict"
                if assignment.conflict
                else ("done" if assignment.submitted_at else "todo"),
                assignment.get_conflict_display() if assignment.conflict else "",
            )
    else:
        for nomination in nominations:
            for member in members:
                conflict = services.conflict_of(member.expert, nomination)
                cells[(nomination.pk, member.expert_id)] = (
                    "conflict" if conflict else "clear",
                    Conflict(conflict).label if conflict else "",
                )
    matrix = [
        (
            nomination,
            [cells.get((nomination.pk, m.expert_id), ("none", "")) for m in members],
        )
        for nomination in nominations
    ]
    context = {
        "round": round_,
        "members": members,
        "matrix": matrix,
        "started": started,
        "progress": progress,
        "may_draw": round_.status in PANEL_OPEN,
        "draw_form": draw_form,
        "set_form": set_form,
        "pool": Expert.objects.filter(active=True).count(),
    }
    return render(request, "awards/panel.html", context, status=status)
