"""The case desk REST API (/api/v1/cases/): viewsets over `queries` (reads) and `services`
(writes), with the serializers in `serializers.py`.

The platform's conventions hold: a case outside the caller's scope answers 404 (the viewset's
queryset is `queries.visible_cases`), a visible case the caller may not act on answers 403
(checked before the input is read, and again by the service), and a service's ValidationError
answers 400 with the message on the field at fault. An id in the body that the caller cannot see
is a 400 on that field ("no such case"), never a hint that it exists.
"""

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, serializers, status
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response

from talentzone.core.choices import Role
from talentzone.core.roles import has_role
from talentzone.core.viewsets import ActionViewSet, require_object_perm, valid
from talentzone.directory.models import GridTeam

from . import queries, services
from .filters import CaseFilter
from .models import (
    Case,
    CaseEvent,
    Category,
    Consultation,
    ConsultationTask,
    Liaison,
    LiaisonVisit,
    Visit,
)
from .rules import grids_of
from .serializers import (
    AttachSerializer,
    CaseDetailSerializer,
    CaseEventSerializer,
    CaseRaiseSerializer,
    CaseReasonSerializer,
    CaseSerializer,
    CategorySerializer,
    CommentSerializer,
    ConfirmSerializer,
    ConsultationRecordSerializer,
    ConsultationScheduleSerializer,
    ConsultationSerializer,
    ConsultationTaskSerializer,
    DepartmentChangeSerializer,
    EscalateSerializer,
    GridOverviewSerializer,
    LiaisonScheduleSerializer,
    LiaisonSerializer,
    LiaisonVisitRecordSerializer,
    LiaisonVisitSerializer,
    ResolveSerializer,
    TaskDoneSerializer,
    VisitDueSerializer,
    VisitPlanSerializer,
    VisitRecordSerializer,
    VisitSerializer,
    YearQuerySerializer,
)


def is_office(user) -> bool:
    return has_role(user, Role.OFFICE_ADMIN)


def reads_visits(user) -> bool:
    """The office and leaders read every team's visits; grid officers their team's."""
    return has_role(user, Role.OFFICE_ADMIN, Role.LEADER, Role.GRID_OFFICER)


def reads_liaisons(user) -> bool:
    return has_role(user, Role.OFFICE_ADMIN, Role.LEADER)


def reads_everything(user) -> bool:
    return has_role(user, Role.OFFICE_ADMIN, Role.LEADER)


def findings_of(rows) -> list[dict]:
    return [
        {"category": row["category"], "title": row["title"], "description": row["description"]}
        for row in rows or ()
    ]


class CasesViewSet(ActionViewSet):
    """The case desk endpoints' base: one permission per action (core.viewsets.ActionViewSet)."""


# Categories ----------------------------------------------------------------------------------


class CategoryViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, CasesViewSet):
    """What a case may be about, with the department of level 2 and the working days each
    level has. Everyone signed in reads them (the raise form's choices)."""

    queryset = Category.objects.select_related("department")
    serializer_class = CategorySerializer
    filter_backends = []
    pagination_class = None


# Cases ---------------------------------------------------------------------------------------


CASE_RELATIONS = ("category", "team", "department", "enterprise", "talent", "raised_by")


def case_details(queryset):
    return queryset.select_related("resolved_by", "visit", "liaison_visit").prefetch_related(
        Prefetch("events", queryset=CaseEvent.objects.select_related("actor")),
        "attachments__uploaded_by",
        "escalations__by",
        Prefetch(
            "consultations",
            queryset=Consultation.objects.prefetch_related("departments", "tasks__department"),
        ),
    )


class CaseViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, CasesViewSet
):
    """The cases the caller sees (`scope=all`, the default) or must act on (`scope=mine`):
    grid officers their grid team's, department members those at their department, the office
    and leaders every case, enterprise HR their enterprise's, a talent their own. A case shows
    its timeline, files, escalations and consultations; the POST actions work it."""

    queryset = Case.objects.none()
    serializer_class = CaseSerializer
    filterset_class = CaseFilter
    ordering_fields = ["id", "opened_on", "due_on", "level"]
    action_checks = {"create": "cases.raise_case"}

    def get_queryset(self):
        cases = queries.visible_cases(self.request.user)
        if self.action == "list":
            return cases
        return case_details(cases)

    def get_serializer_class(self):
        return CaseSerializer if self.action == "list" else CaseDetailSerializer

    def filter_queryset(self, queryset):
        # Only the list filters: a case's own endpoints find it among every visible case.
        if self.action != "list":
            return queryset
        return super().filter_queryset(queryset)

    def shown(self, case: Case, code: int = status.HTTP_200_OK) -> Response:
        # The case as the step left it, even when the step took it out of the caller's sight
        # (a department handing it to another).
        case = case_details(Case.objects.select_related(*CASE_RELATIONS)).get(pk=case.pk)
        return Response(CaseDetailSerializer(case).data, status=code)

    def allowed(self, perm: str) -> Case:
        case = self.get_object()
        require_object_perm(self.request.user, perm, case)
        return case

    @extend_schema(request=CaseRaiseSerializer, responses={201: CaseDetailSerializer})
    def create(self, request):
        """Raise a case (JSON, or multipart with `files`): routed to the grid team of the
        enterprise (or of the talent's employer) at level 1."""
        data = valid(CaseRaiseSerializer, request.data)
        case = services.case_raise(
            actor=request.user,
            category=data["category"],
            title=data["title"],
            description=data["description"],
            enterprise=data.get("enterprise"),
            talent=data.get("talent"),
            files=data.get("files") or (),
        )
        return self.shown(case, status.HTTP_201_CREATED)

    @extend_schema(request=EscalateSerializer, responses=CaseDetailSerializer)
    @action(detail=True, methods=["post"])
    def escalate(self, request, pk=None):
        """Move the case up one level, saying why (from level 1 optionally naming the
        department of level 2)."""
        case = self.allowed("cases.escalate_case")
        data = valid(EscalateSerializer, request.data)
        case = services.case_escalate(
            actor=request.user,
            case=case,
            reason=data["reason"],
            department=data.get("department"),
        )
        return self.shown(case)

    @extend_schema(request=CommentSerializer, responses={201: CaseEventSerializer})
    @action(detail=True, methods=["post"])
    def comment(self, request, pk=None):
        """Add a note to the case's timeline."""
        case = self.allowed("cases.comment_case")
        note = valid(CommentSerializer, request.data)["note"]
        event = services.case_comment(actor=request.user, case=case, note=note)
        return Response(CaseEventSerializer(event).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=DepartmentChangeSerializer, responses=CaseDetailSerializer)
    @action(detail=True, methods=["post"])
    def department(self, request, pk=None):
        """Hand a level-2 case to another department, saying why."""
        case = self.allowed("cases.change_department")
        data = valid(DepartmentChangeSerializer, request.data)
        case = services.case_change_department(
            actor=request.user, case=case, department=data["department"], reason=data["reason"]
        )
        return self.shown(case)

    @extend_schema(request=ResolveSerializer, responses=CaseDetailSerializer)
    @action(detail=True, methods=["post"])
    def resolve(self, request, pk=None):
        """Say what was done: the requester then confirms (with a rating) or reopens."""
        case = self.allowed("cases.resolve_case")
        resolution = valid(ResolveSerializer, request.data)["resolution"]
        case = services.case_resolve(actor=request.user, case=case, resolution=resolution)
        return self.shown(case)

    @extend_schema(request=ConfirmSerializer, responses=CaseDetailSerializer)
    @action(detail=True, methods=["post"])
    def confirm(self, request, pk=None):
        """The requester confirms a resolved case and rates the service (1–5): it closes."""
        case = self.allowed("cases.answer_case")
        data = valid(ConfirmSerializer, request.data)
        case = services.case_confirm(
            actor=request.user, case=case, rating=data["rating"], comment=data["comment"]
        )
        return self.shown(case)

    @extend_schema(request=CaseReasonSerializer, responses=CaseDetailSerializer)
    @action(detail=True, methods=["post"])
    def reopen(self, request, pk=None):
        """The requester reopens a resolved case, saying why: it is open again at its level."""
        case = self.allowed("cases.answer_case")
        reason = valid(CaseReasonSerializer, request.data)["reason"]
        case = services.case_reopen(actor=request.user, case=case, reason=reason)
        return self.shown(case)

    @extend_schema(
        request={"multipart/form-data": AttachSerializer},
        responses=CaseDetailSerializer,
    )
    @action(detail=True, methods=["post"], parser_classes=[MultiPartParser, FormParser])
    def attach(self, request, pk=None):
        """Attach a file (multipart, field `file`, at most 20 MB)."""
        case = self.allowed("cases.comment_case")
        uploaded = valid(AttachSerializer, request.data)["file"]
        services.case_attach(actor=request.user, case=case, uploaded_file=uploaded)
        return self.shown(case)

    @extend_schema(responses=CaseEventSerializer(many=True), filters=False)
    @action(detail=True, methods=["get"], pagination_class=None)
    def timeline(self, request, pk=None):
        """Everything that happened to the case, oldest first."""
        case = self.get_object()
        return Response(CaseEventSerializer(queries.timeline(case), many=True).data)


