import pytest

from scrutineer.core.models import Organisation, Portfolio


@pytest.fixture
def council(db):
    """A council with the demo's portfolio and no data: quicker than the whole demo where that is not needed."""
    from scrutineer.contracts.models import Contract, ContractRules, PublishedCount, RegisterEntry, ReportingCycle

    organisation, _ = Organisation.objects.get_or_create(slug="bromley", defaults={"name": "London Borough of Bromley"})
    Portfolio.objects.get_or_create(
        organisation=organisation,
        slug="children-education-families",
        defaults={"name": "Children, Education and Families"},
    )
    # The test database holds the whole demo council: clear its contracts (rolled back after the test).
    for model in (RegisterEntry, PublishedCount, Contract, ReportingCycle, ContractRules):
        model.objects.all().delete()
    return organisation


@pytest.fixture
def council_register(council):
    """`council` with the demo contracts register loaded (February 2021, and the published counts)."""
    from scrutineer.contracts.demo import load_contracts
    from scrutineer.demo.loader import DATA_DIR

    load_contracts(organisation=council, data_dir=DATA_DIR)
    return council
