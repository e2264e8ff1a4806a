"""What the events app adds to the 360° pages of a talent (see core.timeline): the events they
signed up for, whether they came (and for trainings how many sessions), and certificates."""

from collections.abc import Iterator

from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from talentzone.core import timeline

from . import queries
from .choices import RegistrationStatus
from .models import Registration


def _place(event) -> str:
    return str(event.venue or event.station or event.place or "")


def talent_entries(talent, user) -> Iterator[timeline.Entry]:
    person = Q(talent=talent)
    if talent.user_id:
        person |= Q(user_id=talent.user_id)
    registrations = list(
        Registration.objects.filter(person)
        .select_related("event", "event__venue", "event__station", "certificate")
        .annotate(
            sessions_attended=Count("session_attendances", distinct=True),
            sessions_held=Count("event__sessions", distinct=True),
        )
        .order_by()
    )
    events = {registration.event_id for registration in registrations}
    readable = set(queries.visible_events(user).filter(pk__in=events).values_list("pk", flat=True))
    for registration in registrations:
        event = registration.event
        url = reverse("events:event-detail", args=[event.pk]) if event.pk in readable else ""
        status = registration.get_status_display()
        if registration.checked_in_at and registration.status != RegistrationStatus.ATTENDED:
            status = RegistrationStatus.ATTENDED.label
        detail = _place(event)
        if registration.sessions_held:
            detail = _("%(place)s · attended %(attended)s of %(held)s sessions") % {
                "place": detail,
                "attended": registration.sessions_attended,
                "held": registration.sessions_held,
            }
        yield timeline.Entry(
            event.starts_at,
            event.get_kind_display(),
            event.title,
            status=status,
            detail=detail,
            url=url,
        )
        certificate = getattr(registration, "certificate", None)
        if certificate is not None:
            yield timeline.Entry(
                certificate.issued_at,
                _("Certificate"),
                _("Certificate for %(event)s") % {"event": event.title},
                detail=_("No. %(number)s") % {"number": certificate.number},
                url=url,
            )


def register_timeline() -> None:
    timeline.register(
        timeline.Source(
            key="events",
            label=gettext_lazy("Events"),
            talent=talent_entries,
            order=50,
        )
    )