def case_or_400(user, case_id: int, field: str = "case") -> Case:
    case = queries.visible_cases(user).filter(pk=case_id).first()
    if case is None:
        raise serializers.ValidationError({field: [_("No such case.")]})
    return case


# Consultations and tasks ---------------------------------------------------------------------


class ConsultationViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, CasesViewSet
):
    """The joint consultations (level 3) of the cases the caller sees. The office schedules one
    (POST) and records it once held (`record`: minutes, decision and a task per department)."""

    queryset = Consultation.objects.none()
    serializer_class = ConsultationSerializer
    filter_backends = []
    action_checks = {"create": is_office, "record": is_office}

    def get_queryset(self):
        visible = queries.visible_cases(self.request.user).values("pk")
        return (
            Consultation.objects.filter(case__in=visible)
            .prefetch_related("departments", "tasks__department")
            .order_by("-scheduled_at", "-id")
        )

    def shown(self, consultation: Consultation, code: int = status.HTTP_200_OK) -> Response:
        consultation = self.get_queryset().get(pk=consultation.pk)
        return Response(ConsultationSerializer(consultation).data, status=code)

    @extend_schema(request=ConsultationScheduleSerializer, responses={201: ConsultationSerializer})
    def create(self, request):
        """Schedule the consultation of a level-3 case and invite the departments."""
        data = valid(ConsultationScheduleSerializer, request.data)
        case = case_or_400(request.user, data["case"])
        require_object_perm(request.user, "cases.convene_consultation", case)
        consultation = services.consultation_schedule(
            actor=request.user,
            case=case,
            scheduled_at=data["scheduled_at"],
            place=data["place"],
            departments=data["departments"],
            chair=data["chair"],
        )
        return self.shown(consultation, status.HTTP_201_CREATED)

    @extend_schema(request=ConsultationRecordSerializer, responses=ConsultationSerializer)
    @action(detail=True, methods=["post"])
    def record(self, request, pk=None):
        """Record the meeting: minutes, decision, and the tasks it gave the departments."""
        consultation = self.get_object()
        require_object_perm(request.user, "cases.convene_consultation", consultation.case)
        data = valid(ConsultationRecordSerializer, request.data)
        consultation = services.consultation_record(
            actor=request.user,
            consultation=consultation,
            minutes=data["minutes"],
            decision=data["decision"],
            tasks=[dict(row) for row in data["tasks"]],
        )
        return self.shown(consultation)


class TaskViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, CasesViewSet):
    """The consultations' tasks of the cases the caller sees; `done` (POST) is for a member of
    the owner department (or the office)."""

    queryset = ConsultationTask.objects.none()
    serializer_class = ConsultationTaskSerializer
    filter_backends = []

    def get_queryset(self):
        visible = queries.visible_cases(self.request.user).values("pk")
        return (
            ConsultationTask.objects.filter(consultation__case__in=visible)
            .select_related("department", "consultation")
            .order_by("due_on", "id")
        )

    @extend_schema(request=TaskDoneSerializer, responses=ConsultationTaskSerializer)
    @action(detail=True, methods=["post"])
    def done(self, request, pk=None):
        """Mark the task done, saying what was done."""
        task = self.get_object()
        require_object_perm(request.user, "cases.finish_task", task)
        note = valid(TaskDoneSerializer, request.data)["note"]
        task = services.task_done(actor=request.user, task=task, note=note)
        return Response(ConsultationTaskSerializer(self.get_queryset().get(pk=task.pk)).data)


