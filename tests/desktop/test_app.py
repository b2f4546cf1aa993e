"""`govshare-desktop` as a program: --version, and a start to an interactive login window."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from govshare_desktop import __version__
from govshare_desktop.app import main, parse_args
from tests.desktop.shell_support import program_env


def test_version_prints_and_exits(capsys) -> None:
    assert main(["--version"]) == 0
    assert capsys.readouterr().out.strip() == f"govshare-desktop {__version__}"


def test_arguments() -> None:
    args = parse_args(["--demo", "--lang", "en", "--profile", "市平台"])
    assert args.demo and args.lang == "en" and args.profile == "市平台"


def test_program_starts_to_the_login_dialog(tmp_path: Path) -> None:
    env = program_env(tmp_path)
    done = subprocess.run(
        [sys.executable, "-m", "govshare_desktop.app", "--startup-probe"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("startup-ready ")
