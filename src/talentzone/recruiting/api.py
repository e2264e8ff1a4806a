"""The recruiting REST API (/api/v1/recruiting/): viewsets over `queries` (reads), `search`
(matches and explanations) and `services` (writes), with the serializers in `serializers.py`.

The registry API's conventions hold here too: a record outside the caller's scope answers 404
(the viewset's queryset is the visible one), a visible record the caller may not act on answers
403 (checked before the input is read, and always again by the service), and a service's
ValidationError answers 400 with the message on the field at fault (core.api.exception_handler).
An id sent in the body or the query (a demand to refer to, a candidate) that the caller cannot
see is a 400 on that field: "no such …", never a hint that it exists.

Candidates: an agency sees the registry's open profiles and its own pool, never another
agency's; enterprise HR sees the registry's open profiles (in their own demands' match lists)
and the candidates referred to their demands; a talent sees themselves; the office everyone.
"""

from django.db.models import Prefetch, Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions, mixins, serializers, status
from rest_framework.decorators import action
from rest_framework.response import Response

from talentzone.core.choices import Role
from talentzone.core.roles import has_role
from talentzone.core.viewsets import ActionViewSet, StableOrderingFilter, require_object_perm, valid
from talentzone.directory.choices import TalentStatus
from talentzone.directory.models import Agency, Enterprise, Talent
from talentzone.directory.queries import member_ids

from . import queries, search, services
from .filters import DemandFilter, ReferralFilter
from .models import CandidateProfile, Demand, Interview, Project, Referral, Skill
from .serializers import (
    PROFILE_DATA_FIELDS,
    AgencyPerformanceSerializer,
    CandidateSerializer,
    DemandFitSerializer,
    DemandSerializer,
    ExplainQuerySerializer,
    ExplanationSerializer,
    FitQuerySerializer,
    HireSerializer,
    InterviewRecordSerializer,
    InterviewScheduleSerializer,
    InterviewSerializer,
    MatchQuerySerializer,
    MatchSerializer,
    OfferSerializer,
    PerformanceQuerySerializer,
    PoolCandidateSerializer,
    PoolRegistrationSerializer,
    ProfileSerializer,
    ProjectSerializer,
    ReasonSerializer,
    ReferralCreateSerializer,
    ReferralEventSerializer,
    ReferralSerializer,
    ScreenSerializer,
    SkillSerializer,
)


def oversees(user) -> bool:
    return has_role(user, Role.OFFICE_ADMIN, Role.LEADER)


def reads_performance(user) -> bool:
    """The office and leaders read every agency's figures; agency staff their own."""
    return oversees(user) or has_role(user, Role.AGENCY_STAFF)


def registers_candidates(user) -> bool:
    return has_role(user, Role.OFFICE_ADMIN, Role.AGENCY_STAFF)


class RecruitingViewSet(ActionViewSet):
    """The recruiting endpoints' base: one permission per action (core.viewsets.ActionViewSet)."""


# Candidates the caller may see ---------------------------------------------------------------


def visible_candidates(user):
    """Talents the user may see as candidates: the ones they may refer (an agency: the
    registry's open profiles and its own pool), the registry's open profiles for enterprise HR
    (their match lists), the candidates of referrals they see, the agency's own candidates
    whatever their profile says, and the user's own record. Every talent for the office."""
    if has_role(user, Role.OFFICE_ADMIN, Role.LEADER):
        return Talent.objects.all()
    scope = Q(pk__in=queries.pool_candidates(user).values("pk"))
    scope |= Q(pk__in=queries.visible_referrals(user).values("talent"))
    if user.is_authenticated:
        scope |= Q(user=user)
    pools = search.pools_for(user)
    if pools:  # enterprise HR: the registry's open profiles their match lists show
        open_profiles = Q(profile__open_to_offers=True) & ~Q(status=TalentStatus.LEFT)
        scope |= open_profiles & queries.pool_scope(pools)
    agencies = member_ids(user, "agency") if has_role(user, Role.AGENCY_STAFF) else ()
    if agencies:
        scope |= Q(status=TalentStatus.CANDIDATE, agency__in=agencies)
    return Talent.objects.filter(scope)


