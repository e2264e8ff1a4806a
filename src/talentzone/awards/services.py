"""The yearly evaluations' services: the only writers of rounds, nominations, the panel, the
scores, the ranking and the objections.

    draft ─open→ nominating ─close (or the beat task after the closing day)→ screening
          ─start scoring→ scoring ─rank→ notice ─announce→ announced

Every function checks the actor's permission (rules.py), writes in one transaction with the row
that serialises the step locked (`select_for_update`: the round's row for the round's steps,
the nominations and the scoring; the assignment's row for a scoresheet), writes an audit
record and notifies whom it concerns. A step that does not hold raises
ValidationError({field: ValidationError(message, code=…)}) (or a whole-form error with its code)
or PermissionDenied, and writes nothing.

Eligibility is judged on the day nominations close: the age in whole years on that day, and the
round's rule (the policies' rule language) evaluated for that day. An expert never scores a
nominee who is themselves, whom they nominated, or who works for (or was nominated by) their
employer: the assignment records why (`conflict_of`) and the database refuses a score on it.
The ranking's arithmetic is `ranking.py`.

Every function takes the clock (`today`) so tests fix it; it defaults to the park's.
"""

import datetime
import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from talentzone.core.audit import AuditAction, audit, changed_fields, tracked_values
from talentzone.core.choices import Role
from talentzone.core.notifications import notify
from talentzone.core.services import require_perm
from talentzone.directory.choices import CredentialKind, Level
from talentzone.directory.models import Credential

from . import ranking
from .choices import (
    Conflict,
    EntryStatus,
    NominationStatus,
    ObjectionStatus,
    Outcome,
    RoundKind,
    RoundStatus,
)
from .models import (
    Assignment,
    Criterion,
    Expert,
    Nomination,
    NominationAttachment,
    Objection,
    PanelMember,
    RankingEntry,
    Round,
    Score,
)

MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024
MIN_EXPERTS_PER_NOMINEE = 3
TITLE_LENGTH = 120  # Notification.title

# A round's set-up (its dates, rule, quota, reward) may change until scoring starts; the
# criteria likewise.
EDITABLE_STATUSES = (RoundStatus.DRAFT, RoundStatus.NOMINATING, RoundStatus.SCREENING)
POINTS_STEP = Decimal("0.1")


# Small helpers -------------------------------------------------------------------------------


def _today(today: datetime.date | None) -> datetime.date:
    return today or timezone.localtime(timezone.now()).date()


def _refuse(field_name: str, message: str, code: str, params: Mapping | None = None):
    return ValidationError({field_name: ValidationError(message, code=code, params=params)})


def _refuse_all(message: str, code: str, params: Mapping | None = None):
    return ValidationError(message, code=code, params=params)


def _title(text: str) -> str:
    return str(text)[:TITLE_LENGTH]


def _url(name: str, *args) -> str:
    """The page a notification links to."""
    return reverse(name, args=args)


def _lock_round(round_id: int) -> Round:
    """The round's row, locked until the transaction ends: the round's steps take turns."""
    return Round.objects.select_for_update().get(pk=round_id)


def _move(round: Round, status: str, *, actor, detail: dict, **dates) -> None:
    """Move the round on to `status`, setting the dates of record given (ranked_on=…), audited
    with `detail`."""
    round.status = status
    for name, value in dates.items():
        setattr(round, name, value)
    round.save(update_fields=["status", *dates, "updated_at"])
    audit(
        actor=actor,
        action=AuditAction.UPDATE,
        target=round,
        changes=["status", *dates],
        detail={"status": status, **detail},
    )


def _wrong_status(round: Round) -> ValidationError:
    return _refuse_all(
        _("Not possible while the round is “%(status)s”."),
        "wrong_status",
        {"status": round.get_status_display()},
    )


def _require_status(round: Round, *allowed: str) -> None:
    if round.status not in allowed:
        raise _wrong_status(round)


def _users_with_role(role: str):
    from talentzone.core.models import User

    return User.objects.filter(is_active=True, groups__name=role).distinct()


def office_admins() -> list:
    return list(_users_with_role(Role.OFFICE_ADMIN))


def hr_of(enterprise_ids) -> list:
    """The HR staff acting for these enterprises."""
    ids = [pk for pk in enterprise_ids if pk is not None]
    if not ids:
        return []
    return list(_users_with_role(Role.ENTERPRISE_HR).filter(memberships__enterprise__in=ids))


def _nominee_users(nominations: Sequence[Nomination]) -> list:
    """The nominating enterprises' HR and the nominees themselves (with an account)."""
    users = {user.pk: user for user in hr_of({n.enterprise_id for n in nominations})}
    for nomination in nominations:
        if nomination.talent.user_id:
            users.setdefault(nomination.talent.user_id, nomination.talent.user)
    return list(users.values())


def whole_years(start: datetime.date, end: datetime.date) -> int:
    """Whole years from `start` to `end` (someone born on 15 June is 35 from 15 June on)."""
    return end.year - start.year - ((end.month, end.day) < (start.month, start.day))


# Rounds --------------------------------------------------------------------------------------


