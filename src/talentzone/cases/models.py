"""The case desk: problems of enterprises and talents, taken up at three levels (grid team,
department, joint consultation) within deadlines counted in working days; the grid teams' visits
to their enterprises and the leaders' visits to the experts they look after.

Constraints here are the database's half of the invariants; `services.py` is the only writer and
holds the other half. That a case is escalated from a level at most once — by hand or by the
scheduled task, however often it runs — is the unique constraint on `Escalation(case,
from_level)`; levels only go up.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from talentzone.core.models import AppendOnlyModel, TimeStamped

from .choices import CaseEventKind, CaseSource, CaseStatus, ConsultationStatus, Level

RATINGS = range(1, 6)


class Category(models.Model):
    """What a case is about (talent policy, housing, schooling, …): which department takes it up
    at level 2, and how many working days each level has (限时办结)."""

    code = models.SlugField(_("code"), max_length=30, unique=True)
    name = models.CharField(_("name"), max_length=40, unique=True)
    name_en = models.CharField(_("English name"), max_length=60, blank=True)
    department = models.ForeignKey(
        "directory.Department",
        on_delete=models.PROTECT,
        related_name="case_categories",
        verbose_name=_("department at level 2"),
    )
    grid_days = models.PositiveSmallIntegerField(_("working days at level 1"), default=5)
    department_days = models.PositiveSmallIntegerField(_("working days at level 2"), default=10)
    consultation_days = models.PositiveSmallIntegerField(_("working days at level 3"), default=15)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["position", "code"]
        verbose_name = _("case category")
        verbose_name_plural = _("case categories")
        constraints = [
            models.CheckConstraint(
                condition=Q(grid_days__gte=1, department_days__gte=1, consultation_days__gte=1),
                name="case_category_days_positive",
            )
        ]

    def __str__(self) -> str:
        """The category's name in the reader's language: categories are data, not catalogue."""
        if self.name_en and get_language() == "en":
            return self.name_en
        return self.name

    def days_at(self, level: int) -> int:
        return {
            Level.GRID: self.grid_days,
            Level.DEPARTMENT: self.department_days,
            Level.CONSULTATION: self.consultation_days,
        }[level]


class Case(TimeStamped):
    """A problem an enterprise or a talent has, from raising to the requester's confirmation."""

    number = models.CharField(_("number"), max_length=20, unique=True, null=True, blank=True)
    title = models.CharField(_("title"), max_length=120)
    description = models.TextField(_("description"))
    category = models.ForeignKey(
        Category, on_delete=models.PROTECT, related_name="cases", verbose_name=_("category")
    )
    source = models.CharField(_("source"), max_length=20, choices=CaseSource.choices)
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="raised_cases",
        verbose_name=_("raised by"),
    )
    enterprise = models.ForeignKey(
        "directory.Enterprise",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="cases",
        verbose_name=_("enterprise"),
    )
    talent = models.ForeignKey(
        "directory.Talent",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="cases",
        verbose_name=_("talent"),
    )
    # Routing: the grid team of the enterprise (or of the talent's employer) holds level 1.
    team = models.ForeignKey(
        "directory.GridTeam",
        on_delete=models.PROTECT,
        related_name="cases",
        verbose_name=_("grid team"),
    )
    # The department of level 2: the category's, unless changed; set when the case reaches it.
    department = models.ForeignKey(
        "directory.Department",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="cases",
        verbose_name=_("department"),
    )
    level = models.PositiveSmallIntegerField(_("level"), choices=Level.choices, default=Level.GRID)
    status = models.CharField(
        _("status"), max_length=10, choices=CaseStatus.choices, default=CaseStatus.OPEN
    )
    opened_on = models.DateField(_("opened on"))
    level_since = models.DateField(_("at this level since"))
    due_on = models.DateField(_("due on"), help_text=_("The deadline of the current level"))
    overdue_flagged_on = models.DateField(_("reported overdue on"), null=True, blank=True)
    visit = models.ForeignKey(
        "Visit",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="cases",
        verbose_name=_("grid visit"),
    )
    liaison_visit = models.ForeignKey(
        "LiaisonVisit",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="cases",
        verbose_name=_("leader's visit"),
    )
    resolution = models.TextField(_("what was done"), blank=True)
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("resolved by"),
    )
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    rating = models.PositiveSmallIntegerField(_("rating"), null=True, blank=True)
    rating_comment = models.TextField(_("comment on the service"), blank=True)
    reopen_count = models.PositiveSmallIntegerField(_("times reopened"), default=0)

    class Meta:
        ordering = ["-opened_on", "-id"]
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        indexes = [
            models.Index(fields=["team", "status"]),
            models.Index(fields=["department", "status"]),
            models.Index(fields=["status", "due_on"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(enterprise__isnull=False) | Q(talent__isnull=False),
                name="case_concerns_someone",
            ),
            models.CheckConstraint(condition=Q(level__in=Level.values), name="case_level_known"),
            models.CheckConstraint(
                condition=Q(status__in=CaseStatus.values), name="case_status_known"
            ),
            models.CheckConstraint(
                condition=Q(source__in=CaseSource.values), name="case_source_known"
            ),
            models.CheckConstraint(
                condition=Q(level=Level.GRID) | Q(department__isnull=False),
                name="case_department_above_level_1",
            ),
            models.CheckConstraint(
                condition=Q(status=CaseStatus.OPEN)
                | (~Q(resolution="") & Q(resolved_at__isnull=False)),
                name="case_resolution_described",
            ),
            models.CheckConstraint(
                condition=~Q(status=CaseStatus.CLOSED) | Q(closed_at__isnull=False),
                name="case_closed_dated",
            ),
            models.CheckConstraint(
                condition=Q(rating__isnull=True) | Q(rating__gte=1, rating__lte=5),
                name="case_rating_1_to_5",
            ),
            models.CheckConstraint(
                condition=Q(rating__isnull=True) | Q(status=CaseStatus.CLOSED),
                name="case_rated_when_closed",
            ),
            models.CheckConstraint(
                condition=Q(due_on__gte=models.F("level_since")),
                name="case_due_after_level_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number or '—'} {self.title}"

    @property
    def is_overdue(self) -> bool:
        return self.status == CaseStatus.OPEN and self.due_on < timezone.localdate()


def attachment_path(attachment, filename: str) -> str:
    return f"cases/{attachment.case_id}/{filename}"


class CaseAttachment(models.Model):
    case = models.ForeignKey(
        Case, on_delete=models.PROTECT, related_name="attachments", verbose_name=_("case")
    )
    file = models.FileField(_("file"), upload_to=attachment_path)
    file_name = models.CharField(_("file name"), max_length=255)
    size = models.PositiveIntegerField(_("size (bytes)"), default=0)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        ordering = ["case", "id"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self) -> str:
        return self.file_name


class CaseEvent(AppendOnlyModel):
    """One line of a case's timeline (append-only): who did what, at which level, and why.
    `actor` is empty for what the scheduled task did."""

    case = models.ForeignKey(
        Case, on_delete=models.PROTECT, related_name="events", verbose_name=_("case")
    )
    kind = models.CharField(_("what happened"), max_length=30, choices=CaseEventKind.choices)
    level = models.PositiveSmallIntegerField(_("level"), choices=Level.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    note = models.TextField(_("note"), blank=True)
    at = models.DateTimeField(_("at"), default=timezone.now, db_index=True)

    class Meta:
        ordering = ["case", "at", "id"]
        verbose_name = _("case event")
        verbose_name_plural = _("case events")
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=CaseEventKind.values), name="case_event_kind_known"
            )
        ]


class Escalation(AppendOnlyModel):
    """A case moved up one level, by hand (with the reason) or by the scheduled task when the
    level's deadline passed. At most one per case and level it left: the database's guarantee
    that a deadline never escalates a case twice."""

    case = models.ForeignKey(
        Case, on_delete=models.PROTECT, related_name="escalations", verbose_name=_("case")
    )
    from_level = models.PositiveSmallIntegerField(_("from level"), choices=Level.choices)
    to_level = models.PositiveSmallIntegerField(_("to level"), choices=Level.choices)
    reason = models.TextField(_("reason"))
    automatic = models.BooleanField(_("automatic"), default=False)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    at = models.DateTimeField(_("at"), default=timezone.now)

    class Meta:
        ordering = ["case", "from_level"]
        verbose_name = _("escalation")
        verbose_name_plural = _("escalations")
        constraints = [
            models.UniqueConstraint(
                fields=["case", "from_level"], name="case_escalated_once_per_level"
            ),
            models.CheckConstraint(
                condition=Q(to_level=models.F("from_level") + 1), name="escalation_one_level_up"
            ),
            models.CheckConstraint(
                condition=Q(automatic=True) | Q(by__isnull=False),
                name="escalation_by_hand_has_actor",
            ),
        ]


class Consultation(TimeStamped):
    """The joint consultation of level 3 (三级会商): a meeting of the committee's leaders and the
    invited departments about one case, its minutes and decision, and a task per owner."""

    case = models.ForeignKey(
        Case, on_delete=models.PROTECT, related_name="consultations", verbose_name=_("case")
    )
    scheduled_at = models.DateTimeField(_("meeting at"))
    place = models.CharField(_("place"), max_length=120)
    chair = models.CharField(_("chaired by"), max_length=60, blank=True)
    departments = models.ManyToManyField(
        "directory.Department", related_name="consultations", verbose_name=_("invited departments")
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=ConsultationStatus.choices,
        default=ConsultationStatus.SCHEDULED,
    )
    minutes = models.TextField(_("minutes"), blank=True)
    decision = models.TextField(_("decision"), blank=True)
    held_at = models.DateTimeField(_("held at"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["case", "scheduled_at"]
        verbose_name = _("consultation")
        verbose_name_plural = _("consultations")
        constraints = [
            models.UniqueConstraint(
                fields=["case"],
                condition=Q(status=ConsultationStatus.SCHEDULED),
                name="consultation_one_scheduled_per_case",
            ),
            models.CheckConstraint(
                condition=Q(status=ConsultationStatus.SCHEDULED)
                | (~Q(minutes="") & ~Q(decision="") & Q(held_at__isnull=False)),
                name="consultation_held_has_minutes",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.case} @ {self.scheduled_at:%Y-%m-%d %H:%M}"


class ConsultationTask(models.Model):
    """What the consultation decided one department does, by when."""

    consultation = models.ForeignKey(
        Consultation, on_delete=models.CASCADE, related_name="tasks", verbose_name=_("consultation")
    )
    department = models.ForeignKey(
        "directory.Department",
        on_delete=models.PROTECT,
        related_name="consultation_tasks",
        verbose_name=_("owner"),
    )
    description = models.TextField(_("task"))
    due_on = models.DateField(_("due on"))
    done_at = models.DateTimeField(_("done at"), null=True, blank=True)
    done_note = models.TextField(_("what was done"), blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("done by"),
    )

    class Meta:
        ordering = ["consultation", "due_on", "id"]
        verbose_name = _("consultation task")
        verbose_name_plural = _("consultation tasks")
        constraints = [
            models.CheckConstraint(
                condition=Q(done_at__isnull=True) | ~Q(done_note=""),
                name="consultation_task_done_described",
            )
        ]

    def __str__(self) -> str:
        return self.description[:40]


class VisitPlan(models.Model):
    """How often a grid team visits each enterprise of its grid (at least every N days)."""

    team = models.OneToOneField(
        "directory.GridTeam",
        on_delete=models.CASCADE,
        related_name="visit_plan",
        verbose_name=_("grid team"),
    )
    interval_days = models.PositiveSmallIntegerField(_("visit every (days)"), default=90)
    due_soon_days = models.PositiveSmallIntegerField(
        _("list as due this many days ahead"), default=14
    )

    class Meta:
        verbose_name = _("visit plan")
        verbose_name_plural = _("visit plans")
        constraints = [
            models.CheckConstraint(
                condition=Q(interval_days__gte=1), name="visit_plan_interval_positive"
            )
        ]

    def __str__(self) -> str:
        return f"{self.team}: {self.interval_days}"


class Visit(TimeStamped):
    """A grid team's visit to one enterprise: who went, whom they met, what they heard."""

    team = models.ForeignKey(
        "directory.GridTeam",
        on_delete=models.PROTECT,
        related_name="visits",
        verbose_name=_("grid team"),
    )
    enterprise = models.ForeignKey(
        "directory.Enterprise",
        on_delete=models.PROTECT,
        related_name="visits",
        verbose_name=_("enterprise"),
    )
    visited_on = models.DateField(_("visited on"))
    visitors = models.CharField(_("who went"), max_length=200)
    met = models.CharField(_("whom they met"), max_length=200)
    notes = models.TextField(_("what they heard"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("recorded by"),
    )

    class Meta:
        ordering = ["-visited_on", "-id"]
        verbose_name = _("grid visit")
        verbose_name_plural = _("grid visits")
        indexes = [models.Index(fields=["enterprise", "visited_on"])]

    def __str__(self) -> str:
        return f"{self.enterprise} {self.visited_on:%Y-%m-%d}"


class Liaison(TimeStamped):
    """A leader who looks after an expert or high-level talent (领导联系专家): visits every N days
    and takes up what the expert needs."""

    leader = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="liaisons",
        verbose_name=_("leader"),
    )
    expert = models.ForeignKey(
        "directory.Talent",
        on_delete=models.PROTECT,
        related_name="liaisons",
        verbose_name=_("expert"),
    )
    interval_days = models.PositiveSmallIntegerField(_("visit every (days)"), default=90)
    since = models.DateField(_("since"))
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["leader", "expert__name"]
        verbose_name = _("liaison")
        verbose_name_plural = _("liaisons")
        constraints = [
            models.UniqueConstraint(
                fields=["expert"], condition=Q(active=True), name="liaison_one_leader_per_expert"
            ),
            models.CheckConstraint(
                condition=Q(interval_days__gte=1), name="liaison_interval_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.leader} ↔ {self.expert}"


class LiaisonVisit(TimeStamped):
    """A leader's visit to their expert."""

    liaison = models.ForeignKey(
        Liaison, on_delete=models.PROTECT, related_name="visits", verbose_name=_("liaison")
    )
    visited_on = models.DateField(_("visited on"))
    notes = models.TextField(_("what they talked about"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("recorded by"),
    )

    class Meta:
        ordering = ["-visited_on", "-id"]
        verbose_name = _("leader's visit")
        verbose_name_plural = _("leader's visits")

    def __str__(self) -> str:
        return f"{self.liaison} {self.visited_on:%Y-%m-%d}"
