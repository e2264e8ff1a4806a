"""`talentzone rotate_field_key`: re-encrypt every encrypted field with the current key.

Production: put the new key first in TALENTZONE_FIELD_KEY (keep the old one after it), restart,
run this command, then remove the old key. The demo (keys under var/): `--generate` makes the
new key and puts it first for you.
"""

import base64
import os
import time

from django.apps import apps
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from talentzone.core import crypto
from talentzone.core.fields import EncryptedCharField

BATCH = 2000


def encrypted_fields() -> list[tuple[type, list[str]]]:
    found = []
    for model in apps.get_models():
        names = [f.name for f in model._meta.concrete_fields if isinstance(f, EncryptedCharField)]
        if names:
            found.append((model, names))
    return found


def generate_key() -> str:
    if os.environ.get("TALENTZONE_FIELD_KEY"):
        raise CommandError(
            "TALENTZONE_FIELD_KEY is set: put the new key first in it yourself "
            "(python -c 'import base64, secrets; print(base64.b64encode(secrets.token_bytes(32))"
            ".decode())'), then run this command without --generate."
        )
    current = crypto.keys()
    number = max(int(k[1:]) for k in current.field_keys if k[1:].isdigit()) + 1
    new_id = f"k{number}"
    entries = [f"{new_id}:{crypto.new_key_text()}"] + [
        f"{key_id}:{base64.b64encode(key).decode()}" for key_id, key in current.field_keys.items()
    ]
    crypto.set_generated_field_keys(",".join(entries))
    return new_id


class Command(BaseCommand):
    help = "Re-encrypt personal numbers with the current field key (key rotation)."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--generate",
            action="store_true",
            help="demo keys only: make a new key under var/ and make it the current one",
        )

    def handle(self, *args, generate: bool, **options) -> None:
        if generate:
            self.stdout.write(f"New current key: {generate_key()}")
        current = crypto.keys().current_id
        for model, names in encrypted_fields():
            self.reencrypt(model, names, current)

    def reencrypt(self, model, names: list[str], current: str) -> None:
        """Read each batch (decrypted by the field) and write it back (encrypted again, with
        the current key), one transaction per batch so a long run can be resumed."""
        started = time.monotonic()
        pks = list(model.objects.order_by("pk").values_list("pk", flat=True))
        for start in range(0, len(pks), BATCH):
            with transaction.atomic():
                batch = list(model.objects.filter(pk__in=pks[start : start + BATCH]).only(*names))
                model.objects.bulk_update(batch, names)
            self.stdout.write(
                f"{model._meta.label}: {min(start + BATCH, len(pks))}/{len(pks)} "
                f"({time.monotonic() - started:.1f} s)"
            )
        self.stdout.write(f"{model._meta.label}: {len(pks)} rows now under key {current}")
