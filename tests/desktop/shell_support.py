"""Helpers for the shell tests: an in-memory keyring, isolated settings, a signed-in app."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from keyring.backend import KeyringBackend
from keyring.errors import PasswordDeleteError
from PySide6.QtCore import QSettings

from govshare_desktop.credentials import TokenVault
from govshare_desktop.demo import EmbeddedPlatform
from govshare_desktop.profiles import Profile, ProfileStore
from govshare_desktop.shell.controller import DesktopApp


class MemoryKeyring(KeyringBackend):
    """A keyring that keeps passwords in a dict (keyring's test backends are not installed)."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.entries: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.entries.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.entries[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        if (service, username) not in self.entries:
            raise PasswordDeleteError(username)
        del self.entries[(service, username)]


def isolated_profiles(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, url: str) -> ProfileStore:
    """Settings in a temp INI file, stores in a temp dir, one profile "测试平台" → url."""
    monkeypatch.setenv("GOVSHARE_SETTINGS_FILE", str(tmp_path / "settings.ini"))
    monkeypatch.setenv("GOVSHARE_DATA_DIR", str(tmp_path / "data"))
    store = ProfileStore(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    store.set_profiles([Profile("测试平台", url)])
    store.last_profile = "测试平台"
    return store


@contextmanager
def demo_desktop(
    demo_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[DesktopApp]:
    """A DesktopApp on an embedded demo platform in `demo_dir`, closed and stopped afterwards."""
    profiles = isolated_profiles(tmp_path, monkeypatch, "http://127.0.0.1:9")
    desktop = DesktopApp(
        profiles=profiles,
        vault=TokenVault(MemoryKeyring()),
        demo=EmbeddedPlatform(demo_dir, maintenance_minutes=0),
    )
    try:
        yield desktop
    finally:
        for w in (desktop.window, desktop.login_dialog):
            if w is not None:
                w.close()
        desktop.shutdown()


def program_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    """The environment of a desktop program under test: offscreen, every file in `tmp_path`."""
    return dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        GOVSHARE_SETTINGS_FILE=str(tmp_path / "settings.ini"),
        GOVSHARE_DATA_DIR=str(tmp_path / "data"),
        GOVSHARE_LOG_DIR=str(tmp_path / "logs"),
        **extra,
    )
