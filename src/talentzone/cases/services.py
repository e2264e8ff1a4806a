"""The case desk's services: the only writers of cases, their timeline, escalations,
consultations, visits and liaisons.

Every function checks the actor's permission (rules.py), writes in one transaction with the
case's row locked (`select_for_update`), appends a line to the case's timeline (`CaseEvent`),
writes an audit record and notifies whom it concerns. A step that does not hold raises
ValidationError({field: ValidationError(message, code=…)}) or PermissionDenied, and writes
nothing.

    raise ─→ open (level 1, grid team) ─escalate→ level 2 (department) ─escalate→ level 3
               │  (by hand with a reason, or by the scheduled task when the level's deadline
               │   passes; each level is left at most once: Escalation(case, from_level) unique)
               └─resolve→ resolved ─confirm (rating)→ closed
                              ├─reopen (reason)→ open at the same level, a new deadline
                              └─(no answer in CONFIRM_WITHIN_DAYS working days)→ closed

Every function takes the clock (`today`, `now`) so tests fix it; they default to the park's.
"""

import datetime
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import IntegrityError, transaction
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from talentzone.core.audit import AuditAction, audit
from talentzone.core.choices import Role
from talentzone.core.models import User
from talentzone.core.notifications import notify
from talentzone.core.roles import has_role
from talentzone.core.services import require_perm
from talentzone.core.workdays import add_working_days
from talentzone.directory.models import Department, Enterprise, GridTeam, Talent

from .choices import CaseEventKind, CaseSource, CaseStatus, ConsultationStatus, Level
from .models import (
    RATINGS,
    Case,
    CaseAttachment,
    CaseEvent,
    Category,
    Consultation,
    ConsultationTask,
    Escalation,
    Liaison,
    LiaisonVisit,
    Visit,
    VisitPlan,
)
from .rules import enterprises_of, grids_of

# A resolved case the requester neither confirms nor reopens within this many working days is
# closed by the scheduled task (no rating).
CONFIRM_WITHIN_DAYS = 10
MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024
TITLE_LENGTH = 120  # Notification.title
DEFAULT_VISIT_INTERVAL = 90
DEFAULT_DUE_SOON = 14


# The clock and small helpers -----------------------------------------------------------------


def _clock(
    today: datetime.date | None, now: datetime.datetime | None
) -> tuple[datetime.date, datetime.datetime]:
    """(today, now) on the park's clock; a test giving only `now` gets its day as `today`."""
    now = now or timezone.now()
    return today or timezone.localtime(now).date(), now


def _refuse(field: str, message: str, code: str, params: Mapping | None = None):
    return ValidationError({field: ValidationError(message, code=code, params=params)})


def _required(value: str | None, field: str, message: str) -> str:
    text = (value or "").strip()
    if not text:
        raise _refuse(field, message, "required")
    return text


def _link(name: str, *args) -> str:
    try:
        return reverse(name, args=args)
    except NoReverseMatch:  # the pages are not wired (or named otherwise)
        return ""


def _case_url(case: Case) -> str:
    return _link("cases:detail", case.pk)


def _title(text: str) -> str:
    return str(text)[:TITLE_LENGTH]


def _locked(case: Case) -> Case:
    """The case re-read with its row locked until the transaction ends: steps on one case take
    turns, and each sees what the one before it wrote."""
    return (
        Case.objects.select_for_update(of=("self",))
        .select_related("category", "team", "team__grid", "department", "enterprise", "talent")
        .get(pk=case.pk)
    )


def _event(case: Case, kind: str, actor, note: str = "", now=None) -> CaseEvent:
    return CaseEvent.objects.create(
        case=case, kind=kind, level=case.level, actor=actor, note=note, at=now or timezone.now()
    )


def _save(case: Case, *fields: str) -> None:
    case.save(update_fields=[*fields, "updated_at"])


def _audit(actor, case, changes: Iterable[str] = (), **detail) -> None:
    audit(actor=actor, action=AuditAction.UPDATE, target=case, changes=changes, detail=detail)


# Who is told ---------------------------------------------------------------------------------


def _active(users) -> Any:
    return users.filter(is_active=True).distinct()


def office_admins():
    return _active(User.objects.filter(groups__name=Role.OFFICE_ADMIN))


def grid_officers(team: GridTeam):
    return _active(
        User.objects.filter(groups__name=Role.GRID_OFFICER, memberships__grid_id=team.grid_id)
    )


def department_members(department_ids: Iterable[int]):
    return _active(User.objects.filter(memberships__department_id__in=list(department_ids)))


def level_people(case: Case):
    """Who works the case at its current level."""
    if case.level == Level.GRID:
        return grid_officers(case.team)
    if case.level == Level.DEPARTMENT:
        return department_members([case.department_id])
    return office_admins()


