"""Routes of the timeline_api_urls part (filled in by its work)."""

urlpatterns: list = []
