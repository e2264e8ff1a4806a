"""The audit trail: append-only, hash-chained records of who did what to which record.

Services call `audit()` (or `audit_many()` for imports) inside the transaction of the change
they make, so a change and its record are written together or not at all. Each record's hash
covers its own fields and the hash of the record before it; `check_chain()` recomputes them all
and names the first record that no longer matches (`talentzone audit verify`).

Records hold field *names*, never values: a change of someone's ID number is recorded as
`["id_number"]`, and a talent is described by their name only.
"""

import contextlib
import datetime
import hashlib
import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connections, models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .choices import AuditAction, Role
from .models import GENESIS_HASH, AuditHead, AuditRecord
from .roles import has_role

__all__ = [
    "AuditAction",
    "ChainReport",
    "audit",
    "audit_many",
    "changed_fields",
    "check_chain",
    "flushing",
    "install_sqlite_guard",
    "may_read_trail",
    "record_hash",
    "record_login_failure",
    "tracked_values",
    "verify_chain",
]

HEAD_ID = 1
REPR_LENGTH = 200
USERNAME_LENGTH = 150
# The fields a record's hash covers, in the names `values()` gives them. `id` is left out: the
# chain's order is `seq`, and the id is only known after the insert.
HASHED_FIELDS = (
    "seq",
    "at",
    "actor_id",
    "actor_name",
    "action",
    "target_type",
    "target_id",
    "target_repr",
    "changes",
    "detail",
    "ip",
    "prev_hash",
)
# The SQL function the SQLite DELETE trigger asks (migration core 0003), and the attribute of a
# connection that makes it answer yes.
SQLITE_FLUSH_FUNCTION = "talentzone_audit_flushing"
FLUSHING_FLAG = "talentzone_audit_flushing"


def may_read_trail(user) -> bool:
    """The office admin reads the trail (page, API, admin); nobody writes it but the services."""
    return has_role(user, Role.OFFICE_ADMIN)


# Writing -------------------------------------------------------------------------------------


def audit(
    *,
    actor,
    action: str,
    target: models.Model | None = None,
    changes: Iterable[str] = (),
    detail: Mapping[str, Any] | None = None,
    ip: str | None = None,
) -> AuditRecord:
    """Append one record to the trail, in the caller's transaction (raise outside one)."""
    _require_transaction()
    head = _locked_head()
    record = _new_record(
        actor=actor, action=action, target=target, changes=changes, detail=detail, ip=ip
    )
    _chain(record, head)
    record.save()
    _save_head(head)
    return record


def audit_many(
    *,
    actor,
    action: str,
    targets: Sequence[models.Model],
    changes: Iterable[str] = (),
    detail: Mapping[str, Any] | None = None,
) -> int:
    """One record per target, chained in Python and inserted in bulk (imports of 10^4 rows)."""
    _require_transaction()
    if not targets:
        return 0
    head = _locked_head()
    at = timezone.now()
    changes = list(changes)
    records = []
    for target in targets:
        record = _new_record(
            actor=actor, action=action, target=target, changes=changes, detail=detail, at=at
        )
        _chain(record, head)
        records.append(record)
    AuditRecord.objects.bulk_create(records, batch_size=1000)
    _save_head(head)
    return len(records)


def _require_transaction() -> None:
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError(
            "audit() runs inside transaction.atomic: the record belongs to the change's "
            "transaction, so that one is never written without the other."
        )


def _locked_head() -> AuditHead:
    """The end of the chain, locked until the transaction ends: appends queue one by one.

    On PostgreSQL `select_for_update` is the lock; SQLite's IMMEDIATE transactions already let
    one writer in at a time. The row is created on first use (and again after a `flush`); two
    first writers racing to create it both end up locking the one row that won.
    """
    head = AuditHead.objects.select_for_update().filter(pk=HEAD_ID).first()
    if head is None:
        AuditHead.objects.bulk_create([_head_from_trail()], ignore_conflicts=True)
        head = AuditHead.objects.select_for_update().get(pk=HEAD_ID)
    return head


