"""The evaluations REST API (/api/v1/awards/, namespace `awards-api`): viewsets over `queries`
(reads) and `services` (every write).

The office runs the rounds; an enterprise's HR nominates its talents and follows those
nominations; an expert reads and scores only their own assignments (scoring is blind: no
endpoint shows an expert another's scores); the office and leaders read the ranking with its
breakdown, everyone signed in the public notice, on which anyone may object. A record outside
the caller's sight answers 404, one they see but may not act on 403 (asked before the input is
read, and again by the service), and a refused step 400 with the message on the field at fault.
"""

from django.db.models import Prefetch
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, mixins, status
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response

from talentzone.core.choices import Role
from talentzone.core.roles import has_role
from talentzone.core.viewsets import ActionViewSet, require_object_perm, valid

from . import queries, services
from .choices import EntryStatus
from .filters import (
    AssignmentFilter,
    EntryFilter,
    ExpertFilter,
    NominationFilter,
    ObjectionFilter,
    RoundFilter,
)
from .models import Assignment, Criterion, Expert, Nomination, Objection, RankingEntry, Round
from .serializers import (
    AchievementsSerializer,
    AssignmentSerializer,
    EntryObjectionLodgeSerializer,
    EntryObjectionResolveSerializer,
    EntrySerializer,
    ExpertSerializer,
    NominationAttachmentSerializer,
    NominationAttachmentUploadSerializer,
    NominationCreateSerializer,
    NominationScreenSerializer,
    NominationSerializer,
    NomineeEligibilityQuerySerializer,
    NomineeEligibilitySerializer,
    ObjectionSerializer,
    OutcomeSerializer,
    PanelDrawSerializer,
    PanelMemberSerializer,
    ProgressSerializer,
    ResolvedSerializer,
    RoundInputSerializer,
    RoundSerializer,
    ScoreInputSerializer,
)

PUBLIC_ENTRY = (EntryStatus.NOTICE, EntryStatus.NAMED)


def is_office(user) -> bool:
    return has_role(user, Role.OFFICE_ADMIN)


def is_hr(user) -> bool:
    return has_role(user, Role.ENTERPRISE_HR)


def entries_for(user):
    """Ranking entries as the notice shows them: the office and leaders every one, anyone else
    those on notice and the named (of rounds they see)."""
    entries = RankingEntry.objects.select_related(
        "round", "nomination", "nomination__talent", "nomination__enterprise"
    )
    if user.has_perm("awards.view_ranking"):
        return entries
    return entries.filter(
        status__in=PUBLIC_ENTRY, round__in=queries.rounds_for(user).values("pk")
    ).order_by("round", "rank")


# Rounds --------------------------------------------------------------------------------------


class RoundViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, ActionViewSet
):
    """Evaluation rounds with their criteria (drafts for the office only). The office creates
    and changes them and moves them on: open → close → draw-panel → start-scoring → rank →
    announce. The ranking with its breakdown is for the office and leaders; the public notice
    for everyone signed in; the panel's progress for the office."""

    queryset = Round.objects.none()
    serializer_class = RoundSerializer
    filterset_class = RoundFilter
    ordering_fields = ["id", "year", "nominations_open", "nominations_close"]
    http_method_names = ["get", "post", "patch", "head", "options"]
    action_checks = {
        "create": "awards.manage_round",
        "partial_update": "awards.manage_round",
        "open": "awards.manage_round",
        "close": "awards.manage_round",
        "start_scoring": "awards.manage_round",
        "rank": "awards.manage_round",
        "announce": "awards.manage_round",
        "draw_panel": "awards.manage_round",
        "progress": "awards.manage_round",
        "ranking": "awards.view_ranking",
    }

    def get_queryset(self):
        return queries.rounds_for(self.request.user).prefetch_related(
            Prefetch("criteria", queryset=Criterion.objects.order_by("position"))
        )

    def shown(self, round_, code: int = status.HTTP_200_OK) -> Response:
        return Response(RoundSerializer(self.get_queryset().get(pk=round_.pk)).data, status=code)

    @extend_schema(request=RoundInputSerializer, responses={201: RoundSerializer})
    def create(self, request):
        """A new round (a draft), with its criteria when sent."""
        data = valid(RoundInputSerializer, request.data)
        criteria = data.pop("criteria", None)
        round_ = RoundInputSerializer.Meta.model(**data)
        round_ = services.round_save(actor=request.user, round=round_, criteria=criteria)
        return self.shown(round_, status.HTTP_201_CREATED)

    @extend_schema(request=RoundInputSerializer, responses=RoundSerializer)
    def partial_update(self, request, pk=None):
        """Change the fields sent; `criteria`, when sent, replaces the list."""
        round_ = self.get_object()
        form = RoundInputSerializer(data=request.data, partial=True)
        form.is_valid(raise_exception=True)
        data = dict(form.validated_data)
        criteria = data.pop("criteria", None)
        for name, value in data.items():
            setattr(round_, name, value)
        round_ = services.round_save(actor=request.user, round=round_, criteria=criteria)
        return self.shown(round_)

    @extend_schema(request=None, responses=RoundSerializer)
    @action(detail=True, methods=["post"])
    def open(self, request, pk=None):
        """Open a draft for nominations."""
        return self.shown(services.round_open(actor=request.user, round=self.get_object()))

    @extend_schema(request=None, responses=RoundSerializer)
    @action(detail=True, methods=["post"])
    def close(self, request, pk=None):
        """Close nominations (any day) and start screening."""
        return self.shown(
            services.round_close_nominations(actor=request.user, round=self.get_object())
        )

    @extend_schema(request=PanelDrawSerializer, responses=PanelMemberSerializer(many=True))
    @action(detail=True, methods=["post"], url_path="draw-panel")
    def draw_panel(self, request, pk=None):
        """Draw the panel at random from the active experts (replacing any drawn before)."""
        round_ = self.get_object()
        data = valid(PanelDrawSerializer, request.data)
        members = services.panel_draw(
            actor=request.user, round=round_, size=data.get("size"), seed=data.get("seed")
        )
        members = round_.panel.filter(pk__in=[m.pk for m in members]).select_related("expert")
        return Response(PanelMemberSerializer(members, many=True).data)

    @extend_schema(request=None, responses=RoundSerializer)
    @action(detail=True, methods=["post"], url_path="start-scoring")
    def start_scoring(self, request, pk=None):
        """Assign every admitted nominee to every expert of the panel (conflicts recorded) and
        start the scoring."""
        return self.shown(services.round_start_scoring(actor=request.user, round=self.get_object()))

    @extend_schema(request=None, responses=EntrySerializer(many=True))
    @action(detail=True, methods=["post"])
    def rank(self, request, pk=None):
        """Rank the nominees once every scoresheet is in; the first within the quota go on
        public notice. Answers the ranking."""
        round_ = self.get_object()
        services.round_rank(actor=request.user, round=round_)
        return self.entries(queries.ranking(round_), full=True)

    @extend_schema(request=None, responses=RoundSerializer)
    @action(detail=True, methods=["post"])
    def announce(self, request, pk=None):
        """Name the winners once the notice has run with no objection open (an award round's
        winners get their reward granted and a credential)."""
        return self.shown(services.round_announce(actor=request.user, round=self.get_object()))

    @extend_schema(responses=EntrySerializer(many=True), filters=False)
    @action(detail=True, methods=["get"], pagination_class=None, filter_backends=[])
    def ranking(self, request, pk=None):
        """The whole ranking with each nominee's figures and breakdown (office and leaders)."""
        return self.entries(queries.ranking(self.get_object()), full=True)

    @extend_schema(responses=EntrySerializer(many=True), filters=False)
    @action(detail=True, methods=["get"], pagination_class=None, filter_backends=[])
    def notice(self, request, pk=None):
        """The public notice: the nominees on notice and the named (everyone signed in)."""
        round_ = self.get_object()
        return self.entries(
            queries.ranking(round_).filter(status__in=PUBLIC_ENTRY).select_related("round"),
            full=request.user.has_perm("awards.view_ranking"),
        )

    @extend_schema(responses=ProgressSerializer, filters=False)
    @action(detail=True, methods=["get"], pagination_class=None, filter_backends=[])
    def progress(self, request, pk=None):
        """Scoresheets submitted of those to submit, in all and per expert (no scores)."""
        round_ = self.get_object()
        progress = queries.scoring_progress(round_)
        per_expert = progress["per_expert"]
        experts = [
            {
                "expert": member.expert_id,
                "name": member.expert.name,
                "done": per_expert.get(member.expert_id, (0, 0))[0],
                "total": per_expert.get(member.expert_id, (0, 0))[1],
            }
            for member in round_.panel.select_related("expert")
        ]
        body = {"done": progress["done"], "total": progress["total"], "experts": experts}
        return Response(ProgressSerializer(body).data)

    def entries(self, entries, *, full: bool) -> Response:
        rows = entries.select_related("round").order_by("rank")
        return Response(EntrySerializer(rows, many=True, context={"full": full}).data)


# Experts -------------------------------------------------------------------------------------


class ExpertViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ActionViewSet):
    """The pool of evaluation experts (the office)."""

    queryset = Expert.objects.select_related("employer")
    serializer_class = ExpertSerializer
    filterset_class = ExpertFilter
    ordering_fields = ["id", "name"]
    action_checks = {"list": "awards.manage_round", "retrieve": "awards.manage_round"}


# Nominations ---------------------------------------------------------------------------------


class NominationViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, ActionViewSet
):
    """Nominations the caller sees: the office and leaders all; an enterprise's HR those its
    enterprises made; a talent their own. HR nominates (one talent each), changes the
    achievements, attaches files and withdraws while nominations are open; the office screens."""

    queryset = Nomination.objects.none()
    serializer_class = NominationSerializer
    filterset_class = NominationFilter
    ordering_fields = ["id", "created_at"]
    http_method_names = ["get", "post", "patch", "head", "options"]
    action_checks = {"create": is_hr, "screen": "awards.screen_nomination"}

    def get_queryset(self):
        return queries.nominations_for(self.request.user).prefetch_related("attachments")

    def shown(self, nomination, code: int = status.HTTP_200_OK) -> Response:
        return Response(
            NominationSerializer(self.get_queryset().get(pk=nomination.pk)).data, status=code
        )

    def changeable(self):
        nomination = self.get_object()
        require_object_perm(self.request.user, "awards.change_nomination", nomination)
        return nomination

    @extend_schema(request=NominationCreateSerializer, responses={201: NominationSerializer})
    def create(self, request):
        """Nominate a talent of one's enterprise in a round open for nominations."""
        form = NominationCreateSerializer(
            data=request.data, rounds=queries.rounds_for(request.user)
        )
        form.is_valid(raise_exception=True)
        nomination = services.nomination_create(actor=request.user, **form.validated_data)
        return self.shown(nomination, status.HTTP_201_CREATED)

    @extend_schema(request=AchievementsSerializer, responses=NominationSerializer)
    def partial_update(self, request, pk=None):
        """Change the achievements (while nominations are open and before screening)."""
        nomination = self.changeable()
        data = valid(AchievementsSerializer, request.data)
        nomination = services.nomination_update(
            actor=request.user, nomination=nomination, achievements=data["achievements"]
        )
        return self.shown(nomination)

    @extend_schema(request=None, responses=NominationSerializer)
    @action(detail=True, methods=["post"])
    def withdraw(self, request, pk=None):
        """Withdraw a nomination while nominations are open."""
        nomination = services.nomination_withdraw(actor=request.user, nomination=self.changeable())
        return self.shown(nomination)

    @extend_schema(request=NominationScreenSerializer, responses=NominationSerializer)
    @action(detail=True, methods=["post"])
    def screen(self, request, pk=None):
        """Admit the nomination, or refuse it with the reason (the office, while screening)."""
        nomination = self.get_object()
        data = valid(NominationScreenSerializer, request.data)
        nomination = services.nomination_screen(
            actor=request.user,
            nomination=nomination,
            admit=data["admit"],
            reason=data.get("reason", ""),
        )
        return self.shown(nomination)

    @extend_schema(
        request=NominationAttachmentUploadSerializer,
        responses={201: NominationAttachmentSerializer},
    )
    @action(detail=True, methods=["post"], parser_classes=[MultiPartParser, FormParser])
    def attach(self, request, pk=None):
        """Attach a file to the nomination (multipart `file`)."""
        nomination = self.changeable()
        data = valid(NominationAttachmentUploadSerializer, request.data)
        attachment = services.nomination_attach(
            actor=request.user, nomination=nomination, upload=data["file"]
        )
        return Response(
            NominationAttachmentSerializer(attachment).data, status=status.HTTP_201_CREATED
        )

    @extend_schema(
        parameters=[NomineeEligibilityQuerySerializer],
        responses=NomineeEligibilitySerializer,
        filters=False,
    )
    @action(detail=False, methods=["get"], pagination_class=None, filter_backends=[])
    def check(self, request):
        """Whether a talent may be nominated in a round, clause by clause (HR of the talent's
        employer, and the office)."""
        form = NomineeEligibilityQuerySerializer(
            data=request.query_params, rounds=queries.rounds_for(request.user)
        )
        form.is_valid(raise_exception=True)
        round_, talent = form.validated_data["round"], form.validated_data["talent"]
        if not (is_office(request.user) or request.user.has_perm("awards.nominate", talent)):
            raise exceptions.PermissionDenied()
        return Response(NomineeEligibilitySerializer(services.check_nominee(round_, talent)).data)


