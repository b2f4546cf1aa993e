"""Agreement screen fixtures: keys and signed files stay in the test's own data directory."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def _data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """GOVSHARE_DATA_DIR in tmp_path: the signing keys (host.signing_dir) live there."""
    monkeypatch.setenv("GOVSHARE_DATA_DIR", str(tmp_path / "data"))
    return tmp_path / "data"