def _clean_criteria(criteria: Sequence[Mapping]) -> list[dict]:
    """The criteria as given, checked: each {name, description?, weight, max_points}; weights
    add up to 100 and names differ."""
    cleaned = []
    for position, item in enumerate(criteria or (), start=1):
        try:
            weight = int(item.get("weight"))
            max_points = int(item.get("max_points"))
        except (TypeError, ValueError):
            raise _refuse(
                "criteria",
                _("Criterion %(n)s: give its weight and maximum points as whole numbers."),
                "invalid",
                {"n": position},
            ) from None
        values = {
            "position": position,
            "name": str(item.get("name") or "").strip(),
            "description": str(item.get("description") or "").strip(),
            "weight": weight,
            "max_points": max_points,
        }
        try:
            Criterion(**values).full_clean(exclude=["round"], validate_unique=False)
        except ValidationError as error:
            problems = "; ".join(
                f"{field}: {' '.join(messages)}" for field, messages in error.message_dict.items()
            )
            raise _refuse(
                "criteria",
                _("Criterion %(n)s: %(problems)s"),
                "invalid",
                {"n": position, "problems": problems},
            ) from None
        cleaned.append(values)
    if not cleaned or sum(c["weight"] for c in cleaned) != 100:
        raise _refuse(
            "criteria",
            _("The criteria's weights must add up to 100 (now %(sum)s)."),
            "weights_not_100",
            {"sum": sum(c["weight"] for c in cleaned)},
        )
    names = [c["name"] for c in cleaned]
    if len(set(names)) != len(names):
        raise _refuse("criteria", _("Each criterion needs its own name."), "duplicate_name")
    return cleaned


def _check_reward(round: Round) -> None:
    from talentzone.policies.choices import ApplicantKind, Benefit

    if round.kind != RoundKind.AWARD or round.reward_policy_id is None:
        return
    policy = round.reward_policy
    if policy.benefit != Benefit.MONEY:
        raise _refuse(
            "reward_policy", _("The reward policy must pay money; this one is in kind."), "in_kind"
        )
    if policy.applicant_kind != ApplicantKind.TALENT:
        raise _refuse(
            "reward_policy", _("The reward policy must be one for talents."), "wrong_applicant_kind"
        )
    if not policy.granted_only:
        raise _refuse(
            "reward_policy",
            _(
                "The reward policy must be “granted only”, so that nobody applies for it and it "
                "is never offered: tick it on the policy first."
            ),
            "not_granted_only",
        )


def _check_rule(round: Round) -> None:
    """A rule that does not parse is refused on `rule`, code rule_syntax, with the column."""
    from talentzone.policies.services import check_rule

    check_rule(round.rule, "talent")


def round_save(*, actor, round: Round, criteria: Sequence[Mapping] | None = None) -> Round:
    """Validate and save a round's set-up (its status and dates of record are not changed
    here); `criteria`, when given, replaces the round's list (positions 1…n in order)."""
    require_perm(actor, "awards.manage_round")
    created = round.pk is None
    with transaction.atomic():
        if created:
            round.created_by = actor
            before = {}
        else:
            stored = _lock_round(round.pk)
            if criteria is not None and stored.status not in EDITABLE_STATUSES:
                raise _refuse(
                    "criteria",
                    _("The criteria cannot change once scoring has started."),
                    "criteria_locked",
                )
            if stored.status not in EDITABLE_STATUSES:
                raise _refuse_all(
                    _("The round cannot change once scoring has started."), "round_locked"
                )
            before = tracked_values(stored)
            # The transitions' own fields are the transitions' to set.
            round.status = stored.status
            round.ranked_on = stored.ranked_on
            round.announced_on = stored.announced_on
            round.created_by_id = stored.created_by_id
        round.full_clean()
        _check_rule(round)
        _check_reward(round)
        cleaned = None if criteria is None else _clean_criteria(criteria)
        round.save()
        changes = changed_fields(before, round) if not created else []
        if cleaned is not None:
            old = list(round.criteria.values("position", "name", "description", "weight"))
            old_max = list(round.criteria.values_list("max_points", flat=True))
            new = [
                {k: c[k] for k in ("position", "name", "description", "weight")} for c in cleaned
            ]
            if old != new or old_max != [c["max_points"] for c in cleaned]:
                round.criteria.all().delete()
                Criterion.objects.bulk_create([Criterion(round=round, **c) for c in cleaned])
                changes.append("criteria")
        if created or changes:
            audit(
                actor=actor,
                action=AuditAction.CREATE if created else AuditAction.UPDATE,
                target=round,
                changes=changes,
            )
    return round


def round_open(*, actor, round: Round, today: datetime.date | None = None) -> Round:
    """Open the round for nominations (draft → nominating); it needs its criteria."""
    require_perm(actor, "awards.manage_round", round)
    today = _today(today)
    with transaction.atomic():
        round = _lock_round(round.pk)
        _require_status(round, RoundStatus.DRAFT)
        weights = list(round.criteria.values_list("weight", flat=True))
        if not weights:
            raise _refuse_all(_("Give the round its scoring criteria first."), "no_criteria")
        if sum(weights) != 100:
            raise _refuse_all(
                _("The criteria's weights must add up to 100 (now %(sum)s)."),
                "weights_not_100",
                {"sum": sum(weights)},
            )
        _move(round, RoundStatus.NOMINATING, actor=actor, detail={"on": today.isoformat()})
        notify(
            hr_of_all(),
            title=_title(_("Nominations are open: %(round)s") % {"round": round.title}),
            body=_("Nominations are taken from %(open)s to %(close)s.")
            % {
                "open": round.nominations_open.isoformat(),
                "close": round.nominations_close.isoformat(),
            },
            url=_url("awards:round", round.pk),
        )
    return round


def hr_of_all() -> list:
    """Every enterprise's HR staff (told when a round opens)."""
    return list(_users_with_role(Role.ENTERPRISE_HR).filter(memberships__enterprise__isnull=False))


