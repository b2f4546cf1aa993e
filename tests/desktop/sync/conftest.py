"""Fixtures of the write-path tests: the fault proxy and the sync engine fixtures come from
tests/desktop/conftest.py."""

from __future__ import annotations

import pytest

from govshare_core.vocab import Role
from govshare_desktop.context import AppContext
from tests.desktop.faultproxy import FaultProxy


@pytest.fixture
def registrar(make_context, proxy: FaultProxy) -> AppContext:  # type: ignore[no-untyped-def]
    """Department A's registrar, signed in through the fault proxy (its engine: `.sync`)."""
    return make_context("A", Role.REGISTRAR, url=proxy.url)