def demand_or_400(user, demand_id: int, field: str = "demand") -> Demand:
    demand = queries.visible_demands(user).filter(pk=demand_id).first()
    if demand is None:
        raise serializers.ValidationError({field: [_("No such demand.")]})
    return demand


# Matches as the API shows them ---------------------------------------------------------------

# A miss names its requirement; the part it costs points in has the plural name.
MISS_PARTS = {"skill": "skills"}


def match_json(match) -> dict:
    """The total, parts and misses of a match: codes and the words for them."""
    data = search.match_to_json(match)
    for miss in data["misses"]:
        miss["label"] = search.match_label(MISS_PARTS.get(miss["requirement"], miss["requirement"]))
    return data


def candidates_by_id(ids) -> dict[int, Talent]:
    return {t.pk: t for t in Talent.objects.filter(pk__in=list(ids)).select_related("tier")}


def may_see_matches(user, demand: Demand) -> bool:
    """Agencies and the office propose candidates; the demand's enterprise sees its registry
    matches. A talent never sees who else is proposed, nor another enterprise who applies."""
    if user.has_perm("recruiting.refer"):
        return True
    enterprises = member_ids(user, "enterprise") if has_role(user, Role.ENTERPRISE_HR) else ()
    return demand.enterprise_id in enterprises


# Skills and projects -------------------------------------------------------------------------


class SkillViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    RecruitingViewSet,
):
    """The skills list with synonyms: everyone signed in reads it; the office keeps it."""

    queryset = Skill.objects.order_by("name")
    serializer_class = SkillSerializer
    ordering_fields = ["id", "name"]
    http_method_names = ["get", "post", "put", "patch", "head", "options"]
    action_checks = {
        "create": "recruiting.manage_skill",
        "update": "recruiting.manage_skill",
        "partial_update": "recruiting.manage_skill",
    }

    def perform_create(self, serializer):
        serializer.instance = services.skill_save(
            actor=self.request.user, skill=Skill(**serializer.validated_data)
        )

    def perform_update(self, serializer):
        skill = serializer.instance
        for name, value in serializer.validated_data.items():
            setattr(skill, name, value)
        serializer.instance = services.skill_save(actor=self.request.user, skill=skill)


class ProjectViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    RecruitingViewSet,
):
    """Talent projects and university–enterprise cooperation projects; the office keeps them.
    Funding in fen."""

    queryset = Project.objects.none()
    serializer_class = ProjectSerializer
    filterset_fields = ["kind", "status", "enterprise"]
    ordering_fields = ["id", "starts_on", "ends_on", "funding", "title"]
    http_method_names = ["get", "post", "put", "patch", "head", "options"]
    action_checks = {
        "create": "recruiting.manage_project",
        "update": "recruiting.manage_project",
        "partial_update": "recruiting.manage_project",
    }

    def get_queryset(self):
        return (
            queries.visible_projects(self.request.user)
            .select_related("enterprise")
            .prefetch_related("people")
        )

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        people = data.pop("people", None)
        serializer.instance = self._save(Project(**data), people)

    def perform_update(self, serializer):
        data = dict(serializer.validated_data)
        people = data.pop("people", None)
        project = serializer.instance
        for name, value in data.items():
            setattr(project, name, value)
        serializer.instance = self._save(project, people)

    def _save(self, project: Project, people) -> Project:
        saved = services.project_save(actor=self.request.user, project=project, people=people)
        return self.get_queryset().get(pk=saved.pk)


# Demands -------------------------------------------------------------------------------------


class DemandViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    RecruitingViewSet,
):
    """The demand board: an enterprise's HR sees and posts its own demands (the office posts
    high-level ones under a project); agencies and talents see the open ones; the office and
    leaders every one. `skills` rows are {text, required}: a write that sends them replaces
    them. Demands are closed, never deleted."""

    queryset = Demand.objects.none()
    serializer_class = DemandSerializer
    filterset_class = DemandFilter
    ordering_fields = ["id", "created_at", "deadline", "salary_max", "headcount"]
    http_method_names = ["get", "post", "put", "patch", "head", "options"]
    action_checks = {"create": "recruiting.post_demand"}

    def get_queryset(self):
        return (
            queries.visible_demands(self.request.user)
            .select_related("enterprise", "project", "posted_by", "min_tier")
            .prefetch_related("skills__skill")
        )

    def shown(self, demand: Demand, code: int = status.HTTP_200_OK) -> Response:
        demand = self.get_queryset().get(pk=demand.pk)
        return Response(DemandSerializer(demand).data, status=code)

    def create(self, request):
        form = DemandSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        data = dict(form.validated_data)
        skills = data.pop("skills", None)
        if data.get("enterprise") is None:
            data["enterprise"] = own_enterprise(request.user)
        demand = services.demand_save(
            actor=request.user,
            demand=Demand(**data, posted_by=request.user),
            skills=skill_rows(skills),
        )
        return self.shown(demand, status.HTTP_201_CREATED)

    def update(self, request, pk=None, partial=False):
        demand = self.get_object()
        require_object_perm(request.user, "recruiting.post_demand", demand)
        form = DemandSerializer(demand, data=request.data, partial=partial)
        form.is_valid(raise_exception=True)
        data = dict(form.validated_data)
        skills = data.pop("skills", None)
        for name, value in data.items():
            setattr(demand, name, value)
        demand = services.demand_save(actor=request.user, demand=demand, skills=skill_rows(skills))
        return self.shown(demand)

    def partial_update(self, request, pk=None):
        return self.update(request, pk, partial=True)

    @extend_schema(request=ReasonSerializer, responses=DemandSerializer)
    @action(detail=True, methods=["post"])
    def close(self, request, pk=None):
        """Close an open demand, saying why (no more referrals)."""
        demand = self.get_object()
        require_object_perm(request.user, "recruiting.post_demand", demand)
        reason = valid(ReasonSerializer, request.data)["reason"]
        return self.shown(services.demand_close(actor=request.user, demand=demand, reason=reason))

    @extend_schema(request=None, responses=DemandSerializer)
    @action(detail=True, methods=["post"])
    def reopen(self, request, pk=None):
        """Open a closed demand again (when it has positions left)."""
        demand = self.get_object()
        require_object_perm(request.user, "recruiting.post_demand", demand)
        return self.shown(services.demand_reopen(actor=request.user, demand=demand))

    @extend_schema(
        parameters=[MatchQuerySerializer],
        responses=MatchSerializer(many=True),
        filters=False,
    )
    @action(detail=True, methods=["get"], pagination_class=None, filter_backends=[])
    def matches(self, request, pk=None):
        """The best candidates for the demand among the pools the caller searches, best first
        (`k` of them, at most 100): each with the score in named parts that add up to the
        total and the preferred requirements missed. No one who misses a required
        requirement is ever listed."""
        demand = self.get_object()
        if not may_see_matches(request.user, demand):
            raise exceptions.PermissionDenied()
        query = valid(MatchQuerySerializer, request.query_params)
        k = query.pop("k")
        found = search.matches_for(demand, request.user, k=k, filters=query)
        talents = candidates_by_id(match.candidate.id for match in found)
        rows = [
            {"candidate": talents[match.candidate.id], **match_json(match)}
            for match in found
            if match.candidate.id in talents
        ]
        return Response(MatchSerializer(rows, many=True).data)


