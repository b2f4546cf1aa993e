"""The screenshot script runs on a real X server (Xvfb) and produces every page of every role.

It starts the demo platform (on a copy of the run's seeded demo), signs in as one demo account
per role and grabs each page of its navigation at 1366×768, the login dialog (also after a
failed demo start), the user guide and the about box; the test checks that every screen is
there, has its size and is not blank.
`tools/screenshots.py` is the same script a person runs to regenerate screenshots/.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from tests.conftest import copy_seeded_demo

ROOT = Path(__file__).resolve().parents[2]
SCREENS = (  # dialogs
    "login",
    "login-failed",
    "user-guide",
    "about",
    "sign-dialog",
    "usage-inquiry-dialog",
    "usage-report-dialog",
    "assessment-new-dialog",
    "assessment-adjust-dialog",
    "assessment-explain-dialog",
    "rectification-issue-dialog",
    "security-user-dialog",
    "security-reset-dialog",
    "security-department-dialog",
    "security-filing-dialog",
    "change-password-dialog",
)
ROLE_PAGES = {  # at least these pages per role (every role has the home page and 共享目录)
    "registrar": ("home", "catalog_mine", "requests_share_catalog"),
    "catalog_reviewer": ("home", "catalog_mine", "catalog_review"),
    "applicant": ("home", "requests_share_catalog", "requests_mine", "grants", "exchange_access"),
    "resource_admin": (
        "home",
        "requests_inbox",
        "grants",
        "agreements",
        "usage_inquiries",
        "assessment_ranking",
        "rectification_orders",
    ),
    "platform_admin": (
        "home",
        "catalog_review",
        "requests_inbox",
        "grants",
        "agreements",
        "platform_admin_policy",
        "platform_admin_workdays",
    ),
    "supervisor": ("home", "assessment_rounds", "assessment_scorecard", "rectification_orders"),
    "security_admin": (
        "home",
        "security_users",
        "security_departments",
        "security_filings",
        "security_password_policy",
    ),
    "audit_admin": ("home", "audit_trail", "audit_verify"),
}


def _distinct_colours(image: QImage) -> int:
    step_x, step_y = max(1, image.width() // 64), max(1, image.height() // 64)
    return len(
        {
            image.pixel(x, y)
            for x in range(0, image.width(), step_x)
            for y in range(0, image.height(), step_y)
        }
    )


@pytest.mark.slow
@pytest.mark.timeout(600)
def test_screenshot_script_under_xvfb(tmp_path: Path, qapp, seeded_demo: Path) -> None:  # type: ignore[no-untyped-def]
    # --pace 0.3: shorter pauses before each grab (every wait for background work stays);
    # --demo-dir: a copy of the run's seeded demo (the script seeds one when not given)
    script = ROOT / "tools" / "screenshots.py"
    demo_dir = copy_seeded_demo(seeded_demo, tmp_path / "demo")
    command = [sys.executable, str(script), "--out", str(tmp_path), "--pace", "0.3"]
    command += ["--demo-dir", str(demo_dir)]
    env = {
        **os.environ,
        "GOVSHARE_DATA_DIR": str(tmp_path / "data"),
        "GOVSHARE_SETTINGS_FILE": str(tmp_path / "settings.ini"),
    }
    if shutil.which("xvfb-run"):
        command = ["xvfb-run", "-a", "-s", "-screen 0 1600x1000x24", *command]
        env.pop("QT_QPA_PLATFORM", None)
    result = subprocess.run(command, env=env, capture_output=True, text=True, timeout=540)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-4000:]
    for name in SCREENS:
        image = QImage(str(tmp_path / f"{name}.png"))
        assert not image.isNull(), name
        assert 400 <= image.width() <= 1366 and 120 <= image.height() <= 728, (name, image.size())
        assert _distinct_colours(image) > 20, f"{name}.png looks blank"
    for role, pages in ROLE_PAGES.items():
        for page in pages:
            assert (tmp_path / f"{role}-{page}.png").is_file(), f"{role}-{page}.png"
    shots = sorted(tmp_path.glob("*-*.png"))
    for path in shots:
        if path.stem in SCREENS:
            continue
        image = QImage(str(path))
        assert (image.width(), image.height()) == (1366, 728), (path.name, image.size())
        assert _distinct_colours(image) > 20, f"{path.name} looks blank"
