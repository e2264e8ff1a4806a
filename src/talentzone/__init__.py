"""talentzone: 开发区人才服务平台, a talent service platform for an industrial development zone."""

from .celery import app as celery_app

__all__ = ["celery_app"]
