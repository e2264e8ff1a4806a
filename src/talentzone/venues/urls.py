"""The venues pages under /venues/: URL names are `venues:<name>` (see views/)."""

from django.urls import path

from .views import bookings, calendar, finder, office

app_name = "venues"

urlpatterns = [
    path("", calendar.venue_list, name="venue-list"),
    path("calendar/", calendar.park_calendar, name="park-calendar"),
    path("find/", finder.find_free, name="find-free"),
    path("new/", office.venue_create, name="venue-create"),
    path("<int:pk>/", calendar.venue_detail, name="venue-detail"),
    path("<int:pk>/edit/", office.venue_edit, name="venue-edit"),
    path("<int:pk>/closures/", office.closure_add, name="closure-add"),
    path("<int:pk>/closures/<int:closure>/remove/", office.closure_remove, name="closure-remove"),
    path("<int:pk>/feed/<str:token>.ics", calendar.venue_feed, name="venue-feed"),
    path("book/", bookings.booking_create, name="booking-create"),
    path("bookings/", bookings.booking_list, name="my-bookings"),
    path("bookings/<int:pk>/", bookings.booking_detail, name="booking-detail"),
    path("bookings/<int:pk>/cancel/", bookings.booking_cancel, name="booking-cancel"),
    path("bookings/<int:pk>/decide/", bookings.booking_decide, name="booking-decide"),
    path("approvals/", bookings.approval_queue, name="approvals"),
]
