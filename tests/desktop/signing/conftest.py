"""Signing tests: the data directory (keys, the stamp font cache) in a session temp folder."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from govshare_desktop.signing.tokens import SOFTHSM_MODULE
from tests.desktop.signing.pki import SigningCA, draft_pdf, make_ca


@pytest.fixture(scope="session")
def _signing_data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("signing-data")


@pytest.fixture(autouse=True)
def data_dir(_signing_data: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.setenv("GOVSHARE_DATA_DIR", str(_signing_data))
    yield _signing_data


@pytest.fixture(scope="session")
def ca() -> SigningCA:
    return make_ca()


@pytest.fixture(scope="session")
def draft() -> bytes:
    return draft_pdf()


PIN, SO_PIN = "1234", "5678"


@pytest.fixture(scope="session")
def token(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A fresh SoftHSM2 token "t" (skips where SoftHSM2 is not installed). SoftHSM reads
    SOFTHSM2_CONF once per process, when the module is first loaded, so one token directory
    serves the whole session (set before any load)."""
    if not (SOFTHSM_MODULE.is_file() and shutil.which("softhsm2-util")):
        pytest.skip("needs SoftHSM2")
    root = tmp_path_factory.mktemp("softhsm")
    (root / "tokens").mkdir()
    conf = root / "softhsm2.conf"
    conf.write_text(f"directories.tokendir = {root / 'tokens'}\nobjectstore.backend = file\n")
    os.environ["SOFTHSM2_CONF"] = str(conf)
    subprocess.run(
        [
            "softhsm2-util",
            "--init-token",
            "--free",
            "--label",
            "t",
            "--pin",
            PIN,
            "--so-pin",
            SO_PIN,
        ],
        check=True,
        capture_output=True,
    )
    return "t"
