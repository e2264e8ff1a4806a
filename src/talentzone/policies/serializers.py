"""The policies API's serializers: thin, and separate for what comes in and what goes out.

Amounts are integers of fen both ways (¥1.00 is 100); the pages format them, the API does not.
Writes never happen here: an API view validates the input with one of these, calls one service,
and serialises what the service returns.
"""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from talentzone.core.uploads import SUPPORTING_DOCUMENTS, FileContentValidator

from .choices import ApplicantKind, Benefit, Decision
from .eligibility import RuleSyntaxError, describe, parse
from .formulas import describe_formula
from .models import (
    Application,
    ApplicationEvent,
    Attachment,
    BudgetLine,
    Objection,
    Offer,
    Policy,
    RequiredDocument,
    ReviewStage,
)

# Policies ------------------------------------------------------------------------------------


class ReviewStageSerializer(serializers.ModelSerializer):
    id = serializers.IntegerField(
        required=False, help_text=_("Leave out to add a stage; give it to change that stage.")
    )

    class Meta:
        model = ReviewStage
        fields = [
            "id",
            "position",
            "name",
            "role",
            "department",
            "deadline_days",
            "proved_by_registry",
        ]
        # The policy's own constraints are checked by the service, over the whole list.
        validators = []


class RequiredDocumentSerializer(serializers.ModelSerializer):
    id = serializers.IntegerField(
        required=False, help_text=_("Leave out to add a document; give it to change that one.")
    )

    class Meta:
        model = RequiredDocument
        fields = ["id", "position", "name", "description"]


