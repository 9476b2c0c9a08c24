import pytest

from scrutineer.core.models import Organisation, Portfolio


@pytest.fixture
def council(db):
    """A council with the demo's portfolio and no data: quicker than the whole demo where that is not needed."""
    organisation = Organisation.objects.create(name="London Borough of Bromley", slug="bromley")
    Portfolio.objects.create(
        organisation=organisation, name="Children, Education and Families", slug="children-education-families"
    )
    return organisation


@pytest.fixture
def council_register(council):
    """`council` with the demo contracts register loaded (February 2021, and the published counts)."""
    from scrutineer.contracts.demo import load_contracts
    from scrutineer.demo.loader import DATA_DIR

    load_contracts(organisation=council, data_dir=DATA_DIR)
    return council
