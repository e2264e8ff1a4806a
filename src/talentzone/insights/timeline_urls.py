"""Routes of the timeline_urls part (filled in by its work)."""

urlpatterns: list = []
