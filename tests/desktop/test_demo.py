"""The embedded demo platform: migrated, seeded and served in this process; its accounts log in."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialogButtonBox

from govshare_desktop.profiles import DEMO_PROFILE
from govshare_desktop.shell.controller import DesktopApp
from tests.desktop.shell_support import demo_desktop


@pytest.fixture(scope="module")
def demo_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("demo")


@pytest.fixture
def app(qtbot, demo_dir: Path, tmp_path: Path, monkeypatch) -> Iterator[DesktopApp]:
    with demo_desktop(demo_dir, tmp_path, monkeypatch) as desktop:
        yield desktop


@pytest.mark.slow
def test_demo_starts_seeds_and_offers_its_accounts(qtbot, app: DesktopApp, demo_dir: Path):
    app.start()
    dialog = app.login_dialog
    assert dialog is not None and dialog.isVisible()
    ok = dialog.ui.buttonBox.button(QDialogButtonBox.StandardButton.Ok)
    assert not ok.isEnabled()  # until the platform answers
    assert dialog.ui.statusLabel.text()  # progress text
    with qtbot.wait_signal(app.demo_ready, timeout=120_000) as ready:
        pass
    url = ready.args[0]
    assert url.startswith("http://127.0.0.1:")
    assert (demo_dir / "platform.db").is_file()
    assert app.demo is not None and app.demo.seeded_now
    assert app.profiles.get(DEMO_PROFILE).url == url
    assert dialog.current_profile().name == DEMO_PROFILE
    assert ok.isEnabled()

    tree = dialog.ui.demoTree
    assert tree.topLevelItemCount() == len(app.demo.accounts) > 10
    item = next(
        tree.topLevelItem(i)
        for i in range(tree.topLevelItemCount())
        if tree.topLevelItem(i).text(0) == "ga_registrar"
    )
    dialog._on_demo_clicked(item, 0)
    assert dialog.ui.usernameEdit.text() == "ga_registrar"
    assert dialog.ui.passwordEdit.text()
    with qtbot.wait_signal(app.session_started, timeout=30_000) as started:
        ok.click()
    window = started.args[0]
    assert window.context.me["department"]["name"] == "南通市公安局"
    qtbot.waitUntil(lambda: window.pages["home"].model.rowCount() > 0, timeout=10_000)


@pytest.mark.slow
def test_second_start_reuses_the_seeded_database(qtbot, app: DesktopApp):
    app.start()  # the module's demo dir was seeded by the test above (or is seeded now)
    with qtbot.wait_signal(app.demo_ready, timeout=120_000):
        pass
    assert app.demo is not None
    if (app.demo.data_dir / "platform.db").stat().st_size:
        assert app.login_dialog is not None
        assert "已就绪" in app.login_dialog.ui.statusLabel.text()
