from scrutineer.finance.services import capital_import

from ._finance_import import FinanceImportCommand


class Command(FinanceImportCommand):
    help = "Import capital schemes for a quarter from a CSV or Excel file: scrutineer import-capital FILE --period Q."
    what = "capital schemes"

    def importer(self, **kwargs):
        return capital_import(**kwargs)
