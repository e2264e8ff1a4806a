"""The policies REST API (/api/v1/policies/): viewsets over `queries` (reads) and `services`
(writes), with the serializers in `serializers.py`.

The registry API's conventions hold here too: a record outside the caller's scope answers 404
(the viewset's queryset is the visible one), a visible record the caller may not act on answers
403 (checked before the input is read when it does not depend on the input, and always again by
the service), and a service's ValidationError answers 400 with the message on the field at
fault (core.api.exception_handler). Amounts are integers of fen.
"""

import django_filters
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import exceptions, mixins, serializers, status
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response

from talentzone.core.choices import Role
from talentzone.core.roles import has_role
from talentzone.core.viewsets import ActionViewSet, require_object_perm

from . import ledger, queries, services
from .choices import ApplicantKind, ApplicationStatus, ObjectionStatus, OfferStatus, StageRole
from .models import Application, BudgetLine, Objection, Offer, Policy
from .serializers import (
    ApplicationCreateSerializer,
    ApplicationInputSerializer,
    ApplicationSerializer,
    AttachmentSerializer,
    AttachmentUploadSerializer,
    BudgetLineSerializer,
    BulkDecisionResultSerializer,
    BulkDecisionSerializer,
    DecisionSerializer,
    EligibilitySerializer,
    EventSerializer,
    ObjectionLodgeSerializer,
    ObjectionResolveSerializer,
    ObjectionSerializer,
    OfferAcceptSerializer,
    OfferSerializer,
    PaymentSerializer,
    PolicySerializer,
)


def decides_some_stage(user) -> bool:
    """Holds a role that decides review stages (the stage roles are roles of the platform)."""
    return has_role(user, *StageRole.values)


def oversees(user) -> bool:
    return has_role(user, Role.OFFICE_ADMIN, Role.LEADER)


class PoliciesViewSet(ActionViewSet):
    """The policies endpoints' base: one permission per action (core.viewsets.ActionViewSet)."""


# Filters -------------------------------------------------------------------------------------


class PolicyFilter(django_filters.FilterSet):
    applicant_kind = django_filters.ChoiceFilter(
        choices=ApplicantKind.choices, label=gettext_lazy("who may apply")
    )

    class Meta:
        model = Policy
        fields = ["applicant_kind", "benefit", "formula", "budget_line"]


class ApplicationFilter(django_filters.FilterSet):
    status = django_filters.MultipleChoiceFilter(
        choices=ApplicationStatus.choices, label=gettext_lazy("status")
    )
    # By id, not a drop-down of every policy.
    policy = django_filters.NumberFilter(field_name="policy", label=gettext_lazy("policy (id)"))
    stage = django_filters.NumberFilter(field_name="stage", label=gettext_lazy("stage (id)"))
    applicant_kind = django_filters.ChoiceFilter(
        choices=ApplicantKind.choices, label=gettext_lazy("applicant kind")
    )

    class Meta:
        model = Application
        fields = ["status", "policy", "stage", "applicant_kind", "from_offer"]


class ObjectionFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(
        choices=ObjectionStatus.choices, label=gettext_lazy("status")
    )
    application = django_filters.NumberFilter(
        field_name="application", label=gettext_lazy("application (id)")
    )

    class Meta:
        model = Objection
        fields = ["status", "application"]


class OfferFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(choices=OfferStatus.choices, label=gettext_lazy("status"))
    policy = django_filters.NumberFilter(field_name="policy", label=gettext_lazy("policy (id)"))

    class Meta:
        model = Offer
        fields = ["status", "policy"]


class BudgetLineFilter(django_filters.FilterSet):
    class Meta:
        model = BudgetLine
        fields = ["year", "owner"]


# Policies ------------------------------------------------------------------------------------

# The API names the rule's text `rule_text`; the model and its service call it `rule`.
POLICY_FIELD_NAMES = {"rule": "rule_text"}


class PolicyViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    PoliciesViewSet,
):
    """Policies: everyone signed in reads the open ones, the talent office all of them and is
    the only one to create and change them. Policies are never deleted."""

    queryset = Policy.objects.none()  # the schema's model; requests use get_queryset()
    serializer_class = PolicySerializer
    filterset_class = PolicyFilter
    ordering_fields = ["id", "code", "valid_from", "valid_until"]
    http_method_names = ["get", "post", "put", "patch", "head", "options"]
    action_checks = {
        "create": "policies.manage_policy",
        "update": "policies.manage_policy",
        "partial_update": "policies.manage_policy",
    }

    def get_queryset(self):
        if self.request.user.has_perm("policies.manage_policy"):
            policies = Policy.objects.select_related("budget_line")
        else:
            policies = queries.open_policies()
        return policies.prefetch_related("stages", "documents").order_by("code")

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        stages = data.pop("stages", [])
        documents = data.pop("documents", [])
        serializer.instance = self._save(Policy(**data), stages, documents)

    def perform_update(self, serializer):
        data = dict(serializer.validated_data)
        stages = data.pop("stages", None)
        documents = data.pop("documents", None)
        policy = serializer.instance
        for name, value in data.items():
            setattr(policy, name, value)
        serializer.instance = self._save(policy, stages, documents)

    def _save(self, policy: Policy, stages, documents) -> Policy:
        try:
            saved = services.policy_save(
                actor=self.request.user, policy=policy, stages=stages, documents=documents
            )
        except DjangoValidationError as error:
            raise renamed_fields(error, POLICY_FIELD_NAMES) from error
        # Read back with the stages and documents as saved (the prefetch cache is stale).
        return self.get_queryset().get(pk=saved.pk)

    @extend_schema(responses=EligibilitySerializer(many=True))
    @action(detail=True, methods=["get"], pagination_class=None, filter_backends=[])
    def eligibility(self, request, pk=None):
        """For each applicant record the caller acts for (themselves, their enterprise, agency
        or venture) of the kind the policy is for: eligible or not, and each clause of the rule
        with what the registry holds."""
        policy = self.get_object()
        today = timezone.localdate()
        rows = []
        for record in queries.applicants_of(request.user)[policy.applicant_kind]:
            explanation = services.explain(policy, record, today)
            clauses = explanation.clauses if explanation else ()
            rows.append(
                {
                    "applicant_kind": policy.applicant_kind,
                    "applicant_id": record.pk,
                    "applicant_name": str(record),
                    "eligible": explanation is None or explanation.passed,
                    "clauses": [
                        {
                            "description": clause.description,
                            "actual": clause.actual_display,
                            "passed": clause.passed,
                        }
                        for clause in clauses
                    ],
                }
            )
        return Response(EligibilitySerializer(rows, many=True).data)


def renamed_fields(error: DjangoValidationError, names: dict[str, str]) -> DjangoValidationError:
    """The same errors, on the fields as the API names them."""
    if not hasattr(error, "error_dict"):
        return error
    return DjangoValidationError(
        {names.get(field, field): errors for field, errors in error.error_dict.items()}
    )


# Applications --------------------------------------------------------------------------------


class ApplicationViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, PoliciesViewSet):
    """Applications the caller can see: their own (and their enterprise's, agency's or
    venture's); every one for the office, reviewers and leaders. Each transition is one POST
    that calls one service and answers the application as it is now."""

    queryset = Application.objects.none()
    serializer_class = ApplicationSerializer
    filterset_class = ApplicationFilter
    ordering_fields = ["id", "created_at", "submitted_at", "stage_due_on", "amount_fen"]
    http_method_names = ["get", "post", "patch", "head", "options"]
    action_checks = {
        "decide_many": decides_some_stage,
        "review_queue": decides_some_stage,
        "overdue": oversees,
        "close_notice": "policies.close_notice",
        "pay": "policies.pay_application",
    }

    def get_queryset(self):
        user = self.request.user
        visible = queries.visible_applications(user)
        if self.action == "objections":
            # Anyone signed in may object to an application on public notice.
            on_notice = Q(status=ApplicationStatus.NOTICE) | Q(pk__in=visible.values("pk"))
            return Application.objects.filter(on_notice).select_related("policy")
        return visible.prefetch_related("attachments", "objections")

    def applied(self, application: Application) -> Response:
        application = self.get_queryset().get(pk=application.pk)
        return Response(
            ApplicationSerializer(application, context=self.get_serializer_context()).data
        )

    @extend_schema(request=ApplicationCreateSerializer, responses={201: ApplicationSerializer})
    def create(self, request):
        """Start a draft under an open policy, for one of the records the caller acts for."""
        records = queries.applicants_of(request.user)
        if not any(records.values()):
            raise exceptions.PermissionDenied(_("You do not apply for anyone."))
        form = ApplicationCreateSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        data = dict(form.validated_data)
        policy = data.pop("policy")
        applicant = chosen_applicant(
            policy, records, data.pop("applicant_kind", None), data.pop("applicant_id", None)
        )
        application = services.application_create(
            actor=request.user, policy=policy, applicant=applicant, data=data
        )
        response = self.applied(application)
        response.status_code = status.HTTP_201_CREATED
        return response

    @extend_schema(request=ApplicationInputSerializer, responses=ApplicationSerializer)
    def partial_update(self, request, pk=None):
        """Change a draft or a returned application: the fields sent."""
        application = self.get_object()
        require_object_perm(request.user, "policies.apply", application)
        form = ApplicationInputSerializer(data=request.data, partial=True)
        form.is_valid(raise_exception=True)
        application = services.application_update(
            actor=request.user, application=application, data=form.validated_data
        )
        return self.applied(application)

    @extend_schema(request=None, responses=ApplicationSerializer)
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        """Send a draft to review (or a returned one back to the stage that returned it)."""
        application = self.get_object()
        require_object_perm(request.user, "policies.apply", application)
        return self.applied(
            services.application_submit(actor=request.user, application=application)
        )

    @extend_schema(request=DecisionSerializer, responses=ApplicationSerializer)
    @action(detail=True, methods=["post"])
    def decide(self, request, pk=None):
        """Approve, reject or return the application at its current stage."""
        application = self.get_object()
        form = DecisionSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        return self.applied(
            services.application_decide(
                actor=request.user, application=application, **form.validated_data
            )
        )

    @extend_schema(
        operation_id="policies_applications_decide_many",
        request=BulkDecisionSerializer,
        responses=BulkDecisionResultSerializer,
    )
    @action(detail=False, methods=["post"], url_path="decide", url_name="decide-many")
    def decide_many(self, request):
        """The same decision for many applications, each on its own: the outcome of each, in
        the order asked (one refused does not undo the others)."""
        form = BulkDecisionSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        ids = list(dict.fromkeys(form.validated_data["ids"]))
        found = {a.pk: a for a in self.get_queryset().filter(pk__in=ids)}
        decided = services.applications_decide(
            actor=request.user,
            applications=[found[pk] for pk in ids if pk in found],
            decision=form.validated_data["decision"],
            reason=form.validated_data["reason"],
        )
        by_id = {outcome.application_id: outcome for outcome in decided}
        outcomes = [
            {"id": pk, "ok": by_id[pk].ok, "message": by_id[pk].message}
            if pk in by_id
            else {"id": pk, "ok": False, "message": _("No such application.")}
            for pk in ids
        ]
        return Response(BulkDecisionResultSerializer({"outcomes": outcomes}).data)

    @extend_schema(request=AttachmentUploadSerializer, responses={201: AttachmentSerializer})
    @action(detail=True, methods=["post"], parser_classes=[MultiPartParser, FormParser])
    def attachments(self, request, pk=None):
        """Attach a file (multipart): for one of the policy's required documents, or extra."""
        application = self.get_object()
        require_object_perm(request.user, "policies.apply", application)
        form = AttachmentUploadSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        attachment = services.attachment_add(
            actor=request.user,
            application=application,
            uploaded_file=form.validated_data["file"],
            document=form.validated_data.get("document"),
        )
        return Response(AttachmentSerializer(attachment).data, status=status.HTTP_201_CREATED)

    @extend_schema(responses=EventSerializer(many=True), filters=False)
    @action(detail=True, methods=["get"], pagination_class=None, filter_backends=[])
    def timeline(self, request, pk=None):
        """What happened to the application, oldest first: who, at which stage, why."""
        application = self.get_object()
        events = application.events.select_related("stage", "actor").order_by("at", "id")
        return Response(EventSerializer(events, many=True).data)

    @extend_schema(request=ObjectionLodgeSerializer, responses={201: ObjectionSerializer})
    @action(detail=True, methods=["post"], filter_backends=[])
    def objections(self, request, pk=None):
        """Object to an application on public notice, with the reason (anyone signed in)."""
        application = self.get_object()
        form = ObjectionLodgeSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        objection = services.objection_lodge(
            actor=request.user, application=application, reason=form.validated_data["reason"]
        )
        return Response(ObjectionSerializer(objection).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=None, responses=ApplicationSerializer)
    @action(detail=True, methods=["post"], url_path="close-notice")
    def close_notice(self, request, pk=None):
        """End a public notice that has run its days with no open objection: approved."""
        application = self.get_object()
        return self.applied(services.notice_close(actor=request.user, application=application))

    @extend_schema(request=PaymentSerializer, responses=ApplicationSerializer)
    @action(detail=True, methods=["post"])
    def pay(self, request, pk=None):
        """Record the payment of an approved application (its reservation is disbursed)."""
        application = self.get_object()
        form = PaymentSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        return self.applied(
            services.application_pay(
                actor=request.user, application=application, memo=form.validated_data["memo"]
            )
        )

    @extend_schema(responses=ApplicationSerializer(many=True))
    @action(detail=False, methods=["get"], url_path="review-queue")
    def review_queue(self, request):
        """Applications waiting at a stage the caller decides, the oldest deadline first."""
        return self.listed(queries.review_queue(request.user))

    @extend_schema(responses=ApplicationSerializer(many=True))
    @action(detail=False, methods=["get"])
    def overdue(self, request):
        """Applications whose current stage is past its deadline (the office and leaders)."""
        return self.listed(queries.overdue_reviews())

    def listed(self, applications) -> Response:
        rows = self.filter_queryset(applications.prefetch_related("attachments", "objections"))
        page = self.paginate_queryset(rows)
        return self.get_paginated_response(ApplicationSerializer(page, many=True).data)


