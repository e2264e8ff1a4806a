"""Who may do what in the yearly evaluations.

The office runs the rounds: set-up, screening, the panel, the ranking, objections, the
announcement and the programmes' outcomes. An enterprise's HR nominates the enterprise's own
talents and follows those nominations. An expert scores only their own, unconflicted assignments.
Anyone signed in may read the public notice and object to a nominee on it. Reads are scoped in
`queries.py`.
"""

import rules

from talentzone.core.choices import Role
from talentzone.core.roles import has_role
from talentzone.directory.queries import member_ids
from talentzone.directory.rules import is_office_admin


@rules.predicate
def hr_of_employer(user, talent) -> bool:
    """The user is HR of the talent's current employer (who may nominate the talent)."""
    if talent is None or talent.employer_id is None:
        return False
    return has_role(user, Role.ENTERPRISE_HR) and talent.employer_id in member_ids(
        user, "enterprise"
    )


@rules.predicate
def hr_of_nominating_enterprise(user, nomination) -> bool:
    if nomination is None:
        return False
    return has_role(user, Role.ENTERPRISE_HR) and nomination.enterprise_id in member_ids(
        user, "enterprise"
    )


@rules.predicate
def is_assigned_expert(user, assignment) -> bool:
    if assignment is None:
        return False
    return has_role(user, Role.EXPERT) and assignment.expert.user_id == user.pk


@rules.predicate
def is_leader(user) -> bool:
    return has_role(user, Role.LEADER)


rules.add_perm("awards.manage_round", is_office_admin)
rules.add_perm("awards.nominate", hr_of_employer)
rules.add_perm("awards.change_nomination", hr_of_nominating_enterprise | is_office_admin)
rules.add_perm("awards.screen_nomination", is_office_admin)
rules.add_perm("awards.score", is_assigned_expert)
rules.add_perm("awards.view_ranking", is_office_admin | is_leader)
rules.add_perm("awards.lodge_objection", rules.is_authenticated)
rules.add_perm("awards.resolve_objection", is_office_admin)
rules.add_perm("awards.record_outcome", is_office_admin)
rules.add_perm("awards", is_office_admin)  # the awards section of the Django admin
