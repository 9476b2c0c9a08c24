"""`scrutineer store-published-reports`: keep the files of reports recorded as published without them."""

from django.core.management.base import BaseCommand, CommandError

from scrutineer.reports.models import Report
from scrutineer.reports.registry import report_kinds
from scrutineer.reports.services import ReportChanged, ReportIncomplete, report_publication_store


class Command(BaseCommand):
    help = (
        "Store the files (both parts, HTML, PDF and Word) of every report recorded as published whose files "
        "are not stored yet: reports imported as the council issued them, and reports published before "
        "Scrutineer kept published files. They are drawn from the data as it is now, so run this straight "
        "after loading or upgrading. Until then such a report is drawn afresh at each download. Safe to run twice."
    )

    def handle(self, *args: object, **options: object) -> None:
        kinds = report_kinds()
        waiting = Report.objects.filter(status=Report.Status.PUBLISHED, publication__isnull=True)
        failed = 0
        for report in waiting.select_related("portfolio__organisation").order_by("portfolio", "kind", "period"):
            kind = kinds.get(report.kind)
            if kind is None:
                self.stderr.write(f"Skipped {report}: no report kind {report.kind!r}.")
                failed += 1
                continue
            try:
                publication = report_publication_store(report=report, kind=kind)
            except (ReportIncomplete, ReportChanged, ValueError) as error:
                self.stderr.write(f"Skipped {report}: {error}")
                failed += 1
                continue
            self.stdout.write(
                f"Stored {kind.name} {report.period} as published, version {publication.number} "
                f"({publication.render_seconds} s to draw)"
            )
        if failed:
            raise CommandError(f"{failed} published report{'s' if failed != 1 else ''} not stored.")
