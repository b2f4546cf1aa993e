"""`govshare-desktop --demo --self-test`: prove that a build really works, end to end.

CI runs the built bundle with these flags. The self-test waits for the embedded demo platform
(the first run seeds the demo city, ~20-40 s), then, for one demo account of each role
(`govshare_core.vocab.Role`), signs in through the real login dialog (it clicks the account in the
dialog's demo list, which fills in the demo password, and presses 登录), waits for the main
window, opens every page of that role's navigation, lets each page load its data, signs out and
goes on with the next role. At the end it prints one line per check to standard output:

    self-test ok   platform          demo platform ready at http://127.0.0.1:40487 in 43.0 s
    self-test ok   registrar         sign-in as ga_registrar
    self-test ok   registrar         catalog.mine
    self-test FAIL applicant         requests.mine: background operation failed: ApiError(…)
    self-test FAILED: 1 of 43 checks failed (8 roles, 26 pages) in 61.7 s

and the application exits with 0 only if every check passed.

A page fails when opening it raises, when it does not finish loading in time, when one of its
table models reports a load error, or when anything goes wrong while it loads: a Qt warning or
critical message (`qInstallMessageHandler`), an uncaught exception (`sys.excepthook`, also in
threads), a background operation that failed (govshare_desktop.tasks logs each one) or any log
record of level WARNING or above (the embedded platform logs its server errors). Everything is
driven by timers and signals: the UI thread never sleeps. An overall deadline (300 s) ends a run
that hangs with exit code 1.

Nothing here reads files of the source tree or needs a test-only package, so the self-test runs
unchanged inside the PyInstaller bundle.

The package: `runner` (the `SelfTest` run: platform, then each role's sign-in, pages and
sign-out), `probes` (what it reads off the application), `failures` (the hooks that collect what
went wrong), `waiting` (polling without blocking), `report` (the checks and their lines).
"""

from __future__ import annotations

from govshare_desktop.selftest.probes import choose_accounts
from govshare_desktop.selftest.report import Check
from govshare_desktop.selftest.runner import SelfTest

__all__ = ["Check", "SelfTest", "choose_accounts"]
