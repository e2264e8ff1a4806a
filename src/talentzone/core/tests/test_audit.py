"""The audit trail is append-only and hash-chained: Python and the database refuse changes, and
`audit verify` names the first record that was changed behind their back."""

import contextlib
import datetime
import io
import threading

import pytest
from django.core.management import CommandError, call_command
from django.db import IntegrityError, connection, connections, transaction
from django.utils import translation

from talentzone.core.audit import (
    AuditAction,
    audit,
    audit_many,
    check_chain,
    record_hash,
    verify_chain,
)
from talentzone.core.models import GENESIS_HASH, AppendOnlyError, AuditHead, AuditRecord
from talentzone.directory.tests.factories import DepartmentFactory, UserFactory

THREADS = 8
# What a record's hash covers, as the design fixes it (a change here is a change of format).
HASH_INPUTS = (
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


def export(n: int = 1, **detail) -> list[AuditRecord]:
    """Append `n` records as a service would: inside a transaction."""
    with transaction.atomic():
        return [
            audit(actor=None, action=AuditAction.EXPORT, detail={"n": i, **detail})
            for i in range(n)
        ]


@contextlib.contextmanager
def append_only_guard_off():
    """Switch the database's guard off the way someone with the table owner's rights could.

    The change is DDL inside the test's transaction, so it is undone when the test rolls back.
    """
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # Django's foreign keys are deferred: ALTER TABLE refuses while checks are pending.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute(
                "ALTER TABLE core_auditrecord DISABLE TRIGGER core_auditrecord_append_only"
            )
        else:
            cursor.execute("DROP TRIGGER core_auditrecord_no_update")
            cursor.execute("DROP TRIGGER core_auditrecord_no_delete")
    yield


def tamper(sql: str, params) -> None:
    with append_only_guard_off(), connection.cursor() as cursor:
        cursor.execute(sql, params)


def refused(sql: str, params=()) -> bool:
    """True when the database refuses the statement (rolled back to a savepoint)."""
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql, params)
    except IntegrityError:
        return True
    return False


# Chaining -----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_each_record_follows_the_one_before_it_from_the_genesis_hash():
    first, second, third = export(3)
    assert [first.seq, second.seq, third.seq] == [1, 2, 3]
    assert first.prev_hash == GENESIS_HASH
    assert second.prev_hash == first.hash
    assert third.prev_hash == second.hash
    assert AuditHead.objects.get().last_hash == third.hash


@pytest.mark.django_db
def test_a_stored_record_hashes_to_the_hash_it_was_written_with():
    export(detail_date=datetime.date(2026, 11, 24), pair=(1, 2), nested={"b": 1, "a": [1.5]})
    with transaction.atomic():
        audit(actor=None, action=AuditAction.LOGIN_FAILED, ip="2001:DB8::1")
    for stored in AuditRecord.objects.order_by("seq"):
        fields = {name: getattr(stored, name) for name in HASH_INPUTS}
        assert record_hash(fields) == stored.hash


@pytest.mark.django_db
def test_a_record_names_its_actor_and_target_but_keeps_only_the_targets_name():
    clerk = UserFactory(username="clerk1")
    department = DepartmentFactory(name="人社局")
    with transaction.atomic():
        record = audit(
            actor=clerk, action=AuditAction.UPDATE, target=department, changes=["name", "name"]
        )
    record.refresh_from_db()
    assert (record.actor, record.actor_name) == (clerk, "clerk1")
    assert (record.target_type, record.target_id) == ("directory.department", str(department.pk))
    assert record.target_repr == str(department)
    assert record.changes == ["name"]


@pytest.mark.django_db
def test_audit_many_chains_one_record_per_target_after_the_existing_ones():
    (before,) = export()
    departments = DepartmentFactory.create_batch(3)
    with transaction.atomic():
        written = audit_many(
            actor=None, action=AuditAction.IMPORT, targets=departments, changes=["name"]
        )
    assert written == 3
    records = list(AuditRecord.objects.order_by("seq"))
    assert [r.seq for r in records] == [1, 2, 3, 4]
    assert records[1].prev_hash == before.hash
    assert [r.target_id for r in records[1:]] == [str(d.pk) for d in departments]
    assert verify_chain() is None


@pytest.mark.django_db(transaction=True)
def test_audit_refuses_to_write_outside_a_transaction():
    with pytest.raises(RuntimeError, match="transaction"):
        audit(actor=None, action=AuditAction.EXPORT)
    with pytest.raises(RuntimeError, match="transaction"):
        audit_many(actor=None, action=AuditAction.IMPORT, targets=[DepartmentFactory()])
    assert not AuditRecord.objects.exists()


@pytest.mark.django_db
def test_a_record_rolled_back_with_its_transaction_leaves_the_chain_intact():
    export(2)
    with contextlib.suppress(ZeroDivisionError), transaction.atomic():
        audit(actor=None, action=AuditAction.EXPORT)
        raise ZeroDivisionError  # the change the record belonged to failed
    (after,) = export()
    assert after.seq == 3
    assert verify_chain() is None


# Append-only --------------------------------------------------------------------------------


