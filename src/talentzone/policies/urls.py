"""The policies app's pages under /policies/: URL names are `policies:<name>`.

Three groups, one module each: applications and offers, for applicants and deciders
(views/applications.py); reviewers' queues and public notices (views/review.py); what the
talent office manages (views/office.py).
"""

from .views import applications, office, review

app_name = "policies"

urlpatterns = [*applications.urlpatterns, *review.urlpatterns, *office.urlpatterns]
