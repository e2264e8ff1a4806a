"""The evaluations' entries in the left menu and their cards on the home pages, by role.

The office runs the rounds ("Evaluations", the card counting the rounds under way) and answers
the objections ("Public notices", the card counting the open objections); an enterprise's HR
nominates ("Nominations", the card counting the rounds open for nominations); an expert scores
("Scoring", the card counting what is left to score); leaders read the rounds and their
rankings; everyone signed in reads the public notices (the card counting the names on notice).
"""

from django.utils.translation import gettext_lazy as _

from talentzone.core.choices import Role
from talentzone.core.home import register_card
from talentzone.core.menu import register

OFFICE_ORDER = 54  # with the office's other tools
HR_ORDER = 12  # after recruiting
EXPERT_ORDER = -5  # an expert's desk comes first
NOTICE_ORDER = 61  # after the policies' notices
EVERYONE = {role.value for role in Role}


def rounds_under_way(user) -> int:
    from .choices import RoundStatus
    from .models import Round

    return Round.objects.exclude(status__in=[RoundStatus.DRAFT, RoundStatus.ANNOUNCED]).count()


def open_objections(user) -> int:
    from .choices import ObjectionStatus
    from .models import Objection

    return Objection.objects.filter(status=ObjectionStatus.OPEN).count()


def rounds_open_for_nominations(user) -> int:
    from .choices import RoundStatus
    from .models import Round

    return Round.objects.filter(status=RoundStatus.NOMINATING).count()


def left_to_score(user) -> int:
    from . import queries

    return queries.to_score(user).count()


def names_on_notice(user) -> int:
    from . import queries

    return queries.on_notice().count()


# Menu entries: (label, url name, icon, roles, order).
MENU = [
    (_("Evaluations"), "awards:rounds", "award", {Role.OFFICE_ADMIN, Role.LEADER}, OFFICE_ORDER),
    (_("Nominations"), "awards:my-nominations", "person-up", {Role.ENTERPRISE_HR}, HR_ORDER),
    (_("Evaluations"), "awards:rounds", "award", {Role.ENTERPRISE_HR}, HR_ORDER),
    (_("Scoring"), "awards:scoring", "clipboard-check", {Role.EXPERT}, EXPERT_ORDER),
    (_("Evaluation notices"), "awards:notices", "megaphone", EVERYONE, NOTICE_ORDER),
]

# Home cards: (label, url name, icon, roles, count).
CARDS = [
    (
        _("Evaluations under way"),
        "awards:rounds",
        "award",
        {Role.OFFICE_ADMIN, Role.LEADER},
        rounds_under_way,
    ),
    (
        _("Objections to answer"),
        "awards:notices",
        "chat-square-text",
        {Role.OFFICE_ADMIN},
        open_objections,
    ),
    (
        _("Evaluations open for nominations"),
        "awards:my-nominations",
        "person-up",
        {Role.ENTERPRISE_HR},
        rounds_open_for_nominations,
    ),
    (
        _("Nominees left to score"),
        "awards:scoring",
        "clipboard-check",
        {Role.EXPERT},
        left_to_score,
    ),
    (_("Names on evaluation notice"), "awards:notices", "megaphone", EVERYONE, names_on_notice),
]


def register_navigation() -> None:
    for label, url_name, icon, roles, order in MENU:
        register(label, url_name, icon, roles, order=order)
    for label, url_name, icon, roles, count in CARDS:
        register_card(label, url_name, icon, roles, count)