def _close(round: Round, *, actor, today: datetime.date) -> None:
    _move(round, RoundStatus.SCREENING, actor=actor, detail={"on": today.isoformat()})
    notify(
        office_admins(),
        title=_title(_("Nominations closed: %(round)s") % {"round": round.title}),
        body=_("%(count)s nominations are waiting to be screened.")
        % {"count": round.nominations.filter(status=NominationStatus.SUBMITTED).count()},
        url=_url("awards:nominations", round.pk),
    )


def round_close_nominations(*, actor, round: Round, today: datetime.date | None = None) -> Round:
    """Close the nominations (nominating → screening), on any day: the office may close early."""
    require_perm(actor, "awards.manage_round", round)
    today = _today(today)
    with transaction.atomic():
        round = _lock_round(round.pk)
        _require_status(round, RoundStatus.NOMINATING)
        _close(round, actor=actor, today=today)
    return round


def close_due_rounds(today: datetime.date | None = None) -> int:
    """The beat task: every round still taking nominations after its closing day goes to
    screening. Each round in its own transaction, re-read under its lock; answers how many."""
    today = _today(today)
    closed = 0
    due = Round.objects.filter(status=RoundStatus.NOMINATING, nominations_close__lt=today)
    for pk in list(due.order_by("pk").values_list("pk", flat=True)):
        with transaction.atomic():
            round = _lock_round(pk)
            if round.status != RoundStatus.NOMINATING or round.nominations_close >= today:
                continue
            _close(round, actor=None, today=today)
            closed += 1
    return closed


# Eligibility ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Eligibility:
    passed: bool
    clauses: list[dict]  # [{"description", "passed", "actual"}]: the age first, then the rule's
    reasons: list[str]  # the failed clauses' descriptions


def check_nominee(round: Round, talent) -> Eligibility:
    """Whether the talent may be nominated in the round, judged on the day nominations close,
    clause by clause."""
    from talentzone.policies.eligibility import evaluate, parse

    close = round.nominations_close
    clauses: list[dict] = []
    passed = True
    if round.max_age is not None:
        age = whole_years(talent.birth_date, close) if talent.birth_date else None
        age_ok = age is not None and age <= round.max_age
        clauses.append(
            {
                "description": _("Aged at most %(max)s on %(day)s")
                % {"max": round.max_age, "day": close.isoformat()},
                "passed": age_ok,
                "actual": _("%(age)s years") % {"age": age} if age is not None else "—",
            }
        )
        passed = age_ok
    if (round.rule or "").strip():
        explanation = evaluate(parse(round.rule, subject="talent"), talent, today=close)
        clauses.extend(
            {
                "description": str(result.description),
                "passed": bool(result.passed),
                "actual": str(result.actual_display),
            }
            for result in explanation.clauses
        )
        passed = passed and explanation.passed
    if round.reward_policy_id is not None:
        # The engine holds one live application per talent and policy: a talent the policy has
        # rewarded before could not be paid again, so is refused now rather than at the end.
        rewarded = _rewarded_before(round, talent)
        clauses.append(
            {
                "description": _("Not rewarded under “%(policy)s” before")
                % {"policy": round.reward_policy.title},
                "passed": rewarded is None,
                "actual": rewarded.number if rewarded else "—",
            }
        )
        passed = passed and rewarded is None
    reasons = [] if passed else [c["description"] for c in clauses if not c["passed"]]
    return Eligibility(passed=passed, clauses=clauses, reasons=reasons)


def _rewarded_before(round: Round, talent):
    """The talent's live application under the round's reward policy, if any."""
    from talentzone.policies.choices import ApplicationStatus
    from talentzone.policies.models import Application

    return (
        Application.objects.filter(policy_id=round.reward_policy_id, talent=talent)
        .exclude(status=ApplicationStatus.REJECTED)
        .first()
    )


# Nominations ---------------------------------------------------------------------------------


def _already_nominated() -> ValidationError:
    return _refuse(
        "talent", _("This talent has been nominated in this round already."), "already_nominated"
    )


def _live_nomination_exists(round: Round, talent) -> bool:
    return (
        Nomination.objects.filter(round=round, talent=talent)
        .exclude(status=NominationStatus.WITHDRAWN)
        .exists()
    )


def _require_window(round: Round, today: datetime.date) -> None:
    if round.status != RoundStatus.NOMINATING or not (
        round.nominations_open <= today <= round.nominations_close
    ):
        raise _refuse_all(
            _("This round takes nominations from %(open)s to %(close)s, while it is open."),
            "nominations_closed",
            {
                "open": round.nominations_open.isoformat(),
                "close": round.nominations_close.isoformat(),
            },
        )


def _clean_achievements(achievements: str) -> str:
    achievements = (achievements or "").strip()
    if not achievements:
        raise _refuse(
            "achievements", _("Describe the achievements the nomination rests on."), "required"
        )
    return achievements


