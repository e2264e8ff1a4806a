"""Encryption of personal numbers at rest (AES-256-GCM) and their blind index (HMAC-SHA256).

Keys come from the environment:
- `TALENTZONE_FIELD_KEY`: comma-separated `key_id:base64-of-32-bytes` entries; the first is the
  one that encrypts, the others still decrypt (key rotation: put a new key first, run
  `talentzone rotate_field_key`, then drop the old one).
- `TALENTZONE_INDEX_KEY`: base64 of 32 bytes for the blind index. It does not rotate with the
  field key, so lookups keep working while rows are re-encrypted.
When they are unset (the embedded demo), both are generated once into `var/field_keys.json`
(mode 0600) and the platform says so on the console.

A stored value reads `key_id$base64(nonce ‖ ciphertext ‖ tag)`. The column's name is the
associated data, so a ciphertext copied into another column does not decrypt.
"""

import base64
import functools
import hashlib
import hmac
import json
import os
import secrets
import sys
from dataclasses import dataclass

from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

NONCE_BYTES = 12
SEPARATOR = "$"


@dataclass(frozen=True)
class Keys:
    current_id: str
    field_keys: dict[str, bytes]
    index_key: bytes


def _decode_key(text: str, name: str) -> bytes:
    try:
        key = base64.b64decode(text.strip(), validate=True)
    except ValueError as error:
        raise ImproperlyConfigured(f"{name}: not base64") from error
    if len(key) != 32:
        raise ImproperlyConfigured(f"{name}: a key is 32 bytes, this one is {len(key)}")
    return key


def parse_field_keys(text: str) -> tuple[str, dict[str, bytes]]:
    """`k2:…,k1:…` → ("k2", {"k2": …, "k1": …})."""
    entries = [entry.strip() for entry in text.split(",") if entry.strip()]
    keys: dict[str, bytes] = {}
    for entry in entries:
        key_id, _, encoded = entry.partition(":")
        if not key_id or not encoded or SEPARATOR in key_id:
            raise ImproperlyConfigured("TALENTZONE_FIELD_KEY: write entries as key_id:base64")
        keys[key_id] = _decode_key(encoded, f"TALENTZONE_FIELD_KEY {key_id}")
    if not keys:
        raise ImproperlyConfigured("TALENTZONE_FIELD_KEY is empty")
    return entries[0].partition(":")[0], keys


def new_key_text() -> str:
    return base64.b64encode(secrets.token_bytes(32)).decode()


def _key_file():
    return settings.VAR_DIR / "field_keys.json"


def _generated_keys() -> dict:
    """The demo's keys, made once under var/. Production sets the environment instead."""
    path = _key_file()
    if not path.exists():
        path.touch(mode=0o600)
        path.write_text(
            json.dumps({"field_keys": f"k1:{new_key_text()}", "index_key": new_key_text()})
        )
        print(
            f"talentzone: generated encryption keys for personal numbers in {path}; "
            "set TALENTZONE_FIELD_KEY and TALENTZONE_INDEX_KEY in production.",
            file=sys.stderr,
        )
    return json.loads(path.read_text())


@functools.cache
def keys() -> Keys:
    field_text = os.environ.get("TALENTZONE_FIELD_KEY", "")
    index_text = os.environ.get("TALENTZONE_INDEX_KEY", "")
    if not field_text or not index_text:
        generated = _generated_keys()
        field_text = field_text or generated["field_keys"]
        index_text = index_text or generated["index_key"]
    current_id, field_keys = parse_field_keys(field_text)
    return Keys(current_id, field_keys, _decode_key(index_text, "TALENTZONE_INDEX_KEY"))


def set_generated_field_keys(text: str) -> None:
    """Rewrite the demo key file's field keys (used by `rotate_field_key --generate`)."""
    stored = _generated_keys()
    stored["field_keys"] = text
    _key_file().write_text(json.dumps(stored))
    keys.cache_clear()


def encrypt(plaintext: str, context: str) -> str:
    current = keys()
    nonce = secrets.token_bytes(NONCE_BYTES)
    sealed = AESGCM(current.field_keys[current.current_id]).encrypt(
        nonce, plaintext.encode(), context.encode()
    )
    return current.current_id + SEPARATOR + base64.b64encode(nonce + sealed).decode()


def key_id_of(stored: str) -> str:
    return stored.partition(SEPARATOR)[0]


def decrypt(stored: str, context: str) -> str:
    key_id, _, encoded = stored.partition(SEPARATOR)
    key = keys().field_keys.get(key_id)
    if key is None:
        raise ImproperlyConfigured(
            f"A value was encrypted with key {key_id!r}, which TALENTZONE_FIELD_KEY lacks."
        )
    raw = base64.b64decode(encoded)
    return AESGCM(key).decrypt(raw[:NONCE_BYTES], raw[NONCE_BYTES:], context.encode()).decode()


def blind_index(value: str) -> str:
    """A keyed hash of the value for exact-match lookup: equal values, equal index; the index
    says nothing about the value without the key."""
    normalised = "".join(value.split()).upper()
    return hmac.new(keys().index_key, normalised.encode(), hashlib.sha256).hexdigest()
