"""Bookings: the booking form (prefilled from a calendar's free slot), my bookings (upcoming and
past, cancel with a reason), a booking's page, and the office's approval queue.

Each write is one service call (POST). A refused one shows the page again with the form and the
reason beside the field (HTTP 400), having written nothing; one the reader may not make answers
403; a booking the reader may not see, 404.
"""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from talentzone.core.roles import has_role

from .. import queries, services
from ..choices import BookingPurpose, BookingStatus
from ..filters import BookingFilter
from ..forms import DATETIME_FORMATS, BookingForm, CancelForm, DecideForm, attach_errors
from ..models import Booking
from .common import (
    OVERSEERS,
    filter_bar,
    may_cancel,
    organisation_name,
    paginate,
    require_view,
    results_or_page,
    sees_details,
)

RESULTS_ID = "booking-results"
STATUS_COLOURS = {
    BookingStatus.REQUESTED: "warning",
    BookingStatus.CONFIRMED: "success",
    BookingStatus.REJECTED: "danger",
    BookingStatus.CANCELLED: "secondary",
}


def visible_booking(request, pk) -> Booking:
    return get_object_or_404(
        queries.visible_bookings(request.user).select_related(
            "venue", "agency", "enterprise", "station", "booked_by", "decided_by"
        ),
        pk=pk,
    )


def dress(user, booking: Booking) -> Booking:
    """What a list row or a booking's page needs to know besides the booking's own fields."""
    booking.colour = STATUS_COLOURS.get(booking.status, "secondary")
    booking.organisation_name = organisation_name(booking)
    booking.shows_details = sees_details(user, booking)
    booking.cancellable = may_cancel(user, booking)
    return booking


def safe_next(request, fallback: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}):
        return target
    return fallback


# The booking form --------------------------------------------------------------------------------


def parse_local(value: str | None) -> datetime.datetime | None:
    for pattern in DATETIME_FORMATS:
        try:
            moment = datetime.datetime.strptime(value or "", pattern)
        except ValueError:
            continue
        return timezone.make_aware(moment)
    return None


def prefilled(request, venues) -> dict:
    """What a calendar's free slot put in the address: ?venue=3&start=…&end=…"""
    initial = {"attendees": 1, "purpose": BookingPurpose.INTERVIEW}
    venue_id = request.GET.get("venue", "")
    if venue_id.isdigit():
        venue = venues.filter(pk=venue_id).first()
        if venue is not None:
            initial["venue"] = venue
            if venue.kind == "training_room":
                initial["purpose"] = BookingPurpose.TRAINING
            elif venue.kind == "live_stream_room":
                initial["purpose"] = BookingPurpose.LIVE_STREAM
            elif venue.kind in ("meeting_room", "hall"):
                initial["purpose"] = BookingPurpose.MEETING
    for name, key in (("starts_at", "start"), ("ends_at", "end")):
        moment = parse_local(request.GET.get(key))
        if moment is not None:
            initial[name] = moment
    return initial


@login_required
@require_http_methods(["GET", "POST"])
def booking_create(request):
    if not request.user.has_perm("venues.book"):
        raise PermissionDenied("This user books no venue.")
    venues = queries.bookable_venues(request.user).order_by("kind", "name")
    if request.method == "POST":
        form = BookingForm(request.POST, venues=venues)
    else:
        form = BookingForm(initial=prefilled(request, venues), venues=venues)
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        try:
            booking = services.booking_create(
                actor=request.user,
                venue=data["venue"],
                starts_at=data["starts_at"],
                ends_at=data["ends_at"],
                purpose=data["purpose"],
                title=data["title"],
                attendees=data["attendees"],
                note=data["note"],
            )
        except ValidationError as error:
            attach_errors(form, error)
        else:
            if booking.status == BookingStatus.REQUESTED:
                messages.success(
                    request,
                    _("Requested: %(venue)s. The talent office decides and tells you.")
                    % {"venue": booking.venue},
                )
            else:
                messages.success(request, _("Booked: %(venue)s.") % {"venue": booking.venue})
            week = timezone.localdate(booking.starts_at).isoformat()
            return redirect(
                f"{reverse('venues:venue-detail', args=[booking.venue_id])}?week={week}"
            )
    venue = form.initial.get("venue") if not form.is_bound else None
    context = {
        "form": form,
        "venue": venue,
        "cancel_url": reverse("venues:venue-detail", args=[venue.pk])
        if venue
        else reverse("venues:venue-list"),
    }
    status = 400 if form.is_bound and form.errors else 200
    return render(request, "venues/booking_form.html", context, status=status)


