import pytest

from scrutineer.core.models import Portfolio
from scrutineer.domain.periods import Month

DECEMBER_2020 = Month(2020, 12)


@pytest.fixture
def portfolio(demo):
    """The demo portfolio, with the December 2020 performance index loaded."""
    return Portfolio.objects.get(slug="children-education-families")
