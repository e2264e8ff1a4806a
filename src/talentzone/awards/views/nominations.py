"""Nominations: the HR's form (pick one of the enterprise's talents, see the eligibility check
clause by clause, then give the achievements and the files), a nomination's page, "my
nominations", and the office's screening list."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from talentzone.core.choices import Role
from talentzone.core.roles import has_role

from .. import queries, services
from ..choices import NominationStatus, RoundStatus
from ..forms import (
    AchievementsForm,
    AttachForm,
    NominationForm,
    ScreenForm,
    TalentPickForm,
    attach_errors,
)
from ..models import Nomination, NominationAttachment
from .common import get_round, require, safe_next, today

READERS = (Role.OFFICE_ADMIN, Role.LEADER)


def _open_for_nominations(round_) -> bool:
    day = today()
    return (
        round_.status == RoundStatus.NOMINATING
        and round_.nominations_open <= day <= round_.nominations_close
    )


def _attach_files(request, nomination, files) -> None:
    for upload in files:
        try:
            services.nomination_attach(actor=request.user, nomination=nomination, upload=upload)
        except ValidationError as error:
            messages.warning(
                request,
                _("%(file)s was not attached: %(reason)s")
                % {"file": upload.name, "reason": " ".join(error.messages)},
            )


@login_required
@require_http_methods(["GET", "POST"])
def nominate(request, pk):
    user = request.user
    if not has_role(user, Role.ENTERPRISE_HR):
        raise PermissionDenied("Nominations are made by an enterprise's HR.")
    round_ = get_round(user, pk)
    is_open = _open_for_nominations(round_)
    pick = TalentPickForm(request.GET or None, user=user)
    talent = pick.cleaned_data["talent"] if request.GET and pick.is_valid() else None
    form = None
    status = 200
    if request.method == "POST" and is_open:
        form = NominationForm(request.POST, request.FILES, user=user)
        if form.is_valid():
            talent = form.cleaned_data["talent"]
            try:
                nomination = services.nomination_create(
                    actor=user,
                    round=round_,
                    talent=talent,
                    achievements=form.cleaned_data["achievements"],
                )
            except ValidationError as error:
                attach_errors(form, error)
            else:
                _attach_files(request, nomination, form.cleaned_data["files"])
                messages.success(
                    request,
                    _("%(name)s is nominated; the talent office will screen the nomination.")
                    % {"name": talent.name},
                )
                return redirect("awards:nomination", nomination.pk)
        else:
            talent = talent or form.cleaned_data.get("talent")
        if talent is not None:
            pick = TalentPickForm({"talent": talent.pk}, user=user)
            pick.is_valid()
        status = 400
    eligibility = services.check_nominee(round_, talent) if talent is not None else None
    already = (
        talent is not None
        and Nomination.objects.filter(round=round_, talent=talent)
        .exclude(status=NominationStatus.WITHDRAWN)
        .first()
    )
    if form is None and talent is not None and is_open:
        form = NominationForm(initial={"talent": talent.pk}, user=user)
    step = 1
    if talent is not None:
        step = 3 if form is not None and eligibility.passed and not already else 2
    context = {
        "round": round_,
        "criteria": list(round_.criteria.all()),
        "is_open": is_open,
        "step": step,
        "pick": pick,
        "talent": talent,
        "eligibility": eligibility,
        "already": already or None,
        "form": form,
    }
    return render(request, "awards/nominate.html", context, status=status)


def _nomination(user, pk) -> Nomination:
    return get_object_or_404(queries.nominations_for(user), pk=pk)


@login_required
@require_http_methods(["GET", "POST"])
def nomination_detail(request, pk):
    user = request.user
    nomination = _nomination(user, pk)
    changes = user.has_perm("awards.change_nomination", nomination)
    editable = (
        changes
        and nomination.round.status == RoundStatus.NOMINATING
        and nomination.status == NominationStatus.SUBMITTED
    )
    edit_form = AchievementsForm(prefix="edit", initial={"achievements": nomination.achievements})
    attach_form = AttachForm(prefix="attach")
    status = 200
    if request.method == "POST":
        if not changes:
            raise PermissionDenied("awards.change_nomination refused")
        what = request.POST.get("do", "")
        try:
            if what == "withdraw":
                services.nomination_withdraw(actor=user, nomination=nomination)
                messages.success(request, _("The nomination is withdrawn."))
                return redirect("awards:nomination", nomination.pk)
            if what == "update":
                edit_form = AchievementsForm(request.POST, prefix="edit")
                if edit_form.is_valid():
                    services.nomination_update(
                        actor=user,
                        nomination=nomination,
                        achievements=edit_form.cleaned_data["achievements"],
                    )
                    messages.success(request, _("The achievements are saved."))
                    return redirect("awards:nomination", nomination.pk)
            elif what == "attach":
                attach_form = AttachForm(request.POST, request.FILES, prefix="attach")
                if attach_form.is_valid():
                    services.nomination_attach(
                        actor=user, nomination=nomination, upload=attach_form.cleaned_data["file"]
                    )
                    messages.success(request, _("The file is attached."))
                    return redirect("awards:nomination", nomination.pk)
            else:
                raise Http404("No such step.")
        except ValidationError as error:
            target = attach_form if what == "attach" else edit_form
            if what == "withdraw":
                messages.error(request, " ".join(error.messages))
                return redirect("awards:nomination", nomination.pk)
            attach_errors(target, error)
        status = 400
    entry = getattr(nomination, "ranking_entry", None)
    context = {
        "nomination": nomination,
        "round": nomination.round,
        "attachments": list(nomination.attachments.all()),
        "clauses": nomination.eligibility or [],
        "editable": editable,
        "edit_form": edit_form,
        "attach_form": attach_form,
        "entry": entry,
        "may_screen": user.has_perm("awards.screen_nomination")
        and nomination.round.status == RoundStatus.SCREENING
        and nomination.status != NominationStatus.WITHDRAWN,
        "screen_form": ScreenForm(),
        "back_url": reverse("awards:nominations", args=[nomination.round_id])
        if has_role(user, *READERS)
        else reverse("awards:my-nominations"),
    }
    return render(request, "awards/nomination.html", context, status=status)


@login_required
def attachment(request, pk):
    """A nomination's file, for whoever reads the nomination and the experts who score it."""
    found = get_object_or_404(NominationAttachment.objects.select_related("nomination"), pk=pk)
    readable = queries.nominations_for(request.user).filter(pk=found.nomination_id).exists()
    scoring = (
        queries.assignments_for(request.user)
        .filter(nomination_id=found.nomination_id, conflict="")
        .exists()
    )
    if not (readable or scoring):
        raise Http404("No such attachment.")
    try:
        handle = found.file.open("rb")
    except (FileNotFoundError, ValueError) as missing:
        raise Http404("The file is gone.") from missing
    return FileResponse(handle, as_attachment=True, filename=found.file_name)


