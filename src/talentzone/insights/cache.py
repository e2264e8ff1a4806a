"""Figures computed once and kept in the cache until a record they read changes.

Every figure names the models it reads (`Figure.depends_on`). Each such model has a generation
number in the cache, raised by its `post_save`/`post_delete` signals and by
`core.figures.changed()` (sent by services after bulk writes, which send no model signal). A
cached figure's key holds the generations of its models, so a change makes the next reader
compute it afresh: no reader sees a figure older than the records it was computed from, except
through writes that bypass both (raw SQL), which the time limit below bounds.
"""

import datetime
from dataclasses import dataclass

from django.apps import apps
from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.utils import timezone, translation

from talentzone.core import figures as registry
from talentzone.core.figures import Figure, FigureData, Period, Series

# Figures that count days ("overdue", ages) move with the calendar even when nothing is written.
TIMEOUT = 15 * 60


@dataclass(frozen=True)
class Computed:
    figure: Figure
    period: Period
    data: FigureData
    as_of: datetime.datetime  # when it was computed: the records as they stood then


def _generation_key(model_label: str) -> str:
    return f"insights:generation:{model_label.lower()}"


def bump(*model_labels: str) -> None:
    for label in model_labels:
        key = _generation_key(label)
        if not cache.add(key, 1, timeout=None):
            try:
                cache.incr(key)
            except ValueError:  # evicted between add and incr
                cache.set(key, 1, timeout=None)


def _generations(figure: Figure) -> str:
    keys = [_generation_key(label) for label in figure.depends_on]
    found = cache.get_many(keys)
    return ".".join(str(found.get(key, 0)) for key in keys)


def _cache_key(figure: Figure, period: Period) -> str:
    language = translation.get_language() or "zh-hans"
    return (
        f"insights:figure:{figure.key}:{period.start:%Y%m%d}:{period.end:%Y%m%d}:"
        f"{language}:{_generations(figure)}"
    )


def _plain(data: FigureData) -> FigureData:
    """The same figure with its labels rendered in the active language, ready to be pickled."""
    return FigureData(
        categories=[str(category) for category in data.categories],
        keys=list(data.keys),
        series=[Series(s.key, str(s.name), list(s.values)) for s in data.series],
        note=str(data.note),
    )


def compute(figure: Figure, period: Period, *, fresh: bool = False) -> Computed:
    """The figure over the period: from the cache when nothing it reads has changed since."""
    key = _cache_key(figure, period)
    if not fresh:
        hit = cache.get(key)
        if hit is not None:
            data, as_of = hit
            return Computed(figure, period, data, as_of)
    as_of = timezone.now()
    data = _plain(figure.compute(period))
    cache.set(key, (data, as_of), timeout=TIMEOUT)
    return Computed(figure, period, data, as_of)


def compute_key(key: str, period: Period, *, fresh: bool = False) -> Computed:
    return compute(registry.get(key), period, fresh=fresh)


def _on_model_change(sender, **kwargs) -> None:
    bump(sender._meta.label)


def _on_records_changed(sender, models=(), **kwargs) -> None:
    bump(*models)


def connect_invalidation() -> None:
    """Listen to every model a registered figure reads (called once the apps are ready)."""
    labels = {label for figure in registry.all_figures() for label in figure.depends_on}
    for label in sorted(labels):
        model = apps.get_model(label)
        uid = f"insights-invalidate-{label}"
        post_save.connect(_on_model_change, sender=model, dispatch_uid=uid + "-save")
        post_delete.connect(_on_model_change, sender=model, dispatch_uid=uid + "-delete")
    registry.records_changed.connect(_on_records_changed, dispatch_uid="insights-bulk-writes")
