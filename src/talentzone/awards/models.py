"""The yearly evaluations: rounds and their criteria, nominations, the expert pool and a round's
panel, the assignments experts score, the ranking, and objections during the public notice.

Constraints here are the database's half of the invariants; `services.py` is the only writer and
holds the other half. The database refuses: a second nomination of one talent in a round, a score
above its criterion's maximum (each score carries the maximum it was given against), a score on
a conflicted assignment, a second expert assignment for one pair, two nominees at one rank, a
refusal or a resolution without its reason.
"""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from talentzone.core.models import TimeStamped
from talentzone.directory.choices import Level

from .choices import (
    Conflict,
    EntryStatus,
    NominationStatus,
    ObjectionStatus,
    Outcome,
    RoundCategory,
    RoundKind,
    RoundStatus,
)


class Expert(TimeStamped):
    """A member of the zone's pool of evaluation experts (评审专家库). `employer` is the zone
    enterprise they work for, if any: they never score its people."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="expert",
        verbose_name=_("account"),
    )
    name = models.CharField(_("full name"), max_length=30)
    affiliation = models.CharField(_("affiliation"), max_length=100)
    employer = models.ForeignKey(
        "directory.Enterprise",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="experts",
        verbose_name=_("employer in the zone"),
    )
    speciality = models.CharField(_("speciality"), max_length=60, blank=True)
    active = models.BooleanField(_("in the pool"), default=True)

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("expert")
        verbose_name_plural = _("experts")

    def __str__(self) -> str:
        return f"{self.name}（{self.affiliation}）"


class Round(TimeStamped):
    """One year's evaluation of one category, or a recommendation into a higher programme."""

    year = models.PositiveSmallIntegerField(_("year"))
    title = models.CharField(_("title"), max_length=120)
    kind = models.CharField(_("kind"), max_length=20, choices=RoundKind.choices)
    category = models.CharField(_("category"), max_length=20, choices=RoundCategory.choices)
    max_age = models.PositiveSmallIntegerField(
        _("age limit"),
        null=True,
        blank=True,
        validators=[MinValueValidator(18), MaxValueValidator(80)],
        help_text=_("The oldest a nominee may be on the day nominations close; empty: no limit."),
    )
    rule = models.TextField(
        _("eligibility rule"),
        blank=True,
        help_text=_("In the policies' rule language, about the talent; empty: anyone."),
    )
    nominations_open = models.DateField(_("nominations open"))
    nominations_close = models.DateField(_("nominations close"))
    quota = models.PositiveSmallIntegerField(
        _("winners (quota)"), validators=[MinValueValidator(1)]
    )
    panel_size = models.PositiveSmallIntegerField(
        _("experts on the panel"), default=5, validators=[MinValueValidator(3)]
    )
    notice_days = models.PositiveSmallIntegerField(_("public notice (days)"), default=7)
    issuer = models.CharField(_("conferred by"), max_length=80, blank=True)
    reward_policy = models.ForeignKey(
        "policies.Policy",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="award_rounds",
        verbose_name=_("reward policy"),
    )
    budget_line = models.ForeignKey(
        "policies.BudgetLine",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="award_rounds",
        verbose_name=_("budget line"),
    )
    programme = models.CharField(_("programme"), max_length=120, blank=True)
    programme_level = models.CharField(
        _("programme level"), max_length=20, choices=Level.choices, blank=True
    )
    status = models.CharField(
        _("status"), max_length=20, choices=RoundStatus.choices, default=RoundStatus.DRAFT
    )
    ranked_on = models.DateField(_("ranked on"), null=True, blank=True)
    announced_on = models.DateField(_("announced on"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("created by"),
    )

    class Meta:
        ordering = ["-year", "-nominations_open", "-pk"]
        verbose_name = _("evaluation round")
        verbose_name_plural = _("evaluation rounds")
        constraints = [
            models.UniqueConstraint(
                fields=["year", "title"],
                name="award_round_title_unique_per_year",
                violation_error_message=_("A round with this title exists for that year."),
            ),
            models.CheckConstraint(
                condition=Q(nominations_close__gte=F("nominations_open")),
                name="award_round_closes_after_it_opens",
                violation_error_message=_("Nominations must close on or after they open."),
            ),
            models.CheckConstraint(condition=Q(quota__gte=1), name="award_round_quota_positive"),
            models.CheckConstraint(
                condition=Q(panel_size__gte=3), name="award_round_panel_of_three_or_more"
            ),
            # A zone evaluation pays its winners from a budget line under a reward policy; a
            # recommendation names the programme its nominees go forward to.
            models.CheckConstraint(
                condition=~Q(kind=RoundKind.AWARD)
                | Q(reward_policy__isnull=False, budget_line__isnull=False),
                name="award_round_award_has_reward_and_budget",
                violation_error_message=_(
                    "A zone evaluation needs a reward policy and a budget line."
                ),
            ),
            models.CheckConstraint(
                condition=~Q(kind=RoundKind.RECOMMENDATION)
                | (~Q(programme="") & ~Q(programme_level="")),
                name="award_round_recommendation_names_programme",
                violation_error_message=_("A recommendation names the programme and its level."),
            ),
        ]

    def __str__(self) -> str:
        return self.title


class Criterion(models.Model):
    """One scoring criterion: an expert gives 0 to `max_points`; `weight` is its share (in
    percent) of the 100-point total, so the weights of a round add up to 100 (the service)."""

    round = models.ForeignKey(
        Round, on_delete=models.CASCADE, related_name="criteria", verbose_name=_("round")
    )
    position = models.PositiveSmallIntegerField(_("position"))
    name = models.CharField(_("name"), max_length=60)
    description = models.CharField(_("description"), max_length=200, blank=True)
    weight = models.PositiveSmallIntegerField(
        _("weight (%)"), validators=[MinValueValidator(1), MaxValueValidator(100)]
    )
    max_points = models.PositiveSmallIntegerField(
        _("maximum points"), validators=[MinValueValidator(1), MaxValueValidator(1000)]
    )

    class Meta:
        ordering = ["round", "position"]
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")
        constraints = [
            models.UniqueConstraint(
                fields=["round", "position"], name="award_criterion_position_unique"
            ),
            models.UniqueConstraint(fields=["round", "name"], name="award_criterion_name_unique"),
            models.CheckConstraint(
                condition=Q(weight__gte=1, weight__lte=100), name="award_criterion_weight_range"
            ),
            models.CheckConstraint(
                condition=Q(max_points__gte=1), name="award_criterion_max_points_positive"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Nomination(TimeStamped):
    """An enterprise's nomination of one of its talents, with the achievements it rests on; the
    rule's verdict at the time (`eligibility`: the clauses and whether each held) is kept."""

    round = models.ForeignKey(
        Round, on_delete=models.PROTECT, related_name="nominations", verbose_name=_("round")
    )
    talent = models.ForeignKey(
        "directory.Talent",
        on_delete=models.PROTECT,
        related_name="nominations",
        verbose_name=_("nominee"),
    )
    enterprise = models.ForeignKey(
        "directory.Enterprise",
        on_delete=models.PROTECT,
        related_name="nominations",
        verbose_name=_("nominating enterprise"),
    )
    nominated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("nominated by"),
    )
    achievements = models.TextField(_("achievements"))
    eligibility = models.JSONField(_("eligibility check"), default=list, blank=True)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=NominationStatus.choices,
        default=NominationStatus.SUBMITTED,
    )
    refusal_reason = models.TextField(_("reason for refusal"), blank=True)
    screened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("screened by"),
    )
    screened_at = models.DateTimeField(_("screened at"), null=True, blank=True)

    class Meta:
        ordering = ["round", "created_at", "pk"]
        verbose_name = _("nomination")
        verbose_name_plural = _("nominations")
        constraints = [
            models.UniqueConstraint(
                fields=["round", "talent"],
                condition=~Q(status=NominationStatus.WITHDRAWN),
                name="award_nomination_once_per_round",
                violation_error_message=_("This talent has been nominated in this round already."),
            ),
            models.CheckConstraint(
                condition=~Q(status=NominationStatus.REFUSED) | ~Q(refusal_reason=""),
                name="award_nomination_refusal_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.talent.name} · {self.round.title}"

    @property
    def number(self) -> str:
        return f"TM{self.round.year}-{self.pk or 0:05d}"


def nomination_attachment_path(attachment, filename: str) -> str:
    return f"nominations/{attachment.nomination_id}/{filename}"


class NominationAttachment(models.Model):
    nomination = models.ForeignKey(
        Nomination,
        on_delete=models.CASCADE,
        related_name="attachments",
        verbose_name=_("nomination"),
    )
    file = models.FileField(_("file"), upload_to=nomination_attachment_path)
    file_name = models.CharField(_("file name"), max_length=255)
    size = models.PositiveIntegerField(_("size (bytes)"), default=0)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        ordering = ["uploaded_at", "pk"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self) -> str:
        return self.file_name


class PanelMember(models.Model):
    """An expert drawn onto a round's panel."""

    round = models.ForeignKey(
        Round, on_delete=models.CASCADE, related_name="panel", verbose_name=_("round")
    )
    expert = models.ForeignKey(
        Expert, on_delete=models.PROTECT, related_name="panels", verbose_name=_("expert")
    )
    drawn_at = models.DateTimeField(_("drawn at"), auto_now_add=True)

    class Meta:
        ordering = ["round", "expert__name", "pk"]
        verbose_name = _("panel member")
        verbose_name_plural = _("panel members")
        constraints = [
            models.UniqueConstraint(fields=["round", "expert"], name="award_panel_member_once")
        ]

    def __str__(self) -> str:
        return str(self.expert)


class Assignment(models.Model):
    """One expert's scoring of one nominee. A conflicted pair is recorded with its reason and is
    never scored; the others are complete when submitted (`submitted_at`)."""

    round = models.ForeignKey(
        Round, on_delete=models.CASCADE, related_name="assignments", verbose_name=_("round")
    )
    nomination = models.ForeignKey(
        Nomination,
        on_delete=models.CASCADE,
        related_name="assignments",
        verbose_name=_("nomination"),
    )
    expert = models.ForeignKey(
        Expert, on_delete=models.PROTECT, related_name="assignments", verbose_name=_("expert")
    )
    conflict = models.CharField(
        _("conflict of interest"), max_length=20, choices=Conflict.choices, blank=True
    )
    comment = models.TextField(_("comment"), blank=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)

    class Meta:
        ordering = ["round", "expert", "nomination__created_at", "nomination"]
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        constraints = [
            models.UniqueConstraint(
                fields=["nomination", "expert"], name="award_assignment_once_per_pair"
            ),
            models.CheckConstraint(
                condition=Q(conflict="") | Q(submitted_at__isnull=True),
                name="award_assignment_conflicted_never_scored",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.expert.name} → {self.nomination.talent.name}"

    @property
    def is_conflicted(self) -> bool:
        return bool(self.conflict)


class Score(models.Model):
    """The points one expert gave one nominee on one criterion. `max_points` is the criterion's
    maximum when scored, so the database itself refuses points above it."""

    assignment = models.ForeignKey(
        Assignment, on_delete=models.CASCADE, related_name="scores", verbose_name=_("assignment")
    )
    criterion = models.ForeignKey(
        Criterion, on_delete=models.PROTECT, related_name="scores", verbose_name=_("criterion")
    )
    points = models.DecimalField(
        _("points"), max_digits=6, decimal_places=1, validators=[MinValueValidator(Decimal(0))]
    )
    max_points = models.PositiveSmallIntegerField(_("maximum points"))

    class Meta:
        ordering = ["assignment", "criterion__position"]
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        constraints = [
            models.UniqueConstraint(
                fields=["assignment", "criterion"], name="award_score_once_per_criterion"
            ),
            models.CheckConstraint(
                condition=Q(points__gte=0) & Q(points__lte=F("max_points")),
                name="award_score_within_maximum",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.criterion.name}: {self.points}"


class RankingEntry(models.Model):
    """A nominee's place in the round's published ranking, with the figures behind it
    (`breakdown`: per expert the weighted total and whether it counted; per criterion the mean)."""

    round = models.ForeignKey(
        Round, on_delete=models.CASCADE, related_name="ranking", verbose_name=_("round")
    )
    nomination = models.OneToOneField(
        Nomination,
        on_delete=models.PROTECT,
        related_name="ranking_entry",
        verbose_name=_("nomination"),
    )
    rank = models.PositiveSmallIntegerField(_("rank"))
    score = models.DecimalField(_("score"), max_digits=6, decimal_places=2)
    mean_all = models.DecimalField(_("mean of all experts"), max_digits=6, decimal_places=2)
    experts_counted = models.PositiveSmallIntegerField(_("experts counted"))
    breakdown = models.JSONField(_("breakdown"), default=dict)
    status = models.CharField(
        _("status"), max_length=20, choices=EntryStatus.choices, default=EntryStatus.RANKED
    )
    notice_ends_on = models.DateField(_("public notice ends on"), null=True, blank=True)
    outcome = models.CharField(
        _("programme outcome"), max_length=20, choices=Outcome.choices, blank=True
    )
    outcome_note = models.CharField(_("note on the outcome"), max_length=200, blank=True)
    outcome_on = models.DateField(_("outcome announced on"), null=True, blank=True)
    reward_application = models.OneToOneField(
        "policies.Application",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="award_entry",
        verbose_name=_("reward application"),
    )
    credential = models.OneToOneField(
        "directory.Credential",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="award_entry",
        verbose_name=_("credential"),
    )

    class Meta:
        ordering = ["round", "rank"]
        verbose_name = _("ranking entry")
        verbose_name_plural = _("ranking entries")
        constraints = [
            models.UniqueConstraint(fields=["round", "rank"], name="award_rank_unique_per_round"),
            models.CheckConstraint(
                condition=~Q(status=EntryStatus.NOTICE) | Q(notice_ends_on__isnull=False),
                name="award_entry_on_notice_has_an_end",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.rank}. {self.nomination.talent.name}"


class Objection(TimeStamped):
    """An objection to a nominee on public notice; the office upholds or dismisses it."""

    entry = models.ForeignKey(
        RankingEntry,
        on_delete=models.CASCADE,
        related_name="objections",
        verbose_name=_("ranking entry"),
    )
    lodged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("lodged by"),
    )
    reason = models.TextField(_("reason"))
    status = models.CharField(
        _("status"), max_length=20, choices=ObjectionStatus.choices, default=ObjectionStatus.OPEN
    )
    resolution = models.TextField(_("resolution"), blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("resolved by"),
    )
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("objection")
        verbose_name_plural = _("objections")
        constraints = [
            models.CheckConstraint(condition=~Q(reason=""), name="award_objection_has_reason"),
            models.CheckConstraint(
                condition=Q(status=ObjectionStatus.OPEN) | ~Q(resolution=""),
                name="award_objection_resolution_has_text",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.entry} · {self.get_status_display()}"