def requesters(case: Case) -> list:
    """Who answers for the party the case concerns (as rules.is_requester has it)."""
    users = []
    if case.source in (CaseSource.ENTERPRISE, CaseSource.TALENT):
        users.append(case.raised_by)
    if case.enterprise_id is not None:
        users += _active(
            User.objects.filter(
                groups__name=Role.ENTERPRISE_HR, memberships__enterprise_id=case.enterprise_id
            )
        )
    if case.talent_id is not None and case.talent.user_id is not None:
        users.append(case.talent.user)
    unique = {user.pk: user for user in users if user.is_active}
    return list(unique.values())


def _tell(users, case: Case, title: str, body: str = "", *, besides=None) -> None:
    """Notify `users` about `case`, never the one who did it."""
    notify(
        [user for user in users if besides is None or user.pk != besides.pk],
        title=_title(title),
        body=body,
        url=_case_url(case),
    )


# Routing and deadlines -----------------------------------------------------------------------


def route(*, enterprise: Enterprise | None = None, talent: Talent | None = None) -> GridTeam:
    """The grid team that takes a case up at level 1: the enterprise's grid's, else the talent's
    employer's grid's."""
    if enterprise is None and talent is None:
        raise _refuse(
            "enterprise", _("Say which enterprise or talent the case is about."), "no_party"
        )
    if enterprise is not None:
        field, grid_id = "enterprise", enterprise.grid_id
    elif talent.employer_id is None:
        raise _refuse(
            "talent",
            _("%(talent)s has no employer, so no grid team takes the case up.")
            % {"talent": talent.name},
            "no_team",
        )
    else:
        field, grid_id = "talent", talent.employer.grid_id
    team = GridTeam.objects.select_related("grid").filter(grid_id=grid_id).first()
    if team is None:
        raise _refuse(field, _("The grid has no service team to take the case up."), "no_team")
    return team


def due_date(category: Category, level: int, start: datetime.date) -> datetime.date:
    """The deadline of a level started on `start`: the category's working days for it."""
    return add_working_days(start, category.days_at(level))


# Raising -------------------------------------------------------------------------------------


def _default_party(actor, enterprise, talent, liaison_visit):
    """Whom the case is about when the form leaves it out: the HR's single enterprise, the
    talent's own record, the liaison's expert."""
    if enterprise is not None or talent is not None:
        return enterprise, talent
    if liaison_visit is not None:
        expert = liaison_visit.liaison.expert
        return expert.employer, expert
    if has_role(actor, Role.ENTERPRISE_HR) and len(enterprises_of(actor)) == 1:
        return Enterprise.objects.get(pk=next(iter(enterprises_of(actor)))), None
    if has_role(actor, Role.TALENT):
        own = Talent.objects.filter(user=actor).first()
        if own is not None:
            return None, own
    return None, None


def _party_source(actor, enterprise, talent, liaison_visit) -> str | None:
    """The source the actor raises for this party as, or None when it is not theirs to raise."""
    if liaison_visit is not None:
        liaison = liaison_visit.liaison
        mine = liaison.leader_id == actor.pk or has_role(actor, Role.OFFICE_ADMIN)
        about_expert = talent is not None and talent.pk == liaison.expert_id
        return CaseSource.LIAISON if mine and about_expert else None
    hr_of_enterprise = enterprise is not None and enterprise.pk in enterprises_of(actor)
    if hr_of_enterprise and (talent is None or talent.employer_id == enterprise.pk):
        return CaseSource.ENTERPRISE
    about_self = talent is not None and talent.user_id is not None and talent.user_id == actor.pk
    if about_self and (enterprise is None or enterprise.pk == talent.employer_id):
        return CaseSource.TALENT
    if enterprise is None and talent is not None and talent.employer_id in enterprises_of(actor):
        return CaseSource.ENTERPRISE
    if has_role(actor, Role.OFFICE_ADMIN):
        return CaseSource.GRID_OFFICER
    grid_id = enterprise.grid_id if enterprise is not None else _employer_grid(talent)
    if grid_id is not None and grid_id in grids_of(actor):
        return CaseSource.GRID_OFFICER
    return None


def _employer_grid(talent) -> int | None:
    if talent is None or talent.employer_id is None:
        return None
    return talent.employer.grid_id


