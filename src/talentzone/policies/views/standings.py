"""Eligibility in words for the applicant's pages: one applicant record against one policy,
eligible or not and why (the rule's clauses), already applied, or offered."""

from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .. import queries, services
from ..choices import ApplicantKind, ApplicationStatus, OfferStatus
from ..eligibility import Explanation, RuleSyntaxError, describe, parse
from ..models import APPLICANT_FIELDS, Application, Offer, Policy

# "Open to every <kind>": the kinds as nouns inside a sentence.
KIND_NOUNS = {
    ApplicantKind.TALENT: gettext_lazy("talent"),
    ApplicantKind.ENTERPRISE: gettext_lazy("enterprise"),
    ApplicantKind.AGENCY: gettext_lazy("HR agency"),
    ApplicantKind.VENTURE: gettext_lazy("student venture"),
}


def rule_in_words(policy: Policy) -> str:
    if not policy.rule.strip():
        return _("Open to every %(kind)s.") % {"kind": KIND_NOUNS[policy.applicant_kind]}
    try:
        return describe(parse(policy.rule, subject=policy.applicant_kind))
    except RuleSyntaxError:
        return _("This policy's rule cannot be read at the moment; please ask the talent office.")


@dataclass
class Standing:
    """One applicant record against one policy: eligible or not and why, applied, offered."""

    record: Any
    eligible: bool
    explanation: Explanation | None = None  # None: the policy has no rule
    problem: str = ""
    application: Application | None = None
    offer: Offer | None = None

    @property
    def may_apply(self) -> bool:
        return self.eligible and self.application is None and self.offer is None


@dataclass
class PolicyRow:
    policy: Policy
    rule_words: str
    standings: list[Standing] = field(default_factory=list)

    @property
    def relevant(self) -> bool:
        return any(s.eligible or s.application or s.offer for s in self.standings)


def applicant_key(record_or_application) -> tuple[str, int]:
    """(kind, pk) of an applicant, read from the record or from an application or offer."""
    if isinstance(record_or_application, Application | Offer):
        kind = record_or_application.applicant_kind
        return kind, getattr(record_or_application, f"{APPLICANT_FIELDS[kind]}_id")
    return services.applicant_kind_of(record_or_application), record_or_application.pk


def standings_for(user, policies, records: dict[str, list], today) -> dict[int, list[Standing]]:
    """For each policy, one Standing per record of the policy's kind."""
    applications = {
        (a.policy_id, *applicant_key(a)): a
        for a in queries.visible_applications(user)
        .filter(policy__in=policies)
        .exclude(status=ApplicationStatus.REJECTED)
    }
    offers = {
        (o.policy_id, *applicant_key(o)): o
        for o in queries.visible_offers(user).filter(policy__in=policies, status=OfferStatus.OPEN)
    }
    found = {}
    for policy in policies:
        found[policy.pk] = []
        for record in records.get(policy.applicant_kind, []):
            key = (policy.pk, *applicant_key(record))
            try:
                explanation = services.explain(policy, record, today)
            except RuleSyntaxError:
                standing = Standing(record, eligible=False, problem=rule_in_words(policy))
            else:
                eligible = explanation is None or explanation.passed
                standing = Standing(record, eligible, explanation)
            standing.application = applications.get(key)
            standing.offer = offers.get(key)
            found[policy.pk].append(standing)
    return found


def records_of(user) -> dict[str, list]:
    return {kind: found for kind, found in queries.applicants_of(user).items() if found}
