import pytest
from django.test import RequestFactory

from scrutineer.accounts.models import Part2Access
from scrutineer.accounts.services import part2_access_record

pytestmark = pytest.mark.django_db


def test_a_part2_read_is_recorded_and_cannot_be_changed(committee_member):
    request = RequestFactory().get("/reports/performance/2020-12/part-2.pdf")
    request.user = committee_member
    entry = part2_access_record(request=request, what="Performance report Part 2 (PDF)")
    assert (entry.user, entry.path) == (committee_member, "/reports/performance/2020-12/part-2.pdf")
    entry.what = "something else"
    with pytest.raises(PermissionError):
        entry.save()
    with pytest.raises(PermissionError):
        entry.delete()
    assert Part2Access.objects.get().what == "Performance report Part 2 (PDF)"
