from django.contrib.auth import views as auth_views
from django.urls import path

from . import audit_views, views

urlpatterns = [
    path("", views.home, name="home"),
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("role/", views.switch_role, name="switch-role"),
    path("audit/", audit_views.audit_list, name="audit-list"),
    path("audit/verify/", audit_views.audit_verify, name="audit-verify"),
]