def case_raise(
    *,
    actor,
    category: Category,
    title: str,
    description: str,
    enterprise: Enterprise | None = None,
    talent: Talent | None = None,
    source: str | None = None,
    visit: Visit | None = None,
    liaison_visit: LiaisonVisit | None = None,
    files: Sequence = (),
    today: datetime.date | None = None,
    now: datetime.datetime | None = None,
) -> Case:
    """Open a case at level 1 with the grid team of the party it concerns.

    Who for: enterprise HR for their enterprise (the default) or its talents; a talent about
    themselves (the default); a grid officer for the enterprises (and their talents) of their
    grid; the office for anyone; a leader only through a visit to their own expert."""
    today, now = _clock(today, now)
    if liaison_visit is not None:
        require_perm(actor, "cases.record_liaison_visit", liaison_visit.liaison)
    else:
        require_perm(actor, "cases.raise_case")
    title = _required(title, "title", _("Give the case a title."))
    description = _required(description, "description", _("Describe the problem."))
    if not category.active:
        raise _refuse("category", _("This category is no longer in use."), "inactive_category")
    enterprise, talent = _default_party(actor, enterprise, talent, liaison_visit)
    team = route(enterprise=enterprise, talent=talent)
    party_source = _party_source(actor, enterprise, talent, liaison_visit)
    if party_source is None:
        field = "enterprise" if enterprise is not None else "talent"
        raise _refuse(field, _("You may not raise a case for them."), "not_yours")
    if party_source == CaseSource.ENTERPRISE and enterprise is None:
        # HR raising about one of their people: the enterprise's case too, so that they see it
        # and answer it (visibility and the requester go by the enterprise).
        enterprise = talent.employer
    files = list(files)
    for uploaded in files:
        _check_size(uploaded)
    case = Case(
        category=category,
        title=title,
        description=description,
        source=source or party_source,
        raised_by=actor,
        enterprise=enterprise,
        talent=talent,
        team=team,
        level=Level.GRID,
        status=CaseStatus.OPEN,
        opened_on=today,
        level_since=today,
        due_on=due_date(category, Level.GRID, today),
        visit=visit,
        liaison_visit=liaison_visit,
    )
    case.full_clean(exclude=["number"], validate_constraints=False)
    with transaction.atomic():
        case.save()
        # The number shows the year and the row's id: known only once it is inserted.
        case.number = f"GC{case.opened_on.year}{case.pk:06d}"
        case.save(update_fields=["number"])
        _event(case, CaseEventKind.RAISED, actor, title, now)
        _event(case, CaseEventKind.ROUTED, actor, _("To %(team)s") % {"team": team.name}, now)
        for uploaded in files:
            _attach(case, actor, uploaded, now)
        audit(actor=actor, action=AuditAction.CREATE, target=case, changes=["title", "team"])
        _tell(
            grid_officers(team),
            case,
            _("New case %(number)s: %(title)s") % {"number": case.number, "title": title},
            _("Due on %(date)s.") % {"date": case.due_on.isoformat()},
            besides=actor,
        )
    return case


# Attachments and comments --------------------------------------------------------------------


def _check_size(uploaded_file) -> None:
    if uploaded_file.size > MAX_ATTACHMENT_BYTES:
        raise _refuse(
            "file",
            _("%(name)s is larger than 20 MB.") % {"name": uploaded_file.name},
            "too_large",
        )


def _attach(case: Case, actor, uploaded_file, now) -> CaseAttachment:
    attachment = CaseAttachment.objects.create(
        case=case,
        file=uploaded_file,
        file_name=str(uploaded_file.name)[:255],
        size=uploaded_file.size,
        uploaded_by=actor,
    )
    _event(case, CaseEventKind.ATTACHED, actor, attachment.file_name, now)
    return attachment


def case_attach(
    *, actor, case: Case, uploaded_file, now: datetime.datetime | None = None
) -> CaseAttachment:
    """Add a file (at most 20 MB) to an open case the actor sees."""
    _check_size(uploaded_file)
    with transaction.atomic():
        case = _locked(case)
        require_perm(actor, "cases.comment_case", case)
        attachment = _attach(case, actor, uploaded_file, now or timezone.now())
        audit(
            actor=actor,
            action=AuditAction.CREATE,
            target=attachment,
            changes=["file"],
            detail={"case": case.pk},
        )
    return attachment


def case_comment(
    *, actor, case: Case, note: str, now: datetime.datetime | None = None
) -> CaseEvent:
    """A remark on an open case's timeline; whoever works the case now is told."""
    note = _required(note, "note", _("Write the comment."))
    with transaction.atomic():
        case = _locked(case)
        require_perm(actor, "cases.comment_case", case)
        event = _event(case, CaseEventKind.COMMENT, actor, note, now)
        _audit(actor, case, event=CaseEventKind.COMMENT)
        _tell(
            level_people(case),
            case,
            _("Comment on %(number)s") % {"number": case.number},
            note,
            besides=actor,
        )
    return event


# Escalation ----------------------------------------------------------------------------------


def _move_up(case: Case, *, actor, reason: str, automatic: bool, department, today, now) -> None:
    """Write the escalation and move the case one level up with a new deadline. The unique
    constraint refuses a second escalation from the same level (IntegrityError)."""
    from_level = case.level
    Escalation.objects.create(
        case=case,
        from_level=from_level,
        to_level=from_level + 1,
        reason=reason,
        automatic=automatic,
        by=actor,
        at=now,
    )
    if from_level == Level.GRID:
        case.department = department or case.category.department
    case.level = from_level + 1
    case.level_since = today
    case.due_on = due_date(case.category, case.level, today)
    _save(case, "level", "department", "level_since", "due_on")


