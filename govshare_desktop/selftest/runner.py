"""`SelfTest`: the run itself — the demo platform, then for each role sign-in, every page of its
navigation, sign-out — driven by signals and timers, one `Check` per step."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any, TextIO

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QDialogButtonBox, QWidget

from govshare_core.vocab import Role
from govshare_desktop.selftest.failures import FailureCollector
from govshare_desktop.selftest.probes import (
    background_busy,
    choose_accounts,
    demo_item,
    login_ready,
    page_idle,
    signed_out,
    table_errors,
)
from govshare_desktop.selftest.report import Check, log, summary, write_report
from govshare_desktop.selftest.waiting import Waiter

if TYPE_CHECKING:
    from govshare_desktop.shell.controller import DesktopApp
    from govshare_desktop.shell.main_window import MainWindow

TOTAL_TIMEOUT_S = 300.0
"""The whole run, first-run seed included; CI never waits longer."""
LOGIN_TIMEOUT_S = 60.0
"""From pressing 登录 to the main window (argon2 on a loaded CI machine)."""
PAGE_TIMEOUT_S = 30.0
"""How long a page may keep loading before it counts as hung."""
PAGE_MIN_S = 0.4
"""Every page stays open at least this long: views ask for their first rows when painted and
search boxes debounce (250 ms), so a page may start loading a moment after it is shown."""
QUIET_POLLS = 4
"""A page has loaded when nothing ran in the background for this many polls in a row."""


class SelfTest(QObject):
    """Drive `controller` (a `DesktopApp` with an embedded demo) through every role and page.

    `SelfTest(app, controller).start()` before `controller.start()`; the result is the exit
    code of `app` (0: every check passed, 1: not). `roles` narrows the run (default: every
    role); with `exit_app=False` the application keeps running and `finished` carries the code.

    Signals:
        finished(int): the exit code, after the report was written.
    """

    finished = Signal(int)

    _running: set[SelfTest] = set()  # `SelfTest(app, controller).start()` keeps no reference

    def __init__(
        self,
        app: QCoreApplication,
        controller: DesktopApp,
        *,
        roles: Iterable[Role] | None = None,
        timeout_s: float = TOTAL_TIMEOUT_S,
        page_timeout_s: float = PAGE_TIMEOUT_S,
        out: TextIO | None = None,
        exit_app: bool = True,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.app = app
        self.controller = controller
        self.roles = list(roles) if roles is not None else list(Role)
        self.timeout_s = timeout_s
        self.page_timeout_s = page_timeout_s
        self.out = out
        self.exit_app = exit_app
        self.checks: list[Check] = []
        self.exit_code: int | None = None
        self._started = 0.0
        self._plan: list[tuple[Role, dict[str, Any] | None]] = []
        self._check: Check | None = None
        self._check_started = 0.0
        self._role: Role | None = None
        self._account: dict[str, Any] = {}
        self._window: MainWindow | None = None
        self._login_error: str | None = None
        self._logged_out = False
        self._pages: list[str] = []
        self._page_count = 0
        self._failures = FailureCollector()  # hooks, restored when the run ends
        self._waiter = Waiter(problem=self._problem, step=self._step, parent=self)
        self._deadline = QTimer(self)
        self._deadline.setSingleShot(True)
        self._deadline.timeout.connect(self._on_deadline_timeout)

    # --- start and finish -------------------------------------------------------------------

    def start(self) -> None:
        """Install the failure hooks and wait for the demo platform (call before the loop)."""
        self._started = time.monotonic()
        SelfTest._running.add(self)
        self._failures.install()
        self.app.installEventFilter(self)  # no quitting before the report
        self._deadline.start(int(self.timeout_s * 1000))
        for signal, slot in self._connections():
            signal.connect(slot)
        self._begin("platform", "demo platform")
        log.info("self-test started: %d roles", len(self.roles))
        demo = self.controller.demo
        if demo is None:
            QTimer.singleShot(0, lambda: self._abort("no embedded demo platform (needs --demo)"))
        elif demo.url:  # already up (started before the self-test)
            QTimer.singleShot(0, lambda: self._on_controller_demo_ready(demo.url))

    def _connections(self) -> list[tuple[Any, Callable[..., None]]]:
        controller = self.controller
        return [
            (controller.demo_ready, self._on_controller_demo_ready),
            (controller.demo_failed, self._on_controller_demo_failed),
            (controller.session_started, self._on_controller_session_started),
            (controller.logged_out, self._on_controller_logged_out),
            (controller.presenter.failed, self._on_presenter_failed),
        ]

    def _finish(self) -> None:
        if self.exit_code is not None:
            return
        self._waiter.stop()
        self._deadline.stop()
        if self._check is not None:  # ended early (deadline, error): report the open step
            self._record()
        leftovers = self._failures.drain()
        if leftovers:
            self.checks.append(Check("-", "end of run", leftovers))
        for signal, slot in self._connections():
            try:
                signal.disconnect(slot)
            except (RuntimeError, TypeError):
                pass
        self._failures.remove()
        self.app.removeEventFilter(self)
        SelfTest._running.discard(self)
        failed = [c for c in self.checks if not c.ok]
        self.exit_code = 1 if failed or not self.checks else 0
        seconds = time.monotonic() - self._started
        write_report(self.checks, summary(self.checks, self._page_count, seconds), self.out)
        log.info("self-test finished: exit code %d", self.exit_code)
        self.finished.emit(self.exit_code)
        if self.exit_app:
            self.app.exit(self.exit_code)

    def _abort(self, reason: str) -> None:
        if self._check is None:
            self._begin("-", "self-test")
        self._problem(reason)
        self._finish()

    def _on_deadline_timeout(self) -> None:
        where = f"{self._check.role} {self._check.step}" if self._check else "-"
        self._abort(f"self-test timed out after {self.timeout_s:.0f} s (during: {where})")

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Refuse to quit before the report: the run would otherwise end with exit code 0
        (e.g. the login dialog closed, or the last window)."""
        if event.type() == QEvent.Type.Quit and watched is self.app and self.exit_code is None:
            QTimer.singleShot(
                0, lambda: self._abort("the application quit before the self-test finished")
            )
            return True
        return super().eventFilter(watched, event)

    # --- checks -----------------------------------------------------------------------------

    def _begin(self, role: str, step: str) -> None:
        self._check = Check(role, step)
        self._check_started = time.monotonic()
        log.info("self-test: %s %s", role, step)

    def _problem(self, text: str) -> None:
        if self._check is not None:
            self._check.problems.append(text)

    def _record(self) -> Check | None:
        check, self._check = self._check, None
        if check is None:
            return None
        check.problems.extend(self._failures.drain())
        check.seconds = time.monotonic() - self._check_started
        self.checks.append(check)
        if not check.ok:
            log.warning("%s", check.line())
        return check

    def _step(self, action: Callable[[], None]) -> None:
        """Run one step of the self-test itself; a bug here ends the run as a failure."""
        if self.exit_code is not None:
            return
        try:
            action()
        except Exception as exc:
            log.exception("self-test step failed")
            self._abort(f"self-test error: {exc!r}")

    def _later(self, action: Callable[[], None]) -> None:
        """`action` as the next step, once the event loop turned."""
        QTimer.singleShot(0, lambda: self._step(action))

    # --- the platform -----------------------------------------------------------------------

    def _on_controller_demo_ready(self, url: str) -> None:
        if self._check is None or self._check.role != "platform":
            return  # started a second time: not ours
        demo = self.controller.demo
        seconds = time.monotonic() - self._started
        detail = " (seeded now)" if demo is not None and demo.seeded_now else ""
        self._check.step = f"demo platform ready at {url} in {seconds:.1f} s{detail}"
        self._record()
        accounts = demo.accounts if demo is not None else []
        self._plan = choose_accounts(accounts, self.roles)
        self._step(self._next_role)

    def _on_controller_demo_failed(self, reason: str) -> None:
        self._abort(f"the demo platform did not start: {reason}")

    # --- a role: sign in --------------------------------------------------------------------

    def _next_role(self) -> None:
        if not self._plan:
            self._begin("-", "end of run")
            # the last sign-out revokes its token in the background: let it finish
            self._waiter.wait(
                lambda: not background_busy(),
                self._end_of_run,
                what="background work",
                limit_s=15,
                quiet_polls=2,
            )
            return
        role, account = self._plan.pop(0)
        self._role, self._account = role, account or {}
        username = str(self._account.get("username", ""))
        self._begin(role.value, f"sign-in as {username}" if username else "sign-in")
        if account is None:
            self._problem("no demo account holds this role")
            self._record()
            self._later(self._next_role)
            return
        self._waiter.wait(
            lambda: login_ready(self.controller),
            self._sign_in,
            what="login dialog",
            limit_s=LOGIN_TIMEOUT_S,
        )

    def _end_of_run(self) -> None:
        check = self._check
        self._check = None
        problems = (check.problems if check else []) + self._failures.drain()
        if problems:
            self.checks.append(Check("-", "end of run", problems))
        self._finish()

    def _sign_in(self) -> None:
        """Like a user: click the demo account (fills in user and demo password), press 登录."""
        dialog = self.controller.login_dialog
        if self._check is not None and self._check.problems:  # the dialog never got ready
            self._after_sign_in()
            return
        assert dialog is not None
        username = str(self._account["username"])
        tree = dialog.ui.demoTree
        item = demo_item(tree, username)
        if item is None:
            self._problem(f"{username} is not in the login dialog's demo accounts")
            self._after_sign_in()
            return
        tree.setCurrentItem(item)
        tree.itemClicked.emit(item, 0)
        if dialog.ui.usernameEdit.text() != username or not dialog.ui.passwordEdit.text():
            self._problem("clicking the demo account did not fill in its username and password")
            self._after_sign_in()
            return
        dialog.ui.rememberCheck.setChecked(False)  # leave no token in the keyring
        self._window, self._login_error = None, None
        dialog.ui.buttonBox.button(QDialogButtonBox.StandardButton.Ok).click()
        self._waiter.wait(
            lambda: self._window is not None or self._login_error is not None,
            self._after_sign_in,
            what="sign-in",
            limit_s=LOGIN_TIMEOUT_S,
        )

    def _on_presenter_failed(self, message: str) -> None:
        self._login_error = message

    def _on_controller_session_started(self, window: MainWindow) -> None:
        self._window = window

    def _after_sign_in(self) -> None:
        window = self._window
        if self._login_error is not None:
            self._problem(f"sign-in failed: {self._login_error}")
        elif window is None:
            self._problem("no main window")
        else:
            assert self._role is not None
            if self._role.value not in window.context.roles:
                self._problem(f"signed in without the role (roles: {sorted(window.context.roles)})")
            self._pages = window.page_keys()
            if not self._pages:
                self._problem("the navigation offers no page")
        check = self._record()
        if window is None or check is None or not check.ok:
            self._window = None
            if window is not None or self.controller.window is not None:
                self._sign_out()
            else:
                self._later(self._next_role)
            return
        self._later(self._next_page)

    # --- a role: its pages ------------------------------------------------------------------

    def _next_page(self) -> None:
        window = self._window
        assert window is not None and self._role is not None
        if not self._pages:
            self._sign_out()
            return
        key = self._pages.pop(0)
        self._page_count += 1
        self._begin(self._role.value, key)
        page: QWidget | None = None
        try:
            page = window.open_page(key)
        except Exception as exc:
            self._problem(f"opening the page raised {type(exc).__name__}: {exc}")
        else:
            if page is None:
                self._problem("the window refused to open the page")
        self._waiter.wait(
            lambda: page_idle(page),
            lambda: self._page_done(key, page),
            what="loading the page",
            limit_s=self.page_timeout_s,
            min_s=PAGE_MIN_S,
            quiet_polls=QUIET_POLLS,
        )

    def _page_done(self, key: str, page: QWidget | None) -> None:
        window = self._window
        assert window is not None
        if page is not None:
            for problem in table_errors(page):
                self._problem(problem)
            if window.current_key() != key:
                self._problem(f"another page is showing ({window.current_key()})")
        if not window.context.online:
            self._problem("the platform became unreachable")
        self._record()
        self._later(self._next_page)

    # --- a role: sign out -------------------------------------------------------------------

    def _sign_out(self) -> None:
        assert self._role is not None
        self._begin(self._role.value, "sign-out")
        self._window = None
        self._logged_out = False
        self.controller.logout()
        if not self._logged_out:
            self._problem("logout did not end the session")
        self._waiter.wait(
            lambda: signed_out(self.controller),
            self._after_sign_out,
            what="sign-out",
            limit_s=LOGIN_TIMEOUT_S,
            quiet_polls=2,
        )

    def _on_controller_logged_out(self) -> None:
        self._logged_out = True

    def _after_sign_out(self) -> None:
        self._record()
        self._later(self._next_role)
