"""Forms of the reviewers' pages: the review queue's filter and its bulk decision.

They check what was typed and show each error beside its field; `services.applications_decide`
still checks, application by application, that the user may decide it at its current stage.
"""

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from talentzone.core.roles import roles_of
from talentzone.directory.forms import StyledFormMixin

from . import queries
from .choices import Decision, StageRole
from .models import Application, Policy, ReviewStage

NEEDS_A_REASON = (Decision.REJECT, Decision.RETURN)


def stage_roles_of(user) -> list[str]:
    """The stage roles (StageRole) the user holds: the kinds of stage they may decide."""
    return [role for role in StageRole.values if role in roles_of(user)]


class QueueFilterForm(StyledFormMixin, forms.Form):
    """Narrow the queue to one policy and one stage name. The choices are every policy and stage
    name of the kinds of stage the user decides, so a filter stays valid once its last
    application has been decided."""

    policy = forms.TypedChoiceField(label=_("Policy"), required=False, coerce=int, empty_value=None)
    stage = forms.ChoiceField(label=_("Stage"), required=False)

    def __init__(self, data, *, user):
        super().__init__(data)
        stages = ReviewStage.objects.filter(role__in=stage_roles_of(user))
        policies = Policy.objects.filter(pk__in=stages.values("policy")).order_by("code")
        names = sorted(set(stages.values_list("name", flat=True)))
        self.fields["policy"].choices = [
            ("", _("All policies")),
            *((policy.pk, policy.display_title) for policy in policies),
        ]
        self.fields["stage"].choices = [("", _("All stages")), *((name, name) for name in names)]

    @property
    def in_use(self) -> bool:
        return any(self.data.get(name) for name in self.fields)

    def filter(self, queue: QuerySet[Application]) -> QuerySet[Application]:
        """The queue narrowed; a filter that cannot be read shows its error and no rows."""
        if not self.is_valid():
            return queue.none()
        if self.cleaned_data["policy"]:
            queue = queue.filter(policy_id=self.cleaned_data["policy"])
        if self.cleaned_data["stage"]:
            queue = queue.filter(stage__name=self.cleaned_data["stage"])
        return queue


class BulkDecideForm(StyledFormMixin, forms.Form):
    """One decision, with one reason, for every ticked application.

    The ticked applications are looked up among those the user may see, not only in their queue:
    one decided by a colleague meanwhile is then reported as refused, with the reason, instead of
    failing the whole form.
    """

    applications = forms.ModelMultipleChoiceField(
        label=_("Applications"),
        queryset=Application.objects.none(),
        error_messages={
            "required": _("Tick at least one application."),
            "invalid_choice": _("Application %(value)s is not one you may see."),
            "invalid_pk_value": _("“%(pk)s” is not an application."),
        },
    )
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("", _("Choose a decision…")), *Decision.choices],
        error_messages={"required": _("Choose approve, reject or return.")},
    )
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Needed to reject or return; every applicant decided here will read it."),
    )

    def __init__(self, data=None, *, user):
        super().__init__(data)
        self.fields["applications"].queryset = queries.visible_applications(user)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("decision") in NEEDS_A_REASON and not cleaned.get("reason", "").strip():
            self.add_error("reason", _("Give a reason: the applicant will read it."))
        return cleaned

    def chosen(self) -> list[Application]:
        """The ticked applications, the earliest deadline first (the queue's order)."""
        return list(
            self.cleaned_data["applications"].order_by("stage_due_on", "submitted_at", "id")
        )

    def ticked(self) -> set[str]:
        """The ids ticked in the request, to tick them again when the form comes back."""
        if not self.is_bound:
            return set()
        return set(self.data.getlist("applications"))
