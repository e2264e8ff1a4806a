"""A policy's review stages and required documents, saved as whole lists (`services.policy_save`
calls these; nothing else writes them).

A list replaces the one the policy has: an item with the `id` of one of the policy's stages
(documents) changes it, an item without an id adds one, and one left out is removed, unless an
application has used it (a stage that decided, or a document with a file attached): history
keeps what it points at, so that is refused with a message instead.
"""

from collections.abc import Mapping, Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext as _

from .models import Application, ApplicationEvent, Attachment, Policy, RequiredDocument, ReviewStage

STAGE_FIELDS = ("position", "name", "role", "department", "deadline_days", "proved_by_registry")
DOCUMENT_FIELDS = ("position", "name", "description")


def prepared_stages(policy: Policy, items: Sequence[Mapping[str, Any]]) -> list[ReviewStage]:
    """The new list of stages, validated, not saved (ValidationError on `stages`)."""
    stages = _prepared(policy, items, ReviewStage, STAGE_FIELDS, "stages", _stage_used)
    positions = [stage.position for stage in stages]
    if len(set(positions)) != len(positions):
        raise ValidationError({"stages": _("Two stages of one policy cannot share a position.")})
    return stages


def prepared_documents(
    policy: Policy, items: Sequence[Mapping[str, Any]]
) -> list[RequiredDocument]:
    return _prepared(policy, items, RequiredDocument, DOCUMENT_FIELDS, "documents", _document_used)


def save_stages(policy: Policy, stages: list[ReviewStage]) -> bool:
    """Write the list (inside the caller's transaction); True when anything changed."""
    before = _rows(policy.stages.all(), STAGE_FIELDS)
    _remove_others(policy.stages.all(), stages)
    # Positions are unique per policy: move the kept stages out of the way first, so that two
    # stages can swap places.
    kept = [stage for stage in stages if stage.pk]
    if kept:
        clear = 1 + max(
            [s.position for s in stages] + list(policy.stages.values_list("position", flat=True))
        )
        for offset, stage in enumerate(kept):
            ReviewStage.objects.filter(pk=stage.pk).update(position=clear + offset)
    for stage in stages:
        stage.policy = policy
        stage.save()
    return _rows(policy.stages.all(), STAGE_FIELDS) != before


def save_documents(policy: Policy, documents: list[RequiredDocument]) -> bool:
    before = _rows(policy.documents.all(), DOCUMENT_FIELDS)
    _remove_others(policy.documents.all(), documents)
    for document in documents:
        document.policy = policy
        document.save()
    return _rows(policy.documents.all(), DOCUMENT_FIELDS) != before


def _prepared(policy, items, model, fields, name, used) -> list:
    existing = {row.pk: row for row in model.objects.filter(policy=policy)} if policy.pk else {}
    prepared, errors = [], []
    for number, item in enumerate(items, start=1):
        pk = item.get("id")
        if pk is not None and pk not in existing:
            errors.append(_("Item %(number)s: not one of this policy's.") % {"number": number})
            continue
        row = existing.get(pk) or model()
        for field in fields:
            if field in item:
                setattr(row, field, item[field])
        try:
            row.full_clean(exclude=["policy"])
        except ValidationError as error:
            errors.extend(
                _("Item %(number)s: %(message)s") % {"number": number, "message": message}
                for message in error.messages
            )
        prepared.append(row)
    kept = {row.pk for row in prepared if row.pk}
    errors.extend(
        _("“%(name)s” has been used by applications: it cannot be removed.") % {"name": row.name}
        for pk, row in existing.items()
        if pk not in kept and used(row)
    )
    if errors:
        raise ValidationError({name: errors})
    return prepared


def _remove_others(current, kept: list) -> None:
    """Delete the rows left out of the list (`_prepared` made sure none has been used)."""
    current.exclude(pk__in={row.pk for row in kept if row.pk}).delete()


def _stage_used(stage: ReviewStage) -> bool:
    return (
        Application.objects.filter(Q(stage=stage) | Q(returned_from=stage)).exists()
        or ApplicationEvent.objects.filter(stage=stage).exists()
    )


def _document_used(document: RequiredDocument) -> bool:
    return Attachment.objects.filter(document=document).exists()


def _rows(queryset, fields) -> list[tuple]:
    names = [f"{field}_id" if field == "department" else field for field in fields]
    return list(queryset.order_by("position", "id").values_list("id", *names))
