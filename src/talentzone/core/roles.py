"""Which roles a user holds, and which one they are acting in (the role switcher)."""

from .choices import Role

ACTIVE_ROLE_SESSION_KEY = "active_role"


def roles_of(user) -> frozenset[str]:
    """The user's roles, read once per request and kept on the user object."""
    if not user.is_authenticated:
        return frozenset()
    cached = getattr(user, "_talentzone_roles", None)
    if cached is None:
        names = set(user.groups.values_list("name", flat=True)) & set(Role.values)
        if user.is_superuser:
            names.add(Role.OFFICE_ADMIN)
        cached = frozenset(names)
        user._talentzone_roles = cached
    return cached


def has_role(user, *roles: str) -> bool:
    return bool(roles_of(user) & set(roles))


def ordered_roles(user) -> list[Role]:
    """The user's roles in the order of Role, for menus and the switcher."""
    held = roles_of(user)
    return [role for role in Role if role.value in held]


def active_role(request) -> Role | None:
    """The role the user last chose, else their first. Permissions never depend on it: they are
    the union of all roles held; the active role only chooses the home page and the menu."""
    roles = ordered_roles(request.user)
    chosen = request.session.get(ACTIVE_ROLE_SESSION_KEY)
    for role in roles:
        if role.value == chosen:
            return role
    return roles[0] if roles else None
