"""Who reads the zone's figures. Nothing here writes the other apps' records.

* Leaders and the talent office read the overview, the office's view and every figure's API.
* Reviewers read the office's view (the figures of the work they review), not the wall screen.
* The 360° pages of a talent or an enterprise: the office, leaders, and grid officers for the
  talents and enterprises of their grid (the directory's scopes decide which records).
* Reports: the office asks for them; the office and leaders download them.
"""

import rules

from talentzone.core.choices import Role
from talentzone.core.roles import has_role


def any_role(*names: str) -> rules.Predicate:
    return rules.Predicate(
        lambda user: has_role(user, *names), name="has_" + "_or_".join(sorted(names))
    )


reads_overview = any_role(Role.LEADER, Role.OFFICE_ADMIN)
reads_figures = any_role(Role.LEADER, Role.OFFICE_ADMIN, Role.REVIEWER)
follows_records = any_role(Role.LEADER, Role.OFFICE_ADMIN, Role.GRID_OFFICER)
asks_for_reports = any_role(Role.OFFICE_ADMIN)

rules.add_perm("insights", asks_for_reports)  # the reports' section of the Django admin
rules.add_perm("insights.view_overview", reads_overview)
rules.add_perm("insights.view_figures", reads_figures)
rules.add_perm("insights.view_timeline", follows_records)
rules.add_perm("insights.request_report", asks_for_reports)
rules.add_perm("insights.view_reports", reads_overview)
