import pytest

from scrutineer.core.models import LeadRole, ReportingPeriod
from scrutineer.plans.models import DeliveryStatus, SubAction


@pytest.fixture
def q4(demo):
    return ReportingPeriod.objects.get(year=2020, quarter=4)


@pytest.fixture
def education_lead(demo, lead_officer):
    """A lead officer holding "Director Education" (11 sub-actions in the demo plan)."""
    lead_officer.lead_roles.add(LeadRole.objects.get(title="Director Education"))
    lead_officer.email = "lee.lead@example.org"
    lead_officer.organisation = demo.portfolio.organisation
    lead_officer.save()
    return lead_officer


@pytest.fixture
def adult_learning(demo):
    """Priority 3, action 7 "Improve life chances through adult learning": led by Director Education."""
    return SubAction.objects.get(action__priority__plan=demo, action__priority__number=3, action__number="7")


@pytest.fixture
def safeguarding_training(demo):
    """Priority 1, action 1: led by Director Children's Social Care, not Director Education."""
    return SubAction.objects.get(action__priority__plan=demo, action__priority__number=1, action__number="1")


@pytest.fixture
def on_track(demo):
    return DeliveryStatus.objects.get(name="On track")
