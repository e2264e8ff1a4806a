"""Every write to the registry goes through here (pages, API, admin actions, imports).

Each service checks the actor's permission with the same rules the pages and the API use,
validates the whole object and writes it in one transaction, or writes nothing.
"""

import datetime
from collections.abc import Mapping, Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from talentzone.core.audit import AuditAction, audit
from talentzone.core.services import create_validated, perm_name, require_perm, update_validated
from talentzone.core.validators import compact_id_number

from .choices import TalentStatus
from .models import PERSONAL_NUMBERS, Founder, Talent, Venture


def _normalised_talent(data: Mapping[str, Any]) -> dict[str, Any]:
    """Clerks type ID numbers with spaces and a lower-case x; store the compact upper form."""
    cleaned = dict(data)
    if "id_number" in cleaned:
        cleaned["id_number"] = compact_id_number(cleaned["id_number"])
    return cleaned


def departure_day(status: str, left_on: datetime.date | None) -> datetime.date | None:
    """The day a talent with this status left the zone: the day already known, or today when
    the status has just become "left"; None for anyone who has not left (a talent who comes
    back loses the date)."""
    if status != TalentStatus.LEFT:
        return None
    return left_on or timezone.localtime(timezone.now()).date()


def _dated_departure(data: dict[str, Any], talent: Talent | None = None) -> dict[str, Any]:
    """`data` with the `left_on` its status calls for (see `departure_day`)."""
    status = data.get("status", talent.status if talent else TalentStatus.IN_ZONE)
    known = data.get("left_on") or (talent.left_on if talent else None)
    data["left_on"] = departure_day(status, known)
    return data


def talent_create(*, actor, data: Mapping[str, Any]) -> Talent:
    data = _dated_departure(_normalised_talent(data))
    return create_validated(actor=actor, model=Talent, data=data)


def talent_update(*, actor, talent: Talent, data: Mapping[str, Any]) -> Talent:
    data = _dated_departure(_normalised_talent(data), talent)
    return update_validated(actor=actor, instance=talent, data=data)


@transaction.atomic
def talent_reveal(*, actor, talent: Talent) -> dict[str, str]:
    """The talent's clear ID and mobile numbers, for the office or the person themselves;
    every showing is written to the audit trail, in the same transaction."""
    require_perm(actor, "directory.reveal_talent", talent)
    audit(actor=actor, action=AuditAction.UNMASK, target=talent, changes=PERSONAL_NUMBERS)
    return {name: getattr(talent, name) for name in PERSONAL_NUMBERS}


def record_create(*, actor, model, data: Mapping[str, Any]):
    """Create any other registry record (enterprise, agency, credential, platform…)."""
    return create_validated(actor=actor, model=model, data=data)


def record_update(*, actor, instance, data: Mapping[str, Any]):
    return update_validated(actor=actor, instance=instance, data=data)


@transaction.atomic
def record_delete(*, actor, instance) -> None:
    """Delete a registry record if `actor` may; the audit trail keeps who deleted what.

    The record is written first, while the deleted row still has its id and name; a delete the
    database refuses (a record still referred to) takes the audit record with it.
    """
    require_perm(actor, perm_name(type(instance), "delete"), instance)
    audit(actor=actor, action=AuditAction.DELETE, target=instance)
    instance.delete()


def _check_founders(founders: Sequence[Mapping[str, Any]]) -> None:
    if not founders:
        raise ValidationError({"founders": _("A venture has at least one founder.")})
    leads = sum(1 for founder in founders if founder.get("is_lead"))
    if leads != 1:
        raise ValidationError({"founders": _("Exactly one founder is the lead founder.")})


@transaction.atomic
def venture_save(
    *, actor, data: Mapping[str, Any], founders: Sequence[Mapping[str, Any]], venture=None
) -> Venture:
    """Create or update a venture with its whole list of founders, which replaces the old one."""
    _check_founders(founders)
    if venture is None:
        venture = create_validated(actor=actor, model=Venture, data=data)
        old_founders = []
    else:
        old_founders = _founder_rows(venture)
        venture = update_validated(actor=actor, instance=venture, data=data)
    require_perm(actor, "directory.change_founder")
    venture.founders.all().delete()
    for founder_data in founders:
        founder = Founder(venture=venture, **founder_data)
        founder.full_clean()
        founder.save()
    # A new venture's founders belong to its creation; on an edit, a new list is a change.
    if old_founders and _founder_rows(venture) != old_founders:
        audit(actor=actor, action=AuditAction.UPDATE, target=venture, changes=["founders"])
    return venture


def _founder_rows(venture: Venture) -> list[tuple]:
    fields = ("name", "university", "graduation_year", "is_lead", "talent_id")
    return list(venture.founders.order_by(*fields).values_list(*fields))