def nomination_create(
    *, actor, round: Round, talent, achievements: str, today: datetime.date | None = None
) -> Nomination:
    """An enterprise's HR nominates one of the enterprise's talents, who must meet the round's
    conditions (the verdict, clause by clause, is kept on the nomination)."""
    require_perm(actor, "awards.nominate", talent)
    today = _today(today)
    achievements = _clean_achievements(achievements)
    with transaction.atomic():
        round = _lock_round(round.pk)
        _require_window(round, today)
        eligibility = check_nominee(round, talent)
        if not eligibility.passed:
            raise _refuse(
                "talent",
                _("%(name)s does not meet the round's conditions: %(reasons)s.")
                % {"name": talent.name, "reasons": "；".join(eligibility.reasons)},
                "not_eligible",
            )
        if _live_nomination_exists(round, talent):
            raise _already_nominated()
        nomination = Nomination(
            round=round,
            talent=talent,
            enterprise_id=talent.employer_id,
            nominated_by=actor,
            achievements=achievements,
            eligibility=eligibility.clauses,
            status=NominationStatus.SUBMITTED,
        )
        try:
            with transaction.atomic():
                nomination.save()
        except IntegrityError:
            raise _already_nominated() from None
        audit(
            actor=actor,
            action=AuditAction.CREATE,
            target=nomination,
            detail={"round": round.pk, "talent": talent.pk},
        )
        if talent.user_id:
            notify(
                [talent.user],
                title=_title(_("You have been nominated: %(round)s") % {"round": round.title}),
                body=_("Nomination %(number)s.") % {"number": nomination.number},
                url=_url("awards:nomination", nomination.pk),
            )
    return nomination


def _locked_nomination(nomination: Nomination) -> Nomination:
    return (
        Nomination.objects.select_for_update(of=("self",))
        .select_related("round", "talent", "enterprise")
        .get(pk=nomination.pk)
    )


def _require_changeable(nomination: Nomination) -> None:
    if (
        nomination.round.status != RoundStatus.NOMINATING
        or nomination.status != NominationStatus.SUBMITTED
    ):
        raise _refuse_all(
            _("The nomination can change only while nominations are open."), "nomination_locked"
        )


def nomination_update(*, actor, nomination: Nomination, achievements: str) -> Nomination:
    """Change the achievements of a submitted nomination while the round takes nominations."""
    require_perm(actor, "awards.change_nomination", nomination)
    achievements = _clean_achievements(achievements)
    with transaction.atomic():
        _lock_round(nomination.round_id)
        nomination = _locked_nomination(nomination)
        _require_changeable(nomination)
        if nomination.achievements != achievements:
            nomination.achievements = achievements
            nomination.save(update_fields=["achievements", "updated_at"])
            audit(
                actor=actor,
                action=AuditAction.UPDATE,
                target=nomination,
                changes=["achievements"],
            )
    return nomination


def nomination_attach(*, actor, nomination: Nomination, upload) -> NominationAttachment:
    """Attach a supporting file (at most MAX_ATTACHMENT_BYTES) while nominations are open."""
    require_perm(actor, "awards.change_nomination", nomination)
    if upload is None:
        raise _refuse("file", _("Choose a file."), "required")
    if upload.size > MAX_ATTACHMENT_BYTES:
        raise _refuse(
            "file",
            _("A file may be at most 20 MB; this one is %(size)s MB."),
            "too_large",
            {"size": f"{upload.size / 1024 / 1024:.1f}"},
        )
    with transaction.atomic():
        _lock_round(nomination.round_id)
        nomination = _locked_nomination(nomination)
        _require_changeable(nomination)
        name = (upload.name or "file").rsplit("/", 1)[-1]
        attachment = NominationAttachment(
            nomination=nomination, file_name=name[:255], size=upload.size, uploaded_by=actor
        )
        attachment.file.save(name, upload, save=False)
        attachment.save()
        audit(
            actor=actor,
            action=AuditAction.CREATE,
            target=attachment,
            detail={"nomination": nomination.pk, "file": attachment.file_name},
        )
    return attachment


def nomination_withdraw(
    *, actor, nomination: Nomination, today: datetime.date | None = None
) -> Nomination:
    """Withdraw a submitted nomination while nominations are open (the talent may then be
    nominated again)."""
    require_perm(actor, "awards.change_nomination", nomination)
    today = _today(today)
    with transaction.atomic():
        _lock_round(nomination.round_id)
        nomination = _locked_nomination(nomination)
        _require_changeable(nomination)
        nomination.status = NominationStatus.WITHDRAWN
        nomination.save(update_fields=["status", "updated_at"])
        audit(
            actor=actor,
            action=AuditAction.UPDATE,
            target=nomination,
            changes=["status"],
            detail={"status": nomination.status, "on": today.isoformat()},
        )
    return nomination


def nomination_screen(
    *, actor, nomination: Nomination, admit: bool, reason: str = ""
) -> Nomination:
    """The office admits a nomination to scoring, or refuses it with a reason; the decision may
    change until scoring starts. The nominating enterprise's HR is told."""
    require_perm(actor, "awards.screen_nomination", nomination)
    reason = (reason or "").strip()
    if not admit and not reason:
        raise _refuse("reason", _("Say why the nomination is refused."), "required")
    with transaction.atomic():
        round = _lock_round(nomination.round_id)
        _require_status(round, RoundStatus.SCREENING)
        nomination = _locked_nomination(nomination)
        if nomination.status not in (
            NominationStatus.SUBMITTED,
            NominationStatus.ADMITTED,
            NominationStatus.REFUSED,
        ):
            raise _refuse_all(_("This nomination was withdrawn."), "wrong_status")
        nomination.status = NominationStatus.ADMITTED if admit else NominationStatus.REFUSED
        nomination.refusal_reason = "" if admit else reason
        nomination.screened_by = actor
        nomination.screened_at = timezone.now()
        nomination.save(
            update_fields=["status", "refusal_reason", "screened_by", "screened_at", "updated_at"]
        )
        audit(
            actor=actor,
            action=AuditAction.UPDATE,
            target=nomination,
            changes=["status", "refusal_reason"],
            detail={"status": nomination.status},
        )
        title = (
            _("Nomination admitted: %(name)s") if admit else _("Nomination refused: %(name)s")
        ) % {"name": nomination.talent.name}
        notify(
            hr_of([nomination.enterprise_id]),
            title=_title(title),
            body=reason if not admit else round.title,
            url=_url("awards:nomination", nomination.pk),
        )
    return nomination


