"""Browser fixtures: pages served on loopback, Debian's Chromium via Playwright (one per test run)."""

from __future__ import annotations

import pytest

from devtools.qa.browser import CHROMIUM, checking_context, chromium, phone_context, serving
from helpers import BAD_PAGES


@pytest.fixture(scope="session")
def base_url(sample_site) -> str:
    with serving(sample_site) as url:
        yield url


@pytest.fixture(scope="session")
def bad_url() -> str:
    with serving(BAD_PAGES) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        pytest.fail(f"Debian's Chromium is required at {CHROMIUM} (./dev test installs it)")
    with chromium() as instance:
        yield instance


@pytest.fixture(scope="session")
def checker(browser):
    """A desktop page with axe-core loaded in every document; checks restore what they change."""
    context = checking_context(browser)
    yield context.new_page()
    context.close()


@pytest.fixture(scope="session")
def phone(browser):
    """A 360×640 page without JavaScript."""
    context = phone_context(browser)
    yield context.new_page()
    context.close()
