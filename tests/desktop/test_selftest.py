"""`govshare-desktop --demo --self-test`: every role signs in and opens every page, or exit 1.

The program test runs the real command on a fresh demo directory (the demo city is seeded, as
on CI's first start). The in-process tests run `SelfTest` against a real embedded platform whose
database holds only the registrar's demo account (no seed: seconds instead of a minute) and add
one page to the navigation that breaks, to prove a broken page fails the run.
"""

from __future__ import annotations

import io
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QLabel, QWidget

from govshare_core.creditcode import make_credit_code
from govshare_core.vocab import Role
from govshare_desktop.context import AppContext
from govshare_desktop.selftest import SelfTest, choose_accounts
from govshare_desktop.shell import main_window
from govshare_desktop.shell.controller import DesktopApp
from govshare_desktop.shell.navigation import all_page_specs
from govshare_desktop.shell.pages import PageSpec
from govshare_platform.db import make_engine, make_session_factory
from govshare_platform.demo.data import DEMO_PASSWORD, account
from govshare_platform.departments.models import Department
from govshare_platform.migrate import upgrade
from tests.conftest import copy_seeded_demo
from tests.desktop.shell_support import demo_desktop, program_env
from tests.server_support import new_user

REGISTRAR = account("ga", Role.REGISTRAR)
REGISTRAR_PAGES = [
    "home",
    "catalog.mine",
    "requests.share_catalog",
    "exchange.deliveries",
    "exchange.log",
]


def result_lines(output: str) -> dict[tuple[str, str], str]:
    """(role, step) → "ok" or the failure reason, from the self-test's report."""
    found: dict[tuple[str, str], str] = {}
    for line in output.splitlines():
        m = re.match(r"self-test (ok  |FAIL) (\S+) +([^:]+?)(?:: (.*))?$", line)
        if m:
            found[(m[2], m[3])] = "ok" if m[1] == "ok  " else (m[4] or "")
    return found


@pytest.mark.slow
@pytest.mark.timeout(600)
def test_program_self_test_passes_for_every_role(tmp_path: Path, seeded_demo: Path) -> None:
    """The program on a copy of the run's seeded demo (seeding from the desktop: test_demo.py)."""
    demo_dir = copy_seeded_demo(seeded_demo, tmp_path / "demo")
    env = program_env(tmp_path, PYTHON_KEYRING_BACKEND="keyring.backends.null.Keyring")
    command = [sys.executable, "-m", "govshare_desktop.app", "--demo", "--self-test"]
    done = subprocess.run(
        [*command, "--demo-dir", str(demo_dir)],
        env=env,
        capture_output=True,
        text=True,
        timeout=540,
        check=False,
    )
    report = done.stdout + done.stderr
    assert done.returncode == 0, report
    results = result_lines(done.stdout)
    assert all(v == "ok" for v in results.values()), report
    for role in Role:
        steps = [step for (r, step) in results if r == role.value]
        assert any(s.startswith("sign-in as ") for s in steps), (role, report)
        assert "home" in steps and "requests.share_catalog" in steps, (role, report)
        assert "sign-out" in steps, (role, report)
    assert ("registrar", "catalog.mine") in results
    assert ("platform_admin", "catalog.review") in results
    assert re.search(r"^self-test passed: \d+ checks \(8 roles, \d+ pages\)", done.stdout, re.M)


def test_self_test_needs_demo(capsys) -> None:
    from govshare_desktop.app import main

    assert main(["--self-test"]) == 2
    assert "--demo" in capsys.readouterr().err


def test_one_account_per_role() -> None:
    accounts = [
        {"username": "a", "roles": ["registrar"]},
        {"username": "b", "roles": ["registrar", "applicant"]},
    ]
    chosen = choose_accounts(accounts, [Role.REGISTRAR, Role.APPLICANT, Role.SUPERVISOR])
    assert [(r, a["username"] if a else None) for r, a in chosen] == [
        (Role.REGISTRAR, "a"),
        (Role.APPLICANT, "b"),
        (Role.SUPERVISOR, None),
    ]


# --- in process, against a small real demo platform ---------------------------------------


