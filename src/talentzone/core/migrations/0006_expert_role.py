"""The evaluation experts' role (awards): a group like the others (see 0002_roles)."""

from django.db import migrations


def create_role(apps, schema_editor):
    apps.get_model("auth", "Group").objects.get_or_create(name="expert")


def remove_role(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name="expert").delete()


class Migration(migrations.Migration):
    dependencies = [("core", "0005_working_calendar")]
    operations = [migrations.RunPython(create_role, remove_role)]
