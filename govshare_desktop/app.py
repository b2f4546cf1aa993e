"""`govshare-desktop`: the desktop client's entry point and the session controller.

    govshare-desktop                 the login dialog (then the main window)
    govshare-desktop --demo          the same, with the embedded demo platform and its accounts
    govshare-desktop --version       print the version and exit
    govshare-desktop --lang en       English UI (default: the language chosen in settings, zh_CN)
    govshare-desktop --profile NAME  preselect a platform profile
    govshare-desktop --verbose       debug logging (also to standard error)
    govshare-desktop --demo --self-test
                                     sign in as each demo role, open every page; exit 0 if all work

The login dialog is shown before anything slow happens (the demo platform starts in the
background and login is enabled once it answers), so the window is interactive within ~1 s.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

from govshare_desktop import __version__

if TYPE_CHECKING:  # keep `--version` free of Qt imports
    from PySide6.QtCore import QCoreApplication

    from govshare_desktop.shell.controller import DesktopApp


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="govshare-desktop", description="GovShare 政务信息资源共享 desktop client"
    )
    parser.add_argument("--version", action="store_true", help="print the version and exit")
    parser.add_argument(
        "--demo", action="store_true", help="start the embedded demo platform (SQLite, seeded)"
    )
    parser.add_argument(
        "--demo-dir", type=Path, default=None, help="data directory of the demo platform"
    )
    parser.add_argument("--lang", choices=("zh_CN", "en"), default=None, help="UI language")
    parser.add_argument("--profile", default=None, help="platform profile to preselect")
    parser.add_argument(
        "--verbose", action="store_true", help="log debug detail, also to standard error"
    )
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="with --demo: sign in as a demo account of each role, open every page of that "
        "role, and exit 0 only if all of it worked (used by CI on the built bundle)",
    )
    parser.add_argument("--startup-probe", action="store_true", help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    started = time.time()
    args = parse_args(sys.argv[1:] if argv is None else argv)
    if args.version:
        print(f"govshare-desktop {__version__}")
        return 0

    from govshare_desktop import logs

    logs.configure(verbose=args.verbose)
    if args.self_test and not args.demo:
        print("error: --self-test needs --demo", file=sys.stderr)
        return 2

    from PySide6.QtWidgets import QApplication

    from govshare_desktop import i18n
    from govshare_desktop.login.settings_dialog import saved_language
    from govshare_desktop.profiles import APPLICATION, ORGANIZATION, ProfileStore
    from govshare_desktop.shell.controller import DesktopApp, application_icon

    app = QApplication(sys.argv[:1])
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationVersion(__version__)
    app.setWindowIcon(application_icon())
    profiles = ProfileStore()
    i18n.install(app, args.lang or saved_language(profiles.settings))
    demo = None
    if args.demo:
        from govshare_desktop.demo import EmbeddedPlatform

        demo = EmbeddedPlatform(args.demo_dir)
    controller: DesktopApp = DesktopApp(profiles=profiles, demo=demo, profile_name=args.profile)
    if args.self_test:
        from govshare_desktop.selftest import SelfTest

        SelfTest(app, controller).start()
    controller.start()
    if args.startup_probe:  # benchmarks/bench_desktop_start.py
        _probe(app, controller, started)
    code = app.exec()
    controller.shutdown()
    # Background tasks (a health check, a keyring probe) may still run: let them end before
    # Python tears the Qt objects down, or a late signal reaches a deleted one (a crash on exit,
    # seen once in CI after the login dialog closed).
    from PySide6.QtCore import QThreadPool

    QThreadPool.globalInstance().waitForDone(10_000)
    return code


def _probe(app: QCoreApplication, controller: DesktopApp, started: float) -> None:
    """Print when the login dialog is up and the loop turns (and when the demo answers)."""
    from PySide6.QtCore import QTimer

    def stamp(what: str) -> None:
        print(f"{what} {time.time():.6f} {time.time() - started:.6f}", flush=True)

    def ready() -> None:
        stamp("startup-ready")
        if controller.demo is None:
            app.quit()

    def demo_ready(_url: str) -> None:
        stamp("platform-ready")
        app.quit()

    controller.demo_ready.connect(demo_ready)
    controller.demo_failed.connect(lambda reason: app.exit(1))
    QTimer.singleShot(0, ready)


if __name__ == "__main__":
    sys.exit(main())
