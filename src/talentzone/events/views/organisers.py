"""The organisers' side (the office, station staff for their stations, agency staff for their
live streams): the event list with its figures, the event form, publishing and cancelling, the
registrations list and its Excel export, issuing certificates, and attendance per event and per
station (leaders read the figures too)."""

import datetime
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from talentzone.core.audit import AuditAction, audit
from talentzone.core.choices import Role
from talentzone.core.roles import has_role
from talentzone.core.spreadsheets import Column, WorkbookBuilder, xlsx_response
from talentzone.directory.exports import ExportTooLarge, export_filter, max_rows
from talentzone.directory.queries import member_ids
from talentzone.recruiting.views.common import filter_bar, results_or_page

from .. import queries, services
from ..choices import TRAINING_KINDS, EventKind, EventStatus, RegistrationStatus
from ..filters import EventFilter, RegistrationFilter
from ..forms import EventForm, ReasonForm, attach_errors, session_rows
from ..models import Certificate, Event, Registration
from .common import (
    group_label,
    is_training,
    may_check_in,
    may_organise,
    paginate,
    person_name,
    quota_rows,
    reads_figures,
    require_organise,
    visible_event,
    waitlist_length,
)

OVERSEERS = (Role.OFFICE_ADMIN, Role.LEADER)


def organised_events(user):
    """The events on the organiser's list: every visible one for the office and leaders; for
    station staff their stations' events; for agency staff their agency's live streams; for
    anyone their own."""
    events = queries.visible_events(user)
    if has_role(user, *OVERSEERS):
        return events
    stations = member_ids(user, "station") if has_role(user, Role.STATION_STAFF) else ()
    agencies = member_ids(user, "agency") if has_role(user, Role.AGENCY_STAFF) else ()
    return events.filter(
        Q(station__in=stations)
        | Q(organiser=user)
        | Q(kind=EventKind.LIVE_STREAM, booking__agency__in=agencies)
    )


def with_figures(events):
    return events.annotate(
        waitlisted=Count(
            "registrations", filter=Q(registrations__status=RegistrationStatus.WAITLISTED)
        ),
        attended=Count(
            "registrations", filter=Q(registrations__status=RegistrationStatus.ATTENDED)
        ),
        cancelled=Count(
            "registrations", filter=Q(registrations__status=RegistrationStatus.CANCELLED)
        ),
    )


def require_figures(user) -> None:
    if not reads_figures(user):
        raise PermissionDenied("Only organisers and leaders read the events' figures.")


# The event list -------------------------------------------------------------------------------


@login_required
def event_list(request):
    require_figures(request.user)
    filterset = EventFilter(
        request.GET,
        queryset=with_figures(organised_events(request.user).select_related("station", "venue")),
        request=request,
    )
    rows = filterset.qs if filterset.is_valid() else filterset.queryset.none()
    context = {
        "filterset": filterset,
        **filter_bar(filterset),
        **paginate(request, rows.order_by("-starts_at", "-id")),
        "list_url": reverse("events:event-list"),
        "results_id": "event-results",
        "may_create": may_organise(request.user),
        "now": timezone.now(),
    }
    return results_or_page(
        request,
        context,
        page="events/organiser/list.html",
        results="events/organiser/_event_results.html",
        results_id="event-results",
    )


# The event form -------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def event_create(request):
    require_organise(request.user)
    return event_form(request, None)


@login_required
@require_http_methods(["GET", "POST"])
def event_edit(request, pk):
    event = visible_event(request, pk)
    require_organise(request.user, event)
    return event_form(request, event)


