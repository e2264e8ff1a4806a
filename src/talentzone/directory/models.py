"""The registry: who and what the zone has. Constraints here are the database's half of the
invariants; `services.py` holds the other half and is the only writer."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from talentzone.core.crypto import blind_index
from talentzone.core.fields import BlindIndexField, EncryptedCharField
from talentzone.core.models import TimeStamped
from talentzone.core.validators import (
    compact_id_number,
    id_number_birth_date,
    id_number_is_male,
    validate_id_number,
    validate_mobile,
    validate_uscc,
)

from .choices import (
    CredentialKind,
    Education,
    Gender,
    ImportKind,
    ImportStatus,
    Industry,
    Level,
    PlatformKind,
    ProfessionalTitle,
    StationLevel,
    TalentStatus,
    VentureStage,
)


class Department(models.Model):
    """A department of the zone's administration (talent office, economic development, …)."""

    name = models.CharField(_("name"), max_length=60, unique=True)
    code = models.SlugField(_("code"), max_length=30, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("department")
        verbose_name_plural = _("departments")

    def __str__(self) -> str:
        return self.name


class Grid(models.Model):
    """A service grid: a part of the zone whose enterprises one grid team visits."""

    name = models.CharField(_("name"), max_length=60, unique=True)
    code = models.SlugField(_("code"), max_length=30, unique=True)
    area = models.CharField(_("area"), max_length=200, blank=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("grid")
        verbose_name_plural = _("grids")

    def __str__(self) -> str:
        return self.name


class GridTeam(models.Model):
    """The service team of a grid: one per grid, led by a department."""

    grid = models.OneToOneField(
        Grid, on_delete=models.PROTECT, related_name="team", verbose_name=_("grid")
    )
    name = models.CharField(_("name"), max_length=60, unique=True)
    department = models.ForeignKey(
        Department,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        verbose_name=_("lead department"),
    )
    leader_name = models.CharField(_("team leader"), max_length=30, blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True, validators=[validate_mobile])

    class Meta:
        ordering = ["grid__code"]
        verbose_name = _("grid team")
        verbose_name_plural = _("grid teams")

    def __str__(self) -> str:
        return self.name


class Station(models.Model):
    """A talent station (人才驿站), run at municipal or district level."""

    name = models.CharField(_("name"), max_length=80, unique=True)
    level = models.CharField(_("level"), max_length=20, choices=StationLevel.choices)
    address = models.CharField(_("address"), max_length=200, blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    beds = models.PositiveIntegerField(_("short-stay beds"), default=0)

    class Meta:
        ordering = ["level", "name"]
        verbose_name = _("talent station")
        verbose_name_plural = _("talent stations")
        constraints = [
            models.CheckConstraint(
                condition=Q(level__in=StationLevel.values), name="station_level_known"
            )
        ]

    def __str__(self) -> str:
        return self.name


class Agency(TimeStamped):
    """An HR service agency, tenant of the zone's HR service park."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    credit_code = models.CharField(
        _("unified social credit code"), max_length=18, unique=True, validators=[validate_uscc]
    )
    services = models.CharField(_("services"), max_length=200, blank=True)
    park_unit = models.CharField(_("unit in the HR service park"), max_length=30, blank=True)
    contact_name = models.CharField(_("contact"), max_length=30, blank=True)
    contact_phone = models.CharField(
        _("contact phone"), max_length=20, blank=True, validators=[validate_mobile]
    )
    moved_in_on = models.DateField(_("moved in on"), null=True, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("HR agency")
        verbose_name_plural = _("HR agencies")

    def __str__(self) -> str:
        return self.name


class Enterprise(TimeStamped):
    name = models.CharField(_("name"), max_length=100, unique=True)
    credit_code = models.CharField(
        _("unified social credit code"), max_length=18, unique=True, validators=[validate_uscc]
    )
    industry = models.CharField(_("industry"), max_length=30, choices=Industry.choices)
    above_scale = models.BooleanField(_("above designated size"), default=False)
    high_tech = models.BooleanField(_("high-tech enterprise"), default=False)
    rd_institution = models.BooleanField(_("R&D institution"), default=False)
    grid = models.ForeignKey(
        Grid, on_delete=models.PROTECT, related_name="enterprises", verbose_name=_("grid")
    )
    address = models.CharField(_("address"), max_length=200, blank=True)
    employees = models.PositiveIntegerField(_("employees"), default=0)
    founded_on = models.DateField(_("founded on"), null=True, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("enterprise")
        verbose_name_plural = _("enterprises")
        indexes = [models.Index(fields=["grid", "name"])]

    def __str__(self) -> str:
        return self.name


class TalentTier(models.Model):
    """A step of the zone's talent ladder. Rank 1 is the top; the ladder is data, not code."""

    code = models.SlugField(_("code"), max_length=30, unique=True)
    name = models.CharField(_("name"), max_length=40, unique=True)
    name_en = models.CharField(_("English name"), max_length=60, blank=True)
    rank = models.PositiveSmallIntegerField(_("rank"), unique=True)
    level = models.CharField(_("level"), max_length=20, choices=Level.choices)

    class Meta:
        ordering = ["rank"]
        verbose_name = _("talent tier")
        verbose_name_plural = _("talent tiers")

    def __str__(self) -> str:
        """The tier's name in the reader's language: tiers are data, so not in the catalogue."""
        if self.name_en and get_language() == "en":
            return self.name_en
        return self.name


# A talent's numbers that are encrypted at rest and masked wherever they are shown.
PERSONAL_NUMBERS = ("id_number", "phone")


class Talent(TimeStamped):
    name = models.CharField(_("full name"), max_length=30, db_index=True)
    gender = models.CharField(_("gender"), max_length=10, choices=Gender.choices)
    birth_date = models.DateField(_("birth date"))
    # Personal numbers are encrypted at rest (core.fields); the ID number is found and kept
    # unique through its blind index.
    id_number = EncryptedCharField(_("ID number"), max_length=18, validators=[validate_id_number])
    id_number_index = BlindIndexField(source="id_number", unique=True, null=True)
    phone = EncryptedCharField(_("mobile"), max_length=20, validators=[validate_mobile])
    education = models.CharField(_("education"), max_length=20, choices=Education.choices)
    major = models.CharField(_("major"), max_length=60, blank=True)
    title = models.CharField(
        _("professional title"),
        max_length=20,
        choices=ProfessionalTitle.choices,
        default=ProfessionalTitle.NONE,
    )
    employer = models.ForeignKey(
        Enterprise,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="talents",
        verbose_name=_("employer"),
    )
    industry = models.CharField(_("industry"), max_length=30, choices=Industry.choices)
    tier = models.ForeignKey(
        TalentTier,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="talents",
        verbose_name=_("tier"),
    )
    skills = models.CharField(
        _("skills"), max_length=300, blank=True, help_text=_("Separated by commas or 、")
    )
    arrival_date = models.DateField(_("arrived in the zone on"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=TalentStatus.choices, default=TalentStatus.IN_ZONE
    )
    # The day the talent left the zone: set by the services when the status becomes "left",
    # so the figures can count who was in the zone on any day of the past.
    left_on = models.DateField(_("left the zone on"), null=True, blank=True)
    agency = models.ForeignKey(
        Agency,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="candidates",
        verbose_name=_("agency"),
        help_text=_("The HR agency that holds this person as a candidate."),
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="talent",
        verbose_name=_("account"),
    )

    class Meta:
        ordering = ["-id"]
        verbose_name = _("talent")
        verbose_name_plural = _("talents")
        indexes = [
            models.Index(fields=["employer", "status"]),
            models.Index(fields=["agency", "status"]),
            models.Index(fields=["tier", "status"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=TalentStatus.values), name="talent_status_known"
            ),
            models.CheckConstraint(
                condition=Q(arrival_date__isnull=True) | Q(arrival_date__gt=models.F("birth_date")),
                name="talent_arrives_after_birth",
            ),
            models.CheckConstraint(
                condition=Q(status=TalentStatus.LEFT) | Q(left_on__isnull=True),
                name="talent_left_on_only_when_left",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        self.id_number = compact_id_number(self.id_number)
        errors = self._contradictions_with_id_number() if self._id_number_is_valid() else {}
        if self.arrival_date and self.birth_date and self.arrival_date <= self.birth_date:
            errors["arrival_date"] = _("The arrival date must be after the birth date.")
        if self.status == TalentStatus.CANDIDATE and not self.agency_id and not self.employer_id:
            errors["agency"] = _("A candidate is held by an agency.")
        if errors:
            raise ValidationError(errors)

    def _id_number_taken(self) -> bool:
        others = Talent.objects.exclude(pk=self.pk) if self.pk else Talent.objects.all()
        return others.filter(id_number_index=blind_index(self.id_number)).exists()

    def validate_unique(self, exclude=None):
        """The ID number is unique through its blind index; the error names the ID number.
        (Bulk importers skip this per row and check a whole file's numbers in one query.)"""
        exclude = {*(exclude or ()), "id_number_index"}
        errors = {}
        try:
            super().validate_unique(exclude=exclude)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        if "id_number" not in exclude and self.id_number and self._id_number_taken():
            errors.setdefault("id_number", []).append(_("This ID number is already registered."))
        if errors:
            raise ValidationError(errors)

    def _id_number_is_valid(self) -> bool:
        try:
            validate_id_number(self.id_number)
        except ValidationError:
            return False  # the field's own validator reports it; nothing else to compare with
        return True

    def _contradictions_with_id_number(self) -> dict:
        """The birth date and gender typed must be the ones the ID number encodes."""
        errors = {}
        birth = id_number_birth_date(self.id_number)
        if birth and self.birth_date and birth != self.birth_date:
            errors["birth_date"] = _("The ID number says this person was born on %(date)s.") % {
                "date": birth.isoformat()
            }
        if self.gender:
            expected = Gender.MALE if id_number_is_male(self.id_number) else Gender.FEMALE
            if self.gender != expected:
                errors["gender"] = _("The ID number says this person is %(gender)s.") % {
                    "gender": expected.label
                }
        return errors

    @property
    def skill_list(self) -> list[str]:
        return [s.strip() for s in self.skills.replace("、", ",").split(",") if s.strip()]


class Credential(TimeStamped):
    """Evidence about a talent: a programme selection, an award, a patent, a certificate."""

    talent = models.ForeignKey(
        Talent, on_delete=models.CASCADE, related_name="credentials", verbose_name=_("talent")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=CredentialKind.choices)
    level = models.CharField(_("level"), max_length=20, choices=Level.choices, blank=True)
    name = models.CharField(_("name"), max_length=120)
    issuer = models.CharField(_("issued by"), max_length=80, blank=True)
    number = models.CharField(_("number"), max_length=40, blank=True)
    awarded_on = models.DateField(_("awarded on"))

    class Meta:
        ordering = ["-awarded_on"]
        verbose_name = _("credential")
        verbose_name_plural = _("credentials")
        constraints = [
            models.UniqueConstraint(
                fields=["talent", "kind", "name", "awarded_on"], name="credential_once_per_talent"
            )
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.awarded_on and self.awarded_on > datetime.date.today():
            raise ValidationError(
                {"awarded_on": _("A credential cannot be awarded in the future.")}
            )


class Platform(TimeStamped):
    """An enterprise's research platform: postdoctoral or academician workstation, R&D centre…"""

    enterprise = models.ForeignKey(
        Enterprise, on_delete=models.CASCADE, related_name="platforms", verbose_name=_("enterprise")
    )
    kind = models.CharField(_("kind"), max_length=30, choices=PlatformKind.choices)
    level = models.CharField(_("level"), max_length=20, choices=Level.choices)
    name = models.CharField(_("name"), max_length=120)
    approved_on = models.DateField(_("approved on"))

    class Meta:
        ordering = ["-approved_on"]
        verbose_name = _("research platform")
        verbose_name_plural = _("research platforms")
        constraints = [
            models.UniqueConstraint(
                fields=["enterprise", "kind", "level"], name="platform_once_per_kind_and_level"
            )
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.approved_on and self.approved_on > datetime.date.today():
            raise ValidationError(
                {"approved_on": _("A platform cannot be approved in the future.")}
            )


class Venture(TimeStamped):
    """A start-up of the university student entrepreneurship park."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    field = models.CharField(_("field"), max_length=30, choices=Industry.choices)
    stage = models.CharField(
        _("stage"), max_length=20, choices=VentureStage.choices, default=VentureStage.INCUBATING
    )
    joined_on = models.DateField(_("joined the park on"))
    park_unit = models.CharField(_("unit in the park"), max_length=30, blank=True)
    summary = models.TextField(_("summary"), blank=True)

    class Meta:
        ordering = ["-joined_on", "name"]
        verbose_name = _("venture")
        verbose_name_plural = _("ventures")

    def __str__(self) -> str:
        return self.name


class Founder(models.Model):
    venture = models.ForeignKey(
        Venture, on_delete=models.CASCADE, related_name="founders", verbose_name=_("venture")
    )
    name = models.CharField(_("full name"), max_length=30)
    university = models.CharField(_("university"), max_length=60)
    graduation_year = models.PositiveSmallIntegerField(
        _("graduation year"), validators=[MinValueValidator(1980), MaxValueValidator(2100)]
    )
    is_lead = models.BooleanField(_("lead founder"), default=False)
    talent = models.ForeignKey(
        Talent, on_delete=models.SET_NULL, null=True, blank=True, verbose_name=_("talent record")
    )

    class Meta:
        ordering = ["-is_lead", "name"]
        verbose_name = _("founder")
        verbose_name_plural = _("founders")
        constraints = [
            models.UniqueConstraint(
                fields=["venture"], condition=Q(is_lead=True), name="founder_one_lead_per_venture"
            ),
            models.CheckConstraint(
                condition=Q(graduation_year__gte=1980) & Q(graduation_year__lte=2100),
                name="founder_graduation_year_plausible",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Membership(models.Model):
    """Ties a user to the one organisation they act for: this is what scopes their role."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("user"),
    )
    enterprise = models.ForeignKey(Enterprise, on_delete=models.CASCADE, null=True, blank=True)
    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, null=True, blank=True)
    station = models.ForeignKey(Station, on_delete=models.CASCADE, null=True, blank=True)
    grid = models.ForeignKey(Grid, on_delete=models.CASCADE, null=True, blank=True)
    department = models.ForeignKey(Department, on_delete=models.CASCADE, null=True, blank=True)

    ORGANISATIONS = ("enterprise", "agency", "station", "grid", "department")

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(
                        enterprise__isnull=False,
                        agency=None,
                        station=None,
                        grid=None,
                        department=None,
                    )
                    | Q(
                        enterprise=None,
                        agency__isnull=False,
                        station=None,
                        grid=None,
                        department=None,
                    )
                    | Q(
                        enterprise=None,
                        agency=None,
                        station__isnull=False,
                        grid=None,
                        department=None,
                    )
                    | Q(
                        enterprise=None,
                        agency=None,
                        station=None,
                        grid__isnull=False,
                        department=None,
                    )
                    | Q(
                        enterprise=None,
                        agency=None,
                        station=None,
                        grid=None,
                        department__isnull=False,
                    )
                ),
                name="membership_names_exactly_one_organisation",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} @ {self.organisation}"

    @property
    def organisation(self):
        return next(getattr(self, n) for n in self.ORGANISATIONS if getattr(self, f"{n}_id"))


class ImportJob(TimeStamped):
    """One Excel import: the uploaded workbook, how far its rows got, and the report.

    The job's row records each change of status in its own short transaction; the progress
    within a phase is kept in the cache (see `imports.jobs`), because the rows are written in
    one transaction that a progress update on the same connection could not see past.
    """

    kind = models.CharField(_("kind"), max_length=20, choices=ImportKind.choices)
    file = models.FileField(_("workbook"), upload_to="imports/", blank=True)
    file_name = models.CharField(_("file name"), max_length=255)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="import_jobs",
        verbose_name=_("imported by"),
    )
    language = models.CharField(_("language"), max_length=10, default=settings.LANGUAGE_CODE)
    update_existing = models.BooleanField(_("update existing records"), default=False)
    status = models.CharField(
        _("status"), max_length=20, choices=ImportStatus.choices, default=ImportStatus.QUEUED
    )
    total_rows = models.PositiveIntegerField(_("rows"), default=0)
    processed_rows = models.PositiveIntegerField(_("rows processed"), default=0)
    created_count = models.PositiveIntegerField(_("created"), default=0)
    updated_count = models.PositiveIntegerField(_("updated"), default=0)
    unchanged_count = models.PositiveIntegerField(_("unchanged"), default=0)
    errors = models.JSONField(_("errors"), default=list, blank=True)
    report_file = models.FileField(_("annotated workbook"), upload_to="imports/", blank=True)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("Excel import")
        verbose_name_plural = _("Excel imports")
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=ImportStatus.values), name="importjob_status_known"
            ),
            models.CheckConstraint(
                condition=Q(kind__in=ImportKind.values), name="importjob_kind_known"
            ),
        ]

    def __str__(self) -> str:
        return self.file_name