def case_escalate(
    *,
    actor,
    case: Case,
    reason: str,
    department: Department | None = None,
    today: datetime.date | None = None,
    now: datetime.datetime | None = None,
) -> Case:
    """Move an open case up one level by hand, saying why. From level 1 it goes to the
    category's department (or the one named); from level 2 to the joint consultation."""
    today, now = _clock(today, now)
    reason = _required(reason, "reason", _("Say why the case goes up a level."))
    with transaction.atomic():
        case = _locked(case)
        require_perm(actor, "cases.escalate_case", case)
        from_level = case.level
        try:
            with transaction.atomic():
                _move_up(
                    case,
                    actor=actor,
                    reason=reason,
                    automatic=False,
                    department=department if from_level == Level.GRID else None,
                    today=today,
                    now=now,
                )
        except IntegrityError:
            raise ValidationError(
                _("The case has already left this level."), code="already_escalated"
            ) from None
        _event(case, CaseEventKind.ESCALATED, actor, reason, now)
        _audit(
            actor,
            case,
            ["level", "department", "level_since", "due_on"],
            from_level=from_level,
            to_level=case.level,
            automatic=False,
        )
        _tell_escalated(case, reason, besides=actor)
    return case


def _tell_escalated(case: Case, reason: str, besides=None) -> None:
    _tell(
        level_people(case),
        case,
        _("Case %(number)s is now at %(level)s")
        % {"number": case.number, "level": case.get_level_display()},
        _("%(reason)s Due on %(date)s.") % {"reason": reason, "date": case.due_on.isoformat()},
        besides=besides,
    )


def escalate_overdue(
    *, today: datetime.date | None = None, now: datetime.datetime | None = None
) -> int:
    """The scheduled task: move every open case whose level's deadline passed up a level, and
    report once each case at level 3 past its deadline. Answers how many were escalated.

    Each case is handled in its own transaction with its row locked and its state read again,
    so a run that meets another (or a person escalating by hand) skips what the other did; the
    unique constraint on (case, from_level) is the last word should both still try."""
    today, now = _clock(today, now)
    late = Case.objects.filter(status=CaseStatus.OPEN, due_on__lt=today)
    escalated = 0
    for pk in late.filter(level__lt=Level.CONSULTATION).values_list("pk", flat=True):
        escalated += _escalate_if_late(pk, today, now)
    for pk in late.filter(level=Level.CONSULTATION).values_list("pk", flat=True):
        _flag_if_late(pk, today, now)
    return escalated


def _escalate_if_late(pk: int, today, now) -> bool:
    with transaction.atomic():
        case = _locked(Case(pk=pk))
        late = case.status == CaseStatus.OPEN and case.due_on < today
        if not late or case.level >= Level.CONSULTATION:
            return False  # another run or a person got here first
        from_level, due_on = case.level, case.due_on
        reason = _("The deadline of level %(level)s (%(date)s) passed.") % {
            "level": from_level,
            "date": due_on.isoformat(),
        }
        try:
            with transaction.atomic():
                _move_up(
                    case,
                    actor=None,
                    reason=reason,
                    automatic=True,
                    department=None,
                    today=today,
                    now=now,
                )
        except IntegrityError:
            return False  # escalated from this level already: the database says no twice
        _event(case, CaseEventKind.AUTO_ESCALATED, None, reason, now)
        _audit(
            None,
            case,
            ["level", "department", "level_since", "due_on"],
            from_level=from_level,
            to_level=case.level,
            automatic=True,
        )
        _tell_escalated(case, reason)
    return True


def _flag_if_late(pk: int, today, now) -> bool:
    """Level 3 has no level above: its passed deadline is reported to the office, once per
    deadline (`overdue_flagged_on` before the deadline means an earlier one was flagged)."""
    with transaction.atomic():
        case = _locked(Case(pk=pk))
        flagged = case.overdue_flagged_on is not None and case.overdue_flagged_on >= case.due_on
        late = case.status == CaseStatus.OPEN and case.due_on < today
        if flagged or not late or case.level != Level.CONSULTATION:
            return False
        case.overdue_flagged_on = today
        _save(case, "overdue_flagged_on")
        note = _("The deadline of the joint consultation (%(date)s) passed.") % {
            "date": case.due_on.isoformat()
        }
        _event(case, CaseEventKind.OVERDUE, None, note, now)
        _audit(None, case, ["overdue_flagged_on"], overdue=True)
        _tell(
            office_admins(),
            case,
            _("Overdue at level 3: %(number)s") % {"number": case.number},
            note,
        )
    return True


def case_change_department(
    *,
    actor,
    case: Case,
    department: Department,
    reason: str,
    now: datetime.datetime | None = None,
) -> Case:
    """Hand a level-2 case to another department (the deadline stays)."""
    reason = _required(reason, "reason", _("Say why the department changes."))
    with transaction.atomic():
        case = _locked(case)
        require_perm(actor, "cases.change_department", case)
        if department is None or department.pk == case.department_id:
            raise _refuse("department", _("Choose another department."), "same_department")
        before = case.department
        case.department = department
        _save(case, "department")
        note = _("%(old)s → %(new)s: %(reason)s") % {
            "old": before.name,
            "new": department.name,
            "reason": reason,
        }
        _event(case, CaseEventKind.DEPARTMENT_CHANGED, actor, note, now)
        _audit(actor, case, ["department"], old=before.pk, new=department.pk)
        _tell(
            department_members([department.pk]),
            case,
            _("Case %(number)s handed to your department") % {"number": case.number},
            note,
            besides=actor,
        )
    return case


