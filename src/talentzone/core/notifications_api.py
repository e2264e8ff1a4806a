"""/api/v1/core/notifications/: the caller's own notifications, newest first, and marking them
read. Nobody reads another's: a notification of someone else answers 404."""

import django_filters
from django.utils.translation import gettext_lazy as _
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, permissions, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from .models import Notification
from .notifications import mark_read, unread_count


class NotificationSerializer(serializers.ModelSerializer):
    class Meta:
        model = Notification
        fields = ["id", "title", "body", "url", "created_at", "read_at"]
        read_only_fields = fields


class MarkReadSerializer(serializers.Serializer):
    ids = serializers.ListField(
        child=serializers.IntegerField(),
        required=False,
        help_text=_("The notifications to mark read; left out: all of them."),
    )


class MarkedSerializer(serializers.Serializer):
    marked = serializers.IntegerField(help_text=_("How many were unread and are now read."))
    unread = serializers.IntegerField(help_text=_("How many are still unread."))


class NotificationFilter(django_filters.FilterSet):
    unread = django_filters.BooleanFilter(
        field_name="read_at", lookup_expr="isnull", label=_("Unread only")
    )

    class Meta:
        model = Notification
        fields = ["unread"]


class NotificationViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    queryset = Notification.objects.none()  # the schema's model; requests use get_queryset()
    serializer_class = NotificationSerializer
    permission_classes = [permissions.IsAuthenticated]
    filter_backends = [DjangoFilterBackend]
    filterset_class = NotificationFilter

    def get_queryset(self):
        return Notification.objects.filter(recipient=self.request.user).order_by(
            "-created_at", "-id"
        )

    @extend_schema(request=MarkReadSerializer, responses=MarkedSerializer)
    @action(detail=False, methods=["post"], filter_backends=[])
    def read(self, request):
        """Mark the caller's notifications read: those named (others' are ignored), or all."""
        form = MarkReadSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        marked = mark_read(request.user, form.validated_data.get("ids"))
        return Response({"marked": marked, "unread": unread_count(request.user)})
