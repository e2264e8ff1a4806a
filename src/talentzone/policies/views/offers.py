"""Offers (免申即享): the user's offers, accepting one (with the figure its formula needs) and
declining it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .. import queries, services
from ..application_forms import FiguresForm
from ..choices import OfferStatus
from ..formulas import describe_formula
from ..models import Offer
from .application_actions import run

PAGE_SIZE = 25


def offer_form(offer: Offer, data=None) -> FiguresForm:
    return FiguresForm(data, policy=offer.policy, auto_id=f"offer{offer.pk}_%s")


def render_offers(request, bound: dict | None = None, status=200):
    bound = bound or {}
    offers = queries.visible_offers(request.user).select_related("application")
    page = Paginator(offers.order_by("-created_at", "-id"), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    for offer in page.object_list:
        offer.may_answer = offer.status == OfferStatus.OPEN and request.user.has_perm(
            "policies.answer_offer", offer
        )
        offer.form = (bound.get(offer.pk) or offer_form(offer)) if offer.may_answer else None
        offer.formula_words = describe_formula(offer.policy)
    shown = {offer.pk for offer in page.object_list}
    for pk, form in bound.items():
        if pk not in shown:  # the offer is on another page: say what went wrong up here
            for errors in form.errors.values():
                for error in errors:
                    messages.error(request, error)
    context = {
        "page": page,
        "page_range": page.paginator.get_elided_page_range(page.number, on_ends=1),
        "open_count": offers.filter(status=OfferStatus.OPEN).count(),
    }
    return render(request, "policies/applications/offers.html", context, status=status)


@login_required
def offer_list(request):
    return render_offers(request)


@login_required
@require_POST
def offer_accept(request, pk):
    offer = get_object_or_404(queries.visible_offers(request.user), pk=pk)
    form = offer_form(offer, request.POST)
    application = run(
        form,
        lambda data: services.offer_accept(
            actor=request.user, offer=offer, data=form.service_data()
        ),
    )
    if application is not None:
        messages.success(
            request,
            _("Offer accepted. Application %(number)s: %(status)s.")
            % {"number": application.number, "status": application.get_status_display()},
        )
        return redirect("policies:application-detail", application.pk)
    return render_offers(request, {offer.pk: form}, status=400)


@login_required
@require_POST
def offer_decline(request, pk):
    offer = get_object_or_404(queries.visible_offers(request.user), pk=pk)
    try:
        services.offer_decline(actor=request.user, offer=offer)
    except ValidationError as error:
        for text in error.messages:
            messages.error(request, text)
    else:
        messages.success(
            request, _("You declined the offer: %(policy)s.") % {"policy": offer.policy}
        )
    return redirect("policies:offer-list")
