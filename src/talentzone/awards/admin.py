"""The evaluations in Django's admin, for the talent office.

The office keeps the pool of experts here (add an expert, note their employer in the zone so they
never score its people, take them out of the pool): saving is audited, and the expert's account
is given the expert role. Rounds are read only, with their criteria: every step of a round is a
service's (the evaluation pages and the API).
"""

from django.contrib import admin

from talentzone.core.choices import Role
from talentzone.core.roles import has_role

from . import services
from .models import Criterion, Expert, Round


def is_office(request) -> bool:
    return has_role(request.user, Role.OFFICE_ADMIN)


@admin.register(Expert)
class ExpertAdmin(admin.ModelAdmin):
    """An expert leaves the pool (active off), never deleted: their past scores keep them."""

    list_display = ("name", "affiliation", "employer", "speciality", "active")
    list_filter = ("active", "speciality")
    list_editable = ("active",)
    search_fields = ("name", "affiliation", "speciality", "user__username")
    list_select_related = ("employer", "user")
    autocomplete_fields = ("user", "employer")

    def has_module_permission(self, request) -> bool:
        return is_office(request)

    def has_view_permission(self, request, obj=None) -> bool:
        return is_office(request)

    def has_add_permission(self, request) -> bool:
        return is_office(request)

    def has_change_permission(self, request, obj=None) -> bool:
        return is_office(request)

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    def get_readonly_fields(self, request, obj=None):
        return ("user",) if obj else ()

    def save_model(self, request, obj, form, change):
        services.expert_save(actor=request.user, expert=obj, changes=form.changed_data)


class CriterionInline(admin.TabularInline):
    model = Criterion
    fields = ("position", "name", "description", "weight", "max_points")
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_view_permission(self, request, obj=None) -> bool:
        return is_office(request)


@admin.register(Round)
class RoundAdmin(admin.ModelAdmin):
    """Read only: rounds are set up and moved on from the evaluation pages."""

    list_display = ("title", "year", "kind", "category", "status", "quota", "nominations_close")
    list_filter = ("status", "kind", "category", "year")
    search_fields = ("title",)
    inlines = (CriterionInline,)

    def get_readonly_fields(self, request, obj=None):
        return [field.name for field in self.model._meta.fields]

    def has_module_permission(self, request) -> bool:
        return is_office(request)

    def has_view_permission(self, request, obj=None) -> bool:
        return is_office(request)

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
