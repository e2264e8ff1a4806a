"""The office's pages: the flats' board (occupancy at a glance and a grid of flats coloured by
status), the queue per scheme with the scores and "run a round", a round's report, the offers
and the leases with their actions. Leaders read them; only the office acts."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from .. import leases, queries, services
from ..choices import ApartmentStatus, Layout, LeaseStatus, OfferStatus
from ..forms import InspectionForm, LeaseSignForm, RenewForm, TerminateForm, attach_errors
from ..models import Apartment, Inspection, Lease, Offer, Round, Scheme
from .common import chosen, paginate, require, require_reader


def _today():
    return timezone.localtime().date()


@login_required
def board(request):
    require_reader(request.user)
    rows = queries.board()
    communities = [row["community"] for row in rows]
    picked = request.GET.get("community", "")
    community = next((c for c in communities if str(c.pk) == picked), None)
    community = community or (communities[0] if communities else None)
    flats = (
        Apartment.objects.filter(community=community).order_by("building", "floor", "unit")
        if community
        else Apartment.objects.none()
    )
    buildings: dict[str, list] = {}
    for flat in flats:
        buildings.setdefault(flat.building, []).append(flat)
    totals = {key: sum(row[key] for row in rows) for key in ["total", *ApartmentStatus.values]}
    totals["occupancy"] = (
        round(100 * totals[ApartmentStatus.LET] / totals["total"]) if totals["total"] else 0
    )
    context = {
        "rows": rows,
        "totals": totals,
        "community": community,
        "buildings": sorted(buildings.items()),
        "statuses": ApartmentStatus,
        "in_repair": Apartment.objects.filter(status=ApartmentStatus.REPAIR).select_related(
            "community"
        ),
        "may_repair": request.user.has_perm("housing.manage_apartments"),
    }
    return render(request, "housing/board.html", context)


@login_required
@require_POST
def apartment_repaired(request, pk):
    require(request.user, "housing.manage_apartments")
    apartment = get_object_or_404(Apartment, pk=pk)
    try:
        leases.apartment_repaired(actor=request.user, apartment=apartment)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("%(flat)s is back on the vacant list.") % {"flat": apartment})
    return redirect("housing:board")


@login_required
def queue(request):
    require_reader(request.user)
    schemes = list(Scheme.objects.all())
    picked = request.GET.get("scheme", "")
    scheme = next((s for s in schemes if str(s.pk) == picked), None)
    scheme = scheme or (schemes[0] if schemes else None)
    ranked = queries.queue_for(scheme, today=_today()) if scheme else []
    for entry, _score in ranked:
        entry.layout_labels = ", ".join(str(Layout(value).label) for value in entry.layouts)
    context = {
        "schemes": schemes,
        "scheme": scheme,
        "ranked": ranked,
        "rounds": Round.objects.filter(scheme=scheme)[:10] if scheme else [],
        "may_run": request.user.has_perm("housing.run_round"),
        "vacant": Apartment.objects.filter(status=ApartmentStatus.VACANT).count(),
    }
    return render(request, "housing/queue.html", context)


@login_required
@require_POST
def round_run(request, pk):
    require(request.user, "housing.run_round")
    scheme = get_object_or_404(Scheme, pk=pk)
    done = services.round_run(actor=request.user, scheme=scheme)
    messages.success(
        request,
        _("The round made %(offers)d offers; %(unoffered)d flats fit no one waiting.")
        % {"offers": done.offers.count(), "unoffered": len(done.unoffered)},
    )
    return redirect("housing:round", done.pk)


@login_required
def round_report(request, pk):
    require_reader(request.user)
    found = get_object_or_404(Round.objects.select_related("scheme", "run_by"), pk=pk)
    return render(request, "housing/round.html", {"report": queries.round_report(found)})


@login_required
def offers(request):
    require_reader(request.user)
    status = chosen(request, "status", OfferStatus.values)
    rows = Offer.objects.select_related(
        "apartment", "apartment__community", "entry", "entry__talent", "entry__scheme"
    )
    if status:
        rows = rows.filter(status=status)
    context = {
        **paginate(request, rows),
        "status": status,
        "statuses": OfferStatus.choices,
        "may_sign": request.user.has_perm("housing.manage_leases"),
    }
    return render(request, "housing/offers.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def lease_sign(request, pk):
    require(request.user, "housing.manage_leases")
    offer = get_object_or_404(
        Offer.objects.select_related("apartment", "apartment__community", "entry__talent"), pk=pk
    )
    form = LeaseSignForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            lease = leases.lease_sign(
                actor=request.user, offer=offer, starts_on=form.cleaned_data["starts_on"]
            )
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("The lease is signed."))
            return redirect("housing:lease", lease.pk)
    status = 400 if form.is_bound and form.errors else 200
    return render(request, "housing/lease_sign.html", {"offer": offer, "form": form}, status=status)


@login_required
def lease_list(request):
    require_reader(request.user)
    status = chosen(request, "status", LeaseStatus.values)
    rows = Lease.objects.select_related("apartment", "apartment__community", "talent")
    if status:
        rows = rows.filter(status=status)
    context = {**paginate(request, rows), "status": status, "statuses": LeaseStatus.choices}
    return render(request, "housing/leases.html", context)


ACTIONS = {"renew": RenewForm, "terminate": TerminateForm, "inspection": InspectionForm}


@login_required
def lease_detail(request, pk, *, forms=None, status: int = 200):
    require_reader(request.user)
    lease = get_object_or_404(
        Lease.objects.select_related(
            "apartment", "apartment__community", "talent", "talent__tier", "entry__scheme"
        ),
        pk=pk,
    )
    manages = request.user.has_perm("housing.manage_leases")
    inspected = Inspection.objects.filter(lease=lease).first()
    renewed_by = Lease.objects.filter(renews=lease).first()
    shown = {}
    if manages:
        forms = forms or {}
        active = lease.status == LeaseStatus.ACTIVE
        allowed = (
            ["renew", "terminate"]
            if active
            else ([] if inspected or renewed_by else ["inspection"])
        )
        shown = {name: forms.get(name) or ACTIONS[name](prefix=name) for name in allowed}
    context = {
        "lease": lease,
        "inspection": inspected,
        "renewed_by": renewed_by,
        "forms": shown,
        "manages": manages,
        "today": _today(),
    }
    return render(request, "housing/lease.html", context, status=status)


@login_required
@require_POST
def lease_action(request, pk, action):
    require(request.user, "housing.manage_leases")
    lease = get_object_or_404(Lease, pk=pk)
    form = ACTIONS[action](request.POST, prefix=action)
    if form.is_valid():
        data = form.cleaned_data
        try:
            if action == "renew":
                lease = leases.lease_renew(actor=request.user, lease=lease, months=data["months"])
                messages.success(request, _("The lease is renewed."))
            elif action == "terminate":
                leases.lease_terminate(
                    actor=request.user, lease=lease, on=data["on"], reason=data["reason"]
                )
                messages.success(request, _("The lease ends on %(day)s.") % {"day": data["on"]})
            else:
                leases.inspection_record(
                    actor=request.user, lease=lease, outcome=data["outcome"], notes=data["notes"]
                )
                messages.success(request, _("The move-out inspection is recorded."))
        except ValidationError as error:
            attach_errors(form, error)
        else:
            return redirect("housing:lease", lease.pk)
    return lease_detail(request, pk, forms={action: form}, status=400)
