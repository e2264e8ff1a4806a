"""Mixed traffic for `benchmarks/load.py`: the demo zone's people at work, by weight.

- talents browsing (weight 10): home, the policy finder and a policy, their applications and
  offers, upcoming events and one of them, their registrations, jobs for them, notifications;
- talents acting (3): register for an event and later give the place up, start an application
  under an open policy, fill the draft in and submit it;
- reviewers (3): their queue, an application's page, then approve it (sometimes return it)
  through the API;
- station and agency staff (2): the rooms, the free-room finder, a booking of a free slot
  through the API with a token, and now and then a cancellation of one of their bookings;
- leaders (2): the overview and the figures its wall screen refreshes from the API.

Everyone signs in with a demo account (password `talentzone-demo`); the seed makes one account
per role at every scale, so the simulated people of a role share it (and its rows: one talent
registers and applies for them all). Pages sign in through the sign-in form; the API is called
with the session and the CSRF header, except the staff's booking client, which uses a token.

Documented refusals (already registered, policy not for you, slot taken, weekly quota…) are
what a real user meets too: they count as successes here and are tallied by kind in
TALENTZONE_LOAD_OUTCOMES (a JSON file load.py reads); anything else that is not 2xx/3xx,
and every 5xx, is a failure.
"""

import json
import os
import random
import re
from collections import Counter
from datetime import date, datetime, timedelta

from gevent.lock import Semaphore
from locust import HttpUser, between, events, task

PASSWORD = "talentzone-demo"  # the demo accounts' published password
API = "/api/v1"
ENGLISH = {"Accept-Language": "en"}  # refusals are classified by their English message

BOOKING_TITLE = "Load test booking"

SESSIONS: dict = {}  # the cookies of each demo account, once signed in
TOKENS: dict[str, str] = {}  # the API token of each booking account
SIGN_IN = Semaphore()  # one sign-in at a time: the others wait for its cookies

refused: Counter = Counter()
done: Counter = Counter()


@events.quitting.add_listener
def write_outcomes(environment, **_kwargs) -> None:
    target = os.environ.get("TALENTZONE_LOAD_OUTCOMES")
    if target:
        with open(target, "w") as handle:
            json.dump({"refused": refused, "done": done}, handle, ensure_ascii=False)


def refusal_kind(response) -> str:
    """'field: message' of a 400, numbers and names dropped, so that one rule is one kind."""
    try:
        body = response.json()
    except ValueError:
        return "unreadable 400"
    if isinstance(body, dict) and body:
        field, message = next(iter(body.items()))
        if isinstance(message, list) and message:
            message = message[0]
        text = re.sub(r"\d[\d:.\- ]*", "#", str(message))[:60]
        return f"{field}: {text}"
    return str(body)[:60]


class Person(HttpUser):
    """A signed-in user of the pages (and of the API through the same session)."""

    abstract = True
    username = ""
    wait_time = between(1, 4)  # reading a page before the next click

    def on_start(self) -> None:
        # The first simulated person of an account signs in through the form; the others take
        # over its cookies, as people already signed in would be. Forty Argon2 sign-ins at once
        # would otherwise be most of a one-minute run.
        with SIGN_IN:
            cookies = SESSIONS.get(self.username)
            if cookies is None:
                cookies = self.sign_in()
                if cookies:
                    SESSIONS[self.username] = cookies
        if cookies is not None:
            self.client.cookies.update(cookies)  # the cookie objects, with their domain

    def sign_in(self):
        self.client.get("/login/", name="/login/")
        with self.client.post(
            "/login/",
            {
                "username": self.username,
                "password": PASSWORD,
                "csrfmiddlewaretoken": self.csrf()["X-CSRFToken"],
            },
            name="/login/ (sign in)",
            allow_redirects=False,
            catch_response=True,
        ) as answer:
            if answer.status_code != 302:
                answer.failure(f"{self.username} could not sign in: {answer.status_code}")
                return None
        return self.client.cookies.copy()

    def csrf(self) -> dict:
        tokens = [c.value for c in self.client.cookies if c.name == "csrftoken"]
        return {**ENGLISH, "X-CSRFToken": tokens[-1] if tokens else ""}

    def api_get(self, path: str, name: str, **params) -> list | dict | None:
        answer = self.client.get(API + path, params=params, name=name, headers=ENGLISH)
        return answer.json() if answer.ok else None

    def api_write(self, path: str, payload: dict, name: str, kind: str, expected=(400,)):
        """POST/PATCH through the API; a documented refusal is a success, tallied by kind."""
        method = self.client.patch if name.startswith("PATCH") else self.client.post
        with method(
            API + path, json=payload, name=name, headers=self.headers(), catch_response=True
        ) as answer:
            if answer.ok:
                done[kind] += 1
                return answer.json()
            if answer.status_code in expected:
                refused[f"{kind} — {answer.status_code} {refusal_kind(answer)}"] += 1
                answer.success()
                return None
            answer.failure(f"{answer.status_code} {answer.text[:200]}")
            return None

    def headers(self) -> dict:
        return self.csrf()