def chosen_applicant(policy: Policy, records: dict, kind: str | None, applicant_id: int | None):
    """Which of the caller's applicant records applies: the one named, or the only one of the
    policy's kind. Anything else is a 400 on the field to fix."""
    if kind and kind != policy.applicant_kind:
        raise serializers.ValidationError(
            {
                "applicant_kind": _("This policy is for: %(kind)s.")
                % {"kind": policy.get_applicant_kind_display()}
            }
        )
    candidates = records[policy.applicant_kind]
    if applicant_id is not None:
        for record in candidates:
            if record.pk == applicant_id:
                return record
        raise serializers.ValidationError({"applicant_id": _("You do not act for this applicant.")})
    if len(candidates) == 1:
        return candidates[0]
    if not candidates:
        raise serializers.ValidationError(
            {
                "policy": _("This policy is for: %(kind)s; you act for none.")
                % {"kind": policy.get_applicant_kind_display()}
            }
        )
    raise serializers.ValidationError(
        {"applicant_id": _("You act for several applicants: say which one applies.")}
    )


# Objections ----------------------------------------------------------------------------------


class ObjectionViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, PoliciesViewSet):
    """Objections to the applications the caller can see; the office resolves them."""

    queryset = Objection.objects.none()
    serializer_class = ObjectionSerializer
    filterset_class = ObjectionFilter
    ordering_fields = ["id", "created_at", "resolved_at"]
    action_checks = {"resolve": "policies.resolve_objection"}

    def get_queryset(self):
        visible = queries.visible_applications(self.request.user).values("pk")
        return Objection.objects.filter(application__in=visible).order_by("created_at", "id")

    @extend_schema(request=ObjectionResolveSerializer, responses=ObjectionSerializer)
    @action(detail=True, methods=["post"])
    def resolve(self, request, pk=None):
        """Uphold (the application is rejected, its money released) or dismiss, saying how."""
        objection = self.get_object()
        form = ObjectionResolveSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        objection = services.objection_resolve(
            actor=request.user, objection=objection, **form.validated_data
        )
        return Response(ObjectionSerializer(objection).data)


# Offers (免申即享) ----------------------------------------------------------------------------


class OfferViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, PoliciesViewSet):
    """Offers made to the records the caller acts for (all of them for the office)."""

    queryset = Offer.objects.none()
    serializer_class = OfferSerializer
    filterset_class = OfferFilter
    ordering_fields = ["id", "created_at"]
    action_checks = {"scan": "policies.scan_offers"}

    def get_queryset(self):
        return queries.visible_offers(self.request.user)

    @extend_schema(request=OfferAcceptSerializer, responses={201: ApplicationSerializer})
    @action(detail=True, methods=["post"])
    def accept(self, request, pk=None):
        """Accept: an application pre-filled from the registry, submitted at once, skipping the
        stages the registry proves. Per-unit and percentage policies need the figure."""
        offer = self.get_object()
        require_object_perm(request.user, "policies.answer_offer", offer)
        form = OfferAcceptSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        application = services.offer_accept(
            actor=request.user, offer=offer, data=form.validated_data
        )
        application = queries.visible_applications(request.user).get(pk=application.pk)
        return Response(ApplicationSerializer(application).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=None, responses=OfferSerializer)
    @action(detail=True, methods=["post"])
    def decline(self, request, pk=None):
        offer = self.get_object()
        require_object_perm(request.user, "policies.answer_offer", offer)
        return Response(
            OfferSerializer(services.offer_decline(actor=request.user, offer=offer)).data
        )

    @extend_schema(
        request=None,
        responses=OpenApiResponse(
            response={"type": "object", "additionalProperties": {"type": "integer"}},
            description=gettext_lazy("Offers made, by policy code."),
        ),
    )
    @action(detail=False, methods=["post"], filter_backends=[])
    def scan(self, request):
        """Scan the registry with every open policy's rule now and offer each policy to
        everyone newly eligible (the nightly task does the same)."""
        return Response(services.scan_offers(actor=request.user))


# The budget ----------------------------------------------------------------------------------


class BudgetLineViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, PoliciesViewSet):
    """Budget lines with what is reserved, disbursed and free, in fen (the office, leaders)."""

    queryset = BudgetLine.objects.none()
    serializer_class = BudgetLineSerializer
    filterset_class = BudgetLineFilter
    ordering_fields = ["id", "year", "code", "amount"]
    action_checks = {"list": oversees, "retrieve": oversees}

    def get_queryset(self):
        lines = BudgetLine.objects.select_related("owner").order_by("-year", "code")
        return ledger.with_figures(lines)
