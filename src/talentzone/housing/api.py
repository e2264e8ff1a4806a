"""The talent apartments REST API (/api/v1/housing/, namespace `housing-api`): viewsets over
`queries` (reads) and `services` / `leases` (writes).

The office and leaders read everything; a talent reads their own household's queue place,
offers, leases and requests. A record outside the caller's sight answers 404, one they see but
may not act on 403 (checked before the input is read, and again by the service), and a refused
step 400 with the message on the field at fault.
"""

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, status
from rest_framework.decorators import action
from rest_framework.response import Response

from talentzone.core.choices import Role
from talentzone.core.roles import has_role
from talentzone.core.viewsets import ActionViewSet, require_object_perm, valid

from . import leases, queries, services
from .choices import EntryStatus
from .filters import ApartmentFilter, LeaseFilter, OfferFilter
from .models import (
    Apartment,
    HousingRequest,
    Lease,
    Offer,
    QueueEntry,
    Round,
    Scheme,
    SchoolingRequest,
)
from .serializers import (
    ApartmentSerializer,
    CommunityBoardSerializer,
    DeclineSerializer,
    HousingApplySerializer,
    HousingRequestSerializer,
    InspectionSerializer,
    LeaseRenewSerializer,
    LeaseSerializer,
    LeaseSignSerializer,
    LeaseTerminateSerializer,
    OfferSerializer,
    QueueRowSerializer,
    RoundRunSerializer,
    RoundSerializer,
    SchoolAssignSerializer,
    SchoolingApplySerializer,
    SchoolingRequestSerializer,
)


def reads_all(user) -> bool:
    return has_role(user, Role.OFFICE_ADMIN, Role.LEADER)


def is_talent(user) -> bool:
    return has_role(user, Role.TALENT)


def reads_all_or_talent(user) -> bool:
    return reads_all(user) or is_talent(user)


def _today():
    return timezone.localtime().date()


# Communities and flats -----------------------------------------------------------------------


class CommunityViewSet(ActionViewSet):
    """The communities with their flats counted by status and their occupancy (the board)."""

    serializer_class = CommunityBoardSerializer
    action_checks = {"list": reads_all}
    filter_backends = []
    pagination_class = None

    @extend_schema(responses=CommunityBoardSerializer(many=True))
    def list(self, request):
        return Response(CommunityBoardSerializer(queries.board(), many=True).data)


class ApartmentViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ActionViewSet):
    """The flats, filtered by status, layout and community."""

    queryset = Apartment.objects.select_related("community")
    serializer_class = ApartmentSerializer
    filterset_class = ApartmentFilter
    ordering_fields = ["id", "rent_fen", "area", "floor"]
    action_checks = {
        "list": reads_all,
        "retrieve": reads_all,
        "repaired": "housing.manage_apartments",
    }

    @extend_schema(request=None, responses=ApartmentSerializer)
    @action(detail=True, methods=["post"])
    def repaired(self, request, pk=None):
        """A flat back from repair goes on the vacant list."""
        apartment = leases.apartment_repaired(actor=request.user, apartment=self.get_object())
        return Response(ApartmentSerializer(apartment).data)


# The queue -----------------------------------------------------------------------------------


SCHEME = OpenApiParameter("scheme", OpenApiTypes.INT, description="Only this scheme's queue.")


class QueueViewSet(ActionViewSet):
    """The queue: for the office and leaders every household still queued, by scheme in
    priority order with its score and the formula's parts; for a talent their own household,
    with its place per layout."""

    serializer_class = QueueRowSerializer
    action_checks = {"list": reads_all_or_talent}
    filter_backends = []  # the queue grows with the households: paginated like any list

    @extend_schema(parameters=[SCHEME], responses=QueueRowSerializer(many=True))
    def list(self, request):
        today = _today()
        rows = []
        if reads_all(request.user):
            schemes = Scheme.objects.all()
            picked = request.query_params.get("scheme", "")
            if picked:
                if not picked.isdigit():
                    return Response({"scheme": [_("Enter a whole number.")]}, status=400)
                schemes = schemes.filter(pk=int(picked))
            for scheme in schemes:
                for rank, (entry, score) in enumerate(queries.queue_for(scheme, today=today), 1):
                    rows.append({"entry": entry, "score": score, "rank": rank, "positions": {}})
        else:
            own = (
                QueueEntry.objects.filter(talent__user=request.user)
                .exclude(status=EntryStatus.WITHDRAWN)
                .select_related("scheme", "talent", "talent__tier")
            )
            for entry in own:
                ranked = [e.pk for e, _s in queries.queue_for(entry.scheme, today=today)]
                rows.append(
                    {
                        "entry": entry,
                        "score": services.priority(entry, today=today),
                        "rank": ranked.index(entry.pk) + 1 if entry.pk in ranked else None,
                        "positions": queries.queue_positions(entry, today=today),
                    }
                )
        page = self.paginate_queryset(rows)
        return self.get_paginated_response(QueueRowSerializer(page, many=True).data)


