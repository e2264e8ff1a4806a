"""Helpers every app's services use: permission checks and validated saves.

Services are the only writers. Each one checks what the actor may do (the same `rules`
predicates the pages and the API use) and validates the whole object before it touches the
database, so a bad request never leaves a half-written row. Every create and update is written to
the audit trail in the same transaction, with the names of the fields it set or changed.
"""

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import models, transaction

from .audit import AuditAction, audit, changed_fields, tracked_values


def require_perm(actor, perm: str, obj: Any = None) -> None:
    """Raise PermissionDenied (HTTP 403) unless `actor` holds `perm` (on `obj`, when given)."""
    if not actor.has_perm(perm, obj):
        raise PermissionDenied(f"{actor} may not {perm}")


def perm_name(model: type[models.Model], action: str) -> str:
    return f"{model._meta.app_label}.{action}_{model._meta.model_name}"


def assign_fields(instance: models.Model, data: Mapping[str, Any]) -> None:
    """Set plain and foreign-key fields from `data`; many-to-many fields are not handled here."""
    for name, value in data.items():
        setattr(instance, name, value)


@transaction.atomic
def create_validated(*, actor, model: type[models.Model], data: Mapping[str, Any]):
    """Create a row of `model` from `data` if `actor` may add it and may manage the result.

    Checking `change` on the unsaved object stops, for example, an enterprise's HR staff from
    adding a person to another enterprise: the add permission alone cannot see the employer.
    """
    require_perm(actor, perm_name(model, "add"))
    instance = model()
    defaults = tracked_values(instance)
    assign_fields(instance, data)
    require_perm(actor, perm_name(model, "change"), instance)
    instance.full_clean()
    instance.save()
    changes = changed_fields(defaults, instance)
    audit(actor=actor, action=AuditAction.CREATE, target=instance, changes=changes)
    return instance


@transaction.atomic
def update_validated(*, actor, instance: models.Model, data: Mapping[str, Any]):
    """Update `instance` with `data` if `actor` may change it both before and after the edit."""
    change = perm_name(type(instance), "change")
    require_perm(actor, change, instance)
    before = tracked_values(instance)
    assign_fields(instance, data)
    require_perm(actor, change, instance)
    instance.full_clean()
    instance.save()
    # A save that changes nothing is not a change of the record: it leaves no audit record.
    if changes := changed_fields(before, instance):
        audit(actor=actor, action=AuditAction.UPDATE, target=instance, changes=changes)
    return instance
