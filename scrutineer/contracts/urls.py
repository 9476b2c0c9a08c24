from django.urls import path, register_converter

from . import views


class CycleConverter:
    """A contract reporting cycle as year and month: 2021-02."""

    regex = r"\d{4}-\d{2}"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(CycleConverter, "cycle")

app_name = "contracts"

urlpatterns = [
    path("", views.index, name="index"),
    path("rules/", views.rules, name="rules"),
    path("data-quality/", views.data_quality, name="data_quality"),
    path("import/", views.import_register, name="import"),
    path("<cycle:cycle>/", views.cycle_detail, name="cycle"),
    path("<cycle:cycle>/publish/", views.publish, name="publish"),
    path("<cycle:cycle>/download/<slug:format>/", views.download, name="download"),
    path("<cycle:cycle>/<slug:portfolio>/", views.register, name="register"),
    path("<cycle:cycle>/<slug:portfolio>/part-2/", views.register_part2, name="register_part2"),
    path("<cycle:cycle>/<slug:portfolio>/<str:contract>/", views.contract_detail, name="contract"),
]
