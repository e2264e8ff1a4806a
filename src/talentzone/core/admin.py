"""Users in Django's admin: the stock user admin plus the display name people see on pages."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.utils.translation import gettext_lazy as _

from .models import User

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
