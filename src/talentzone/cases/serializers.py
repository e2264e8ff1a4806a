"""The case desk API's serializers: thin, and separate for what comes in and what goes out.

Writes never happen here: an API view validates the input with one of these, calls one service
(`services.py`), and serialises what the service returns. Every choice goes out with its value
and its label (`…_display`) in the caller's language.
"""

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_serializer
from rest_framework import serializers

from talentzone.core.models import User
from talentzone.core.uploads import DOCUMENTS, FileContentValidator
from talentzone.directory.models import Department, Enterprise, GridTeam, Talent

from .models import (
    Case,
    CaseAttachment,
    CaseEvent,
    Category,
    Consultation,
    ConsultationTask,
    Escalation,
    Liaison,
    LiaisonVisit,
    Visit,
)


def display(field: str, **kwargs) -> serializers.CharField:
    """The label of a choice field, in the caller's language."""
    return serializers.CharField(source=f"get_{field}_display", read_only=True, **kwargs)


def name_of(source: str) -> serializers.CharField:
    return serializers.CharField(source=source, read_only=True, default=None, allow_null=True)


# Categories ----------------------------------------------------------------------------------


class CategorySerializer(serializers.ModelSerializer):
    label = serializers.CharField(source="__str__", read_only=True, help_text=_("Shown name."))
    department_name = name_of("department.name")

    class Meta:
        model = Category
        fields = [
            "id",
            "code",
            "name",
            "name_en",
            "label",
            "department",
            "department_name",
            "grid_days",
            "department_days",
            "consultation_days",
            "active",
        ]
        read_only_fields = fields


# Cases ---------------------------------------------------------------------------------------


class CaseBriefSerializer(serializers.ModelSerializer):
    """A case as lists show it (visits' and liaison visits' findings)."""

    class Meta:
        model = Case
        fields = ["id", "number", "title", "level", "status"]
        read_only_fields = fields


@extend_schema_serializer(component_name="CaseTimelineEvent")  # policies has an "Event"
class CaseEventSerializer(serializers.ModelSerializer):
    kind_display = display("kind")
    level_display = display("level")
    actor_name = serializers.SerializerMethodField(help_text=_("Empty: the scheduled task did it."))

    class Meta:
        model = CaseEvent
        fields = ["id", "kind", "kind_display", "level", "level_display", "actor", "actor_name"]
        fields += ["note", "at"]
        read_only_fields = fields

    def get_actor_name(self, event: CaseEvent) -> str | None:
        return str(event.actor) if event.actor_id else None


class CaseAttachmentSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField(help_text=_("Where to download the file."))
    uploaded_by_name = serializers.CharField(source="uploaded_by.__str__", read_only=True)

    class Meta:
        model = CaseAttachment
        fields = ["id", "file_name", "size", "url", "uploaded_by", "uploaded_by_name"]
        fields += ["uploaded_at"]
        read_only_fields = fields

    def get_url(self, attachment: CaseAttachment) -> str | None:
        try:
            return reverse("cases:attachment", args=[attachment.pk])
        except NoReverseMatch:
            return None


class EscalationSerializer(serializers.ModelSerializer):
    from_level_display = display("from_level")
    to_level_display = display("to_level")
    by_name = serializers.SerializerMethodField()

    class Meta:
        model = Escalation
        fields = ["id", "from_level", "from_level_display", "to_level", "to_level_display"]
        fields += ["reason", "automatic", "by", "by_name", "at"]
        read_only_fields = fields

    def get_by_name(self, escalation: Escalation) -> str | None:
        return str(escalation.by) if escalation.by_id else None


class ConsultationTaskSerializer(serializers.ModelSerializer):
    department_name = serializers.CharField(source="department.name", read_only=True)
    case = serializers.IntegerField(source="consultation.case_id", read_only=True)
    done = serializers.SerializerMethodField()

    class Meta:
        model = ConsultationTask
        fields = ["id", "consultation", "case", "department", "department_name", "description"]
        fields += ["due_on", "done", "done_at", "done_note", "done_by"]
        read_only_fields = fields

    def get_done(self, task: ConsultationTask) -> bool:
        return task.done_at is not None


class ConsultationSerializer(serializers.ModelSerializer):
    status_display = display("status")
    departments = serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    department_names = serializers.SerializerMethodField()
    tasks = ConsultationTaskSerializer(many=True, read_only=True)

    class Meta:
        model = Consultation
        fields = ["id", "case", "scheduled_at", "place", "chair", "departments"]
        fields += ["department_names", "status", "status_display", "minutes", "decision"]
        fields += ["held_at", "tasks", "created_by", "created_at"]
        read_only_fields = fields

    def get_department_names(self, consultation: Consultation) -> list[str]:
        return [department.name for department in consultation.departments.all()]


