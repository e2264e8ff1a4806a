"""The case desk's entries in the left menu and its cards on the home pages, by role.

Enterprises' HR and talents raise cases and follow their own; grid officers, department
reviewers and the office work the queue (each card counts what they must act on); grid officers
see their visits due; leaders look after their experts; the desk's staff read the grid overview.
"""

from django.utils.translation import gettext_lazy as _

from talentzone.core.choices import Role
from talentzone.core.home import register_card
from talentzone.core.menu import register

REQUESTER_ORDER = -13  # with the requester's own entries
DESK_ORDER = 5  # the desk's staff work their queue first
OFFICE_ORDER = 52
REQUESTERS = {Role.ENTERPRISE_HR, Role.TALENT}
WORKERS = {Role.OFFICE_ADMIN, Role.GRID_OFFICER, Role.REVIEWER}
DESK = WORKERS | {Role.LEADER}
RAISERS = REQUESTERS | {Role.OFFICE_ADMIN, Role.GRID_OFFICER}
VISITORS = {Role.OFFICE_ADMIN, Role.GRID_OFFICER, Role.LEADER}
LIAISON = {Role.OFFICE_ADMIN, Role.LEADER}


def to_act_on(user) -> int:
    from . import queries

    return queries.queue(user, scope="mine").count()


def my_open_cases(user) -> int:
    from . import queries
    from .choices import CaseStatus

    return queries.my_cases(user).exclude(status=CaseStatus.CLOSED).count()


def visits_due(user) -> int:
    from . import queries
    from .views.visits import teams_of

    teams = list(teams_of(user))
    return len(queries.visits_due(teams=teams)) if teams else 0


def my_experts(user) -> int:
    """The experts a leader looks after (the page behind the card lists them, overdue first)."""
    from .models import Liaison

    return Liaison.objects.filter(leader=user, active=True).count()


# (label, url name, icon, roles, menu order, the card's count or None for no card)
ENTRIES = [
    (_("My cases"), "cases:mine", "life-preserver", REQUESTERS, REQUESTER_ORDER, my_open_cases),
    (_("Raise a case"), "cases:raise", "chat-left-dots", REQUESTERS, REQUESTER_ORDER, None),
    (_("Case queue"), "cases:queue", "inboxes", WORKERS, DESK_ORDER, to_act_on),
    (_("Case queue"), "cases:queue", "inboxes", {Role.LEADER}, DESK_ORDER, None),
    (
        _("Raise a case"),
        "cases:raise",
        "chat-left-dots",
        {Role.OFFICE_ADMIN, Role.GRID_OFFICER},
        DESK_ORDER,
        None,
    ),
    (
        _("Grid visits"),
        "cases:visits",
        "signpost-split",
        {Role.GRID_OFFICER},
        DESK_ORDER,
        visits_due,
    ),
    (
        _("Grid visits"),
        "cases:visits",
        "signpost-split",
        {Role.OFFICE_ADMIN, Role.LEADER},
        OFFICE_ORDER,
        None,
    ),
    (_("Grid overview"), "cases:grids", "grid-3x3", DESK, DESK_ORDER, None),
    (_("My experts"), "cases:liaison", "person-heart", {Role.LEADER}, DESK_ORDER, my_experts),
    (
        _("Leaders and experts"),
        "cases:liaison",
        "person-heart",
        {Role.OFFICE_ADMIN},
        OFFICE_ORDER,
        None,
    ),
]


def register_navigation() -> None:
    for label, url_name, icon, roles, order, count in ENTRIES:
        register(label, url_name, icon, roles, order=order)
        if count is not None:
            register_card(label, url_name, icon, roles, count)
