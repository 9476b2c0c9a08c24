from django.urls import path

from . import views

app_name = "reports"

urlpatterns = [
    path("", views.index, name="index"),
    path("<slug:portfolio>/<slug:period>/", views.period_reports, name="period"),
    path("<slug:portfolio>/<slug:kind>/<slug:period>/cover-sheet/", views.cover_sheet, name="cover_sheet"),
    path("<slug:portfolio>/<slug:kind>/<slug:period>/publish/", views.publish, name="publish"),
    path("<slug:portfolio>/<slug:kind>/<slug:period>/withdraw/", views.withdraw, name="withdraw"),
    path(
        "<slug:portfolio>/<slug:kind>/<slug:period>/part-1.<slug:format>", views.download_part1, name="download_part1"
    ),
    path(
        "<slug:portfolio>/<slug:kind>/<slug:period>/part-2.<slug:format>", views.download_part2, name="download_part2"
    ),
]