# Assignments ---------------------------------------------------------------------------------


class AssignmentViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ActionViewSet):
    """The caller's own assignments as an expert (none for anyone else): the nominee, the
    criteria, their own scores, and the conflict of interest when there is one (never scored)."""

    queryset = Assignment.objects.none()
    serializer_class = AssignmentSerializer
    filterset_class = AssignmentFilter
    ordering_fields = ["id", "submitted_at"]

    def get_queryset(self):
        return queries.assignments_for(self.request.user).prefetch_related(
            "scores",
            "nomination__attachments",
            Prefetch("round__criteria", queryset=Criterion.objects.order_by("position")),
        )

    @extend_schema(request=ScoreInputSerializer, responses=AssignmentSerializer)
    @action(detail=True, methods=["post"])
    def score(self, request, pk=None):
        """Score the nominee on every criterion (again, to revise, while the round is scored)."""
        assignment = self.get_object()
        require_object_perm(request.user, "awards.score", assignment)
        data = valid(ScoreInputSerializer, request.data)
        assignment = services.score_submit(
            actor=request.user,
            assignment=assignment,
            points=data["points"],
            comment=data.get("comment", ""),
        )
        return Response(AssignmentSerializer(self.get_queryset().get(pk=assignment.pk)).data)


# The ranking entries and objections ----------------------------------------------------------


class EntryViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ActionViewSet):
    """Ranking entries: the office and leaders every one with its figures; anyone else those on
    notice and the named, without figures. The office records a programme's outcome."""

    queryset = RankingEntry.objects.none()
    serializer_class = EntrySerializer
    filterset_class = EntryFilter
    ordering_fields = ["id", "rank"]
    action_checks = {"outcome": "awards.record_outcome"}

    def get_queryset(self):
        return entries_for(self.request.user)

    def get_serializer_context(self):
        return {
            **super().get_serializer_context(),
            "full": self.request.user.has_perm("awards.view_ranking"),
        }

    @extend_schema(request=OutcomeSerializer, responses=EntrySerializer)
    @action(detail=True, methods=["post"])
    def outcome(self, request, pk=None):
        """Record the programme's decision on a recommended nominee."""
        entry = self.get_object()
        data = valid(OutcomeSerializer, request.data)
        entry = services.outcome_record(
            actor=request.user,
            entry=entry,
            selected=data["selected"],
            decided_on=data["decided_on"],
            note=data.get("note", ""),
        )
        found = self.get_queryset().get(pk=entry.pk)
        return Response(EntrySerializer(found, context=self.get_serializer_context()).data)


class ObjectionViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, ActionViewSet
):
    """Objections to nominees on public notice: anyone signed in lodges one; the office reads
    them all and upholds or dismisses them, anyone else reads their own."""

    queryset = Objection.objects.none()
    serializer_class = ObjectionSerializer
    filterset_class = ObjectionFilter
    ordering_fields = ["id", "created_at"]
    action_checks = {"create": "awards.lodge_objection", "resolve": "awards.resolve_objection"}

    def get_queryset(self):
        objections = Objection.objects.select_related("entry", "entry__nomination__talent")
        if is_office(self.request.user):
            return objections
        return objections.filter(lodged_by=self.request.user)

    @extend_schema(request=EntryObjectionLodgeSerializer, responses={201: ObjectionSerializer})
    def create(self, request):
        """Object to a nominee on public notice, with the reason."""
        form = EntryObjectionLodgeSerializer(data=request.data, entries=entries_for(request.user))
        form.is_valid(raise_exception=True)
        objection = services.objection_lodge(actor=request.user, **form.validated_data)
        return Response(
            ObjectionSerializer(Objection.objects.get(pk=objection.pk)).data,
            status=status.HTTP_201_CREATED,
        )

    @extend_schema(request=EntryObjectionResolveSerializer, responses=ResolvedSerializer)
    @action(detail=True, methods=["post"])
    def resolve(self, request, pk=None):
        """Uphold the objection (the nominee leaves the notice and the next moves up) or
        dismiss it, with the resolution."""
        objection = self.get_object()
        data = valid(EntryObjectionResolveSerializer, request.data)
        promoted = services.objection_resolve(
            actor=request.user,
            objection=objection,
            uphold=data["uphold"],
            resolution=data["resolution"],
        )
        if promoted is not None:
            promoted = entries_for(request.user).get(pk=promoted.pk)
        body = {"objection": self.get_queryset().get(pk=objection.pk), "promoted": promoted}
        return Response(ResolvedSerializer(body, context={"full": True}).data)
