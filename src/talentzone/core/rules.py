"""Who may manage accounts: the talent office, in the Django admin."""

import rules

from .choices import Role
from .roles import has_role

is_office_admin = rules.Predicate(
    lambda user: has_role(user, Role.OFFICE_ADMIN), name="is_office_admin"
)

rules.add_perm("core", is_office_admin)
for action in ("view", "add", "change", "delete"):
    rules.add_perm(f"core.{action}_user", is_office_admin)
