"""The 360° pages (跟踪服务): everything the zone did with and for one talent or one enterprise.

Each app contributes what it holds (applications, referrals, bookings, cases, a lease…) by
registering a source here when it is ready; the pages merge the sources' entries into one
timeline, newest first. `core` knows no app and no app imports another to build the page.
"""

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.utils import timezone
from django.utils.functional import Promise


@dataclass(frozen=True)
class Entry:
    when: datetime.date | datetime.datetime
    kind: str | Promise  # what sort of thing it is, e.g. "申报" — the source's label by default
    title: str | Promise  # what happened, one line
    status: str | Promise = ""  # where it stands now, in words
    detail: str | Promise = ""  # an amount, a place, a reason: short
    url: str = ""  # its own page, when the reader may open one
    source: str = ""  # the source's key, filled in by the registry

    @property
    def moment(self) -> datetime.datetime:
        """`when` as an aware datetime, so dates and times sort together (a date at midnight)."""
        if isinstance(self.when, datetime.datetime):
            return self.when
        midnight = datetime.datetime.combine(self.when, datetime.time.min)
        return timezone.make_aware(midnight)


# Each contributor takes the record and the reading user and yields entries.
Contributor = Callable[[object, object], Iterable[Entry]]


@dataclass(frozen=True)
class Source:
    key: str  # the app's label
    label: str | Promise  # shown as the filter's name
    talent: Contributor | None = None
    enterprise: Contributor | None = None
    order: int = 0


_SOURCES: dict[str, Source] = {}


def register(source: Source) -> None:
    if source.key in _SOURCES:
        raise ValueError(f"The timeline source {source.key} is registered twice.")
    _SOURCES[source.key] = source


def sources() -> list[Source]:
    return sorted(_SOURCES.values(), key=lambda source: source.order)


def _merged(record, user, pick: Callable[[Source], Contributor | None]) -> list[Entry]:
    entries = []
    for source in sources():
        contributor = pick(source)
        if contributor is None:
            continue
        for entry in contributor(record, user):
            kind = entry.kind or source.label
            entries.append(
                Entry(
                    entry.when,
                    kind,
                    entry.title,
                    entry.status,
                    entry.detail,
                    entry.url,
                    source.key,
                )
            )
    return sorted(entries, key=lambda entry: entry.moment, reverse=True)


def talent_timeline(talent, user) -> list[Entry]:
    return _merged(talent, user, lambda source: source.talent)


def enterprise_timeline(enterprise, user) -> list[Entry]:
    return _merged(enterprise, user, lambda source: source.enterprise)
