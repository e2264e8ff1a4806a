"""The evaluations API's shapes. The input serializers check types and sizes only: the rules
(windows, eligibility, maxima, who may) are the services', and their refusals come back as 400
on the field at fault. Every choice goes out with its value and its label (`…_display`).

Scoring is blind: an assignment carries its own scores only, and a ranking entry's figures
(score, breakdown with the experts' totals) are shown only to those who may read the ranking
(the office and leaders); to anyone else they are null."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field, extend_schema_serializer
from rest_framework import serializers
from rest_framework.fields import empty

from talentzone.core.uploads import SUPPORTING_DOCUMENTS, FileContentValidator
from talentzone.directory.models import Talent

from .models import (
    Assignment,
    Criterion,
    Expert,
    Nomination,
    NominationAttachment,
    Objection,
    PanelMember,
    RankingEntry,
    Round,
    Score,
)


def display(field: str) -> serializers.CharField:
    return serializers.CharField(source=f"get_{field}_display", read_only=True)


class StatedBooleanField(serializers.BooleanField):
    """A yes or no that must be said, even in a form (where a missing box otherwise means no)."""

    default_empty_html = empty


# Rounds --------------------------------------------------------------------------------------


class CriterionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Criterion
        fields = ["id", "position", "name", "description", "weight", "max_points"]
        read_only_fields = fields


class CriterionInputSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=60)
    description = serializers.CharField(max_length=200, required=False, allow_blank=True)
    weight = serializers.IntegerField(min_value=1, max_value=100)
    max_points = serializers.IntegerField(min_value=1, max_value=1000)


@extend_schema_serializer(component_name="AwardRound")  # housing has a "Round"
class RoundSerializer(serializers.ModelSerializer):
    kind_display = display("kind")
    category_display = display("category")
    status_display = display("status")
    programme_level_display = display("programme_level")
    reward_policy_title = serializers.CharField(
        source="reward_policy.title", read_only=True, default=None, allow_null=True
    )
    budget_line_name = serializers.CharField(
        source="budget_line.name", read_only=True, default=None, allow_null=True
    )
    criteria = CriterionSerializer(many=True, read_only=True)

    class Meta:
        model = Round
        fields = [
            "id",
            "year",
            "title",
            "kind",
            "kind_display",
            "category",
            "category_display",
            "max_age",
            "rule",
            "nominations_open",
            "nominations_close",
            "quota",
            "panel_size",
            "notice_days",
            "issuer",
            "reward_policy",
            "reward_policy_title",
            "budget_line",
            "budget_line_name",
            "programme",
            "programme_level",
            "programme_level_display",
            "status",
            "status_display",
            "ranked_on",
            "announced_on",
            "criteria",
        ]
        read_only_fields = fields


class RoundInputSerializer(serializers.ModelSerializer):
    """A round's settings; `criteria`, when sent, replaces the round's list (positions in the
    order given)."""

    criteria = CriterionInputSerializer(
        many=True,
        required=False,
        help_text=_("The scoring criteria in order; their weights add up to 100."),
    )

    class Meta:
        model = Round
        fields = [
            "year",
            "title",
            "kind",
            "category",
            "max_age",
            "rule",
            "nominations_open",
            "nominations_close",
            "quota",
            "panel_size",
            "notice_days",
            "issuer",
            "reward_policy",
            "budget_line",
            "programme",
            "programme_level",
            "criteria",
        ]
        validators = []  # the round's constraints are checked by the service (full_clean)


class PanelDrawSerializer(serializers.Serializer):
    size = serializers.IntegerField(
        required=False,
        allow_null=True,
        help_text=_("How many experts; empty: the round's panel size."),
    )
    seed = serializers.IntegerField(
        required=False,
        allow_null=True,
        help_text=_("The random draw's seed (the same seed draws the same panel)."),
    )


class PanelMemberSerializer(serializers.ModelSerializer):
    name = serializers.CharField(source="expert.name", read_only=True)
    affiliation = serializers.CharField(source="expert.affiliation", read_only=True)

    class Meta:
        model = PanelMember
        fields = ["id", "expert", "name", "affiliation", "drawn_at"]
        read_only_fields = fields


class ExpertProgressSerializer(serializers.Serializer):
    expert = serializers.IntegerField()
    name = serializers.CharField()
    done = serializers.IntegerField(help_text=_("Scoresheets submitted."))
    total = serializers.IntegerField(help_text=_("Scoresheets to submit (unconflicted)."))


class ProgressSerializer(serializers.Serializer):
    """How far the panel has got, without any score."""

    done = serializers.IntegerField()
    total = serializers.IntegerField()
    experts = ExpertProgressSerializer(many=True)


# Experts -------------------------------------------------------------------------------------


class ExpertSerializer(serializers.ModelSerializer):
    employer_name = serializers.CharField(
        source="employer.name", read_only=True, default=None, allow_null=True
    )

    class Meta:
        model = Expert
        fields = [
            "id",
            "user",
            "name",
            "affiliation",
            "employer",
            "employer_name",
            "speciality",
            "active",
        ]
        read_only_fields = fields


# Nominations ---------------------------------------------------------------------------------


class NominationAttachmentSerializer(serializers.ModelSerializer):
    class Meta:
        model = NominationAttachment
        fields = ["id", "file_name", "size", "uploaded_at"]
        read_only_fields = fields


class NominationAttachmentUploadSerializer(serializers.Serializer):
    file = serializers.FileField(
        validators=[FileContentValidator(SUPPORTING_DOCUMENTS)],
        help_text=_("PDF, JPEG, PNG or .docx (checked by content), at most 20 MB."),
    )


class NomineeClauseSerializer(serializers.Serializer):
    description = serializers.CharField()
    passed = serializers.BooleanField()
    actual = serializers.CharField(allow_blank=True)


class NominationSerializer(serializers.ModelSerializer):
    number = serializers.CharField(read_only=True)
    round_title = serializers.CharField(source="round.title", read_only=True)
    talent_name = serializers.CharField(source="talent.name", read_only=True)
    enterprise_name = serializers.CharField(source="enterprise.name", read_only=True)
    status_display = display("status")
    eligibility = NomineeClauseSerializer(many=True, read_only=True)
    attachments = NominationAttachmentSerializer(many=True, read_only=True)

    class Meta:
        model = Nomination
        fields = [
            "id",
            "number",
            "round",
            "round_title",
            "talent",
            "talent_name",
            "enterprise",
            "enterprise_name",
            "nominated_by",
            "achievements",
            "eligibility",
            "status",
            "status_display",
            "refusal_reason",
            "screened_at",
            "created_at",
            "attachments",
        ]
        read_only_fields = fields


class NominationCreateSerializer(serializers.Serializer):
    round = serializers.PrimaryKeyRelatedField(queryset=Round.objects.all())
    talent = serializers.PrimaryKeyRelatedField(queryset=Talent.objects.all())
    achievements = serializers.CharField(allow_blank=True, max_length=5000)

    def __init__(self, *args, rounds=None, **kwargs):
        super().__init__(*args, **kwargs)
        if rounds is not None:  # only the rounds the caller sees
            self.fields["round"].queryset = rounds


class AchievementsSerializer(serializers.Serializer):
    achievements = serializers.CharField(allow_blank=True, max_length=5000)


class NominationScreenSerializer(serializers.Serializer):
    admit = StatedBooleanField()
    reason = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=2000,
        help_text=_("Why the nomination is refused (required to refuse)."),
    )


class NomineeEligibilityQuerySerializer(NominationCreateSerializer):
    achievements = None


class NomineeEligibilitySerializer(serializers.Serializer):
    passed = serializers.BooleanField()
    clauses = NomineeClauseSerializer(many=True)
    reasons = serializers.ListField(child=serializers.CharField())


# Assignments and scores ----------------------------------------------------------------------


class ScoreSerializer(serializers.ModelSerializer):
    class Meta:
        model = Score
        fields = ["criterion", "points", "max_points"]
        read_only_fields = fields


class AssignmentSerializer(serializers.ModelSerializer):
    """One of the caller's assignments: the nominee, the round's criteria and the caller's own
    scores (never another expert's)."""

    round_title = serializers.CharField(source="round.title", read_only=True)
    round_status = serializers.CharField(source="round.status", read_only=True)
    number = serializers.CharField(source="nomination.number", read_only=True)
    talent_name = serializers.CharField(source="nomination.talent.name", read_only=True)
    enterprise_name = serializers.CharField(source="nomination.enterprise.name", read_only=True)
    achievements = serializers.CharField(source="nomination.achievements", read_only=True)
    attachments = NominationAttachmentSerializer(
        source="nomination.attachments", many=True, read_only=True
    )
    conflict_display = display("conflict")
    criteria = CriterionSerializer(source="round.criteria", many=True, read_only=True)
    scores = ScoreSerializer(many=True, read_only=True)

    class Meta:
        model = Assignment
        fields = [
            "id",
            "round",
            "round_title",
            "round_status",
            "nomination",
            "number",
            "talent_name",
            "enterprise_name",
            "achievements",
            "attachments",
            "conflict",
            "conflict_display",
            "criteria",
            "scores",
            "comment",
            "submitted_at",
        ]
        read_only_fields = fields


class ScoreInputSerializer(serializers.Serializer):
    points = serializers.DictField(
        child=serializers.DecimalField(max_digits=6, decimal_places=1, coerce_to_string=False),
        help_text=_(
            "Criterion id → points, 0 to the criterion's maximum, at most one decimal place; "
            "every criterion of the round."
        ),
    )
    comment = serializers.CharField(required=False, allow_blank=True, max_length=2000)


# The ranking, the notice and objections ------------------------------------------------------


class EntrySerializer(serializers.ModelSerializer):
    """A ranked nominee. The figures (score, mean of all experts, experts counted, breakdown)
    and the reward are null for anyone who may not read the ranking."""

    PRIVATE = (
        "score",
        "mean_all",
        "experts_counted",
        "breakdown",
        "reward_application",
        "outcome_note",
    )

    round_title = serializers.CharField(source="round.title", read_only=True)
    talent = serializers.IntegerField(source="nomination.talent_id", read_only=True)
    talent_name = serializers.CharField(source="nomination.talent.name", read_only=True)
    enterprise_name = serializers.CharField(source="nomination.enterprise.name", read_only=True)
    status_display = display("status")
    outcome_display = display("outcome")
    score = serializers.DecimalField(
        max_digits=6, decimal_places=2, read_only=True, allow_null=True
    )
    mean_all = serializers.DecimalField(
        max_digits=6, decimal_places=2, read_only=True, allow_null=True
    )
    experts_counted = serializers.IntegerField(read_only=True, allow_null=True)
    breakdown = serializers.JSONField(
        read_only=True,
        allow_null=True,
        help_text=_(
            "Per expert the weighted total and whether it counted, per criterion the mean, "
            "the lead criterion and whether the extremes were dropped."
        ),
    )
    reward_application = serializers.IntegerField(
        source="reward_application_id", read_only=True, allow_null=True
    )
    outcome_note = serializers.CharField(read_only=True, allow_null=True)

    class Meta:
        model = RankingEntry
        fields = [
            "id",
            "round",
            "round_title",
            "nomination",
            "talent",
            "talent_name",
            "enterprise_name",
            "rank",
            "status",
            "status_display",
            "notice_ends_on",
            "outcome",
            "outcome_display",
            "outcome_on",
            "outcome_note",
            "score",
            "mean_all",
            "experts_counted",
            "breakdown",
            "reward_application",
            "credential",
        ]
        read_only_fields = fields

    def to_representation(self, entry):
        data = super().to_representation(entry)
        if not self.context.get("full"):
            for name in self.PRIVATE:
                data[name] = None
        return data


class OutcomeSerializer(serializers.Serializer):
    selected = StatedBooleanField()
    decided_on = serializers.DateField()
    note = serializers.CharField(required=False, allow_blank=True, max_length=200)


@extend_schema_serializer(component_name="AwardObjection")  # policies has an "Objection"
class ObjectionSerializer(serializers.ModelSerializer):
    round = serializers.IntegerField(source="entry.round_id", read_only=True)
    talent_name = serializers.CharField(source="entry.nomination.talent.name", read_only=True)
    status_display = display("status")

    class Meta:
        model = Objection
        fields = [
            "id",
            "entry",
            "round",
            "talent_name",
            "reason",
            "status",
            "status_display",
            "resolution",
            "created_at",
            "resolved_at",
        ]
        read_only_fields = fields


class EntryObjectionLodgeSerializer(serializers.Serializer):
    entry = serializers.PrimaryKeyRelatedField(queryset=RankingEntry.objects.all())
    reason = serializers.CharField(allow_blank=True, max_length=2000)

    def __init__(self, *args, entries=None, **kwargs):
        super().__init__(*args, **kwargs)
        if entries is not None:  # only the entries the caller sees
            self.fields["entry"].queryset = entries


class EntryObjectionResolveSerializer(serializers.Serializer):
    uphold = StatedBooleanField()
    resolution = serializers.CharField(allow_blank=True, max_length=2000)


class ResolvedSerializer(serializers.Serializer):
    objection = ObjectionSerializer()
    promoted = serializers.SerializerMethodField(
        help_text=_("The nominee moved up onto the notice, if any.")
    )

    @extend_schema_field(EntrySerializer(allow_null=True))
    def get_promoted(self, result) -> dict | None:
        entry = result["promoted"]
        return EntrySerializer(entry, context=self.context).data if entry else None
