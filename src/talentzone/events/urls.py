"""events' pages under /events/: URL names are `events:<name>` (see views/)."""

from django.urls import path

from .views import checkin, organisers, talents

app_name = "events"

urlpatterns = [
    # Talents
    path("", talents.upcoming, name="upcoming"),
    path("mine/", talents.my_registrations, name="my-registrations"),
    path("certificates/", talents.my_certificates, name="my-certificates"),
    path("certificates/<int:pk>/pdf/", talents.certificate_pdf, name="certificate-pdf"),
    path("<int:pk>/", talents.event_detail, name="event-detail"),
    path("<int:pk>/register/", talents.register, name="register"),
    path("registrations/<int:pk>/cancel/", talents.registration_cancel, name="registration-cancel"),
    path("stations/<int:pk>/follow/", talents.station_follow, name="station-follow"),
    path("stations/<int:pk>/unfollow/", talents.station_unfollow, name="station-unfollow"),
    # Organisers
    path("manage/", organisers.event_list, name="event-list"),
    path("new/", organisers.event_create, name="event-create"),
    path("<int:pk>/edit/", organisers.event_edit, name="event-edit"),
    path("<int:pk>/publish/", organisers.event_publish, name="event-publish"),
    path("<int:pk>/cancel/", organisers.event_cancel, name="event-cancel"),
    path("<int:pk>/registrations/", organisers.registrations, name="registrations"),
    path(
        "<int:pk>/registrations/export/",
        organisers.registrations_export,
        name="registrations-export",
    ),
    path("<int:pk>/certificates/", organisers.certificates_issue, name="certificates-issue"),
    path("<int:pk>/check-in/", checkin.check_in, name="check-in"),
    path("attendance/", organisers.attendance, name="attendance"),
]