# Visits --------------------------------------------------------------------------------------


def teams_read_by(user):
    """The grid teams whose visits the user reads: every team for the office and leaders."""
    if reads_everything(user):
        return GridTeam.objects.all()
    return GridTeam.objects.filter(grid_id__in=grids_of(user))


class VisitViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, CasesViewSet
):
    """The grid teams' visits to their enterprises (grid officers their team's; the office and
    leaders all). Recording one turns each finding into a case of the enterprise."""

    queryset = Visit.objects.none()
    serializer_class = VisitSerializer
    filter_backends = []
    action_checks = {
        "list": reads_visits,
        "retrieve": reads_visits,
        "due": reads_visits,
        "create": "cases.record_visit",
    }

    def get_queryset(self):
        return (
            Visit.objects.filter(team__in=teams_read_by(self.request.user))
            .select_related("team", "enterprise")
            .prefetch_related("cases")
        )

    def default_team(self, enterprise) -> GridTeam:
        """The caller's grid team (a grid officer of one grid), else the enterprise's."""
        grids = grids_of(self.request.user)
        team = None
        if len(grids) == 1:
            team = GridTeam.objects.filter(grid_id=next(iter(grids))).first()
        if team is None:
            team = GridTeam.objects.filter(grid_id=enterprise.grid_id).first()
        if team is None:
            raise serializers.ValidationError(
                {"team": [_("The enterprise's grid has no grid team.")]}
            )
        return team

    @extend_schema(request=VisitRecordSerializer, responses={201: VisitSerializer})
    def create(self, request):
        """Record a visit with what was heard; each finding becomes a case (all or none)."""
        data = valid(VisitRecordSerializer, request.data)
        team = data.get("team") or self.default_team(data["enterprise"])
        visit = services.visit_record(
            actor=request.user,
            team=team,
            enterprise=data["enterprise"],
            visited_on=data["visited_on"],
            visitors=data["visitors"],
            met=data["met"],
            notes=data["notes"],
            findings=findings_of(data.get("findings")),
        )
        visit = Visit.objects.select_related("team", "enterprise").get(pk=visit.pk)
        return Response(VisitSerializer(visit).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        responses=VisitDueSerializer(many=True),
        filters=False,
        parameters=[OpenApiParameter("team", OpenApiTypes.INT, description="A grid team.")],
    )
    @action(detail=False, methods=["get"])  # enterprises of the zone: paginated
    def due(self, request):
        """The enterprises due a visit soon or overdue (overdue first), by the team's plan."""
        teams = teams_read_by(request.user)
        team_id = request.query_params.get("team")
        if team_id:
            if not team_id.isdigit():
                raise serializers.ValidationError({"team": [_("Not a grid team.")]})
            teams = teams.filter(pk=int(team_id))
        page = self.paginate_queryset(queries.visits_due(teams=list(teams)))
        return self.get_paginated_response(VisitDueSerializer(page, many=True).data)


def plan_row(team: GridTeam) -> dict:
    plan = queries.visit_plan_of(team)  # the defaults when it has none
    return {
        "team": team.pk,
        "team_name": team.name,
        "grid": team.grid_id,
        "grid_name": team.grid.name,
        "interval_days": plan.interval_days,
        "due_soon_days": plan.due_soon_days,
    }


class VisitPlanViewSet(mixins.ListModelMixin, mixins.UpdateModelMixin, CasesViewSet):
    """How often each grid team visits its enterprises (`/visit-plans/<team id>/`; a team
    without a plan shows the defaults). The office changes them (PATCH)."""

    queryset = GridTeam.objects.none()
    serializer_class = VisitPlanSerializer
    filter_backends = []
    pagination_class = None
    http_method_names = ["get", "patch", "head", "options"]
    action_checks = {"list": reads_visits, "partial_update": "cases.change_visit_plan"}

    def get_queryset(self):
        return teams_read_by(self.request.user).select_related("grid").order_by("grid__name", "id")

    def list(self, request):
        rows = [plan_row(team) for team in self.get_queryset()]
        return Response(VisitPlanSerializer(rows, many=True).data)

    def partial_update(self, request, pk=None):
        team = self.get_object()
        form = VisitPlanSerializer(data=request.data, partial=True)
        form.is_valid(raise_exception=True)
        data = form.validated_data
        current = plan_row(team)
        services.visit_plan_set(
            actor=request.user,
            team=team,
            interval_days=data.get("interval_days", current["interval_days"]),
            due_soon_days=data.get("due_soon_days"),
        )
        team = self.get_queryset().get(pk=team.pk)
        return Response(VisitPlanSerializer(plan_row(team)).data)


