"""Who may do what in recruiting.

The services enforce these; the API answers 403 and the pages hide buttons by the same predicates.
Reads are scoped in `queries.py` (a record outside the reader's scope is a 404, never a 403).

* The talent office keeps the skills list and the projects, posts demands for any enterprise
  (high-level positions only it), refers anyone, and may take every step.
* An enterprise's HR posts and manages its own enterprise's ordinary demands and takes the
  employer's steps of the referrals to them (screen, interview, offer, hire, reject).
* An agency's staff refer the candidates their agency may see (the registry's open profiles and
  the agency's own pool, never another agency's), keep their own pool, and withdraw or decline
  (on the candidate's behalf) the referrals their agency made.
* A talent keeps their own profile and may decline a referral about them.
"""

import rules

from talentzone.core.choices import Role
from talentzone.core.roles import has_role, roles_of
from talentzone.directory.queries import member_ids
from talentzone.directory.rules import (
    is_agency_staff,
    is_enterprise_hr,
    is_office_admin,
    is_own_agency,
)

from .choices import DemandStatus

OVERSEES = (Role.OFFICE_ADMIN, Role.LEADER)


def _enterprises(user) -> frozenset[int]:
    return member_ids(user, "enterprise") if has_role(user, Role.ENTERPRISE_HR) else frozenset()


def _agencies(user) -> frozenset[int]:
    return member_ids(user, "agency") if has_role(user, Role.AGENCY_STAFF) else frozenset()


# Demands -------------------------------------------------------------------------------------


@rules.predicate
def posts_for_demand_enterprise(user, demand) -> bool:
    """Enterprise HR in general (no demand named), or for an ordinary demand of their own
    enterprise. High-level positions are the office's, even under the HR's enterprise."""
    if demand is None:
        return True
    return not demand.high_level and demand.enterprise_id in _enterprises(user)


@rules.predicate
def may_see_demand(user, demand) -> bool:
    """As queries.visible_demands has it, for one demand."""
    if demand is None:
        return False
    if has_role(user, *OVERSEES, Role.AGENCY_STAFF):
        return True
    if demand.enterprise_id in _enterprises(user):
        return True
    if demand.status == DemandStatus.OPEN:
        return bool(roles_of(user))  # the board of open positions: anyone with a role
    return demand.referrals.filter(talent__user=user).exists() if user.is_authenticated else False


# Candidates ----------------------------------------------------------------------------------


@rules.predicate
def may_refer_candidate(user, talent) -> bool:
    """Agency staff in general (no talent named), or a talent in a pool their agency searches:
    the registry's open profiles and the agency's own candidates (search.pools_for)."""
    if talent is None:
        return True
    from . import search, sources  # the matching engine loads only when a candidate is asked

    pools = search.pools_for(user)
    return pools is None or sources.pool_of(talent) in pools


@rules.predicate
def is_the_talent(user, talent) -> bool:
    return talent is not None and talent.user_id is not None and talent.user_id == user.pk


@rules.predicate
def holds_candidate(user, talent) -> bool:
    return (
        talent is not None
        and talent.agency_id is not None
        and (talent.agency_id in _agencies(user))
    )


# Referrals -----------------------------------------------------------------------------------


@rules.predicate
def employs_for_referral(user, referral) -> bool:
    """HR of the enterprise whose demand the referral is for."""
    return referral is not None and referral.demand.enterprise_id in _enterprises(user)


@rules.predicate
def made_the_referral(user, referral) -> bool:
    """Staff of the agency that made the referral."""
    return (
        referral is not None
        and referral.agency_id is not None
        and referral.agency_id in _agencies(user)
    )


@rules.predicate
def is_the_candidate(user, referral) -> bool:
    return referral is not None and is_the_talent.test(user, referral.talent)


@rules.predicate
def may_see_referral(user, referral) -> bool:
    """As queries.visible_referrals has it, for one referral."""
    if referral is None:
        return False
    return (
        has_role(user, *OVERSEES)
        or made_the_referral.test(user, referral)
        or employs_for_referral.test(user, referral)
        or is_the_candidate.test(user, referral)
    )


rules.add_perm("recruiting", is_office_admin)  # the recruiting section of the Django admin
rules.add_perm("recruiting.manage_skill", is_office_admin)
rules.add_perm("recruiting.manage_project", is_office_admin)
rules.add_perm(
    "recruiting.post_demand", is_office_admin | (is_enterprise_hr & posts_for_demand_enterprise)
)
rules.add_perm("recruiting.view_demand", may_see_demand)
rules.add_perm("recruiting.refer", is_office_admin | (is_agency_staff & may_refer_candidate))
rules.add_perm("recruiting.register_candidate", is_office_admin | (is_agency_staff & is_own_agency))
rules.add_perm(
    "recruiting.edit_profile", is_office_admin | is_the_talent | (is_agency_staff & holds_candidate)
)
rules.add_perm("recruiting.view_referral", may_see_referral)
rules.add_perm(
    "recruiting.screen_referral", is_office_admin | (is_enterprise_hr & employs_for_referral)
)
rules.add_perm(
    "recruiting.decline_referral", is_office_admin | is_the_candidate | made_the_referral
)
rules.add_perm("recruiting.withdraw_referral", is_office_admin | made_the_referral)
