"""Every page works under an enforced Content-Security-Policy with no 'unsafe-inline' and no
'unsafe-eval': scripts, styles, fonts and images come from this server, and no page carries
inline code (behaviour lives in static files that read data attributes: core/behaviours.js).

The browser test walks each demo role's menu, the detail pages with charts, bars and forms, the
API documentation and the Django admin, and fails on any `securitypolicyviolation` event, any
console error, or a data-width/data-colour element left unstyled. The template test is the fast
guard that keeps inline code from coming back.
"""

import re
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from playwright.sync_api import expect

from talentzone.core.choices import Role
from talentzone.core.menu import menu_for
from talentzone.core.tests.test_browser import (  # the browser set-up shared by browser tests
    CHROMIUM,
    DEMO_USERNAMES,
    browser_context_args,  # noqa: F401
    browser_type_launch_args,  # noqa: F401
    demo_zone,  # noqa: F401
    sign_in,
    signed_out,
)

SOURCE = Path(__file__).resolve().parents[2]  # src/talentzone
REQUIRED = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'self'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
}


def directives(header: str) -> dict[str, str]:
    parts = (part.strip().split(None, 1) for part in header.split(";") if part.strip())
    return {part[0]: part[1] if len(part) > 1 else "" for part in parts}


def assert_strict(header: str) -> None:
    policy = directives(header)
    for name, value in REQUIRED.items():
        assert policy.get(name) == value, f"{name}: {policy.get(name)!r} in {header!r}"
    assert "unsafe-inline" not in header and "unsafe-eval" not in header, header
    assert "nonce-" not in header, header


# --- The policy itself ---------------------------------------------------------------------------


@pytest.mark.django_db
def test_pages_are_served_with_an_enforced_policy_that_allows_no_inline_code(client):
    response = client.get(reverse("login"))

    assert_strict(response.headers["Content-Security-Policy"])
    assert "Content-Security-Policy-Report-Only" not in response.headers


# --- Templates: the guard against inline code coming back -----------------------------------------

TEMPLATE_SYNTAX = re.compile(r"{% comment %}.*?{% endcomment %}|{#.*?#}|{%.*?%}|{{.*?}}", re.DOTALL)
TAG = re.compile(r"<[a-zA-Z][^>]*>", re.DOTALL)
INLINE_SCRIPT = re.compile(r"<script\b(?![^>]*\bsrc=)(?![^>]*application/json)", re.IGNORECASE)
STYLE_ELEMENT = re.compile(r"<style\b", re.IGNORECASE)
STYLE_ATTRIBUTE = re.compile(r"\sstyle\s*=", re.IGNORECASE)
HANDLER_ATTRIBUTE = re.compile(r"\son[a-z]+\s*=", re.IGNORECASE)
WIDGET_ATTRS = re.compile(r"""attrs\s*=\s*{[^}]*["'](style|on[a-z]+)["']""", re.DOTALL)


def inline_code(markup: str) -> list[str]:
    """What the policy would block in a template: inline scripts, <style> elements, style=""
    and on*="" attributes (template tags are left out: {% include … style="…" %} is a variable
    of the included template, not an attribute)."""
    html = TEMPLATE_SYNTAX.sub(" ", markup)
    found = [m.group(0) for m in INLINE_SCRIPT.finditer(html)]
    found += [m.group(0) for m in STYLE_ELEMENT.finditer(html)]
    for tag in TAG.finditer(html):
        if STYLE_ATTRIBUTE.search(tag.group(0)) or HANDLER_ATTRIBUTE.search(tag.group(0)):
            found.append(tag.group(0)[:120])
    return found


def test_the_guard_finds_each_kind_of_inline_code():
    assert inline_code("<script>alert(1)</script>")
    assert inline_code('<div style="width: 3rem">')
    assert inline_code('<select onchange="this.form.submit()">')
    assert inline_code("<style>p { color: red }</style>")
    assert not inline_code('<script src="/static/core/behaviours.js" defer></script>')
    assert not inline_code('<script id="figures" type="application/json">{}</script>')
    assert not inline_code('{% include "x.html" with style="btn-success" %}<div data-width="4">')


def test_no_template_has_inline_scripts_styles_or_event_handlers():
    offenders = {
        str(path.relative_to(SOURCE)): found
        for path in sorted(SOURCE.rglob("*.html"))
        if (found := inline_code(path.read_text(encoding="utf-8")))
    }
    assert not offenders, offenders


def test_no_form_widget_is_given_a_style_or_an_event_handler():
    offenders = [
        str(path.relative_to(SOURCE))
        for path in sorted(SOURCE.rglob("*.py"))
        if "tests" not in path.parts and WIDGET_ATTRS.search(path.read_text(encoding="utf-8"))
    ]
    assert not offenders, offenders


# --- In the browser ------------------------------------------------------------------------------

