"""Hiring demands, the projects high-level demands hang under, candidates' profiles, and the
referrals that carry a candidate from an agency's proposal to a hire.

Constraints here are the database's half of the invariants; `services.py` is the only writer and
holds the other half (who may do what, which step may follow which, the headcount under a row
lock). The matching index (`matching/`) is derived from these rows and never the truth.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from talentzone.core.models import AppendOnlyModel, TimeStamped
from talentzone.directory.choices import Education, ProfessionalTitle

from .choices import (
    LIVE_REFERRAL_STATUSES,
    ConsentMethod,
    DemandStatus,
    InterviewOutcome,
    ProjectKind,
    ProjectStatus,
    ReferralStatus,
)


def split_words(value: str) -> list[str]:
    """Items of a list typed in one field: commas (either width), 、 or semicolons separate."""
    for separator in ("，", "、", ";", "；"):
        value = value.replace(separator, ",")
    return [item.strip() for item in value.split(",") if item.strip()]


class Skill(models.Model):
    """An entry of the skills list: one canonical name and the other words people use for it."""

    name = models.CharField(_("name"), max_length=40, unique=True)
    name_en = models.CharField(_("English name"), max_length=60, blank=True)
    synonyms = models.CharField(
        _("synonyms"), max_length=300, blank=True, help_text=_("Separated by commas or 、")
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("skill")
        verbose_name_plural = _("skills")

    def __str__(self) -> str:
        return self.name

    @property
    def synonym_list(self) -> list[str]:
        return split_words(self.synonyms)


class Project(TimeStamped):
    """A talent project or a university–enterprise cooperation project (人才项目 / 校企合作)."""

    kind = models.CharField(_("kind"), max_length=20, choices=ProjectKind.choices)
    title = models.CharField(_("title"), max_length=120)
    partner = models.CharField(
        _("partner"), max_length=100, blank=True, help_text=_("University or institute.")
    )
    enterprise = models.ForeignKey(
        "directory.Enterprise",
        on_delete=models.PROTECT,
        related_name="projects",
        verbose_name=_("enterprise"),
    )
    funding = models.BigIntegerField(
        _("funding (fen)"), default=0, validators=[MinValueValidator(0)]
    )
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    people = models.ManyToManyField(
        "directory.Talent", blank=True, related_name="projects", verbose_name=_("people involved")
    )
    description = models.TextField(_("description"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=ProjectStatus.choices, default=ProjectStatus.ACTIVE
    )

    class Meta:
        ordering = ["-starts_on", "id"]
        verbose_name = _("project")
        verbose_name_plural = _("projects")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")),
                name="project_ends_after_it_starts",
                violation_error_message=_("A project cannot end before it starts."),
            ),
            models.CheckConstraint(
                condition=Q(funding__gte=0), name="project_funding_not_negative"
            ),
            models.CheckConstraint(
                condition=Q(kind__in=ProjectKind.values), name="project_kind_known"
            ),
        ]

    def __str__(self) -> str:
        return self.title


class Demand(TimeStamped):
    """A hiring demand of an enterprise. Each requirement is either required (a hard filter: no
    one who fails it is ever proposed) or preferred (it only moves the score)."""

    enterprise = models.ForeignKey(
        "directory.Enterprise",
        on_delete=models.PROTECT,
        related_name="demands",
        verbose_name=_("enterprise"),
    )
    project = models.ForeignKey(
        Project,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="demands",
        verbose_name=_("project"),
    )
    high_level = models.BooleanField(
        _("high-level position"),
        default=False,
        help_text=_("Talent + project + funding: posted by the office under a project."),
    )
    title = models.CharField(_("job title"), max_length=80)
    description = models.TextField(_("description"), blank=True)
    headcount = models.PositiveSmallIntegerField(
        _("headcount"), default=1, validators=[MinValueValidator(1), MaxValueValidator(999)]
    )
    hired = models.PositiveSmallIntegerField(_("hired"), default=0)
    location = models.CharField(_("work location"), max_length=40, blank=True)
    salary_min = models.PositiveIntegerField(_("monthly salary from (yuan)"), null=True, blank=True)
    salary_max = models.PositiveIntegerField(_("monthly salary to (yuan)"), null=True, blank=True)
    deadline = models.DateField(_("deadline"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=DemandStatus.choices, default=DemandStatus.OPEN
    )
    min_education = models.CharField(
        _("minimum education"), max_length=20, choices=Education.choices, blank=True
    )
    education_required = models.BooleanField(_("education required"), default=False)
    majors = models.CharField(
        _("majors"), max_length=200, blank=True, help_text=_("Separated by commas or 、")
    )
    majors_required = models.BooleanField(_("major required"), default=False)
    min_years = models.PositiveSmallIntegerField(
        _("years of experience"), null=True, blank=True, validators=[MaxValueValidator(50)]
    )
    years_required = models.BooleanField(_("experience required"), default=False)
    min_title = models.CharField(
        _("professional title"), max_length=20, choices=ProfessionalTitle.choices, blank=True
    )
    title_required = models.BooleanField(_("title required"), default=False)
    min_tier = models.ForeignKey(
        "directory.TalentTier",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("talent tier"),
    )
    tier_required = models.BooleanField(_("tier required"), default=False)
    posted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("posted by"),
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("demand")
        verbose_name_plural = _("demands")
        indexes = [models.Index(fields=["status", "enterprise"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(headcount__gte=1), name="demand_headcount_at_least_one"
            ),
            models.CheckConstraint(
                condition=Q(hired__lte=F("headcount")),
                name="demand_never_hires_beyond_headcount",
                violation_error_message=_("Every position of this demand is already filled."),
            ),
            models.CheckConstraint(
                condition=Q(salary_min__isnull=True)
                | Q(salary_max__isnull=True)
                | Q(salary_min__lte=F("salary_max")),
                name="demand_salary_range_ordered",
                violation_error_message=_("The salary range must run from low to high."),
            ),
            models.CheckConstraint(
                condition=Q(high_level=False) | Q(project__isnull=False),
                name="demand_high_level_under_a_project",
                violation_error_message=_("A high-level position hangs under a project."),
            ),
            models.CheckConstraint(
                condition=~Q(status=DemandStatus.FILLED) | Q(hired=F("headcount")),
                name="demand_filled_means_every_position_hired",
            ),
            models.CheckConstraint(
                condition=~Q(status=DemandStatus.OPEN) | Q(hired__lt=F("headcount")),
                name="demand_open_means_a_position_left",
            ),
            models.CheckConstraint(
                condition=Q(status__in=DemandStatus.values), name="demand_status_known"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def major_list(self) -> list[str]:
        return split_words(self.majors)

    @property
    def open_positions(self) -> int:
        return self.headcount - self.hired


class DemandSkill(models.Model):
    """A skill a demand asks for: from the skills list, or free text when the list lacks it."""

    demand = models.ForeignKey(
        Demand, on_delete=models.CASCADE, related_name="skills", verbose_name=_("demand")
    )
    skill = models.ForeignKey(
        Skill,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("skill"),
    )
    text = models.CharField(_("skill"), max_length=40)
    required = models.BooleanField(_("required"), default=False)

    class Meta:
        ordering = ["-required", "id"]
        verbose_name = _("demanded skill")
        verbose_name_plural = _("demanded skills")
        constraints = [
            models.UniqueConstraint(
                fields=["demand", "text"],
                name="demand_skill_once",
                violation_error_message=_("This skill is listed twice."),
            ),
            models.CheckConstraint(condition=~Q(text=""), name="demand_skill_named"),
        ]

    def __str__(self) -> str:
        return self.text


class CandidateProfile(TimeStamped):
    """What recruiting knows of a talent beyond the registry: whether they are open to offers,
    and with whose consent. A registry talent opens their own profile; an agency records the
    consent of a candidate it registers into its pool (Talent.status candidate, Talent.agency)."""

    talent = models.OneToOneField(
        "directory.Talent",
        on_delete=models.CASCADE,
        related_name="profile",
        verbose_name=_("talent"),
    )
    open_to_offers = models.BooleanField(_("open to offers"), default=False)
    summary = models.TextField(_("experience in brief"), blank=True)
    career_started = models.PositiveSmallIntegerField(
        _("working since (year)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1950), MaxValueValidator(2100)],
    )
    expected_salary = models.PositiveIntegerField(
        _("expected monthly salary (yuan)"), null=True, blank=True
    )
    locations = models.CharField(
        _("will work in"),
        max_length=120,
        blank=True,
        help_text=_("Separated by commas; empty means anywhere."),
    )
    consent_method = models.CharField(
        _("consent given by"), max_length=20, choices=ConsentMethod.choices, blank=True
    )
    consent_at = models.DateTimeField(_("consent recorded at"), null=True, blank=True)
    consent_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("consent recorded by"),
    )

    class Meta:
        verbose_name = _("candidate profile")
        verbose_name_plural = _("candidate profiles")
        constraints = [
            models.CheckConstraint(
                condition=Q(open_to_offers=False)
                | (Q(consent_at__isnull=False) & ~Q(consent_method="")),
                name="profile_open_only_with_consent",
                violation_error_message=_("A person is proposed to employers only with consent."),
            ),
            models.CheckConstraint(
                condition=Q(career_started__isnull=True)
                | (Q(career_started__gte=1950) & Q(career_started__lte=2100)),
                name="profile_career_start_plausible",
            ),
        ]

    def __str__(self) -> str:
        return str(self.talent)

    @property
    def location_list(self) -> list[str]:
        return split_words(self.locations)


class Referral(TimeStamped):
    """An agency (or the office) proposes one candidate for one demand; the enterprise screens,
    interviews, offers and hires; the candidate may decline at any live step."""

    demand = models.ForeignKey(
        Demand, on_delete=models.PROTECT, related_name="referrals", verbose_name=_("demand")
    )
    talent = models.ForeignKey(
        "directory.Talent",
        on_delete=models.PROTECT,
        related_name="referrals",
        verbose_name=_("candidate"),
    )
    agency = models.ForeignKey(
        "directory.Agency",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="referrals",
        verbose_name=_("agency"),
        help_text=_("Empty when the talent office referred the candidate."),
    )
    referred_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("referred by"),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=ReferralStatus.choices, default=ReferralStatus.REFERRED
    )
    note = models.TextField(_("why this candidate"), blank=True)
    score = models.DecimalField(_("match score"), max_digits=4, decimal_places=1, default=0)
    explanation = models.JSONField(
        _("match explanation"),
        default=dict,
        blank=True,
        help_text=_("The score's parts and the missed requirements when the referral was made."),
    )
    hired_on = models.DateField(_("hired on"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("referral")
        verbose_name_plural = _("referrals")
        indexes = [
            models.Index(fields=["agency", "status"]),
            models.Index(fields=["demand", "status"]),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["demand", "talent"],
                condition=Q(status__in=LIVE_REFERRAL_STATUSES) | Q(status=ReferralStatus.HIRED),
                name="referral_one_live_per_candidate_and_demand",
                violation_error_message=_("This candidate is already referred for this demand."),
            ),
            models.CheckConstraint(
                condition=Q(status=ReferralStatus.HIRED, hired_on__isnull=False)
                | (~Q(status=ReferralStatus.HIRED) & Q(hired_on__isnull=True)),
                name="referral_hired_has_a_date",
            ),
            models.CheckConstraint(
                condition=Q(status__in=ReferralStatus.values), name="referral_status_known"
            ),
            models.CheckConstraint(
                condition=Q(score__gte=0) & Q(score__lte=100), name="referral_score_in_range"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.talent} → {self.demand}"


class Interview(TimeStamped):
    """An interview of a referred candidate: when, where, and what came of it."""

    referral = models.ForeignKey(
        Referral, on_delete=models.CASCADE, related_name="interviews", verbose_name=_("referral")
    )
    starts_at = models.DateTimeField(_("starts at"))
    place = models.CharField(_("place"), max_length=120)
    interviewers = models.CharField(_("interviewers"), max_length=120, blank=True)
    outcome = models.CharField(
        _("outcome"),
        max_length=20,
        choices=InterviewOutcome.choices,
        default=InterviewOutcome.PENDING,
    )
    note = models.TextField(_("note"), blank=True)
    scheduled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("scheduled by"),
    )

    class Meta:
        ordering = ["starts_at", "id"]
        verbose_name = _("interview")
        verbose_name_plural = _("interviews")
        constraints = [
            models.CheckConstraint(
                condition=Q(outcome__in=InterviewOutcome.values), name="interview_outcome_known"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.referral} · {self.starts_at:%Y-%m-%d %H:%M}"


class ReferralEvent(AppendOnlyModel):
    """One step of a referral (append-only): from which status to which, who, when and why."""

    referral = models.ForeignKey(
        Referral, on_delete=models.PROTECT, related_name="events", verbose_name=_("referral")
    )
    from_status = models.CharField(
        _("from"), max_length=20, choices=ReferralStatus.choices, blank=True
    )
    to_status = models.CharField(_("to"), max_length=20, choices=ReferralStatus.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    reason = models.TextField(_("reason"), blank=True)
    at = models.DateTimeField(_("at"), auto_now_add=True)

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("referral step")
        verbose_name_plural = _("referral steps")
        constraints = [
            models.CheckConstraint(
                condition=~Q(
                    to_status__in=[
                        ReferralStatus.REJECTED,
                        ReferralStatus.DECLINED,
                        ReferralStatus.WITHDRAWN,
                    ]
                )
                | ~Q(reason=""),
                name="referral_event_ending_gives_a_reason",
                violation_error_message=_("Ending a referral needs a reason."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_to_status_display()} · {self.at:%Y-%m-%d %H:%M}"
