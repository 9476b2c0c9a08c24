"""The demo council starts with the default policy, from the data file."""

from scrutineer.core.models import Organisation
from scrutineer.demo.loader import load_demo
from scrutineer.disclosure.selectors import disclosure_policy_current
from scrutineer.domain.disclosure import Policy


def test_the_demo_council_has_the_dfe_policy_once_however_often_it_loads(demo):
    load_demo()
    bromley = Organisation.objects.get(slug="bromley")
    assert bromley.disclosure_policies.count() == 1
    policy = disclosure_policy_current(organisation=bromley)
    assert policy.as_policy() == Policy.for_preset("dfe-la", threshold=5, version=1)
    assert "004_5a7191a0a14e1e5f.txt:4046" in policy.reason
