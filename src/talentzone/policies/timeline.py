"""What the policies app adds to the 360° pages of a talent and of an enterprise (see
core.timeline): their applications (submitted, decided, paid, with the amount) and the offers
made to them without their asking. Drafts are the applicant's own work and are left out."""

from collections.abc import Iterator

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from talentzone.core import timeline

from . import queries
from .choices import ApplicationStatus, OfferStatus
from .models import Application, Offer
from .money import format_fen


def _amount(application: Application) -> str:
    return format_fen(application.amount_fen) if application.amount_fen else ""


def _entries(applicant: Q, user) -> Iterator[timeline.Entry]:
    applications = list(
        Application.objects.filter(applicant)
        .exclude(status=ApplicationStatus.DRAFT)
        .select_related("policy", "stage")
        .order_by()
    )
    readable = set(
        queries.visible_applications(user)
        .filter(pk__in=[application.pk for application in applications])
        .values_list("pk", flat=True)
    )
    for application in applications:
        url = (
            reverse("policies:application-detail", args=[application.pk])
            if application.pk in readable
            else ""
        )
        status = application.get_status_display()
        if application.stage_id:
            status = f"{status} · {application.stage.name}"
        yield timeline.Entry(
            application.submitted_at or application.created_at,
            _("Application"),
            _("Applied for %(policy)s (%(number)s)")
            % {"policy": application.policy, "number": application.number},
            status=status,
            detail=_amount(application),
            url=url,
        )
        if application.decided_at:
            approved = application.status != ApplicationStatus.REJECTED
            yield timeline.Entry(
                application.decided_at,
                _("Decision"),
                (_("Approved: %(policy)s") if approved else _("Rejected: %(policy)s"))
                % {"policy": application.policy},
                status=status,
                detail=_amount(application) if approved else "",
                url=url,
            )
        if application.paid_at:
            yield timeline.Entry(
                application.paid_at,
                _("Payment"),
                _("Paid under %(policy)s") % {"policy": application.policy},
                status=ApplicationStatus.PAID.label,
                detail=_amount(application),
                url=url,
            )
    offers = Offer.objects.filter(applicant).select_related("policy").order_by()
    for offer in offers:
        yield timeline.Entry(
            offer.created_at,
            _("Offer"),
            _("Offered without applying: %(policy)s") % {"policy": offer.policy},
            status=offer.get_status_display(),
            detail=_("Answered on %(day)s")
            % {"day": timezone.localdate(offer.answered_at).isoformat()}
            if offer.answered_at and offer.status != OfferStatus.OPEN
            else "",
            url=reverse("policies:application-detail", args=[offer.application_id])
            if offer.application_id and offer.application_id in readable
            else "",
        )


def talent_entries(talent, user) -> Iterator[timeline.Entry]:
    return _entries(Q(talent=talent), user)


def enterprise_entries(enterprise, user) -> Iterator[timeline.Entry]:
    return _entries(Q(enterprise=enterprise), user)


def register_timeline() -> None:
    timeline.register(
        timeline.Source(
            key="policies",
            label=gettext_lazy("Policies"),
            talent=talent_entries,
            enterprise=enterprise_entries,
            order=20,
        )
    )
