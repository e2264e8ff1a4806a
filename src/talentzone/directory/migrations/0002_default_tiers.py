"""The zone's talent ladder as it stands when the platform starts; the office edits it later."""

from django.db import migrations

TIERS = [
    ("national_top", "国家级顶尖人才", "National top talent", 1, "national"),
    ("national_leading", "国家级领军人才", "National leading talent", 2, "national"),
    ("provincial_high", "省级高层次人才", "Provincial high-level talent", 3, "provincial"),
    ("provincial_leading", "省级引进人才", "Provincial recruited talent", 4, "provincial"),
    ("municipal", "市级高层次人才", "Municipal high-level talent", 5, "municipal"),
    ("district", "区级优秀人才", "District outstanding talent", 6, "district"),
]


def create_tiers(apps, schema_editor):
    TalentTier = apps.get_model("directory", "TalentTier")
    for code, name, name_en, rank, level in TIERS:
        TalentTier.objects.get_or_create(
            code=code, defaults={"name": name, "name_en": name_en, "rank": rank, "level": level}
        )


def remove_tiers(apps, schema_editor):
    apps.get_model("directory", "TalentTier").objects.filter(
        code__in=[t[0] for t in TIERS]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("directory", "0001_initial")]
    operations = [migrations.RunPython(create_tiers, remove_tiers)]
