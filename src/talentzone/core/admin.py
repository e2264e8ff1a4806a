"""Users in Django's admin (the stock user admin plus the display name people see on pages),
and the audit trail, read only."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.utils.translation import gettext_lazy as _

from .audit import may_read_trail
from .models import AuditRecord, CalendarDay, User

admin.site.site_header = _("Talent service platform administration")
admin.site.site_title = _("Talent service platform")


@admin.register(User)
class TalentzoneUserAdmin(UserAdmin):
    list_display = ("username", "display_name", "email", "is_staff", "is_active", "last_login")
    list_filter = ("groups", "is_staff", "is_superuser", "is_active")
    search_fields = ("username", "display_name", "first_name", "last_name", "email")
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        (_("Personal info"), {"fields": ("display_name", "first_name", "last_name", "email")}),
        *UserAdmin.fieldsets[2:],
    )
    add_fieldsets = (
        *UserAdmin.add_fieldsets,
        (_("Personal info"), {"fields": ("display_name", "email")}),
    )


@admin.register(AuditRecord)
class AuditRecordAdmin(admin.ModelAdmin):
    """The audit trail, read only: the office admin may look; nobody may add, change or delete."""

    list_display = ("seq", "at", "actor_name", "action", "target_type", "target_id", "target_repr")
    list_filter = ("action", "target_type")
    search_fields = ("target_repr", "actor_name", "target_id")
    ordering = ("-seq",)
    list_select_related = ("actor",)
    readonly_fields = [field.name for field in AuditRecord._meta.fields]

    def has_view_permission(self, request, obj=None) -> bool:
        return may_read_trail(request.user)

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(CalendarDay)
class CalendarDayAdmin(admin.ModelAdmin):
    list_display = ("date", "name", "working")
    list_filter = ("working",)
    date_hierarchy = "date"
    search_fields = ("name",)