# Runs before any page script: records every violation the policy reports.
RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(
    `${event.violatedDirective} blocked ${event.blockedURI || "inline"} ` +
      `(${event.sourceFile || "page"}:${event.lineNumber}) ${event.sample || ""}`,
  );
});
"""

# The elements whose width or colour core/behaviours.js should have set from data attributes.
UNSTYLED = """() => {
  const percent = (el) => (el.style.width.endsWith("%") ? parseFloat(el.style.width) : NaN);
  const wrong = (el) => !(Math.abs(percent(el) - parseFloat(el.dataset.width)) < 0.01);
  return [
  ...[...document.querySelectorAll("[data-width]")].filter((el) => el.dataset.width && wrong(el)),
  ...[...document.querySelectorAll("[data-colour]")].filter((el) => !el.style.backgroundColor),
  ...[...document.querySelectorAll("[data-fill]")]
    .filter((el) => !el.style.getPropertyValue("--w")),
  ].map((el) => el.outerHTML.slice(0, 120));
}"""


class Walk:
    """Visits pages in one browser tab and collects everything that went wrong."""

    def __init__(self, page, base_url):
        self.page = page
        self.base_url = base_url
        self.problems: list[str] = []
        self.visited: set[str] = set()
        self.refused: list[str] = []
        page.add_init_script(RECORD_VIOLATIONS)
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.problems.append(f"{page.url}: {error}"))

    def _console(self, message):
        # The browser asks every site for /favicon.ico; this one has none (a 404, not a fault).
        # A page answered with an error status is logged too: visit() records those apart.
        source = message.location.get("url", "")
        if message.type != "error" or source.endswith("favicon.ico") or source == self.page.url:
            return
        self.problems.append(f"{self.page.url}: console: {message.text}")

    def visit(self, path: str, *, again: bool = False) -> None:
        if path in self.visited and not again:
            return
        self.visited.add(path)
        response = self.page.goto(self.base_url + path)
        if response is None:
            self.problems.append(f"{path}: no response")
            return
        if response.status >= 400:  # an access question, not this test's: the page is still checked
            self.refused.append(f"{path}: HTTP {response.status}")
        header = response.headers.get("content-security-policy", "")
        if not header or "unsafe-" in header:
            self.problems.append(f"{path}: policy {header!r}")
        self.hover_chart()
        self.settle()
        self.problems += [f"{path}: {v}" for v in self.page.evaluate("window.__cspViolations")]
        self.problems += [f"{path}: unstyled {html}" for html in self.page.evaluate(UNSTYLED)]

    def hover_chart(self) -> None:
        """Shows a chart's tooltip (ECharts builds it when the pointer is over the chart)."""
        chart = self.page.locator("[data-chart], #tier-chart").first
        if chart.count() and chart.is_visible():
            box = chart.bounding_box()
            self.page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] * 0.6)
            self.page.mouse.move(box["x"] + box["width"] / 3, box["y"] + box["height"] * 0.7)

    def settle(self) -> None:
        """Violation events are queued as tasks: let those of the page's load arrive."""
        self.page.evaluate("() => new Promise((resolve) => setTimeout(resolve, 60))")


def detail_pages(role) -> list[str]:
    """Pages reached from the lists, with the bars, legends, charts and forms whose inline
    code moved to static files."""
    from talentzone.awards.models import Assignment, Round
    from talentzone.directory.models import Enterprise, Talent
    from talentzone.policies.models import Application, Policy
    from talentzone.recruiting.models import Demand, Referral

    def url(name, obj):
        return [reverse(name, args=[obj.pk])] if obj is not None else []

    if role == Role.OFFICE_ADMIN:
        rounds = list(Round.objects.order_by("pk"))
        pages = [reverse("policies:policy-new"), reverse("directory:import-new")]
        pages += url("policies:policy-edit", Policy.objects.order_by("pk").first())
        pages += url("policies:application-detail", Application.objects.order_by("pk").first())
        pages += url("recruiting:demand-matches", Demand.objects.order_by("pk").first())
        pages += url("recruiting:referral-detail", Referral.objects.order_by("pk").first())
        pages += url("insights:talent-timeline", Talent.objects.order_by("pk").first())
        pages += url("insights:enterprise-timeline", Enterprise.objects.order_by("pk").first())
        for round_ in rounds[:3]:
            pages += url("awards:round", round_) + url("awards:ranking", round_)
            pages += url("awards:panel", round_)
        return pages
    if role == Role.EXPERT:
        assignment = Assignment.objects.filter(expert__user__username="expert").first()
        return url("awards:score", assignment)
    return []


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(not Path(CHROMIUM).exists(), reason=f"{CHROMIUM} missing: `make browser`")
@pytest.mark.usefixtures("demo_zone")
def test_every_role_s_pages_run_under_the_policy_without_a_violation(live_server, page):
    User = get_user_model()
    walk = Walk(page, live_server.url)
    for role in Role:
        signed_out(page)
        sign_in(page, live_server, DEMO_USERNAMES[role])
        expect(page.get_by_test_id("home-title")).to_be_visible()
        user = User.objects.get(username=DEMO_USERNAMES[role])
        walk.visit("/", again=True)  # each role's home has its own panels
        for entry in menu_for(user, role):
            walk.visit(entry.url)
        for path in detail_pages(role):
            walk.visit(path)
        if role == Role.OFFICE_ADMIN:
            office_tools(walk)

    assert not walk.problems, "\n".join(walk.problems)
    assert len(walk.visited) > 60, sorted(walk.visited)  # the walk did reach the menus


def office_tools(walk: Walk) -> None:
    """The API documentation (Swagger UI, an operation opened) and the Django admin."""
    walk.visit(reverse("swagger-ui"))
    operation = walk.page.locator(".opblock-summary").first
    operation.wait_for()
    operation.click()
    walk.page.locator(".opblock-body").first.wait_for()
    walk.settle()
    walk.problems += [f"swagger: {v}" for v in walk.page.evaluate("window.__cspViolations")]
    for path in (
        reverse("admin:index"),
        reverse("admin:directory_talent_changelist"),
        reverse("admin:directory_talent_add"),
        reverse("admin:policies_policy_changelist"),
    ):
        walk.visit(path)
