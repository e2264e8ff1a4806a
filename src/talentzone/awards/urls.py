"""The evaluations' pages under /awards/: URL names are `awards:<name>` (see views/)."""

app_name = "awards"

urlpatterns = []
