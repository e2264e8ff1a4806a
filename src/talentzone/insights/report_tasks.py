"""The task that writes a report (filled in by its work)."""
