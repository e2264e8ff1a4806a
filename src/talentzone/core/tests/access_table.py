"""Who may open what: one declaration per URL name of the site, read by `test_authorization.py`.

Every page and API endpoint the URL conf names has an entry here, and the test fails when one
has none (a new endpoint must say who may open it) or when an entry names no URL any more.

An entry says which roles may open the URL (`may`) and, when the URL carries an object id, what
kind of object it is (`kind`). For each kind, `KINDS` says how to find, in the demo world, an
object a role *owns* (in its scope: its enterprise's talent, its own application, the case it
raised, …) and an *other* object that none of the demo accounts owns. A role listed in `may`
opens its own object; on the other object it is refused (403, or 404 as if it did not exist)
unless it is also listed in `anywhere` (the office, and readers who see everything). Anonymous
visitors are sent to the login page (pages) or refused with 401/403 (API), except where
`anonymous=True`.

`method` is how the URL is exercised: actions that accept only POST are posted with empty data
(or `data`, where the form is checked before the permission), so an allowed role gets its form
back (200/400/302/409) and a refused one 403/404.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.db.models import Q

from talentzone.core.choices import Role

OFFICE, REVIEWER, GRID, LEADER, HR, AGENCY, STATION, TALENT, EXPERT = (
    Role.OFFICE_ADMIN.value,
    Role.REVIEWER.value,
    Role.GRID_OFFICER.value,
    Role.LEADER.value,
    Role.ENTERPRISE_HR.value,
    Role.AGENCY_STAFF.value,
    Role.STATION_STAFF.value,
    Role.TALENT.value,
    Role.EXPERT.value,
)
ROLES = (OFFICE, REVIEWER, GRID, LEADER, HR, AGENCY, STATION, TALENT, EXPERT)

# Namespaces left out of the table, with the reason.
EXCLUDED_NAMESPACES = {
    # Django's admin: 180 generated URLs behind one gate (`is_staff`), checked as a whole by
    # `test_the_admin_lets_in_staff_only`; what staff may do inside is Django's model permissions.
    "admin": "the admin site is one staff-only gate, checked on its index",
}


@dataclass(frozen=True)
class Kind:
    """A kind of object a URL carries. `links[role]` are lookups that tie an object to the role's
    anchor (its enterprise, agency, station, grid, department, talent record; `user:` lookups
    compare with the account itself). Kinds without links are shared reference data: any row."""

    model: str  # "app_label.Model"
    links: dict[str, tuple[str, ...]] = field(default_factory=dict)
    value: str = "pk"  # the attribute that goes into the URL
    base: Callable[[], Q] = lambda: Q()  # rows the kind is drawn from


def _for_everyone(*lookups: str) -> dict[str, tuple[str, ...]]:
    return dict.fromkeys(ROLES, lookups)


def _prefixed(prefix: str, links: dict[str, tuple[str, ...]]) -> dict[str, tuple[str, ...]]:
    def prefix_one(lookup: str) -> str:
        if lookup.startswith("user:"):
            return f"user:{prefix}__{lookup[5:]}"
        return f"{prefix}__{lookup}"

    return {
        role: tuple(prefix_one(lookup) for lookup in lookups) for role, lookups in links.items()
    }


TALENT_LINKS = {
    HR: ("employer",),
    GRID: ("employer__grid",),
    AGENCY: ("agency",),
    TALENT: ("pk",),
}
APPLICANT_LINKS = {
    HR: ("enterprise", "talent__employer"),
    GRID: ("enterprise__grid", "talent__employer__grid"),
    AGENCY: ("agency", "talent__agency"),
    TALENT: ("talent",),
}
APPLICATION_LINKS = {**APPLICANT_LINKS, REVIEWER: ("stage__department",)}
REFERRAL_LINKS = {
    HR: ("demand__enterprise",),
    GRID: ("demand__enterprise__grid",),
    AGENCY: ("agency",),
    TALENT: ("talent",),
}
CASE_LINKS = {
    HR: ("enterprise", "user:raised_by"),
    GRID: ("team__grid", "enterprise__grid"),
    TALENT: ("talent", "user:raised_by"),
    REVIEWER: ("department",),
    OFFICE: ("department",),
    LEADER: ("user:raised_by",),
}
NOMINATION_LINKS = {
    HR: ("enterprise", "user:nominated_by"),
    GRID: ("enterprise__grid",),
    TALENT: ("talent",),
}
REGISTRATION_LINKS = {
    **_for_everyone("user:user"),
    TALENT: ("talent",),
    STATION: ("event__station",),
}

KINDS: dict[str, Kind] = {
    # core
    "notification": Kind("core.Notification", _for_everyone("user:recipient")),
    # directory
    "talent": Kind("directory.Talent", TALENT_LINKS),
    "enterprise": Kind("directory.Enterprise", {HR: ("pk",), GRID: ("grid",)}),
    "credential": Kind("directory.Credential", _prefixed("talent", TALENT_LINKS)),
    "platform": Kind("directory.Platform", {HR: ("enterprise",), GRID: ("enterprise__grid",)}),
    "venture": Kind("directory.Venture", {TALENT: ("founders__talent",)}),
    "agency": Kind("directory.Agency"),
    "station": Kind("directory.Station"),
    "grid": Kind("directory.Grid"),
    "gridteam": Kind("directory.GridTeam"),
    "department": Kind("directory.Department"),
    "talenttier": Kind("directory.TalentTier"),
    "importjob": Kind("directory.ImportJob", _for_everyone("user:owner")),
    # policies
    "policy": Kind("policies.Policy"),
    "budgetline": Kind("policies.BudgetLine"),
    "application": Kind("policies.Application", APPLICATION_LINKS),
    "application_attachment": Kind(
        "policies.Attachment", _prefixed("application", APPLICATION_LINKS)
    ),
    "application_objection": Kind(
        "policies.Objection", _prefixed("application", APPLICATION_LINKS)
    ),
    "policy_offer": Kind("policies.Offer", APPLICANT_LINKS),
    # recruiting
    "demand": Kind("recruiting.Demand", {HR: ("enterprise",), GRID: ("enterprise__grid",)}),
    # an enterprise's own posting, which its HR manages (the office posts the high-level ones)
    "ordinary_demand": Kind(
        "recruiting.Demand",
        {HR: ("enterprise",), GRID: ("enterprise__grid",)},
        base=lambda: Q(high_level=False),
    ),
    "candidate": Kind(
        "recruiting.CandidateProfile", _prefixed("talent", TALENT_LINKS), value="talent_id"
    ),
    "referral": Kind("recruiting.Referral", REFERRAL_LINKS),
    "interview": Kind("recruiting.Interview", _prefixed("referral", REFERRAL_LINKS)),
    "project": Kind("recruiting.Project", {HR: ("enterprise",), GRID: ("enterprise__grid",)}),
    "skill": Kind("recruiting.Skill"),
    # venues
    "venue": Kind("venues.Venue"),
    "closure": Kind("venues.VenueClosure"),
    "booking": Kind(
        "venues.Booking",
        {
            **_for_everyone("user:booked_by"),
            HR: ("enterprise", "user:booked_by"),
            AGENCY: ("agency", "user:booked_by"),
            STATION: ("station", "user:booked_by"),
        },
    ),
    # events
    "event": Kind("events.Event", {STATION: ("station",)}),
    "registration": Kind("events.Registration", REGISTRATION_LINKS),
    "certificate": Kind("events.Certificate", _prefixed("registration", REGISTRATION_LINKS)),
    # cases
    "category": Kind("cases.Category"),
    "case": Kind("cases.Case", CASE_LINKS),
    # the desk's actions need a case in the state they act on
    "open_case": Kind("cases.Case", CASE_LINKS, base=lambda: Q(status="open")),
    "resolved_case": Kind("cases.Case", CASE_LINKS, base=lambda: Q(status="resolved")),
    "case_attachment": Kind("cases.CaseAttachment", _prefixed("case", CASE_LINKS)),
    "consultation": Kind("cases.Consultation", _prefixed("case", CASE_LINKS)),
    "task": Kind(
        "cases.ConsultationTask",
        {
            **_prefixed("consultation__case", CASE_LINKS),
            REVIEWER: ("department", "consultation__case__department"),
        },
    ),
    "visit": Kind("cases.Visit", {GRID: ("team__grid",), HR: ("enterprise",)}),
    "visitplan": Kind("cases.VisitPlan", {GRID: ("team__grid",)}, value="team_id"),
    "liaison": Kind("cases.Liaison", {LEADER: ("user:leader",), TALENT: ("expert",)}),
    # housing
    "community": Kind("housing.Community"),
    "apartment": Kind("housing.Apartment"),
    "scheme": Kind("housing.Scheme"),
    "housing_round": Kind("housing.Round"),
    "housing_offer": Kind("housing.Offer", {TALENT: ("entry__talent",)}),
    "lease": Kind("housing.Lease", {TALENT: ("talent",)}),
    "housing_request": Kind("housing.HousingRequest", {TALENT: ("application__talent",)}),
    "schooling_request": Kind("housing.SchoolingRequest", {TALENT: ("application__talent",)}),
    # awards
    "award_round": Kind("awards.Round"),
    "expert": Kind("awards.Expert", {EXPERT: ("user:user",)}),
    "nomination": Kind("awards.Nomination", NOMINATION_LINKS),
    "nomination_attachment": Kind(
        "awards.NominationAttachment", _prefixed("nomination", NOMINATION_LINKS)
    ),
    "assignment": Kind("awards.Assignment", {EXPERT: ("user:expert__user",)}),
    "ranking_entry": Kind("awards.RankingEntry", _prefixed("nomination", NOMINATION_LINKS)),
    "award_objection": Kind(
        "awards.Objection",
        {**_prefixed("entry__nomination", NOMINATION_LINKS), **_for_everyone("user:lodged_by")},
    ),
    # insights
    "report": Kind("insights.Report", _for_everyone("user:requested_by")),
    "audit_record": Kind("core.AuditRecord"),
}


@dataclass(frozen=True)
class Access:
    may: frozenset[str]  # roles that open the URL (on their own object, when it carries one)
    kind: str | None = None  # the kind of object in the URL (a key of KINDS)
    anywhere: frozenset[str] = frozenset()  # roles that open other roles' objects too
    method: str = "GET"
    anonymous: bool = False  # opens without signing in
    arg: str | None = None  # the URL argument the object goes into (default: the first free)
    extra: Callable | None = None  # (world, object) → the URL's other arguments
    # What a POST sends. Empty by default; actions that check their form before the permission
    # (a 400 for everyone) send a valid one, so that refused roles meet the permission (403).
    data: dict = field(default_factory=dict)


ALL = frozenset(ROLES)
NONE = frozenset()


def A(may, kind: str | None = None, anywhere=NONE, **options) -> Access:  # noqa: N802
    return Access(frozenset(may), kind, frozenset(anywhere), **options)


# URLs with arguments besides the object: what goes into them.
def figure_key(world, value) -> dict:
    from talentzone.core.figures import all_figures

    return {"key": all_figures()[0].key}


def feed_token(world, venue_pk) -> dict:
    from talentzone.venues.models import Venue

    return {"token": Venue.objects.get(pk=venue_pk).feed_token}


def closure_venue(world, closure_pk) -> dict:
    from talentzone.venues.models import VenueClosure

    return {"pk": VenueClosure.objects.get(pk=closure_pk).venue_id}


def open_action(world, round_pk) -> dict:
    return {"action": "open"}


def a_candidate(world, demand_pk) -> dict:
    from talentzone.recruiting.models import CandidateProfile

    first = CandidateProfile.objects.order_by("pk").values_list("talent_id", flat=True).first()
    return {"talent": first}


# fmt: off
ENTRIES: dict[str, Access] = {
    "api-token": A(ALL, method="POST", anonymous=True),
    "audit-list": A({OFFICE}),
    "audit-verify": A({OFFICE}, method="POST"),
    "awards-api:api-root": A(ALL),
    "awards-api:assignment-detail": A({EXPERT}, "assignment"),
    "awards-api:assignment-list": A(ALL),
    "awards-api:assignment-score": A({EXPERT}, "assignment", method="POST"),
    "awards-api:entry-detail": A(ALL, "ranking_entry", anywhere=ALL),
    "awards-api:entry-list": A(ALL),
    "awards-api:entry-outcome": A({OFFICE}, "ranking_entry", anywhere={OFFICE}, method="POST"),
    "awards-api:expert-detail": A({OFFICE}, "expert", anywhere={OFFICE}),
    "awards-api:expert-list": A({OFFICE}),
    "awards-api:nomination-attach": A({OFFICE, HR}, "nomination", anywhere={OFFICE}, method="POST"),
    "awards-api:nomination-check": A(ALL),
    "awards-api:nomination-detail": A(
        {OFFICE, LEADER, HR, TALENT},
        "nomination",
        anywhere={OFFICE, LEADER},
    ),
    "awards-api:nomination-list": A(ALL),
    "awards-api:nomination-screen": A({OFFICE}, "nomination", anywhere={OFFICE}, method="POST"),
    "awards-api:nomination-withdraw": A(
        {OFFICE, HR},
        "nomination",
        anywhere={OFFICE},
        method="POST",
    ),
    "awards-api:objection-detail": A({OFFICE}, "award_objection", anywhere={OFFICE}),
    "awards-api:objection-list": A(ALL),
    "awards-api:objection-resolve": A(
        {OFFICE},
        "award_objection",
        anywhere={OFFICE},
        method="POST",
    ),
    "awards-api:round-announce": A({OFFICE}, "award_round", method="POST"),
    "awards-api:round-close": A({OFFICE}, "award_round", method="POST"),
    "awards-api:round-detail": A(ALL, "award_round"),
    "awards-api:round-draw-panel": A({OFFICE}, "award_round", method="POST"),
    "awards-api:round-list": A(ALL),
    "awards-api:round-notice": A(ALL, "award_round"),
    "awards-api:round-open": A({OFFICE}, "award_round", method="POST"),
    "awards-api:round-progress": A({OFFICE}, "award_round"),
    "awards-api:round-rank": A({OFFICE}, "award_round", method="POST"),
    "awards-api:round-ranking": A({OFFICE, LEADER}, "award_round"),
    "awards-api:round-start-scoring": A({OFFICE}, "award_round", method="POST"),
    "awards:attachment": A(
        {OFFICE, LEADER, HR, TALENT},
        "nomination_attachment",
        anywhere={OFFICE, LEADER},
    ),
    "awards:my-nominations": A(ALL),
    "awards:nominate": A({HR}, "award_round"),
    "awards:nomination": A({OFFICE, LEADER, HR, TALENT}, "nomination", anywhere={OFFICE, LEADER}),
    "awards:nomination-screen": A({OFFICE}, "nomination", anywhere={OFFICE}, method="POST"),
    "awards:nominations": A({OFFICE, LEADER}, "award_round"),
    "awards:notice": A(ALL, "award_round"),
    "awards:notices": A(ALL),
    "awards:objection-resolve": A({OFFICE}, "award_objection", anywhere={OFFICE}, method="POST"),
    "awards:outcome": A({OFFICE}, "ranking_entry", anywhere={OFFICE}, method="POST"),
    "awards:panel": A({OFFICE}, "award_round"),
    "awards:ranking": A({OFFICE, LEADER}, "award_round"),
    "awards:ranking-export": A({OFFICE, LEADER}, "award_round"),
    "awards:round": A(ALL, "award_round"),
    "awards:round-action": A({OFFICE}, "award_round", method="POST", extra=open_action),
    "awards:round-edit": A({OFFICE}, "award_round"),
    "awards:round-new": A({OFFICE}),
    "awards:rounds": A(ALL),
    "awards:score": A({EXPERT}, "assignment"),
    "awards:scoring": A({EXPERT}),
    "cases-api:api-root": A(ALL),
    "cases-api:case-attach": A(
        {OFFICE, REVIEWER, GRID, LEADER, HR, TALENT},
        "open_case",
        anywhere={OFFICE, LEADER},
        method="POST",
    ),
    "cases-api:case-comment": A(
        {OFFICE, REVIEWER, GRID, LEADER, HR, TALENT},
        "open_case",
        anywhere={OFFICE, LEADER},
        method="POST",
    ),
    "cases-api:case-confirm": A({HR, TALENT}, "resolved_case", method="POST"),
    "cases-api:case-department": A(NONE, "case", method="POST"),
    "cases-api:case-detail": A(
        {OFFICE, REVIEWER, GRID, LEADER, HR, TALENT},
        "case",
        anywhere={OFFICE, LEADER},
    ),
    "cases-api:case-escalate": A(NONE, "case", method="POST"),
    "cases-api:case-list": A(ALL),
    "cases-api:case-reopen": A({HR, TALENT}, "resolved_case", method="POST"),
    "cases-api:case-resolve": A({OFFICE}, "open_case", anywhere={OFFICE}, method="POST"),
    "cases-api:case-timeline": A(
        {OFFICE, REVIEWER, GRID, LEADER, HR, TALENT},
        "case",
        anywhere={OFFICE, LEADER},
    ),
    "cases-api:category-detail": A(ALL, "category"),
    "cases-api:category-list": A(ALL),
    "cases-api:consultation-detail": A(
        {OFFICE, REVIEWER, GRID, LEADER, HR},
        "consultation",
        anywhere={OFFICE, REVIEWER, LEADER},
    ),
    "cases-api:consultation-list": A(ALL),
    "cases-api:consultation-record": A(NONE, "consultation", method="POST"),
    "cases-api:grid-overview-list": A({OFFICE, REVIEWER, GRID, LEADER}),
    "cases-api:liaison-detail": A({LEADER}, "liaison"),
    "cases-api:liaison-end": A(NONE, "liaison", method="POST"),
    "cases-api:liaison-list": A({OFFICE, LEADER}),
    "cases-api:liaison-schedule": A({OFFICE, LEADER}),
    "cases-api:liaison-visits": A({LEADER}, "liaison", method="POST"),
    "cases-api:task-detail": A(
        {OFFICE, REVIEWER, GRID, LEADER, HR},
        "task",
        anywhere={OFFICE, REVIEWER, LEADER},
    ),
    "cases-api:task-done": A({OFFICE, REVIEWER}, "task", anywhere={OFFICE}, method="POST"),
    "cases-api:task-list": A(ALL),
    "cases-api:visit-detail": A({OFFICE, GRID, LEADER}, "visit", anywhere={OFFICE, LEADER}),
    "cases-api:visit-due": A({OFFICE, GRID, LEADER}),
    "cases-api:visit-list": A({OFFICE, GRID, LEADER}),
    "cases-api:visit-plan-detail": A({OFFICE}, "visitplan", anywhere={OFFICE}, method="PATCH"),
    "cases-api:visit-plan-list": A({OFFICE, GRID, LEADER}),
    "cases:attach": A(
        {OFFICE, REVIEWER, GRID, LEADER, HR, TALENT},
        "open_case",
        anywhere={OFFICE, LEADER},
        method="POST",
    ),
    "cases:attachment": A(NONE, "case_attachment"),
    "cases:comment": A(
        {OFFICE, REVIEWER, GRID, LEADER, HR, TALENT},
        "open_case",
        anywhere={OFFICE, LEADER},
        method="POST",
    ),
    "cases:confirm": A({HR, TALENT}, "resolved_case", method="POST"),
    "cases:consultation": A(
        {OFFICE, REVIEWER, GRID, LEADER, HR, TALENT},
        "case",
        anywhere={OFFICE, LEADER},
    ),
    "cases:department": A(NONE, "case", method="POST"),
    "cases:detail": A(
        {OFFICE, REVIEWER, GRID, LEADER, HR, TALENT},
        "case",
        anywhere={OFFICE, LEADER},
    ),
    "cases:escalate": A(NONE, "case", method="POST"),
    "cases:grids": A({OFFICE, REVIEWER, GRID, LEADER}),
    "cases:liaison": A({OFFICE, LEADER}),
    "cases:liaison_end": A(NONE, "liaison", method="POST"),
    "cases:liaison_new": A({OFFICE}, method="POST"),
    "cases:liaison_visit_new": A({LEADER}, "liaison"),
    "cases:mine": A({HR, TALENT}),
    "cases:queue": A({OFFICE, REVIEWER, GRID, LEADER}),
    "cases:raise": A({OFFICE, GRID, HR, TALENT}),
    "cases:reopen": A({HR, TALENT}, "resolved_case", method="POST"),
    "cases:resolve": A({OFFICE}, "open_case", anywhere={OFFICE}, method="POST"),
    "cases:task_done": A({OFFICE, REVIEWER}, "task", anywhere={OFFICE}, method="POST"),
    "cases:visit_new": A({OFFICE, GRID}),
    "cases:visit_plan": A({OFFICE}, "visitplan", anywhere={OFFICE}, method="POST"),
    "cases:visits": A({OFFICE, GRID, LEADER}),
    "core-api:api-root": A(ALL),
    "core-api:auditrecord-detail": A({OFFICE}, "audit_record"),
    "core-api:auditrecord-list": A({OFFICE}),
    "core-api:notification-detail": A(ALL - {STATION}, "notification"),
    "core-api:notification-list": A(ALL),
    "core-api:notification-read": A(ALL, method="POST"),
    "directory-api:agency-detail": A(ALL, "agency"),
    "directory-api:agency-export": A(ALL),
    "directory-api:agency-list": A(ALL),
    "directory-api:api-root": A(ALL),
    "directory-api:credential-export": A(ALL),
    "directory-api:credential-list": A(ALL),
    "directory-api:department-detail": A(ALL, "department"),
    "directory-api:department-export": A(ALL),
    "events:event-cancel": A({OFFICE, STATION}, "event", anywhere={OFFICE}, method="POST"),
    "directory-api:department-list": A(ALL),
    "venues:venue-list": A(ALL),
    "events:event-create": A({OFFICE, AGENCY, STATION}),
    "directory-api:enterprise-export": A(ALL),
    "venues:venue-feed": A(ALL, "venue", anonymous=True, extra=feed_token),
    "directory-api:enterprise-list": A(ALL),
    "events:event-detail": A(ALL, "event", anywhere=ALL),
    "directory-api:grid-detail": A(ALL, "grid"),
    "venues:venue-edit": A({OFFICE}, "venue"),
    "events:event-edit": A({OFFICE, STATION}, "event", anywhere={OFFICE}),
    "directory-api:grid-export": A(ALL),
    "directory-api:grid-list": A(ALL),
    "venues:venue-detail": A(ALL, "venue"),
    "events:event-list": A({OFFICE, LEADER, AGENCY, STATION}),
    "directory-api:gridteam-detail": A(ALL, "gridteam"),
    "venues:venue-create": A({OFFICE}),
    "directory-api:gridteam-export": A(ALL),
    "events:event-publish": A({OFFICE, STATION}, "event", anywhere={OFFICE}, method="POST"),
    "directory-api:gridteam-list": A(ALL),
    "directory-api:importjob-detail": A(NONE, "importjob"),
    "events:my-certificates": A(ALL),
    "directory-api:importjob-list": A(ALL),
    "directory-api:importjob-report": A(NONE, "importjob"),
    "events:my-registrations": A(ALL),
    "directory-api:platform-detail": A(
        ALL - {TALENT, EXPERT},
        "platform",
        anywhere={OFFICE, REVIEWER, LEADER, AGENCY, STATION},
    ),
    "directory-api:platform-export": A(ALL),
    "events:register": A(ALL, "event", anywhere=ALL, method="POST"),
    "directory-api:platform-list": A(ALL),
    "directory-api:station-detail": A(ALL, "station"),
    "venues:park-calendar": A(ALL),
    "events:registration-cancel": A(
        {OFFICE, REVIEWER, GRID, STATION, TALENT},
        "registration",
        anywhere={OFFICE},
        method="POST",
    ),
    "directory-api:station-export": A(ALL),
    "events:registrations": A({OFFICE, STATION}, "event", anywhere={OFFICE}),
    "venues:my-bookings": A(ALL),
    "directory-api:station-list": A(ALL),
    "venues:find-free": A(ALL),
    "events:registrations-export": A({OFFICE, STATION}, "event", anywhere={OFFICE}),
    "directory-api:talent-export": A(ALL),
    "events:station-follow": A(ALL, "station", method="POST"),
    "venues:closure-remove": A(
        {OFFICE},
        "closure",
        method="POST",
        arg="closure", extra=closure_venue,
    ),
    "directory-api:talent-list": A(ALL),
    "events:station-unfollow": A(ALL, "station", method="POST"),
    "venues:closure-add": A({OFFICE}, "venue", method="POST"),
    "directory-api:talenttier-detail": A(ALL, "talenttier"),
    "events:upcoming": A(ALL),
    "directory-api:talenttier-export": A(ALL),
    "healthz": A(ALL, anonymous=True),
    "venues:booking-detail": A(
        {OFFICE, LEADER, HR, AGENCY, STATION},
        "booking",
        anywhere={OFFICE, LEADER},
    ),
    "directory-api:talenttier-list": A(ALL),
    "directory-api:venture-detail": A(
        {OFFICE, REVIEWER, LEADER},
        "venture",
        anywhere={OFFICE, REVIEWER, LEADER},
    ),
    "home": A(ALL),
    "venues:booking-decide": A({OFFICE}, "booking", anywhere={OFFICE}, method="POST"),
    "housing-api:apartment-detail": A({OFFICE, LEADER}, "apartment"),
    "directory-api:venture-export": A(ALL),
    "venues:booking-create": A({OFFICE, HR, AGENCY, STATION}),
    "housing-api:apartment-list": A({OFFICE, LEADER}),
    "directory-api:venture-list": A(ALL),
    "directory:agency-create": A({OFFICE}),
    "housing-api:apartment-repaired": A({OFFICE}, "apartment", method="POST"),
    "housing-api:api-root": A(ALL),
    "venues:booking-cancel": A(
        {OFFICE, HR, AGENCY, STATION},
        "booking",
        anywhere={OFFICE},
        method="POST",
    ),
    "housing-api:community-list": A({OFFICE, LEADER}),
    "directory:agency-detail": A(ALL, "agency"),
    "housing-api:housing-request-detail": A(
        {OFFICE, LEADER, TALENT},
        "housing_request",
        anywhere={OFFICE, LEADER},
    ),
    "venues:approvals": A({OFFICE}),
    "directory:agency-edit": A({OFFICE, AGENCY}, "agency"),
    "housing-api:housing-request-list": A({OFFICE, LEADER, TALENT}),
    "venues-api:venue-slots": A(ALL, "venue"),
    "directory:agency-export": A(ALL),
    "venues-api:venue-list": A(ALL),
    "directory:agency-list": A(ALL),
    "housing-api:lease-detail": A({OFFICE, LEADER}, "lease", anywhere={OFFICE, LEADER}),
    "venues-api:venue-detail": A(ALL, "venue"),
    "directory:credential-create": A({OFFICE, HR, AGENCY}),
    "venues-api:find-free-list": A(ALL),
    "housing-api:lease-inspection": A({OFFICE}, "lease", anywhere={OFFICE}, method="POST"),
    "venues-api:booking-list": A(ALL),
    "housing-api:lease-list": A({OFFICE, LEADER, TALENT}),
    "directory:credential-export": A(ALL),
    "directory:credential-list": A(ALL),
    "housing-api:lease-renew": A({OFFICE}, "lease", anywhere={OFFICE}, method="POST"),
    "venues-api:booking-detail": A(
        {OFFICE, LEADER, HR, AGENCY, STATION},
        "booking",
        anywhere={OFFICE, LEADER},
    ),
    "directory:department-create": A({OFFICE}),
    "housing-api:lease-terminate": A({OFFICE}, "lease", anywhere={OFFICE}, method="POST"),
    "directory:department-detail": A(ALL, "department"),
    "directory:department-edit": A({OFFICE}, "department"),
    "venues-api:booking-decide": A({OFFICE}, "booking", anywhere={OFFICE}, method="POST"),
    "directory:department-export": A(ALL),
    "housing-api:offer-accept": A(NONE, "housing_offer", method="POST"),
    "venues-api:booking-cancel": A(
        {OFFICE, HR, AGENCY, STATION},
        "booking",
        anywhere={OFFICE},
        method="POST",
    ),
    "directory:department-list": A(ALL),
    "venues-api:api-root": A(ALL),
    "housing-api:offer-decline": A(NONE, "housing_offer", method="POST"),
    "housing-api:offer-detail": A({OFFICE, LEADER}, "housing_offer", anywhere={OFFICE, LEADER}),
    "directory:enterprise-create": A({OFFICE}),
    "housing-api:offer-list": A({OFFICE, LEADER, TALENT}),
    "directory:enterprise-export": A(ALL),
    "switch-role": A(ALL, method="POST"),
    "housing-api:queue-list": A({OFFICE, LEADER, TALENT}),
    "swagger-ui": A(ALL, anonymous=True),
    "directory:enterprise-list": A(ALL),
    "set_language": A(ALL, anonymous=True),
    "directory:grid-create": A({OFFICE}),
    "housing-api:round-detail": A({OFFICE, LEADER}, "housing_round"),
    "housing-api:round-list": A({OFFICE, LEADER}),
    "directory:grid-detail": A(ALL, "grid"),
    "housing-api:schooling-request-assign": A(
        {OFFICE},
        "schooling_request",
        anywhere={OFFICE},
        method="POST",
    ),
    "directory:grid-edit": A({OFFICE}, "grid"),
    "housing-api:schooling-request-detail": A(
        {OFFICE, LEADER, TALENT},
        "schooling_request",
        anywhere={OFFICE, LEADER},
    ),
    "directory:grid-export": A(ALL),
    "housing-api:schooling-request-list": A(ALL),
    "directory:grid-list": A(ALL),
    "directory:gridteam-create": A({OFFICE}),
    "housing:apartment_repaired": A({OFFICE}, "apartment", method="POST"),
    "directory:gridteam-detail": A(ALL, "gridteam"),
    "directory:gridteam-edit": A({OFFICE}, "gridteam"),
    "housing:apply": A({TALENT}, method="POST"),
    "directory:gridteam-export": A(ALL),
    "housing:board": A({OFFICE, LEADER}),
    "directory:gridteam-list": A(ALL),
    "directory:import-detail": A(NONE, "importjob"),
    "housing:inspection": A({OFFICE}, "lease", anywhere={OFFICE}, method="POST"),
    "directory:import-new": A({OFFICE, HR, AGENCY}),
    "directory:import-report": A(NONE, "importjob"),
    "housing:lease": A({OFFICE, LEADER}, "lease", anywhere={OFFICE, LEADER}),
    "directory:import-template": A(
        {"office_admin", "enterprise_hr", "agency_staff"}, data={"kind": "talents"}
    ),
    "housing:lease_sign": A({OFFICE}, "housing_offer", anywhere={OFFICE}),
    "directory:platform-create": A({OFFICE, HR}),
    "housing:leases": A({OFFICE, LEADER}),
    "directory:platform-detail": A(
        ALL - {TALENT, EXPERT},
        "platform",
        anywhere={OFFICE, REVIEWER, LEADER, AGENCY, STATION},
    ),
    "housing:mine": A({TALENT}),
    "directory:platform-edit": A({OFFICE, HR}, "platform", anywhere={OFFICE}),
    "housing:offer_accept": A(NONE, "housing_offer", method="POST"),
    "directory:platform-export": A(ALL),
    "housing:offer_decline": A(NONE, "housing_offer", method="POST"),
    "directory:platform-list": A(ALL),
    "housing:offers": A({OFFICE, LEADER}),
    "directory:station-create": A({OFFICE}),
    "housing:queue": A({OFFICE, LEADER}),
    "directory:station-detail": A(ALL, "station"),
    "directory:station-edit": A({OFFICE, STATION}, "station"),
    "housing:renew": A({OFFICE}, "lease", anywhere={OFFICE}, method="POST"),
    "directory:station-export": A(ALL),
    "housing:round": A({OFFICE, LEADER}, "housing_round"),
    "directory:station-list": A(ALL),
    "directory:talent-create": A({OFFICE, HR, AGENCY}),
    "housing:round_run": A({OFFICE}, "scheme", method="POST"),
    "housing:schooling": A({OFFICE, LEADER}),
    "directory:talent-export": A(ALL),
    "housing:schooling_apply": A({TALENT}, method="POST"),
    "housing:schooling_assign": A({OFFICE}, "schooling_request", anywhere={OFFICE}),
    "directory:talent-list": A(ALL),
    "housing:terminate": A({OFFICE}, "lease", anywhere={OFFICE}, method="POST"),
    "insights-api:api-root": A(ALL),
    "directory:talenttier-create": A({OFFICE}),
    "directory:talenttier-detail": A(ALL, "talenttier"),
    "directory:talenttier-edit": A({OFFICE}, "talenttier"),
    "insights-api:figure-detail": A({OFFICE, REVIEWER, LEADER}, extra=figure_key),
    "directory:talenttier-export": A(ALL),
    "insights-api:figure-list": A({OFFICE, REVIEWER, LEADER}),
    "insights-api:report-detail": A({OFFICE}, "report"),
    "directory:talenttier-list": A(ALL),
    "insights-api:report-list": A({OFFICE, LEADER}),
    "insights-api:report-pdf": A(NONE, "report"),
    "insights-api:report-workbook": A(NONE, "report"),
    "directory:venture-create": A({OFFICE}),
    "directory:venture-detail": A(
        {OFFICE, REVIEWER, LEADER},
        "venture",
        anywhere={OFFICE, REVIEWER, LEADER},
    ),
    "insights:figure": A({OFFICE, REVIEWER, LEADER}, extra=figure_key),
    "insights:figure-csv": A({OFFICE, REVIEWER, LEADER}, extra=figure_key),
    "directory:venture-edit": A({OFFICE}, "venture", anywhere={OFFICE}),
    "insights:figure-xlsx": A({OFFICE, REVIEWER, LEADER}, extra=figure_key),
    "schema": A(ALL, anonymous=True),
    "directory:venture-export": A(ALL),
    "recruiting:skill-list": A(ALL),
    "insights:figures": A({OFFICE, REVIEWER, LEADER}),
    "directory:venture-list": A(ALL),
    "recruiting:skill-edit": A({OFFICE}, "skill"),
    "insights:overview": A({OFFICE, LEADER}),
    "events-api:api-root": A(ALL),
    "insights:report": A({OFFICE}, "report"),
    "events-api:certificate-detail": A({TALENT}, "certificate"),
    "insights:report-new": A({OFFICE}),
    "insights:report-pdf": A(NONE, "report"),
    "insights:report-progress": A({OFFICE}, "report"),
    "insights:report-workbook": A(NONE, "report"),
    "recruiting:skill-create": A({OFFICE}),
    "events-api:certificate-list": A(ALL),
    "recruiting:referral-withdraw": A(
        {OFFICE, LEADER, HR, AGENCY, TALENT},
        "referral",
        anywhere={OFFICE, LEADER},
        method="POST",
    ),
    "insights:reports": A({OFFICE, LEADER}),
    "events-api:certificate-pdf": A({TALENT}, "certificate"),
    "login": A(ALL, anonymous=True),
    "events-api:check-in-list": A(ALL, method="POST"),
    "recruiting:referral-screen": A(
        {OFFICE, LEADER, HR, AGENCY, TALENT},
        "referral",
        anywhere={OFFICE, LEADER},
        method="POST",
    ),
    "events-api:event-attendance": A(
        {OFFICE, LEADER, AGENCY, STATION},
        "event",
        anywhere={OFFICE, LEADER, AGENCY, STATION},
    ),
    "logout": A(NONE, method="POST"),
    "metrics": A(ALL, anonymous=True),
    "events-api:event-cancel": A({OFFICE, STATION}, "event", anywhere={OFFICE}, method="POST"),
    "events-api:event-detail": A(ALL, "event", anywhere=ALL),
    "recruiting:referral-reject": A(
        {OFFICE, LEADER, HR, AGENCY, TALENT},
        "referral",
        anywhere={OFFICE, LEADER},
        method="POST",
    ),
    "notification-open": A(ALL - {STATION}, "notification"),
    "notifications": A(ALL),
    "events-api:event-issue-certificates": A(
        {OFFICE, STATION},
        "event",
        anywhere={OFFICE},
        method="POST",
    ),
    "recruiting:referral-offer": A({OFFICE, HR}, "referral", anywhere={OFFICE}, method="POST"),
    "notifications-read-all": A(ALL, method="POST"),
    "policies-api:api-root": A(ALL),
    "events-api:event-list": A(ALL),
    "recruiting:referral-hire": A(
        {OFFICE, LEADER, HR, AGENCY, TALENT},
        "referral",
        anywhere={OFFICE, LEADER},
        method="POST",
    ),
    "events-api:event-publish": A({OFFICE, STATION}, "event", anywhere={OFFICE}, method="POST"),
    "recruiting:referral-detail": A(
        {OFFICE, LEADER, HR, AGENCY, TALENT},
        "referral",
        anywhere={OFFICE, LEADER},
    ),
    "policies-api:application-attachments": A({AGENCY, TALENT}, "application", method="POST"),
    "events-api:event-registrations": A({OFFICE, STATION}, "event", anywhere={OFFICE}),
    "events-api:followed-station-detail": A(ALL, "station", method="POST"),
    "recruiting:referral-decline": A(
        {OFFICE, LEADER, HR, AGENCY, TALENT},
        "referral",
        anywhere={OFFICE, LEADER},
        method="POST",
    ),
    "events-api:followed-station-list": A(ALL),
    "policies-api:application-close-notice": A(
        {OFFICE},
        "application",
        anywhere={OFFICE},
        method="POST",
    ),
    "recruiting:referral-create": A(NONE, "demand", method="POST"),
    "events-api:registration-cancel": A(
        {OFFICE, REVIEWER, GRID, STATION, TALENT},
        "registration",
        anywhere={OFFICE},
        method="POST",
    ),
    "recruiting:project-list": A(ALL),
    "policies-api:application-decide": A(
        {OFFICE, REVIEWER, LEADER, HR, AGENCY, TALENT},
        "application",
        anywhere={OFFICE, REVIEWER, LEADER},
        method="POST",
    ),
    "recruiting:project-edit": A({OFFICE}, "project", anywhere={OFFICE}),
    "policies-api:application-decide-many": A({OFFICE, REVIEWER, HR}, method="POST"),
    "events-api:registration-detail": A(
        {OFFICE, REVIEWER, GRID, LEADER, STATION, TALENT},
        "registration",
        anywhere={OFFICE, LEADER},
    ),
    "events-api:registration-list": A(ALL),
    "policies-api:application-detail": A(
        {OFFICE, REVIEWER, LEADER, HR, AGENCY, TALENT},
        "application",
        anywhere={OFFICE, REVIEWER, LEADER},
    ),
    "recruiting:project-detail": A(ALL, "project", anywhere=ALL),
    "events-api:station-attendance-list": A({OFFICE, LEADER, AGENCY, STATION}),
    "policies-api:application-list": A(ALL),
    "recruiting:project-create": A({OFFICE}),
    "events:attendance": A({OFFICE, LEADER, AGENCY, STATION}),
    "recruiting:pool": A({OFFICE, AGENCY}),
    "events:certificate-pdf": A({OFFICE, TALENT}, "certificate", anywhere={OFFICE}),
    "recruiting:pipeline": A(ALL),
    "events:certificates-issue": A({OFFICE, STATION}, "event", anywhere={OFFICE}, method="POST"),
    "recruiting:my-profile": A({TALENT}),
    "events:check-in": A({OFFICE, STATION}, "event", anywhere={OFFICE}),
    "policies-api:application-objections": A(
        {OFFICE, REVIEWER, LEADER, HR, AGENCY, TALENT},
        "application",
        anywhere={OFFICE, REVIEWER, LEADER},
        method="POST",
    ),
    "directory-api:credential-detail": A(
        {OFFICE, REVIEWER, GRID, LEADER, HR, TALENT},
        "credential",
        anywhere={OFFICE, REVIEWER, LEADER},
    ),
    "directory-api:enterprise-detail": A(
        ALL - {TALENT, EXPERT},
        "enterprise",
        anywhere={OFFICE, REVIEWER, LEADER, AGENCY, STATION},
    ),
    "directory-api:talent-detail": A(
        ALL - {STATION, EXPERT},
        "talent",
        anywhere={OFFICE, REVIEWER, LEADER},
    ),
    "directory-api:talent-reveal": A({OFFICE, TALENT}, "talent", anywhere={OFFICE}, method="POST"),
    "directory:credential-detail": A(
        {OFFICE, REVIEWER, GRID, LEADER, HR, TALENT},
        "credential",
        anywhere={OFFICE, REVIEWER, LEADER},
    ),
    "directory:credential-edit": A({OFFICE, HR}, "credential", anywhere={OFFICE}),
    "directory:enterprise-detail": A(
        ALL - {TALENT, EXPERT},
        "enterprise",
        anywhere={OFFICE, REVIEWER, LEADER, AGENCY, STATION},
    ),
    "directory:enterprise-edit": A({OFFICE, HR}, "enterprise", anywhere={OFFICE}),
    "directory:talent-detail": A(
        ALL - {STATION, EXPERT},
        "talent",
        anywhere={OFFICE, REVIEWER, LEADER},
    ),
    "directory:talent-edit": A({OFFICE, HR, AGENCY}, "talent", anywhere={OFFICE}),
    "directory:talent-reveal": A({OFFICE, TALENT}, "talent", anywhere={OFFICE}, method="POST"),
    "insights-api:enterprise-timeline": A(
        {OFFICE, GRID, LEADER},
        "enterprise",
        anywhere={OFFICE, LEADER},
    ),
    "insights-api:talent-timeline": A({OFFICE, GRID, LEADER}, "talent", anywhere={OFFICE, LEADER}),
    "insights:enterprise-timeline": A(
        {OFFICE, GRID, LEADER},
        "enterprise",
        anywhere={OFFICE, LEADER},
    ),
    "insights:talent-timeline": A({OFFICE, GRID, LEADER}, "talent", anywhere={OFFICE, LEADER}),
    "policies-api:application-overdue": A({OFFICE, LEADER}),
    "policies-api:application-pay": A({OFFICE}, "application", anywhere={OFFICE}, method="POST"),
    "policies-api:application-review-queue": A({OFFICE, REVIEWER, HR}),
    "policies-api:application-submit": A({AGENCY, TALENT}, "application", method="POST"),
    "policies-api:application-timeline": A(
        {OFFICE, REVIEWER, LEADER, HR, AGENCY, TALENT},
        "application",
        anywhere={OFFICE, REVIEWER, LEADER},
    ),
    "policies-api:budgetline-detail": A({OFFICE, LEADER}, "budgetline"),
    "policies-api:budgetline-list": A({OFFICE, LEADER}),
    "policies-api:objection-detail": A(
        {OFFICE, REVIEWER, LEADER},
        "application_objection",
        anywhere={OFFICE, REVIEWER, LEADER},
    ),
    "policies-api:objection-list": A(ALL),
    "policies-api:objection-resolve": A(
        {OFFICE},
        "application_objection",
        anywhere={OFFICE},
        method="POST",
    ),
    "policies-api:offer-accept": A({TALENT}, "policy_offer", method="POST"),
    "policies-api:offer-decline": A({TALENT}, "policy_offer", method="POST"),
    "policies-api:offer-detail": A(
        {OFFICE, REVIEWER, LEADER, HR, TALENT},
        "policy_offer",
        anywhere={OFFICE, REVIEWER, LEADER},
    ),
    "policies-api:offer-list": A(ALL),
    "policies-api:offer-scan": A({OFFICE}, method="POST"),
    "policies-api:policy-detail": A(ALL, "policy"),
    "policies-api:policy-eligibility": A(ALL, "policy"),
    "policies-api:policy-list": A(ALL),
    "policies:application-create": A({TALENT}, "policy"),
    "policies:application-decide": A(
        {OFFICE, REVIEWER, LEADER, HR, AGENCY, TALENT},
        "application",
        anywhere={OFFICE, REVIEWER, LEADER},
        method="POST",
    ),
    "policies:application-detail": A(
        {OFFICE, REVIEWER, LEADER, HR, AGENCY, TALENT},
        "application",
        anywhere={OFFICE, REVIEWER, LEADER},
    ),
    "policies:application-edit": A({AGENCY, TALENT}, "application"),
    "policies:application-list": A(ALL),
    "policies:application-pay": A({OFFICE}, "application", anywhere={OFFICE}, method="POST"),
    "policies:application-submit": A({AGENCY, TALENT}, "application", method="POST"),
    "policies:attachment-add": A(
        {OFFICE, REVIEWER, LEADER, HR, AGENCY, TALENT},
        "application",
        anywhere={OFFICE, REVIEWER, LEADER},
        method="POST",
    ),
    "policies:attachment-download": A(
        {OFFICE, REVIEWER, LEADER, HR, AGENCY, TALENT},
        "application_attachment",
        anywhere={OFFICE, REVIEWER, LEADER},
    ),
    "policies:budget-list": A({OFFICE, LEADER}),
    "policies:notice-board": A(ALL),
    "policies:notice-close": A({OFFICE}, "application", anywhere={OFFICE}, method="POST"),
    "policies:objection-list": A({OFFICE}),
    "policies:objection-lodge": A(
        {OFFICE, REVIEWER, LEADER, HR, AGENCY, TALENT},
        "application",
        anywhere={OFFICE, REVIEWER, LEADER},
        method="POST",
    ),
    "policies:objection-resolve": A(
        {OFFICE},
        "application_objection",
        anywhere={OFFICE},
        method="POST",
        data={"outcome": "dismiss", "resolution": "Checked."},
    ),
    "policies:offer-accept": A({TALENT}, "policy_offer", method="POST"),
    "policies:offer-decline": A({TALENT}, "policy_offer", method="POST"),
    "policies:offer-list": A(ALL),
    "policies:offer-scan": A({OFFICE}, method="POST"),
    "policies:office-offers": A({OFFICE}),
    "policies:payment-export": A({OFFICE}),
    "policies:payment-list": A({OFFICE}),
    "policies:policy-detail": A(ALL, "policy"),
    "policies:policy-edit": A({OFFICE}, "policy"),
    "policies:policy-finder": A(ALL),
    "policies:policy-manage": A({OFFICE, REVIEWER, LEADER}),
    "policies:policy-new": A({OFFICE}),
    "policies:review-overdue": A({OFFICE, LEADER}),
    "policies:review-queue": A({OFFICE, REVIEWER, HR}),
    "policies:rule-check": A({OFFICE}),
    "recruiting-api:agency-performance-list": A({OFFICE, LEADER, AGENCY}),
    "recruiting-api:api-root": A(ALL),
    "recruiting-api:candidate-demands": A(
        {OFFICE, LEADER, HR, AGENCY, TALENT},
        "candidate",
        anywhere={OFFICE, LEADER},
    ),
    "recruiting-api:candidate-explain": A(
        {OFFICE, LEADER, HR, AGENCY, TALENT},
        "candidate",
        anywhere={OFFICE, LEADER},
    ),
    "recruiting-api:demand-close": A(
        {OFFICE, HR},
        "ordinary_demand",
        anywhere={OFFICE},
        method="POST",
        data={"reason": "Filled."},
    ),
    "recruiting-api:demand-detail": A(ALL, "demand", anywhere=ALL),
    "recruiting-api:demand-list": A(ALL),
    "recruiting-api:demand-matches": A({OFFICE, HR, AGENCY}, "demand", anywhere={OFFICE, AGENCY}),
    "recruiting-api:demand-reopen": A(
        {OFFICE, HR},
        "ordinary_demand",
        anywhere={OFFICE},
        method="POST",
    ),
    "recruiting-api:interview-detail": A(
        {OFFICE, LEADER, HR, AGENCY, TALENT},
        "interview",
        anywhere={OFFICE, LEADER},
    ),
    "recruiting-api:interview-list": A(ALL),
    "recruiting-api:interview-record": A(
        {OFFICE, HR},
        "interview",
        anywhere={OFFICE},
        method="POST",
    ),
    "recruiting-api:pool-list": A({OFFICE, AGENCY}),
    "recruiting-api:profile-detail": A(
        {OFFICE, LEADER, HR, AGENCY, TALENT},
        "candidate",
        anywhere={OFFICE, LEADER},
    ),
    "recruiting-api:project-detail": A(ALL, "project", anywhere=ALL),
    "recruiting-api:project-list": A(ALL),
    "recruiting-api:referral-decline": A(
        {OFFICE, AGENCY, TALENT},
        "referral",
        anywhere={OFFICE},
        method="POST",
    ),
    "recruiting-api:referral-detail": A(
        {OFFICE, LEADER, HR, AGENCY, TALENT},
        "referral",
        anywhere={OFFICE, LEADER},
    ),
    "recruiting-api:referral-hire": A({OFFICE, HR}, "referral", anywhere={OFFICE}, method="POST"),
    "recruiting-api:referral-interviews": A(
        {OFFICE, HR},
        "referral",
        anywhere={OFFICE},
        method="POST",
    ),
    "recruiting-api:referral-list": A(ALL),
    "recruiting-api:referral-offer": A({OFFICE, HR}, "referral", anywhere={OFFICE}, method="POST"),
    "recruiting-api:referral-reject": A({OFFICE, HR}, "referral", anywhere={OFFICE}, method="POST"),
    "recruiting-api:referral-screen": A({OFFICE, HR}, "referral", anywhere={OFFICE}, method="POST"),
    "recruiting-api:referral-timeline": A(
        {OFFICE, LEADER, HR, AGENCY, TALENT},
        "referral",
        anywhere={OFFICE, LEADER},
    ),
    "recruiting-api:referral-withdraw": A(
        {OFFICE, AGENCY},
        "referral",
        anywhere={OFFICE},
        method="POST",
    ),
    "recruiting-api:skill-detail": A(ALL, "skill"),
    "recruiting-api:skill-list": A(ALL),
    "recruiting:agency-performance": A({OFFICE, LEADER, AGENCY}),
    "recruiting:candidate-demands": A({OFFICE, AGENCY, TALENT}, "candidate", anywhere={OFFICE}),
    "recruiting:candidate-explain": A(
        {OFFICE, AGENCY},
        "demand",
        anywhere={OFFICE, AGENCY},
        arg="pk",
        extra=a_candidate,
    ),
    "recruiting:candidate-profile": A({OFFICE, AGENCY, TALENT}, "candidate", anywhere={OFFICE}),
    "recruiting:candidate-register": A({OFFICE, AGENCY}),
    "recruiting:demand-close": A(
        {OFFICE, HR},
        "ordinary_demand",
        anywhere={OFFICE},
        method="POST",
        data={"reason": "Filled."},
    ),
    "recruiting:demand-create": A({OFFICE, HR}),
    "recruiting:demand-detail": A(ALL, "demand", anywhere=ALL),
    "recruiting:demand-edit": A({OFFICE, HR}, "ordinary_demand", anywhere={OFFICE}),
    "recruiting:demand-list": A(ALL),
    "recruiting:demand-matches": A({OFFICE, HR, AGENCY}, "demand", anywhere={OFFICE, AGENCY}),
    "recruiting:demand-reopen": A(
        {OFFICE, HR},
        "ordinary_demand",
        anywhere={OFFICE},
        method="POST",
    ),
    "recruiting:interview-record": A(
        {OFFICE, LEADER, HR, AGENCY, TALENT},
        "interview",
        anywhere={OFFICE, LEADER},
        method="POST",
    ),
    "recruiting:interview-schedule": A(
        {OFFICE, LEADER, HR, AGENCY, TALENT},
        "referral",
        anywhere={OFFICE, LEADER},
        method="POST",
    ),
    "recruiting:jobs-for-me": A({TALENT}),
}
# fmt: on