def skill_rows(skills) -> list[dict] | None:
    if skills is None:
        return None
    return [{"text": row["text"], "required": row.get("required", False)} for row in skills]


def own_enterprise(user):
    """The enterprise of HR acting for exactly one; otherwise a 400 on `enterprise`."""
    ids = member_ids(user, "enterprise") if has_role(user, Role.ENTERPRISE_HR) else frozenset()
    if len(ids) == 1:
        return Enterprise.objects.get(pk=next(iter(ids)))
    raise serializers.ValidationError(
        {"enterprise": [_("Say which enterprise the demand is for.")]}
    )


# Candidates: the reverse view and explanations -----------------------------------------------


class CandidateViewSet(RecruitingViewSet):
    """One candidate seen from recruiting: the demands that fit them, and how they match one
    demand. A candidate the caller may not see answers 404."""

    queryset = Talent.objects.none()
    serializer_class = CandidateSerializer
    lookup_url_kwarg = "talent_id"
    lookup_value_regex = r"\d+"
    filter_backends = []
    pagination_class = None

    def get_queryset(self):
        return visible_candidates(self.request.user).select_related("tier", "profile")

    @extend_schema(parameters=[FitQuerySerializer], responses=DemandFitSerializer(many=True))
    @action(detail=True, methods=["get"])
    def demands(self, request, talent_id=None):
        """Open demands (that the caller sees) that fit the candidate: no required requirement
        failed, best first, each with the score's parts ("jobs for me" for a talent)."""
        talent = self.get_object()
        k = valid(FitQuerySerializer, request.query_params)["k"]
        fitting = search.demands_for(talent, request.user, k=search.MAX_K)
        visible = set(
            queries.visible_demands(request.user)
            .filter(pk__in=[demand.pk for demand, _match in fitting])
            .values_list("pk", flat=True)
        )
        rows = [
            {"demand": demand, **match_json(match)}
            for demand, match in fitting
            if demand.pk in visible
        ][:k]
        return Response(DemandFitSerializer(rows, many=True).data)

    @extend_schema(parameters=[ExplainQuerySerializer], responses=ExplanationSerializer)
    @action(detail=True, methods=["get"])
    def explain(self, request, talent_id=None):
        """The candidate against one demand (`?demand=<id>`): the score in parts and every
        requirement missed, required ones marked (those keep the person out of the list)."""
        talent = self.get_object()
        demand = demand_or_400(
            request.user, valid(ExplainQuerySerializer, request.query_params)["demand"]
        )
        if not may_see_matches(request.user, demand) and talent.user_id != request.user.pk:
            raise exceptions.PermissionDenied()
        match = search.explain_candidate(demand, talent, request.user)
        profile = getattr(talent, "profile", None)
        row = {
            "candidate": talent,
            "demand": demand,
            "open_to_offers": bool(profile and profile.open_to_offers),
            "total": 0.0,
            "parts": [],
            "misses": [],
        }
        if match is not None:
            row.update(match_json(match))
        row["fits"] = match is not None and not any(m["required"] for m in row["misses"])
        return Response(ExplanationSerializer(row).data)


# Profiles ------------------------------------------------------------------------------------


