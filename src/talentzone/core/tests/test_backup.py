"""`talentzone backup` and `talentzone restore`: a restore gives back every table row by row and
the media files byte for byte; a damaged archive, an archive of the other engine and a database
that holds data (without --force) are refused with nothing changed; a restore that does not
match its manifest fails loudly.

The tests restore into the test database itself (transactional tests: the restore must see and
replace committed data). On SQLite that database lives in memory, which is why the SQLite side
copies pages through the backup API rather than files."""

import datetime
import io
import json
import tarfile
from importlib import import_module
from pathlib import Path

import pytest
from django.apps import apps as django_apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.utils import timezone, translation

from talentzone.core import backup
from talentzone.core.models import AuditRecord
from talentzone.directory.models import Talent
from talentzone.directory.tests.factories import CredentialFactory, TalentFactory
from talentzone.events.tests.factories import RegistrationFactory
from talentzone.housing.tests.factories import ApartmentFactory
from talentzone.policies import services as policy_services
from talentzone.policies.tests.factories import RequiredDocumentFactory, three_stage_policy
from talentzone.recruiting.tests.factories import CandidateProfileFactory, DemandFactory
from talentzone.venues.models import Booking
from talentzone.venues.tests.factories import BookingFactory

pytestmark = pytest.mark.django_db(transaction=True)

