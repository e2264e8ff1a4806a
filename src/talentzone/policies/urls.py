"""The policies app's pages under /policies/: URL names are `policies:<name>`.

Three groups, one module each: what applicants see and do (views/applicant.py), what reviewers
decide (views/review.py), what the talent office manages (views/office.py).
"""

from .views import applicant, office, review

app_name = "policies"

urlpatterns = [*applicant.urlpatterns, *review.urlpatterns, *office.urlpatterns]
