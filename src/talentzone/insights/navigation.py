"""The statistics' entries in the left menu: the leader's overview, the office's figures and
the reports."""

from django.utils.translation import gettext_lazy as _

from talentzone.core.choices import Role
from talentzone.core.menu import register

ORDER = -20  # a leader's first entries

ENTRIES = [
    (_("Overview"), "insights:overview", "display", {Role.LEADER, Role.OFFICE_ADMIN}),
    (
        _("Statistics"),
        "insights:figures",
        "bar-chart-line",
        {Role.LEADER, Role.OFFICE_ADMIN, Role.REVIEWER},
    ),
    (_("Reports"), "insights:reports", "file-earmark-bar-graph", {Role.LEADER, Role.OFFICE_ADMIN}),
]


def register_navigation() -> None:
    for label, url_name, icon, roles in ENTRIES:
        register(label, url_name, icon, roles, order=ORDER)