# Liaisons ------------------------------------------------------------------------------------


class LiaisonViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, CasesViewSet
):
    """Leaders paired with the experts they look after (the office and leaders read them; the
    office pairs and ends them). A leader records their visits (`visits`); findings become
    cases about the expert."""

    queryset = Liaison.objects.none()
    serializer_class = LiaisonSerializer
    filter_backends = []
    action_checks = {
        "list": reads_liaisons,
        "retrieve": reads_liaisons,
        "schedule": reads_liaisons,
        "create": "cases.manage_liaison",
        "end": "cases.manage_liaison",
        "visits": reads_liaisons,
    }

    def get_queryset(self):
        return Liaison.objects.select_related("leader", "expert").order_by("-active", "id")

    def create(self, request):
        """Pair a leader with an expert (one active leader per expert)."""
        form = LiaisonSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        data = form.validated_data
        liaison = services.liaison_create(
            actor=request.user,
            leader=data["leader"],
            expert=data["expert"],
            interval_days=data.get("interval_days") or 90,
            since=data.get("since"),
        )
        return Response(
            LiaisonSerializer(self.get_queryset().get(pk=liaison.pk)).data,
            status=status.HTTP_201_CREATED,
        )

    @extend_schema(request=None, responses=LiaisonSerializer)
    @action(detail=True, methods=["post"])
    def end(self, request, pk=None):
        """End the pairing (kept, inactive)."""
        liaison = self.get_object()
        liaison = services.liaison_end(actor=request.user, liaison=liaison)
        return Response(LiaisonSerializer(self.get_queryset().get(pk=liaison.pk)).data)

    @extend_schema(request=LiaisonVisitRecordSerializer, responses={201: LiaisonVisitSerializer})
    @action(detail=True, methods=["post"])
    def visits(self, request, pk=None):
        """The leader records a visit to their expert; each finding becomes a case."""
        liaison = self.get_object()
        require_object_perm(request.user, "cases.record_liaison_visit", liaison)
        data = valid(LiaisonVisitRecordSerializer, request.data)
        visit = services.liaison_visit_record(
            actor=request.user,
            liaison=liaison,
            visited_on=data["visited_on"],
            notes=data["notes"],
            findings=findings_of(data.get("findings")),
        )
        visit = LiaisonVisit.objects.prefetch_related("cases").get(pk=visit.pk)
        return Response(LiaisonVisitSerializer(visit).data, status=status.HTTP_201_CREATED)

    @extend_schema(responses=LiaisonScheduleSerializer(many=True), filters=False)
    @action(detail=False, methods=["get"], pagination_class=None)
    def schedule(self, request):
        """When each active pairing's next visit is due: a leader's own, every one for the
        office."""
        leader = None if is_office(request.user) else request.user
        rows = queries.liaison_schedule(leader=leader)
        return Response(LiaisonScheduleSerializer(rows, many=True).data)


# Grid overview -------------------------------------------------------------------------------


class GridOverviewViewSet(CasesViewSet):
    """Per grid team, for a year: enterprises, open and overdue cases, cases solved that year
    and the average days to solve them. Staff (office, leaders, reviewers, grid officers)."""

    serializer_class = GridOverviewSerializer
    filter_backends = []
    pagination_class = None
    action_checks = {"list": "cases.view_overview"}

    @extend_schema(parameters=[YearQuerySerializer], responses=GridOverviewSerializer(many=True))
    def list(self, request):
        year = valid(YearQuerySerializer, request.query_params).get("year")
        rows = queries.grid_overview(year=year or timezone.localdate().year)
        return Response(GridOverviewSerializer(rows, many=True).data)