def results(page) -> list:
    if isinstance(page, dict):
        return page.get("results", [])
    return page or []


# Talents -------------------------------------------------------------------------------------


class TalentBrowsing(Person):
    weight = 10
    username = "talent"

    @task(4)
    def home(self):
        self.client.get("/", name="/ (home)")

    @task(4)
    def policies(self):
        answer = self.client.get("/policies/", name="/policies/")
        ids = re.findall(r'href="/policies/(\d+)/"', answer.text)
        if ids:
            self.client.get(f"/policies/{random.choice(ids)}/", name="/policies/[id]/")

    @task(2)
    def my_applications(self):
        self.client.get("/policies/applications/", name="/policies/applications/")

    @task(2)
    def my_offers(self):
        self.client.get("/policies/offers/", name="/policies/offers/")

    @task(3)
    def upcoming_events(self):
        answer = self.client.get("/events/", name="/events/")
        ids = re.findall(r'href="/events/(\d+)/"', answer.text)
        if ids:
            self.client.get(f"/events/{random.choice(ids)}/", name="/events/[id]/")

    @task(1)
    def my_registrations(self):
        self.client.get("/events/mine/", name="/events/mine/")

    @task(2)
    def jobs(self):
        self.client.get("/recruiting/jobs/", name="/recruiting/jobs/")

    @task(1)
    def notifications(self):
        self.client.get("/notifications/", name="/notifications/")


class TalentActing(Person):
    weight = 3
    username = "talent"

    @task(3)
    def register_for_an_event(self):
        events_page = self.api_get(
            "/events/events/",
            "GET /api/v1/events/events/",
            starts_after=date.today().isoformat(),
            page_size=50,
        )
        candidates = results(events_page)
        if not candidates:
            return
        event = random.choice(candidates)
        self.api_write(
            "/events/registrations/",
            {"event": event["id"]},
            "POST /api/v1/events/registrations/",
            "event registration",
        )

    @task(2)
    def give_a_place_up(self):
        mine = results(
            self.api_get(
                "/events/registrations/",
                "GET /api/v1/events/registrations/",
                status=["confirmed", "waitlisted"],
            )
        )
        if mine:
            registration = random.choice(mine)
            self.api_write(
                f"/events/registrations/{registration['id']}/cancel/",
                {},
                "POST /api/v1/events/registrations/[id]/cancel/",
                "event cancellation",
            )

    @task(3)
    def apply_for_a_policy(self):
        drafts = results(
            self.api_get(
                "/policies/applications/",
                "GET /api/v1/policies/applications/",
                status="draft",
            )
        )
        if drafts:
            draft = random.choice(drafts)
            self.api_write(
                f"/policies/applications/{draft['id']}/",
                {"statement": f"Updated at {datetime.now():%H:%M:%S}."},
                "PATCH /api/v1/policies/applications/[id]/",
                "draft update",
            )
            self.api_write(
                f"/policies/applications/{draft['id']}/submit/",
                {},
                "POST /api/v1/policies/applications/[id]/submit/",
                "application submission",
            )
            return
        policies = results(
            self.api_get("/policies/policies/", "GET /api/v1/policies/policies/", page_size=100)
        )
        if policies:
            self.api_write(
                "/policies/applications/",
                {"policy": random.choice(policies)["id"], "statement": "Applying."},
                "POST /api/v1/policies/applications/",
                "application start",
            )


# Reviewers -----------------------------------------------------------------------------------