class ProfileViewSet(mixins.RetrieveModelMixin, RecruitingViewSet):
    """A candidate's recruiting profile, by the talent's id. Read by whoever sees the
    candidate; changed by the person, the agency holding them, or the office. A talent with no
    profile yet reads as a closed, empty one."""

    queryset = Talent.objects.none()
    serializer_class = ProfileSerializer
    lookup_url_kwarg = "talent_id"
    lookup_value_regex = r"\d+"
    filter_backends = []
    pagination_class = None
    http_method_names = ["get", "put", "patch", "head", "options"]

    def get_queryset(self):
        return visible_candidates(self.request.user).select_related("profile")

    def profile_of(self, talent: Talent) -> CandidateProfile:
        return CandidateProfile.objects.filter(talent=talent).select_related(
            "talent", "consent_recorded_by"
        ).first() or CandidateProfile(talent=talent)

    def retrieve(self, request, talent_id=None):
        return Response(ProfileSerializer(self.profile_of(self.get_object())).data)

    @extend_schema(request=ProfileSerializer, responses=ProfileSerializer)
    def update(self, request, talent_id=None, partial=False):
        """Change the profile; opening it records consent (an agency says how it was given)."""
        talent = self.get_object()
        require_object_perm(request.user, "recruiting.edit_profile", talent)
        form = ProfileSerializer(self.profile_of(talent), data=request.data, partial=partial)
        form.is_valid(raise_exception=True)
        data = dict(form.validated_data)
        consent_method = data.pop("consent_method", "") or ""
        data = {name: value for name, value in data.items() if name in PROFILE_DATA_FIELDS}
        services.profile_save(
            actor=request.user, talent=talent, data=data, consent_method=consent_method
        )
        return Response(ProfileSerializer(self.profile_of(talent)).data)

    @extend_schema(request=ProfileSerializer, responses=ProfileSerializer)
    def partial_update(self, request, talent_id=None):
        return self.update(request, talent_id, partial=True)


# The agency's pool ---------------------------------------------------------------------------


class PoolViewSet(mixins.ListModelMixin, mixins.CreateModelMixin, RecruitingViewSet):
    """The candidates the caller may refer (an agency: the registry's open profiles and its own
    pool), and an agency registering a candidate into its pool with the person's consent."""

    queryset = Talent.objects.none()
    serializer_class = PoolCandidateSerializer
    filter_backends = [StableOrderingFilter]
    ordering_fields = ["id", "name"]
    action_checks = {"create": registers_candidates, "list": registers_candidates}

    def get_queryset(self):
        rows = queries.pool_candidates(self.request.user).select_related("tier", "profile")
        if self.request.query_params.get("own") in ("1", "true", "True"):
            rows = rows.filter(status=TalentStatus.CANDIDATE, agency__isnull=False)
        return rows.order_by("-id")

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "own",
                OpenApiTypes.BOOL,
                description=gettext_lazy("Only the agency's own candidates."),
            )
        ]
    )
    def list(self, request):
        return super().list(request)

    @extend_schema(request=PoolRegistrationSerializer, responses={201: PoolCandidateSerializer})
    def create(self, request):
        """Register a candidate into the agency's pool: the registry record (status
        candidate, held by the agency) and an open profile with the consent recorded."""
        data = valid(PoolRegistrationSerializer, request.data)
        agency = chosen_agency(request.user, data.get("agency"))
        talent = services.candidate_register(
            actor=request.user,
            agency=agency,
            talent_data=data["talent"],
            profile_data=data.get("profile") or {},
            consent_method=data["consent_method"],
        )
        talent = Talent.objects.select_related("tier", "profile").get(pk=talent.pk)
        return Response(PoolCandidateSerializer(talent).data, status=status.HTTP_201_CREATED)


def chosen_agency(user, agency_id: int | None) -> Agency:
    """The agency named (one the user acts for, or any for the office), or the user's only
    one. Anything else is a 400 on `agency`."""
    mine = member_ids(user, "agency")
    if agency_id is None:
        if len(mine) == 1:
            return Agency.objects.get(pk=next(iter(mine)))
        raise serializers.ValidationError({"agency": [_("Say which agency's pool.")]})
    if agency_id in mine or has_role(user, Role.OFFICE_ADMIN):
        agency = Agency.objects.filter(pk=agency_id).first()
        if agency is not None:
            return agency
    raise serializers.ValidationError({"agency": [_("You do not act for this agency.")]})


# Referrals -----------------------------------------------------------------------------------


class ReferralViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, RecruitingViewSet):
    """Referrals the caller sees: an agency its own, enterprise HR those to its demands, a
    talent those about them, the office and leaders all. Each step is one POST that calls one
    service and answers the referral as it is now."""

    queryset = Referral.objects.none()
    serializer_class = ReferralSerializer
    filterset_class = ReferralFilter
    ordering_fields = ["id", "created_at", "updated_at", "score"]
    http_method_names = ["get", "post", "head", "options"]
    action_checks = {"create": "recruiting.refer"}

    def get_queryset(self):
        return (
            queries.visible_referrals(self.request.user)
            .select_related("demand__enterprise", "talent", "agency", "referred_by")
            .prefetch_related(
                Prefetch(
                    "interviews",
                    queryset=Interview.objects.select_related("scheduled_by").order_by(
                        "starts_at", "id"
                    ),
                )
            )
        )

    def shown(self, referral: Referral, code: int = status.HTTP_200_OK) -> Response:
        referral = self.get_queryset().get(pk=referral.pk)
        return Response(ReferralSerializer(referral).data, status=code)

    @extend_schema(request=ReferralCreateSerializer, responses={201: ReferralSerializer})
    def create(self, request):
        """Refer a candidate (one the caller may refer) to an open demand. Refused on `talent`
        when the person misses a required requirement; the match is kept with the referral."""
        data = valid(ReferralCreateSerializer, request.data)
        demand = demand_or_400(request.user, data["demand"])
        talent = self.referable(request.user, data["talent"])
        referral = services.referral_create(
            actor=request.user, demand=demand, talent=talent, note=data["note"]
        )
        return self.shown(referral, status.HTTP_201_CREATED)

    @staticmethod
    def referable(user, talent_id: int) -> Talent:
        talent = queries.pool_candidates(user).filter(pk=talent_id).first()
        if talent is None:
            raise serializers.ValidationError({"talent": [_("No such candidate.")]})
        return talent

    def step(self, perm: str) -> Referral:
        referral = self.get_object()
        require_object_perm(self.request.user, perm, referral)
        return referral

    @extend_schema(request=ScreenSerializer, responses=ReferralSerializer)
    @action(detail=True, methods=["post"])
    def screen(self, request, pk=None):
        """The enterprise shortlists the candidate, or turns them down saying why."""
        referral = self.step("recruiting.screen_referral")
        data = valid(ScreenSerializer, request.data)
        return self.shown(services.referral_screen(actor=request.user, referral=referral, **data))

    @extend_schema(request=InterviewScheduleSerializer, responses={201: InterviewSerializer})
    @action(detail=True, methods=["post"])
    def interviews(self, request, pk=None):
        """Schedule an interview (in the future): the candidate and the agency are told."""
        referral = self.step("recruiting.screen_referral")
        data = valid(InterviewScheduleSerializer, request.data)
        interview = services.interview_schedule(actor=request.user, referral=referral, **data)
        return Response(InterviewSerializer(interview).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=OfferSerializer, responses=ReferralSerializer)
    @action(detail=True, methods=["post"])
    def offer(self, request, pk=None):
        """Make an offer (after an interview the candidate passed)."""
        referral = self.step("recruiting.screen_referral")
        data = valid(OfferSerializer, request.data)
        return self.shown(services.referral_offer(actor=request.user, referral=referral, **data))

    @extend_schema(request=HireSerializer, responses=ReferralSerializer)
    @action(detail=True, methods=["post"])
    def hire(self, request, pk=None):
        """Record the hire: it counts for the agency and fills a position of the demand."""
        referral = self.step("recruiting.screen_referral")
        data = valid(HireSerializer, request.data)
        return self.shown(services.referral_hire(actor=request.user, referral=referral, **data))

    @extend_schema(request=ReasonSerializer, responses=ReferralSerializer)
    @action(detail=True, methods=["post"])
    def reject(self, request, pk=None):
        """The enterprise ends a live referral, saying why."""
        referral = self.step("recruiting.screen_referral")
        data = valid(ReasonSerializer, request.data)
        return self.shown(services.referral_reject(actor=request.user, referral=referral, **data))

    @extend_schema(request=ReasonSerializer, responses=ReferralSerializer)
    @action(detail=True, methods=["post"])
    def decline(self, request, pk=None):
        """The candidate declines (or the referring agency on their behalf), saying why."""
        referral = self.step("recruiting.decline_referral")
        data = valid(ReasonSerializer, request.data)
        return self.shown(services.referral_decline(actor=request.user, referral=referral, **data))

    @extend_schema(request=ReasonSerializer, responses=ReferralSerializer)
    @action(detail=True, methods=["post"])
    def withdraw(self, request, pk=None):
        """The referring agency (or the office) withdraws the referral, saying why."""
        referral = self.step("recruiting.withdraw_referral")
        data = valid(ReasonSerializer, request.data)
        return self.shown(services.referral_withdraw(actor=request.user, referral=referral, **data))

    @extend_schema(responses=ReferralEventSerializer(many=True), filters=False)
    @action(detail=True, methods=["get"], pagination_class=None, filter_backends=[])
    def timeline(self, request, pk=None):
        """The referral's steps, oldest first: from which status to which, who, when, why."""
        referral = self.get_object()
        events = referral.events.select_related("actor").order_by("at", "id")
        return Response(ReferralEventSerializer(events, many=True).data)


