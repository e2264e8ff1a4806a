"""Who may do what at the case desk.

The services enforce these; the API answers 403 and the pages hide buttons by the same predicates.
Reads are scoped in `queries.py` (`visible_cases`).

* Enterprise HR raise cases for their enterprise; a talent raises cases about themselves; a grid
  officer raises cases for the enterprises (and the talents employed) in their grid; the office
  raises cases for anyone.
* Level 1 is worked by the grid officers of the case's grid team, level 2 by the members of the
  case's department, level 3 by the talent office, which convenes the consultation. The office
  may act at every level. Working a case means commenting, escalating with a reason, and
  resolving it with a description of what was done.
* The department of level 2 is changed by the office or by the department holding the case.
* A consultation task is done by a member of its owner department (or the office).
* The requester — the enterprise's HR for an enterprise's case, the talent for a talent's case —
  confirms or reopens a resolved case and rates the service.
* Grid officers record their team's visits; the office sets the visit interval and pairs leaders
  with experts; a leader records their own visits to their experts.
* Leaders read everything; they write only their own liaison visits.
"""

import rules

from talentzone.core.choices import Role
from talentzone.core.roles import has_role
from talentzone.directory.queries import member_ids
from talentzone.directory.rules import is_office_admin, role

from .choices import CaseSource, CaseStatus, Level

is_grid_officer = role(Role.GRID_OFFICER)
is_leader = role(Role.LEADER)
STAFF_ROLES = (Role.OFFICE_ADMIN, Role.LEADER, Role.GRID_OFFICER, Role.REVIEWER)


def grids_of(user) -> frozenset[int]:
    """The grids whose team the user serves in (as a grid officer)."""
    return member_ids(user, "grid") if has_role(user, Role.GRID_OFFICER) else frozenset()


def departments_of(user) -> frozenset[int]:
    return member_ids(user, "department")


def enterprises_of(user) -> frozenset[int]:
    return member_ids(user, "enterprise") if has_role(user, Role.ENTERPRISE_HR) else frozenset()


@rules.predicate
def serves_team(user, team) -> bool:
    """A grid officer of the team's grid (in general when no team is named)."""
    if team is None:
        return bool(grids_of(user))
    return team.grid_id in grids_of(user)


@rules.predicate
def works_at_level(user, case) -> bool:
    """The case is open and at a level the user works at: their grid team's (level 1), their
    department's (level 2). Level 3 is the office's (see `is_office_admin`)."""
    if case is None or case.status != CaseStatus.OPEN:
        return False
    if case.level == Level.GRID:
        return case.team.grid_id in grids_of(user)
    if case.level == Level.DEPARTMENT:
        return case.department_id in departments_of(user)
    return False


@rules.predicate
def is_open(user, case) -> bool:
    return case is not None and case.status == CaseStatus.OPEN


@rules.predicate
def below_top_level(user, case) -> bool:
    return case is not None and case.level < Level.CONSULTATION


@rules.predicate
def at_department_level(user, case) -> bool:
    return case is not None and case.level == Level.DEPARTMENT


@rules.predicate
def at_consultation_level(user, case) -> bool:
    return case is not None and case.level == Level.CONSULTATION


@rules.predicate
def holds_department(user, case) -> bool:
    return case is not None and case.department_id in departments_of(user)


@rules.predicate
def is_requester(user, case) -> bool:
    """The one who answers for the enterprise or talent the case concerns: the enterprise's HR,
    the talent themself, or whoever raised the case as an enterprise or a talent."""
    if case is None or not user.is_authenticated:
        return False
    if case.source in (CaseSource.ENTERPRISE, CaseSource.TALENT) and case.raised_by_id == user.pk:
        return True
    if case.enterprise_id is not None and case.enterprise_id in enterprises_of(user):
        return True
    return case.talent_id is not None and case.talent.user_id == user.pk


@rules.predicate
def is_resolved(user, case) -> bool:
    return case is not None and case.status == CaseStatus.RESOLVED


@rules.predicate
def may_see_case(user, case) -> bool:
    """As queries.visible_cases has it, for one case."""
    if case is None or not user.is_authenticated:
        return False
    from .queries import visible_cases

    return visible_cases(user).filter(pk=case.pk).exists()


@rules.predicate
def owns_task(user, task) -> bool:
    return task is not None and task.department_id in departments_of(user)


@rules.predicate
def is_the_leader(user, liaison) -> bool:
    return liaison is not None and liaison.leader_id == user.pk


@rules.predicate
def may_raise(user) -> bool:
    return has_role(user, Role.OFFICE_ADMIN, Role.GRID_OFFICER, Role.ENTERPRISE_HR, Role.TALENT)


@rules.predicate
def is_staff_reader(user) -> bool:
    return has_role(user, *STAFF_ROLES)


rules.add_perm("cases", is_office_admin)  # the case desk's section of the Django admin
rules.add_perm("cases.view_case", may_see_case)
rules.add_perm("cases.raise_case", may_raise)  # whom for: the service checks the party
rules.add_perm("cases.comment_case", may_see_case & is_open)
rules.add_perm("cases.work_case", is_open & (is_office_admin | works_at_level))
rules.add_perm(
    "cases.escalate_case", is_open & below_top_level & (is_office_admin | works_at_level)
)
rules.add_perm(
    "cases.change_department",
    is_open & at_department_level & (is_office_admin | holds_department),
)
rules.add_perm("cases.resolve_case", is_open & (is_office_admin | works_at_level))
rules.add_perm("cases.answer_case", is_resolved & is_requester)
rules.add_perm("cases.convene_consultation", is_open & at_consultation_level & is_office_admin)
rules.add_perm("cases.finish_task", is_office_admin | owns_task)
rules.add_perm("cases.record_visit", is_office_admin | (is_grid_officer & serves_team))
rules.add_perm("cases.change_visit_plan", is_office_admin)
rules.add_perm("cases.manage_liaison", is_office_admin)
rules.add_perm("cases.record_liaison_visit", is_office_admin | (is_leader & is_the_leader))
rules.add_perm("cases.view_overview", is_staff_reader)
