"""The talent apartments' entries in the left menu and their cards on the home pages, by role.

A talent follows their own household ("My apartment": the application, the queue, an offer, the
lease, school places); the office works the board, the queue and rounds, the offers and the
leases (cards count the offers to sign and the leases ending soon); leaders read the same pages;
the education bureau's reviewers record school places.
"""

from django.utils.translation import gettext_lazy as _

from talentzone.core.choices import Role
from talentzone.core.home import register_card
from talentzone.core.menu import register

TALENT_ORDER = -12  # with the talent's own entries
OFFICE_ORDER = 53
REVIEWER_ORDER = 6
READERS = {Role.OFFICE_ADMIN, Role.LEADER}


def my_open_offers(user) -> int:
    from .choices import OfferStatus
    from .models import Offer

    return Offer.objects.filter(entry__talent__user=user, status=OfferStatus.OPEN).count()


def offers_to_sign(user) -> int:
    from .choices import OfferStatus
    from .models import Offer

    return Offer.objects.filter(status=OfferStatus.ACCEPTED).count()


def schools_to_record(user) -> int:
    from . import queries

    return queries.schooling_to_assign(user).count()


# (label, url name, icon, roles, menu order, the card's count or None for no card)
ENTRIES = [
    (_("My apartment"), "housing:mine", "house-heart", {Role.TALENT}, TALENT_ORDER, my_open_offers),
    (_("Talent apartments"), "housing:board", "buildings", READERS, OFFICE_ORDER, None),
    (_("Housing queue"), "housing:queue", "sort-numeric-down", READERS, OFFICE_ORDER, None),
    (
        _("Flat offers"),
        "housing:offers",
        "envelope-open",
        {Role.OFFICE_ADMIN},
        OFFICE_ORDER,
        offers_to_sign,
    ),
    (_("Flat offers"), "housing:offers", "envelope-open", {Role.LEADER}, OFFICE_ORDER, None),
    (_("Leases"), "housing:leases", "file-earmark-text", READERS, OFFICE_ORDER, None),
    (
        _("School places"),
        "housing:schooling",
        "mortarboard",
        {Role.OFFICE_ADMIN, Role.REVIEWER},
        OFFICE_ORDER,
        schools_to_record,
    ),
    (_("School places"), "housing:schooling", "mortarboard", {Role.LEADER}, OFFICE_ORDER, None),
]


def register_navigation() -> None:
    for label, url_name, icon, roles, order, count in ENTRIES:
        register(label, url_name, icon, roles, order=order)
        if count is not None:
            register_card(label, url_name, icon, roles, count)
