"""The office's venue editor: a venue's settings (opening hours, closed weekdays, who may book,
approval, cleaning buffer, longest booking, weekly quota, cancellation cut-off) and its closed
days (a holiday, a repair)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from .. import services
from ..forms import VENUE_FIELDS, ClosureForm, VenueForm, attach_errors
from ..models import Venue, VenueClosure


def require_manage(user) -> None:
    if not user.has_perm("venues.manage"):
        raise PermissionDenied("Only the talent office keeps the venues.")


@login_required
@require_http_methods(["GET", "POST"])
def venue_create(request):
    require_manage(request.user)
    return venue_form(request, None)


@login_required
@require_http_methods(["GET", "POST"])
def venue_edit(request, pk):
    require_manage(request.user)
    return venue_form(request, get_object_or_404(Venue, pk=pk))


def venue_form(request, venue: Venue | None, closure_form=None, status=200):
    data = request.POST if request.method == "POST" and closure_form is None else None
    form = VenueForm(data, instance=Venue.objects.get(pk=venue.pk) if venue else Venue())
    if data is not None and form.is_valid():
        try:
            saved = services.venue_save(actor=request.user, venue=venue, **form.service_fields())
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("Saved: %(venue)s") % {"venue": saved.name})
            return redirect("venues:venue-detail", saved.pk)
    context = {
        "venue": venue,
        "form": form,
        "closure_form": closure_form or ClosureForm(auto_id="closure_%s"),
        "closures": venue.closures.order_by("date") if venue else [],
        "cancel_url": reverse("venues:venue-detail", args=[venue.pk])
        if venue
        else reverse("venues:venue-list"),
        "field_groups": field_groups(form),
    }
    if form.is_bound and form.errors:
        status = 400
    return render(request, "venues/venue_form.html", context, status=status)


def field_groups(form) -> list[tuple[str, list]]:
    groups = [
        (_("The room"), ["name", "kind", "place", "capacity", "area", "equipment"]),
        (_("Opening hours"), ["opens_at", "closes_at", "closed_weekdays"]),
        (
            _("Booking rules"),
            [
                "bookers",
                "needs_approval",
                "buffer_minutes",
                "max_minutes",
                "weekly_quota_hours",
                "cancel_cutoff_hours",
                "days_ahead",
                "active",
            ],
        ),
    ]
    assert sum(len(names) for _label, names in groups) == len(VENUE_FIELDS)
    return [(label, [form[name] for name in names]) for label, names in groups]


@login_required
@require_POST
def closure_add(request, pk):
    require_manage(request.user)
    venue = get_object_or_404(Venue, pk=pk)
    form = ClosureForm(request.POST, auto_id="closure_%s")
    if form.is_valid():
        try:
            services.venue_closure_add(
                actor=request.user,
                venue=venue,
                date=form.cleaned_data["date"],
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(
                request,
                _("Closed on %(date)s.") % {"date": form.cleaned_data["date"].isoformat()},
            )
            return redirect("venues:venue-edit", venue.pk)
    return venue_form(request, venue, closure_form=form, status=400)


@login_required
@require_POST
def closure_remove(request, pk, closure):
    require_manage(request.user)
    row = get_object_or_404(VenueClosure, venue_id=pk, pk=closure)
    services.venue_closure_remove(actor=request.user, closure=row)
    messages.success(request, _("Open again on %(date)s.") % {"date": row.date.isoformat()})
    return redirect("venues:venue-edit", pk)
