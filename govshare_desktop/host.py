"""What differs between the machines the client runs on, in one place.

Where files live (user data, logs, the demo platform), where the files the client ships are
(forms, translations, icons, the CJK font: package data, also inside a PyInstaller bundle,
which sets `__file__` under its `_MEIPASS` folder), and which keyring backend holds tokens.
Windows, macOS and Linux differ only here: everything else uses these functions.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from platformdirs import user_data_path, user_log_path

from govshare_core.resources import CJK_FONT

APP_NAME = "GovShare"
PACKAGE_DIR = Path(__file__).resolve().parent

DATA_DIR_ENV = "GOVSHARE_DATA_DIR"
LOG_DIR_ENV = "GOVSHARE_LOG_DIR"
DEMO_DIR_ENV = "GOVSHARE_DEMO_DIR"


def frozen() -> bool:
    """True inside a PyInstaller bundle."""
    return bool(getattr(sys, "frozen", False))


def _override(env: str) -> Path | None:
    value = os.environ.get(env)
    return Path(value) if value else None


def data_dir() -> Path:
    """The client's data directory (offline stores); GOVSHARE_DATA_DIR overrides it."""
    return _override(DATA_DIR_ENV) or user_data_path(APP_NAME, appauthor=False)


def signing_dir() -> Path:
    """Signing keys and certificates (signing/keys.py), signed PDFs waiting to be sent, and
    the stamp font cache, under the data directory."""
    return data_dir() / "signing"


def log_dir() -> Path:
    """The client's log directory (rotated log files); GOVSHARE_LOG_DIR overrides it."""
    return _override(LOG_DIR_ENV) or user_log_path(APP_NAME, appauthor=False)


def demo_dir() -> Path:
    """The embedded demo platform's data; GOVSHARE_DEMO_DIR overrides it."""
    return _override(DEMO_DIR_ENV) or user_data_path(APP_NAME, appauthor=False) / "demo"


def ui_dir() -> Path:
    """The Qt Designer forms (*.ui)."""
    return PACKAGE_DIR / "ui"


def translations_dir() -> Path:
    """The compiled translations (*.qm)."""
    return PACKAGE_DIR / "resources" / "translations"


def icon_path(name: str) -> Path:
    return PACKAGE_DIR / "resources" / "icons" / name


def cjk_font() -> Path:
    """The TrueType CJK font PDFs embed (subfont 0 of a collection)."""
    return CJK_FONT


def keyring_backend_name() -> str:
    """The keyring backend in use, for the about box and the log (Windows Credential Locker,
    macOS Keychain, Secret Service, or a fail/null backend on headless Linux)."""
    import keyring

    backend = keyring.get_keyring()
    return f"{type(backend).__module__}.{type(backend).__name__}"
