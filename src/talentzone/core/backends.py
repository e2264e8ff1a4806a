"""Authentication backend: `rules` for object permissions, plus the admin's module check."""

from rules.permissions import ObjectPermissionBackend, has_perm


class RulesBackend(ObjectPermissionBackend):
    """rules answers `has_perm`; the Django admin also asks `has_module_perms(app_label)`, which
    rules leaves to the database's permission tables. We keep no such tables, so an app label
    is registered as a rule too (see each app's rules.py)."""

    def has_module_perms(self, user, app_label: str) -> bool:
        return has_perm(app_label, user)
