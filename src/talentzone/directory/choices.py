"""Choices of the registry. Values are stable identifiers stored in the database."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Gender(models.TextChoices):
    MALE = "male", _("Male")
    FEMALE = "female", _("Female")


class Education(models.TextChoices):
    DOCTORATE = "doctorate", _("Doctorate")
    MASTER = "master", _("Master's degree")
    BACHELOR = "bachelor", _("Bachelor's degree")
    COLLEGE = "college", _("College diploma")
    VOCATIONAL = "vocational", _("Vocational school")
    OTHER = "other", _("Other")


class ProfessionalTitle(models.TextChoices):
    SENIOR_FULL = "senior_full", _("Senior (full)")
    SENIOR_ASSOCIATE = "senior_associate", _("Senior (associate)")
    INTERMEDIATE = "intermediate", _("Intermediate")
    JUNIOR = "junior", _("Junior")
    NONE = "none", _("None")


class Industry(models.TextChoices):
    LITHIUM_BATTERY = "lithium_battery", _("Lithium batteries")
    BATTERY_MATERIALS = "battery_materials", _("Battery materials")
    NEW_ENERGY_VEHICLES = "new_energy_vehicles", _("New-energy vehicles")
    ENERGY_STORAGE = "energy_storage", _("Energy storage")
    EQUIPMENT = "equipment", _("Equipment manufacturing")
    ELECTRONICS = "electronics", _("Electronics")
    STAINLESS_STEEL = "stainless_steel", _("Stainless steel and copper")
    LOGISTICS = "logistics", _("Logistics and services")
    OTHER = "other", _("Other")


class TalentStatus(models.TextChoices):
    IN_ZONE = "in_zone", _("In the zone")
    CANDIDATE = "candidate", _("Candidate")
    LEFT = "left", _("Left the zone")


class CredentialKind(models.TextChoices):
    PROGRAMME = "programme", _("Talent programme selection")
    AWARD = "award", _("Award")
    PATENT = "patent", _("Patent")
    CERTIFICATE = "certificate", _("Qualification certificate")


class Level(models.TextChoices):
    NATIONAL = "national", _("National")
    PROVINCIAL = "provincial", _("Provincial")
    MUNICIPAL = "municipal", _("Municipal")
    DISTRICT = "district", _("District")


class StationLevel(models.TextChoices):
    MUNICIPAL = "municipal", _("Municipal")
    DISTRICT = "district", _("District")


class PlatformKind(models.TextChoices):
    POSTDOCTORAL = "postdoctoral", _("Postdoctoral workstation")
    ACADEMICIAN = "academician", _("Academician workstation")
    RD_CENTRE = "rd_centre", _("R&D centre")
    TECHNOLOGY_CENTRE = "technology_centre", _("Enterprise technology centre")


class VentureStage(models.TextChoices):
    INCUBATING = "incubating", _("Incubating")
    STARTED = "started", _("Started up")
    GROWING = "growing", _("Growing")
    GRADUATED = "graduated", _("Graduated from the park")
    CLOSED = "closed", _("Closed")


class ImportKind(models.TextChoices):
    """What an Excel import brings in; the value is also the word the command takes."""

    TALENTS = "talents", _("Talents")
    ENTERPRISES = "enterprises", _("Enterprises")


class ImportStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    VALIDATING = "validating", _("Checking the rows")
    IMPORTING = "importing", _("Importing")
    DONE = "done", _("All rows imported")
    REJECTED = "rejected", _("Rejected: nothing imported")
    FAILED = "failed", _("Failed: nothing imported")