# The joint consultation (level 3) ------------------------------------------------------------


def consultation_schedule(
    *,
    actor,
    case: Case,
    scheduled_at: datetime.datetime,
    place: str,
    departments: Iterable[Department],
    chair: str = "",
    now: datetime.datetime | None = None,
) -> Consultation:
    """Call the joint consultation of a level-3 case and invite the departments."""
    now = now or timezone.now()
    place = _required(place, "place", _("Say where the consultation meets."))
    departments = list(departments or ())
    if not departments:
        raise _refuse("departments", _("Invite at least one department."), "required")
    if scheduled_at is None or scheduled_at < now:
        raise _refuse("scheduled_at", _("The meeting cannot be in the past."), "past")
    with transaction.atomic():
        case = _locked(case)
        require_perm(actor, "cases.convene_consultation", case)
        already = _refuse(
            NON_FIELD_ERRORS,
            _("A consultation of this case is already scheduled."),
            "already_scheduled",
        )
        if case.consultations.filter(status=ConsultationStatus.SCHEDULED).exists():
            raise already
        try:
            with transaction.atomic():
                consultation = Consultation.objects.create(
                    case=case,
                    scheduled_at=scheduled_at,
                    place=place,
                    chair=(chair or "").strip(),
                    created_by=actor,
                )
        except IntegrityError:
            raise already from None
        consultation.departments.set(departments)
        when = timezone.localtime(scheduled_at).strftime("%Y-%m-%d %H:%M")
        note = _("%(when)s at %(place)s") % {"when": when, "place": place}
        _event(case, CaseEventKind.CONSULTATION_SCHEDULED, actor, note, now)
        audit(
            actor=actor,
            action=AuditAction.CREATE,
            target=consultation,
            changes=["scheduled_at", "place", "departments"],
            detail={"case": case.pk},
        )
        _tell(
            department_members([d.pk for d in departments]),
            case,
            _("Joint consultation on %(number)s") % {"number": case.number},
            note,
            besides=actor,
        )
    return consultation


def _task_rows(tasks: Sequence[Mapping]) -> list[dict]:
    """The tasks a consultation decided, checked; errors name the task (1, 2, …)."""
    if not tasks:
        raise _refuse("tasks", _("Give at least one task to a department."), "required")
    rows, errors = [], []
    for number, task in enumerate(tasks, start=1):
        department = task.get("department")
        if isinstance(department, int):
            department = Department.objects.filter(pk=department).first()
        description = (task.get("description") or "").strip()
        due_on = task.get("due_on")
        if department is None or not description or due_on is None:
            errors.append(
                ValidationError(
                    _("Task %(number)s needs a department, a description and a date.")
                    % {"number": number},
                    code="required",
                    params={"index": number - 1},
                )
            )
            continue
        rows.append({"department": department, "description": description, "due_on": due_on})
    if errors:
        raise ValidationError({"tasks": errors})
    return rows


def consultation_record(
    *,
    actor,
    consultation: Consultation,
    minutes: str,
    decision: str,
    tasks: Sequence[Mapping],
    now: datetime.datetime | None = None,
) -> Consultation:
    """Write the minutes and the decision of a consultation that met, and the tasks it gave
    each department; the departments are told."""
    now = now or timezone.now()
    minutes = _required(minutes, "minutes", _("Write the minutes."))
    decision = _required(decision, "decision", _("Write the decision."))
    rows = _task_rows(tasks)
    with transaction.atomic():
        case = _locked(consultation.case)
        require_perm(actor, "cases.convene_consultation", case)
        consultation = Consultation.objects.select_for_update().get(pk=consultation.pk)
        if consultation.status != ConsultationStatus.SCHEDULED:
            raise _refuse(
                NON_FIELD_ERRORS, _("This consultation is already recorded."), "already_held"
            )
        consultation.minutes, consultation.decision = minutes, decision
        consultation.status, consultation.held_at = ConsultationStatus.HELD, now
        consultation.save()
        ConsultationTask.objects.bulk_create(
            [ConsultationTask(consultation=consultation, **row) for row in rows]
        )
        _event(case, CaseEventKind.CONSULTATION_HELD, actor, decision, now)
        audit(
            actor=actor,
            action=AuditAction.UPDATE,
            target=consultation,
            changes=["status", "minutes", "decision", "held_at", "tasks"],
            detail={"case": case.pk, "tasks": len(rows)},
        )
        _tell(
            department_members({row["department"].pk for row in rows}),
            case,
            _("A task from the consultation on %(number)s") % {"number": case.number},
            decision,
            besides=actor,
        )
    return consultation


