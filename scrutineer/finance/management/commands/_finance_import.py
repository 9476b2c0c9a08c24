"""What the two finance import commands share: arguments, finding the portfolio and quarter."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from scrutineer.core.models import Portfolio, ReportingPeriod
from scrutineer.core.selectors import default_organisation
from scrutineer.core.tabular import ImportRejected, read_table
from scrutineer.domain.periods import FinancialQuarter, PeriodError


class FinanceImportCommand(BaseCommand):
    what = ""

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path, help="A CSV file or an Excel workbook (.xlsx).")
        parser.add_argument("--period", required=True, help="The quarter, e.g. 2020-21-Q3.")
        parser.add_argument("--portfolio", help="The portfolio's slug; needed when the council has several.")

    def importer(self, **kwargs):
        raise NotImplementedError

    def handle(self, *args, path: Path, period: str, portfolio: str | None, **options):
        organisation = default_organisation()
        portfolio_obj = self._portfolio(organisation, portfolio)
        period_obj = self._period(organisation, period)
        if not path.exists():
            raise CommandError(f"{path} does not exist.")
        try:
            report, result = self.importer(portfolio=portfolio_obj, period=period_obj, table=read_table(path))
        except ImportRejected as rejected:
            for error in rejected.errors:
                self.stderr.write(str(error))
            raise CommandError(f"{len(rejected.errors)} problem(s); nothing was imported.") from None
        change = "imported" if result.changed else "unchanged (the file matches what is held)"
        self.stdout.write(f"{result.lines} {self.what} {change}: {report}")

    def _portfolio(self, organisation, slug):
        portfolios = Portfolio.objects.filter(organisation=organisation)
        if slug:
            portfolios = portfolios.filter(slug=slug)
        found = list(portfolios[:2])
        if len(found) != 1:
            raise CommandError("Name the portfolio with --portfolio SLUG." if found else "No such portfolio.")
        return found[0]

    def _period(self, organisation, text):
        try:
            quarter = FinancialQuarter.parse(text)
        except PeriodError as error:
            raise CommandError(str(error)) from None
        period = ReportingPeriod.objects.filter(
            organisation=organisation, year=quarter.start_year, quarter=quarter.quarter
        ).first()
        if period is None:
            raise CommandError(f"There is no reporting period {quarter.long_label}; set it up first.")
        return period
