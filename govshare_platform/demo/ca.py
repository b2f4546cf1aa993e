"""The demo platform's certification authority: created on first use in the demo's data dir.

A demo has no operator to type a passphrase: a random one is kept in a file beside the keys
(readable by the owner only). A real platform keeps GOVSHARE_CA_PASSPHRASE out of the CA
directory (`govshare-platform ca init`, README §Certification authority).
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from typing import Any

from pydantic import SecretStr
from sqlalchemy.engine import make_url

from govshare_platform.demo.data import DEPARTMENT_BY_KEY, PLATFORM_KEY
from govshare_platform.pki import authority
from govshare_platform.settings import Settings

PASSPHRASE_FILE = "passphrase.txt"


def ensure_demo_ca(directory: Path) -> dict[str, Any]:
    """Create the demo CA in `directory` unless it is there; the `Settings` fields to use it."""
    secret_file = directory / PASSPHRASE_FILE
    if not all((directory / name).exists() for name in authority.FILES):
        directory.mkdir(parents=True, exist_ok=True)
        secret_file.unlink(missing_ok=True)  # a half-made CA of an interrupted first start
        for name in authority.FILES:
            (directory / name).unlink(missing_ok=True)
        passphrase = secrets.token_urlsafe(24)
        fd = os.open(secret_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="ascii") as out:
            out.write(passphrase)
        platform = DEPARTMENT_BY_KEY[PLATFORM_KEY]
        authority.create_ca(
            directory,
            organization=platform.name,
            credit_code=platform.credit_code,
            passphrase=passphrase.encode("ascii"),
        )
    passphrase = secret_file.read_text(encoding="ascii").strip()
    return {"ca_dir": directory, "ca_passphrase": SecretStr(passphrase)}


def with_demo_ca(settings: Settings) -> Settings:
    """`settings` with a CA for `seed-demo`: the configured one (created with the configured
    passphrase when its directory is still empty), else a demo CA beside the SQLite database
    (or in ./govshare-demo-ca)."""
    if settings.ca_dir is not None:
        if settings.ca_p12 is None and not (settings.ca_dir / authority.CA_CERT).exists():
            if settings.ca_passphrase is None:
                raise authority.CAError("GOVSHARE_CA_DIR is set but GOVSHARE_CA_PASSPHRASE is not")
            platform = DEPARTMENT_BY_KEY[PLATFORM_KEY]
            authority.create_ca(
                settings.ca_dir,
                organization=platform.name,
                credit_code=platform.credit_code,
                passphrase=settings.ca_passphrase.get_secret_value().encode("utf-8"),
            )
        return settings
    url = make_url(settings.database_url)
    if url.get_backend_name() == "sqlite" and url.database and url.database != ":memory:":
        directory = Path(url.database).resolve().parent / "ca"
    else:
        directory = Path("govshare-demo-ca").resolve()
    return settings.model_copy(update=ensure_demo_ca(directory))
