"""The application engine's services: the only writers of policies, applications, objections
and offers (the budget ledger's entries are written by `ledger.py`, called from here).

Every transition is one function: it checks the actor's permission (rules.py), checks the
application is in a state that allows it, writes in one transaction with the application's row
locked, appends a timeline event and an audit record, and notifies whom it concerns. A transition
that does not hold raises ValidationError (the API answers 400, the pages show the message) or
PermissionDenied (403), and writes nothing.

    draft ─submit→ in review (stage 1 → … → n) ─approve at n→ notice ─close→ approved ─pay→ paid
                   │ return → returned ─resubmit→ (the stage that returned it)
                   └ reject → rejected        notice ─objection upheld→ rejected

Approval at the last stage reserves the amount on the policy's budget line (refused when the line
cannot afford it); an objection upheld during the notice releases it; payment disburses it.

An in-kind policy (Benefit.IN_KIND: a flat, a school place) has no amount and no budget line: it
goes through the same stages and notice without touching the ledger; closing the notice approves
it and calls the handlers registered in `outcomes` (in the same transaction), and it is never
paid.
"""

import datetime
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from talentzone.core.audit import AuditAction, audit
from talentzone.core.choices import Role
from talentzone.core.html import clean_html
from talentzone.core.notifications import notify
from talentzone.core.services import require_perm

from . import ledger, outcomes, policy_parts
from .choices import (
    ApplicantKind,
    ApplicationStatus,
    Benefit,
    Decision,
    EventKind,
    ObjectionStatus,
    OfferStatus,
)
from .eligibility import SUBJECTS, RuleSyntaxError, compile_to_q, evaluate, parse
from .formulas import compute_amount
from .models import (
    APPLICANT_FIELDS,
    Application,
    ApplicationEvent,
    Attachment,
    Objection,
    Offer,
    Policy,
    RequiredDocument,
    ReviewStage,
)
from .money import format_fen

APPLICANT_INPUTS = ("statement", "unit_count", "declared_fen")
MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024
# Policy texts that may carry a small safe subset of HTML (core/html.py).
RICH_TEXT_FIELDS = ("legal_basis", "summary")
# Every transition reads the application with its row locked, so two at once take turns and
# the second sees what the first did. The concurrency test switches it off once to show that
# the race is real; nothing else should touch it.
LOCK_APPLICATIONS = True


# Policies ------------------------------------------------------------------------------------


def check_rule(text: str, applicant_kind: str) -> None:
    """Refuse a rule that does not parse, with the message and the column of the problem."""
    if not (text or "").strip() or applicant_kind not in ApplicantKind.values:
        return  # an unknown applicant kind is the applicant_kind field's own error
    try:
        parse(text, subject=applicant_kind)
    except RuleSyntaxError as error:
        raise ValidationError({"rule": ValidationError(str(error), code="rule_syntax")}) from error


def policy_save(
    *,
    actor,
    policy: Policy,
    stages: Sequence[Mapping[str, Any]] | None = None,
    documents: Sequence[Mapping[str, Any]] | None = None,
) -> Policy:
    """Validate the whole policy (rule, formula, period) and save it, audited. `stages` and
    `documents`, when given, replace the policy's lists (see policy_parts); None keeps them."""
    require_perm(actor, "policies.manage_policy")
    # Texts pasted from official papers keep their paragraphs and tables, never a script.
    for name in RICH_TEXT_FIELDS:
        setattr(policy, name, clean_html(getattr(policy, name)))
    policy.full_clean()
    new_stages = None if stages is None else policy_parts.prepared_stages(policy, stages)
    new_documents = (
        None if documents is None else policy_parts.prepared_documents(policy, documents)
    )
    created = policy.pk is None
    with transaction.atomic():
        policy.save()
        changes = []
        if new_stages is not None and policy_parts.save_stages(policy, new_stages):
            changes.append("stages")
        if new_documents is not None and policy_parts.save_documents(policy, new_documents):
            changes.append("documents")
        audit(
            actor=actor,
            action=AuditAction.CREATE if created else AuditAction.UPDATE,
            target=policy,
            changes=changes,
        )
    return policy


# Eligibility for one applicant ---------------------------------------------------------------