# Rounds and offers ---------------------------------------------------------------------------


class RoundViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, ActionViewSet
):
    """Allocation rounds with their offers and the reason for each; POST runs one (office)."""

    queryset = Round.objects.select_related("run_by").prefetch_related(
        Prefetch(
            "offers",
            queryset=Offer.objects.select_related("apartment__community", "entry__talent").order_by(
                "id"
            ),
        )
    )
    serializer_class = RoundSerializer
    filterset_fields = ["scheme"]
    ordering_fields = ["id", "run_at"]
    action_checks = {"list": reads_all, "retrieve": reads_all, "create": "housing.run_round"}

    @extend_schema(request=RoundRunSerializer, responses={201: RoundSerializer})
    def create(self, request):
        """Run an allocation round of the scheme: each vacant flat to the first household that
        fits it (one offer per household)."""
        data = valid(RoundRunSerializer, request.data)
        done = services.round_run(actor=request.user, scheme=data["scheme"])
        return Response(
            RoundSerializer(self.get_queryset().get(pk=done.pk)).data,
            status=status.HTTP_201_CREATED,
        )


class OfferViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ActionViewSet):
    """Flat offers: the office and leaders see all, a talent their household's; the household
    accepts or declines an open one."""

    queryset = Offer.objects.none()
    serializer_class = OfferSerializer
    filterset_class = OfferFilter
    ordering_fields = ["id", "offered_at", "expires_on"]
    action_checks = {"list": reads_all_or_talent, "retrieve": reads_all_or_talent}

    def get_queryset(self):
        rows = Offer.objects.select_related("apartment__community", "entry__talent")
        if reads_all(self.request.user):
            return rows
        return rows.filter(entry__talent__user=self.request.user)

    def answerable(self) -> Offer:
        offer = self.get_object()
        require_object_perm(self.request.user, "housing.answer_offer", offer)
        return offer

    @extend_schema(request=None, responses=OfferSerializer)
    @action(detail=True, methods=["post"])
    def accept(self, request, pk=None):
        offer = services.offer_accept(actor=request.user, offer=self.answerable())
        return Response(OfferSerializer(self.get_queryset().get(pk=offer.pk)).data)

    @extend_schema(request=DeclineSerializer, responses=OfferSerializer)
    @action(detail=True, methods=["post"])
    def decline(self, request, pk=None):
        offer = self.answerable()
        data = valid(DeclineSerializer, request.data)
        offer = services.offer_decline(
            actor=request.user, offer=offer, reason=data.get("reason", "")
        )
        return Response(OfferSerializer(self.get_queryset().get(pk=offer.pk)).data)


# Leases --------------------------------------------------------------------------------------


class LeaseViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, ActionViewSet
):
    """Leases: the office and leaders see all, a talent their own. POST signs the lease of an
    accepted offer; renew, terminate and inspection work an existing one (the office)."""

    queryset = Lease.objects.none()
    serializer_class = LeaseSerializer
    filterset_class = LeaseFilter
    ordering_fields = ["id", "starts_on", "ends_on"]
    action_checks = {
        "list": reads_all_or_talent,
        "retrieve": reads_all_or_talent,
        "create": "housing.manage_leases",
        "renew": "housing.manage_leases",
        "terminate": "housing.manage_leases",
        "inspection": "housing.manage_leases",
    }

    def get_queryset(self):
        rows = Lease.objects.select_related("apartment__community", "talent")
        if reads_all(self.request.user):
            return rows
        return rows.filter(talent__user=self.request.user)

    def shown(self, lease: Lease, code: int = status.HTTP_200_OK) -> Response:
        return Response(LeaseSerializer(self.get_queryset().get(pk=lease.pk)).data, status=code)

    @extend_schema(request=LeaseSignSerializer, responses={201: LeaseSerializer})
    def create(self, request):
        data = valid(LeaseSignSerializer, request.data)
        lease = leases.lease_sign(
            actor=request.user, offer=data["offer"], starts_on=data.get("starts_on")
        )
        return self.shown(lease, status.HTTP_201_CREATED)

    @extend_schema(request=LeaseRenewSerializer, responses={201: LeaseSerializer})
    @action(detail=True, methods=["post"])
    def renew(self, request, pk=None):
        lease = self.get_object()
        data = valid(LeaseRenewSerializer, request.data)
        new = leases.lease_renew(actor=request.user, lease=lease, months=data.get("months"))
        return self.shown(new, status.HTTP_201_CREATED)

    @extend_schema(request=LeaseTerminateSerializer, responses=LeaseSerializer)
    @action(detail=True, methods=["post"])
    def terminate(self, request, pk=None):
        lease = self.get_object()
        data = valid(LeaseTerminateSerializer, request.data)
        lease = leases.lease_terminate(
            actor=request.user, lease=lease, on=data["on"], reason=data["reason"]
        )
        return self.shown(lease)

    @extend_schema(request=InspectionSerializer, responses=LeaseSerializer)
    @action(detail=True, methods=["post"])
    def inspection(self, request, pk=None):
        lease = self.get_object()
        data = valid(InspectionSerializer, request.data)
        leases.inspection_record(
            actor=request.user, lease=lease, outcome=data["outcome"], notes=data.get("notes", "")
        )
        return self.shown(lease)


# Applications --------------------------------------------------------------------------------


class HousingRequestViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, ActionViewSet
):
    """Housing applications: POST (a talent) drafts one under a scheme's policy; attach the
    documents and submit it through /api/v1/policies/applications/."""

    queryset = HousingRequest.objects.none()
    serializer_class = HousingRequestSerializer
    filter_backends = []
    action_checks = {
        "list": reads_all_or_talent,
        "retrieve": reads_all_or_talent,
        "create": is_talent,
    }

    def get_queryset(self):
        rows = HousingRequest.objects.select_related("application").order_by("-id")
        if reads_all(self.request.user):
            return rows
        return rows.filter(application__talent__user=self.request.user)

    @extend_schema(request=HousingApplySerializer, responses={201: HousingRequestSerializer})
    def create(self, request):
        data = valid(HousingApplySerializer, request.data)
        application = services.housing_apply(
            actor=request.user,
            scheme=data["scheme"],
            layouts=data["layouts"],
            household_size=data["household_size"],
            statement=data.get("statement", ""),
        )
        found = self.get_queryset().get(application=application)
        return Response(HousingRequestSerializer(found).data, status=status.HTTP_201_CREATED)


class SchoolingRequestViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, ActionViewSet
):
    """Schooling requests: the office, leaders and the education bureau see all, a talent their
    own. POST (a talent) drafts one; `assign` records the school of an approved one."""

    queryset = SchoolingRequest.objects.none()
    serializer_class = SchoolingRequestSerializer
    filter_backends = []
    action_checks = {"create": is_talent}

    def get_queryset(self):
        return queries.schooling_requests(self.request.user)

    @extend_schema(request=SchoolingApplySerializer, responses={201: SchoolingRequestSerializer})
    def create(self, request):
        data = valid(SchoolingApplySerializer, request.data)
        application = services.schooling_apply(
            actor=request.user,
            policy=data["policy"],
            child_name=data["child_name"],
            child_birth_date=data["child_birth_date"],
            level=data["level"],
            school_wanted=data.get("school_wanted", ""),
            statement=data.get("statement", ""),
        )
        found = self.get_queryset().get(application=application)
        return Response(SchoolingRequestSerializer(found).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=SchoolAssignSerializer, responses=SchoolingRequestSerializer)
    @action(detail=True, methods=["post"])
    def assign(self, request, pk=None):
        found = self.get_object()
        require_object_perm(request.user, "housing.assign_school", found)
        data = valid(SchoolAssignSerializer, request.data)
        found = services.schooling_assign(actor=request.user, request=found, school=data["school"])
        return Response(SchoolingRequestSerializer(self.get_queryset().get(pk=found.pk)).data)