def _head_from_trail() -> AuditHead:
    last = AuditRecord.objects.order_by("-seq").values("seq", "hash").first()
    if last is None:
        return AuditHead(pk=HEAD_ID, seq=0, last_hash=GENESIS_HASH)
    return AuditHead(pk=HEAD_ID, seq=last["seq"], last_hash=last["hash"])


def _save_head(head: AuditHead) -> None:
    head.save(update_fields=["seq", "last_hash"])


def _new_record(*, actor, action, target, changes, detail, ip=None, at=None) -> AuditRecord:
    if actor is not None and not actor.is_authenticated:
        actor = None  # an anonymous visitor, e.g. a failed sign-in
    record = AuditRecord(
        at=at or timezone.now(),
        actor=actor,
        actor_name=actor.get_username() if actor else "",
        action=AuditAction(action).value,
        changes=list(dict.fromkeys(str(name) for name in changes)),
        # Stored as the database will give it back (dates as text, tuples as lists), so the
        # hash computed now is the hash recomputed later.
        detail=json.loads(json.dumps(dict(detail or {}), cls=DjangoJSONEncoder)),
        ip=AuditRecord._meta.get_field("ip").get_prep_value(ip) if ip else None,
    )
    if target is not None:
        record.target_type = target._meta.label_lower
        record.target_id = "" if target.pk is None else str(target.pk)
        record.target_repr = str(target)[:REPR_LENGTH]
    return record


def _chain(record: AuditRecord, head: AuditHead) -> None:
    """Link `record` after the head and make it the new head (in memory)."""
    record.seq = head.seq + 1
    record.prev_hash = head.last_hash
    record.hash = record_hash(_hashed_values(record))
    head.seq, head.last_hash = record.seq, record.hash


def _hashed_values(record: AuditRecord) -> dict[str, Any]:
    return {name: getattr(record, name) for name in HASHED_FIELDS}


def record_hash(values: Mapping[str, Any]) -> str:
    """sha256 of the canonical JSON of a record's hashed fields (its prev_hash among them)."""
    payload = dict(values)
    payload["at"] = payload["at"].astimezone(datetime.UTC).isoformat(timespec="microseconds")
    canonical = json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode()).hexdigest()


# What changed ---------------------------------------------------------------------------------


def _is_tracked(field: models.Field) -> bool:
    """Fields a person changes: not the key, not the time stamps the database keeps."""
    automatic = getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False)
    return not field.primary_key and not automatic


def tracked_values(instance: models.Model) -> dict[str, Any]:
    """A snapshot of the fields a person changes, to compare before and after a save."""
    return {
        field.name: field.value_from_object(instance)
        for field in instance._meta.concrete_fields
        if _is_tracked(field)
    }


def changed_fields(before: Mapping[str, Any], instance: models.Model) -> list[str]:
    """Names of the fields whose value differs from the snapshot `before` (values stay out)."""
    after = tracked_values(instance)
    return [name for name, value in after.items() if before.get(name) != value]


# Failed sign-ins ------------------------------------------------------------------------------


def record_login_failure(sender, credentials: Mapping[str, Any], request=None, **kwargs) -> None:
    """Receiver of Django's `user_login_failed`: the name that was tried, never the password."""
    username_field = get_user_model().USERNAME_FIELD
    username = str(credentials.get(username_field, ""))[:USERNAME_LENGTH]
    ip = request.META.get("REMOTE_ADDR") if request is not None else None
    with transaction.atomic():
        audit(actor=None, action=AuditAction.LOGIN_FAILED, detail={"username": username}, ip=ip)


# Verifying ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class ChainReport:
    """What `check_chain` found: how many records hold, and the first that does not."""

    count: int
    broken: AuditRecord | None = None
    reason: str = ""

    @property
    def intact(self) -> bool:
        return not self.reason

    def summary(self) -> str:
        """One sentence for a person: how many records hold, or which one broke and why."""
        if self.intact:
            return ngettext(
                "%(count)s audit record checked: chain intact.",
                "%(count)s audit records checked: chain intact.",
                self.count,
            ) % {"count": self.count}
        record = self.broken
        if record is None:
            return self.reason
        target = " ".join(filter(None, [record.target_type, record.target_id, record.target_repr]))
        return _(
            "Audit record %(seq)s (id %(id)s, %(at)s, %(action)s, %(target)s) is broken: %(reason)s"
        ) % {
            "seq": record.seq,
            "id": record.pk,
            "at": timezone.localtime(record.at).strftime("%Y-%m-%d %H:%M:%S"),
            "action": record.get_action_display(),
            "target": target or "-",
            "reason": self.reason,
        }


