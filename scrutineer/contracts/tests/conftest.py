import pytest

from scrutineer.core.models import Organisation, Portfolio


@pytest.fixture
def council(db):
    """A council with the demo's portfolio and no contracts data: quicker than the whole demo where that
    is not needed. The test database holds the demo council (conftest.py), so its contracts data is
    removed first, inside the test's transaction."""
    from scrutineer.contracts.models import Contract, ContractRules, PublishedCount, RegisterEntry, ReportingCycle

    organisation, _ = Organisation.objects.get_or_create(slug="bromley", defaults={"name": "London Borough of Bromley"})
    Portfolio.objects.get_or_create(
        organisation=organisation,
        slug="children-education-families",
        defaults={"name": "Children, Education and Families"},
    )
    RegisterEntry.objects.filter(cycle__organisation=organisation).delete()
    PublishedCount.objects.filter(cycle__organisation=organisation).delete()
    ReportingCycle.objects.filter(organisation=organisation).delete()
    Contract.objects.filter(organisation=organisation).delete()
    ContractRules.objects.filter(organisation=organisation).delete()
    return organisation


@pytest.fixture
def council_register(council):
    """`council` with the demo contracts register loaded (February 2021, and the published counts)."""
    from scrutineer.contracts.demo import load_contracts
    from scrutineer.demo.loader import DATA_DIR

    load_contracts(organisation=council, data_dir=DATA_DIR)
    return council
