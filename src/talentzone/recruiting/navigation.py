"""recruiting's entries in the left menu and its cards on the home pages, by role.

Enterprise HR and agencies work from the demand board and the pipeline; agencies also keep their
candidate pool; talents find the jobs that fit them and keep their candidate profile; the office
and leaders read everything, and the office keeps the projects and the skills list. Each card
counts what the user would find behind it.
"""

from django.utils.translation import gettext_lazy as _

from talentzone.core.choices import Role
from talentzone.core.home import register_card
from talentzone.core.menu import register
from talentzone.directory.choices import TalentStatus
from talentzone.directory.queries import visible_talents

from . import queries
from .choices import LIVE_REFERRAL_STATUSES, DemandStatus

OFFICE = {Role.OFFICE_ADMIN}
HIRING = {Role.OFFICE_ADMIN, Role.LEADER, Role.ENTERPRISE_HR, Role.AGENCY_STAFF}

# After the registry's entries (order 0) and before the office's tools (50) and the audit (100).
RECRUITING_ORDER = 10
TALENT_ORDER = -15  # a talent's own entries come first, with their policies
OFFICE_ORDER = 55


def open_demands(user) -> int:
    return queries.visible_demands(user).filter(status=DemandStatus.OPEN).count()


def live_referrals(user) -> int:
    return queries.visible_referrals(user).filter(status__in=LIVE_REFERRAL_STATUSES).count()


def pool_size(user) -> int:
    return visible_talents(user).filter(status=TalentStatus.CANDIDATE, agency__isnull=False).count()


def my_referrals(user) -> int:
    return queries.visible_referrals(user).filter(talent__user=user).count()


def open_jobs(user) -> int:
    return queries.open_demands().count()


def agencies(user) -> int:
    return sum(1 for row in queries.agency_performance() if row.referrals)


def projects(user) -> int:
    return queries.visible_projects(user).count()


def skills(user) -> int:
    from .models import Skill

    return Skill.objects.count()


# (label, url name, icon, roles, menu order, the card's count or None for no card)
ENTRIES = [
    (_("Jobs for me"), "recruiting:jobs-for-me", "stars", {Role.TALENT}, TALENT_ORDER, open_jobs),
    (
        _("My candidate profile"),
        "recruiting:my-profile",
        "person-badge",
        {Role.TALENT},
        TALENT_ORDER,
        my_referrals,
    ),
    (
        _("Hiring demands"),
        "recruiting:demand-list",
        "briefcase",
        HIRING,
        RECRUITING_ORDER,
        open_demands,
    ),
    (
        _("Referral pipeline"),
        "recruiting:pipeline",
        "kanban",
        HIRING,
        RECRUITING_ORDER,
        live_referrals,
    ),
    (
        _("Candidate pool"),
        "recruiting:pool",
        "person-lines-fill",
        {Role.AGENCY_STAFF, Role.OFFICE_ADMIN},
        RECRUITING_ORDER,
        pool_size,
    ),
    (
        _("Agency performance"),
        "recruiting:agency-performance",
        "bar-chart-line",
        {Role.OFFICE_ADMIN, Role.LEADER, Role.AGENCY_STAFF},
        RECRUITING_ORDER,
        None,
    ),
    (
        _("Projects"),
        "recruiting:project-list",
        "diagram-3",
        OFFICE | {Role.LEADER},
        OFFICE_ORDER,
        projects,
    ),
    (_("Skills list"), "recruiting:skill-list", "tags", OFFICE, OFFICE_ORDER, None),
]


def register_navigation() -> None:
    for label, url_name, icon, roles, order, count in ENTRIES:
        register(label, url_name, icon, roles, order=order)
        if count is not None:
            register_card(label, url_name, icon, roles, count)