@pytest.fixture(scope="module")
def small_demo_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated demo database holding the registrar's demo account only: the embedded
    platform finds data there and skips the (slow) seed."""
    data_dir = tmp_path_factory.mktemp("small-demo")
    url = f"sqlite:///{data_dir / 'platform.db'}"
    upgrade(url)
    engine = make_engine(url)
    try:
        with make_session_factory(engine)() as s:
            dept = Department(
                name="南通市公安局", credit_code=make_credit_code("11320600014160021")
            )
            s.add(dept)
            s.flush()
            user = new_user(
                REGISTRAR.username,
                dept.id,
                Role.REGISTRAR,
                full_name=REGISTRAR.full_name,
                password=DEMO_PASSWORD,
            )
            s.add(user)
            s.commit()
    finally:
        engine.dispose()
    return data_dir


@pytest.fixture
def desktop(qtbot, small_demo_dir: Path, tmp_path: Path, monkeypatch) -> Iterator[DesktopApp]:
    with demo_desktop(small_demo_dir, tmp_path, monkeypatch) as app:
        yield app


def run_self_test(qtbot, qapp, desktop: DesktopApp) -> tuple[int, str, SelfTest]:
    out = io.StringIO()
    test = SelfTest(qapp, desktop, roles=[Role.REGISTRAR], timeout_s=150, out=out, exit_app=False)
    with qtbot.wait_signal(test.finished, timeout=180_000) as finished:
        test.start()
        desktop.start()
    return int(finished.args[0]), out.getvalue(), test


def add_page(monkeypatch, spec: PageSpec) -> None:
    """One more page in every session's navigation, next to the real ones.

    The controller builds each MainWindow with the navigation's `all_page_specs()`; nothing
    registers extra pages, so the test extends the list MainWindow reads."""
    monkeypatch.setattr(main_window, "all_page_specs", lambda: [*all_page_specs(), spec])


def broken_spec(factory) -> PageSpec:  # type: ignore[no-untyped-def]
    return PageSpec(
        key="test.broken", title="坏页面", group="测试", roles=None, factory=factory, order=99
    )


def test_self_test_passes_and_restores_the_hooks(qtbot, qapp, desktop: DesktopApp) -> None:
    hook = sys.excepthook
    code, output, test = run_self_test(qtbot, qapp, desktop)
    assert code == 0, output
    results = result_lines(output)
    assert results.pop(("registrar", f"sign-in as {REGISTRAR.username}")) == "ok"
    assert results.pop(("registrar", "sign-out")) == "ok"
    assert [step for (role, step) in results if role == "registrar"] == REGISTRAR_PAGES
    assert set(results.values()) == {"ok"}, output
    assert output.splitlines()[-1].startswith("self-test passed:")
    assert desktop.window is None and desktop.login_dialog is not None  # signed out
    assert sys.excepthook is hook
    assert test.exit_code == 0


def test_a_page_that_raises_fails_the_self_test(
    qtbot, qapp, desktop: DesktopApp, monkeypatch
) -> None:
    def factory(context: AppContext) -> QWidget:
        raise RuntimeError("the form file is missing")

    add_page(monkeypatch, broken_spec(factory))
    code, output, _ = run_self_test(qtbot, qapp, desktop)
    assert code == 1, output
    results = result_lines(output)
    assert results[("registrar", "test.broken")] == (
        "opening the page raised RuntimeError: the form file is missing"
    )
    assert all(results[("registrar", key)] == "ok" for key in REGISTRAR_PAGES), output
    assert results[("registrar", "sign-out")] == "ok"
    assert output.splitlines()[-1].startswith("self-test FAILED: 1 of ")


def test_a_page_whose_data_fails_to_load_fails_the_self_test(
    qtbot, qapp, desktop: DesktopApp, monkeypatch
) -> None:
    """The page opens, then its background request fails (a real 404 from the platform)."""

    def factory(context: AppContext) -> QWidget:
        page = QLabel("正在加载…")
        client = context.client

        def failed(exc: Exception) -> None:
            page.setText(f"无法加载：{exc}")

        context.run(lambda task: client.get("/api/v1/no-such-list"), failure=failed)
        return page

    add_page(monkeypatch, broken_spec(factory))
    code, output, _ = run_self_test(qtbot, qapp, desktop)
    assert code == 1, output
    reason = result_lines(output)[("registrar", "test.broken")]
    assert reason.startswith("background operation failed"), output
    assert all(result_lines(output)[("registrar", key)] == "ok" for key in REGISTRAR_PAGES)
