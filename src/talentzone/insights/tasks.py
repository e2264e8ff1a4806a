"""The statistics' background work (Celery autodiscovers this module)."""

from . import report_tasks  # noqa: F401  (the reports' task lives beside the reports)
