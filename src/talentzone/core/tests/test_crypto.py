"""Personal numbers are ciphertext in the database, found by their blind index, and survive a
key rotation."""

import base64
import io
import secrets

import pytest
from cryptography.exceptions import InvalidTag
from django.core.exceptions import FieldError
from django.core.management import call_command
from django.db import IntegrityError, connection, transaction

from talentzone.core import crypto
from talentzone.directory.models import Talent
from talentzone.directory.queries import talents_with_id_numbers
from talentzone.directory.tests.factories import TalentFactory

pytestmark = pytest.mark.django_db


def raw_talent_row(pk: int) -> tuple[str, str, str]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT id_number, phone, id_number_index FROM directory_talent WHERE id = %s", [pk]
        )
        return cursor.fetchone()


def key_text() -> str:
    return base64.b64encode(secrets.token_bytes(32)).decode()


@pytest.fixture
def environment_keys(monkeypatch):
    """Keys from the environment, as production has them; the cache is reset around the test."""

    def use(field_keys: str, index_key: str) -> None:
        monkeypatch.setenv("TALENTZONE_FIELD_KEY", field_keys)
        monkeypatch.setenv("TALENTZONE_INDEX_KEY", index_key)
        crypto.keys.cache_clear()

    yield use
    monkeypatch.undo()
    crypto.keys.cache_clear()


def test_the_database_holds_no_plain_id_number_or_phone():
    talent = TalentFactory()
    stored_id, stored_phone, index = raw_talent_row(talent.pk)
    for stored, plain in ((stored_id, talent.id_number), (stored_phone, talent.phone)):
        assert plain not in stored
        assert plain[-4:] not in stored
        assert stored.startswith(crypto.keys().current_id + "$")
    assert talent.id_number not in index


def test_the_model_reads_the_numbers_back_in_clear():
    talent = TalentFactory()
    again = Talent.objects.get(pk=talent.pk)
    assert (again.id_number, again.phone) == (talent.id_number, talent.phone)


def test_a_talent_is_found_by_id_number_through_the_blind_index():
    talent = TalentFactory()
    TalentFactory()
    typed = f" {talent.id_number[:6]} {talent.id_number[6:].lower()} "
    assert list(talents_with_id_numbers([typed])) == [talent]


def test_querying_an_encrypted_column_directly_is_refused_with_a_clear_error():
    with pytest.raises(FieldError, match="blind index"):
        Talent.objects.filter(id_number="350902198806150293").exists()


def test_a_ciphertext_copied_into_another_column_does_not_decrypt():
    stored = crypto.encrypt("13905931234", "directory.talent.phone")
    with pytest.raises(InvalidTag):
        crypto.decrypt(stored, "directory.talent.id_number")


def test_the_database_refuses_two_talents_with_one_id_number_even_in_bulk():
    talent = TalentFactory()
    twin = TalentFactory.build(id_number=talent.id_number, employer=talent.employer)
    with pytest.raises(IntegrityError), transaction.atomic():
        Talent.objects.bulk_create([twin])


def test_rotating_the_key_re_encrypts_every_row_and_keeps_lookups_working(environment_keys):
    index_key, old = key_text(), key_text()
    environment_keys(f"k1:{old}", index_key)
    talent = TalentFactory()
    assert raw_talent_row(talent.pk)[0].startswith("k1$")

    environment_keys(f"k2:{key_text()},k1:{old}", index_key)
    call_command("rotate_field_key", stdout=io.StringIO())

    stored_id, stored_phone, _index = raw_talent_row(talent.pk)
    assert stored_id.startswith("k2$") and stored_phone.startswith("k2$")
    assert Talent.objects.get(pk=talent.pk).id_number == talent.id_number
    assert list(talents_with_id_numbers([talent.id_number])) == [talent]


def test_a_value_under_a_key_that_was_removed_fails_with_a_message_naming_the_key(
    environment_keys,
):
    index_key = key_text()
    environment_keys(f"k1:{key_text()}", index_key)
    talent = TalentFactory()
    environment_keys(f"k2:{key_text()}", index_key)
    with pytest.raises(Exception, match="'k1'"):
        Talent.objects.get(pk=talent.pk)


@pytest.mark.parametrize(
    "setting", ["k1", "k1:not-base64!", f"k1:{base64.b64encode(b'short').decode()}", ""]
)
def test_a_malformed_field_key_setting_is_refused(setting):
    with pytest.raises(Exception, match="TALENTZONE_FIELD_KEY"):
        crypto.parse_field_keys(setting)