def task_done(
    *, actor, task: ConsultationTask, note: str, now: datetime.datetime | None = None
) -> ConsultationTask:
    """The owner department reports its task of a consultation done."""
    now = now or timezone.now()
    note = _required(note, "note", _("Say what was done."))
    with transaction.atomic():
        case = _locked(task.consultation.case)
        task = (
            ConsultationTask.objects.select_for_update()
            .select_related("department")
            .get(pk=task.pk)
        )
        require_perm(actor, "cases.finish_task", task)
        if task.done_at is not None:
            raise _refuse(NON_FIELD_ERRORS, _("This task is already done."), "already_done")
        task.done_at, task.done_note, task.done_by = now, note, actor
        task.save(update_fields=["done_at", "done_note", "done_by"])
        _event(
            case,
            CaseEventKind.TASK_DONE,
            actor,
            f"{task.department.name}: {note}",
            now,
        )
        audit(
            actor=actor,
            action=AuditAction.UPDATE,
            target=task,
            changes=["done_at", "done_note", "done_by"],
            detail={"case": case.pk},
        )
        _tell(
            office_admins(),
            case,
            _("Task done on %(number)s") % {"number": case.number},
            note,
            besides=actor,
        )
    return task


# Resolution and the requester's answer -------------------------------------------------------


def _consultation_finished(case: Case) -> bool:
    """A level-3 case is resolved only after a consultation was held and all its tasks done."""
    held = case.consultations.filter(status=ConsultationStatus.HELD)
    if not held.exists():
        return False
    return not ConsultationTask.objects.filter(consultation__in=held, done_at__isnull=True).exists()


def case_resolve(
    *, actor, case: Case, resolution: str, now: datetime.datetime | None = None
) -> Case:
    """Say what was done; the requester is asked to confirm it."""
    now = now or timezone.now()
    resolution = _required(resolution, "resolution", _("Describe what was done."))
    with transaction.atomic():
        case = _locked(case)
        require_perm(actor, "cases.resolve_case", case)
        if case.level == Level.CONSULTATION and not _consultation_finished(case):
            raise _refuse(
                "resolution",
                _("Hold the joint consultation and finish all its tasks first."),
                "tasks_open",
            )
        case.status, case.resolution = CaseStatus.RESOLVED, resolution
        case.resolved_at, case.resolved_by = now, actor
        _save(case, "status", "resolution", "resolved_at", "resolved_by")
        _event(case, CaseEventKind.RESOLVED, actor, resolution, now)
        _audit(actor, case, ["status", "resolution", "resolved_at", "resolved_by"])
        _tell(
            requesters(case),
            case,
            _("Case %(number)s resolved: please confirm") % {"number": case.number},
            resolution,
            besides=actor,
        )
    return case


def _rating(value) -> int:
    """An integer from 1 to 5 (a form's "4" too); anything else is refused."""
    if isinstance(value, bool):
        value = None
    try:
        rating = int(value)
    except (TypeError, ValueError):
        rating = None
    if rating is None or rating not in RATINGS or str(value).strip() != str(rating):
        raise _refuse("rating", _("Rate the service from 1 to 5."), "invalid")
    return rating


def case_confirm(
    *,
    actor,
    case: Case,
    rating,
    comment: str = "",
    now: datetime.datetime | None = None,
) -> Case:
    """The requester confirms the resolution and rates the service: the case is closed."""
    now = now or timezone.now()
    rating = _rating(rating)
    with transaction.atomic():
        case = _locked(case)
        require_perm(actor, "cases.answer_case", case)
        case.status, case.closed_at = CaseStatus.CLOSED, now
        case.rating, case.rating_comment = rating, (comment or "").strip()
        _save(case, "status", "closed_at", "rating", "rating_comment")
        note = _("Rated %(rating)s/5. %(comment)s") % {
            "rating": rating,
            "comment": case.rating_comment,
        }
        _event(case, CaseEventKind.CONFIRMED, actor, note.strip(), now)
        _audit(actor, case, ["status", "closed_at", "rating", "rating_comment"], rating=rating)
        _tell(
            [case.resolved_by] if case.resolved_by_id else [],
            case,
            _("Case %(number)s confirmed") % {"number": case.number},
            note.strip(),
            besides=actor,
        )
    return case


def case_reopen(
    *,
    actor,
    case: Case,
    reason: str,
    today: datetime.date | None = None,
    now: datetime.datetime | None = None,
) -> Case:
    """The requester is not satisfied: the case opens again at the same level with a new
    deadline. The resolution stays in the timeline (its RESOLVED line), not on the case."""
    today, now = _clock(today, now)
    reason = _required(reason, "reason", _("Say why the problem is not solved."))
    with transaction.atomic():
        case = _locked(case)
        require_perm(actor, "cases.answer_case", case)
        case.status, case.resolution = CaseStatus.OPEN, ""
        case.resolved_at = case.resolved_by = None
        case.level_since = today
        case.due_on = due_date(case.category, case.level, today)
        case.reopen_count += 1
        _save(
            case,
            "status",
            "resolution",
            "resolved_at",
            "resolved_by",
            "level_since",
            "due_on",
            "reopen_count",
        )
        _event(case, CaseEventKind.REOPENED, actor, reason, now)
        _audit(actor, case, ["status", "resolution", "level_since", "due_on", "reopen_count"])
        _tell(
            level_people(case),
            case,
            _("Case %(number)s reopened") % {"number": case.number},
            reason,
            besides=actor,
        )
    return case


