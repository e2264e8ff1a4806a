"""Policies as data, the applications made under them, offers, and the budget ledger they spend.

Constraints here are the database's half of the invariants; `services.py` (applications, offers)
and `ledger.py` (entries) are the only writers and hold the other half.

A line's figures (reserved, disbursed, free) are never stored: they are summed from its entries
each time (see `ledger.line_figures`), so there is no counter that can drift from the facts.
Only `policies.ledger` writes entries.
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from talentzone.core.models import AppendOnlyModel, TimeStamped

from .choices import (
    ApplicantKind,
    ApplicationStatus,
    Benefit,
    EntryKind,
    EventKind,
    FormulaKind,
    ObjectionStatus,
    OfferStatus,
    StageRole,
)
from .money import format_fen


class BudgetLine(models.Model):
    """Money a department may spend in one year on one purpose (e.g. 2026 · RC-01 人才奖励)."""

    year = models.PositiveSmallIntegerField(_("year"))
    code = models.SlugField(_("code"), max_length=30)
    name = models.CharField(_("name"), max_length=100)
    owner = models.ForeignKey(
        "directory.Department",
        on_delete=models.PROTECT,
        related_name="budget_lines",
        verbose_name=_("owning department"),
    )
    amount = models.BigIntegerField(
        _("amount (fen)"), validators=[MinValueValidator(1)], help_text=_("In fen: ¥1.00 is 100.")
    )

    class Meta:
        ordering = ["-year", "code"]
        verbose_name = _("budget line")
        verbose_name_plural = _("budget lines")
        constraints = [
            models.UniqueConstraint(
                fields=["year", "code"],
                name="budget_line_code_unique_per_year",
                violation_error_message=_("A budget line with this code exists for that year."),
            ),
            models.CheckConstraint(
                condition=Q(amount__gt=0),
                name="budget_line_amount_positive",
                violation_error_message=_("A budget line's amount must be more than zero."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.year} · {self.code} {self.name}"

    @property
    def amount_display(self) -> str:
        return format_fen(self.amount)


class LedgerEntry(AppendOnlyModel):
    """One movement on a budget line, in fen.

    A reservation stands alone; a release or a disbursement consumes the reservation it names,
    never more than what is left of it. `reference` says what the money is for in words; the
    optional `target` points at the record behind it (an application, later).
    """

    line = models.ForeignKey(
        BudgetLine, on_delete=models.PROTECT, related_name="entries", verbose_name=_("budget line")
    )
    kind = models.CharField(_("kind"), max_length=10, choices=EntryKind.choices)
    amount = models.BigIntegerField(_("amount (fen)"), validators=[MinValueValidator(1)])
    reservation = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="consumptions",
        verbose_name=_("reservation"),
    )
    reference = models.CharField(_("reference"), max_length=100)
    target_type = models.ForeignKey(
        ContentType,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        verbose_name=_("record type"),
    )
    target_id = models.CharField(_("record ID"), max_length=64, blank=True)
    target = GenericForeignKey("target_type", "target_id")
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="ledger_entries",
        verbose_name=_("actor"),
    )
    memo = models.CharField(_("memo"), max_length=200, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("ledger entry")
        verbose_name_plural = _("ledger entries")
        indexes = [models.Index(fields=["target_type", "target_id"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__gt=0),
                name="ledger_entry_amount_positive",
                violation_error_message=_("A ledger entry's amount must be more than zero."),
            ),
            models.CheckConstraint(
                condition=Q(kind=EntryKind.RESERVE, reservation__isnull=True)
                | (~Q(kind=EntryKind.RESERVE) & Q(reservation__isnull=False)),
                name="ledger_entry_consumes_a_reservation_unless_one",
                violation_error_message=_(
                    "A release or disbursement names its reservation; a reservation names none."
                ),
            ),
            # A release gives back everything left, so a second one could only be a mistake.
            models.UniqueConstraint(
                fields=["reservation"],
                condition=Q(kind=EntryKind.RELEASE),
                name="ledger_entry_one_release_per_reservation",
                violation_error_message=_("This reservation has been released already."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {format_fen(self.amount)} · {self.reference}"


# Policies ------------------------------------------------------------------------------------

APPLICANT_FIELDS = {
    ApplicantKind.TALENT: "talent",
    ApplicantKind.ENTERPRISE: "enterprise",
    ApplicantKind.AGENCY: "agency",
    ApplicantKind.VENTURE: "venture",
}


def exactly_one_applicant(prefix: str = "") -> Q:
    """The applicant kind names the one applicant field that is set (check constraint)."""
    condition = Q()
    for kind, name in APPLICANT_FIELDS.items():
        others = {f"{other}__isnull": True for other in APPLICANT_FIELDS.values() if other != name}
        condition |= Q(applicant_kind=kind, **{f"{name}__isnull": False}, **others)
    return condition


class PolicyQuerySet(models.QuerySet):
    def open_on(self, day):
        """Policies one may apply for on `day`: inside their valid period, and not granted only
        (those are paid to an evaluation's winners, see services.application_grant)."""
        return self.filter(valid_from__lte=day, valid_until__gte=day, granted_only=False)


class Policy(models.Model):
    """One programme of the talent office, edited by an administrator, never by code.

    Who may apply is `applicant_kind` narrowed by `rule` (the eligibility language, see
    `eligibility/`; empty means every registered applicant of that kind). The amount is the
    formula's result, never more than `cap_fen`; it is paid from `budget_line`.
    """

    code = models.SlugField(_("code"), max_length=40, unique=True)
    title = models.CharField(_("title"), max_length=120)
    title_en = models.CharField(_("English title"), max_length=160, blank=True)
    legal_basis = models.TextField(_("legal basis"))
    summary = models.TextField(_("summary"), blank=True)
    applicant_kind = models.CharField(
        _("who may apply"), max_length=12, choices=ApplicantKind.choices
    )
    valid_from = models.DateField(_("valid from"))
    valid_until = models.DateField(_("valid until"))
    rule = models.TextField(
        _("eligibility rule"),
        blank=True,
        help_text=_('For example: age <= 45 and education in ["博士研究生", "硕士研究生"]'),
    )
    benefit = models.CharField(
        _("what it gives"),
        max_length=10,
        choices=Benefit.choices,
        default=Benefit.MONEY,
        help_text=_(
            "In kind: a place or a service handed out on approval; no amount, no budget line."
        ),
    )
    formula = models.CharField(
        _("amount formula"), max_length=12, choices=FormulaKind.choices, blank=True
    )
    amount_fen = models.BigIntegerField(
        _("amount (fen)"),
        null=True,
        blank=True,
        help_text=_("The fixed amount, or the amount per unit, in fen."),
    )
    unit_label = models.CharField(
        _("what is counted"),
        max_length=60,
        blank=True,
        help_text=_(
            "Per-unit formulas: the count the applicant declares (e.g. workers recruited)."
        ),
    )
    tier_amounts = models.JSONField(
        _("amount per tier (fen)"),
        default=dict,
        blank=True,
        help_text=_('Tiered formulas: tier code → fen, e.g. {"national-leading": 100000000}.'),
    )
    rate_basis_points = models.PositiveIntegerField(
        _("rate (basis points)"),
        null=True,
        blank=True,
        help_text=_("Percentage formulas: 1 basis point is 0.01%; 1000 is 10%."),
    )
    declared_label = models.CharField(
        _("declared figure"),
        max_length=60,
        blank=True,
        help_text=_("Percentage formulas: the figure the applicant declares (e.g. rent paid)."),
    )
    cap_fen = models.BigIntegerField(_("cap (fen)"), null=True, blank=True)
    budget_line = models.ForeignKey(
        BudgetLine,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="policies",
        verbose_name=_("budget line"),
    )
    notice_days = models.PositiveSmallIntegerField(_("public notice (days)"), default=5)
    granted_only = models.BooleanField(
        _("granted only"),
        default=False,
        help_text=_(
            "Paid only to those another procedure chose (an evaluation's winners): nobody "
            "applies for it and it is never offered."
        ),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = PolicyQuerySet.as_manager()

    class Meta:
        ordering = ["code"]
        verbose_name = _("policy")
        verbose_name_plural = _("policies")
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_until__gte=models.F("valid_from")),
                name="policy_valid_period_in_order",
                violation_error_message=_("A policy's valid period must end after it starts."),
            ),
            models.CheckConstraint(
                condition=Q(amount_fen__isnull=True) | Q(amount_fen__gt=0),
                name="policy_amount_positive",
                violation_error_message=_("The amount must be more than zero."),
            ),
            models.CheckConstraint(
                condition=Q(cap_fen__isnull=True) | Q(cap_fen__gt=0),
                name="policy_cap_positive",
                violation_error_message=_("The cap must be more than zero."),
            ),
            models.CheckConstraint(
                condition=~Q(formula__in=[FormulaKind.FIXED, FormulaKind.PER_UNIT])
                | Q(amount_fen__isnull=False),
                name="policy_fixed_and_per_unit_have_an_amount",
                violation_error_message=_("Fixed and per-unit formulas need an amount."),
            ),
            models.CheckConstraint(
                condition=~Q(formula=FormulaKind.PERCENTAGE)
                | Q(rate_basis_points__isnull=False, rate_basis_points__gt=0),
                name="policy_percentage_has_a_rate",
                violation_error_message=_("A percentage formula needs a rate."),
            ),
            models.CheckConstraint(
                condition=~Q(formula=FormulaKind.TIERED) | Q(applicant_kind=ApplicantKind.TALENT),
                name="policy_tiered_only_for_talents",
                violation_error_message=_("Only talents have a tier: tiered formulas are theirs."),
            ),
            models.CheckConstraint(
                condition=Q(benefit__in=Benefit.values),
                name="policy_benefit_known",
                violation_error_message=_("Choose money or in kind."),
            ),
            models.CheckConstraint(
                condition=~Q(benefit=Benefit.MONEY)
                | (Q(budget_line__isnull=False) & ~Q(formula="")),
                name="policy_money_has_a_formula_and_a_budget_line",
                violation_error_message=_(
                    "A policy that pays money needs an amount formula and a budget line."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.display_title

    @property
    def display_title(self) -> str:
        from django.utils.translation import get_language

        if self.title_en and (get_language() or "").startswith("en"):
            return self.title_en
        return self.title

    @property
    def is_in_kind(self) -> bool:
        return self.benefit == Benefit.IN_KIND

    def clean_fields(self, exclude=None) -> None:
        """As a field that may not be empty: a money policy's formula and budget line (the
        fields are blank-able for in-kind policies only)."""
        errors = {}
        try:
            super().clean_fields(exclude=exclude)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        if self.benefit == Benefit.MONEY:
            for name, empty, code in (("formula", "", "blank"), ("budget_line_id", None, "null")):
                field = self._meta.get_field(name.removesuffix("_id"))
                if exclude and field.name in exclude or field.name in errors:
                    continue
                if getattr(self, name) == empty or getattr(self, name) is None:
                    errors[field.name] = [ValidationError(field.error_messages[code], code=code)]
        if errors:
            raise ValidationError(errors)

    def clean(self) -> None:
        from .formulas import check_formula
        from .services import check_rule

        errors = {}
        for check in (lambda: check_rule(self.rule, self.applicant_kind), check_formula(self)):
            try:
                check()
            except ValidationError as error:
                errors.update(error.update_error_dict({}))
        if errors:
            raise ValidationError(errors)


class ReviewStage(models.Model):
    """One step of a policy's review, taken in `position` order.

    `proved_by_registry`: what this stage checks is already in the registry (employment, a
    recorded credential), so an application made from an offer skips it.
    """

    policy = models.ForeignKey(
        Policy, on_delete=models.CASCADE, related_name="stages", verbose_name=_("policy")
    )
    position = models.PositiveSmallIntegerField(_("position"))
    name = models.CharField(_("name"), max_length=60)
    role = models.CharField(_("decided by"), max_length=20, choices=StageRole.choices)
    department = models.ForeignKey(
        "directory.Department",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="review_stages",
        verbose_name=_("department"),
        help_text=_("Department reviewers: which department's reviewers decide."),
    )
    deadline_days = models.PositiveSmallIntegerField(_("deadline (days)"), default=10)
    proved_by_registry = models.BooleanField(_("the registry proves it"), default=False)

    class Meta:
        ordering = ["policy", "position"]
        verbose_name = _("review stage")
        verbose_name_plural = _("review stages")
        constraints = [
            models.UniqueConstraint(
                fields=["policy", "position"],
                name="review_stage_position_unique",
                violation_error_message=_("Two stages of one policy cannot share a position."),
            ),
            models.CheckConstraint(
                condition=Q(role=StageRole.REVIEWER) | Q(department__isnull=True),
                name="review_stage_department_only_for_reviewers",
                violation_error_message=_("Only a department reviewers' stage names a department."),
            ),
            models.CheckConstraint(
                condition=Q(deadline_days__gte=1),
                name="review_stage_deadline_at_least_a_day",
                violation_error_message=_("A stage's deadline is at least one day."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.position}. {self.name}"


class RequiredDocument(models.Model):
    """A document an applicant must attach to apply for a policy."""

    policy = models.ForeignKey(
        Policy, on_delete=models.CASCADE, related_name="documents", verbose_name=_("policy")
    )
    position = models.PositiveSmallIntegerField(_("position"), default=1)
    name = models.CharField(_("name"), max_length=80)
    description = models.CharField(_("description"), max_length=200, blank=True)

    class Meta:
        ordering = ["policy", "position", "id"]
        verbose_name = _("required document")
        verbose_name_plural = _("required documents")

    def __str__(self) -> str:
        return self.name


# Applications --------------------------------------------------------------------------------


class Applicant(models.Model):
    """Exactly one of talent, enterprise, agency or venture, the one `applicant_kind` names."""

    applicant_kind = models.CharField(
        _("applicant kind"), max_length=12, choices=ApplicantKind.choices
    )
    talent = models.ForeignKey(
        "directory.Talent",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("talent"),
    )
    enterprise = models.ForeignKey(
        "directory.Enterprise",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("enterprise"),
    )
    agency = models.ForeignKey(
        "directory.Agency",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("HR agency"),
    )
    venture = models.ForeignKey(
        "directory.Venture",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("student venture"),
    )

    class Meta:
        abstract = True

    @property
    def applicant(self):
        return getattr(self, APPLICANT_FIELDS[self.applicant_kind])

    def set_applicant(self, applicant) -> None:
        for kind, name in APPLICANT_FIELDS.items():
            if applicant._meta.model_name == name:
                self.applicant_kind = kind
                setattr(self, name, applicant)
                return
        raise TypeError(f"{type(applicant).__name__} cannot apply for a policy.")


def one_per_applicant(model: str, condition: Q | None = None, message=None) -> list:
    """A partial unique constraint per applicant field: one (live) record per policy each."""
    constraints = []
    for name in APPLICANT_FIELDS.values():
        constraints.append(
            models.UniqueConstraint(
                fields=["policy", name],
                condition=condition,
                name=f"{model}_one_per_policy_and_{name}",
                violation_error_message=message,
            )
        )
    return constraints


LIVE_STATUSES = [s for s in ApplicationStatus.values if s != ApplicationStatus.REJECTED]


class Application(Applicant, TimeStamped):
    """An applicant's request under one policy, from draft to payment.

    The status, the current stage and its due date move only through `services.py`; each move
    writes an `ApplicationEvent` (the applicant's timeline) and an audit record.
    """

    policy = models.ForeignKey(
        Policy, on_delete=models.PROTECT, related_name="applications", verbose_name=_("policy")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="applications_created",
        verbose_name=_("created by"),
    )
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=ApplicationStatus.choices,
        default=ApplicationStatus.DRAFT,
    )
    stage = models.ForeignKey(
        ReviewStage,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("current stage"),
    )
    stage_due_on = models.DateField(_("stage due on"), null=True, blank=True)
    returned_from = models.ForeignKey(
        ReviewStage,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("returned from stage"),
        help_text=_("A resubmitted application goes back to the stage that returned it."),
    )
    statement = models.TextField(_("statement"), blank=True)
    unit_count = models.PositiveIntegerField(_("count"), null=True, blank=True)
    declared_fen = models.BigIntegerField(_("declared figure (fen)"), null=True, blank=True)
    amount_fen = models.BigIntegerField(_("amount (fen)"), null=True, blank=True)
    from_offer = models.BooleanField(_("from an offer"), default=False)
    reservation = models.OneToOneField(
        LedgerEntry,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="application",
        verbose_name=_("reservation"),
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    notice_ends_on = models.DateField(_("public notice ends on"), null=True, blank=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    paid_at = models.DateTimeField(_("paid at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        indexes = [models.Index(fields=["status", "stage_due_on"])]
        constraints = [
            models.CheckConstraint(
                condition=exactly_one_applicant(),
                name="application_names_exactly_one_applicant",
            ),
            models.CheckConstraint(
                condition=Q(status=ApplicationStatus.IN_REVIEW, stage__isnull=False)
                | (~Q(status=ApplicationStatus.IN_REVIEW) & Q(stage__isnull=True)),
                name="application_in_review_exactly_when_at_a_stage",
            ),
            # Money is set aside from office approval until payment; never before. An in-kind
            # application (no amount) reserves nothing and is never paid.
            models.CheckConstraint(
                condition=~Q(
                    status__in=[
                        ApplicationStatus.NOTICE,
                        ApplicationStatus.APPROVED,
                        ApplicationStatus.PAID,
                    ]
                )
                | Q(reservation__isnull=False, amount_fen__gt=0)
                | Q(
                    status__in=[ApplicationStatus.NOTICE, ApplicationStatus.APPROVED],
                    reservation__isnull=True,
                    amount_fen__isnull=True,
                ),
                name="application_approved_holds_a_reservation",
            ),
            models.CheckConstraint(
                condition=Q(status=ApplicationStatus.PAID) | Q(paid_at__isnull=True),
                name="application_paid_at_only_when_paid",
            ),
            *one_per_applicant(
                "application",
                condition=~Q(status=ApplicationStatus.REJECTED),
                message=_("This applicant already has an application under this policy."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number} · {self.policy.title}"

    @property
    def number(self) -> str:
        """The reference an applicant quotes: SQ + year + a six-digit serial."""
        year = (self.created_at.year if self.created_at else 0) or ""
        return f"SQ{year}-{self.pk or 0:06d}"

    @property
    def is_overdue(self) -> bool:
        from django.utils import timezone

        return bool(
            self.status == ApplicationStatus.IN_REVIEW
            and self.stage_due_on
            and self.stage_due_on < timezone.localdate()
        )


def attachment_path(attachment, filename: str) -> str:
    return f"applications/{attachment.application_id}/{filename}"


class Attachment(models.Model):
    """A file an applicant attached, for one of the policy's required documents (or extra)."""

    application = models.ForeignKey(
        Application,
        on_delete=models.PROTECT,
        related_name="attachments",
        verbose_name=_("application"),
    )
    document = models.ForeignKey(
        RequiredDocument,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("document"),
    )
    file = models.FileField(_("file"), upload_to=attachment_path)
    file_name = models.CharField(_("file name"), max_length=255)
    size = models.PositiveIntegerField(_("size (bytes)"), default=0)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        ordering = ["application", "document__position", "id"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self) -> str:
        return self.file_name


class ApplicationEvent(AppendOnlyModel):
    """One line of an application's timeline (append-only): who did what, at which stage, why."""

    application = models.ForeignKey(
        Application, on_delete=models.PROTECT, related_name="events", verbose_name=_("application")
    )
    kind = models.CharField(_("what happened"), max_length=20, choices=EventKind.choices)
    stage = models.ForeignKey(
        ReviewStage,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("stage"),
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
        help_text=_("Empty when the platform acted on its own (a scheduled task)."),
    )
    reason = models.TextField(_("reason"), blank=True)
    at = models.DateTimeField(_("at"), auto_now_add=True)

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("timeline event")
        verbose_name_plural = _("timeline events")
        constraints = [
            models.CheckConstraint(
                condition=~Q(kind__in=[EventKind.REJECTED, EventKind.RETURNED]) | ~Q(reason=""),
                name="application_event_reject_and_return_give_a_reason",
                violation_error_message=_("Rejecting or returning needs a reason."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.at:%Y-%m-%d %H:%M}"


class Objection(TimeStamped):
    """An objection lodged during an application's public notice; it must be resolved."""

    application = models.ForeignKey(
        Application,
        on_delete=models.PROTECT,
        related_name="objections",
        verbose_name=_("application"),
    )
    lodged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    reason = models.TextField(_("reason"))
    status = models.CharField(
        _("status"), max_length=10, choices=ObjectionStatus.choices, default=ObjectionStatus.OPEN
    )
    resolution = models.TextField(_("resolution"), blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("objection")
        verbose_name_plural = _("objections")
        constraints = [
            models.CheckConstraint(
                condition=Q(status=ObjectionStatus.OPEN, resolved_at__isnull=True)
                | (
                    ~Q(status=ObjectionStatus.OPEN)
                    & Q(resolved_at__isnull=False)
                    & ~Q(resolution="")
                ),
                name="objection_resolved_with_a_resolution",
                violation_error_message=_("A resolved objection says how it was resolved."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_status_display()} · {self.reason[:30]}"


# Grants without application (免申即享) -------------------------------------------------------


class Offer(Applicant):
    """The office's offer to someone the registry shows eligible, made without their asking.

    Made once per policy and person (a unique constraint, whatever the scans do); accepting it
    creates an application that skips the stages the registry proves.
    """

    policy = models.ForeignKey(
        Policy, on_delete=models.PROTECT, related_name="offers", verbose_name=_("policy")
    )
    status = models.CharField(
        _("status"), max_length=10, choices=OfferStatus.choices, default=OfferStatus.OPEN
    )
    created_at = models.DateTimeField(_("offered at"), auto_now_add=True)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    application = models.OneToOneField(
        Application,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="offer",
        verbose_name=_("application"),
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("offer")
        verbose_name_plural = _("offers")
        constraints = [
            models.CheckConstraint(
                condition=exactly_one_applicant(), name="offer_names_exactly_one_applicant"
            ),
            models.CheckConstraint(
                condition=Q(status=OfferStatus.ACCEPTED, application__isnull=False)
                | (~Q(status=OfferStatus.ACCEPTED) & Q(application__isnull=True)),
                name="offer_accepted_exactly_when_it_has_an_application",
            ),
            *one_per_applicant("offer", message=_("This person has been offered this already.")),
        ]

    def __str__(self) -> str:
        return f"{self.policy.title} → {self.applicant}"
