"""Where offline stores live: one SQLite file per platform profile and user.

    <user_data_dir("GovShare")>/stores/<profile>/<username>.db

GOVSHARE_DATA_DIR overrides the base directory (tests, the demo, portable installs).
"""

from __future__ import annotations

import re
from pathlib import Path

from govshare_desktop.host import data_dir


def safe_name(name: str) -> str:
    """A file-system-safe form of a profile or user name (keeps CJK, drops separators)."""
    cleaned = re.sub(r"[^\w.-]+", "_", name.strip(), flags=re.UNICODE).strip("._")
    return cleaned or "default"


def store_path(profile: str, username: str) -> Path:
    """The offline store of `username` on platform profile `profile`."""
    return data_dir() / "stores" / safe_name(profile) / f"{safe_name(username)}.db"
