"""The recruiting API's serializers: thin, and separate for what comes in and what goes out.

Writes never happen here: an API view validates the input with one of these, calls one service,
and serialises what the service returns. Salaries are integers of yuan a month; funding of a
project is fen (as the model keeps it). A candidate is shown as the registry API shows a talent:
the name in full, personal numbers masked (and here left out where the reader has no use for
them). Matches carry their codes (part names, requirement names) and the translated words.
"""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from talentzone.directory.api import TalentSerializer
from talentzone.directory.choices import Education
from talentzone.directory.models import Enterprise, Talent

from .choices import ConsentMethod, DemandStatus, InterviewOutcome, ReferralStatus
from .models import (
    CandidateProfile,
    Demand,
    DemandSkill,
    Interview,
    Project,
    Referral,
    ReferralEvent,
    Skill,
)

# Skills and projects -------------------------------------------------------------------------


class SkillSerializer(serializers.ModelSerializer):
    class Meta:
        model = Skill
        fields = ["id", "name", "name_en", "synonyms"]


class ProjectSerializer(serializers.ModelSerializer):
    """A project with the ids of the people involved; a write that sends `people` replaces the
    list (a PATCH without it keeps it)."""

    enterprise_name = serializers.CharField(source="enterprise.name", read_only=True)
    people = serializers.PrimaryKeyRelatedField(
        many=True, queryset=Talent.objects.all(), required=False
    )
    demand_count = serializers.SerializerMethodField()

    class Meta:
        model = Project
        fields = [
            "id",
            "kind",
            "title",
            "partner",
            "enterprise",
            "enterprise_name",
            "funding",
            "starts_on",
            "ends_on",
            "people",
            "description",
            "status",
            "demand_count",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["created_at", "updated_at"]
        # The project's own constraints are checked by the service (model validation).
        validators = []

    def get_demand_count(self, project: Project) -> int:
        return project.demands.count()


# Demands -------------------------------------------------------------------------------------


class DemandSkillSerializer(serializers.ModelSerializer):
    """One demanded skill: the text as typed; `skill` is the list's entry it was matched to
    (by name or synonym), empty for free text."""

    skill_name = serializers.SerializerMethodField()

    class Meta:
        model = DemandSkill
        fields = ["text", "required", "skill", "skill_name"]
        read_only_fields = ["skill"]
        # Twice the same skill is the service's error, on `skills`.
        validators = []

    def get_skill_name(self, row: DemandSkill) -> str:
        return row.skill.name if row.skill_id else ""


class DemandSerializer(serializers.ModelSerializer):
    """A demand with its requirements, each with its required (hard filter) or preferred flag.
    A write that sends `skills` replaces them; a PATCH without `skills` keeps them."""

    enterprise = serializers.PrimaryKeyRelatedField(
        queryset=Enterprise.objects.all(),
        required=False,
        help_text=_("Optional for enterprise HR acting for one enterprise: theirs."),
    )
    enterprise_name = serializers.CharField(source="enterprise.name", read_only=True)
    project_title = serializers.SerializerMethodField()
    skills = DemandSkillSerializer(many=True, required=False)
    status = serializers.ChoiceField(choices=DemandStatus.choices, read_only=True)
    open_positions = serializers.IntegerField(read_only=True)
    posted_by_name = serializers.SerializerMethodField()

    class Meta:
        model = Demand
        fields = [
            "id",
            "enterprise",
            "enterprise_name",
            "project",
            "project_title",
            "high_level",
            "title",
            "description",
            "headcount",
            "hired",
            "open_positions",
            "location",
            "salary_min",
            "salary_max",
            "deadline",
            "status",
            "min_education",
            "education_required",
            "majors",
            "majors_required",
            "min_years",
            "years_required",
            "min_title",
            "title_required",
            "min_tier",
            "tier_required",
            "skills",
            "posted_by_name",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["hired", "created_at", "updated_at"]
        # The demand's constraints (salary range, high-level under a project) are the service's.
        validators = []

    def get_project_title(self, demand: Demand) -> str:
        return demand.project.title if demand.project_id else ""

    def get_posted_by_name(self, demand: Demand) -> str:
        return str(demand.posted_by) if demand.posted_by_id else ""


class DemandBriefSerializer(serializers.ModelSerializer):
    enterprise_name = serializers.CharField(source="enterprise.name", read_only=True)

    class Meta:
        model = Demand
        fields = [
            "id",
            "title",
            "enterprise",
            "enterprise_name",
            "location",
            "salary_min",
            "salary_max",
            "headcount",
            "hired",
            "deadline",
            "status",
            "high_level",
        ]
        read_only_fields = fields


class ReasonSerializer(serializers.Serializer):
    reason = serializers.CharField(
        allow_blank=True, max_length=2000, help_text=_("Why: the people concerned read it.")
    )

    def validate_reason(self, value: str) -> str:
        if not value.strip():
            raise serializers.ValidationError(_("Give a reason: the people concerned read it."))
        return value.strip()


# Matches -------------------------------------------------------------------------------------


class CandidateSerializer(serializers.ModelSerializer):
    """A candidate as a match list shows one: who, and what the registry says of them. Their
    personal numbers are not here (the registry API shows them masked to whoever may see the
    record); `pool` says whose candidate this is ("registry" or "agency:<id>")."""

    tier_name = serializers.SerializerMethodField()
    pool = serializers.SerializerMethodField()

    class Meta:
        model = Talent
        fields = [
            "id",
            "name",
            "gender",
            "education",
            "major",
            "title",
            "tier",
            "tier_name",
            "pool",
        ]
        read_only_fields = fields

    def get_tier_name(self, talent: Talent) -> str:
        return str(talent.tier) if talent.tier_id else ""

    def get_pool(self, talent: Talent) -> str:
        if talent.agency_id and talent.status == "candidate":
            return f"agency:{talent.agency_id}"
        return "registry"


class PartSerializer(serializers.Serializer):
    name = serializers.CharField(help_text=_("Code of the part: skills, text, education, …"))
    label = serializers.CharField(help_text=_("The part's name in the reader's language."))
    points = serializers.FloatField()
    max_points = serializers.FloatField()
    reason = serializers.CharField(help_text=_("Code of why the part scored what it did."))


class MissSerializer(serializers.Serializer):
    requirement = serializers.CharField(help_text=_("Code of the requirement missed."))
    label = serializers.CharField()
    wanted = serializers.JSONField(help_text=_("What the demand asks."))
    has = serializers.JSONField(help_text=_("What the candidate has."))
    required = serializers.BooleanField(help_text=_("True: a hard requirement."))
    text = serializers.CharField(help_text=_("The miss in a sentence."))


class MatchSerializer(serializers.Serializer):
    """One candidate of a demand's match list; the parts add up to the total."""

    candidate = CandidateSerializer()
    total = serializers.FloatField()
    parts = PartSerializer(many=True)
    misses = MissSerializer(many=True)


class DemandFitSerializer(serializers.Serializer):
    """One demand that fits a candidate (the reverse view), with the same explanation."""

    demand = DemandBriefSerializer()
    total = serializers.FloatField()
    parts = PartSerializer(many=True)
    misses = MissSerializer(many=True)


class ExplanationSerializer(serializers.Serializer):
    """One candidate against one demand. `open_to_offers` false: the profile is closed, so the
    person is in no match list. `fits` false: a hard requirement is missed (the misses marked
    `required` say which), or there is no profile to score: never proposed for this demand."""

    candidate = CandidateSerializer()
    demand = DemandBriefSerializer()
    open_to_offers = serializers.BooleanField()
    fits = serializers.BooleanField()
    total = serializers.FloatField()
    parts = PartSerializer(many=True)
    misses = MissSerializer(many=True)


class MatchQuerySerializer(serializers.Serializer):
    """The match list's query: how many, and the filter bar's narrowing."""

    POOL_CHOICES = [("registry", _("Registry")), ("own", _("Our own pool"))]

    k = serializers.IntegerField(min_value=1, max_value=100, default=50)
    education = serializers.ChoiceField(
        choices=Education.choices, required=False, help_text=_("At least this education.")
    )
    pool = serializers.ChoiceField(choices=POOL_CHOICES, required=False)
    location = serializers.CharField(required=False, allow_blank=True, max_length=40)


class FitQuerySerializer(serializers.Serializer):
    k = serializers.IntegerField(min_value=1, max_value=100, default=50)


class ExplainQuerySerializer(serializers.Serializer):
    demand = serializers.IntegerField(help_text=_("The demand's id."))


# Profiles and the agency's pool --------------------------------------------------------------


class ProfileSerializer(serializers.ModelSerializer):
    """What recruiting knows of a candidate beyond the registry. Opening it (open to offers)
    records consent: online when the person opens it themselves; the agency says how the
    person agreed (`consent_method`)."""

    talent = serializers.IntegerField(source="talent_id", read_only=True)
    talent_name = serializers.CharField(source="talent.name", read_only=True)
    consent_method = serializers.ChoiceField(
        choices=ConsentMethod.choices,
        required=False,
        allow_blank=True,
        help_text=_("How the person agreed: needed when an agency opens the profile."),
    )
    consent_recorded_by_name = serializers.SerializerMethodField()

    class Meta:
        model = CandidateProfile
        fields = [
            "talent",
            "talent_name",
            "open_to_offers",
            "summary",
            "career_started",
            "expected_salary",
            "locations",
            "consent_method",
            "consent_at",
            "consent_recorded_by_name",
            "updated_at",
        ]
        read_only_fields = ["consent_at", "updated_at"]
        validators = []

    def get_consent_recorded_by_name(self, profile: CandidateProfile) -> str:
        return str(profile.consent_recorded_by) if profile.consent_recorded_by_id else ""


PROFILE_DATA_FIELDS = (
    "open_to_offers",
    "summary",
    "career_started",
    "expected_salary",
    "locations",
)


class PoolTalentSerializer(TalentSerializer):
    """The registry's record of a candidate an agency registers (numbers masked when read)."""

    class Meta(TalentSerializer.Meta):
        fields = [
            "id",
            "name",
            "gender",
            "birth_date",
            "id_number",
            "phone",
            "education",
            "major",
            "title",
            "industry",
            "skills",
            "status",
            "agency",
        ]
        read_only_fields = ["status", "agency"]


class PoolProfileSerializer(serializers.ModelSerializer):
    class Meta:
        model = CandidateProfile
        fields = ["summary", "career_started", "expected_salary", "locations"]


class PoolRegistrationSerializer(serializers.Serializer):
    """An agency registers a candidate into its own pool, with the person's consent."""

    agency = serializers.IntegerField(
        required=False, help_text=_("Optional when you act for one agency: yours.")
    )
    talent = PoolTalentSerializer()
    profile = PoolProfileSerializer(required=False)
    consent_method = serializers.ChoiceField(
        choices=ConsentMethod.choices, help_text=_("How the person agreed to be proposed.")
    )


class PoolCandidateSerializer(TalentSerializer):
    """A candidate the caller may refer: the registry's record (numbers masked) and profile."""

    pool = serializers.SerializerMethodField()
    profile = serializers.SerializerMethodField()

    class Meta(TalentSerializer.Meta):
        fields = [
            "id",
            "name",
            "gender",
            "education",
            "major",
            "title",
            "tier",
            "skills",
            "status",
            "agency",
            "pool",
            "profile",
        ]
        read_only_fields = fields

    def get_pool(self, talent: Talent) -> str:
        return CandidateSerializer().get_pool(talent)

    @extend_schema_field(PoolProfileSerializer(allow_null=True))
    def get_profile(self, talent: Talent):
        profile = getattr(talent, "profile", None)
        return PoolProfileSerializer(profile).data if profile is not None else None


# Referrals -----------------------------------------------------------------------------------


class InterviewSerializer(serializers.ModelSerializer):
    outcome = serializers.ChoiceField(choices=InterviewOutcome.choices, read_only=True)
    scheduled_by_name = serializers.SerializerMethodField()

    class Meta:
        model = Interview
        fields = [
            "id",
            "referral",
            "starts_at",
            "place",
            "interviewers",
            "outcome",
            "note",
            "scheduled_by_name",
            "created_at",
        ]
        read_only_fields = fields

    def get_scheduled_by_name(self, interview: Interview) -> str:
        return str(interview.scheduled_by)


class ReferralSerializer(serializers.ModelSerializer):
    demand_title = serializers.CharField(source="demand.title", read_only=True)
    enterprise = serializers.IntegerField(source="demand.enterprise_id", read_only=True)
    enterprise_name = serializers.CharField(source="demand.enterprise.name", read_only=True)
    talent_name = serializers.CharField(source="talent.name", read_only=True)
    agency_name = serializers.SerializerMethodField()
    referred_by_name = serializers.SerializerMethodField()
    status = serializers.ChoiceField(choices=ReferralStatus.choices, read_only=True)
    status_display = serializers.CharField(source="get_status_display", read_only=True)
    score = serializers.FloatField(read_only=True)
    interviews = InterviewSerializer(many=True, read_only=True)

    class Meta:
        model = Referral
        fields = [
            "id",
            "demand",
            "demand_title",
            "enterprise",
            "enterprise_name",
            "talent",
            "talent_name",
            "agency",
            "agency_name",
            "referred_by_name",
            "status",
            "status_display",
            "note",
            "score",
            "explanation",
            "hired_on",
            "interviews",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields

    def get_agency_name(self, referral: Referral) -> str:
        """Empty when the talent office referred the candidate."""
        return referral.agency.name if referral.agency_id else ""

    def get_referred_by_name(self, referral: Referral) -> str:
        return str(referral.referred_by)


class ReferralCreateSerializer(serializers.Serializer):
    demand = serializers.IntegerField(help_text=_("The demand's id."))
    talent = serializers.IntegerField(help_text=_("The candidate's id (a talent)."))
    note = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        max_length=2000,
        help_text=_("Why this candidate: the enterprise reads it."),
    )


class ScreenSerializer(serializers.Serializer):
    accept = serializers.BooleanField(help_text=_("True: shortlisted; false: not selected."))
    reason = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        max_length=2000,
        help_text=_("Required to turn the candidate down: the agency and candidate read it."),
    )

    def validate(self, attrs):
        if not attrs["accept"] and not attrs["reason"].strip():
            raise serializers.ValidationError(
                {"reason": _("Give a reason: the people concerned read it.")}
            )
        return attrs


class InterviewScheduleSerializer(serializers.Serializer):
    starts_at = serializers.DateTimeField()
    place = serializers.CharField(max_length=120)
    interviewers = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=120
    )


