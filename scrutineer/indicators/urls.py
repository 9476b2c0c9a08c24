from django.urls import path, register_converter

from scrutineer.domain.periods import Month, PeriodError

from . import views


class MonthConverter:
    """ "2020-12" in a path is the month the index is as at."""

    regex = r"\d{4}-\d{2}"

    def to_python(self, value: str) -> Month:
        try:
            return Month.parse(value)
        except PeriodError as error:
            raise ValueError(str(error)) from None

    def to_url(self, value: Month | str) -> str:
        return value.slug if isinstance(value, Month) else str(value)


class FormatConverter:
    regex = "csv|xlsx"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(MonthConverter, "month")
register_converter(FormatConverter, "table_format")

app_name = "indicators"

urlpatterns = [
    path("", views.index, name="index"),
    path("import/", views.import_values, name="import_values"),
    path("import/template.<table_format:file_format>", views.import_template, name="import_template"),
    path("<month:month>/", views.index, name="index_at"),
    path("<month:month>/indicators/<str:number>/", views.indicator_detail, name="indicator_detail"),
    path("<month:month>/indicators/<str:number>/rating/", views.rating_edit, name="rating_edit"),
    path("<month:month>/exceptions/", views.exceptions, name="exceptions"),
    path("<month:month>/exceptions/<str:number>/commentary/", views.commentary_edit, name="commentary_edit"),
    path("<month:month>/data-quality/", views.data_quality, name="data_quality"),
    path("<month:month>/performance-index.<table_format:file_format>", views.download, name="download"),
    path("<month:month>/part-2/", views.part2_index, name="part2_index"),
    path(
        "<month:month>/part-2/performance-index.<table_format:file_format>",
        views.part2_download,
        name="part2_download",
    ),
]