def applicant_kind_of(record) -> str:
    name = record._meta.model_name
    for kind, field_name in APPLICANT_FIELDS.items():
        if field_name == name:
            return kind
    raise TypeError(f"{type(record).__name__} cannot apply for a policy.")


def explain(policy: Policy, applicant, today: datetime.date | None = None):
    """Whether `applicant` meets the policy's rule, clause by clause (None: the rule is empty)."""
    if not policy.rule.strip():
        return None
    today = today or timezone.localdate()
    return evaluate(parse(policy.rule, subject=policy.applicant_kind), applicant, today)


def is_eligible(policy: Policy, applicant, today: datetime.date | None = None) -> bool:
    if applicant_kind_of(applicant) != policy.applicant_kind:
        return False
    explanation = explain(policy, applicant, today)
    return explanation is None or explanation.passed


# Applications --------------------------------------------------------------------------------


def application_create(
    *, actor, policy: Policy, applicant, data: Mapping[str, Any] | None = None, today=None
) -> Application:
    """Start a draft for `applicant` under `policy`: the policy must be open and the applicant
    eligible and without a live application under it."""
    require_perm(actor, "policies.apply", applicant)
    today = today or timezone.localdate()
    _require_open(policy, today)
    if policy.granted_only:
        raise ValidationError(
            _("Nobody applies for this policy: it pays those an evaluation has chosen."),
            code="granted_only",
        )
    if applicant_kind_of(applicant) != policy.applicant_kind:
        raise ValidationError(
            _("This policy is for: %(kind)s.") % {"kind": policy.get_applicant_kind_display()},
            code="wrong_applicant_kind",
        )
    _require_eligible(policy, applicant, today)
    application = Application(policy=policy, created_by=actor)
    application.set_applicant(applicant)
    _assign_inputs(application, data or {})
    _require_no_live_application(application)
    with transaction.atomic():
        _save_new(application)
        _event(application, EventKind.CREATED, actor)
        audit(actor=actor, action=AuditAction.CREATE, target=application)
    return application


def application_update(*, actor, application: Application, data: Mapping[str, Any]) -> Application:
    """Change a draft or returned application's statement and declared figures."""
    with transaction.atomic():
        application = _locked(application)
        require_perm(actor, "policies.apply", application)
        _require_status(application, ApplicationStatus.DRAFT, ApplicationStatus.RETURNED)
        before = {name: getattr(application, name) for name in APPLICANT_INPUTS}
        _assign_inputs(application, data)
        application.full_clean(validate_constraints=False)
        application.save()
        changed = [n for n in APPLICANT_INPUTS if getattr(application, n) != before[n]]
        audit(actor=actor, action=AuditAction.UPDATE, target=application, changes=changed)
    return application


def attachment_add(
    *, actor, application: Application, uploaded_file, document: RequiredDocument | None = None
) -> Attachment:
    """Attach a file (for one of the policy's required documents, or an extra one)."""
    if uploaded_file.size > MAX_ATTACHMENT_BYTES:
        raise ValidationError(
            {
                "file": _("A file may be at most 20 MB; this one is %(size)s MB.")
                % {"size": f"{uploaded_file.size / 1024 / 1024:.1f}"}
            }
        )
    if document is not None and document.policy_id != application.policy_id:
        raise ValidationError({"document": _("This document belongs to another policy.")})
    with transaction.atomic():
        application = _locked(application)
        require_perm(actor, "policies.apply", application)
        _require_status(application, ApplicationStatus.DRAFT, ApplicationStatus.RETURNED)
        attachment = Attachment(
            application=application,
            document=document,
            file_name=uploaded_file.name[:255],
            size=uploaded_file.size,
            uploaded_by=actor,
        )
        attachment.file.save(uploaded_file.name, uploaded_file, save=False)
        attachment.save()
        audit(
            actor=actor,
            action=AuditAction.CREATE,
            target=attachment,
            detail={"application": application.pk, "file": attachment.file_name},
        )
    return attachment


