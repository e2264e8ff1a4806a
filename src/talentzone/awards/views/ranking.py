"""The ranking with its breakdown (office and leaders), its Excel export for the committee, the
public notice (everyone signed in) with the objection form and, for the office, the objections
to resolve, and the higher programme's outcome of a recommendation."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from talentzone.core.choices import Role
from talentzone.core.roles import has_role

from .. import exports, queries, services
from ..choices import EntryStatus, ObjectionStatus, Outcome, RoundKind, RoundStatus
from ..exports import SHOWN_ON_NOTICE, breakdown_table, lead_criterion
from ..forms import ObjectionForm, OutcomeForm, ResolveForm, attach_errors
from ..models import Objection, PanelMember, RankingEntry
from .common import counts, get_round, next_actions, rank_blocker, require, today

PUBLIC = (RoundStatus.NOTICE, RoundStatus.ANNOUNCED)


@login_required
def ranking(request, pk):
    user = request.user
    require(user, "awards.view_ranking")
    round_ = get_round(user, pk)
    entries = list(queries.ranking(round_))
    criteria = list(round_.criteria.all())
    numbers = counts(round_)
    members = list(PanelMember.objects.filter(round=round_).select_related("expert"))
    for member in members:
        member.done, member.total = numbers["progress"]["per_expert"].get(member.expert_id, (0, 0))
    records_outcomes = (
        user.has_perm("awards.record_outcome")
        and round_.kind == RoundKind.RECOMMENDATION
        and round_.status == RoundStatus.ANNOUNCED
    )
    table = breakdown_table(round_, entries)
    for row in table["rows"]:
        entry = row["entry"]
        row["outcome_form"] = (
            OutcomeForm(prefix=f"o{entry.pk}", initial={"decided_on": today()})
            if records_outcomes
            and entry.status == EntryStatus.NAMED
            and entry.outcome == Outcome.PENDING
            else None
        )
    manages = user.has_perm("awards.manage_round")
    context = {
        "round": round_,
        "table": table,
        "entries": entries,
        "criteria": criteria,
        "lead": lead_criterion(criteria),
        "numbers": numbers,
        "members": members,
        "may_publish": manages and round_.status == RoundStatus.SCORING,
        "publish_blocker": rank_blocker(round_, numbers),
        "actions": next_actions(round_, numbers) if manages else [],
        "manages": manages,
    }
    return render(request, "awards/ranking.html", context)


@login_required
def ranking_export(request, pk):
    user = request.user
    require(user, "awards.view_ranking")
    round_ = get_round(user, pk)
    if not round_.ranking.exists():
        messages.error(request, _("The round is not ranked yet: there is nothing to export."))
        return redirect("awards:ranking", round_.pk)
    export = exports.ranking_export(actor=user, round=round_, ip=request.META.get("REMOTE_ADDR"))
    return export.response()


@login_required
def notices(request):
    """The public notices: rounds on notice now, and the winners of those announced."""
    rounds = list(
        queries.rounds_for(request.user).filter(status__in=PUBLIC).order_by("-year", "-pk")
    )
    for round_ in rounds:
        round_.shown = list(
            RankingEntry.objects.filter(round=round_, status__in=SHOWN_ON_NOTICE)
            .select_related("nomination__talent", "nomination__enterprise")
            .order_by("rank")
        )
    context = {
        "on_notice": [r for r in rounds if r.status == RoundStatus.NOTICE],
        "announced": [r for r in rounds if r.status == RoundStatus.ANNOUNCED],
    }
    return render(request, "awards/notices.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def notice(request, pk):
    user = request.user
    round_ = get_round(user, pk)
    if round_.status not in PUBLIC:
        raise Http404("The round is not on public notice.")
    shown = list(
        RankingEntry.objects.filter(round=round_, status__in=SHOWN_ON_NOTICE)
        .select_related("nomination__talent", "nomination__enterprise")
        .order_by("rank")
    )
    on_notice = [entry for entry in shown if entry.status == EntryStatus.NOTICE]
    form = ObjectionForm(request.POST or None, entries=on_notice) if on_notice else None
    status = 200
    if request.method == "POST":
        if form is None:
            messages.error(request, _("Nobody is on public notice now."))
            return redirect("awards:notice", round_.pk)
        if form.is_valid():
            entry = next(e for e in on_notice if e.pk == form.cleaned_data["entry"])
            try:
                services.objection_lodge(
                    actor=user, entry=entry, reason=form.cleaned_data["reason"]
                )
            except ValidationError as error:
                attach_errors(form, error)
            else:
                messages.success(
                    request, _("Your objection is lodged; the talent office will answer it.")
                )
                return redirect("awards:notice", round_.pk)
        status = 400
    resolves = user.has_perm("awards.resolve_objection")
    objections = Objection.objects.filter(entry__round=round_).select_related(
        "entry__nomination__talent", "lodged_by", "resolved_by"
    )
    if not resolves:
        objections = objections.filter(lodged_by=user)
    objections = list(objections)
    for objection in objections:
        objection.forms = (
            {
                "uphold": ResolveForm(prefix=f"r{objection.pk}", initial={"uphold": "1"}),
                "dismiss": ResolveForm(prefix=f"r{objection.pk}", initial={"uphold": "0"}),
            }
            if resolves and objection.status == ObjectionStatus.OPEN
            else None
        )
    ends = max((e.notice_ends_on for e in on_notice if e.notice_ends_on), default=None)
    context = {
        "round": round_,
        "entries": shown,
        "on_notice": on_notice,
        "ends": ends,
        "form": form,
        "objections": objections,
        "resolves": resolves,
        "manages": user.has_perm("awards.manage_round"),
        "may_rank": user.has_perm("awards.view_ranking"),
        "is_office": has_role(user, Role.OFFICE_ADMIN),
    }
    return render(request, "awards/notice.html", context, status=status)


@login_required
@require_POST
def objection_resolve(request, pk):
    user = request.user
    require(user, "awards.resolve_objection")
    objection = get_object_or_404(
        Objection.objects.select_related("entry__round", "entry__nomination__talent"), pk=pk
    )
    form = ResolveForm(request.POST, prefix=f"r{objection.pk}")
    if not form.is_valid():
        messages.error(request, _("Write the resolution: the person who objected reads it."))
    else:
        uphold = form.cleaned_data["uphold"]
        try:
            promoted = services.objection_resolve(
                actor=user,
                objection=objection,
                uphold=uphold,
                resolution=form.cleaned_data["resolution"],
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            if not uphold:
                messages.success(request, _("The objection is dismissed."))
            elif promoted is not None:
                messages.success(
                    request,
                    _("The objection is upheld; %(name)s moves up onto the public notice.")
                    % {"name": promoted.nomination.talent.name},
                )
            else:
                messages.success(request, _("The objection is upheld."))
    return redirect("awards:notice", objection.entry.round_id)


@login_required
@require_POST
def outcome(request, pk):
    user = request.user
    require(user, "awards.record_outcome")
    entry = get_object_or_404(RankingEntry.objects.select_related("round"), pk=pk)
    if not user.has_perm("awards.view_ranking"):
        raise PermissionDenied("awards.view_ranking refused")
    form = OutcomeForm(request.POST, prefix=f"o{entry.pk}")
    if not form.is_valid():
        messages.error(
            request,
            " ".join(str(e) for errors in form.errors.values() for e in errors),
        )
    else:
        try:
            services.outcome_record(
                actor=user,
                entry=entry,
                selected=form.cleaned_data["selected"],
                decided_on=form.cleaned_data["decided_on"],
                note=form.cleaned_data["note"],
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The programme's decision is recorded."))
    return redirect(reverse("awards:ranking", args=[entry.round_id]))
