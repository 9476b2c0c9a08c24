"""`scrutineer import-plan PATH`: load a plan document as a new plan, or as updates to a plan already loaded.

All or nothing: every problem is listed, and nothing is written unless there are none.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from scrutineer.core.models import CorporateStrategy, Organisation, Portfolio, ReportingPeriod
from scrutineer.core.selectors import default_organisation
from scrutineer.domain.periods import FinancialQuarter, PeriodError
from scrutineer.importers.readers import LineRange, PlanFileError, read_plan_file
from scrutineer.importers.services import (
    PlanImportRejected,
    new_plan_defaults,
    plan_import_new,
    plan_import_updates,
)
from scrutineer.plans.models import Plan


class Command(BaseCommand):
    help = (
        "Import a plan from a text export, Word (.docx), Excel (.xlsx) or CSV file: as a new plan, or with "
        "--plan SLUG as the updates of an open reporting period for a plan already in Scrutineer. Imported "
        "updates arrive as 'submitted' for the performance team to review."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="the file to import")
        parser.add_argument("--lines", help="read only these lines of a text export, e.g. 686-867")
        parser.add_argument("--organisation", help="the council's slug (default: the only or default council)")
        parser.add_argument("--portfolio", help="the portfolio's slug (default: the council's only portfolio)")
        parser.add_argument("--plan", help="import the document's updates into this existing plan (its slug)")
        parser.add_argument("--period", help="the reporting period of the updates, e.g. 2020-21-Q3")
        parser.add_argument("--title", help="the new plan's title (default: the document's)")
        parser.add_argument("--slug", help="the new plan's web name (default: from the title)")
        parser.add_argument("--period-label", help='the years the plan covers as printed, e.g. "2018 to 2022"')
        parser.add_argument("--start-year", type=int, help="first financial year, e.g. 2018 for 2018/19")
        parser.add_argument("--end-year", type=int, help="last financial year, e.g. 2021 for 2021/22")
        parser.add_argument("--edition", default=None, help='the yearly refresh, e.g. "2020/21"')
        parser.add_argument("--status", choices=[s.value for s in Plan.Status], default=Plan.Status.APPROVED)
        parser.add_argument("--strategy", help="the corporate strategy the plan's ambitions belong to (its name)")
        parser.add_argument("--no-updates", action="store_true", help="leave out the document's update text")

    def handle(self, *args, **options):
        file = Path(options["path"])
        if not file.is_file():
            raise CommandError(f"No such file: {file}")
        lines = options["lines"]
        try:
            document = read_plan_file(file.read_bytes(), file.name, lines=LineRange.parse(lines) if lines else None)
        except PlanFileError as error:
            raise CommandError(str(error)) from None
        organisation = self._organisation(options["organisation"])
        try:
            if options["plan"]:
                self._updates(document, organisation, options)
            else:
                self._new_plan(document, organisation, file.name, options)
        except PlanImportRejected as rejected:
            listing = "\n".join(f"  {p.location}: {p.message}" for p in rejected.problems)
            raise CommandError(f"Nothing was imported. {len(rejected.problems)} problem(s):\n{listing}") from None
        self._warnings(document)

    def _new_plan(self, document, organisation, file_name, options):
        portfolio = self._portfolio(organisation, options["portfolio"])
        defaults = new_plan_defaults(document)
        period = None
        if not options["no_updates"]:
            period = self._period(organisation, options["period"] or defaults.update_period, required=False)
        strategy = None
        if options["strategy"]:
            strategy = CorporateStrategy.objects.filter(organisation=organisation, name=options["strategy"]).first()
            if strategy is None:
                raise CommandError(f"No corporate strategy named {options['strategy']!r}.")
        plan = plan_import_new(
            document=document,
            portfolio=portfolio,
            slug=options["slug"] or defaults.slug,
            title=options["title"] or defaults.title,
            period_label=options["period_label"] or defaults.period_label,
            start_year=options["start_year"] or defaults.start_year,
            end_year=options["end_year"] or defaults.end_year,
            edition=defaults.edition if options["edition"] is None else options["edition"],
            status=options["status"],
            update_period=period,
            include_updates=not options["no_updates"],
            strategy=strategy,
            source=f"Imported from {file_name}",
        )
        counts = (len(document.priorities), len(document.actions), len(document.sub_actions))
        self.stdout.write(
            f"Imported {plan.title} ({plan.slug}): {counts[0]} priorities, {counts[1]} actions, "
            f"{counts[2]} sub-actions."
        )
        updates = sum(1 for sub in document.sub_actions if sub.update)
        if updates and period is not None and not options["no_updates"]:
            self.stdout.write(f"{updates} updates for {period.long_label} are waiting for review (submitted).")

    def _updates(self, document, organisation, options):
        plans = Plan.objects.filter(portfolio__organisation=organisation, slug=options["plan"])
        if options["portfolio"]:
            plans = plans.filter(portfolio__slug=options["portfolio"])
        plan = plans.first()
        if plan is None:
            raise CommandError(f"No plan {options['plan']!r} in {organisation}.")
        defaults = new_plan_defaults(document)
        period = self._period(organisation, options["period"] or defaults.update_period, required=True)
        result = plan_import_updates(document=document, plan=plan, period=period)
        self.stdout.write(
            f"Updates for {period.long_label} imported into {plan.title}: {result.created} new, "
            f"{result.replaced} replaced, {result.unchanged} unchanged; {result.without_update} sub-actions "
            "have no update in the document. Imported updates are waiting for review (submitted)."
        )

    def _warnings(self, document):
        if document.warnings:
            self.stderr.write(f"{len(document.warnings)} warning(s) from reading the document:")
            for warning in document.warnings:
                self.stderr.write(f"  {warning.location}: {warning.message}")
        if document.indicators:
            self.stderr.write(
                f"The plan lists {len(document.indicators)} indicators; they were read but not imported "
                "(indicators are loaded through the performance index)."
            )

    def _organisation(self, slug):
        if slug:
            organisation = Organisation.objects.filter(slug=slug).first()
            if organisation is None:
                raise CommandError(f"No council {slug!r}.")
            return organisation
        organisation = default_organisation()
        if organisation is None:
            raise CommandError("There is no council yet: load one first (scrutineer load-demo for the demo).")
        return organisation

    def _portfolio(self, organisation, slug):
        portfolios = Portfolio.objects.filter(organisation=organisation)
        if slug:
            portfolio = portfolios.filter(slug=slug).first()
            if portfolio is None:
                raise CommandError(f"No portfolio {slug!r} in {organisation}.")
            return portfolio
        found = list(portfolios[:2])
        if len(found) != 1:
            raise CommandError(f"Say which portfolio of {organisation} the plan belongs to (--portfolio).")
        return found[0]

    def _period(self, organisation, text, *, required):
        if not text:
            if required:
                raise CommandError("Say which reporting period the updates are for (--period 2020-21-Q3).")
            return None
        try:
            quarter = FinancialQuarter.parse(text)
        except PeriodError as error:
            raise CommandError(str(error)) from None
        period = ReportingPeriod.objects.filter(
            organisation=organisation, year=quarter.start_year, quarter=quarter.quarter
        ).first()
        if period is None:
            raise CommandError(
                f"{organisation} has no reporting period {quarter.long_label}: add it, choose another with "
                "--period, or leave the updates out with --no-updates."
            )
        return period
