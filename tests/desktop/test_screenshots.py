"""The screenshot script runs on a real X server (Xvfb) and produces the five Chinese screens.

It seeds a fresh demo platform, logs in as the demo users and grabs each screen; the test
checks every PNG exists, has the window's size and is not blank. `tools/screenshots.py` is the
same script a person runs to regenerate screenshots/.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

ROOT = Path(__file__).resolve().parents[2]
SCREENS = ("login", "home", "entry_form", "share_catalog", "request_inbox")


def _distinct_colours(image: QImage) -> int:
    step_x, step_y = max(1, image.width() // 64), max(1, image.height() // 64)
    return len(
        {
            image.pixel(x, y)
            for x in range(0, image.width(), step_x)
            for y in range(0, image.height(), step_y)
        }
    )


@pytest.mark.timeout(600)
def test_screenshot_script_under_xvfb(tmp_path: Path, qapp) -> None:  # type: ignore[no-untyped-def]
    command = [sys.executable, str(ROOT / "tools" / "screenshots.py"), "--out", str(tmp_path)]
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
        assert image.width() >= 600 and image.height() >= 400, (name, image.size())
        assert _distinct_colours(image) > 20, f"{name}.png looks blank"
