from scrutineer.finance.services import budget_import

from ._finance_import import FinanceImportCommand


class Command(FinanceImportCommand):
    help = (
        "Import budget lines for a quarter from a CSV or Excel file: scrutineer import-budget FILE --period 2020-21-Q3."
    )
    what = "budget lines"

    def importer(self, **kwargs):
        return budget_import(**kwargs)
