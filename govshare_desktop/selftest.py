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
"""

from __future__ import annotations

import logging
import sys
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TextIO

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractProxyModel,
    QCoreApplication,
    QEvent,
    QMessageLogContext,
    QObject,
    QThreadPool,
    QTimer,
    QtMsgType,
    Signal,
    qInstallMessageHandler,
)
from PySide6.QtWidgets import QAbstractItemView, QDialogButtonBox, QWidget

from govshare_core.vocab import Role
from govshare_desktop.common.paged_model import PagedTableModel

if TYPE_CHECKING:
    from govshare_desktop.login.dialog import LoginDialog
    from govshare_desktop.shell.controller import DesktopApp
    from govshare_desktop.shell.main_window import MainWindow

log = logging.getLogger("govshare.desktop.selftest")

TOTAL_TIMEOUT_S = 300.0
"""The whole run, first-run seed included; CI never waits longer."""
LOGIN_TIMEOUT_S = 60.0
"""From pressing 登录 to the main window (argon2 on a loaded CI machine)."""
PAGE_TIMEOUT_S = 30.0
"""How long a page may keep loading before it counts as hung."""
PAGE_MIN_S = 0.4
"""Every page stays open at least this long: views ask for their first rows when painted and
search boxes debounce (250 ms), so a page may start loading a moment after it is shown."""
POLL_MS = 50
QUIET_POLLS = 4
"""A page has loaded when nothing ran in the background for this many polls in a row."""
TASK_LOGGER = "govshare.desktop.tasks"
TASK_FAILED = "background operation failed"
IGNORED_QT_MESSAGES = ("This plugin does not support",)
"""Qt messages that are no failure: the offscreen platform plugin's notes about window features
it lacks (also ignored by the test suite, pyproject.toml qt_log_ignore)."""
MAX_REASON = 400


@dataclass
class Check:
    """One line of the report: a step of a role (sign-in, a page key, sign-out)."""

    role: str
    step: str
    problems: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return not self.problems

    def line(self) -> str:
        head = f"self-test {'ok  ' if self.ok else 'FAIL'} {self.role:<17} {self.step}"
        if self.ok:
            return head
        reason = "; ".join(dict.fromkeys(self.problems))  # once each, in order
        reason = " ".join(reason.split())  # one line
        if len(reason) > MAX_REASON:
            reason = reason[: MAX_REASON - 1] + "…"
        return f"{head}: {reason}"


class _Capture(logging.Handler):
    """Log records that mean something went wrong, handed to `sink` (any thread)."""

    def __init__(self, sink: Callable[[str], None]) -> None:
        super().__init__(logging.DEBUG)
        self.sink = sink

    def emit(self, record: logging.LogRecord) -> None:
        if record.name == log.name:  # the self-test's own report of a failure
            return
        try:
            message = record.getMessage()
        except Exception:  # a broken format string is worth reporting too
            message = str(record.msg)
        if record.name == TASK_LOGGER and message.startswith(TASK_FAILED):
            self.sink(message)
        elif record.levelno >= logging.WARNING:
            self.sink(f"log {record.levelname} {record.name}: {message}")


def choose_accounts(
    accounts: Iterable[dict[str, Any]], roles: Iterable[Role]
) -> list[tuple[Role, dict[str, Any] | None]]:
    """The first demo account holding each role (None when no account holds it)."""
    accounts = list(accounts)
    return [
        (role, next((a for a in accounts if role.value in a.get("roles", [])), None))
        for role in roles
    ]


def item_models(page: QWidget) -> list[QAbstractItemModel]:
    """The models a page shows (its views' models, behind proxies) and those it owns."""
    found: list[QAbstractItemModel] = list(page.findChildren(PagedTableModel))
    for view in page.findChildren(QAbstractItemView):
        model = view.model()
        while isinstance(model, QAbstractProxyModel):
            model = model.sourceModel()
        if model is not None and model not in found:
            found.append(model)
    return found


def background_busy() -> bool:
    return QThreadPool.globalInstance().activeThreadCount() > 0


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
        self._captured: list[str] = []
        self._lock = threading.Lock()
        self._role: Role | None = None
        self._account: dict[str, Any] = {}
        self._window: MainWindow | None = None
        self._login_error: str | None = None
        self._logged_out = False
        self._pages: list[str] = []
        self._page_count = 0
        # waiting: one condition at a time, polled by a timer
        self._poll = QTimer(self)
        self._poll.setInterval(POLL_MS)
        self._poll.timeout.connect(self._on_poll_timeout)
        self._wait_ready: Callable[[], bool] = lambda: True
        self._wait_then: Callable[[], None] = lambda: None
        self._wait_what = ""
        self._wait_started = 0.0
        self._wait_limit = 0.0
        self._wait_min = 0.0
        self._wait_quiet = 1
        self._quiet = 0
        self._deadline = QTimer(self)
        self._deadline.setSingleShot(True)
        self._deadline.timeout.connect(self._on_deadline_timeout)
        # hooks, restored when the run ends
        self._previous_qt_handler: Any = None
        self._previous_excepthook: Any = None
        self._previous_thread_hook: Any = None
        self._handler = _Capture(self._capture)
        self._task_logger_level: int | None = None

    # --- start and finish -------------------------------------------------------------------

    def start(self) -> None:
        """Install the failure hooks and wait for the demo platform (call before the loop)."""
        self._started = time.monotonic()
        SelfTest._running.add(self)
        self._install_hooks()
        self.app.installEventFilter(self)  # no quitting before the report
        self._deadline.start(int(self.timeout_s * 1000))
        controller = self.controller
        controller.demo_ready.connect(self._on_controller_demo_ready)
        controller.demo_failed.connect(self._on_controller_demo_failed)
        controller.session_started.connect(self._on_controller_session_started)
        controller.logged_out.connect(self._on_controller_logged_out)
        controller.presenter.failed.connect(self._on_presenter_failed)
        self._begin("platform", "demo platform")
        log.info("self-test started: %d roles", len(self.roles))
        demo = controller.demo
        if demo is None:
            QTimer.singleShot(0, lambda: self._abort("no embedded demo platform (needs --demo)"))
        elif demo.url:  # already up (started before the self-test)
            QTimer.singleShot(0, lambda: self._on_controller_demo_ready(demo.url))

    def _finish(self) -> None:
        if self.exit_code is not None:
            return
        self._poll.stop()
        self._deadline.stop()
        if self._check is not None:  # ended early (deadline, error): report the open step
            self._record()
        leftovers = self._drain()
        if leftovers:
            self.checks.append(Check("-", "end of run", leftovers))
        self._disconnect()
        self._remove_hooks()
        self.app.removeEventFilter(self)
        SelfTest._running.discard(self)
        failed = [c for c in self.checks if not c.ok]
        self.exit_code = 1 if failed or not self.checks else 0
        self._write_report(failed)
        log.info("self-test finished: exit code %d", self.exit_code)
        self.finished.emit(self.exit_code)
        if self.exit_app:
            self.app.exit(self.exit_code)

    def _abort(self, reason: str) -> None:
        if self._check is None:
            self._begin("-", "self-test")
        self._problem(reason)
        self._finish()

    def _write_report(self, failed: list[Check]) -> None:
        roles = {c.role for c in self.checks} - {"platform", "-"}
        seconds = time.monotonic() - self._started
        what = f"{len(roles)} roles, {self._page_count} pages"
        if failed:
            summary = (
                f"self-test FAILED: {len(failed)} of {len(self.checks)} checks failed "
                f"({what}) in {seconds:.1f} s"
            )
        else:
            summary = f"self-test passed: {len(self.checks)} checks ({what}) in {seconds:.1f} s"
        # the log file always gets the report: a windowed Windows bundle has no stdout
        for check in self.checks:
            log.info("%s", check.line())
        log.info("%s", summary)
        out = self.out or sys.stdout  # None in a windowed bundle without a console
        if out is None:
            return
        try:
            for check in self.checks:
                print(check.line(), file=out)
            print(summary, file=out, flush=True)
        except (OSError, ValueError):  # a closed pipe must not turn a pass into a crash
            pass

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

    def _disconnect(self) -> None:
        controller = self.controller
        for signal, slot in (
            (controller.demo_ready, self._on_controller_demo_ready),
            (controller.demo_failed, self._on_controller_demo_failed),
            (controller.session_started, self._on_controller_session_started),
            (controller.logged_out, self._on_controller_logged_out),
            (controller.presenter.failed, self._on_presenter_failed),
        ):
            try:
                signal.disconnect(slot)
            except (RuntimeError, TypeError):
                pass

    # --- failure hooks ----------------------------------------------------------------------

    def _capture(self, problem: str) -> None:
        with self._lock:
            self._captured.append(problem)

    def _drain(self) -> list[str]:
        with self._lock:
            found, self._captured = self._captured, []
        return found

    def _install_hooks(self) -> None:
        self._previous_qt_handler = qInstallMessageHandler(self._on_qt_message)
        self._previous_excepthook = sys.excepthook
        sys.excepthook = self._on_uncaught
        self._previous_thread_hook = threading.excepthook
        threading.excepthook = self._on_uncaught_in_thread
        logging.getLogger().addHandler(self._handler)
        tasks = logging.getLogger(TASK_LOGGER)
        if not tasks.isEnabledFor(logging.DEBUG):  # its failure records are debug records
            self._task_logger_level = tasks.level
            tasks.setLevel(logging.DEBUG)

    def _remove_hooks(self) -> None:
        qInstallMessageHandler(self._previous_qt_handler)
        if sys.excepthook == self._on_uncaught:
            sys.excepthook = self._previous_excepthook
        if threading.excepthook == self._on_uncaught_in_thread:
            threading.excepthook = self._previous_thread_hook
        logging.getLogger().removeHandler(self._handler)
        if self._task_logger_level is not None:
            logging.getLogger(TASK_LOGGER).setLevel(self._task_logger_level)

    def _on_qt_message(self, mode: QtMsgType, context: QMessageLogContext, message: str) -> None:
        if self._previous_qt_handler is not None:
            self._previous_qt_handler(mode, context, message)
            ignored = any(m in message for m in IGNORED_QT_MESSAGES)
        else:  # Qt's default handler would print it; the known notes only add noise
            ignored = any(m in message for m in IGNORED_QT_MESSAGES)
            if not ignored and mode != QtMsgType.QtDebugMsg and sys.stderr is not None:
                print(message, file=sys.stderr)
        bad = {
            QtMsgType.QtWarningMsg: "warning",
            QtMsgType.QtCriticalMsg: "critical",
            QtMsgType.QtFatalMsg: "fatal",
        }
        if mode in bad and not ignored:
            self._capture(f"Qt {bad[mode]}: {message}")

    def _on_uncaught(self, kind: type[BaseException], exc: BaseException, tb: Any) -> None:
        self._capture(f"uncaught {kind.__name__}: {exc}")
        if self._previous_excepthook is not None:
            self._previous_excepthook(kind, exc, tb)

    def _on_uncaught_in_thread(self, args: Any) -> None:
        name = args.thread.name if args.thread is not None else "?"
        self._capture(f"uncaught {args.exc_type.__name__} in thread {name}: {args.exc_value}")
        if self._previous_thread_hook is not None:
            self._previous_thread_hook(args)

    # --- checks and waiting -----------------------------------------------------------------

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
        check.problems.extend(self._drain())
        check.seconds = time.monotonic() - self._check_started
        self.checks.append(check)
        if not check.ok:
            log.warning("%s", check.line())
        return check

    def _wait(
        self,
        ready: Callable[[], bool],
        then: Callable[[], None],
        *,
        what: str,
        limit_s: float,
        min_s: float = 0.0,
        quiet_polls: int = 1,
    ) -> None:
        """Call `then` once `ready()` held for `quiet_polls` polls (and `min_s` passed), or
        after `limit_s` with a problem noted. The UI thread keeps running meanwhile."""
        self._wait_ready, self._wait_then, self._wait_what = ready, then, what
        self._wait_started = time.monotonic()
        self._wait_limit, self._wait_min, self._wait_quiet = limit_s, min_s, quiet_polls
        self._quiet = 0
        self._poll.start()

    def _on_poll_timeout(self) -> None:
        elapsed = time.monotonic() - self._wait_started
        try:
            ready = self._wait_ready()
        except Exception as exc:
            self._problem(f"{self._wait_what}: {exc!r}")
            ready, self._quiet = True, self._wait_quiet
        self._quiet = self._quiet + 1 if ready else 0
        if self._quiet >= self._wait_quiet and elapsed >= self._wait_min:
            self._poll.stop()
            self._step(self._wait_then)
        elif elapsed >= self._wait_limit:
            self._poll.stop()
            self._problem(f"{self._wait_what} not done after {self._wait_limit:.0f} s")
            self._step(self._wait_then)

    def _step(self, action: Callable[[], None]) -> None:
        """Run one step of the self-test itself; a bug here ends the run as a failure."""
        if self.exit_code is not None:
            return
        try:
            action()
        except Exception as exc:
            log.exception("self-test step failed")
            self._abort(f"self-test error: {exc!r}")

    # --- the platform -----------------------------------------------------------------------

    def _on_controller_demo_ready(self, url: str) -> None:
        if self._check is None or self._check.role != "platform":
            return  # started a second time: not ours
        demo = self.controller.demo
        seconds = time.monotonic() - self._started
        detail = " (seeded now)" if demo is not None and demo.seeded_now else ""
        assert self._check is not None
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
            self._wait(
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
            QTimer.singleShot(0, lambda: self._step(self._next_role))
            return
        self._wait(self._login_ready, self._sign_in, what="login dialog", limit_s=LOGIN_TIMEOUT_S)

    def _end_of_run(self) -> None:
        check = self._check
        self._check = None
        problems = (check.problems if check else []) + self._drain()
        if problems:
            self.checks.append(Check("-", "end of run", problems))
        self._finish()

    def _login_dialog(self) -> LoginDialog | None:
        return self.controller.login_dialog

    def _login_ready(self) -> bool:
        if self.controller.window is not None:  # a remembered session was restored: leave it
            self.controller.logout()
            return False
        dialog = self._login_dialog()
        if dialog is None or not dialog.isVisible() or self.controller.presenter.busy:
            return False
        ok = dialog.ui.buttonBox.button(QDialogButtonBox.StandardButton.Ok)
        return ok.isEnabled() and dialog.ui.demoTree.topLevelItemCount() > 0

    def _sign_in(self) -> None:
        """Like a user: click the demo account (fills in user and demo password), press 登录."""
        dialog = self._login_dialog()
        if self._check is not None and self._check.problems:  # the dialog never got ready
            self._after_sign_in()
            return
        assert dialog is not None
        username = str(self._account["username"])
        tree = dialog.ui.demoTree
        item = next(
            (
                tree.topLevelItem(i)
                for i in range(tree.topLevelItemCount())
                if tree.topLevelItem(i).text(0) == username
            ),
            None,
        )
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
        self._wait(
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
                QTimer.singleShot(0, lambda: self._step(self._next_role))
            return
        QTimer.singleShot(0, lambda: self._step(self._next_page))

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
        self._wait(
            lambda: self._page_idle(page),
            lambda: self._page_done(key, page),
            what="loading the page",
            limit_s=self.page_timeout_s,
            min_s=PAGE_MIN_S,
            quiet_polls=QUIET_POLLS,
        )

    @staticmethod
    def _page_idle(page: QWidget | None) -> bool:
        if background_busy():
            return False
        if page is None:
            return True
        return not any(isinstance(m, PagedTableModel) and m.is_loading for m in item_models(page))

    def _page_done(self, key: str, page: QWidget | None) -> None:
        window = self._window
        assert window is not None
        if page is not None:
            for model in item_models(page):
                error = getattr(model, "last_error", None)
                if isinstance(model, PagedTableModel) and error is not None:
                    self._problem(f"a table failed to load: {_describe(error)}")
            if window.current_key() != key:
                self._problem(f"another page is showing ({window.current_key()})")
        if not window.context.online:
            self._problem("the platform became unreachable")
        self._record()
        QTimer.singleShot(0, lambda: self._step(self._next_page))

    # --- a role: sign out -------------------------------------------------------------------

    def _sign_out(self) -> None:
        assert self._role is not None
        self._begin(self._role.value, "sign-out")
        self._window = None
        self._logged_out = False
        self.controller.logout()
        if not self._logged_out:
            self._problem("logout did not end the session")
        self._wait(
            self._signed_out,
            self._after_sign_out,
            what="sign-out",
            limit_s=LOGIN_TIMEOUT_S,
            quiet_polls=2,
        )

    def _on_controller_logged_out(self) -> None:
        self._logged_out = True

    def _signed_out(self) -> bool:
        dialog = self._login_dialog()
        return (
            self.controller.window is None
            and dialog is not None
            and dialog.isVisible()
            and not background_busy()
        )

    def _after_sign_out(self) -> None:
        self._record()
        QTimer.singleShot(0, lambda: self._step(self._next_role))


def _describe(exc: object) -> str:
    message = getattr(exc, "message", None)
    if callable(message):
        try:
            return f"{type(exc).__name__}: {message()}"
        except Exception:
            pass
    return f"{type(exc).__name__}: {exc}"


__all__ = ["Check", "SelfTest", "choose_accounts"]
