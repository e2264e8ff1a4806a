"""The talents' side: upcoming events (the stations one follows first), an event's page with
register and cancel, my registrations with the QR code to show at the door, my certificates,
and following a station ("my stations")."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from talentzone.directory.models import Station

from .. import certificates, queries, services
from ..choices import LIVE_STATUSES, RegistrationStatus
from ..forms import ReasonForm, RegisterForm
from ..models import Certificate, Event, LiveStreamInterest, Registration, StationFollow
from ..qr import qr_svg
from .common import (
    group_label,
    is_live_stream,
    is_training,
    may_check_in,
    may_organise,
    own_registration,
    quota_rows,
    visible_event,
    waitlist_length,
)


def followed_station_ids(user) -> set[int]:
    return set(StationFollow.objects.filter(user=user).values_list("station_id", flat=True))


@login_required
def upcoming(request):
    """Published events still to come that the reader may register for, the stations they
    follow first; and the list of stations to follow or unfollow."""
    followed = followed_station_ids(request.user)
    events = list(queries.upcoming_for(request.user))
    mine = dict(
        Registration.objects.filter(
            user=request.user,
            event__in=[event.pk for event in events],
            status__in=LIVE_STATUSES,
        ).values_list("event_id", "status")
    )
    for event in events:
        event.followed = event.station_id in followed
        event.my_status = mine.get(event.pk)
    context = {
        "events": events,
        "stations": Station.objects.order_by("level", "name"),
        "followed": followed,
        "may_organise": may_organise(request.user),
    }
    return render(request, "events/upcoming.html", context)


@login_required
def event_detail(request, pk):
    return render_detail(request, visible_event(request, pk))


def render_detail(request, event: Event, *, errors=None, form=None, status: int = 200):
    user = request.user
    registration = own_registration(user, event)
    organises = may_organise(user, event)
    now = timezone.now()
    window_open = event.registration_opens_at <= now < event.registration_closes_at
    context = {
        "event": event,
        "quotas": quota_rows(event),
        "waitlist": waitlist_length(event),
        "registration": registration,
        "position": queries.waitlist_position(registration) if registration else None,
        "group": group_label(registration.group) if registration else "",
        "register_form": form or RegisterForm(event=event),
        "live_stream": is_live_stream(event),
        "training": is_training(event),
        "sessions": event.sessions.order_by("number"),
        "demands": event.demands.select_related("enterprise").order_by("title"),
        "window_open": window_open,
        "in_audience": queries.fits_audience(user, event),
        "published": event.status == "published",
        "organises": organises,
        "checks_in": may_check_in(user, event),
        "cancel_form": ReasonForm(auto_id="cancel_%s") if organises else None,
        "action_errors": errors or [],
        "followed": event.station_id in followed_station_ids(user) if event.station_id else False,
    }
    return render(request, "events/detail.html", context, status=status)


@login_required
@require_POST
def register(request, pk):
    event = visible_event(request, pk)
    form = RegisterForm(request.POST, event=event)
    if not form.is_valid():
        return render_detail(request, event, form=form, status=400)
    demands = list(form.cleaned_data["demands"]) or None
    try:
        registration = services.register(actor=request.user, event=event, demands=demands)
    except ValidationError as error:
        return render_detail(request, event, errors=error.messages, form=form, status=400)
    if registration.status == RegistrationStatus.WAITLISTED:
        messages.info(
            request,
            _(
                "The event is full: you are on the waiting list. You will be told when a "
                "place frees up."
            ),
        )
    else:
        messages.success(request, _("You are registered. Show your code at the door."))
    return redirect("events:my-registrations")


@login_required
@require_POST
def registration_cancel(request, pk):
    """Cancel one's own registration (or, for an organiser, someone's)."""
    registration = get_object_or_404(Registration.objects.select_related("event"), pk=pk)
    own = registration.user_id == request.user.pk
    if (
        not own
        and not queries.visible_events(request.user).filter(pk=registration.event_id).exists()
    ):
        raise Http404
    try:
        services.cancel_registration(actor=request.user, registration=registration)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The registration is cancelled."))
    return redirect(next_url(request, "events:my-registrations" if own else None, registration))


def next_url(request, fallback: str | None, registration: Registration):
    wanted = request.POST.get("next", "")
    if wanted and url_has_allowed_host_and_scheme(wanted, {request.get_host()}):
        return wanted
    if fallback:
        return fallback
    return reverse("events:registrations", args=[registration.event_id])


@login_required
def my_registrations(request):
    rows = list(
        queries.registrations_for(request.user).prefetch_related(
            Prefetch(
                "interests",
                queryset=LiveStreamInterest.objects.select_related("demand"),
                to_attr="interest_rows",
            )
        )
    )
    now = timezone.now()
    for registration in rows:
        registration.position = queries.waitlist_position(registration)
        registration.group_label = group_label(registration.group)
        live = registration.status in (RegistrationStatus.CONFIRMED, RegistrationStatus.WAITLISTED)
        registration.current = registration.event.ends_at > now
        registration.shows_code = live and registration.current
        registration.qr = qr_svg(registration) if registration.shows_code else ""
    return render(request, "events/my_registrations.html", {"registrations": rows})


@login_required
def my_certificates(request):
    rows = queries.certificates_of(request.user).order_by("-issued_at")
    return render(request, "events/my_certificates.html", {"certificates": rows})


@login_required
def certificate_pdf(request, pk):
    """A certificate as PDF: for its holder, and for the training's organisers."""
    certificate = get_object_or_404(
        Certificate.objects.select_related("registration__event", "registration__user"), pk=pk
    )
    event = certificate.registration.event
    if certificate.registration.user_id != request.user.pk and not (
        queries.visible_events(request.user).filter(pk=event.pk).exists()
        and may_organise(request.user, event)
    ):
        raise Http404
    response = HttpResponse(certificates.render_pdf(certificate), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="certificate-{certificate.number}.pdf"'
    return response


@login_required
@require_POST
def station_follow(request, pk):
    station = get_object_or_404(Station, pk=pk)
    services.follow_station(actor=request.user, station=station)
    messages.success(
        request, _("You follow %(station)s: its events come first.") % {"station": station}
    )
    return redirect(back(request))


@login_required
@require_POST
def station_unfollow(request, pk):
    station = get_object_or_404(Station, pk=pk)
    services.unfollow_station(actor=request.user, station=station)
    messages.success(request, _("You no longer follow %(station)s.") % {"station": station})
    return redirect(back(request))


def back(request) -> str:
    wanted = request.POST.get("next", "")
    if wanted and url_has_allowed_host_and_scheme(wanted, {request.get_host()}):
        return wanted
    return "events:upcoming"
