"""The policies' entries in the left menu and their cards on the home pages, by role.

Applicants find policies, follow their applications and answer offers; deciders have their
review queue; the office manages policies, budget, offers, payments, overdue reviews and
objections; leaders read the budget and the policies; everyone signed in reads the public
notices. Each card counts what the user would find behind it.
"""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from talentzone.core.choices import Role
from talentzone.core.home import register_card
from talentzone.core.menu import register

from . import queries
from .choices import ApplicationStatus, Benefit, ObjectionStatus, OfferStatus
from .models import Application, BudgetLine, Objection, Offer, Policy

# Every role but the evaluation experts, who (often from outside the zone) see only what they
# are asked to score.
ALL = set(Role.values) - {Role.EXPERT}
APPLICANTS = {Role.TALENT, Role.ENTERPRISE_HR, Role.AGENCY_STAFF}
DECIDERS = {Role.REVIEWER, Role.ENTERPRISE_HR, Role.OFFICE_ADMIN}
OFFICE = {Role.OFFICE_ADMIN}

# Applicants' entries before the registry's (order 0), the office's tools after them and before
# the audit trail (order 100).
APPLICANT_ORDER = -20
REVIEW_ORDER = -10
OFFICE_ORDER = 50
NOTICE_ORDER = 60


def policies_for_me(user) -> int:
    """Open policies for a kind of applicant the user acts for."""
    kinds = [kind for kind, records in queries.applicants_of(user).items() if records]
    return queries.open_policies().filter(applicant_kind__in=kinds).count()


def my_applications(user) -> int:
    return queries.visible_applications(user).count()


def my_open_offers(user) -> int:
    return queries.visible_offers(user).filter(status=OfferStatus.OPEN).count()


def my_queue(user) -> int:
    return queries.review_queue(user).count()


def all_policies(user) -> int:
    return Policy.objects.count()


def budget_lines_this_year(user) -> int:
    return BudgetLine.objects.filter(year=timezone.localdate().year).count()


def open_offers(user) -> int:
    return Offer.objects.filter(status=OfferStatus.OPEN).count()


def awaiting_payment(user) -> int:
    # In-kind applications are approved for good: nothing is ever paid for them.
    return Application.objects.filter(
        status=ApplicationStatus.APPROVED, policy__benefit=Benefit.MONEY
    ).count()


def overdue(user) -> int:
    return queries.overdue_reviews().count()


def open_objections(user) -> int:
    return Objection.objects.filter(status=ObjectionStatus.OPEN).count()


def on_notice(user) -> int:
    return Application.objects.filter(status=ApplicationStatus.NOTICE).count()


# (label, url name, icon, roles, menu order, the card's count)
ENTRIES = [
    (
        _("Policies for me"),
        "policies:policy-finder",
        "search-heart",
        APPLICANTS,
        APPLICANT_ORDER,
        policies_for_me,
    ),
    (
        _("My applications"),
        "policies:application-list",
        "file-earmark-text",
        APPLICANTS,
        APPLICANT_ORDER,
        my_applications,
    ),
    (_("Offers"), "policies:offer-list", "gift", APPLICANTS, APPLICANT_ORDER, my_open_offers),
    (_("Review queue"), "policies:review-queue", "inbox", DECIDERS, REVIEW_ORDER, my_queue),
    (
        _("Manage policies"),
        "policies:policy-manage",
        "sliders",
        OFFICE | {Role.LEADER},
        OFFICE_ORDER,
        all_policies,
    ),
    (
        _("Budget lines"),
        "policies:budget-list",
        "piggy-bank",
        OFFICE | {Role.LEADER},
        OFFICE_ORDER,
        budget_lines_this_year,
    ),
    (
        _("Offers made without application"),
        "policies:office-offers",
        "send-check",
        OFFICE,
        OFFICE_ORDER,
        open_offers,
    ),
    (_("Payments"), "policies:payment-list", "cash-coin", OFFICE, OFFICE_ORDER, awaiting_payment),
    (_("Overdue reviews"), "policies:review-overdue", "alarm", OFFICE, OFFICE_ORDER, overdue),
    (
        _("Open objections"),
        "policies:objection-list",
        "exclamation-octagon",
        OFFICE,
        OFFICE_ORDER,
        open_objections,
    ),
    (_("Public notices"), "policies:notice-board", "megaphone", ALL, NOTICE_ORDER, on_notice),
]


def register_navigation() -> None:
    for label, url_name, icon, roles, order, count in ENTRIES:
        register(label, url_name, icon, roles, order=order)
        register_card(label, url_name, icon, roles, count)
