"""Routes of the report_api_urls part (filled in by its work)."""

urlpatterns: list = []
