"""An expert's desk: the assignments (to score, done, excluded with the reason) and the scoring
page, one nominee at a time. The page is made for the keyboard: the first criterion has the
focus, Tab goes through the criteria, Enter saves and opens the next nominee still to score;
Alt+P / Alt+N (the browser's access keys) go to the previous and the next nominee.

Scoring is blind: an expert reads only their own assignments and their own points."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from talentzone.core.choices import Role
from talentzone.core.roles import has_role

from .. import queries, services
from ..choices import RoundStatus
from ..forms import ScoreForm, attach_errors
from ..models import Score


def _expert(user) -> None:
    if not has_role(user, Role.EXPERT):
        raise PermissionDenied("The scoring desk is an expert's.")


@login_required
def scoring(request):
    user = request.user
    _expert(user)
    groups: dict = {}
    for assignment in queries.assignments_for(user).order_by(
        "-round__year", "round", "nomination__created_at", "nomination"
    ):
        group = groups.setdefault(
            assignment.round_id, {"round": assignment.round, "rows": [], "done": 0, "total": 0}
        )
        group["rows"].append(assignment)
        if not assignment.conflict:
            group["total"] += 1
            group["done"] += bool(assignment.submitted_at)
    rounds = sorted(
        groups.values(), key=lambda g: (g["round"].status != RoundStatus.SCORING, -g["round"].year)
    )
    next_up = queries.to_score(user).first()
    return render(request, "awards/scoring.html", {"groups": rounds, "next_up": next_up})


def _sequence(user, assignment) -> list:
    """The expert's unconflicted assignments of the round, in the order they are scored."""
    return list(
        queries.assignments_for(user)
        .filter(round=assignment.round_id, conflict="")
        .order_by("nomination__created_at", "nomination", "pk")
    )


def _next_unscored(sequence, current):
    """The next assignment still to score after `current`, coming round to the start; None."""
    at = next((i for i, a in enumerate(sequence) if a.pk == current.pk), -1)
    for candidate in sequence[at + 1 :] + sequence[: at + 1]:
        if candidate.pk != current.pk and candidate.submitted_at is None:
            return candidate
    return None


@login_required
@require_http_methods(["GET", "POST"])
def score(request, pk):
    user = request.user
    _expert(user)
    assignment = get_object_or_404(queries.assignments_for(user), pk=pk)
    if assignment.conflict:
        raise PermissionDenied("A conflicted nominee is not scored.")
    round_ = assignment.round
    criteria = list(round_.criteria.all())
    given = {s.criterion_id: s.points for s in Score.objects.filter(assignment=assignment)}
    open_for_scoring = round_.status == RoundStatus.SCORING
    form = ScoreForm(
        request.POST if request.method == "POST" else None,
        criteria=criteria,
        initial_points=given,
        initial={"comment": assignment.comment},
    )
    sequence = _sequence(user, assignment)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.score_submit(
                    actor=user,
                    assignment=assignment,
                    points=form.points(),
                    comment=form.cleaned_data["comment"],
                )
            except ValidationError as error:
                attach_errors(form, error)
            else:
                nominee = assignment.nomination.talent.name
                following = _next_unscored(sequence, assignment)
                if following is None:
                    messages.success(
                        request,
                        _("Your scores for %(name)s are saved. You have scored every nominee.")
                        % {"name": nominee},
                    )
                    return redirect("awards:scoring")
                messages.success(
                    request, _("Your scores for %(name)s are saved.") % {"name": nominee}
                )
                return redirect("awards:score", following.pk)
        status = 400
    at = next((i for i, a in enumerate(sequence) if a.pk == assignment.pk), 0)
    excluded = [
        a for a in queries.assignments_for(user).filter(round=round_.pk).exclude(conflict="")
    ]
    context = {
        "assignment": assignment,
        "nomination": assignment.nomination,
        "round": round_,
        "form": form,
        "open_for_scoring": open_for_scoring,
        "position": at + 1,
        "count": len(sequence),
        "done": sum(1 for a in sequence if a.submitted_at),
        "previous": sequence[at - 1] if at > 0 else None,
        "next": sequence[at + 1] if at + 1 < len(sequence) else None,
        "sequence": sequence,
        "excluded": excluded,
        "attachments": list(assignment.nomination.attachments.all()),
        "total_max": sum(c.weight for c in criteria),
    }
    return render(request, "awards/score.html", context, status=status)
