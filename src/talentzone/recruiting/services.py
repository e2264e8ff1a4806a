"""Recruiting's services: the only writers of skills, projects, demands, candidates' profiles,
referrals and interviews.

Every function checks the actor's permission (rules.py), checks the state allows the step, writes
in one transaction with the row it changes locked, appends a timeline event for a referral's
step, writes an audit record, and notifies whom it concerns. A step that does not hold raises
ValidationError (the API answers 400, the pages show the message) or PermissionDenied (403), and
writes nothing.

    referred ─screen→ shortlisted ─schedule→ interview ─(passed)→ offered ─hire→ hired
        │                │                      │ (another round)   │
        └────────────────┴──── any live step ───┴───────────────────┴→ rejected (the employer)
                                                                     → declined (the candidate,
                                                                       or the agency for them)
                                                                     → withdrawn (the referrer)

A hire fills one position of the demand under the demand's row lock; the demand is filled when
every position is, and the database's constraint refuses a hire beyond the headcount whatever
else writes.
"""

import datetime
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Case, F, Value, When
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from talentzone.core.audit import AuditAction, audit, changed_fields, tracked_values
from talentzone.core.choices import Role
from talentzone.core.models import User
from talentzone.core.notifications import notify
from talentzone.core.roles import has_role
from talentzone.core.services import require_perm
from talentzone.directory import services as directory_services
from talentzone.directory.choices import TalentStatus
from talentzone.directory.models import Agency, Talent
from talentzone.directory.queries import member_ids

from . import search, sources
from .choices import (
    LIVE_REFERRAL_STATUSES,
    ConsentMethod,
    DemandStatus,
    InterviewOutcome,
    ReferralStatus,
)
from .models import (
    CandidateProfile,
    Demand,
    DemandSkill,
    Interview,
    Project,
    Referral,
    ReferralEvent,
    Skill,
    split_words,
)

# A hire reads the demand with its row locked, so hires of one demand take turns and each sees
# the positions the others filled. The concurrency test switches it off once to show that the
# database's constraint still refuses a hire beyond the headcount; nothing else should touch it.
LOCK_DEMANDS = True

# Each requirement of a demand: the field holding its value, and its required flag.
REQUIREMENTS = (
    ("min_education", "education_required"),
    ("majors", "majors_required"),
    ("min_years", "years_required"),
    ("min_title", "title_required"),
    ("min_tier", "tier_required"),
)
PROFILE_FIELDS = ("open_to_offers", "summary", "career_started", "expected_salary", "locations")
RECORDED_OUTCOMES = (InterviewOutcome.PASSED, InterviewOutcome.FAILED, InterviewOutcome.NO_SHOW)


# Skills and projects -------------------------------------------------------------------------


def skill_save(*, actor, skill: Skill) -> Skill:
    """Add or change an entry of the skills list (the office). A synonym may not be another
    skill's name: a word must lead to one skill."""
    require_perm(actor, "recruiting.manage_skill")
    skill.name = (skill.name or "").strip()
    skill.synonyms = "、".join(dict.fromkeys(split_words(skill.synonyms or "")))
    skill.full_clean()
    others = Skill.objects.exclude(pk=skill.pk) if skill.pk else Skill.objects.all()
    taken = {name.lower(): name for name in others.values_list("name", flat=True)}
    clashes = [word for word in skill.synonym_list if word.lower() in taken]
    if clashes:
        raise ValidationError(
            {
                "synonyms": _("“%(word)s” is the name of another skill.")
                % {"word": taken[clashes[0].lower()]}
            }
        )
    with transaction.atomic():
        created, before = _before(skill)
        skill.save()
        _audit_save(actor, skill, created, changed_fields(before, skill))
    return skill


def project_save(*, actor, project: Project, people: Iterable[Talent] | None = None) -> Project:
    """Add or change a talent or cooperation project (the office). `people`, when given,
    replaces the people involved; None keeps them."""
    require_perm(actor, "recruiting.manage_project")
    if project.starts_on and project.ends_on and project.ends_on < project.starts_on:
        raise ValidationError({"ends_on": _("A project cannot end before it starts.")})
    project.full_clean()
    with transaction.atomic():
        created, before = _before(project)
        project.save()
        changes = changed_fields(before, project)
        if people is not None:
            wanted = {talent.pk for talent in people}
            if wanted != set(project.people.values_list("pk", flat=True)):
                project.people.set(wanted)
                changes.append("people")
        _audit_save(actor, project, created, changes)
    return project


# Demands -------------------------------------------------------------------------------------


