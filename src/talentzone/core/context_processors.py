"""What the base layout needs on every page: the zone's name, the user's roles and menu, and
the number of unread notifications on the bell."""

from django.conf import settings
from django.utils.translation import gettext as _

from .menu import menu_for
from .notifications import unread_count
from .roles import active_role, ordered_roles


def navigation(request) -> dict:
    context = {"zone_name": settings.ZONE_NAME or _("Development Zone Talent Service Platform")}
    if getattr(request, "user", None) is None or not request.user.is_authenticated:
        return context
    role = active_role(request)
    context.update(
        roles=ordered_roles(request.user),
        active_role=role,
        menu=menu_for(request.user, role),
        unread_notifications=unread_count(request.user),
    )
    return context
