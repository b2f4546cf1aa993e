"""Catalog test data made through the real API (no mocks of our own platform); no tests here."""

from __future__ import annotations

from datetime import date
from typing import Any

from govshare_desktop.api.client import PlatformClient, new_idempotency_key
from tests.entry_samples import valid_entry


def entry_body(name: str, **overrides: Any) -> dict[str, Any]:
    """A valid, unconditionally shared entry named `name` (`overrides` applied)."""
    return valid_entry(name, **overrides)


def create_entries(client: PlatformClient, n: int, *, prefix: str = "条目") -> list[dict[str, Any]]:
    return [
        client.create_entry(entry_body(f"{prefix}{i:03d}"), key=new_idempotency_key())
        for i in range(n)
    ]


def report_change(
    client: PlatformClient, entry_id: int, effective: date, description: str, **changes: Any
) -> dict[str, Any]:
    """A change report (变更报告) of a published entry, sent over the API; the report."""
    return client.post(
        f"/api/v1/catalog/entries/{entry_id}/change-reports",
        {"effective_date": effective.isoformat(), "description": description, "changes": changes},
        key=new_idempotency_key(),
    )