def answer_due_on(case: Case) -> datetime.date:
    """The last day the requester may answer a resolved case."""
    return add_working_days(timezone.localtime(case.resolved_at).date(), CONFIRM_WITHIN_DAYS)


def close_unanswered(
    *, today: datetime.date | None = None, now: datetime.datetime | None = None
) -> int:
    """The scheduled task: close the resolved cases nobody answered in time. Answers how many."""
    today, now = _clock(today, now)
    # Ten working days are at least ten calendar days: older resolutions are the candidates.
    cutoff = timezone.make_aware(
        datetime.datetime.combine(
            today - datetime.timedelta(days=CONFIRM_WITHIN_DAYS), datetime.time.max
        )
    )
    candidates = Case.objects.filter(status=CaseStatus.RESOLVED, resolved_at__lte=cutoff)
    return sum(
        _close_if_unanswered(pk, today, now) for pk in candidates.values_list("pk", flat=True)
    )


def _close_if_unanswered(pk: int, today, now) -> bool:
    with transaction.atomic():
        case = _locked(Case(pk=pk))
        if case.status != CaseStatus.RESOLVED or answer_due_on(case) >= today:
            return False
        case.status, case.closed_at = CaseStatus.CLOSED, now
        _save(case, "status", "closed_at")
        note = _("Nobody answered within %(days)s working days.") % {"days": CONFIRM_WITHIN_DAYS}
        _event(case, CaseEventKind.AUTO_CLOSED, None, note, now)
        _audit(None, case, ["status", "closed_at"], automatic=True)
        _tell(
            requesters(case),
            case,
            _("Case %(number)s closed") % {"number": case.number},
            note,
        )
    return True


# Grid visits ---------------------------------------------------------------------------------


def visit_plan_set(
    *, actor, team: GridTeam, interval_days: int, due_soon_days: int | None = None
) -> VisitPlan:
    """How often the team visits each enterprise of its grid (the office decides)."""
    require_perm(actor, "cases.change_visit_plan")
    if not isinstance(interval_days, int) or interval_days < 1:
        raise _refuse("interval_days", _("Visit at least every day."), "invalid")
    if due_soon_days is not None and (not isinstance(due_soon_days, int) or due_soon_days < 0):
        raise _refuse("due_soon_days", _("Give a number of days, 0 or more."), "invalid")
    with transaction.atomic():
        plan, created = VisitPlan.objects.select_for_update().get_or_create(
            team=team,
            defaults={"interval_days": interval_days, "due_soon_days": DEFAULT_DUE_SOON},
        )
        plan.interval_days = interval_days
        if due_soon_days is not None:
            plan.due_soon_days = due_soon_days
        plan.save()
        audit(
            actor=actor,
            action=AuditAction.CREATE if created else AuditAction.UPDATE,
            target=plan,
            changes=["interval_days", "due_soon_days"],
        )
        notify(
            [user for user in grid_officers(team) if user.pk != actor.pk],
            title=_title(_("Visit every %(days)s days") % {"days": plan.interval_days}),
            body=str(team),
            url=_link("cases:visits"),
        )
    return plan


def _raise_findings(
    actor, findings: Sequence[Mapping], errors_field: str, today, now, **party
) -> list[Case]:
    """Each finding of a visit becomes a case; refusals are collected, naming the finding
    (1, 2, …), and reported together so the caller's transaction writes none of them."""
    cases, errors = [], []
    for number, finding in enumerate(findings or (), start=1):
        category = finding.get("category")
        if isinstance(category, int):
            category = Category.objects.filter(pk=category).first()
        try:
            if category is None:
                raise _refuse("category", _("Choose a category."), "required")
            cases.append(
                case_raise(
                    actor=actor,
                    category=category,
                    title=finding.get("title", ""),
                    description=finding.get("description", ""),
                    today=today,
                    now=now,
                    **party,
                )
            )
        except ValidationError as error:
            for inner in _flat(error):
                errors.append(
                    ValidationError(
                        _("Finding %(number)s: %(message)s")
                        % {"number": number, "message": inner.message % (inner.params or {})},
                        code=inner.code,
                        params={"index": number - 1},
                    )
                )
    if errors:
        raise ValidationError({errors_field: errors})
    return cases


def _flat(error: ValidationError) -> list[ValidationError]:
    if hasattr(error, "error_dict"):
        return [e for errors in error.error_dict.values() for e in errors]
    return list(error.error_list)


