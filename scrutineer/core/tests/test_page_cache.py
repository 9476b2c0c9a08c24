import re

import pytest
from django.urls import reverse

from scrutineer.plans.models import SubAction, Update

pytestmark = pytest.mark.django_db


def test_a_public_page_is_built_once_then_served_from_the_cache(client, demo, django_assert_max_num_queries):
    first = client.get("/")
    assert first.status_code == 200
    with django_assert_max_num_queries(0):
        second = client.get("/")

    def without_nonce(html: bytes) -> str:
        return re.sub(r'nonce="[^"]+"', "", html.decode())

    assert without_nonce(second.content) == without_nonce(first.content)


def test_a_committed_change_is_shown_at_once(client, demo):
    client.get("/")
    update = Update.objects.filter(text__startswith="MAPE").get()
    update.text = "MAPE rescheduled for June."
    update.save()
    html = client.get("/").content.decode()
    assert "MAPE rescheduled for June." in html
    assert "on hold due to COVID. The options" not in html


def test_deleting_content_also_invalidates(client, demo):
    client.get(reverse("plans:sub_action_list", args=[demo.slug]))
    SubAction.objects.filter(action__priority__plan=demo, letter="E").delete()
    html = client.get(reverse("plans:sub_action_list", args=[demo.slug])).content.decode()
    assert "Showing 31 of 31 sub-actions" in html


def test_each_response_carries_its_own_csp_nonce(client, demo):
    nonces = []
    for _ in range(2):
        response = client.get("/")
        header = re.search(r"'nonce-([^']+)'", response["Content-Security-Policy"]).group(1)
        assert f'nonce="{header}"' in response.content.decode()
        nonces.append(header)
    assert nonces[0] != nonces[1]


def test_query_strings_are_cached_apart(client, demo):
    url = reverse("plans:sub_action_list", args=[demo.slug])
    assert "Showing 2 of 32" in client.get(url + "?due=overdue").content.decode()
    assert "Showing 10 of 32" in client.get(url + "?due=annual-programme").content.decode()


def test_not_found_is_not_cached(client, demo):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get("/plans/nothing-here/")
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/plans/nothing-here/")
    assert response.status_code == 404
    assert len(queries) > 0  # built again, not served from the cache


def test_logging_a_part2_read_does_not_empty_the_cache(client, demo, committee_member, django_assert_max_num_queries):
    from django.test import RequestFactory

    from scrutineer.accounts.services import part2_access_record

    client.get("/")
    request = RequestFactory().get("/reports/x/part-2.pdf")
    request.user = committee_member
    part2_access_record(request=request, what="Part 2 report")
    with django_assert_max_num_queries(0):
        client.get("/")
