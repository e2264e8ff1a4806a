"""What the approval of an in-kind application means here (registered with policies.outcomes
in HousingConfig.ready): a housing application of a scheme's policy puts the household in the
scheme's queue with the layouts and household size it asked for; a schooling application needs
nothing at approval (the office or the education bureau records the school afterwards)."""

from django.utils import timezone

from . import services
from .models import HousingRequest, QueueEntry, Scheme


def application_approved(application) -> None:
    """Queue the household of an approved housing application (once: a second call for the same
    application changes nothing). A refusal (e.g. the household is already queued) raises and
    so undoes the approval, for the office to see."""
    request = HousingRequest.objects.filter(application_id=application.pk).first()
    if request is None:
        return
    scheme = Scheme.objects.filter(policy_id=application.policy_id).first()
    if scheme is None or application.talent_id is None:
        return
    if QueueEntry.objects.filter(application_id=application.pk).exists():
        return
    decided = application.decided_at
    services.queue_enter(
        actor=None,
        system=True,
        scheme=scheme,
        talent=application.talent,
        layouts=request.layouts,
        household_size=request.household_size,
        application=application,
        today=timezone.localtime(decided).date() if decided else None,
    )