def application_submit(*, actor, application: Application, today=None) -> Application:
    """Send a draft (or a returned application) to review: the required documents must be
    attached and the amount must work out, and a draft is sent only while the policy is open. A
    returned one goes back to the stage that returned it; one from an offer skips the stages the
    registry proves."""
    today = today or timezone.localdate()
    with transaction.atomic():
        application = _locked(application)
        require_perm(actor, "policies.apply", application)
        _require_status(application, ApplicationStatus.DRAFT, ApplicationStatus.RETURNED)
        resubmitted = application.status == ApplicationStatus.RETURNED
        if not resubmitted:
            _require_open(application.policy, today)
        _require_documents(application)
        application.amount_fen = _amount(application)
        _event(application, EventKind.RESUBMITTED if resubmitted else EventKind.SUBMITTED, actor)
        if resubmitted:
            start = application.returned_from
        else:
            start = _first_stage(application, actor)
            application.submitted_at = timezone.now()
        application.returned_from = None
        _enter(application, start, actor, today)
        audit(
            actor=actor,
            action=AuditAction.UPDATE,
            target=application,
            changes=["status"],
            detail={"status": application.status, "amount_fen": application.amount_fen},
        )
    return application


def application_decide(
    *,
    actor,
    application: Application,
    decision: str,
    reason: str = "",
    today=None,
    stage: ReviewStage | None = None,
) -> Application:
    """The current stage's decision. Approving the last stage reserves the money and opens the
    public notice; rejecting and returning need a reason.

    `stage` is the stage the decider was shown, when known (a page, a bulk decision): if the
    application has moved on since, because someone else decided meanwhile, it is refused
    rather than applied to a stage the decider never saw.
    """
    today = today or timezone.localdate()
    decision = _decision(decision)
    reason = (reason or "").strip()
    if decision != Decision.APPROVE and not reason:
        raise ValidationError({"reason": _("Give a reason: the applicant will read it.")})
    with transaction.atomic():
        application = _locked(application)
        _require_status(application, ApplicationStatus.IN_REVIEW)
        require_perm(actor, "policies.decide_application", application)
        if stage is not None and stage.pk != application.stage_id:
            raise ValidationError(
                _("This application has moved on to “%(stage)s” since you opened it.")
                % {"stage": application.stage.name},
                code="stage_moved_on",
            )
        stage = application.stage
        if decision == Decision.APPROVE:
            _event(application, EventKind.APPROVED_STAGE, actor, stage=stage, reason=reason)
            _enter(application, _next_stage(stage), actor, today)
        elif decision == Decision.RETURN:
            _event(application, EventKind.RETURNED, actor, stage=stage, reason=reason)
            application.returned_from = stage
            _leave_review(application, ApplicationStatus.RETURNED)
            _tell_applicant(application, _("Your application was returned for changes"), reason)
        else:
            _event(application, EventKind.REJECTED, actor, stage=stage, reason=reason)
            application.decided_at = timezone.now()
            _leave_review(application, ApplicationStatus.REJECTED)
            _tell_applicant(application, _("Your application was rejected"), reason)
        application.save()
        audit(
            actor=actor,
            action=AuditAction.UPDATE,
            target=application,
            changes=["status"],
            detail={"decision": decision.value, "stage": stage.name, "status": application.status},
        )
    return application


@dataclass(frozen=True)
class BulkOutcome:
    application_id: int
    ok: bool
    message: str = ""


def applications_decide(
    *, actor, applications: Iterable[Application], decision: str, reason: str = ""
) -> list[BulkOutcome]:
    """Decide many at once, each on its own (one refused does not undo the others)."""
    outcomes = []
    for application in applications:
        try:
            application_decide(
                actor=actor,
                application=application,
                decision=decision,
                reason=reason,
                stage=application.stage if application.stage_id else None,
            )
        except (ValidationError, PermissionDenied) as error:
            outcomes.append(BulkOutcome(application.pk, False, _message(error)))
        else:
            outcomes.append(BulkOutcome(application.pk, True))
    return outcomes


