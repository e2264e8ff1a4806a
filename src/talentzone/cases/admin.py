"""The case desk in Django's admin, for the talent office.

The office keeps the case categories here (which department takes each up at level 2, the working
days of each level) and may set the grid teams' visit plans and pair leaders with experts; those
two go through `cases.services`, so they are checked, audited and notified as on the pages.
Cases, their timelines and escalations are read only: every step of a case is a service's (the
desk's pages and API).
"""

from django.contrib import admin
from django.db import transaction

from talentzone.core.audit import AuditAction, audit
from talentzone.core.choices import Role
from talentzone.core.roles import has_role

from . import services
from .models import (
    Case,
    CaseEvent,
    Category,
    Consultation,
    ConsultationTask,
    Escalation,
    Liaison,
    LiaisonVisit,
    Visit,
    VisitPlan,
)


def is_office(request) -> bool:
    return has_role(request.user, Role.OFFICE_ADMIN)


class OfficeAdmin(admin.ModelAdmin):
    """Seen and kept by the talent office only; nothing is deleted here."""

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


class ReadOnlyAdmin(OfficeAdmin):
    def get_readonly_fields(self, request, obj=None):
        return [field.name for field in self.model._meta.fields]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False
    show_change_link = False

    def get_readonly_fields(self, request, obj=None):
        return [field.name for field in self.model._meta.fields]

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    def has_view_permission(self, request, obj=None) -> bool:
        return is_office(request)


@admin.register(Category)
class CategoryAdmin(OfficeAdmin):
    """A category no longer used is made inactive (its cases keep it), never deleted."""

    list_display = (
        "name",
        "name_en",
        "code",
        "department",
        "grid_days",
        "department_days",
        "consultation_days",
        "position",
        "active",
    )
    list_editable = ("position", "active")
    list_filter = ("active", "department")
    search_fields = ("name", "name_en", "code")
    list_select_related = ("department",)
    autocomplete_fields = ("department",)

    def save_model(self, request, obj, form, change):
        with transaction.atomic():
            obj.save()
            audit(
                actor=request.user,
                action=AuditAction.UPDATE if change else AuditAction.CREATE,
                target=obj,
                changes=form.changed_data,
            )


@admin.register(VisitPlan)
class VisitPlanAdmin(OfficeAdmin):
    list_display = ("team", "interval_days", "due_soon_days")
    list_select_related = ("team",)
    autocomplete_fields = ("team",)

    def get_readonly_fields(self, request, obj=None):
        return ("team",) if obj else ()

    def save_model(self, request, obj, form, change):
        saved = services.visit_plan_set(
            actor=request.user,
            team=obj.team,
            interval_days=obj.interval_days,
            due_soon_days=obj.due_soon_days,
        )
        obj.pk = saved.pk
        obj._state.adding = False


class LiaisonVisitInline(ReadOnlyInline):
    model = LiaisonVisit
    fields = ("visited_on", "notes", "recorded_by")


@admin.register(Liaison)
class LiaisonAdmin(OfficeAdmin):
    """Pairing and ending a pairing go through the services; a pairing is not edited otherwise
    (end it and pair again)."""

    list_display = ("leader", "expert", "interval_days", "since", "active")
    list_filter = ("active", "leader")
    search_fields = ("expert__name", "leader__display_name", "leader__username")
    list_select_related = ("leader", "expert")
    autocomplete_fields = ("leader", "expert")
    inlines = (LiaisonVisitInline,)

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return ()
        return ("leader", "expert", "interval_days", "since") + (() if obj.active else ("active",))

    def save_model(self, request, obj, form, change):
        if change:
            if "active" in form.changed_data and not obj.active:
                services.liaison_end(actor=request.user, liaison=obj)
            return
        saved = services.liaison_create(
            actor=request.user,
            leader=obj.leader,
            expert=obj.expert,
            interval_days=obj.interval_days,
            since=obj.since,
        )
        obj.pk = saved.pk
        obj.created_at, obj.updated_at = saved.created_at, saved.updated_at
        obj._state.adding = False


class CaseEventInline(ReadOnlyInline):
    model = CaseEvent
    fields = ("at", "kind", "level", "actor", "note")
    ordering = ("at", "id")


class EscalationInline(ReadOnlyInline):
    model = Escalation
    fields = ("from_level", "to_level", "automatic", "by", "at", "reason")


class ConsultationInline(ReadOnlyInline):
    model = Consultation
    fields = ("scheduled_at", "place", "chair", "status", "held_at", "decision")
    show_change_link = True


@admin.register(Case)
class CaseAdmin(ReadOnlyAdmin):
    list_display = (
        "number",
        "title",
        "category",
        "source",
        "team",
        "level",
        "department",
        "status",
        "opened_on",
        "due_on",
        "rating",
    )
    list_filter = ("status", "level", "source", "category", "team")
    search_fields = ("number", "title", "enterprise__name", "talent__name")
    list_select_related = ("category", "team", "department")
    date_hierarchy = "opened_on"
    inlines = (EscalationInline, ConsultationInline, CaseEventInline)


class ConsultationTaskInline(ReadOnlyInline):
    model = ConsultationTask
    fields = ("department", "description", "due_on", "done_at", "done_by", "done_note")


@admin.register(Consultation)
class ConsultationAdmin(ReadOnlyAdmin):
    list_display = ("case", "scheduled_at", "place", "status", "held_at")
    list_filter = ("status",)
    search_fields = ("case__number", "case__title", "place")
    list_select_related = ("case",)
    inlines = (ConsultationTaskInline,)


@admin.register(Visit)
class VisitAdmin(ReadOnlyAdmin):
    list_display = ("visited_on", "enterprise", "team", "visitors", "met")
    list_filter = ("team",)
    search_fields = ("enterprise__name", "visitors", "met", "notes")
    list_select_related = ("enterprise", "team")
    date_hierarchy = "visited_on"
