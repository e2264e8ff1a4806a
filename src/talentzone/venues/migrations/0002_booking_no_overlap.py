"""No two bookings of one venue that hold it (requested or confirmed) may overlap, counting the
cleaning buffer: on PostgreSQL an exclusion constraint over the range [starts_at, blocked_until)
makes it impossible even for requests that arrive at the same moment. SQLite has no exclusion
constraints; there `services.booking_create` takes the database's write lock before it checks,
so the check and the insert cannot interleave."""

from django.contrib.postgres.operations import BtreeGistExtension
from django.db import migrations

CONSTRAINT = "booking_no_overlap"

CREATE = f"""
ALTER TABLE venues_booking ADD CONSTRAINT {CONSTRAINT}
EXCLUDE USING gist (
    venue_id WITH =,
    tstzrange(starts_at, blocked_until, '[)') WITH &&
) WHERE (status IN ('requested', 'confirmed'))
"""
DROP = f"ALTER TABLE venues_booking DROP CONSTRAINT {CONSTRAINT}"


def on_postgresql(sql: str):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("venues", "0001_initial")]

    operations = [
        BtreeGistExtension(),
        migrations.RunPython(on_postgresql(CREATE), on_postgresql(DROP)),
    ]