class PolicySerializer(serializers.ModelSerializer):
    """A policy with its rule and formula also in words, its stages and its documents. A write
    sends the whole lists of stages and documents (a PATCH without them keeps them)."""

    rule_text = serializers.CharField(
        source="rule",
        allow_blank=True,
        required=False,
        help_text=_("The eligibility rule; empty: everyone of the kind who may apply."),
    )
    rule_words = serializers.SerializerMethodField()
    formula_words = serializers.SerializerMethodField()
    stages = ReviewStageSerializer(many=True, required=False)
    documents = RequiredDocumentSerializer(many=True, required=False)

    class Meta:
        model = Policy
        fields = [
            "id",
            "code",
            "title",
            "title_en",
            "legal_basis",
            "summary",
            "applicant_kind",
            "valid_from",
            "valid_until",
            "rule_text",
            "rule_words",
            "benefit",
            "formula",
            "formula_words",
            "amount_fen",
            "unit_label",
            "tier_amounts",
            "rate_basis_points",
            "declared_label",
            "cap_fen",
            "budget_line",
            "notice_days",
            "granted_only",
            "stages",
            "documents",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["created_at", "updated_at"]

    def validate(self, attrs):
        """A money policy needs a formula and a budget line (an in-kind one uses neither): left
        out of a new one, they are required as before the in-kind benefit existed."""
        attrs = super().validate(attrs)
        policy = self.instance
        benefit = attrs.get("benefit", policy.benefit if policy else Benefit.MONEY)
        if benefit == Benefit.MONEY:
            missing = {
                name: serializers.Field.default_error_messages["required"]
                for name in ("formula", "budget_line")
                if not attrs.get(name, getattr(policy, name, None) if policy else None)
            }
            if missing:
                raise serializers.ValidationError(missing, code="required")
        else:
            # No money: nothing of a formula or a budget line is kept.
            attrs.update(formula="", budget_line=None, cap_fen=None)
        return attrs

    @extend_schema_field(OpenApiTypes.STR)
    def get_rule_words(self, policy: Policy) -> str:
        return rule_in_words(policy)

    @extend_schema_field(OpenApiTypes.STR)
    def get_formula_words(self, policy: Policy) -> str:
        return describe_formula(policy)


def rule_in_words(policy: Policy) -> str:
    if not policy.rule.strip():
        return str(_("Everyone of this kind who is registered may apply."))
    try:
        return describe(parse(policy.rule, subject=policy.applicant_kind))
    except RuleSyntaxError:
        return ""  # saved before a change of the language; the office's edit form shows why


class ClauseSerializer(serializers.Serializer):
    description = serializers.CharField(help_text=_("The condition in words."))
    actual = serializers.CharField(help_text=_("What the registry holds for the applicant."))
    passed = serializers.BooleanField()


class EligibilitySerializer(serializers.Serializer):
    """Whether one applicant record the user acts for meets the policy, clause by clause."""

    applicant_kind = serializers.ChoiceField(choices=ApplicantKind.choices)
    applicant_id = serializers.IntegerField()
    applicant_name = serializers.CharField()
    eligible = serializers.BooleanField()
    clauses = ClauseSerializer(many=True)


# Applications --------------------------------------------------------------------------------


class StageBriefSerializer(serializers.ModelSerializer):
    class Meta:
        model = ReviewStage
        fields = ["id", "position", "name", "role"]


class AttachmentSerializer(serializers.ModelSerializer):
    class Meta:
        model = Attachment
        fields = ["id", "document", "file_name", "size", "uploaded_at"]


class ObjectionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Objection
        fields = [
            "id",
            "application",
            "reason",
            "status",
            "resolution",
            "created_at",
            "resolved_at",
        ]


class ApplicationSerializer(serializers.ModelSerializer):
    number = serializers.CharField(read_only=True)
    policy_title = serializers.CharField(source="policy.display_title", read_only=True)
    applicant_id = serializers.SerializerMethodField()
    applicant_name = serializers.SerializerMethodField()
    benefit = serializers.ChoiceField(
        choices=Benefit.choices,
        source="policy.benefit",
        read_only=True,
        help_text=_("In kind: a place or a service; amount_fen is null and nothing is paid."),
    )
    stage = StageBriefSerializer(read_only=True, allow_null=True)
    is_overdue = serializers.BooleanField(read_only=True)
    attachments = AttachmentSerializer(many=True, read_only=True)
    objections = ObjectionSerializer(many=True, read_only=True)

    class Meta:
        model = Application
        fields = [
            "id",
            "number",
            "policy",
            "policy_title",
            "applicant_kind",
            "applicant_id",
            "applicant_name",
            "status",
            "stage",
            "stage_due_on",
            "is_overdue",
            "statement",
            "unit_count",
            "declared_fen",
            "benefit",
            "amount_fen",
            "from_offer",
            "submitted_at",
            "notice_ends_on",
            "decided_at",
            "paid_at",
            "attachments",
            "objections",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields

    def get_applicant_id(self, application: Application) -> int:
        return application.applicant.pk

    def get_applicant_name(self, application: Application) -> str:
        return str(application.applicant)


class ApplicationInputSerializer(serializers.Serializer):
    """What an applicant writes on a draft; every field may be left out."""

    statement = serializers.CharField(required=False, allow_blank=True)
    unit_count = serializers.IntegerField(required=False, allow_null=True, min_value=0)
    declared_fen = serializers.IntegerField(required=False, allow_null=True, min_value=0)


class ApplicationCreateSerializer(ApplicationInputSerializer):
    policy = serializers.PrimaryKeyRelatedField(queryset=Policy.objects.all())
    applicant_kind = serializers.ChoiceField(
        choices=ApplicantKind.choices,
        required=False,
        help_text=_("Optional: the policy says which kind applies."),
    )
    applicant_id = serializers.IntegerField(
        required=False,
        help_text=_("Which of the records you act for applies; optional when there is one."),
    )


class DecisionSerializer(serializers.Serializer):
    decision = serializers.ChoiceField(choices=Decision.choices)
    reason = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        help_text=_("Required to reject or return: the applicant reads it."),
    )

    def validate(self, attrs):
        if attrs["decision"] != Decision.APPROVE and not attrs["reason"].strip():
            raise serializers.ValidationError(
                {"reason": _("Give a reason: the applicant will read it.")}
            )
        return attrs


class BulkDecisionSerializer(DecisionSerializer):
    ids = serializers.ListField(
        child=serializers.IntegerField(), min_length=1, max_length=500, allow_empty=False
    )


class BulkOutcomeSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    ok = serializers.BooleanField()
    message = serializers.CharField(allow_blank=True)


class BulkDecisionResultSerializer(serializers.Serializer):
    outcomes = BulkOutcomeSerializer(many=True)


class AttachmentUploadSerializer(serializers.Serializer):
    file = serializers.FileField(
        validators=[FileContentValidator(SUPPORTING_DOCUMENTS)],
        help_text=_("PDF, JPEG, PNG or .docx (checked by content), at most 20 MB."),
    )
    document = serializers.PrimaryKeyRelatedField(
        queryset=RequiredDocument.objects.all(),
        required=False,
        allow_null=True,
        help_text=_("Which of the policy's required documents this is; empty: an extra file."),
    )


class EventSerializer(serializers.ModelSerializer):
    kind_display = serializers.CharField(source="get_kind_display", read_only=True)
    stage_name = serializers.SerializerMethodField()
    actor_name = serializers.SerializerMethodField()

    class Meta:
        model = ApplicationEvent
        fields = ["id", "kind", "kind_display", "stage", "stage_name", "actor_name", "reason", "at"]

    def get_stage_name(self, event: ApplicationEvent) -> str:
        return event.stage.name if event.stage else ""

    def get_actor_name(self, event: ApplicationEvent) -> str:
        """Empty when the platform acted on its own (a scheduled task)."""
        return str(event.actor) if event.actor else ""


class ObjectionLodgeSerializer(serializers.Serializer):
    reason = serializers.CharField(allow_blank=True)


class ObjectionResolveSerializer(serializers.Serializer):
    uphold = serializers.BooleanField(
        help_text=_("True: the application is rejected and its money released.")
    )
    resolution = serializers.CharField(allow_blank=True)


class PaymentSerializer(serializers.Serializer):
    memo = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        max_length=200,
        help_text=_("E.g. a voucher number."),
    )


