"""The talent apartments' pages under /housing/: URL names are `housing:<name>` (see views/)."""

from django.urls import path

from .views import household, office, schooling

app_name = "housing"

urlpatterns = [
    path("", household.mine, name="mine"),
    path("apply/", household.apply, name="apply"),
    path("schooling/apply/", household.schooling_apply, name="schooling_apply"),
    path("offers/<int:pk>/accept/", household.offer_accept, name="offer_accept"),
    path("offers/<int:pk>/decline/", household.offer_decline, name="offer_decline"),
    path("board/", office.board, name="board"),
    path("apartments/<int:pk>/repaired/", office.apartment_repaired, name="apartment_repaired"),
    path("queue/", office.queue, name="queue"),
    path("schemes/<int:pk>/round/", office.round_run, name="round_run"),
    path("rounds/<int:pk>/", office.round_report, name="round"),
    path("offers/", office.offers, name="offers"),
    path("offers/<int:pk>/sign/", office.lease_sign, name="lease_sign"),
    path("leases/", office.lease_list, name="leases"),
    path("leases/<int:pk>/", office.lease_detail, name="lease"),
    *[
        path(f"leases/<int:pk>/{action}/", office.lease_action, {"action": action}, name=action)
        for action in ("renew", "terminate", "inspection")
    ],
    path("schooling/", schooling.schooling, name="schooling"),
    path("schooling/<int:pk>/assign/", schooling.schooling_assign, name="schooling_assign"),
]