@pytest.mark.django_db
def test_python_refuses_to_change_or_delete_an_audit_record():
    (record,) = export()
    record.target_repr = "something else"
    with pytest.raises(AppendOnlyError):
        record.save()
    with pytest.raises(AppendOnlyError):
        record.delete()
    with pytest.raises(AppendOnlyError):
        AuditRecord.objects.filter(pk=record.pk).update(target_repr="x")
    with pytest.raises(AppendOnlyError):
        AuditRecord.objects.all().delete()
    with pytest.raises(AppendOnlyError):
        AuditRecord.objects.bulk_update([record], ["target_repr"])
    assert AuditRecord.objects.get().target_repr == ""


@pytest.mark.django_db
def test_the_database_refuses_to_update_or_delete_an_audit_record():
    (record,) = export()
    assert refused("UPDATE core_auditrecord SET target_repr = 'x' WHERE id = %s", [record.pk])
    assert refused("DELETE FROM core_auditrecord WHERE id = %s", [record.pk])
    assert refused("DELETE FROM core_auditrecord")
    assert AuditRecord.objects.get().target_repr == ""


@pytest.mark.django_db(transaction=True)
def test_flush_still_empties_the_whole_database_audit_trail_included():
    # The test suite flushes between transactional tests: on SQLite with DELETE FROM.
    export(3)
    call_command("flush", interactive=False, verbosity=0)
    assert not AuditRecord.objects.exists()
    assert not AuditHead.objects.exists()
    (first,) = export()
    assert (first.seq, first.prev_hash) == (1, GENESIS_HASH)
    # flush's leave ended with the command, on the very connection it used.
    assert refused("DELETE FROM core_auditrecord")


# Verifying ------------------------------------------------------------------------------------


def verify_output() -> str:
    out = io.StringIO()
    with translation.override("en"):
        call_command("audit", "verify", stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_audit_verify_reports_the_count_of_an_intact_chain():
    export(5)
    assert "5 audit records checked: chain intact." in verify_output()
    assert check_chain().intact


@pytest.mark.django_db
def test_audit_verify_passes_on_an_empty_trail():
    assert "0 audit records checked: chain intact." in verify_output()


@pytest.mark.django_db
def test_audit_verify_walks_the_chain_in_chunks():
    export(7)
    report = check_chain(chunk_size=2)
    assert (report.count, report.intact) == (7, True)


@pytest.mark.django_db
def test_audit_verify_fails_and_names_a_record_edited_in_the_database():
    records = export(4)
    edited = records[2]
    tamper("UPDATE core_auditrecord SET detail = %s WHERE id = %s", ['{"n": 99}', edited.pk])

    assert verify_chain() == edited
    with translation.override("en"), pytest.raises(CommandError) as failed:
        call_command("audit", "verify")
    assert failed.value.returncode == 1
    message = str(failed.value)
    assert f"Audit record 3 (id {edited.pk}," in message
    assert "Exported" in message
    assert "does not match its hash" in message


@pytest.mark.django_db
def test_a_record_rewritten_with_a_fresh_hash_breaks_the_link_of_the_next_one():
    records = export(3)
    forged = {name: getattr(records[1], name) for name in HASH_INPUTS} | {"detail": {"n": 7}}
    tamper(
        "UPDATE core_auditrecord SET detail = %s, hash = %s WHERE id = %s",
        ['{"n": 7}', record_hash(forged), records[1].pk],
    )
    with translation.override("en"):
        report = check_chain()
    assert report.broken == records[2]
    assert "does not follow the record before it" in report.reason


@pytest.mark.django_db
def test_a_record_removed_from_the_middle_is_noticed_at_the_next_one():
    records = export(4)
    tamper("DELETE FROM core_auditrecord WHERE id = %s", [records[1].pk])
    report = check_chain()
    assert report.broken == records[2]
    assert report.count == 1


@pytest.mark.django_db
def test_records_removed_from_the_end_of_the_trail_are_noticed():
    export(4)
    tamper("DELETE FROM core_auditrecord WHERE seq >= %s", [3])
    report = check_chain()
    assert not report.intact
    assert report.broken is None
    assert report.count == 2
    with pytest.raises(CommandError):
        call_command("audit", "verify")


# Concurrency ----------------------------------------------------------------------------------


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="SQLite lets one writer in at a time; only PostgreSQL can race appends",
)
@pytest.mark.django_db(transaction=True)
def test_concurrent_appends_from_many_connections_never_fork_the_chain():
    barrier = threading.Barrier(THREADS)
    errors = []

    def append(n: int) -> None:
        try:
            barrier.wait()
            with transaction.atomic():
                audit(actor=None, action=AuditAction.EXPORT, detail={"thread": n})
        except Exception as error:  # reported below, with the thread's own traceback lost
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=append, args=(n,)) for n in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    records = list(AuditRecord.objects.order_by("seq"))
    assert len(records) == THREADS
    assert [r.seq for r in records] == list(range(1, THREADS + 1))
    assert len({r.prev_hash for r in records}) == THREADS
    assert sorted(r.detail["thread"] for r in records) == list(range(THREADS))
    assert check_chain().intact