def event_form(request, event: Event | None):
    instance = Event.objects.get(pk=event.pk) if event else Event()
    data = request.POST if request.method == "POST" else None
    initial = {}
    if event is None and request.GET.get("station", "").isdigit():
        initial["station"] = request.GET["station"]
    form = EventForm(data, instance=instance, user=request.user, initial=initial)
    rows = session_rows(event, data)
    if data is not None:
        form_ok, rows_ok = form.is_valid(), rows.is_valid()
        if form_ok and rows_ok:
            try:
                saved = services.event_save(
                    actor=request.user,
                    event=event,
                    quotas=form.quotas(),
                    demands=list(form.cleaned_data.get("demands") or []),
                    sessions=rows.rows() if is_training_kind(form) else [],
                    book_venue=form.cleaned_data.get("book_venue", False),
                    **form.service_fields(),
                )
            except ValidationError as error:
                attach_errors(form, error)
            else:
                messages.success(request, _("Saved: %(event)s") % {"event": saved.title})
                return redirect("events:event-detail", saved.pk)
    context = {
        "event": event,
        "form": form,
        "rows": rows,
        "cancel_url": reverse("events:event-detail", args=[event.pk])
        if event
        else reverse("events:event-list"),
    }
    refused = form.is_bound and (form.errors or rows.total_error_count())
    return render(request, "events/organiser/form.html", context, status=400 if refused else 200)


def is_training_kind(form: EventForm) -> bool:
    return form.cleaned_data.get("kind") in TRAINING_KINDS


@login_required
@require_POST
def event_publish(request, pk):
    event = visible_event(request, pk)
    require_organise(request.user, event)
    try:
        services.event_publish(actor=request.user, event=event)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The event is published: people may register."))
    return redirect("events:event-detail", event.pk)


@login_required
@require_POST
def event_cancel(request, pk):
    event = visible_event(request, pk)
    require_organise(request.user, event)
    form = ReasonForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Say why the event is cancelled."))
        return redirect("events:event-detail", event.pk)
    try:
        services.event_cancel(actor=request.user, event=event, reason=form.cleaned_data["reason"])
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The event is cancelled; everyone registered is told."))
    return redirect("events:event-detail", event.pk)


# Registrations ------------------------------------------------------------------------------------


def event_registrations(event: Event):
    return (
        queries.registrations_of(event)
        .select_related("user", "talent", "checked_in_by")
        .annotate(sessions=Count("session_attendances", distinct=True))
    )


def filtered_registrations(request, event: Event) -> RegistrationFilter:
    return RegistrationFilter(request.GET, queryset=event_registrations(event), request=request)


@login_required
def registrations(request, pk):
    event = visible_event(request, pk)
    require_organise(request.user, event)
    filterset = filtered_registrations(request, event)
    rows = filterset.qs if filterset.is_valid() else filterset.queryset.none()
    page = paginate(request, rows.order_by("created_at", "id"))
    for registration in page["page"].object_list:
        registration.name = person_name(registration)
        registration.group_label = group_label(registration.group)
    list_url = reverse("events:registrations", args=[event.pk])
    context = {
        "event": event,
        "filterset": filterset,
        **filter_bar(filterset),
        **page,
        "list_url": list_url,
        "export_url": reverse("events:registrations-export", args=[event.pk]),
        "results_id": "registration-results",
        "figures": queries.attendance(event),
        "quotas": quota_rows(event),
        "waitlist": waitlist_length(event),
        "training": is_training(event),
        "checks_in": may_check_in(request.user, event),
        "ended": event.ends_at <= timezone.now(),
        "certificates": event_certificates(event),
    }
    return results_or_page(
        request,
        context,
        page="events/organiser/registrations.html",
        results="events/organiser/_registration_results.html",
        results_id="registration-results",
    )


def event_certificates(event: Event) -> int:
    return Certificate.objects.filter(registration__event=event).count()


def export_columns() -> list[Column]:
    return [
        Column(_("Check-in code"), 12),
        Column(_("Name"), 16),
        Column(_("Account"), 16),
        Column(_("Group"), 8),
        Column(_("Status"), 12),
        Column(_("Registered at"), 18),
        Column(_("Moved up from the waiting list at"), 18),
        Column(_("Checked in at"), 18),
        Column(_("Sessions attended"), 10),
        Column(_("Cancelled at"), 18),
    ]