def demand_save(
    *, actor, demand: Demand, skills: Sequence[Mapping[str, Any]] | None = None
) -> Demand:
    """Post or change a demand. Enterprise HR post for their own enterprise, never a high-level
    position; the office posts for any enterprise, and a high-level position under a project.
    A requirement marked required needs its value; the salary range runs low to high.

    `skills` rows are {"text": str, "required": bool}: each is tied to the skills list by name
    or synonym when it is on it, and kept as typed either way; given, they replace the demand's
    skills (None keeps them). The status and the count of hires are the services' own: an edit
    keeps them (a headcount raised on a filled demand opens it again)."""
    require_perm(actor, "recruiting.post_demand")
    with transaction.atomic():
        stored = None
        if demand.pk is None:
            demand.hired = 0
            demand.status = DemandStatus.OPEN
            demand.posted_by = actor
        else:
            stored = _locked_demand(demand)
            require_perm(actor, "recruiting.post_demand", stored)  # may manage it as it was
            demand.hired = stored.hired
            demand.posted_by_id = stored.posted_by_id
            demand.status = stored.status
            if stored.status != DemandStatus.CLOSED:
                filled = demand.headcount is not None and demand.hired >= demand.headcount
                demand.status = DemandStatus.FILLED if filled else DemandStatus.OPEN
        _validate_demand(actor, demand, stored)
        rows = None if skills is None else _skill_rows(skills)
        require_perm(actor, "recruiting.post_demand", demand)  # and as it will be
        created, before = (True, {}) if stored is None else (False, tracked_values(stored))
        demand.save()
        changes = changed_fields(before, demand)
        if rows is not None and _replace_skills(demand, rows):
            changes.append("skills")
        _audit_save(actor, demand, created, changes)
    return demand


def demand_close(*, actor, demand: Demand, reason: str) -> Demand:
    """Close an open demand, saying why; the agencies with a live referral to it are told."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Say why the demand is closed.")})
    with transaction.atomic():
        demand = _locked_demand(demand)
        require_perm(actor, "recruiting.post_demand", demand)
        _require_demand_status(demand, DemandStatus.OPEN)
        demand.status = DemandStatus.CLOSED
        demand.save(update_fields=["status", "updated_at"])
        audit(
            actor=actor,
            action=AuditAction.UPDATE,
            target=demand,
            changes=["status"],
            detail={"status": demand.status, "reason": reason},
        )
        _tell_referrers_of(
            demand,
            actor,
            _("Demand closed: %(demand)s") % {"demand": _demand_label(demand)},
            reason,
        )
    return demand


def demand_reopen(*, actor, demand: Demand) -> Demand:
    """Open a closed demand again, if a position is left."""
    with transaction.atomic():
        demand = _locked_demand(demand)
        require_perm(actor, "recruiting.post_demand", demand)
        _require_demand_status(demand, DemandStatus.CLOSED)
        if demand.hired >= demand.headcount:
            raise _every_position_filled()
        demand.status = DemandStatus.OPEN
        demand.save(update_fields=["status", "updated_at"])
        audit(
            actor=actor,
            action=AuditAction.UPDATE,
            target=demand,
            changes=["status"],
            detail={"status": demand.status},
        )
    return demand


# Candidates ----------------------------------------------------------------------------------


def profile_save(
    *, actor, talent: Talent, data: Mapping[str, Any], consent_method: str = ""
) -> CandidateProfile:
    """Change a talent's candidate profile: the talent themselves, the agency holding them as a
    candidate, or the office. Opening it records consent: the talent's own is given online; an
    agency or the office says how the person gave it (`consent_method`). Closing it changes
    nothing but `open_to_offers` (the consent on record stays)."""
    require_perm(actor, "recruiting.edit_profile", talent)
    _refuse_unknown(data, PROFILE_FIELDS)
    with transaction.atomic():
        Talent.objects.select_for_update().filter(pk=talent.pk).values_list("pk").get()
        profile = CandidateProfile.objects.filter(talent_id=talent.pk).first()
        profile = profile or CandidateProfile(talent_id=talent.pk)
        created, before = (profile.pk is None, tracked_values(profile))
        was_open = bool(profile.open_to_offers) and not created
        _assign_profile(profile, data)
        if profile.open_to_offers and not was_open:
            _record_consent(profile, actor, talent, consent_method)
        profile.full_clean()
        profile.save()
        changes = changed_fields(before, profile)
        if created or changes:
            audit(
                actor=actor,
                action=AuditAction.CREATE if created else AuditAction.UPDATE,
                target=profile,
                changes=changes,
                detail={"open_to_offers": profile.open_to_offers},
            )
    return profile


def candidate_register(
    *,
    actor,
    agency: Agency,
    talent_data: Mapping[str, Any],
    profile_data: Mapping[str, Any],
    consent_method: str,
) -> Talent:
    """An agency registers a candidate into its own pool: the registry record (status
    candidate, held by the agency) and a profile open to offers with the consent on record, in
    one transaction. The agency's staff, or the office."""
    require_perm(actor, "recruiting.register_candidate", agency)
    _refuse_unknown(profile_data, PROFILE_FIELDS)
    if consent_method not in ConsentMethod.values:
        raise _consent_needed()
    profile = CandidateProfile(
        open_to_offers=True,
        consent_method=consent_method,
        consent_at=timezone.now(),
        consent_recorded_by=actor,
    )
    _assign_profile(profile, {k: v for k, v in profile_data.items() if k != "open_to_offers"})
    profile.full_clean(exclude=["talent"], validate_constraints=False)
    data = {k: v for k, v in talent_data.items() if k not in ("status", "agency", "agency_id")}
    with transaction.atomic():
        talent = directory_services.talent_create(
            actor=actor, data={**data, "status": TalentStatus.CANDIDATE, "agency": agency}
        )
        profile.talent = talent
        profile.full_clean()
        profile.save()
        audit(
            actor=actor,
            action=AuditAction.CREATE,
            target=profile,
            changes=["open_to_offers", "consent_method"],
            detail={"agency": agency.pk, "consent_method": consent_method},
        )
    return talent