# Offers and the budget -----------------------------------------------------------------------


class OfferSerializer(serializers.ModelSerializer):
    policy_title = serializers.CharField(source="policy.display_title", read_only=True)
    applicant_id = serializers.SerializerMethodField()
    applicant_name = serializers.SerializerMethodField()

    class Meta:
        model = Offer
        fields = [
            "id",
            "policy",
            "policy_title",
            "applicant_kind",
            "applicant_id",
            "applicant_name",
            "status",
            "created_at",
            "answered_at",
            "application",
        ]
        read_only_fields = fields

    def get_applicant_id(self, offer: Offer) -> int:
        return offer.applicant.pk

    def get_applicant_name(self, offer: Offer) -> str:
        return str(offer.applicant)


class OfferAcceptSerializer(serializers.Serializer):
    """The applicant's figure, when the policy pays per unit or a percentage of one."""

    unit_count = serializers.IntegerField(required=False, allow_null=True, min_value=0)
    declared_fen = serializers.IntegerField(required=False, allow_null=True, min_value=0)


class ScanResultSerializer(serializers.Serializer):
    offers = serializers.DictField(
        child=serializers.IntegerField(), help_text=_("Offers made, by policy code.")
    )


class BudgetLineSerializer(serializers.ModelSerializer):
    owner_name = serializers.CharField(source="owner.name", read_only=True)
    amount_fen = serializers.IntegerField(source="amount", read_only=True)
    reserved_fen = serializers.IntegerField(read_only=True)
    disbursed_fen = serializers.IntegerField(read_only=True)
    free_fen = serializers.IntegerField(read_only=True)

    class Meta:
        model = BudgetLine
        fields = [
            "id",
            "year",
            "code",
            "name",
            "owner",
            "owner_name",
            "amount_fen",
            "reserved_fen",
            "disbursed_fen",
            "free_fen",
        ]
        read_only_fields = fields
