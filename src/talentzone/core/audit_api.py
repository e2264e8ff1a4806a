"""/api/v1/core/audit-records/ (routed in api_urls.py): the audit trail, read only, for the
office admin.

The same filters as the page (`audit_filters`), newest first. There is no write endpoint: the
services write the trail, and the database refuses every change to it.
"""

from django_filters.rest_framework import DjangoFilterBackend
from rest_framework import permissions, serializers, viewsets

from .audit import may_read_trail
from .audit_filters import AuditRecordFilter
from .models import AuditRecord


class AuditRecordSerializer(serializers.ModelSerializer):
    class Meta:
        model = AuditRecord
        fields = [
            "id",
            "seq",
            "at",
            "actor",
            "actor_name",
            "action",
            "target_type",
            "target_id",
            "target_repr",
            "changes",
            "detail",
            "ip",
            "prev_hash",
            "hash",
        ]
        read_only_fields = fields


class ReadsAuditTrail(permissions.IsAuthenticated):
    """Signed in, and the office admin: everyone else is told 403, not shown an empty list."""

    def has_permission(self, request, view) -> bool:
        return super().has_permission(request, view) and may_read_trail(request.user)


class AuditRecordViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = AuditRecord.objects.order_by("-seq")
    serializer_class = AuditRecordSerializer
    permission_classes = [ReadsAuditTrail]
    filter_backends = [DjangoFilterBackend]
    filterset_class = AuditRecordFilter