def export_row(registration: Registration) -> list[Any]:
    return [
        registration.code,
        person_name(registration),
        registration.user.get_username(),
        group_label(registration.group),
        registration.get_status_display(),
        registration.created_at,
        registration.promoted_at,
        registration.checked_in_at,
        registration.sessions,
        registration.cancelled_at,
    ]


@login_required
def registrations_export(request, pk):
    """The registrations list as .xlsx, with the list's filter; recorded in the audit trail."""
    event = visible_event(request, pk)
    require_organise(request.user, event)
    filterset = filtered_registrations(request, event)
    if not filterset.is_valid():
        return redirect(
            f"{reverse('events:registrations', args=[event.pk])}?{request.GET.urlencode()}"
        )
    rows = filterset.qs.order_by("created_at", "id")
    limit = max_rows()
    count = rows.count()
    if count > limit:
        messages.error(request, str(ExportTooLarge(count, limit)))
        return redirect("events:registrations", event.pk)
    builder = WorkbookBuilder()
    sheet = builder.add_sheet(_("Registrations"), export_columns())
    for registration in rows.iterator(chunk_size=2_000):
        sheet.append(export_row(registration))
    file = builder.save()
    try:
        with transaction.atomic():
            audit(
                actor=request.user,
                action=AuditAction.EXPORT,
                target=event,
                detail={
                    "model": Registration._meta.label_lower,
                    "export": "event_registrations",
                    "event": event.pk,
                    "filter": export_filter(request.GET),
                    "rows": sheet.rows,
                },
                ip=request.META.get("REMOTE_ADDR"),
            )
    except BaseException:
        file.close()
        raise
    day = timezone.localdate().isoformat()
    return xlsx_response(
        file,
        filename=f"{_('Registrations')}-{event.title}-{day}.xlsx",
        ascii_filename=f"registrations-{event.pk}-{day}.xlsx",
    )


@login_required
@require_POST
def certificates_issue(request, pk):
    event = visible_event(request, pk)
    require_organise(request.user, event)
    try:
        issued = services.issue_certificates(actor=request.user, event=event)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Certificates issued: %(count)s.") % {"count": len(issued)})
    return redirect("events:registrations", event.pk)


# Attendance --------------------------------------------------------------------------------------


def value(row, name, default=None):
    return row.get(name, default) if isinstance(row, dict) else getattr(row, name, default)


def rate_text(rate) -> str:
    if rate is None:
        return "—"
    rate = float(rate)
    return f"{rate * 100:.0f}%" if rate <= 1 else f"{rate:.0f}%"


def parse_day(text: str | None) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(text) if text else None
    except ValueError:
        return None


@login_required
def attendance(request):
    """Attendance and no-shows per station (a table) and per event (the past events on the
    reader's list), over a date range."""
    require_figures(request.user)
    start, end = parse_day(request.GET.get("start")), parse_day(request.GET.get("end"))
    station_rows = []
    for row in queries.station_attendance(start=start, end=end):
        station = value(row, "station")
        station_rows.append(
            {
                "station": value(row, "station_name") or station,
                "events": value(row, "events", 0),
                "confirmed": value(row, "confirmed", 0),
                "attended": value(row, "attended", 0),
                "no_shows": value(row, "no_shows", 0),
                "rate": rate_text(value(row, "rate")),
            }
        )
    now = timezone.now()
    events = (
        organised_events(request.user)
        .filter(ends_at__lte=now, status=EventStatus.PUBLISHED)
        .select_related("station", "venue")
    )
    if start:
        events = events.filter(starts_at__date__gte=start)
    if end:
        events = events.filter(starts_at__date__lte=end)
    page = paginate(request, events.order_by("-starts_at", "-id"))
    event_rows = []
    for event in page["page"].object_list:
        figures = queries.attendance(event)
        event_rows.append({"event": event, **figures, "rate_text": rate_text(figures.get("rate"))})
    context = {
        "start": start,
        "end": end,
        "station_rows": station_rows,
        "event_rows": event_rows,
        **page,
    }
    return render(request, "events/organiser/attendance.html", context)
