"""What the directory app adds to the 360° pages of a talent and of an enterprise (see
core.timeline): a talent's arrival and departure, credentials and the ventures they founded; an
enterprise's founding and research platforms. A few queries per page, whatever the numbers."""

from collections.abc import Iterator

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from talentzone.core import timeline

from . import queries
from .choices import CredentialKind, Level, PlatformKind
from .models import Credential, Founder, Platform


def _label(choices, value) -> str:
    return str(choices(value).label) if value in choices.values else value


def talent_entries(talent, user) -> Iterator[timeline.Entry]:
    if talent.arrival_date:
        yield timeline.Entry(
            talent.arrival_date,
            _("Arrival"),
            _("Arrived in the zone"),
            detail=str(talent.employer) if talent.employer_id else "",
        )
    if talent.left_on:
        yield timeline.Entry(talent.left_on, _("Departure"), _("Left the zone"))
    for credential in Credential.objects.filter(talent=talent).order_by():
        yield timeline.Entry(
            credential.awarded_on,
            _label(CredentialKind, credential.kind),
            credential.name,
            detail=" · ".join(
                part
                for part in (
                    _label(Level, credential.level) if credential.level else "",
                    credential.issuer,
                )
                if part
            ),
            url=reverse("directory:credential-detail", args=[credential.pk]),
        )
    founders = list(Founder.objects.filter(talent=talent).select_related("venture").order_by())
    readable = set(
        queries.visible_ventures(user)
        .filter(pk__in=[founder.venture_id for founder in founders])
        .values_list("pk", flat=True)
    )
    for founder in founders:
        venture = founder.venture
        yield timeline.Entry(
            venture.joined_on,
            _("Venture"),
            _("Joined the student park with %(venture)s") % {"venture": venture.name},
            status=venture.get_stage_display(),
            detail=_("Lead founder") if founder.is_lead else _("Co-founder"),
            url=reverse("directory:venture-detail", args=[venture.pk])
            if venture.pk in readable
            else "",
        )


def enterprise_entries(enterprise, user) -> Iterator[timeline.Entry]:
    if enterprise.founded_on:
        yield timeline.Entry(enterprise.founded_on, _("Founding"), _("Founded"))
    for platform in Platform.objects.filter(enterprise=enterprise).order_by():
        yield timeline.Entry(
            platform.approved_on,
            _label(PlatformKind, platform.kind),
            platform.name,
            status=_("Approved"),
            detail=_label(Level, platform.level),
            url=reverse("directory:platform-detail", args=[platform.pk]),
        )


def register_timeline() -> None:
    timeline.register(
        timeline.Source(
            key="directory",
            label=gettext_lazy("Registry"),
            talent=talent_entries,
            enterprise=enterprise_entries,
            order=10,
        )
    )
