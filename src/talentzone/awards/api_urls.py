"""/api/v1/awards/…: rounds, nominations, experts' assignments, rankings and objections
(namespace `awards-api`; the pages are `awards:`)."""

app_name = "awards-api"

urlpatterns = []
