"""Who may write what in the registry. Reads are scoped in `queries.py`; these predicates decide
writes, for the services (which enforce them), the API (which answers 403) and the pages (which
hide buttons). Leaders and reviewers hold no write permission here."""

import rules

from talentzone.core.choices import Role
from talentzone.core.roles import has_role

from .queries import member_ids


def role(name: str) -> rules.Predicate:
    return rules.Predicate(lambda user: has_role(user, name), name=f"is_{name}")


is_office_admin = role(Role.OFFICE_ADMIN)
is_enterprise_hr = role(Role.ENTERPRISE_HR)
is_agency_staff = role(Role.AGENCY_STAFF)
is_station_staff = role(Role.STATION_STAFF)


def acts_for(organisation: str, attribute: str) -> rules.Predicate:
    """True when `obj.<attribute>` is one of the user's organisations of that kind."""

    def check(user, obj) -> bool:
        return obj is not None and getattr(obj, attribute) in member_ids(user, organisation)

    return rules.Predicate(check, name=f"{organisation}_via_{attribute}")


employs_talent = acts_for("enterprise", "employer_id")
holds_candidate = acts_for("agency", "agency_id")
is_own_enterprise = acts_for("enterprise", "pk")
owns_platform = acts_for("enterprise", "enterprise_id")
is_own_agency = acts_for("agency", "pk")
is_own_station = acts_for("station", "pk")


@rules.predicate
def manages_credential_holder(user, credential) -> bool:
    talent = getattr(credential, "talent", None) if credential is not None else None
    return talent is not None and can_manage_talent.test(user, talent)


@rules.predicate
def is_the_talent(user, talent) -> bool:
    return talent is not None and talent.user_id is not None and talent.user_id == user.pk


# Clear personal numbers, on an explicit and logged "show": the office, and the person.
rules.add_perm("directory.reveal_talent", is_office_admin | is_the_talent)

can_manage_talent = (
    is_office_admin | (is_enterprise_hr & employs_talent) | (is_agency_staff & holds_candidate)
)


rules.add_perm("directory", is_office_admin)  # the registry's section of the Django admin


def _crud(model: str, add, change, delete=is_office_admin) -> None:
    rules.add_perm(f"directory.view_{model}", is_office_admin)
    rules.add_perm(f"directory.add_{model}", add)
    rules.add_perm(f"directory.change_{model}", change)
    rules.add_perm(f"directory.delete_{model}", delete)


_crud("talent", add=is_office_admin | is_enterprise_hr | is_agency_staff, change=can_manage_talent)
_crud(
    "credential",
    add=is_office_admin | is_enterprise_hr | is_agency_staff,
    change=is_office_admin | manages_credential_holder,
    delete=is_office_admin | manages_credential_holder,
)
_crud(
    "enterprise",
    add=is_office_admin,
    change=is_office_admin | (is_enterprise_hr & is_own_enterprise),
)
_crud(
    "platform",
    add=is_office_admin | is_enterprise_hr,
    change=is_office_admin | (is_enterprise_hr & owns_platform),
)
_crud("agency", add=is_office_admin, change=is_office_admin | (is_agency_staff & is_own_agency))
_crud("station", add=is_office_admin, change=is_office_admin | (is_station_staff & is_own_station))
for _model in ("grid", "gridteam", "department", "talenttier", "venture", "founder", "membership"):
    _crud(_model, add=is_office_admin, change=is_office_admin)
