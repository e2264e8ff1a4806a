"""Model fields for personal numbers: encrypted at rest, found through a blind index."""

from django.core.exceptions import FieldError
from django.db import models

from . import crypto


class EncryptedCharField(models.CharField):
    """Reads and writes a plain string; the column holds only its AES-GCM ciphertext.

    `max_length` limits the plain value (the form and model validation see that); the column is
    text, long enough for the ciphertext. Lookups other than `isnull` are refused: a query on
    ciphertext can never match, so a `filter(id_number=…)` is a bug to be told about — use the
    field's blind index.
    """

    def get_internal_type(self) -> str:
        return "TextField"

    def context(self) -> str:
        return f"{self.model._meta.label_lower}.{self.name}"

    def from_db_value(self, value, expression, connection):
        if value in (None, ""):
            return value
        return crypto.decrypt(value, self.context())

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        if value in (None, ""):
            return value
        return crypto.encrypt(value, self.context())

    def get_lookup(self, lookup_name):
        if lookup_name != "isnull":
            raise FieldError(
                f"{self.context()} is encrypted: it cannot be queried with '{lookup_name}'; "
                "use its blind index."
            )
        return super().get_lookup(lookup_name)


class BlindIndexField(models.CharField):
    """The blind index of another field of the same row, computed whenever the row is saved
    (`save()` and `bulk_create()` both call `pre_save`)."""

    def __init__(self, *args, source: str, **kwargs):
        self.source = source
        kwargs.setdefault("max_length", 64)
        kwargs.setdefault("editable", False)
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs["source"] = self.source
        return name, path, args, kwargs

    def pre_save(self, model_instance, add):
        value = getattr(model_instance, self.source)
        index = crypto.blind_index(value) if value else None
        setattr(model_instance, self.attname, index)
        return index
