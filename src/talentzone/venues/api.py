"""The venues REST API (/api/v1/venues/): viewsets over `queries` (reads) and `services`
(writes), with the serializers in `serializers.py`.

The registry API's conventions hold here too: a record outside the caller's scope answers 404
(the viewset's queryset is the visible one), a visible record the caller may not act on answers
403 (checked before the input is read, and always again by the service), and a service's
ValidationError answers 400 with the message on the field at fault (core.api.exception_handler).
A venue or demand sent in the body that the caller cannot see is a 400 on that field.

Who may do what is the pages' rule (rules.py): anyone with a role reads the venues and their
slots; agencies, enterprise HR and station staff book the venues lent to them and see their
organisation's bookings; the office keeps the venues, decides requests and sees every booking.
"""

from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, mixins, serializers, status
from rest_framework.decorators import action
from rest_framework.response import Response

from talentzone.core.viewsets import ActionViewSet, require_object_perm, valid

from . import queries, services
from .filters import BookingFilter, VenueFilter
from .models import Booking, Venue
from .serializers import (
    BookingCreateSerializer,
    BookingSerializer,
    CancelSerializer,
    DecideSerializer,
    FindFreeQuerySerializer,
    FreeRoomSerializer,
    SlotQuerySerializer,
    SlotSerializer,
    VenueSerializer,
)


class VenuesViewSet(ActionViewSet):
    """The venues endpoints' base: signed in and allowed to see the venues, then one
    permission per action."""

    required_perm = "venues.view_venue"


# Venues ------------------------------------------------------------------------------------------


class VenueViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    VenuesViewSet,
):
    """The park's venues: everyone with a role reads the active ones; the office keeps them
    (and also sees those out of use). `slots` gives a day's 30-minute slots."""

    queryset = Venue.objects.none()
    serializer_class = VenueSerializer
    filterset_class = VenueFilter
    ordering_fields = ["id", "name", "kind", "capacity"]
    http_method_names = ["get", "post", "put", "patch", "head", "options"]
    action_checks = {
        "create": "venues.manage",
        "update": "venues.manage",
        "partial_update": "venues.manage",
    }

    def get_queryset(self):
        return queries.visible_venues(self.request.user).order_by("kind", "name")

    def perform_create(self, serializer):
        serializer.instance = services.venue_save(
            actor=self.request.user, **serializer.validated_data
        )

    def perform_update(self, serializer):
        serializer.instance = services.venue_save(
            actor=self.request.user, venue=serializer.instance, **serializer.validated_data
        )

    @extend_schema(parameters=[SlotQuerySerializer], responses=SlotSerializer(many=True))
    @action(detail=True, methods=["get"], pagination_class=None, filter_backends=[])
    def slots(self, request, pk=None):
        """The venue's opening hours on `?day=` in 30-minute slots: free (a booking of exactly
        it would fit) or held. A holding booking is named by title and organisation to those
        who may see it, as "booked" to everyone else; a closed day has no slot."""
        venue = self.get_object()
        day = valid(SlotQuerySerializer, request.query_params)["day"]
        if queries.closed_reason(venue, day) is not None:
            return Response([])
        shown: dict[int, bool] = {}
        rows = []
        for slot in queries.day_slots(venue, day):
            booking = slot.booking
            label = _("Free") if slot.free else _("Taken")
            if booking is not None:
                if booking.pk not in shown:
                    shown[booking.pk] = request.user.has_perm("venues.view_booking", booking)
                label = booking_label(booking) if shown[booking.pk] else _("Booked")
            rows.append(
                {
                    "starts_at": slot.starts_at,
                    "ends_at": slot.ends_at,
                    "free": slot.free,
                    "booking": booking.pk if booking is not None else None,
                    "label": label,
                }
            )
        return Response(SlotSerializer(rows, many=True).data)


def booking_label(booking: Booking) -> str:
    organisation = booking.organisation
    return f"{booking.title} · {organisation if organisation else _('Talent office')}"


# Bookings ----------------------------------------------------------------------------------------


class BookingViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, VenuesViewSet
):
    """Bookings the caller may see: the office and leaders every one; others their own and
    their organisation's. Create books a venue (requested when it needs approval); `cancel`
    frees the slot (until the venue's cut-off; the office any time, with a reason); `decide`
    approves or rejects a request (the office)."""

    queryset = Booking.objects.none()
    serializer_class = BookingSerializer
    filterset_class = BookingFilter
    ordering_fields = ["id", "starts_at", "created_at"]
    ordering = ["starts_at", "id"]
    http_method_names = ["get", "post", "head", "options"]
    action_checks = {"create": "venues.book", "decide": "venues.decide"}

    def get_queryset(self):
        return queries.visible_bookings(self.request.user)

    def shown(self, booking: Booking, code: int = status.HTTP_200_OK) -> Response:
        booking = self.get_queryset().get(pk=booking.pk)
        return Response(BookingSerializer(booking).data, status=code)

    @extend_schema(request=BookingCreateSerializer, responses={201: BookingSerializer})
    def create(self, request):
        """Book a venue from/to: the rules (opening hours, not in the past, not too far ahead,
        longest booking, attendees, weekly quota, no overlap counting the cleaning time) each
        answer 400 on their field."""
        form = BookingCreateSerializer(
            data=request.data, venues=queries.visible_venues(request.user)
        )
        form.is_valid(raise_exception=True)
        data = dict(form.validated_data)
        venue = data.pop("venue")
        if not queries.may_book(request.user, venue):
            raise exceptions.PermissionDenied()
        demand = demand_or_400(request.user, data.pop("demand", None))
        booking = services.booking_create(actor=request.user, venue=venue, demand=demand, **data)
        return self.shown(booking, status.HTTP_201_CREATED)

    @extend_schema(request=CancelSerializer, responses=BookingSerializer)
    @action(detail=True, methods=["post"])
    def cancel(self, request, pk=None):
        """Cancel a booking, saying why (the office must, for someone else's booking)."""
        booking = self.get_object()
        require_object_perm(request.user, "venues.cancel_booking", booking)
        reason = valid(CancelSerializer, request.data)["reason"]
        booking = services.booking_cancel(actor=request.user, booking=booking, reason=reason)
        return self.shown(booking)

    @extend_schema(request=DecideSerializer, responses=BookingSerializer)
    @action(detail=True, methods=["post"])
    def decide(self, request, pk=None):
        """Approve (`approve: true`) or reject a requested booking, with a note to the booker."""
        booking = self.get_object()
        data = valid(DecideSerializer, request.data)
        booking = services.booking_decide(
            actor=request.user, booking=booking, approve=data["approve"], note=data["note"]
        )
        return self.shown(booking)


def demand_or_400(user, demand_id):
    if demand_id is None:
        return None
    from talentzone.recruiting.queries import visible_demands

    demand = visible_demands(user).filter(pk=demand_id).first()
    if demand is None:
        raise serializers.ValidationError({"demand": [_("No such demand.")]})
    return demand


# The finder --------------------------------------------------------------------------------------


class FindFreeViewSet(VenuesViewSet):
    """ "A free interview room for 2 hours on Thursday afternoon": each venue the caller may
    book that is free for `minutes` on `day` between `earliest` and `latest`, with its earliest
    free start (quarter hours), earliest first."""

    queryset = Venue.objects.none()
    serializer_class = FreeRoomSerializer
    pagination_class = None
    filter_backends = []

    @extend_schema(parameters=[FindFreeQuerySerializer], responses=FreeRoomSerializer(many=True))
    def list(self, request):
        query = valid(FindFreeQuerySerializer, request.query_params)
        found = queries.find_free(
            kind=query.get("kind") or None,
            day=query["day"],
            earliest=query.get("earliest"),
            latest=query.get("latest"),
            minutes=query["minutes"],
            attendees=query["attendees"],
            user=request.user,
            now=timezone.now(),
        )
        rows = [
            {"venue": venue, "starts_at": starts_at, "ends_at": ends_at}
            for venue, starts_at, ends_at in found
        ]
        return Response(FreeRoomSerializer(rows, many=True).data)
