"""The audit trail: its records, the single-row head that appends lock, and triggers that make
the database itself refuse to change or remove a record.

PostgreSQL refuses UPDATE and DELETE outright. `flush` (and so the test suite between
transactional tests) empties tables with TRUNCATE, which fires no row trigger.

SQLite refuses UPDATE outright. Its `flush` empties tables with DELETE FROM, so the DELETE
trigger lets a row go only while `talentzone_audit_flushing()` answers 1: a function that exists
only on talentzone's own connections (core.audit registers it) and answers 1 only while
talentzone's `flush` command runs on that connection. Any other program that opens the file
(the sqlite3 shell, say) has no such function, so its DELETE fails too.

Careful: when a later migration alters this table, SQLite rebuilds it and the triggers go with
the old table: such a migration must create them again (test_audit checks they hold).
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

POSTGRESQL_CREATE = """
CREATE FUNCTION core_auditrecord_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit records are append-only: % refused', TG_OP
        USING ERRCODE = 'restrict_violation';
END;
$$;
CREATE TRIGGER core_auditrecord_append_only
    BEFORE UPDATE OR DELETE ON core_auditrecord
    FOR EACH ROW EXECUTE FUNCTION core_auditrecord_refuse_change();
"""
POSTGRESQL_DROP = """
DROP TRIGGER IF EXISTS core_auditrecord_append_only ON core_auditrecord;
DROP FUNCTION IF EXISTS core_auditrecord_refuse_change();
"""
SQLITE_CREATE = [
    """
    CREATE TRIGGER core_auditrecord_no_update BEFORE UPDATE ON core_auditrecord
    BEGIN SELECT RAISE(ABORT, 'audit records are append-only: UPDATE refused'); END
    """,
    """
    CREATE TRIGGER core_auditrecord_no_delete BEFORE DELETE ON core_auditrecord
    WHEN NOT talentzone_audit_flushing()
    BEGIN SELECT RAISE(ABORT, 'audit records are append-only: DELETE refused'); END
    """,
]
SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS core_auditrecord_no_update",
    "DROP TRIGGER IF EXISTS core_auditrecord_no_delete",
]


def run(schema_editor, postgresql, sqlite) -> None:
    vendor = schema_editor.connection.vendor
    statements = {"postgresql": [postgresql], "sqlite": sqlite}.get(vendor, [])
    for statement in statements:
        schema_editor.execute(statement, params=None)  # no placeholders: keep % as it is


def create_triggers(apps, schema_editor):
    run(schema_editor, POSTGRESQL_CREATE, SQLITE_CREATE)


def drop_triggers(apps, schema_editor):
    run(schema_editor, POSTGRESQL_DROP, SQLITE_DROP)


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0002_roles"),
    ]

    operations = [
        migrations.CreateModel(
            name="AuditHead",
            fields=[
                (
                    "id",
                    models.PositiveSmallIntegerField(default=1, primary_key=True, serialize=False),
                ),
                (
                    "seq",
                    models.PositiveBigIntegerField(
                        default=0, verbose_name="number of the last record"
                    ),
                ),
                (
                    "last_hash",
                    models.CharField(
                        default="0000000000000000000000000000000000000000000000000000000000000000",
                        max_length=64,
                        verbose_name="hash of the last record",
                    ),
                ),
            ],
            options={
                "verbose_name": "end of the audit trail",
                "verbose_name_plural": "end of the audit trail",
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(("id", 1)), name="audithead_single_row"
                    )
                ],
            },
        ),
        migrations.CreateModel(
            name="AuditRecord",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "seq",
                    models.PositiveBigIntegerField(
                        editable=False, unique=True, verbose_name="number"
                    ),
                ),
                ("at", models.DateTimeField(db_index=True, editable=False, verbose_name="time")),
                (
                    "actor_name",
                    models.CharField(blank=True, max_length=150, verbose_name="actor's username"),
                ),
                (
                    "action",
                    models.CharField(
                        choices=[
                            ("create", "Created"),
                            ("update", "Changed"),
                            ("delete", "Deleted"),
                            ("unmask", "Showed personal numbers"),
                            ("export", "Exported"),
                            ("import", "Imported"),
                            ("login_failed", "Failed sign-in"),
                        ],
                        max_length=20,
                        verbose_name="action",
                    ),
                ),
                (
                    "target_type",
                    models.CharField(blank=True, max_length=100, verbose_name="record type"),
                ),
                (
                    "target_id",
                    models.CharField(blank=True, max_length=64, verbose_name="record ID"),
                ),
                (
                    "target_repr",
                    models.CharField(blank=True, max_length=200, verbose_name="record"),
                ),
                (
                    "changes",
                    models.JSONField(blank=True, default=list, verbose_name="changed fields"),
                ),
                ("detail", models.JSONField(blank=True, default=dict, verbose_name="detail")),
                (
                    "ip",
                    models.GenericIPAddressField(blank=True, null=True, verbose_name="IP address"),
                ),
                (
                    "prev_hash",
                    models.CharField(max_length=64, unique=True, verbose_name="previous hash"),
                ),
                ("hash", models.CharField(max_length=64, verbose_name="hash")),
                (
                    "actor",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="audit_records",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="actor",
                    ),
                ),
            ],
            options={
                "verbose_name": "audit record",
                "verbose_name_plural": "audit records",
                "ordering": ["-seq"],
                "indexes": [
                    models.Index(
                        fields=["target_type", "target_id"], name="core_auditr_target__ab0f38_idx"
                    ),
                    models.Index(fields=["action", "at"], name="core_auditr_action_747e5a_idx"),
                    models.Index(fields=["actor_name"], name="core_auditr_actor_n_a8fe86_idx"),
                ],
            },
        ),
        migrations.RunPython(create_triggers, drop_triggers),
    ]