class Reviewer(Person):
    weight = 3
    username = "reviewer"

    @task
    def decide_one(self):
        queue = self.client.get("/policies/review/", name="/policies/review/")
        ids = re.findall(r'href="/policies/applications/(\d+)/"', queue.text)
        if not ids:
            return
        pk = random.choice(ids)
        self.client.get(f"/policies/applications/{pk}/", name="/policies/applications/[id]/")
        decision = (
            {"decision": "approve"}
            if random.random() < 0.85
            else {"decision": "return", "reason": "Please add the missing certificate."}
        )
        self.api_write(
            f"/policies/applications/{pk}/decide/",
            decision,
            "POST /api/v1/policies/applications/[id]/decide/",
            f"review {decision['decision']}",
            # The simulated reviewers share one account and pick from one queue: when another
            # has just decided the same stage, the next stage is someone else's (403) or the
            # application is no longer in review (400). Both are the documented answers.
            expected=(400, 403),
        )

    @task
    def queue_by_api(self):
        self.api_get(
            "/policies/applications/review-queue/",
            "GET /api/v1/policies/applications/review-queue/",
        )


# Station and agency staff --------------------------------------------------------------------


class Booker(Person):
    """Staff whose scheduling tool books rooms through the API with a token, never a page."""

    abstract = True
    weight = 1
    token = ""

    def on_start(self) -> None:
        # No session at all: a token is the only credential, so token authentication is what
        # serves these requests (and no CSRF applies).
        with SIGN_IN:  # one token per account, as one scheduling tool per office would hold
            if self.username not in TOKENS:
                answer = self.client.post(
                    f"{API}/auth/token/",
                    {"username": self.username, "password": PASSWORD},
                    name="POST /api/v1/auth/token/",
                )
                TOKENS[self.username] = answer.json().get("token", "") if answer.ok else ""
        self.token = TOKENS[self.username]

    def headers(self) -> dict:
        return {**ENGLISH, "Authorization": f"Token {self.token}"}

    @task(2)
    def rooms(self):
        self.api_get_token("/venues/venues/", "GET /api/v1/venues/venues/")

    @task(2)
    def my_bookings(self):
        self.api_get_token("/venues/bookings/", "GET /api/v1/venues/bookings/", when="upcoming")

    @task(4)
    def book_a_free_slot(self):
        day = date.today() + timedelta(days=random.randint(1, 14))
        minutes = random.choice([60, 90, 120])
        found = self.client.get(
            f"{API}/venues/find-free/",
            params={"day": day.isoformat(), "minutes": minutes},
            headers=self.headers(),
            name="GET /api/v1/venues/find-free/",
        )
        rooms = found.json() if found.ok else []
        if not rooms:
            return
        room = random.choice(rooms[:5])
        starts = datetime.fromisoformat(room["starts_at"])
        self.api_write(
            "/venues/bookings/",
            {
                "venue": room["venue"],
                "starts_at": starts.isoformat(),
                "ends_at": (starts + timedelta(minutes=minutes)).isoformat(),
                "purpose": random.choice(["interview", "meeting", "training"]),
                "title": BOOKING_TITLE,
                "attendees": 4,
            },
            "POST /api/v1/venues/bookings/",
            "room booking",
        )

    @task(2)
    def cancel_one(self):
        mine = results(
            self.api_get_token(
                "/venues/bookings/",
                "GET /api/v1/venues/bookings/",
                when="upcoming",
                q=BOOKING_TITLE,
                ordering="-id",
            )
        )
        # Only what this benchmark booked: the seeded bookings stay as they are.
        upcoming = [
            b
            for b in mine
            if b["title"] == BOOKING_TITLE
            and b["booked_by"] == self.username
            and b["status"] in ("requested", "confirmed")
        ]
        if upcoming:
            booking = random.choice(upcoming[:10])
            self.api_write(
                f"/venues/bookings/{booking['id']}/cancel/",
                {"reason": "Plans changed."},
                "POST /api/v1/venues/bookings/[id]/cancel/",
                "room cancellation",
            )

    def api_get_token(self, path: str, name: str, **params):
        answer = self.client.get(API + path, params=params, name=name, headers=self.headers())
        return answer.json() if answer.ok else None


class StationStaff(Booker):
    username = "station"


class AgencyStaff(Booker):
    username = "agency"


# Leaders -------------------------------------------------------------------------------------


class Leader(Person):
    """The overview, and the wall screen's refresh of each chart it shows from the API."""

    weight = 2
    username = "leader"
    keys: list[str] = []

    @task(2)
    def overview(self):
        answer = self.client.get("/insights/", name="/insights/")
        self.keys = list(dict.fromkeys(re.findall(r'data-figure="([a-z0-9_.]+)"', answer.text)))

    @task(3)
    def wall_screen_refresh(self):
        if not self.keys:
            self.overview()
        for key in self.keys:
            self.api_get(f"/insights/figures/{key}/", "GET /api/v1/insights/figures/[key]/")
