from django.contrib.auth import views as auth_views
from django.urls import path

from . import audit_views, health, notification_views, views

urlpatterns = [
    path("", views.home, name="home"),
    # for probes and Prometheus: no sign-in, never cached (core/health.py)
    path("healthz", health.healthz, name="healthz"),
    path("metrics", health.metrics, name="metrics"),
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("role/", views.switch_role, name="switch-role"),
    path("audit/", audit_views.audit_list, name="audit-list"),
    path("audit/verify/", audit_views.audit_verify, name="audit-verify"),
    path("notifications/", notification_views.notification_list, name="notifications"),
    path(
        "notifications/<int:pk>/",
        notification_views.notification_open,
        name="notification-open",
    ),
    path(
        "notifications/read-all/",
        notification_views.notifications_read_all,
        name="notifications-read-all",
    ),
]