class CaseSerializer(serializers.ModelSerializer):
    """A case as the lists show it: who it concerns, where it stands, by when."""

    category_name = serializers.CharField(source="category.__str__", read_only=True)
    source_display = display("source")
    enterprise_name = name_of("enterprise.name")
    talent_name = name_of("talent.name")
    team_name = serializers.CharField(source="team.name", read_only=True)
    department_name = name_of("department.name")
    level_display = display("level")
    status_display = display("status")
    overdue = serializers.BooleanField(
        source="is_overdue", read_only=True, help_text=_("Open and past the level's deadline.")
    )
    raised_by_name = serializers.CharField(source="raised_by.__str__", read_only=True)

    class Meta:
        model = Case
        fields = [
            "id",
            "number",
            "title",
            "category",
            "category_name",
            "source",
            "source_display",
            "enterprise",
            "enterprise_name",
            "talent",
            "talent_name",
            "team",
            "team_name",
            "department",
            "department_name",
            "level",
            "level_display",
            "status",
            "status_display",
            "opened_on",
            "level_since",
            "due_on",
            "overdue",
            "raised_by",
            "raised_by_name",
            "resolved_at",
            "closed_at",
            "rating",
            "reopen_count",
        ]
        read_only_fields = fields


class CaseDetailSerializer(CaseSerializer):
    """One case with everything that happened to it: the timeline, files, escalations and
    consultations (with their tasks)."""

    timeline = CaseEventSerializer(source="events", many=True, read_only=True)
    attachments = CaseAttachmentSerializer(many=True, read_only=True)
    escalations = EscalationSerializer(many=True, read_only=True)
    consultations = ConsultationSerializer(many=True, read_only=True)
    resolved_by_name = serializers.SerializerMethodField()

    class Meta(CaseSerializer.Meta):
        fields = [
            *CaseSerializer.Meta.fields,
            "description",
            "resolution",
            "resolved_by",
            "resolved_by_name",
            "rating_comment",
            "visit",
            "liaison_visit",
            "timeline",
            "attachments",
            "escalations",
            "consultations",
        ]
        read_only_fields = fields

    def get_resolved_by_name(self, case: Case) -> str | None:
        return str(case.resolved_by) if case.resolved_by_id else None


class CaseRaiseSerializer(serializers.Serializer):
    """A new case. Enterprise HR may leave `enterprise` out (their enterprise), a talent
    `talent` (themself); a grid officer names an enterprise or talent of their grid."""

    category = serializers.PrimaryKeyRelatedField(queryset=Category.objects.all())
    title = serializers.CharField(max_length=120)
    description = serializers.CharField()
    enterprise = serializers.PrimaryKeyRelatedField(
        queryset=Enterprise.objects.all(), required=False, allow_null=True
    )
    talent = serializers.PrimaryKeyRelatedField(
        queryset=Talent.objects.all(), required=False, allow_null=True
    )
    files = serializers.ListField(
        child=serializers.FileField(validators=[FileContentValidator(DOCUMENTS)]),
        required=False,
        help_text=_("Multipart only: files attached to the case."),
    )


class CaseReasonSerializer(serializers.Serializer):
    reason = serializers.CharField(help_text=_("Why: it goes into the timeline."))


class EscalateSerializer(CaseReasonSerializer):
    department = serializers.PrimaryKeyRelatedField(
        queryset=Department.objects.all(),
        required=False,
        allow_null=True,
        help_text=_("From level 1: the department of level 2 (default: the category's)."),
    )


class DepartmentChangeSerializer(CaseReasonSerializer):
    department = serializers.PrimaryKeyRelatedField(queryset=Department.objects.all())


class CommentSerializer(serializers.Serializer):
    note = serializers.CharField()


class ResolveSerializer(serializers.Serializer):
    resolution = serializers.CharField(help_text=_("What was done."))


class ConfirmSerializer(serializers.Serializer):
    rating = serializers.IntegerField(min_value=1, max_value=5, help_text=_("1 to 5."))
    comment = serializers.CharField(required=False, allow_blank=True, default="")


class AttachSerializer(serializers.Serializer):
    file = serializers.FileField(
        validators=[FileContentValidator(DOCUMENTS)],
        help_text=_("PDF, JPEG, PNG, .docx or .xlsx (checked by content), at most 20 MB."),
    )


# Consultations and tasks ---------------------------------------------------------------------


class ConsultationScheduleSerializer(serializers.Serializer):
    case = serializers.IntegerField(help_text=_("A case at level 3."))
    scheduled_at = serializers.DateTimeField()
    place = serializers.CharField(max_length=120)
    chair = serializers.CharField(max_length=60, required=False, allow_blank=True, default="")
    departments = serializers.PrimaryKeyRelatedField(
        many=True, queryset=Department.objects.all(), allow_empty=True
    )


class TaskInputSerializer(serializers.Serializer):
    department = serializers.PrimaryKeyRelatedField(queryset=Department.objects.all())
    description = serializers.CharField()
    due_on = serializers.DateField()


class ConsultationRecordSerializer(serializers.Serializer):
    minutes = serializers.CharField()
    decision = serializers.CharField()
    tasks = TaskInputSerializer(many=True, help_text=_("At least one: who does what by when."))


