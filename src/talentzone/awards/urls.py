"""The evaluations' pages under /awards/: URL names are `awards:<name>` (see views/)."""

from django.urls import path

from .views import nominations, ranking, rounds, scoring

app_name = "awards"

urlpatterns = [
    path("", rounds.rounds, name="rounds"),
    path("new/", rounds.round_new, name="round-new"),
    path("<int:pk>/", rounds.round_detail, name="round"),
    path("<int:pk>/edit/", rounds.round_edit, name="round-edit"),
    path(
        "<int:pk>/do/<str:action>/",
        rounds.round_action,
        name="round-action",
    ),
    path("<int:pk>/panel/", rounds.panel, name="panel"),
    path("<int:pk>/nominations/", nominations.nominations, name="nominations"),
    path("<int:pk>/nominate/", nominations.nominate, name="nominate"),
    path("<int:pk>/ranking/", ranking.ranking, name="ranking"),
    path("<int:pk>/ranking.xlsx", ranking.ranking_export, name="ranking-export"),
    path("<int:pk>/notice/", ranking.notice, name="notice"),
    path("notices/", ranking.notices, name="notices"),
    path("nominations/", nominations.my_nominations, name="my-nominations"),
    path("nominations/<int:pk>/", nominations.nomination_detail, name="nomination"),
    path("nominations/<int:pk>/screen/", nominations.nomination_screen, name="nomination-screen"),
    path("attachments/<int:pk>/", nominations.attachment, name="attachment"),
    path("scoring/", scoring.scoring, name="scoring"),
    path("scoring/<int:pk>/", scoring.score, name="score"),
    path("objections/<int:pk>/resolve/", ranking.objection_resolve, name="objection-resolve"),
    path("entries/<int:pk>/outcome/", ranking.outcome, name="outcome"),
]