def verify_chain(*, chunk_size: int = 2000) -> AuditRecord | None:
    """The first record whose hash or link does not hold, or None when the chain is intact."""
    return check_chain(chunk_size=chunk_size).broken


def check_chain(*, chunk_size: int = 2000) -> ChainReport:
    """Walk the whole trail in order, recomputing every hash; stop at the first break.

    Reads `chunk_size` records at a time (keyset on `seq`), so a trail of millions of records
    never sits in memory. The head is read first and the walk stops there: records appended
    meanwhile are not judged half-seen. Comparing the end of the walk with the head notices
    records removed from the end of the trail, which no later record is left to show.
    """
    head = AuditHead.objects.filter(pk=HEAD_ID).first()
    expected_seq, expected_prev = 1, GENESIS_HASH
    for row in _rows_in_order(chunk_size, up_to=head.seq if head else None):
        reason = _break_in(row, expected_seq, expected_prev)
        if reason:
            return ChainReport(expected_seq - 1, AuditRecord.objects.get(pk=row["id"]), reason)
        expected_seq, expected_prev = row["seq"] + 1, row["hash"]
    count = expected_seq - 1
    if head is not None and (head.seq, head.last_hash) != (count, expected_prev):
        reason = _(
            "The trail ends at record %(count)s but its end is record %(seq)s: records at "
            "its end were removed."
        ) % {"count": count, "seq": head.seq}
        return ChainReport(count, None, reason)
    return ChainReport(count)


def _rows_in_order(chunk_size: int, up_to: int | None) -> Iterator[dict[str, Any]]:
    rows_of_trail = AuditRecord.objects.order_by("seq")
    if up_to is not None:
        rows_of_trail = rows_of_trail.filter(seq__lte=up_to)
    after = 0
    while True:
        chunk = list(
            rows_of_trail.filter(seq__gt=after).values("id", "hash", *HASHED_FIELDS)[:chunk_size]
        )
        yield from chunk
        if len(chunk) < chunk_size:
            return
        after = chunk[-1]["seq"]


def _break_in(row: Mapping[str, Any], expected_seq: int, expected_prev: str) -> str:
    """Why this record breaks the chain, or "" when it holds."""
    if row["seq"] != expected_seq:
        return _("Records %(first)s to %(last)s before it are missing.") % {
            "first": expected_seq,
            "last": row["seq"] - 1,
        }
    if record_hash({name: row[name] for name in HASHED_FIELDS}) != row["hash"]:
        return _("Its content does not match its hash: it was changed after it was written.")
    if row["prev_hash"] != expected_prev:
        return _("It does not follow the record before it: that one was changed or replaced.")
    return ""


# The database guard (SQLite) -------------------------------------------------------------------


def install_sqlite_guard(sender, connection, **kwargs) -> None:
    """Receiver of `connection_created`: give a SQLite connection the function that the DELETE
    trigger asks. It answers 1 only while this connection runs `flush` (see `flushing`)."""
    if connection.vendor != "sqlite":
        return
    connection.connection.create_function(
        SQLITE_FLUSH_FUNCTION, 0, lambda: int(getattr(connection, FLUSHING_FLAG, False))
    )


@contextlib.contextmanager
def flushing(using: str):
    """While `flush` empties every table, let the SQLite trigger allow deleting audit records.

    Emptying the whole database is what `flush` is for (the test suite does it between
    transactional tests); on PostgreSQL it uses TRUNCATE, which the row triggers never see.
    """
    connection = connections[using]
    setattr(connection, FLUSHING_FLAG, True)
    try:
        yield
    finally:
        setattr(connection, FLUSHING_FLAG, False)
