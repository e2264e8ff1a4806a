"""/api/v1/core/…: the audit trail (office admin) and each user's own notifications."""

from rest_framework.routers import DefaultRouter

from .audit_api import AuditRecordViewSet
from .notifications_api import NotificationViewSet

app_name = "core-api"

router = DefaultRouter()
router.register("audit-records", AuditRecordViewSet, basename="auditrecord")
router.register("notifications", NotificationViewSet, basename="notification")

urlpatterns = router.urls