def visit_record(
    *,
    actor,
    team: GridTeam,
    enterprise: Enterprise,
    visited_on: datetime.date,
    visitors: str,
    met: str,
    notes: str,
    findings: Sequence[Mapping] = (),
    today: datetime.date | None = None,
    now: datetime.datetime | None = None,
) -> Visit:
    """A grid team's visit to an enterprise of its grid, and a case for each problem heard
    there: all of it, or (on any refusal) none of it."""
    today, now = _clock(today, now)
    require_perm(actor, "cases.record_visit", team)
    if enterprise.grid_id != team.grid_id:
        raise _refuse(
            "enterprise", _("%(name)s is not in this grid.") % {"name": enterprise}, "not_in_grid"
        )
    if visited_on is None or visited_on > today:
        raise _refuse("visited_on", _("The visit cannot be in the future."), "future")
    visitors = _required(visitors, "visitors", _("Say who went."))
    met = _required(met, "met", _("Say whom you met."))
    notes = _required(notes, "notes", _("Write what you heard."))
    with transaction.atomic():
        visit = Visit.objects.create(
            team=team,
            enterprise=enterprise,
            visited_on=visited_on,
            visitors=visitors[:200],
            met=met[:200],
            notes=notes,
            recorded_by=actor,
        )
        cases = _raise_findings(
            actor,
            findings,
            "findings",
            today,
            now,
            source=CaseSource.VISIT,
            visit=visit,
            enterprise=enterprise,
        )
        audit(
            actor=actor,
            action=AuditAction.CREATE,
            target=visit,
            changes=["visited_on", "visitors", "met", "notes"],
            detail={"cases": [case.pk for case in cases]},
        )
    return visit


# Leaders and their experts -------------------------------------------------------------------


def liaison_create(
    *,
    actor,
    leader,
    expert: Talent,
    interval_days: int = 90,
    since: datetime.date | None = None,
) -> Liaison:
    """Pair a leader with an expert they will look after (an expert has one leader at a time)."""
    require_perm(actor, "cases.manage_liaison")
    if leader is None or not has_role(leader, Role.LEADER):
        raise _refuse("leader", _("Choose a leader."), "not_leader")
    if not isinstance(interval_days, int) or interval_days < 1:
        raise _refuse("interval_days", _("Visit at least every day."), "invalid")
    paired = _refuse(
        "expert", _("%(name)s is already looked after.") % {"name": expert.name}, "already_paired"
    )
    with transaction.atomic():
        if Liaison.objects.filter(expert=expert, active=True).exists():
            raise paired
        try:
            with transaction.atomic():
                liaison = Liaison.objects.create(
                    leader=leader,
                    expert=expert,
                    interval_days=interval_days,
                    since=since or timezone.localdate(),
                )
        except IntegrityError:
            raise paired from None
        audit(
            actor=actor,
            action=AuditAction.CREATE,
            target=liaison,
            changes=["leader", "expert", "interval_days", "since"],
        )
        notify(
            [leader] if leader.pk != actor.pk else [],
            title=_title(_("You look after %(name)s") % {"name": expert.name}),
            body=_("Visit at least every %(days)s days.") % {"days": interval_days},
            url=_link("cases:liaison"),
        )
    return liaison


def liaison_end(*, actor, liaison: Liaison) -> Liaison:
    require_perm(actor, "cases.manage_liaison")
    with transaction.atomic():
        liaison = Liaison.objects.select_for_update().get(pk=liaison.pk)
        if not liaison.active:
            raise _refuse(NON_FIELD_ERRORS, _("This pairing has ended already."), "inactive")
        liaison.active = False
        liaison.save(update_fields=["active", "updated_at"])
        audit(actor=actor, action=AuditAction.UPDATE, target=liaison, changes=["active"])
        notify(
            [liaison.leader] if liaison.leader_id != actor.pk else [],
            title=_title(_("Pairing ended: %(name)s") % {"name": liaison.expert.name}),
            url=_link("cases:liaison"),
        )
    return liaison


def liaison_visit_record(
    *,
    actor,
    liaison: Liaison,
    visited_on: datetime.date,
    notes: str,
    findings: Sequence[Mapping] = (),
    today: datetime.date | None = None,
    now: datetime.datetime | None = None,
) -> LiaisonVisit:
    """A leader's visit to their expert, and a case for each need heard (all or nothing)."""
    today, now = _clock(today, now)
    require_perm(actor, "cases.record_liaison_visit", liaison)
    if visited_on is None or visited_on > today:
        raise _refuse("visited_on", _("The visit cannot be in the future."), "future")
    notes = _required(notes, "notes", _("Write what you talked about."))
    with transaction.atomic():
        liaison = Liaison.objects.select_for_update().select_related("expert").get(pk=liaison.pk)
        if not liaison.active:
            raise _refuse(NON_FIELD_ERRORS, _("This pairing has ended."), "inactive")
        visit = LiaisonVisit.objects.create(
            liaison=liaison, visited_on=visited_on, notes=notes, recorded_by=actor
        )
        expert = liaison.expert
        cases = _raise_findings(
            actor,
            findings,
            "findings",
            today,
            now,
            source=CaseSource.LIAISON,
            liaison_visit=visit,
            talent=expert,
            enterprise=expert.employer,
        )
        audit(
            actor=actor,
            action=AuditAction.CREATE,
            target=visit,
            changes=["visited_on", "notes"],
            detail={"cases": [case.pk for case in cases]},
        )
    return visit