# The panel -----------------------------------------------------------------------------------


def expert_save(*, actor, expert: Expert, changes: Sequence[str] = ()) -> Expert:
    """Add an expert to the pool or change one (the office, in the admin). Their account gets
    the expert role; an expert leaves the pool by `active` off, never by deletion, so past
    scores keep their author."""
    from django.contrib.auth.models import Group

    require_perm(actor, "awards.manage_round")
    created = expert.pk is None
    expert.full_clean()
    with transaction.atomic():
        expert.save()
        group, _created = Group.objects.get_or_create(name=Role.EXPERT)
        expert.user.groups.add(group)
        audit(
            actor=actor,
            action=AuditAction.CREATE if created else AuditAction.UPDATE,
            target=expert,
            changes=list(changes),
        )
    return expert


def _replace_panel(round: Round, experts: Sequence[Expert], *, actor, detail: dict):
    PanelMember.objects.filter(round=round).delete()
    members = PanelMember.objects.bulk_create(
        [PanelMember(round=round, expert=expert) for expert in experts]
    )
    audit(
        actor=actor,
        action=AuditAction.UPDATE,
        target=round,
        changes=["panel"],
        detail={"experts": [expert.pk for expert in experts], **detail},
    )
    return members  # in the order drawn (or given)


def panel_draw(
    *, actor, round: Round, size: int | None = None, seed: int | None = None
) -> list[PanelMember]:
    """Draw `size` experts (the round's panel size by default) at random from the active pool,
    replacing the panel; the same seed over the same pool draws the same experts."""
    require_perm(actor, "awards.manage_round", round)
    with transaction.atomic():
        round = _lock_round(round.pk)
        _require_status(round, RoundStatus.NOMINATING, RoundStatus.SCREENING)
        size = round.panel_size if size is None else size
        if isinstance(size, bool) or not isinstance(size, int) or size < 3:
            raise _refuse("size", _("A panel has at least three experts."), "too_small")
        pool = list(Expert.objects.filter(active=True).order_by("pk"))
        if len(pool) < size:
            raise _refuse_all(
                _("The pool has %(pool)s active experts, fewer than the %(size)s asked."),
                "pool_too_small",
                {"pool": len(pool), "size": size},
            )
        chosen = random.Random(seed).sample(pool, size)
        return _replace_panel(round, chosen, actor=actor, detail={"seed": seed, "drawn": True})


def panel_set(*, actor, round: Round, experts: Sequence[Expert]) -> list[PanelMember]:
    """Name the panel by hand (at least three active experts), replacing it."""
    require_perm(actor, "awards.manage_round", round)
    unique = list({expert.pk: expert for expert in experts}.values())
    with transaction.atomic():
        round = _lock_round(round.pk)
        _require_status(round, RoundStatus.NOMINATING, RoundStatus.SCREENING)
        fresh = list(Expert.objects.filter(pk__in=[e.pk for e in unique]).order_by("pk"))
        if len(fresh) < 3:
            raise _refuse("experts", _("A panel has at least three experts."), "too_small")
        inactive = [expert.name for expert in fresh if not expert.active]
        if inactive:
            raise _refuse(
                "experts",
                _("Not in the pool: %(names)s."),
                "inactive",
                {"names": "、".join(inactive)},
            )
        return _replace_panel(round, fresh, actor=actor, detail={"drawn": False})


# Scoring -------------------------------------------------------------------------------------


def conflict_of(expert: Expert, nomination: Nomination) -> str:
    """Why the expert may not score the nominee (a Conflict value), or "": the expert is the
    nominee, nominated them, or works for the nominating enterprise or the nominee's employer."""
    talent_user = nomination.talent.user_id
    if expert.user_id is not None and talent_user is not None and expert.user_id == talent_user:
        return Conflict.SELF
    if expert.user_id is not None and expert.user_id == nomination.nominated_by_id:
        return Conflict.NOMINATED
    if expert.employer_id is not None and expert.employer_id in {
        nomination.enterprise_id,
        nomination.talent.employer_id,
    }:
        return Conflict.SAME_EMPLOYER
    return ""


def round_start_scoring(*, actor, round: Round, today: datetime.date | None = None) -> Round:
    """Screening → scoring: each admitted nominee is given to every panel expert, the conflicted
    pairs recorded with their reason (never scored). Every nominee needs at least
    MIN_EXPERTS_PER_NOMINEE unconflicted experts."""
    require_perm(actor, "awards.manage_round", round)
    today = _today(today)
    with transaction.atomic():
        round = _lock_round(round.pk)
        _require_status(round, RoundStatus.SCREENING)
        waiting = round.nominations.filter(status=NominationStatus.SUBMITTED).count()
        if waiting:
            raise _refuse_all(
                _("%(count)s nominations are still to be screened."),
                "unscreened",
                {"count": waiting},
            )
        nominees = list(
            round.nominations.filter(status=NominationStatus.ADMITTED)
            .select_related("talent")
            .order_by("created_at", "pk")
        )
        if not nominees:
            raise _refuse_all(_("No nomination was admitted."), "no_nominees")
        panel = [m.expert for m in PanelMember.objects.filter(round=round).select_related("expert")]
        if len(panel) < 3:
            raise _refuse_all(_("Draw a panel of at least three experts first."), "no_panel")
        pairs = [(n, e, conflict_of(e, n)) for n in nominees for e in panel]
        short = [
            n.talent.name
            for n in nominees
            if sum(1 for m, _e, c in pairs if m is n and not c) < MIN_EXPERTS_PER_NOMINEE
        ]
        if short:
            raise _refuse_all(
                _("Fewer than %(min)s experts of the panel may score: %(names)s."),
                "too_few_experts",
                {"min": MIN_EXPERTS_PER_NOMINEE, "names": "、".join(short)},
            )
        Assignment.objects.filter(round=round).delete()  # none yet; a clean start
        Assignment.objects.bulk_create(
            [Assignment(round=round, nomination=n, expert=e, conflict=c) for n, e, c in pairs]
        )
        _move(
            round,
            RoundStatus.SCORING,
            actor=actor,
            detail={
                "on": today.isoformat(),
                "assignments": len(pairs),
                "conflicts": sum(1 for _n, _e, c in pairs if c),
            },
        )
        notify(
            [expert.user for expert in panel],
            title=_title(_("Nominees to score: %(round)s") % {"round": round.title}),
            body=_("%(count)s nominees are waiting for your scores.") % {"count": len(nominees)},
            url=_url("awards:scoring"),
        )
    return round


