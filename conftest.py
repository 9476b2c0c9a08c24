"""Fixtures shared by the whole suite: the demo council, and the browser for end-to-end tests."""

import os

import pytest

# Playwright's sync API runs an event loop in the test thread; Django's ORM must still be
# allowed there for live_server tests (see ../shared/ecosystem.md, gotcha 5).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """Debian's chromium, never a downloaded browser."""
    if not os.path.exists(CHROMIUM):
        pytest.fail(f"{CHROMIUM} not found: install Debian's chromium (make test does, as root).")
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    """axe-core is injected as an inline script, which the site's own CSP rightly refuses."""
    return {**browser_context_args, "bypass_csp": True}


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Load the demo council once into the test database; each test's transaction rolls back over it.

    Transactional tests (browser, concurrency) run last and empty the database after themselves;
    the `demo` fixture loads it again for them.
    """
    from scrutineer.demo.loader import load_demo

    with django_db_blocker.unblock():
        load_demo()


@pytest.fixture
def demo(db):
    """The demo council, loaded from the data files as `scrutineer load-demo` loads it."""
    from scrutineer.demo.loader import load_demo
    from scrutineer.plans.models import Plan

    load_demo()
    return Plan.objects.get(slug="cef-portfolio-plan-2018-22")


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with no cached pages."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


# --- personas: people in the council's roles, as permission tests name them -----------------


def _person(username: str, role: str, **extra):
    from scrutineer.accounts.models import User
    from scrutineer.accounts.tests.authenticators import give_authenticator

    user = User.objects.create_user(username=username, role=role, first_name=username.split("_")[0].title(), **extra)
    if role:  # members and officers have set up an authenticator app (Part 2 needs its codes: check A5)
        give_authenticator(user)
    return user


@pytest.fixture
def admin_user(admin_user):
    """pytest-django's superuser (behind `admin_client`), with an authenticator app like the personas."""
    from scrutineer.accounts.tests.authenticators import give_authenticator

    give_authenticator(admin_user)
    return admin_user


@pytest.fixture(autouse=True)
def _force_login_completes_the_second_step(monkeypatch):
    """`client.force_login(person)` signs in with password AND code when the person has the test
    authenticator (every persona with a role), so Part 2 tests run with SCRUTINEER_PART2_REQUIRES_MFA
    on and a real confirmed device. Anyone else (a user a test makes itself) is signed in with a
    password only, and is sent to the code page before Part 2; `authenticators.unverify(client)`
    does the same for a persona."""
    from django.test import Client
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from scrutineer.accounts.tests import authenticators

    plain = Client.force_login

    def force_login(self, user, backend=None):
        plain(self, user, backend)
        personas = TOTPDevice.objects.filter(name=authenticators.PERSONA_AUTHENTICATOR, confirmed=True)
        device = personas.filter(user=user).first()
        if device is not None:
            authenticators.mark_verified(self, device)

    monkeypatch.setattr(Client, "force_login", force_login)


@pytest.fixture
def administrator(db):
    return _person("ada_admin", "administrator", is_staff=True)


@pytest.fixture
def performance_officer(db):
    return _person("pat_performance", "performance_officer")


@pytest.fixture
def lead_officer(db):
    """A lead officer; link lead roles with `lead_officer.lead_roles.add(...)`."""
    return _person("lee_lead", "lead_officer")


@pytest.fixture
def committee_member(db):
    return _person("cllr_member", "committee_member")


@pytest.fixture
def outsider(db):
    """Signed in, but with no role: sees only what the public sees."""
    return _person("olly_outsider", "")
