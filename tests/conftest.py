"""Suite-wide setup: Qt runs offscreen; tests never touch the user's real keyring; one demo
city seeded for the whole run (`seeded_demo`)."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("PYTHON_KEYRING_BACKEND", "keyring.backends.null.Keyring")


# --- one seeded demo platform for the whole run ------------------------------------------------


@pytest.fixture(scope="session")
def seeded_demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A demo platform directory (platform.db, ca/, audit/) seeded once for the whole run.

    Seeding the demo city takes ~40 s; the tests that only need a seeded demo (the program's
    self-test, the screenshots, a repaired start, the SQLite city's consistency checks) copy
    this one (`copy_seeded_demo`) instead of each seeding their own. The xdist workers share it:
    the first to get the lock seeds, the others wait and reuse. test_demo.py, the PostgreSQL
    seed test and the CI's bundle and plain-install runs still seed.
    """
    import fcntl  # POSIX: the suite runs on Linux (scripts/test.sh)

    from govshare_desktop.demo import EmbeddedPlatform

    root = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        root = root.parent  # the run's directory, shared by the workers
    shared = root / "seeded-demo"
    with open(root / "seeded-demo.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (shared / "platform.db").is_file():
            platform = EmbeddedPlatform(shared, maintenance_minutes=0)
            try:
                platform.start()
            finally:
                platform.stop()
    return shared


def copy_seeded_demo(seeded: Path, target: Path) -> Path:
    """A copy of the run's seeded demo directory at `target` (which must not exist yet)."""
    shutil.copytree(seeded, target, ignore=shutil.ignore_patterns("*.lock"))
    return target


# --- a machine in another time zone ------------------------------------------------------------


@pytest.fixture
def far_zone() -> Iterator[str]:
    """Set this process's time zone to one whose calendar date differs from Beijing's right now
    (Honolulu, UTC−10, is a day behind while Beijing's clock reads 00:00–17:59; Kiritimati,
    UTC+14, a day ahead from 18:00 on), as on a client machine left at the wrong zone. The
    zone is restored afterwards. Yields its name."""
    import time
    from datetime import UTC, datetime

    beijing_hour = (datetime.now(UTC).hour + 8) % 24
    zone = "Pacific/Honolulu" if beijing_hour < 18 else "Pacific/Kiritimati"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("TZ", zone)
        time.tzset()
        yield zone
    time.tzset()