def _points_value(value) -> Decimal | None:
    if isinstance(value, bool) or value is None:
        return None
    try:
        if isinstance(value, float):
            value = repr(value)
        number = Decimal(str(value).strip()) if not isinstance(value, Decimal) else value
    except (InvalidOperation, ValueError):
        return None
    if not number.is_finite() or number != number.quantize(POINTS_STEP):
        return None
    return number.quantize(POINTS_STEP)


def _clean_points(points: Mapping, criteria: Sequence[Criterion]) -> dict[int, Decimal]:
    by_id = {criterion.pk: criterion for criterion in criteria}
    errors: list[ValidationError] = []
    cleaned: dict[int, Decimal] = {}
    for key, value in (points or {}).items():
        try:
            criterion = by_id.get(int(key))
        except (TypeError, ValueError):
            criterion = None
        if criterion is None:
            errors.append(
                ValidationError(
                    _("%(key)s is not a criterion of this round."),
                    code="unknown_criterion",
                    params={"key": key},
                )
            )
            continue
        number = _points_value(value)
        if number is None:
            errors.append(
                ValidationError(
                    _("%(criterion)s: give a number with at most one decimal place."),
                    code="invalid",
                    params={"criterion": criterion.name},
                )
            )
        elif not (0 <= number <= criterion.max_points):
            errors.append(
                ValidationError(
                    _("%(criterion)s: give 0 to %(max)s points."),
                    code="out_of_range",
                    params={"criterion": criterion.name, "max": criterion.max_points},
                )
            )
        else:
            cleaned[criterion.pk] = number
    if errors:
        raise ValidationError({"points": errors})
    missing = [c.name for c in criteria if c.pk not in cleaned]
    if missing:
        raise _refuse(
            "points",
            _("Score every criterion; missing: %(names)s."),
            "incomplete",
            {"names": "、".join(missing)},
        )
    return cleaned


def score_submit(
    *, actor, assignment: Assignment, points: Mapping, comment: str = ""
) -> Assignment:
    """An expert submits (or, while the round is scored, revises) the scoresheet of one nominee:
    every criterion of the round, each from 0 to its maximum in steps of 0.1."""
    require_perm(actor, "awards.score", assignment)
    with transaction.atomic():
        round = _lock_round(assignment.round_id)
        assignment = (
            Assignment.objects.select_for_update(of=("self",))
            .select_related("expert", "nomination")
            .get(pk=assignment.pk)
        )
        require_perm(actor, "awards.score", assignment)
        if round.status != RoundStatus.SCORING:
            raise _refuse_all(_("This round is not being scored."), "scoring_closed")
        if assignment.conflict:
            raise _refuse_all(
                _("You do not score this nominee: %(reason)s."),
                "conflict",
                {"reason": assignment.get_conflict_display()},
            )
        criteria = list(round.criteria.order_by("position"))
        cleaned = _clean_points(points, criteria)
        revised = assignment.submitted_at is not None
        assignment.scores.all().delete()
        Score.objects.bulk_create(
            [
                Score(
                    assignment=assignment,
                    criterion=criterion,
                    points=cleaned[criterion.pk],
                    max_points=criterion.max_points,
                )
                for criterion in criteria
            ]
        )
        assignment.comment = (comment or "").strip()
        assignment.submitted_at = timezone.now()
        assignment.save(update_fields=["comment", "submitted_at"])
        audit(
            actor=actor,
            action=AuditAction.UPDATE,
            target=assignment,
            changes=["scores", "comment", "submitted_at"],
            detail={"revised": revised},
        )
    return assignment


# Ranking, notice, objections -----------------------------------------------------------------


