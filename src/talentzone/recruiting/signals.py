"""Keeps the matching index in step with the database: every change to a candidate reaches the
index after its transaction commits (never before: a rolled-back change must not be findable),
once per transaction however many rows it touched."""

import logging

from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from talentzone.core.queue import send
from talentzone.core.signals import records_changed
from talentzone.directory.models import Talent, TalentTier

from . import sources
from .models import CandidateProfile, Skill

log = logging.getLogger(__name__)


class _PendingTalents:
    """The talents changed in the current transaction, flushed to the index by one on-commit
    callback. A transaction that rolls back drops its callback; the next change notices that its
    batch is no longer waiting and starts a new one."""

    def __init__(self) -> None:
        self.ids: set[int] = set()
        self.full_rebuild = False
        self.flushed = False

    def __call__(self) -> None:
        from . import tasks

        self.flushed = True
        # With a worker the request never waits on the index (a rebuild holds its writer lock
        # for minutes at scale 100); in the embedded setup, or with the broker down, the task
        # runs here and now. This is an on-commit callback already: `send`, not `enqueue`.
        if self.full_rebuild:
            send(tasks.rebuild_match_index)
        elif self.ids:
            send(tasks.reindex_talents, sorted(self.ids))


def _pending() -> _PendingTalents | None:
    """This transaction's batch; None outside a transaction (the change is committed already)."""
    connection = connections[DEFAULT_DB_ALIAS]
    if not connection.in_atomic_block:
        return None
    waiting = [
        item[1]
        for item in connection.run_on_commit
        if isinstance(item[1], _PendingTalents) and not item[1].flushed
    ]
    if waiting:
        return waiting[-1]
    batch = _PendingTalents()
    transaction.on_commit(batch, robust=True)
    return batch


def talents_changed(pks) -> None:
    batch = _pending() or _PendingTalents()
    batch.ids.update(pk for pk in pks if pk is not None)
    if not connections[DEFAULT_DB_ALIAS].in_atomic_block:
        batch()


def everything_changed() -> None:
    batch = _pending() or _PendingTalents()
    batch.full_rebuild = True
    if not connections[DEFAULT_DB_ALIAS].in_atomic_block:
        batch()


@receiver(post_save, sender=Talent)
@receiver(post_delete, sender=Talent)
def _talent_changed(sender, instance: Talent, **kwargs) -> None:
    talents_changed([instance.pk])


@receiver(post_save, sender=CandidateProfile)
@receiver(post_delete, sender=CandidateProfile)
def _profile_changed(sender, instance: CandidateProfile, **kwargs) -> None:
    talents_changed([instance.talent_id])


@receiver(records_changed, sender=Talent)
def _talents_written_in_bulk(sender, pks, **kwargs) -> None:
    talents_changed(pks)


@receiver(post_save, sender=Skill)
@receiver(post_delete, sender=Skill)
def _skills_changed(sender, **kwargs) -> None:
    """Synonyms decide which skills a person is found by: every document is written again."""
    sources.skills_changed()
    everything_changed()


@receiver(post_save, sender=TalentTier)
@receiver(post_delete, sender=TalentTier)
def _tiers_changed(sender, **kwargs) -> None:
    everything_changed()
