"""The registry in Django's admin, for the talent office.

Saves and deletes go through the registry's services, so the admin obeys the same permissions
and the same validation as the pages and the API, and writes the audit trail. Founders are
read-only here: `venture_save` writes them with their venture (one lead founder), which the
venture's page does.
"""

from django.contrib import admin
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from talentzone.core.masking import mask

from . import queries, services
from .models import (
    PERSONAL_NUMBERS,
    Agency,
    Credential,
    Department,
    Enterprise,
    Founder,
    Grid,
    GridTeam,
    Membership,
    Platform,
    Station,
    Talent,
    TalentTier,
    Venture,
)


class ServiceAdmin(admin.ModelAdmin):
    """A ModelAdmin whose saves call the registry's services instead of `obj.save()`."""

    def save_model(self, request, obj, form, change):
        field_names = {field.name for field in obj._meta.concrete_fields}
        data = {name: value for name, value in form.cleaned_data.items() if name in field_names}
        if change:
            # The service checks permission on the record as stored, not as the form left it.
            stored = type(obj)._default_manager.get(pk=obj.pk)
            saved = self.update_record(actor=request.user, instance=stored, data=data)
        else:
            saved = self.create_record(actor=request.user, data=data)
        # The admin goes on with `obj` (change message, redirect): give it what was saved.
        for field in obj._meta.concrete_fields:
            setattr(obj, field.attname, getattr(saved, field.attname))
        obj._state.adding = False
        obj._state.db = saved._state.db

    def create_record(self, *, actor, data):
        return services.record_create(actor=actor, model=self.model, data=data)

    def update_record(self, *, actor, instance, data):
        return services.record_update(actor=actor, instance=instance, data=data)

    def delete_model(self, request, obj):
        services.record_delete(actor=request.user, instance=obj)

    def delete_queryset(self, request, queryset):
        # All or none: one refused delete leaves every selected record in place.
        with transaction.atomic():
            for obj in queryset:
                services.record_delete(actor=request.user, instance=obj)


@admin.register(Department)
class DepartmentAdmin(ServiceAdmin):
    list_display = ("name", "code")
    search_fields = ("name", "code")
    ordering = ("name",)


@admin.register(Grid)
class GridAdmin(ServiceAdmin):
    list_display = ("code", "name", "area")
    search_fields = ("name", "code", "area")
    ordering = ("code",)


@admin.register(GridTeam)
class GridTeamAdmin(ServiceAdmin):
    list_display = ("name", "grid", "department", "leader_name", "phone")
    list_filter = ("department",)
    search_fields = ("name", "leader_name", "grid__name")
    list_select_related = ("grid", "department")
    autocomplete_fields = ("grid", "department")


@admin.register(Station)
class StationAdmin(ServiceAdmin):
    list_display = ("name", "level", "phone", "beds")
    list_filter = ("level",)
    search_fields = ("name", "address")


@admin.register(Agency)
class AgencyAdmin(ServiceAdmin):
    list_display = ("name", "credit_code", "park_unit", "contact_name", "moved_in_on")
    list_filter = ("moved_in_on",)
    search_fields = ("name", "credit_code", "services")


@admin.register(Enterprise)
class EnterpriseAdmin(ServiceAdmin):
    list_display = ("name", "credit_code", "industry", "grid", "above_scale", "high_tech")
    list_filter = ("industry", "grid", "above_scale", "high_tech", "rd_institution")
    search_fields = ("name", "credit_code", "address")
    list_select_related = ("grid",)
    autocomplete_fields = ("grid",)


@admin.register(TalentTier)
class TalentTierAdmin(ServiceAdmin):
    list_display = ("rank", "name", "name_en", "level", "code")
    list_filter = ("level",)
    search_fields = ("name", "name_en", "code")
    ordering = ("rank",)


@admin.register(Talent)
class TalentAdmin(ServiceAdmin):
    list_display = ("name", "gender", "education", "tier", "employer", "status", "agency")
    list_filter = ("status", "tier", "education", "title", "industry", "gender")
    search_fields = ("name", "employer__name", "skills")
    list_select_related = ("tier", "employer", "agency")
    autocomplete_fields = ("employer", "agency", "user")

    # Personal numbers are masked here too (DESIGN §7): typed when a talent is added, shown
    # masked afterwards; the clear value is shown only by the logged "show" action on the page.
    @admin.display(description=_("ID number"))
    def masked_id_number(self, talent):
        return mask(talent.id_number)

    @admin.display(description=_("mobile"))
    def masked_phone(self, talent):
        return mask(talent.phone)

    def get_exclude(self, request, obj=None):
        return PERSONAL_NUMBERS if obj else ()

    def get_readonly_fields(self, request, obj=None):
        return ("masked_id_number", "masked_phone") if obj else ()

    def get_search_results(self, request, queryset, search_term):
        """Names and keywords as usual, and an exact ID number through its blind index."""
        results, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        by_id_number = queries.talents_with_id_numbers([search_term]) if search_term else None
        if by_id_number is not None and by_id_number.exists():
            results = results | queryset.filter(pk__in=by_id_number.values("pk"))
        return results, may_have_duplicates

    def create_record(self, *, actor, data):
        return services.talent_create(actor=actor, data=data)

    def update_record(self, *, actor, instance, data):
        return services.talent_update(actor=actor, talent=instance, data=data)


@admin.register(Credential)
class CredentialAdmin(ServiceAdmin):
    list_display = ("name", "talent", "kind", "level", "awarded_on")
    list_filter = ("kind", "level")
    search_fields = ("name", "issuer", "talent__name")
    list_select_related = ("talent",)
    autocomplete_fields = ("talent",)
    date_hierarchy = "awarded_on"


@admin.register(Platform)
class PlatformAdmin(ServiceAdmin):
    list_display = ("name", "enterprise", "kind", "level", "approved_on")
    list_filter = ("kind", "level")
    search_fields = ("name", "enterprise__name")
    list_select_related = ("enterprise",)
    autocomplete_fields = ("enterprise",)


class FounderInline(admin.TabularInline):
    model = Founder
    fields = ("name", "university", "graduation_year", "is_lead", "talent")
    readonly_fields = fields
    extra = 0
    can_delete = False
    verbose_name_plural = _("Founders (edited on the venture's page)")

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Venture)
class VentureAdmin(ServiceAdmin):
    list_display = ("name", "field", "stage", "joined_on", "park_unit")
    list_filter = ("stage", "field")
    search_fields = ("name", "summary", "founders__name")
    inlines = (FounderInline,)

    def has_add_permission(self, request) -> bool:
        # A venture starts with its founders, which only the venture's page can write.
        return False


@admin.register(Founder)
class FounderAdmin(admin.ModelAdmin):
    """Read-only: founders change only together with their venture (`venture_save`)."""

    list_display = ("name", "venture", "university", "graduation_year", "is_lead")
    list_filter = ("is_lead", "graduation_year")
    search_fields = ("name", "university", "venture__name")
    list_select_related = ("venture",)

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Membership)
class MembershipAdmin(ServiceAdmin):
    list_display = ("user", "enterprise", "agency", "station", "grid", "department")
    list_filter = ("user__groups",)
    search_fields = (
        "user__username",
        "user__display_name",
        "enterprise__name",
        "agency__name",
        "station__name",
        "grid__name",
        "department__name",
    )
    list_select_related = ("user", "enterprise", "agency", "station", "grid", "department")
    autocomplete_fields = ("user", "enterprise", "agency", "station", "grid", "department")
