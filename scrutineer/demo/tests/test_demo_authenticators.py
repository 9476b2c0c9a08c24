"""Demo accounts come with an authenticator key printed by `load-demo` (demo only), so Part 2 can
be tried with SCRUTINEER_PART2_REQUIRES_MFA on, as in production (check A5)."""

import json
from base64 import b32decode
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from django_otp.oath import TOTP

from scrutineer.accounts.models import User
from scrutineer.demo.loader import DATA_DIR, DEMO_AUTHENTICATOR, load_demo

pytestmark = pytest.mark.django_db

PART2 = reverse("contracts:register_part2", kwargs={"cycle": "2021-02", "portfolio": "children-education-families"})


def _published_key(username: str) -> str:
    people = json.loads((DATA_DIR / "council.json").read_text(encoding="utf-8"))["people"]
    return next(p["authenticator_key"] for p in people if p["username"] == username)


def test_the_demo_member_reads_part2_with_a_code_from_the_printed_key(client):
    out = StringIO()
    call_command("load_demo", stdout=out)
    key = _published_key("demo-member")
    assert f"demo-member              key {key}" in out.getvalue()
    client.force_login(User.objects.get(username="demo-member"))
    assert client.get(PART2).status_code == 302
    code = f"{TOTP(b32decode(key)).token():06d}"  # what an app given the printed key shows now
    assert client.post(reverse("accounts:two_factor_verify"), {"code": code, "next": PART2})["Location"] == PART2
    assert client.get(PART2).status_code == 200


def test_loading_again_keeps_an_app_someone_set_up_themselves():
    member = User.objects.get(username="demo-member")
    member.totpdevice_set.all().delete()
    own = member.totpdevice_set.create(name="My phone", confirmed=True)
    report = load_demo()
    assert "demo-member" not in [username for username, _ in report.authenticators]
    assert list(member.totpdevice_set.all()) == [own]
    assert not member.totpdevice_set.filter(name=DEMO_AUTHENTICATOR).exists()
