"""The budget ledger in Django's admin, read only: the office admin sees the lines with their
figures and every entry; all changes go through `policies.ledger`."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from talentzone.core.choices import Role
from talentzone.core.roles import has_role

from .ledger import with_figures
from .models import BudgetLine, LedgerEntry
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