def round_rank(*, actor, round: Round, today: datetime.date | None = None) -> list[RankingEntry]:
    """Scoring → notice, once every unconflicted assignment is scored: the ranking (ranking.py)
    is written, and the first `quota` nominees go on public notice for `notice_days`."""
    require_perm(actor, "awards.manage_round", round)
    today = _today(today)
    with transaction.atomic():
        round = _lock_round(round.pk)
        _require_status(round, RoundStatus.SCORING)
        scored = Assignment.objects.filter(round=round, conflict="")
        total = scored.count()
        missing = scored.filter(submitted_at__isnull=True).count()
        if missing:
            raise _refuse_all(
                _("%(missing)s of %(total)s scoresheets are still to come."),
                "scoring_incomplete",
                {"missing": missing, "total": total},
            )
        ends = today + datetime.timedelta(days=round.notice_days)
        entries = []
        for rank, ranked in enumerate(ranking.rank_round(round), start=1):
            on_notice = rank <= round.quota
            entries.append(
                RankingEntry(
                    round=round,
                    nomination=ranked.nomination,
                    rank=rank,
                    score=ranked.score,
                    mean_all=ranked.mean_all,
                    experts_counted=ranked.experts_counted,
                    breakdown=ranked.breakdown,
                    status=EntryStatus.NOTICE if on_notice else EntryStatus.RANKED,
                    notice_ends_on=ends if on_notice else None,
                )
            )
        RankingEntry.objects.bulk_create(entries)
        _move(
            round,
            RoundStatus.NOTICE,
            actor=actor,
            detail={
                "ranking": [e.nomination_id for e in entries],
                "notice_ends_on": ends.isoformat(),
            },
            ranked_on=today,
        )
        noticed = [e.nomination for e in entries if e.status == EntryStatus.NOTICE]
        notify(
            _nominee_users(noticed),
            title=_title(_("On public notice: %(round)s") % {"round": round.title}),
            body=_("The public notice runs until %(day)s.") % {"day": ends.isoformat()},
            url=_url("awards:notice", round.pk),
        )
    return list(RankingEntry.objects.filter(round=round).order_by("rank"))


def _locked_entry(entry_id: int) -> RankingEntry:
    return (
        RankingEntry.objects.select_for_update(of=("self",))
        .select_related("round", "nomination", "nomination__talent")
        .get(pk=entry_id)
    )


def objection_lodge(*, actor, entry: RankingEntry, reason: str) -> Objection:
    """Anyone signed in objects to a nominee on public notice, with a reason."""
    require_perm(actor, "awards.lodge_objection", entry)
    reason = (reason or "").strip()
    if not reason:
        raise _refuse("reason", _("Give the reason for the objection."), "required")
    with transaction.atomic():
        _lock_round(entry.round_id)
        entry = _locked_entry(entry.pk)
        if entry.status != EntryStatus.NOTICE:
            raise _refuse_all(_("This nominee is not on public notice."), "not_on_notice")
        objection = Objection.objects.create(entry=entry, lodged_by=actor, reason=reason)
        audit(actor=actor, action=AuditAction.CREATE, target=objection, detail={"entry": entry.pk})
        notify(
            office_admins(),
            title=_title(_("Objection to %(name)s") % {"name": entry.nomination.talent.name}),
            body=entry.round.title,
            url=_url("awards:notice", entry.round_id),
        )
    return objection


def objection_resolve(
    *,
    actor,
    objection: Objection,
    uphold: bool,
    resolution: str,
    today: datetime.date | None = None,
) -> RankingEntry | None:
    """The office upholds or dismisses an objection. Upheld against a nominee on notice: the
    nominee is removed and the best-ranked nominee below the quota goes on notice for the round's
    full notice period; answers that promoted entry (None when dismissed or nobody is left).
    The round's row is locked first, so two upheld objections promote two different nominees."""
    require_perm(actor, "awards.resolve_objection", objection)
    today = _today(today)
    resolution = (resolution or "").strip()
    if not resolution:
        raise _refuse("resolution", _("Say how the objection was resolved."), "required")
    round_id = Objection.objects.values_list("entry__round_id", flat=True).get(pk=objection.pk)
    with transaction.atomic():
        round = _lock_round(round_id)
        objection = Objection.objects.select_for_update().get(pk=objection.pk)
        if objection.status != ObjectionStatus.OPEN:
            raise _refuse_all(_("This objection has been resolved already."), "resolved")
        entry = _locked_entry(objection.entry_id)
        objection.status = ObjectionStatus.UPHELD if uphold else ObjectionStatus.DISMISSED
        objection.resolution = resolution
        objection.resolved_by = actor
        objection.resolved_at = timezone.now()
        objection.save(
            update_fields=["status", "resolution", "resolved_by", "resolved_at", "updated_at"]
        )
        audit(
            actor=actor,
            action=AuditAction.UPDATE,
            target=objection,
            changes=["status", "resolution"],
            detail={"status": objection.status},
        )
        notify(
            [objection.lodged_by],
            title=_title(
                (_("Objection upheld: %(name)s") if uphold else _("Objection dismissed: %(name)s"))
                % {"name": entry.nomination.talent.name}
            ),
            body=resolution,
            url=_url("awards:notice", round.pk),
        )
        if not uphold or entry.status != EntryStatus.NOTICE:
            return None
        entry.status = EntryStatus.REMOVED
        entry.save(update_fields=["status"])
        audit(
            actor=actor,
            action=AuditAction.UPDATE,
            target=entry,
            changes=["status"],
            detail={"status": entry.status, "objection": objection.pk},
        )
        notify(
            _nominee_users([entry.nomination]),
            title=_title(_("Removed from the public notice: %(round)s") % {"round": round.title}),
            body=resolution,
            url=_url("awards:notice", round.pk),
        )
        promoted = (
            RankingEntry.objects.select_for_update(of=("self",))
            .select_related("nomination", "nomination__talent")
            .filter(round=round, status=EntryStatus.RANKED)
            .order_by("rank")
            .first()
        )
        if promoted is None:
            return None
        promoted.status = EntryStatus.NOTICE
        promoted.notice_ends_on = today + datetime.timedelta(days=round.notice_days)
        promoted.save(update_fields=["status", "notice_ends_on"])
        audit(
            actor=actor,
            action=AuditAction.UPDATE,
            target=promoted,
            changes=["status", "notice_ends_on"],
            detail={"status": promoted.status, "replaces": entry.pk},
        )
        notify(
            _nominee_users([promoted.nomination]),
            title=_title(_("On public notice: %(round)s") % {"round": round.title}),
            body=_("The public notice runs until %(day)s.")
            % {"day": promoted.notice_ends_on.isoformat()},
            url=_url("awards:notice", round.pk),
        )
    return promoted


