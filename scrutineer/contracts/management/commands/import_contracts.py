from datetime import date
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from scrutineer.contracts.services import cycle_publish, register_import
from scrutineer.core.models import Organisation
from scrutineer.core.selectors import default_organisation
from scrutineer.core.tabular import ImportRejected
from scrutineer.domain.periods import Month, PeriodError


class Command(BaseCommand):
    help = (
        "Import a contracts register from a CSV or Excel file into a reporting cycle, all of it or nothing: "
        "scrutineer import-contracts FILE --cycle 2021-02 --as-at 2021-01-21"
    )

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)
        parser.add_argument("--cycle", required=True, help="the cycle's month, e.g. 2021-02")
        parser.add_argument("--as-at", required=True, help="the date the data is as at, e.g. 2021-01-21")
        parser.add_argument("--organisation", help="the council's slug (the default council if left out)")
        parser.add_argument("--whole-register", action="store_true", help="the file lists every portfolio")
        parser.add_argument("--publish", action="store_true", help="publish the cycle once imported")

    def handle(self, *args, path, cycle, as_at, organisation, whole_register, publish, **options):
        council = self._organisation(organisation)
        try:
            month, day = Month.parse(cycle), date.fromisoformat(as_at)
        except (PeriodError, ValueError) as error:
            raise CommandError(str(error)) from None
        if not path.exists():
            raise CommandError(f"{path} does not exist.")
        try:
            result = register_import(
                organisation=council, month=month, as_at=day, source=path, name=path.name, whole_register=whole_register
            )
        except ImportRejected as rejected:
            for error in rejected.errors:
                self.stderr.write(str(error))
            raise CommandError(str(rejected)) from None
        if publish:
            cycle_publish(cycle=result.cycle)
        state = "published" if result.cycle.is_published else "draft"
        self.stdout.write(
            f"{result.entries} contracts imported into {result.cycle.label} ({state}): {', '.join(result.portfolios)}; "
            f"{result.new_contracts} new to the register, {result.replaced} replaced."
        )

    def _organisation(self, slug):
        council = Organisation.objects.filter(slug=slug).first() if slug else default_organisation()
        if council is None:
            raise CommandError(f"No council {slug!r}." if slug else "No council is set up yet.")
        return council
