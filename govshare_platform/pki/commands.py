"""`govshare-platform ca init | show`: create the platform CA's files, print what they hold."""

from __future__ import annotations

import os
from pathlib import Path

from cryptography import x509
from sqlalchemy import select
from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError

from govshare_platform.db import make_engine, make_session_factory
from govshare_platform.departments.models import Department
from govshare_platform.pki import authority
from govshare_platform.pki.authority import CAError, PlatformCA
from govshare_platform.pki.profile import KeyType
from govshare_platform.pki.service import rfc4514, serial_hex
from govshare_platform.settings import Settings


def passphrase(settings: Settings, passphrase_file: Path | None) -> bytes:
    """From --passphrase-file (its first line), else GOVSHARE_CA_PASSPHRASE."""
    if passphrase_file is not None:
        lines = passphrase_file.read_text(encoding="utf-8").splitlines()
        value = lines[0] if lines else ""
    elif settings.ca_passphrase is not None:
        value = settings.ca_passphrase.get_secret_value()
    else:
        raise CAError("give --passphrase-file or set GOVSHARE_CA_PASSPHRASE")
    if len(value) < 8:
        raise CAError("the CA passphrase must have at least 8 characters")
    return value.encode("utf-8")


def platform_department(database_url: str) -> tuple[str, str] | None:
    """(name, credit code) of the platform department (信息化主管部门), if the database has one.
    An SQLite file that does not exist is not created."""
    url = make_url(database_url)
    if url.get_backend_name() == "sqlite" and not (url.database and os.path.exists(url.database)):
        return None
    engine = make_engine(database_url)
    try:
        with make_session_factory(engine)() as session:
            dept = session.scalar(select(Department).where(Department.is_platform.is_(True)))
            return (dept.name, dept.credit_code) if dept else None
    except SQLAlchemyError:
        return None
    finally:
        engine.dispose()


def init(
    settings: Settings,
    directory: Path,
    *,
    name: str | None,
    credit_code: str | None,
    operator: str | None,
    key_type: KeyType,
    passphrase_file: Path | None,
    p12: Path | None,
) -> PlatformCA:
    """Create the CA in `directory`; the organisation defaults to the platform department."""
    secret = passphrase(settings, passphrase_file)
    known = platform_department(settings.database_url)
    organization = name or (known[0] if known else None)
    if not organization:
        raise CAError("no platform department in the database: give --name")
    code = credit_code if credit_code is not None else (known[1] if known and not name else "")
    if p12 is not None and p12.exists():
        raise CAError(f"{p12} exists; not overwriting")
    ca = authority.create_ca(
        directory,
        organization=organization,
        credit_code=code,
        operator=operator,
        passphrase=secret,
        key_type=key_type,
    )
    if p12 is not None:
        authority.export_p12(ca, p12, passphrase=secret)
    return ca


def describe(cert: x509.Certificate, what: str) -> list[str]:
    return [
        f"{what}:",
        f"  subject: {rfc4514(cert.subject)}",
        f"  issuer:  {rfc4514(cert.issuer)}",
        f"  serial:  {serial_hex(cert.serial_number)}",
        f"  valid:   {cert.not_valid_before_utc:%Y-%m-%d} to {cert.not_valid_after_utc:%Y-%m-%d}",
    ]


def show(directory: Path) -> list[str]:
    """What the CA directory's certificates say (no passphrase needed: no key is read)."""
    lines: list[str] = []
    for file, what in ((authority.CA_CERT, "CA"), (authority.SIGNER_CERT, "platform signer")):
        path = directory / file
        if not path.exists():
            raise CAError(f"{path} does not exist: run `govshare-platform ca init` first")
        lines += describe(x509.load_pem_x509_certificate(path.read_bytes()), what)
    return lines
