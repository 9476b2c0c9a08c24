from datetime import date

from django.urls import path, register_converter

from .views import manage, pages


class DateConverter:
    """A meeting's date, as the command line names it: 2021-03-10."""

    regex = r"\d{4}-\d{2}-\d{2}"

    def to_python(self, value: str) -> date:
        try:
            return date.fromisoformat(value)
        except ValueError:
            raise ValueError(value) from None  # no such date: the URL does not match

    def to_url(self, value: date | str) -> str:
        return value if isinstance(value, str) else value.isoformat()


register_converter(DateConverter, "meeting_date")

app_name = "committees"

urlpatterns = [
    path("", pages.index, name="index"),
    path("<slug:committee>/", pages.committee, name="committee"),
    path("<slug:committee>/meetings/new/", manage.meeting_create, name="meeting_create"),
    path("<slug:committee>/work-programme/", pages.work_programme, name="work_programme"),
    path("<slug:committee>/work-programme/new/", manage.programme_item_create, name="programme_item_create"),
    path(
        "<slug:committee>/work-programme/items/<int:pk>/edit/", manage.programme_item_edit, name="programme_item_edit"
    ),
    path("<slug:committee>/work-programme/<slug:year>/", pages.work_programme, name="work_programme_year"),
    path("<slug:committee>/matters-outstanding/", pages.matters, name="matters"),
    path("<slug:committee>/matters-outstanding/new/", manage.matter_create, name="matter_create"),
    path("<slug:committee>/matters-outstanding/<int:pk>/edit/", manage.matter_edit, name="matter_edit"),
    path("<slug:committee>/risk-register/", pages.risk_register, name="risk_register"),
    path("<slug:committee>/risk-register/part-2/", pages.risk_register_part2, name="risk_register_part2"),
    path("<slug:committee>/risk-register/new/", manage.risk_create, name="risk_create"),
    path("<slug:committee>/risk-register/<slug:risk>/edit/", manage.risk_edit, name="risk_edit"),
    path("<slug:committee>/risk-register/<slug:risk>/review/", manage.risk_review, name="risk_review"),
    path("<slug:committee>/<meeting_date:day>/", pages.meeting, name="meeting"),
    path("<slug:committee>/<meeting_date:day>/edit/", manage.meeting_edit, name="meeting_edit"),
    path("<slug:committee>/<meeting_date:day>/publish/", manage.meeting_publish, name="meeting_publish"),
    path("<slug:committee>/<meeting_date:day>/part-2/", pages.meeting_part2, name="meeting_part2"),
    path("<slug:committee>/<meeting_date:day>/agenda-pack-part-1.pdf", pages.pack_part1, name="pack_part1"),
    path("<slug:committee>/<meeting_date:day>/agenda-pack-part-2.pdf", pages.pack_part2, name="pack_part2"),
    path("<slug:committee>/<meeting_date:day>/items/new/", manage.item_create, name="item_create"),
    path("<slug:committee>/<meeting_date:day>/items/<slug:item>/", pages.item, name="item"),
    path("<slug:committee>/<meeting_date:day>/items/<slug:item>/papers.pdf", pages.item_pdf, name="item_pdf"),
    path("<slug:committee>/<meeting_date:day>/items/<slug:item>/edit/", manage.item_edit, name="item_edit"),
    path("<slug:committee>/<meeting_date:day>/items/<slug:item>/upload/", manage.item_upload, name="item_upload"),
    path("<slug:committee>/<meeting_date:day>/items/<slug:item>/delete/", manage.item_delete, name="item_delete"),
    path("<slug:committee>/<meeting_date:day>/items/<slug:item>/minute/", manage.minute_edit, name="minute_edit"),
    path("<slug:committee>/<meeting_date:day>/part-2/items/<slug:item>/", pages.item_part2, name="item_part2"),
    path(
        "<slug:committee>/<meeting_date:day>/part-2/items/<slug:item>/papers.pdf",
        pages.item_pdf_part2,
        name="item_pdf_part2",
    ),
]