# Referrals -----------------------------------------------------------------------------------


def referral_create(*, actor, demand: Demand, talent: Talent, note: str = "") -> Referral:
    """Refer a candidate to an open demand: an agency (a candidate its agency may see) or the
    office. The person must be open to offers, meet every required requirement, and not be
    referred to this demand already. The match (score in parts, missed preferred requirements)
    is kept with the referral. The enterprise's HR and the candidate are told."""
    require_perm(actor, "recruiting.refer")
    talent = Talent.objects.select_related("tier", "profile").get(pk=talent.pk)
    require_perm(actor, "recruiting.refer", talent)
    note = (note or "").strip()
    with transaction.atomic():
        demand = _locked_demand(demand)
        _require_positions_left(demand)
        profile = getattr(talent, "profile", None)
        if profile is None or not profile.open_to_offers or talent.status == TalentStatus.LEFT:
            raise ValidationError(
                {
                    "talent": ValidationError(
                        _("%(name)s is not open to offers.") % {"name": talent.name},
                        code="not_open_to_offers",
                    )
                }
            )
        if _live_referrals(demand, talent).exists():
            raise _already_referred()
        misses = search.violations(demand, talent)
        if misses:
            raise ValidationError(
                {
                    "talent": ValidationError(
                        _("%(name)s misses required requirements: %(misses)s.")
                        % {
                            "name": talent.name,
                            "misses": _("; ").join(search.miss_text(m) for m in misses),
                        },
                        code="misses_required",
                    )
                }
            )
        match = search.explain_candidate(demand, talent, actor)
        referral = Referral(
            demand=demand,
            talent=talent,
            agency_id=_referring_agency(actor, talent),
            referred_by=actor,
            note=note,
            score=_score(match),
            explanation=search.match_to_json(match) if match is not None else {},
        )
        _insert(referral)
        _event(referral, "", ReferralStatus.REFERRED, actor, note)
        audit(
            actor=actor,
            action=AuditAction.CREATE,
            target=referral,
            detail={
                "demand": demand.pk,
                "talent": talent.pk,
                "agency": referral.agency_id,
                "score": str(referral.score),
            },
        )
        _tell(referral, actor, ReferralStatus.REFERRED, note, parties=("employer", "candidate"))
    return referral


def referral_from_sign_up(*, talent: Talent, demand: Demand, referred_by, note: str) -> Referral:
    """A viewer of a live-stream recruiting session (带岗直播) signed up for a demand it
    presented: they become a candidate for it, referred by themselves (no agency). The events
    service calls it for the viewer and is the one that checks who may sign up, so no referring
    permission is asked here. Signing up is the person showing interest, so their profile need
    not be open to offers; the rest holds as for any referral: the demand is open with a
    position left, the person meets every required requirement and is not referred to it
    already. The enterprise's HR is told."""
    talent = Talent.objects.select_related("tier", "profile").get(pk=talent.pk)
    note = (note or "").strip()
    with transaction.atomic():
        demand = _locked_demand(demand)
        _require_positions_left(demand)
        if _live_referrals(demand, talent).exists():
            raise _already_referred()
        misses = search.violations(demand, talent)
        if misses:
            raise ValidationError(
                {
                    "talent": ValidationError(
                        _("%(name)s misses required requirements: %(misses)s.")
                        % {
                            "name": talent.name,
                            "misses": _("; ").join(search.miss_text(m) for m in misses),
                        },
                        code="misses_required",
                    )
                }
            )
        match = search.explain_candidate(demand, talent)
        if match is None:  # no candidate profile: scored on the registry record alone
            match = search.explain(
                sources.demand_query(demand), sources.candidate_document(talent, None)
            )
        referral = Referral(
            demand=demand,
            talent=talent,
            agency_id=None,
            referred_by=referred_by,
            note=note,
            score=_score(match),
            explanation=search.match_to_json(match) if match is not None else {},
        )
        _insert(referral)
        _event(referral, "", ReferralStatus.REFERRED, referred_by, note)
        audit(
            actor=referred_by,
            action=AuditAction.CREATE,
            target=referral,
            detail={
                "demand": demand.pk,
                "talent": talent.pk,
                "agency": None,
                "score": str(referral.score),
                "source": "live_stream_sign_up",
            },
        )
        _tell(
            referral, referred_by, ReferralStatus.REFERRED, note, parties=("employer", "candidate")
        )
    return referral