# My bookings -------------------------------------------------------------------------------------


@login_required
def booking_list(request):
    require_view(request.user)
    data = request.GET.copy()
    if "when" not in data:
        data["when"] = "upcoming"
    rows = queries.visible_bookings(request.user).select_related(
        "venue", "agency", "enterprise", "station", "booked_by"
    )
    filterset = BookingFilter(data, queryset=rows, request=request)
    rows = filterset.qs if filterset.is_valid() else filterset.queryset.none()
    when = data.get("when")
    order = ("-starts_at", "-id") if when == "past" else ("starts_at", "id")
    rows = rows.order_by(*order)
    pages = paginate(request, rows)
    for booking in pages["page"].object_list:
        dress(request.user, booking)
    context = {
        **pages,
        **filter_bar(filterset),
        "when": when,
        "list_url": reverse("venues:my-bookings"),
        "results_id": RESULTS_ID,
        "may_book": request.user.has_perm("venues.book"),
        "oversees": has_role(request.user, *OVERSEERS),
        "decides": request.user.has_perm("venues.decide"),
    }
    return results_or_page(
        request,
        context,
        page="venues/booking_list.html",
        results="venues/_booking_results.html",
        results_id=RESULTS_ID,
    )


@login_required
def booking_detail(request, pk):
    return render_detail(request, visible_booking(request, pk))


def render_detail(request, booking: Booking, *, cancel_form=None, decide_form=None, status=200):
    dress(request.user, booking)
    deciding = booking.status == BookingStatus.REQUESTED and request.user.has_perm("venues.decide")
    context = {
        "booking": booking,
        "cancel_form": (cancel_form or CancelForm(auto_id="cancel_%s"))
        if booking.cancellable
        else None,
        "decide_form": (decide_form or DecideForm(auto_id=f"decide{booking.pk}_%s"))
        if deciding
        else None,
        "week": timezone.localdate(booking.starts_at).isoformat(),
    }
    return render(request, "venues/booking_detail.html", context, status=status)


@login_required
@require_POST
def booking_cancel(request, pk):
    booking = visible_booking(request, pk)
    if not request.user.has_perm("venues.cancel_booking", booking):
        raise PermissionDenied("This user may not cancel this booking.")
    form = CancelForm(request.POST, auto_id="cancel_%s")
    if form.is_valid():
        try:
            services.booking_cancel(
                actor=request.user, booking=booking, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("The booking is cancelled: the slot is free again."))
            return redirect(safe_next(request, reverse("venues:my-bookings")))
    booking.refresh_from_db()
    return render_detail(request, booking, cancel_form=form, status=400)


# The office's approval queue ---------------------------------------------------------------------


@login_required
def approval_queue(request):
    if not request.user.has_perm("venues.decide"):
        raise PermissionDenied("Only the talent office decides bookings.")
    return render_queue(request)


def render_queue(request, bound: dict | None = None, status: int = 200):
    bound = bound or {}
    rows = queries.awaiting_decision().order_by("starts_at", "id")
    pages = paginate(request, rows)
    for booking in pages["page"].object_list:
        dress(request.user, booking)
        booking.decide_form = bound.get(booking.pk) or DecideForm(auto_id=f"decide{booking.pk}_%s")
    return render(request, "venues/approval_queue.html", pages, status=status)


@login_required
@require_POST
def booking_decide(request, pk):
    booking = visible_booking(request, pk)
    if not request.user.has_perm("venues.decide", booking):
        raise PermissionDenied("Only the talent office decides bookings.")
    form = DecideForm(request.POST, auto_id=f"decide{booking.pk}_%s")
    if form.is_valid():
        try:
            services.booking_decide(
                actor=request.user,
                booking=booking,
                approve=form.approve,
                note=form.cleaned_data["note"],
            )
        except ValidationError as error:
            attach_errors(form, error)
        else:
            if form.approve:
                messages.success(request, _("Approved: the booker is told."))
            else:
                messages.success(request, _("Rejected: the booker is told, the slot is free."))
            return redirect(safe_next(request, reverse("venues:approvals")))
    booking.refresh_from_db()
    if booking.status != BookingStatus.REQUESTED:  # decided meanwhile: no form to show it by
        for error in form.errors.values():
            for message in error:
                messages.error(request, message)
        return render_detail(request, booking, status=400)
    if request.POST.get("next") == reverse("venues:booking-detail", args=[booking.pk]):
        return render_detail(request, booking, decide_form=form, status=400)
    return render_queue(request, {booking.pk: form}, status=400)