def round_announce(*, actor, round: Round, today: datetime.date | None = None) -> Round:
    """Notice → announced, once every notice has ended and no objection is open: the nominees
    on notice are named. A zone evaluation grants each winner the reward policy's amount
    (reserved on the round's budget line, all or nothing) and records an award credential; a
    recommendation awaits the programme's outcome."""
    from talentzone.policies import services as policies

    require_perm(actor, "awards.manage_round", round)
    today = _today(today)
    with transaction.atomic():
        round = _lock_round(round.pk)
        _require_status(round, RoundStatus.NOTICE)
        entries = list(
            RankingEntry.objects.select_for_update(of=("self",))
            .select_related("nomination", "nomination__talent", "nomination__talent__user")
            .filter(round=round, status=EntryStatus.NOTICE)
            .order_by("rank")
        )
        running = [e for e in entries if e.notice_ends_on >= today]
        if running:
            raise _refuse_all(
                _("The public notice runs until %(day)s."),
                "notice_running",
                {"day": max(e.notice_ends_on for e in running).isoformat()},
            )
        if Objection.objects.filter(entry__round=round, status=ObjectionStatus.OPEN).exists():
            raise _refuse_all(_("Resolve the open objections before announcing."), "objection_open")
        for entry in entries:
            talent = entry.nomination.talent
            entry.status = EntryStatus.NAMED
            fields = ["status"]
            if round.kind == RoundKind.AWARD:
                entry.reward_application = policies.application_grant(
                    actor=actor,
                    policy=round.reward_policy,
                    applicant=talent,
                    line=round.budget_line,
                    reason=_("%(round)s: ranked %(rank)s")
                    % {"round": round.title, "rank": entry.rank},
                    today=today,
                )
                entry.credential = Credential.objects.create(
                    talent=talent,
                    kind=CredentialKind.AWARD,
                    level=Level.DISTRICT,
                    name=round.title[:120],
                    issuer=round.issuer[:80],
                    awarded_on=today,
                )
                fields += ["reward_application", "credential"]
            else:
                entry.outcome = Outcome.PENDING
                fields.append("outcome")
            entry.save(update_fields=fields)
            audit(
                actor=actor,
                action=AuditAction.UPDATE,
                target=entry,
                changes=fields,
                detail={"status": entry.status},
            )
        _move(
            round,
            RoundStatus.ANNOUNCED,
            actor=actor,
            detail={"named": [e.nomination_id for e in entries]},
            announced_on=today,
        )
        notify(
            _nominee_users([e.nomination for e in entries]),
            title=_title(_("Announced: %(round)s") % {"round": round.title}),
            body=_("Named on %(day)s.") % {"day": today.isoformat()},
            url=_url("awards:notice", round.pk),
        )
    return round


def outcome_record(
    *,
    actor,
    entry: RankingEntry,
    selected: bool,
    decided_on: datetime.date,
    note: str = "",
    today: datetime.date | None = None,
) -> RankingEntry:
    """Record the higher programme's answer for a recommended nominee; a selection becomes a
    programme credential in the registry."""
    require_perm(actor, "awards.record_outcome", entry)
    today = _today(today)
    note = (note or "").strip()
    if len(note) > 200:
        raise _refuse("note", _("At most 200 characters."), "too_long")
    with transaction.atomic():
        entry = _locked_entry(entry.pk)
        round = entry.round
        if round.kind != RoundKind.RECOMMENDATION or round.status != RoundStatus.ANNOUNCED:
            raise _wrong_status(round)
        if entry.status != EntryStatus.NAMED:
            raise _refuse_all(_("This nominee was not recommended."), "wrong_status")
        if entry.outcome != Outcome.PENDING:
            raise _refuse_all(_("The outcome has been recorded already."), "outcome_recorded")
        if not isinstance(decided_on, datetime.date) or not (
            round.announced_on <= decided_on <= today
        ):
            raise _refuse(
                "decided_on",
                _("Give a day from %(start)s to %(end)s."),
                "invalid",
                {"start": round.announced_on.isoformat(), "end": today.isoformat()},
            )
        talent = entry.nomination.talent
        entry.outcome = Outcome.SELECTED if selected else Outcome.NOT_SELECTED
        entry.outcome_note = note
        entry.outcome_on = decided_on
        fields = ["outcome", "outcome_note", "outcome_on"]
        if selected:
            entry.credential = Credential.objects.create(
                talent=talent,
                kind=CredentialKind.PROGRAMME,
                level=round.programme_level,
                name=round.programme[:120],
                issuer=round.issuer[:80],
                awarded_on=decided_on,
            )
            fields.append("credential")
        entry.save(update_fields=fields)
        audit(
            actor=actor,
            action=AuditAction.UPDATE,
            target=entry,
            changes=fields,
            detail={"outcome": entry.outcome},
        )
        notify(
            _nominee_users([entry.nomination]),
            title=_title(
                (_("Selected: %(programme)s") if selected else _("Not selected: %(programme)s"))
                % {"programme": round.programme}
            ),
            body=note,
            url=_url("awards:notice", round.pk),
        )
    return entry
