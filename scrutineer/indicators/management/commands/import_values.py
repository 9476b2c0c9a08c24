from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from scrutineer.core.tabular import ImportRejected, read_table
from scrutineer.indicators import imports, selectors


class Command(BaseCommand):
    help = (
        "Import indicator values and benchmarks from a CSV or Excel file (columns indicator, period, value; "
        "optionally split, comparator, part). All of it or nothing: any bad row rejects the file."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)
        parser.add_argument("--portfolio", help="the portfolio's slug; by default the one with the index")

    def handle(self, *args, path: Path, portfolio: str | None, **options):
        if not path.is_file():
            raise CommandError(f"{path} is not a file.")
        target = selectors.index_portfolio(slug=portfolio)
        if target is None:
            raise CommandError("No portfolio with a performance index: name one with --portfolio.")
        try:
            result = imports.values_import(portfolio=target, table=read_table(path), source=path.name)
        except ImportRejected as rejected:
            for error in rejected.errors:
                self.stderr.write(str(error))
            raise CommandError(str(rejected)) from None
        self.stdout.write(f"Imported {path.name}: {result.summary}")
        if result.review:
            self.stdout.write(f"{len(result.review)} legacy x imported as suppressed (c); check each:")
            for line in result.review:
                self.stdout.write(f"  {line}")
