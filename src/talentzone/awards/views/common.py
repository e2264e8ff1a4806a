"""What several of the evaluations' pages share: permission checks, today's date, the round's
stepper, and the round's next step with the reason it cannot be taken yet."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .. import queries
from ..choices import EntryStatus, NominationStatus, ObjectionStatus, RoundStatus
from ..models import Objection, Round

# The minimum panel the services accept (services.MIN_EXPERTS_PER_NOMINEE).
MIN_PANEL = 3


def today():
    return timezone.localtime(timezone.now()).date()


def require(user, perm: str, obj=None) -> None:
    if not user.has_perm(perm, obj):
        raise PermissionDenied(f"{perm} refused")


def get_round(user, pk) -> Round:
    """A round the user may see (drafts are the office's): 404 otherwise."""
    return get_object_or_404(queries.rounds_for(user), pk=pk)


def safe_next(request, fallback: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return fallback


STEPS = [
    (RoundStatus.DRAFT, "pencil"),
    (RoundStatus.NOMINATING, "inbox"),
    (RoundStatus.SCREENING, "funnel"),
    (RoundStatus.SCORING, "clipboard-check"),
    (RoundStatus.NOTICE, "megaphone"),
    (RoundStatus.ANNOUNCED, "trophy"),
]


def stepper(round_: Round) -> list[dict]:
    """The statuses in order, each done, current or still to come."""
    at = [status for status, _icon in STEPS].index(round_.status)
    return [
        {
            "value": status.value,
            "label": status.label,
            "icon": icon,
            "state": "done" if i < at else ("current" if i == at else "todo"),
            "number": i + 1,
        }
        for i, (status, icon) in enumerate(STEPS)
    ]


def counts(round_: Round) -> dict:
    by_status = {status: 0 for status in NominationStatus.values}
    for status in round_.nominations.values_list("status", flat=True):
        by_status[status] += 1
    progress = queries.scoring_progress(round_)
    return {
        "nominations": sum(n for s, n in by_status.items() if s != NominationStatus.WITHDRAWN),
        "by_status": by_status,
        "panel": round_.panel.count(),
        "progress": progress,
        "missing": progress["total"] - progress["done"],
        "entries": round_.ranking.count(),
        "on_notice": round_.ranking.filter(status=EntryStatus.NOTICE).count(),
        "named": round_.ranking.filter(status=EntryStatus.NAMED).count(),
        "open_objections": Objection.objects.filter(
            entry__round=round_, status=ObjectionStatus.OPEN
        ).count(),
    }


def action(name, label, icon, reason="", *, hint="", style="primary") -> dict:
    return {
        "name": name,
        "label": label,
        "icon": icon,
        "reason": reason,
        "hint": hint,
        "enabled": not reason,
        "style": style,
    }


def rank_blocker(round_: Round, numbers: dict) -> str:
    if numbers["progress"]["total"] == 0:
        return _("No scoresheet is assigned.")
    if numbers["missing"]:
        return _("%(missing)s of %(total)s scoresheets are still to come.") % {
            "missing": numbers["missing"],
            "total": numbers["progress"]["total"],
        }
    return ""


def next_actions(round_: Round, numbers: dict, *, day=None) -> list[dict]:
    """The office's next step on the round: enabled, or with the reason it is not possible yet."""
    day = day or today()
    status = round_.status
    if status == RoundStatus.DRAFT:
        criteria = list(round_.criteria.all())
        weights = sum(c.weight for c in criteria)
        reason = ""
        if not criteria:
            reason = _("Add the scoring criteria first.")
        elif weights != 100:
            reason = _("The criteria's weights add up to %(sum)s, not 100.") % {"sum": weights}
        return [action("open", _("Open for nominations"), "door-open", reason)]
    if status == RoundStatus.NOMINATING:
        hint = (
            _("Nominations close on %(day)s; you may close them early.")
            % {"day": round_.nominations_close.isoformat()}
            if day <= round_.nominations_close
            else ""
        )
        return [action("close", _("Close nominations"), "lock", hint=hint, style="outline-primary")]
    if status == RoundStatus.SCREENING:
        unscreened = numbers["by_status"][NominationStatus.SUBMITTED]
        reason = ""
        if unscreened:
            reason = ngettext(
                "%(count)s nomination is still to be screened.",
                "%(count)s nominations are still to be screened.",
                unscreened,
            ) % {"count": unscreened}
        elif not numbers["by_status"][NominationStatus.ADMITTED]:
            reason = _("No nomination is admitted.")
        elif numbers["panel"] < MIN_PANEL:
            reason = _("Draw a panel of at least %(size)s experts first.") % {"size": MIN_PANEL}
        return [action("start-scoring", _("Start the expert scoring"), "play-fill", reason)]
    if status == RoundStatus.SCORING:
        return [
            action(
                "rank",
                _("Rank and publish the notice"),
                "megaphone",
                rank_blocker(round_, numbers),
            )
        ]
    if status == RoundStatus.NOTICE:
        reason = ""
        ends = (
            round_.ranking.filter(status=EntryStatus.NOTICE)
            .order_by("-notice_ends_on")
            .values_list("notice_ends_on", flat=True)
            .first()
        )
        if ends is not None and ends >= day:
            reason = _("The public notice runs until %(day)s.") % {"day": ends.isoformat()}
        elif numbers["open_objections"]:
            reason = ngettext(
                "%(count)s objection is still open.",
                "%(count)s objections are still open.",
                numbers["open_objections"],
            ) % {"count": numbers["open_objections"]}
        return [action("announce", _("Announce the winners"), "trophy", reason)]
    return []
