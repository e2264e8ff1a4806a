"""What the housing app adds to the 360° pages of a talent (see core.timeline): the housing and
schooling requests made with their applications, the household's place in the queue, the flats
offered, the leases signed. Enterprises hold no housing, so their page has nothing from here."""

from collections.abc import Iterator

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from talentzone.core import timeline
from talentzone.core.choices import Role
from talentzone.core.roles import has_role
from talentzone.policies.choices import ApplicationStatus

from . import queries
from .choices import Layout
from .models import HousingRequest, Lease, Offer, QueueEntry, SchoolingRequest


def _layouts(values) -> str:
    return "、".join(str(Layout(v).label) for v in values if v in Layout.values)


def talent_entries(talent, user) -> Iterator[timeline.Entry]:
    requests = HousingRequest.objects.filter(application__talent=talent).exclude(
        application__status=ApplicationStatus.DRAFT
    )
    for request in requests.select_related("application").order_by():
        application = request.application
        yield timeline.Entry(
            application.submitted_at or application.created_at,
            _("Housing request"),
            _("Asked for a talent apartment (%(number)s)") % {"number": application.number},
            status=application.get_status_display(),
            detail=_("%(layouts)s · household of %(size)s")
            % {"layouts": _layouts(request.layouts), "size": request.household_size},
        )
    schooling = SchoolingRequest.objects.filter(application__talent=talent).exclude(
        application__status=ApplicationStatus.DRAFT
    )
    reads_schooling = queries.reads_schooling_of_all(user)
    for request in schooling.select_related("application").order_by():
        application = request.application
        url = reverse("housing:schooling") if reads_schooling else ""
        yield timeline.Entry(
            application.submitted_at or application.created_at,
            _("Schooling request"),
            _("Asked for a %(level)s place for %(child)s")
            % {"level": request.get_level_display(), "child": request.child_name},
            status=application.get_status_display(),
            detail=request.school_wanted,
            url=url,
        )
        if request.assigned_on:
            yield timeline.Entry(
                request.assigned_on,
                _("School place"),
                _("%(child)s assigned to %(school)s")
                % {"child": request.child_name, "school": request.school_assigned},
                status=request.get_level_display(),
                url=url,
            )
    for entry in QueueEntry.objects.filter(talent=talent).select_related("scheme").order_by():
        yield timeline.Entry(
            entry.approved_on,
            _("Apartment queue"),
            _("Joined the queue of %(scheme)s") % {"scheme": entry.scheme},
            status=entry.get_status_display(),
            detail=_("%(layouts)s · household of %(size)s")
            % {"layouts": _layouts(entry.layouts), "size": entry.household_size},
        )
    offers = Offer.objects.filter(entry__talent=talent).select_related("apartment__community")
    for offer in offers.order_by():
        yield timeline.Entry(
            offer.offered_at,
            _("Apartment offer"),
            _("Offered %(apartment)s") % {"apartment": offer.apartment},
            status=offer.get_status_display(),
            detail=_("Answer by %(day)s") % {"day": offer.expires_on.isoformat()}
            if offer.expires_on
            else "",
        )
    reads_leases = has_role(user, Role.OFFICE_ADMIN, Role.LEADER)  # the office's lease pages
    leases = Lease.objects.filter(talent=talent).select_related("apartment__community")
    for lease in leases.order_by():
        yield timeline.Entry(
            lease.starts_on,
            _("Lease"),
            _("Lease of %(apartment)s") % {"apartment": lease.apartment},
            status=lease.get_status_display(),
            detail=_("%(start)s to %(end)s")
            % {
                "start": lease.starts_on.isoformat(),
                "end": (lease.ended_on or lease.ends_on).isoformat(),
            },
            url=reverse("housing:lease", args=[lease.pk]) if reads_leases else "",
        )


def register_timeline() -> None:
    timeline.register(
        timeline.Source(
            key="housing",
            label=gettext_lazy("Housing"),
            talent=talent_entries,
            order=70,
        )
    )
