from django.urls import path, register_converter

from . import views


class PartConverter:
    regex = "[12]"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value: int) -> str:
        return str(value)


register_converter(PartConverter, "part")

app_name = "reports"

urlpatterns = [
    path("", views.index, name="index"),
    path("<slug:portfolio>/<slug:period>/", views.period_reports, name="period"),
    path("<slug:portfolio>/<slug:kind>/<slug:period>/cover-sheet/", views.cover_sheet, name="cover_sheet"),
    path("<slug:portfolio>/<slug:kind>/<slug:period>/publish/", views.publish, name="publish"),
    path("<slug:portfolio>/<slug:kind>/<slug:period>/withdraw/", views.withdraw, name="withdraw"),
    path(
        "<slug:portfolio>/<slug:kind>/<slug:period>/part-<part:part>.<slug:format>",
        views.download,
        name="download",
    ),
]