class InterviewRecordSerializer(serializers.Serializer):
    outcome = serializers.ChoiceField(
        choices=[c for c in InterviewOutcome.choices if c[0] != InterviewOutcome.PENDING]
    )
    note = serializers.CharField(required=False, allow_blank=True, default="", max_length=2000)


class OfferSerializer(serializers.Serializer):
    note = serializers.CharField(required=False, allow_blank=True, default="", max_length=2000)


class HireSerializer(serializers.Serializer):
    hired_on = serializers.DateField(
        required=False, allow_null=True, default=None, help_text=_("Empty: today.")
    )


class ReferralEventSerializer(serializers.ModelSerializer):
    from_status = serializers.ChoiceField(
        choices=ReferralStatus.choices,
        allow_blank=True,
        read_only=True,
        help_text=_("Empty for the first step."),
    )
    to_status = serializers.ChoiceField(choices=ReferralStatus.choices, read_only=True)
    to_status_display = serializers.CharField(source="get_to_status_display", read_only=True)
    actor_name = serializers.SerializerMethodField()

    class Meta:
        model = ReferralEvent
        fields = [
            "id",
            "from_status",
            "to_status",
            "to_status_display",
            "actor_name",
            "reason",
            "at",
        ]
        read_only_fields = fields

    def get_actor_name(self, event: ReferralEvent) -> str:
        """Empty when the platform acted on its own."""
        return str(event.actor) if event.actor_id else ""


# Agency performance --------------------------------------------------------------------------


class AgencyPerformanceSerializer(serializers.Serializer):
    """One agency's year (or all time): what its recruitment subsidy is paid on."""

    agency = serializers.IntegerField()
    agency_name = serializers.CharField()
    referrals = serializers.IntegerField()
    interviews = serializers.IntegerField()
    hires = serializers.IntegerField()
    median_days_to_hire = serializers.FloatField(allow_null=True)
    average_days_to_hire = serializers.FloatField(allow_null=True)


class PerformanceQuerySerializer(serializers.Serializer):
    year = serializers.IntegerField(required=False, min_value=2000, max_value=2100)