@login_required
def my_nominations(request):
    user = request.user
    rows = queries.nominations_for(user).order_by("-round__year", "-created_at", "-pk")
    day = today()
    open_rounds = []
    if has_role(user, Role.ENTERPRISE_HR):
        open_rounds = [
            r
            for r in queries.rounds_for(user).filter(status=RoundStatus.NOMINATING)
            if r.nominations_open <= day <= r.nominations_close
        ]
    context = {"nominations": rows, "open_rounds": open_rounds}
    return render(request, "awards/my_nominations.html", context)


@login_required
def nominations(request, pk):
    user = request.user
    if not has_role(user, *READERS):
        raise PermissionDenied("The screening list is the office's.")
    round_ = get_round(user, pk)
    status = request.GET.get("status", "")
    rows = (
        Nomination.objects.filter(round=round_)
        .select_related("talent", "enterprise", "nominated_by")
        .prefetch_related("attachments")
    )
    all_rows = list(rows)
    by_status = {value: 0 for value in NominationStatus.values}
    for row in all_rows:
        by_status[row.status] += 1
        row.eligible = all(clause.get("passed") for clause in row.eligibility or [])
    shown = [row for row in all_rows if not status or row.status == status]
    context = {
        "round": round_,
        "rows": shown,
        "status": status if status in NominationStatus.values else "",
        "statuses": NominationStatus.choices,
        "by_status": by_status,
        "may_screen": user.has_perm("awards.screen_nomination")
        and round_.status == RoundStatus.SCREENING,
    }
    return render(request, "awards/nominations.html", context)


@login_required
@require_POST
def nomination_screen(request, pk):
    user = request.user
    require(user, "awards.screen_nomination")
    nomination = _nomination(user, pk)
    form = ScreenForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose to admit or to refuse."))
    else:
        admit = form.cleaned_data["admit"]
        try:
            services.nomination_screen(
                actor=user,
                nomination=nomination,
                admit=admit,
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                (_("%(name)s is admitted.") if admit else _("%(name)s is refused."))
                % {"name": nomination.talent.name},
            )
    fallback = reverse("awards:nominations", args=[nomination.round_id])
    return redirect(safe_next(request, fallback))