class TaskDoneSerializer(serializers.Serializer):
    note = serializers.CharField(help_text=_("What was done."))


# Visits --------------------------------------------------------------------------------------


class FindingSerializer(serializers.Serializer):
    """A problem heard on a visit: it becomes a case."""

    category = serializers.PrimaryKeyRelatedField(queryset=Category.objects.all())
    title = serializers.CharField(max_length=120)
    description = serializers.CharField()


class VisitSerializer(serializers.ModelSerializer):
    team_name = serializers.CharField(source="team.name", read_only=True)
    enterprise_name = serializers.CharField(source="enterprise.name", read_only=True)
    cases = CaseBriefSerializer(many=True, read_only=True)

    class Meta:
        model = Visit
        fields = ["id", "team", "team_name", "enterprise", "enterprise_name", "visited_on"]
        fields += ["visitors", "met", "notes", "recorded_by", "cases", "created_at"]
        read_only_fields = fields


class VisitRecordSerializer(serializers.Serializer):
    team = serializers.PrimaryKeyRelatedField(
        queryset=GridTeam.objects.all(),
        required=False,
        allow_null=True,
        help_text=_("Default: the caller's grid team (the enterprise's for the office)."),
    )
    enterprise = serializers.PrimaryKeyRelatedField(queryset=Enterprise.objects.all())
    visited_on = serializers.DateField()
    visitors = serializers.CharField(max_length=200)
    met = serializers.CharField(max_length=200)
    notes = serializers.CharField()
    findings = FindingSerializer(many=True, required=False)


class VisitDueSerializer(serializers.Serializer):
    enterprise = serializers.IntegerField(source="enterprise.pk")
    enterprise_name = serializers.CharField(source="enterprise.name")
    team = serializers.IntegerField(source="team.pk")
    team_name = serializers.CharField(source="team.name")
    last_visit = serializers.DateField(allow_null=True)
    due_on = serializers.DateField()
    overdue = serializers.BooleanField()


class VisitPlanSerializer(serializers.Serializer):
    """A grid team's visit plan (the defaults when it has none)."""

    team = serializers.IntegerField(read_only=True)
    team_name = serializers.CharField(read_only=True)
    grid = serializers.IntegerField(read_only=True)
    grid_name = serializers.CharField(read_only=True)
    interval_days = serializers.IntegerField(min_value=1, max_value=3650)
    due_soon_days = serializers.IntegerField(min_value=0, max_value=365, required=False)


# Liaisons ------------------------------------------------------------------------------------


class LiaisonSerializer(serializers.ModelSerializer):
    leader_name = serializers.CharField(source="leader.__str__", read_only=True)
    expert_name = serializers.CharField(source="expert.name", read_only=True)
    leader = serializers.PrimaryKeyRelatedField(queryset=User.objects.all())
    expert = serializers.PrimaryKeyRelatedField(queryset=Talent.objects.all())
    interval_days = serializers.IntegerField(min_value=1, max_value=3650, required=False)
    since = serializers.DateField(required=False, allow_null=True)

    class Meta:
        model = Liaison
        fields = ["id", "leader", "leader_name", "expert", "expert_name", "interval_days"]
        fields += ["since", "active", "created_at"]
        read_only_fields = ["active", "created_at"]
        validators = []  # the service checks pairs (one active leader per expert)


class LiaisonScheduleSerializer(serializers.Serializer):
    liaison = LiaisonSerializer(read_only=True)
    last_visit = serializers.DateField(allow_null=True)
    next_due = serializers.DateField(allow_null=True)
    overdue = serializers.BooleanField()


class LiaisonVisitSerializer(serializers.ModelSerializer):
    cases = CaseBriefSerializer(many=True, read_only=True)

    class Meta:
        model = LiaisonVisit
        fields = ["id", "liaison", "visited_on", "notes", "recorded_by", "cases", "created_at"]
        read_only_fields = fields


class LiaisonVisitRecordSerializer(serializers.Serializer):
    visited_on = serializers.DateField()
    notes = serializers.CharField()
    findings = FindingSerializer(many=True, required=False)


# Grid overview -------------------------------------------------------------------------------


class YearQuerySerializer(serializers.Serializer):
    year = serializers.IntegerField(
        min_value=2000, max_value=2100, required=False, help_text=_("Default: this year.")
    )


class GridOverviewSerializer(serializers.Serializer):
    team = serializers.IntegerField(source="team.pk")
    team_name = serializers.CharField(source="team.name")
    grid = serializers.IntegerField(source="grid.pk")
    grid_name = serializers.CharField(source="grid.name")
    enterprises = serializers.IntegerField()
    open = serializers.IntegerField()
    overdue = serializers.IntegerField()
    solved_this_year = serializers.IntegerField()
    average_days_to_solve = serializers.FloatField(
        allow_null=True, help_text=_("Calendar days from opening to resolution (one decimal).")
    )