TODAY = timezone.localdate()
DATA_MIGRATIONS = [
    ("talentzone.core.migrations.0002_roles", "create_roles"),
    ("talentzone.core.migrations.0006_expert_role", "create_role"),
    ("talentzone.directory.migrations.0002_default_tiers", "create_tiers"),
]


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def media(settings, tmp_path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def zone(make_user, media):
    """Records of several apps, encrypted numbers, audit records and an uploaded attachment
    (after the data migrations' rows, which the previous transactional test emptied)."""
    for module, function in DATA_MIGRATIONS:
        getattr(import_module(module), function)(django_apps, None)
    talent_user = make_user("talent")
    talent = TalentFactory(user=talent_user)
    CredentialFactory(talent=talent)
    policy = three_stage_policy(
        valid_from=TODAY - datetime.timedelta(days=30),
        valid_until=TODAY + datetime.timedelta(days=300),
    )
    document = RequiredDocumentFactory(policy=policy, name="入选证书")
    application = policy_services.application_create(
        actor=talent_user, policy=policy, applicant=talent
    )
    policy_services.attachment_add(
        actor=talent_user,
        application=application,
        uploaded_file=SimpleUploadedFile("证书.pdf", b"%PDF-1.4 backup test"),
        document=document,
    )
    BookingFactory()
    RegistrationFactory()
    DemandFactory()
    CandidateProfileFactory(talent=talent)
    ApartmentFactory()
    return talent


def media_files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def rewrite(source: Path, target: Path, change) -> None:
    """Copy an archive member by member, `change(name, data)` giving each member's new bytes."""
    with tarfile.open(source, "r:gz") as old, tarfile.open(target, "w:gz") as new:
        for member in old:
            data = change(member.name, old.extractfile(member).read())
            member.size = len(data)
            new.addfile(member, io.BytesIO(data))


def restore(path: Path, *arguments: str) -> str:
    out = io.StringIO()
    call_command("restore", str(path), *arguments, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def change_everything(talent: Talent, make_user, media: Path) -> None:
    Talent.objects.filter(pk=talent.pk).update(name="改过的名字")
    Booking.objects.all().delete()
    make_user("office_admin")
    for path in media.rglob("*.pdf"):
        path.write_bytes(b"changed")
    (media / "stray.txt").write_text("made after the backup")


def test_a_restore_gives_back_every_table_row_by_row_and_every_media_file(
    zone, make_user, media, tmp_path
):
    tables_before = backup.snapshot()
    media_before = media_files(media)
    assert media_before, "the data set has an uploaded attachment"
    archive = tmp_path / "site.tar.gz"
    out = io.StringIO()
    call_command("backup", "--output", str(archive), stdout=out, stderr=io.StringIO())
    assert "not in the backup" in out.getvalue()  # the field keys reminder
    assert sorted(p.name for p in tmp_path.iterdir()) == ["media", "site.tar.gz"]

    change_everything(zone, make_user, media)
    changed = backup.snapshot()
    assert {t for t in tables_before if changed[t] != tables_before[t]} >= {
        "directory_talent",
        "venues_booking",
        "core_user",
    }
    report = restore(archive, "--force")

    assert backup.snapshot() == tables_before
    assert media_files(media) == media_before
    assert "every table matches" in report
    assert "Rebuilding the matching index" in report
    assert Talent.objects.get(pk=zone.pk).id_number == zone.id_number  # keys still fit


def test_a_damaged_archive_is_refused_and_nothing_changes(zone, make_user, media, tmp_path):
    archive = tmp_path / "site.tar.gz"
    call_command("backup", "--output", str(archive), stderr=io.StringIO())
    change_everything(zone, make_user, media)
    tables, files = backup.snapshot(), media_files(media)

    altered = tmp_path / "altered.tar.gz"
    rewrite(archive, altered, lambda name, data: data + b"x" if name.startswith("media/") else data)
    with pytest.raises(CommandError, match=r"media/.* differs from its checksum"):
        restore(altered, "--force")

    truncated = tmp_path / "truncated.tar.gz"
    truncated.write_bytes(archive.read_bytes()[: archive.stat().st_size // 2])
    with pytest.raises(CommandError, match="not a readable backup archive"):
        restore(truncated, "--force")

    no_manifest = tmp_path / "no-manifest.tar.gz"
    with tarfile.open(archive, "r:gz") as old, tarfile.open(no_manifest, "w:gz") as new:
        for member in old:
            if member.name != "manifest.json":
                new.addfile(member, old.extractfile(member))
    with pytest.raises(CommandError, match="holds no manifest.json"):
        restore(no_manifest, "--force")

    assert backup.snapshot() == tables
    assert media_files(media) == files


def test_a_database_holding_data_is_replaced_only_with_force(zone, make_user, media, tmp_path):
    tables_before = backup.snapshot()
    archive = tmp_path / "site.tar.gz"
    call_command("backup", "--output", str(archive), stderr=io.StringIO())
    change_everything(zone, make_user, media)
    tables, files = backup.snapshot(), media_files(media)

    with pytest.raises(CommandError, match=r"already holds data \(\d+ users.*--force"):
        restore(archive)
    assert backup.snapshot() == tables
    assert media_files(media) == files

    # An emptied database (as a new one after `migrate`) needs no --force.
    call_command("flush", "--no-input")
    assert not backup.existing_data()
    restore(archive, "--no-index")
    assert backup.snapshot() == tables_before


def test_an_archive_of_the_other_engine_is_refused(zone, tmp_path):
    archive = tmp_path / "site.tar.gz"
    call_command("backup", "--output", str(archive), stderr=io.StringIO())
    other = "postgresql" if connection.vendor == "sqlite" else "sqlite"

    def other_engine(name: str, data: bytes) -> bytes:
        if name != "manifest.json":
            return data
        manifest = json.loads(data)
        return json.dumps({**manifest, "engine": other}).encode()

    foreign = tmp_path / "foreign.tar.gz"
    rewrite(archive, foreign, other_engine)
    with pytest.raises(CommandError, match=f"backup is of a {other} database"):
        restore(foreign, "--force")
    assert AuditRecord.objects.exists()


def test_a_restore_that_does_not_match_its_manifest_fails_loudly(zone, tmp_path):
    """(and a backup made under other keys is restored with a warning that its personal
    numbers will not decrypt)"""
    archive = tmp_path / "site.tar.gz"
    call_command("backup", "--output", str(archive), stderr=io.StringIO())

    def wrong_count(name: str, data: bytes) -> bytes:
        if name != "manifest.json":
            return data
        manifest = json.loads(data)
        manifest["tables"]["directory_talent"]["rows"] += 1
        manifest["keys"]["index"] = "0" * 16
        return json.dumps(manifest).encode()

    lying = tmp_path / "lying.tar.gz"
    rewrite(archive, lying, wrong_count)
    errors = io.StringIO()
    with pytest.raises(CommandError, match="verification failed"):
        call_command("restore", str(lying), "--force", stdout=io.StringIO(), stderr=errors)
    assert "RESTORE FAILED VERIFICATION" in errors.getvalue()
    assert "table directory_talent:" in errors.getvalue()
    assert "WARNING: the configured keys are not those of the backup (the index key)" in (
        errors.getvalue()
    )
