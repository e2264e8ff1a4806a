"""Signals of the platform's own, for writes that Django's model signals do not see."""

from django.dispatch import Signal

# Sent inside the transaction of a bulk write (bulk_create / bulk_update skip post_save):
# `sender` is the model, `pks` the primary keys written. Apps that keep derived data (the
# matching index) listen to it as they listen to post_save.
records_changed = Signal()
