"""The accessibility harness itself must find real problems, or a clean result means nothing."""

import pytest

from tests.e2e.axe import axe_violations

BROKEN_PAGE = (
    "<html lang='en'><head><title>x</title></head><body><main><img src='x.png'>"
    "<p style='color:#bbb;background:#fff'>low contrast</p></main></body></html>"
)


@pytest.mark.browser
def test_axe_finds_a_real_problem(page):
    page.set_content(BROKEN_PAGE)
    found = {violation["id"] for violation in axe_violations(page)}
    assert found >= {"image-alt", "color-contrast"}