def referral_screen(*, actor, referral: Referral, accept: bool, reason: str = "") -> Referral:
    """The enterprise (or the office) screens a new referral: shortlists the candidate, or
    turns them down saying why."""
    reason = (reason or "").strip()
    if not accept and not reason:
        raise _reason_needed()
    with transaction.atomic():
        referral = _locked(referral)
        require_perm(actor, "recruiting.screen_referral", referral)
        _require_status(referral, ReferralStatus.REFERRED)
        if accept:
            _require_positions_left(referral.demand)
        to = ReferralStatus.SHORTLISTED if accept else ReferralStatus.REJECTED
        _move(referral, to, actor, reason)
        _tell(referral, actor, to, reason)
    return referral


def interview_schedule(
    *, actor, referral: Referral, starts_at: datetime.datetime, place: str, interviewers: str = ""
) -> Interview:
    """The enterprise schedules an interview (a first one, or another round) at a time to come;
    the candidate and the referrer are told when and where."""
    place = (place or "").strip()
    errors = {}
    if not place:
        errors["place"] = _("Say where the interview takes place.")
    if not isinstance(starts_at, datetime.datetime):
        errors["starts_at"] = _("Give the date and time of the interview.")
    elif _aware(starts_at) <= timezone.now():
        errors["starts_at"] = _("An interview is scheduled at a time to come.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        referral = _locked(referral)
        require_perm(actor, "recruiting.screen_referral", referral)
        _require_status(referral, ReferralStatus.SHORTLISTED, ReferralStatus.INTERVIEW)
        _require_positions_left(referral.demand)
        interview = Interview(
            referral=referral,
            starts_at=_aware(starts_at),
            place=place,
            interviewers=(interviewers or "").strip(),
            scheduled_by=actor,
        )
        interview.full_clean()
        interview.save()
        when = f"{timezone.localtime(interview.starts_at):%Y-%m-%d %H:%M} · {place}"
        _move(referral, ReferralStatus.INTERVIEW, actor, when)
        audit(
            actor=actor,
            action=AuditAction.CREATE,
            target=interview,
            detail={"referral": referral.pk},
        )
        _tell(referral, actor, ReferralStatus.INTERVIEW, when)
    return interview


def interview_record(*, actor, interview: Interview, outcome: str, note: str = "") -> Interview:
    """The enterprise records what came of an interview: passed, failed, or the candidate did
    not attend. Once: a recorded outcome stays."""
    if outcome not in RECORDED_OUTCOMES:
        raise ValidationError({"outcome": _("Choose passed, failed or did not attend.")})
    note = (note or "").strip()
    with transaction.atomic():
        referral = _locked(interview.referral)
        require_perm(actor, "recruiting.screen_referral", referral)
        _require_status(referral, ReferralStatus.INTERVIEW)
        interview = Interview.objects.get(pk=interview.pk)
        if interview.outcome != InterviewOutcome.PENDING:
            raise ValidationError(
                _("This interview's outcome is recorded already (%(outcome)s).")
                % {"outcome": interview.get_outcome_display()},
                code="outcome_recorded",
            )
        interview.outcome = outcome
        interview.note = note
        interview.save(update_fields=["outcome", "note", "updated_at"])
        said = interview.get_outcome_display() + (f" — {note}" if note else "")
        _event(referral, referral.status, referral.status, actor, said)
        audit(
            actor=actor,
            action=AuditAction.UPDATE,
            target=interview,
            changes=["outcome", "note"] if note else ["outcome"],
            detail={"referral": referral.pk, "outcome": outcome},
        )
        _tell(referral, actor, "outcome", said)
    return interview


def referral_offer(*, actor, referral: Referral, note: str = "") -> Referral:
    """The enterprise makes an offer, after an interview the candidate passed."""
    note = (note or "").strip()
    with transaction.atomic():
        referral = _locked(referral)
        require_perm(actor, "recruiting.screen_referral", referral)
        _require_status(referral, ReferralStatus.INTERVIEW)
        _require_positions_left(referral.demand)
        if not referral.interviews.filter(outcome=InterviewOutcome.PASSED).exists():
            raise ValidationError(
                _("Record an interview the candidate passed before making an offer."),
                code="no_interview_passed",
            )
        _move(referral, ReferralStatus.OFFERED, actor, note)
        _tell(referral, actor, ReferralStatus.OFFERED, note)
    return referral


def referral_hire(*, actor, referral: Referral, hired_on: datetime.date | None = None) -> Referral:
    """Record the hire of an offered candidate: it counts for the referring agency and fills one
    position of the demand (the demand is filled with the last one). Refused, clearly, once
    every position is filled."""
    today = timezone.localdate()
    hired_on = hired_on or today
    if hired_on > today:
        raise ValidationError({"hired_on": _("Record a hire on or after its day.")})
    with transaction.atomic():
        referral = _locked(referral)
        require_perm(actor, "recruiting.screen_referral", referral)
        _require_status(referral, ReferralStatus.OFFERED)
        demand = _fill_position(referral.demand_id)
        referral.demand = demand
        referral.hired_on = hired_on
        _move(referral, ReferralStatus.HIRED, actor, "", changes=["status", "hired_on"])
        audit(
            actor=actor,
            action=AuditAction.UPDATE,
            target=demand,
            changes=["hired", "status"] if demand.status == DemandStatus.FILLED else ["hired"],
            detail={"hired": demand.hired, "headcount": demand.headcount, "referral": referral.pk},
        )
        _tell(referral, actor, ReferralStatus.HIRED, str(hired_on))
        if demand.status == DemandStatus.FILLED:
            _tell_referrers_of(
                demand,
                actor,
                _("Every position is filled: %(demand)s") % {"demand": _demand_label(demand)},
                "",
                exclude=referral,
            )
    return referral


def referral_reject(*, actor, referral: Referral, reason: str) -> Referral:
    """The enterprise (or the office) ends a live referral, saying why."""
    return _end(actor, referral, reason, "recruiting.screen_referral", ReferralStatus.REJECTED)


def referral_decline(*, actor, referral: Referral, reason: str) -> Referral:
    """The candidate declines a live referral (or the referring agency for them), saying why."""
    return _end(actor, referral, reason, "recruiting.decline_referral", ReferralStatus.DECLINED)


def referral_withdraw(*, actor, referral: Referral, reason: str) -> Referral:
    """The referring agency (or the office) withdraws a live referral, saying why."""
    return _end(actor, referral, reason, "recruiting.withdraw_referral", ReferralStatus.WITHDRAWN)


def _end(actor, referral: Referral, reason: str, perm: str, to: str) -> Referral:
    reason = (reason or "").strip()
    if not reason:
        raise _reason_needed()
    with transaction.atomic():
        referral = _locked(referral)
        require_perm(actor, perm, referral)
        _require_status(referral, *LIVE_REFERRAL_STATUSES)
        _move(referral, to, actor, reason)
        _tell(referral, actor, to, reason, parties=("employer", "referrer", "candidate"))
    return referral


# Helpers: demands ----------------------------------------------------------------------------


def _locked_demand(demand: Demand) -> Demand:
    """The demand read afresh with its row locked until the transaction ends (locked first,
    read after: see policies.services._locked)."""
    Demand.objects.select_for_update().filter(pk=demand.pk).values_list("pk").get()
    return Demand.objects.select_related("enterprise").get(pk=demand.pk)


def _validate_demand(actor, demand: Demand, stored: Demand | None) -> None:
    """The fields' own checks and the demand's rules, every error beside its field."""
    errors: dict[str, list] = {}
    try:
        demand.full_clean(validate_constraints=False)
    except ValidationError as error:
        errors = dict(error.error_dict)
    for field, message in _demand_problems(actor, demand, stored, set(errors)):
        errors.setdefault(field, [ValidationError(message)])
    if errors:
        raise ValidationError(errors)
    demand.validate_constraints()


def _demand_problems(actor, demand: Demand, stored: Demand | None, invalid: set[str]):
    """The demand's rules (`invalid`: the fields whose own check failed already)."""
    office = has_role(actor, Role.OFFICE_ADMIN)
    if demand.high_level and not office:
        yield "high_level", _("Only the talent office posts high-level positions.")
    if demand.high_level and demand.project_id is None:
        yield "project", _("A high-level position hangs under a project: choose the project.")
    if (
        demand.project_id is not None
        and not {"project", "enterprise"} & invalid
        and demand.project.enterprise_id != demand.enterprise_id
    ):
        yield "project", _("This project belongs to another enterprise.")
    for value_field, flag in REQUIREMENTS:
        value = getattr(demand, value_field if value_field != "min_tier" else "min_tier_id")
        empty = value in (None, "") or (value_field == "majors" and not split_words(value))
        if getattr(demand, flag) and empty:
            yield value_field, _("Marked required: say what is required, or make it preferred.")
    low, high = demand.salary_min, demand.salary_max
    if isinstance(low, int) and isinstance(high, int) and low > high:
        yield "salary_max", _("The salary range must run from low to high.")
    if isinstance(demand.headcount, int) and demand.headcount < demand.hired:
        yield (
            "headcount",
            _("%(hired)s already hired: the headcount cannot be lower.") % {"hired": demand.hired},
        )
    changed_deadline = stored is None or stored.deadline != demand.deadline
    if demand.deadline and changed_deadline and demand.deadline < timezone.localdate():
        yield "deadline", _("The deadline cannot be in the past.")


def _skill_rows(rows: Sequence[Mapping[str, Any]]) -> list[DemandSkill]:
    """The demand's skills as rows: blank ones dropped, each tied to the skills list by name or
    synonym (the name wins), the text kept as typed."""
    known: dict[str, Skill] = {}
    names: dict[str, Skill] = {}
    for skill in Skill.objects.all():
        names[skill.name.lower()] = skill
        for word in skill.synonym_list:
            known.setdefault(word.lower(), skill)
    known.update(names)
    result, seen = [], set()
    for row in rows:
        text = " ".join(str(row.get("text") or "").split())
        if not text:
            continue
        if len(text) > DemandSkill._meta.get_field("text").max_length:
            raise ValidationError(
                {"skills": _("“%(skill)s” is too long for a skill.") % {"skill": text}}
            )
        if text.lower() in seen:
            raise ValidationError({"skills": _("“%(skill)s” is listed twice.") % {"skill": text}})
        seen.add(text.lower())
        result.append(
            DemandSkill(
                text=text, skill=known.get(text.lower()), required=bool(row.get("required"))
            )
        )
    return result


def _replace_skills(demand: Demand, rows: list[DemandSkill]) -> bool:
    """Put `rows` in place of the demand's skills; whether anything changed."""

    def key(row):
        return (row.text, row.required, row.skill_id)

    old = sorted(key(row) for row in demand.skills.all())
    if old == sorted(key(row) for row in rows):
        return False
    demand.skills.all().delete()
    for row in rows:
        row.demand = demand
    DemandSkill.objects.bulk_create(rows)
    return True


def _require_demand_status(demand: Demand, *allowed: str) -> None:
    if demand.status not in allowed:
        raise ValidationError(
            _("This cannot be done to a demand that is “%(status)s”.")
            % {"status": demand.get_status_display()},
            code="wrong_status",
        )


def _every_position_filled() -> ValidationError:
    return ValidationError(
        _("Every position of this demand is already filled."), code="demand_filled"
    )


def _require_positions_left(demand: Demand) -> None:
    if demand.status == DemandStatus.FILLED or demand.hired >= demand.headcount:
        raise _every_position_filled()
    if demand.status != DemandStatus.OPEN:
        raise ValidationError(
            _("This demand is not open (%(status)s).") % {"status": demand.get_status_display()},
            code="demand_not_open",
        )


def _fill_position(demand_id: int) -> Demand:
    """One more position of the demand filled, under its row lock (see LOCK_DEMANDS). The
    count is raised by the database (hired + 1, filled at the headcount) so that even unlocked
    writers cannot lose a hire, and its constraint refuses one beyond the headcount."""
    if LOCK_DEMANDS:
        demand = _locked_demand(Demand(pk=demand_id))
    else:
        demand = Demand.objects.select_related("enterprise").get(pk=demand_id)
    _require_positions_left(demand)
    try:
        with transaction.atomic():
            Demand.objects.filter(pk=demand_id).update(
                hired=F("hired") + 1,
                status=Case(
                    When(headcount=F("hired") + 1, then=Value(DemandStatus.FILLED)),
                    default=F("status"),
                ),
                updated_at=timezone.now(),
            )
    except IntegrityError:
        raise _every_position_filled() from None
    return Demand.objects.select_related("enterprise").get(pk=demand_id)


# Helpers: profiles ---------------------------------------------------------------------------


def _refuse_unknown(data: Mapping[str, Any], allowed: Sequence[str]) -> None:
    unknown = sorted(set(data) - set(allowed))
    if unknown:
        raise ValidationError({name: _("This field cannot be set here.") for name in unknown})


def _assign_profile(profile: CandidateProfile, data: Mapping[str, Any]) -> None:
    for name, value in data.items():
        field = CandidateProfile._meta.get_field(name)
        if name == "open_to_offers":
            try:
                value = field.to_python(value)
            except ValidationError as error:
                raise ValidationError({name: error.messages}) from None
        elif value in (None, "") and field.null:
            value = None
        elif value is None:
            value = ""
        setattr(profile, name, value)


def _consent_needed() -> ValidationError:
    return ValidationError(
        {"consent_method": _("Say how the candidate gave their consent to be proposed.")}
    )


def _record_consent(profile: CandidateProfile, actor, talent: Talent, method: str) -> None:
    """Opening a profile records the consent: the talent's own online, anyone else's as they
    say it was given."""
    if talent.user_id is not None and talent.user_id == actor.pk:
        method = ConsentMethod.ONLINE
    elif method not in ConsentMethod.values:
        raise _consent_needed()
    profile.consent_method = method
    profile.consent_at = timezone.now()
    profile.consent_recorded_by = actor


# Helpers: referrals --------------------------------------------------------------------------


def _locked(referral: Referral) -> Referral:
    """The referral read afresh with its row locked until the transaction ends."""
    Referral.objects.select_for_update().filter(pk=referral.pk).values_list("pk").get()
    return Referral.objects.select_related("demand__enterprise", "talent", "agency").get(
        pk=referral.pk
    )


def _require_status(referral: Referral, *allowed: str) -> None:
    if referral.status not in allowed:
        raise ValidationError(
            _("This cannot be done to a referral that is “%(status)s”.")
            % {"status": referral.get_status_display()},
            code="wrong_status",
        )


def _reason_needed() -> ValidationError:
    return ValidationError(
        {"reason": _("Give a reason: the others in this referral will read it.")}
    )


def _live_referrals(demand: Demand, talent: Talent):
    return Referral.objects.filter(
        demand=demand,
        talent=talent,
        status__in=[*LIVE_REFERRAL_STATUSES, ReferralStatus.HIRED],
    )


def _already_referred() -> ValidationError:
    return ValidationError(
        {
            "talent": ValidationError(
                _("This candidate is already referred for this demand."), code="already_referred"
            )
        }
    )


def _insert(referral: Referral) -> None:
    """Insert a new referral; one made at the same moment for the same person and demand meets
    the database's unique constraint and is refused like the check before would have."""
    referral.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            referral.save()
    except IntegrityError:
        if _live_referrals(referral.demand, referral.talent).exists():
            raise _already_referred() from None
        raise


def _referring_agency(actor, talent: Talent) -> int | None:
    """The agency a referral counts for: the actor's (the one holding the candidate, when the
    actor acts for several); none when the office refers."""
    agencies = member_ids(actor, "agency") if has_role(actor, Role.AGENCY_STAFF) else frozenset()
    if talent.agency_id in agencies:
        return talent.agency_id
    return min(agencies) if agencies else None


def _score(match) -> Decimal:
    if match is None:
        return Decimal("0")
    total = min(max(float(match.total), 0.0), 100.0)
    return Decimal(f"{total:.1f}")


def _move(
    referral: Referral, to: str, actor, reason: str, changes: Sequence[str] = ("status",)
) -> None:
    """Change the referral's status: saved, on the timeline and in the audit trail."""
    before = referral.status
    referral.status = to
    referral.save()
    _event(referral, before, to, actor, reason)
    audit(
        actor=actor,
        action=AuditAction.UPDATE,
        target=referral,
        changes=changes,
        detail={"from": before, "to": to},
    )


def _event(referral: Referral, before: str, to: str, actor, reason: str = "") -> ReferralEvent:
    return ReferralEvent.objects.create(
        referral=referral, from_status=before, to_status=to, actor=actor, reason=reason
    )


# Helpers: the record -------------------------------------------------------------------------


def _before(instance) -> tuple[bool, dict]:
    """Whether `instance` is new, and its stored values (to name what an edit changed)."""
    if instance.pk is None:
        return True, {}
    stored = type(instance).objects.filter(pk=instance.pk).first()
    return stored is None, tracked_values(stored) if stored is not None else {}


def _audit_save(actor, instance, created: bool, changes: Sequence[str]) -> None:
    # A save that changes nothing is not a change of the record: it leaves no audit record.
    if created or changes:
        audit(
            actor=actor,
            action=AuditAction.CREATE if created else AuditAction.UPDATE,
            target=instance,
            changes=changes,
        )


def _aware(moment: datetime.datetime) -> datetime.datetime:
    if timezone.is_naive(moment):
        return timezone.make_aware(moment)
    return moment


# Who hears about it ----------------------------------------------------------------------------

# What each step says: to the parties of the referral, and to the candidate in person.
MESSAGES = {
    ReferralStatus.REFERRED: (
        gettext_lazy("New candidate for %(demand)s: %(talent)s"),
        gettext_lazy("You were proposed for %(demand)s"),
    ),
    ReferralStatus.SHORTLISTED: (
        gettext_lazy("%(talent)s is shortlisted for %(demand)s"),
        gettext_lazy("You are shortlisted for %(demand)s"),
    ),
    ReferralStatus.INTERVIEW: (
        gettext_lazy("Interview of %(talent)s for %(demand)s"),
        gettext_lazy("Your interview for %(demand)s"),
    ),
    "outcome": (
        gettext_lazy("Interview result of %(talent)s for %(demand)s"),
        gettext_lazy("Your interview result for %(demand)s"),
    ),
    ReferralStatus.OFFERED: (
        gettext_lazy("Offer made to %(talent)s for %(demand)s"),
        gettext_lazy("You have an offer for %(demand)s"),
    ),
    ReferralStatus.HIRED: (
        gettext_lazy("%(talent)s is hired for %(demand)s"),
        gettext_lazy("You are hired for %(demand)s"),
    ),
    ReferralStatus.REJECTED: (
        gettext_lazy("%(talent)s was not selected for %(demand)s"),
        gettext_lazy("You were not selected for %(demand)s"),
    ),
    ReferralStatus.DECLINED: (
        gettext_lazy("%(talent)s declined %(demand)s"),
        gettext_lazy("Your referral for %(demand)s is declined"),
    ),
    ReferralStatus.WITHDRAWN: (
        gettext_lazy("The referral of %(talent)s for %(demand)s is withdrawn"),
        gettext_lazy("Your referral for %(demand)s is withdrawn"),
    ),
}
TITLE_LENGTH = 120  # Notification.title


def _demand_label(demand: Demand) -> str:
    return f"{demand.title} · {demand.enterprise.name}"


def _link(name: str, *args) -> str:
    try:
        return reverse(name, args=args)
    except NoReverseMatch:  # the pages are not wired (a test settings without them)
        return ""


def _active(users) -> list:
    return list(users.filter(is_active=True).distinct())


def employer_users(enterprise_id: int) -> list:
    """The HR staff of an enterprise."""
    return _active(
        User.objects.filter(
            memberships__enterprise_id=enterprise_id, groups__name=Role.ENTERPRISE_HR
        )
    )


def referrer_users(referral: Referral) -> list:
    """The staff of the agency that made the referral; the office user who made it otherwise."""
    if referral.agency_id is None:
        return [referral.referred_by] if referral.referred_by.is_active else []
    return _active(
        User.objects.filter(
            memberships__agency_id=referral.agency_id, groups__name=Role.AGENCY_STAFF
        )
    )


def candidate_users(referral: Referral) -> list:
    user = referral.talent.user if referral.talent.user_id else None
    return [user] if user is not None and user.is_active else []


def _tell(
    referral: Referral,
    actor,
    step: str,
    body: str,
    *,
    parties: Sequence[str] = ("referrer", "candidate"),
) -> None:
    """Notify the parties of a step (never the actor): the enterprise's HR (`employer`), the
    referrer, and the candidate in their own words."""
    to_parties, to_candidate = MESSAGES[step]
    words = {"talent": referral.talent.name, "demand": _demand_label(referral.demand)}
    url = _link("recruiting:referral-detail", referral.pk)
    others: dict[int, Any] = {}
    if "employer" in parties:
        others.update((u.pk, u) for u in employer_users(referral.demand.enterprise_id))
    if "referrer" in parties:
        others.update((u.pk, u) for u in referrer_users(referral))
    candidate = candidate_users(referral) if "candidate" in parties else []
    for user in candidate:
        others.pop(user.pk, None)
    others.pop(actor.pk, None)
    notify(others.values(), title=(to_parties % words)[:TITLE_LENGTH], body=body, url=url)
    candidate = [user for user in candidate if user.pk != actor.pk]
    notify(candidate, title=(to_candidate % words)[:TITLE_LENGTH], body=body, url=url)


def _tell_referrers_of(demand: Demand, actor, title: str, body: str, exclude=None) -> None:
    """Tell the referrers of the demand's live referrals (a demand closed, or filled)."""
    live = demand.referrals.filter(status__in=LIVE_REFERRAL_STATUSES).select_related("referred_by")
    if exclude is not None:
        live = live.exclude(pk=exclude.pk)
    users: dict[int, Any] = {}
    for referral in live:
        users.update((u.pk, u) for u in referrer_users(referral))
    users.pop(actor.pk, None)
    notify(
        users.values(),
        title=title[:TITLE_LENGTH],
        body=body,
        url=_link("recruiting:demand-detail", demand.pk),
    )
