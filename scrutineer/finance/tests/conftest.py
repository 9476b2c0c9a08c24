import pytest

from scrutineer.finance.models import BudgetMonitoring, CapitalProgramme


@pytest.fixture
def monitoring(demo):
    """The demo council's Budget Monitoring 2020/21, Quarter 3."""
    return BudgetMonitoring.objects.select_related("portfolio", "period").get()


@pytest.fixture
def programme(demo):
    """The demo council's capital programme, Quarter 3 2020/21."""
    return CapitalProgramme.objects.select_related("portfolio", "period").get()


@pytest.fixture
def budget_url(monitoring):
    return f"/finance/{monitoring.portfolio.slug}/2020-21-Q3/budget/"


@pytest.fixture
def capital_url(programme):
    return f"/finance/{programme.portfolio.slug}/2020-21-Q3/capital/"
