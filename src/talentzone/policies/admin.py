"""The budget ledger, the policies, applications and offers in Django's admin, read only: the
office admin sees the lines with their figures and every entry, each policy with its stages and
documents, and every application and offer. All changes go through `policies.ledger` and
`policies.services` (the office's pages), never through here."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from talentzone.core.choices import Role
from talentzone.core.roles import has_role

from .choices import Benefit
from .formulas import describe_formula
from .ledger import with_figures
from .models import (
    Application,
    BudgetLine,
    LedgerEntry,
    Offer,
    Policy,
    RequiredDocument,
    ReviewStage,
)
from .money import format_fen


class ReadOnlyAdmin(admin.ModelAdmin):
    """Visible to the office admin; nobody adds, changes or deletes here."""

    def get_readonly_fields(self, request, obj=None):
        return [field.name for field in self.model._meta.fields]

    def has_module_permission(self, request) -> bool:
        return has_role(request.user, Role.OFFICE_ADMIN)

    def has_view_permission(self, request, obj=None) -> bool:
        return has_role(request.user, Role.OFFICE_ADMIN)

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def get_readonly_fields(self, request, obj=None):
        return [field.name for field in self.model._meta.fields]

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    def has_view_permission(self, request, obj=None) -> bool:
        return has_role(request.user, Role.OFFICE_ADMIN)


@admin.register(BudgetLine)
class BudgetLineAdmin(ReadOnlyAdmin):
    list_display = ("year", "code", "name", "owner", "amount_yuan", "reserved", "disbursed", "free")
    list_filter = ("year", "owner")
    search_fields = ("code", "name")
    ordering = ("-year", "code")
    list_select_related = ("owner",)

    def get_queryset(self, request):
        return with_figures(super().get_queryset(request))

    @admin.display(description=_("amount"), ordering="amount")
    def amount_yuan(self, line: BudgetLine) -> str:
        return format_fen(line.amount)

    @admin.display(description=_("reserved"), ordering="reserved_fen")
    def reserved(self, line: BudgetLine) -> str:
        return format_fen(line.reserved_fen)

    @admin.display(description=_("disbursed"), ordering="disbursed_fen")
    def disbursed(self, line: BudgetLine) -> str:
        return format_fen(line.disbursed_fen)

    @admin.display(description=_("free"), ordering="free_fen")
    def free(self, line: BudgetLine) -> str:
        return format_fen(line.free_fen)


@admin.register(LedgerEntry)
class LedgerEntryAdmin(ReadOnlyAdmin):
    list_display = ("created_at", "line", "kind", "amount_yuan", "reference", "actor")
    list_filter = ("kind", "line__year")
    search_fields = ("reference", "line__code", "memo")
    ordering = ("-created_at", "-id")
    list_select_related = ("line", "actor")

    @admin.display(description=_("amount"), ordering="amount")
    def amount_yuan(self, entry: LedgerEntry) -> str:
        return format_fen(entry.amount)


class ReviewStageInline(ReadOnlyInline):
    model = ReviewStage
    fields = ("position", "name", "role", "department", "deadline_days", "proved_by_registry")


class RequiredDocumentInline(ReadOnlyInline):
    model = RequiredDocument
    fields = ("position", "name", "description")


@admin.register(Policy)
class PolicyAdmin(ReadOnlyAdmin):
    list_display = (
        "code",
        "title",
        "applicant_kind",
        "valid_from",
        "valid_until",
        "benefit",
        "amount",
        "budget_line",
    )
    list_filter = ("applicant_kind", "benefit", "formula", "budget_line__year")
    search_fields = ("code", "title", "title_en")
    list_select_related = ("budget_line",)
    inlines = (ReviewStageInline, RequiredDocumentInline)

    @admin.display(description=_("amount formula"))
    def amount(self, policy: Policy) -> str:
        return describe_formula(policy)


@admin.register(Application)
class ApplicationAdmin(ReadOnlyAdmin):
    list_display = ("number", "policy", "applicant_kind", "applicant", "status", "amount_yuan")
    list_filter = ("status", "applicant_kind", "policy")
    search_fields = ("talent__name", "enterprise__name", "agency__name", "venture__name")
    ordering = ("-created_at", "-id")
    list_select_related = ("policy", "talent", "enterprise", "agency", "venture")

    @admin.display(description=_("application number"), ordering="id")
    def number(self, application: Application) -> str:
        return application.number

    @admin.display(description=_("applicant"))
    def applicant(self, application: Application) -> str:
        return str(application.applicant)

    @admin.display(description=_("amount"), ordering="amount_fen")
    def amount_yuan(self, application: Application) -> str:
        if application.policy.benefit == Benefit.IN_KIND:
            return _("In kind")
        return "" if application.amount_fen is None else format_fen(application.amount_fen)


@admin.register(Offer)
class OfferAdmin(ReadOnlyAdmin):
    list_display = ("policy", "applicant_kind", "applicant", "status", "created_at", "answered_at")
    list_filter = ("status", "applicant_kind", "policy")
    search_fields = ("talent__name", "enterprise__name", "agency__name", "venture__name")
    ordering = ("-created_at", "-id")
    list_select_related = ("policy", "talent", "enterprise", "agency", "venture")

    @admin.display(description=_("applicant"))
    def applicant(self, offer: Offer) -> str:
        return str(offer.applicant)