# Interviews ----------------------------------------------------------------------------------


class InterviewViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, RecruitingViewSet):
    """Interviews of the referrals the caller sees; the enterprise records what came of one."""

    queryset = Interview.objects.none()
    serializer_class = InterviewSerializer
    filterset_fields = ["referral", "outcome"]
    ordering_fields = ["id", "starts_at"]

    def get_queryset(self):
        visible = queries.visible_referrals(self.request.user).values("pk")
        return (
            Interview.objects.filter(referral__in=visible)
            .select_related("referral", "scheduled_by")
            .order_by("starts_at", "id")
        )

    @extend_schema(request=InterviewRecordSerializer, responses=InterviewSerializer)
    @action(detail=True, methods=["post"])
    def record(self, request, pk=None):
        """Record the outcome: passed, failed, or the candidate did not attend."""
        interview = self.get_object()
        require_object_perm(request.user, "recruiting.screen_referral", interview.referral)
        data = valid(InterviewRecordSerializer, request.data)
        interview = services.interview_record(actor=request.user, interview=interview, **data)
        interview = self.get_queryset().get(pk=interview.pk)
        return Response(InterviewSerializer(interview).data)


# Agency performance --------------------------------------------------------------------------


class AgencyPerformanceViewSet(RecruitingViewSet):
    """Per agency: referrals, interviews, hires and the days from referral to hire (the figure
    its recruitment subsidy is paid on). The office and leaders read every agency's; agency
    staff their own."""

    serializer_class = AgencyPerformanceSerializer
    pagination_class = None
    filter_backends = []
    action_checks = {"list": reads_performance}

    @extend_schema(
        parameters=[PerformanceQuerySerializer], responses=AgencyPerformanceSerializer(many=True)
    )
    def list(self, request):
        year = valid(PerformanceQuerySerializer, request.query_params).get("year")
        rows = [performance_row(row) for row in queries.agency_performance(year)]
        if not oversees(request.user):
            mine = member_ids(request.user, "agency")
            rows = [row for row in rows if row["agency"] in mine]
        return Response(AgencyPerformanceSerializer(rows, many=True).data)


def performance_row(row: queries.AgencyPerformance) -> dict:
    """One row of queries.agency_performance as the API names its fields."""
    return {
        "agency": row.agency.pk,
        "agency_name": row.agency_name,
        "referrals": row.referrals,
        "interviews": row.interviews,
        "hires": row.hires,
        "median_days_to_hire": row.median_days,
        "average_days_to_hire": row.average_days,
    }