def objection_lodge(*, actor, application: Application, reason: str) -> Objection:
    """Anyone signed in may object to an application on public notice, with a reason."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Say what the objection is.")})
    require_perm(actor, "policies.lodge_objection", application)
    with transaction.atomic():
        application = _locked(application)
        _require_status(application, ApplicationStatus.NOTICE)
        objection = Objection.objects.create(
            application=application, lodged_by=actor, reason=reason
        )
        _event(application, EventKind.OBJECTION_LODGED, actor, reason=reason)
        audit(actor=actor, action=AuditAction.CREATE, target=objection)
    return objection


def objection_resolve(*, actor, objection: Objection, uphold: bool, resolution: str) -> Objection:
    """The office resolves an objection. Upheld: the application is rejected and its money
    released. Dismissed: the notice goes on. Another objection to an application that an upheld
    one has rejected already is still resolved, for the record, and changes nothing more."""
    resolution = (resolution or "").strip()
    if not resolution:
        raise ValidationError({"resolution": _("Say how the objection was resolved.")})
    require_perm(actor, "policies.resolve_objection", objection)
    with transaction.atomic():
        application = _locked(objection.application)
        objection = Objection.objects.select_for_update().get(pk=objection.pk)
        if objection.status != ObjectionStatus.OPEN:
            raise ValidationError(_("This objection has been resolved already."), code="resolved")
        objection.status = ObjectionStatus.UPHELD if uphold else ObjectionStatus.DISMISSED
        objection.resolution = resolution
        objection.resolved_by = actor
        objection.resolved_at = timezone.now()
        objection.save()
        kind = EventKind.OBJECTION_UPHELD if uphold else EventKind.OBJECTION_DISMISSED
        _event(application, kind, actor, reason=resolution)
        if uphold and application.status == ApplicationStatus.NOTICE:
            _reject_on_notice(application, actor, resolution)
        audit(
            actor=actor,
            action=AuditAction.UPDATE,
            target=objection,
            changes=["status"],
            detail={"status": objection.status, "application": application.pk},
        )
    return objection


def _reject_on_notice(application: Application, actor, reason: str) -> None:
    """An upheld objection: the application is rejected and its reservation released (the
    reservation stays linked, as the ledger's history)."""
    if application.reservation_id is not None:  # in kind: nothing was reserved
        ledger.release(actor=actor, reservation_entry=application.reservation, memo=reason)
    _event(application, EventKind.REJECTED, actor, reason=reason)
    application.status = ApplicationStatus.REJECTED
    application.decided_at = timezone.now()
    application.save()
    audit(
        actor=actor,
        action=AuditAction.UPDATE,
        target=application,
        changes=["status"],
        detail={"status": application.status, "objection_upheld": True},
    )
    _tell_applicant(application, _("Your application was rejected"), reason)


def notice_close(*, actor, application: Application, today=None) -> Application:
    """End a public notice that has run its days with no open objection: approved. An in-kind
    application's outcome handlers run here, inside the approving transaction."""
    today = today or timezone.localdate()
    if actor is not None:
        require_perm(actor, "policies.close_notice", application)
    with transaction.atomic():
        application = _locked(application)
        _require_status(application, ApplicationStatus.NOTICE)
        if application.notice_ends_on >= today:
            raise ValidationError(
                _("The public notice runs until %(date)s.") % {"date": application.notice_ends_on},
                code="notice_running",
            )
        if application.objections.filter(status=ObjectionStatus.OPEN).exists():
            raise ValidationError(
                _("An objection is still open: resolve it before the notice can end."),
                code="objection_open",
            )
        application.status = ApplicationStatus.APPROVED
        application.decided_at = timezone.now()
        application.save()
        _event(application, EventKind.APPROVED, actor)
        audit(actor=actor, action=AuditAction.UPDATE, target=application, changes=["status"])
        if application.policy.benefit == Benefit.IN_KIND:
            outcomes.approved(application)
            body = _("The office will tell you what comes next.")
        else:
            body = _("%(amount)s will be paid.") % {"amount": format_fen(application.amount_fen)}
        _tell_applicant(application, _("Your application was approved"), body)
    return application


def close_due_notices(today=None) -> int:
    """Approve every application whose notice has ended without an open objection (the
    scheduled task); returns how many."""
    today = today or timezone.localdate()
    due = Application.objects.filter(status=ApplicationStatus.NOTICE, notice_ends_on__lt=today)
    closed = 0
    for application in due.exclude(objections__status=ObjectionStatus.OPEN).iterator():
        try:
            notice_close(actor=None, application=application, today=today)
        except ValidationError:
            continue  # an objection arrived meanwhile: it waits for the office
        closed += 1
    return closed


def application_grant(
    *, actor, policy: Policy, applicant, line=None, reason: str, today=None
) -> Application:
    """An application made by the office for an applicant another procedure has already chosen
    (an evaluation's winners, see awards): created and approved at once. Its own review stages
    and public notice are replaced by that procedure's (each skipped stage and the approval say
    so, with `reason`); the formula's amount is reserved on `line` (the policy's own line when
    None), refused when the line cannot afford it; payment is the usual `application_pay`.

    The policy must be a money policy open on `today` for this kind of applicant; its rule is not
    applied, as the procedure that chose the applicant had its own."""
    require_perm(actor, "policies.grant_application")
    today = today or timezone.localtime(timezone.now()).date()
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Say what decided this grant.")}, code="required")
    if policy.benefit != Benefit.MONEY:
        raise ValidationError(_("Only a money policy can pay a reward."), code="in_kind")
    _require_open(policy, today)
    if applicant_kind_of(applicant) != policy.applicant_kind:
        raise ValidationError(
            _("This policy is for: %(kind)s.") % {"kind": policy.get_applicant_kind_display()},
            code="wrong_applicant_kind",
        )
    line = line or policy.budget_line
    application = Application(policy=policy, created_by=actor, statement=reason)
    application.set_applicant(applicant)
    _require_no_live_application(application)
    with transaction.atomic():
        _save_new(application)
        application.amount_fen = _amount(application)
        application.submitted_at = timezone.now()
        _event(application, EventKind.CREATED, actor)
        for stage in _stages(application):
            _event(application, EventKind.SKIPPED_STAGE, actor, stage=stage, reason=reason)
        application.reservation = ledger.reserve(
            actor=actor,
            line=line,
            amount=application.amount_fen,
            reference=f"{application.number} {policy.title}"[:100],
            target=application,
        )
        application.status = ApplicationStatus.APPROVED
        application.decided_at = timezone.now()
        application.save()
        _event(application, EventKind.GRANTED, actor, reason=reason)
        audit(
            actor=actor,
            action=AuditAction.CREATE,
            target=application,
            detail={"granted": reason, "amount_fen": application.amount_fen, "line": line.pk},
        )
        _tell_applicant(
            application,
            _("Your application was approved"),
            _("%(amount)s will be paid.") % {"amount": format_fen(application.amount_fen)},
        )
    return application


def application_pay(*, actor, application: Application, memo: str = "") -> Application:
    """Record the payment of an approved application: its reservation is disbursed."""
    require_perm(actor, "policies.pay_application", application)
    with transaction.atomic():
        application = _locked(application)
        _require_status(application, ApplicationStatus.APPROVED)
        if application.policy.benefit == Benefit.IN_KIND:
            raise ValidationError(
                _("This policy gives a place or a service, not money: there is nothing to pay."),
                code="in_kind",
            )
        ledger.disburse(actor=actor, reservation_entry=application.reservation, memo=memo)
        application.status = ApplicationStatus.PAID
        application.paid_at = timezone.now()
        application.save()
        _event(application, EventKind.PAID, actor, reason=memo)
        audit(actor=actor, action=AuditAction.UPDATE, target=application, changes=["status"])
        _tell_applicant(
            application,
            _("Your grant has been paid"),
            _("%(amount)s was paid.") % {"amount": format_fen(application.amount_fen)},
        )
    return application


# Offers (免申即享) ----------------------------------------------------------------------------


def eligible_without_offer(policy: Policy, today: datetime.date):
    """Everyone the policy's compiled rule selects who has neither applied nor been offered.

    A rejected application does not count as applied: whoever becomes eligible after a
    rejection may be offered the policy (once: an offer, whatever its answer, counts).
    """
    field = APPLICANT_FIELDS[policy.applicant_kind]
    model = SUBJECTS[policy.applicant_kind].model
    candidates = model.objects.all()
    if policy.rule.strip():
        candidates = compile_to_q(parse(policy.rule, subject=policy.applicant_kind), today).apply(
            candidates
        )
    # Only rows naming an applicant of this kind: a NULL in a `NOT IN` list would exclude all.
    of_this_kind = {f"{field}__isnull": False}
    applied = (
        Application.objects.filter(policy=policy, **of_this_kind)
        .exclude(status=ApplicationStatus.REJECTED)
        .values(f"{field}_id")
    )
    offered = Offer.objects.filter(policy=policy, **of_this_kind).values(f"{field}_id")
    return candidates.exclude(pk__in=applied).exclude(pk__in=offered)


def scan_policy(policy: Policy, today: datetime.date | None = None, batch_size: int = 2000) -> int:
    """Offer the policy to everyone newly eligible and notify them; returns how many offers.

    Safe to run twice, or twice at once: scans of one policy take turns on the policy's row
    lock, so a second scan finds the first one's offers and neither makes nor announces them
    again; the unique constraint per policy and person would refuse a second offer anyway
    (`ignore_conflicts`), so nobody is offered twice whatever else writes offers.
    """
    today = today or timezone.localdate()
    field = APPLICANT_FIELDS[policy.applicant_kind]
    ids = list(eligible_without_offer(policy, today).values_list("pk", flat=True))
    created = 0
    for start in range(0, len(ids), batch_size):
        chunk = ids[start : start + batch_size]
        with transaction.atomic():
            Policy.objects.select_for_update().get(pk=policy.pk)  # scans take turns
            before = Offer.objects.filter(policy=policy, **{f"{field}_id__in": chunk}).values_list(
                f"{field}_id", flat=True
            )
            already = set(before)
            Offer.objects.bulk_create(
                [
                    Offer(
                        policy=policy, applicant_kind=policy.applicant_kind, **{f"{field}_id": pk}
                    )
                    for pk in chunk
                    if pk not in already
                ],
                ignore_conflicts=True,
            )
            new = (
                set(
                    Offer.objects.filter(policy=policy, **{f"{field}_id__in": chunk}).values_list(
                        f"{field}_id", flat=True
                    )
                )
                - already
            )
            _notify_offers(policy, new)
            created += len(new)
    return created


def scan_offers(today: datetime.date | None = None, *, actor=None) -> dict[str, int]:
    """Scan every open policy; {policy code: offers made}. A scan someone started by hand (the
    office's "scan now") is audited with its counts; the nightly task's offers speak for
    themselves."""
    if actor is not None:
        require_perm(actor, "policies.scan_offers")
    today = today or timezone.localdate()
    made = {policy.code: scan_policy(policy, today) for policy in Policy.objects.open_on(today)}
    if actor is not None:
        with transaction.atomic():
            audit(
                actor=actor,
                action=AuditAction.CREATE,
                detail={"scan": str(today), "offers": made},
            )
    return made


def offer_accept(*, actor, offer: Offer, data: Mapping[str, Any] | None = None, today=None):
    """Accept an offer: an application pre-filled from the registry, submitted at once, that
    skips the stages the registry proves. The applicant must still be eligible on the day (the
    registry may have changed since the offer). Per-unit and percentage policies need the
    applicant's figure, which `data` carries."""
    today = today or timezone.localdate()
    require_perm(actor, "policies.answer_offer", offer)
    with transaction.atomic():
        offer = Offer.objects.select_for_update().get(pk=offer.pk)
        _require_offer_open(offer)
        policy = offer.policy
        _require_open(policy, today)
        _require_eligible(policy, offer.applicant, today)  # the registry may have changed since
        application = Application(
            policy=policy,
            created_by=actor,
            from_offer=True,
            statement=_("Accepted the office's offer of %(date)s.")
            % {"date": timezone.localtime(offer.created_at).date()},
        )
        application.set_applicant(offer.applicant)
        _assign_inputs(application, data or {})
        _save_new(application)
        _event(application, EventKind.CREATED, actor)
        audit(actor=actor, action=AuditAction.CREATE, target=application)
        offer.status = OfferStatus.ACCEPTED
        offer.application = application
        offer.answered_at = timezone.now()
        offer.save()
        audit(actor=actor, action=AuditAction.UPDATE, target=offer, changes=["status"])
        application_submit(actor=actor, application=application, today=today)
    application.refresh_from_db()
    return application


def offer_decline(*, actor, offer: Offer) -> Offer:
    require_perm(actor, "policies.answer_offer", offer)
    with transaction.atomic():
        offer = Offer.objects.select_for_update().get(pk=offer.pk)
        _require_offer_open(offer)
        offer.status = OfferStatus.DECLINED
        offer.answered_at = timezone.now()
        offer.save()
        audit(actor=actor, action=AuditAction.UPDATE, target=offer, changes=["status"])
    return offer


# Helpers -------------------------------------------------------------------------------------


def _locked(application: Application) -> Application:
    """The application read afresh with its row locked until the transaction ends, so two
    deciders cannot both decide (see LOCK_APPLICATIONS).

    The row is locked first and read after: a query that waited for the lock on a joined read
    would see the application's new row but its stage as it was before the wait (and
    PostgreSQL cannot lock the nullable side of an outer join anyway).
    """
    if LOCK_APPLICATIONS:
        Application.objects.select_for_update().filter(pk=application.pk).values_list("pk").get()
    return Application.objects.select_related("policy", "stage").get(pk=application.pk)


def _decision(value) -> Decision:
    try:
        return Decision(value)
    except ValueError:
        raise ValidationError(
            {"decision": _("Choose approve, reject or return for changes.")}, code="invalid"
        ) from None


def _require_status(application: Application, *allowed: str) -> None:
    if application.status not in allowed:
        raise ValidationError(
            _("This cannot be done to an application that is “%(status)s”.")
            % {"status": application.get_status_display()},
            code="wrong_status",
        )


def _require_open(policy: Policy, today) -> None:
    if not (policy.valid_from <= today <= policy.valid_until):
        raise ValidationError(
            _("This policy takes applications from %(start)s to %(end)s.")
            % {"start": policy.valid_from, "end": policy.valid_until},
            code="policy_closed",
        )


def _require_eligible(policy: Policy, applicant, today) -> None:
    explanation = explain(policy, applicant, today)
    if explanation is None or explanation.passed:
        return
    failed = [clause.description for clause in explanation.failed_clauses]
    raise ValidationError(
        _("Not eligible: %(reasons)s.") % {"reasons": _("; ").join(failed)},
        code="not_eligible",
    )


def _require_offer_open(offer: Offer) -> None:
    if offer.status != OfferStatus.OPEN:
        raise ValidationError(
            _("This offer has been answered already (%(status)s).")
            % {"status": offer.get_status_display()},
            code="offer_answered",
        )


def _require_documents(application: Application) -> None:
    attached = set(application.attachments.values_list("document_id", flat=True))
    missing = [d.name for d in application.policy.documents.all() if d.pk not in attached]
    if missing and not application.from_offer:
        raise ValidationError(
            {"attachments": _("Attach: %(names)s.") % {"names": "、".join(missing)}},
            code="documents_missing",
        )


def _assign_inputs(application: Application, data: Mapping[str, Any]) -> None:
    unknown = set(data) - set(APPLICANT_INPUTS)
    if unknown:
        raise ValidationError({name: _("This field cannot be set here.") for name in unknown})
    for name in APPLICANT_INPUTS:
        if name in data:
            if isinstance(data[name], float):  # money and counts are whole: never rounded here
                raise ValidationError({name: _("Enter a whole number.")}, code="invalid")
            setattr(application, name, data[name] if data[name] != "" else None)
    if application.statement is None:
        application.statement = ""


def _live_applications(application: Application):
    """The applicant's applications under the same policy that are not rejected."""
    field = APPLICANT_FIELDS[application.applicant_kind]
    return Application.objects.filter(
        policy_id=application.policy_id, **{f"{field}_id": getattr(application, f"{field}_id")}
    ).exclude(status=ApplicationStatus.REJECTED)


def _already_applied() -> ValidationError:
    return ValidationError(
        _("This applicant already has an application under this policy."),
        code="already_applied",
    )


def _require_no_live_application(application: Application) -> None:
    if _live_applications(application).exists():
        raise _already_applied()


def _save_new(application: Application) -> None:
    """Insert a new application; two created at once for one applicant meet the database's
    unique constraint, and the second is refused like the first check would have."""
    application.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            application.save()
    except IntegrityError:
        if _live_applications(application).exists():
            raise _already_applied() from None
        raise


def _amount(application: Application) -> int | None:
    """The amount the formula gives; None for an in-kind policy (no money, no formula)."""
    if application.policy.benefit == Benefit.IN_KIND:
        return None
    tier = (
        application.talent.tier.code if application.talent_id and application.talent.tier else None
    )
    return compute_amount(
        application.policy,
        tier_code=tier,
        unit_count=application.unit_count,
        declared_fen=application.declared_fen,
    )


def _stages(application: Application) -> list[ReviewStage]:
    return list(application.policy.stages.order_by("position"))


def _first_stage(application: Application, actor) -> ReviewStage | None:
    """The first stage to decide; from an offer, the stages the registry proves are skipped."""
    for stage in _stages(application):
        if application.from_offer and stage.proved_by_registry:
            _event(application, EventKind.SKIPPED_STAGE, actor, stage=stage)
            continue
        return stage
    return None


def _next_stage(stage: ReviewStage) -> ReviewStage | None:
    return (
        ReviewStage.objects.filter(policy_id=stage.policy_id, position__gt=stage.position)
        .order_by("position")
        .first()
    )


def _enter(application: Application, stage: ReviewStage | None, actor, today) -> None:
    """Put the application at `stage` with its deadline, or past the last stage: reserve the
    money on the budget line (in kind: nothing) and open the public notice."""
    if stage is not None:
        application.status = ApplicationStatus.IN_REVIEW
        application.stage = stage
        application.stage_due_on = today + datetime.timedelta(days=stage.deadline_days)
        application.save()
        return
    policy = application.policy
    if policy.benefit != Benefit.IN_KIND:
        application.reservation = ledger.reserve(
            actor=actor,
            line=policy.budget_line,
            amount=application.amount_fen,
            reference=f"{application.number} {policy.title}"[:100],
            target=application,
        )
    application.status = ApplicationStatus.NOTICE
    application.stage = None
    application.stage_due_on = None
    application.notice_ends_on = today + datetime.timedelta(days=policy.notice_days)
    application.save()
    _event(application, EventKind.NOTICE_STARTED, actor)
    _tell_applicant(
        application,
        _("Your application is on public notice"),
        _("The notice runs until %(date)s.") % {"date": application.notice_ends_on},
    )


def _leave_review(application: Application, status: str) -> None:
    application.status = status
    application.stage = None
    application.stage_due_on = None


def _event(application, kind, actor, *, stage=None, reason: str = "") -> ApplicationEvent:
    return ApplicationEvent.objects.create(
        application=application, kind=kind, actor=actor, stage=stage, reason=reason
    )


def _message(error: Exception) -> str:
    if isinstance(error, ValidationError):
        return " ".join(error.messages)
    return _("You may not decide this application at its current stage.")


# Who hears about it ----------------------------------------------------------------------------

# The users who act for applicants of each kind (as rules.acts_for_applicant has it), as a lookup
# from User and the role it needs: the talent themselves, the enterprise's HR, the agency's
# staff, a venture's founders who have an account.
USERS_OF = {
    ApplicantKind.TALENT: ("talent__in", None),
    ApplicantKind.ENTERPRISE: ("memberships__enterprise__in", Role.ENTERPRISE_HR),
    ApplicantKind.AGENCY: ("memberships__agency__in", Role.AGENCY_STAFF),
    ApplicantKind.VENTURE: ("talent__founder__venture__in", None),
}


def users_acting_for(kind: str, applicant_ids) -> list:
    from talentzone.core.models import User

    lookup, role = USERS_OF[kind]
    users = User.objects.filter(is_active=True, **{lookup: list(applicant_ids)})
    if role is not None:
        users = users.filter(groups__name=role)
    return list(users.distinct())


def _tell_applicant(application: Application, title: str, body: str) -> None:
    url = reverse("policies:application-detail", args=[application.pk])
    users = users_acting_for(application.applicant_kind, [application.applicant.pk])
    notify(users, title=f"{title} · {application.number}", body=body, url=url)


def _notify_offers(policy: Policy, applicant_ids) -> None:
    users = users_acting_for(policy.applicant_kind, applicant_ids)
    notify(
        users,
        title=_("You may receive: %(policy)s") % {"policy": policy.title},
        body=_(
            "The registry shows you meet this policy's conditions. Accept the offer to apply "
            "without filling in a form."
        ),
        url=reverse("policies:offer-list"),
    )
