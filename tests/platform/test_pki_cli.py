"""`govshare-platform ca init | show`, loading the CA from its files or a PKCS#12, and the demo's
CA made on first start."""

from __future__ import annotations

from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives.asymmetric import rsa
from pydantic import SecretStr
from sqlalchemy.orm import Session

from govshare_platform import cli
from govshare_platform.db import make_engine
from govshare_platform.demo.ca import ensure_demo_ca, with_demo_ca
from govshare_platform.migrate import upgrade
from govshare_platform.pki.authority import CAError, load_ca, load_ca_files
from govshare_platform.settings import Settings
from tests.server_support import DEPARTMENTS, add_departments

PASS = "a-long-enough-passphrase"


@pytest.fixture
def env_passphrase(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GOVSHARE_CA_PASSPHRASE", PASS)
    monkeypatch.delenv("GOVSHARE_CA_DIR", raising=False)
    monkeypatch.delenv("GOVSHARE_CA_P12", raising=False)


def _settings(ca_dir: Path, **extra: object) -> Settings:
    return Settings(ca_dir=ca_dir, ca_passphrase=SecretStr(PASS), **extra)  # type: ignore[arg-type]


def test_init_creates_a_loadable_ca_and_refuses_to_overwrite(
    tmp_path: Path, env_passphrase: None, capsys: pytest.CaptureFixture[str]
) -> None:
    ca_dir = tmp_path / "ca"
    nodb = f"sqlite:///{tmp_path / 'none.db'}"
    args = ["ca", "init", "--dir", str(ca_dir), "--name", "某市大数据局", "--database-url", nodb]
    assert cli.main([*args, "--operator", "平台签章"]) == 0
    out = capsys.readouterr().out
    assert "CN=某市大数据局 GovShare CA" in out and "CN=平台签章" in out
    assert not (tmp_path / "none.db").exists()  # the lookup of the department made no file
    assert {p.name for p in ca_dir.iterdir()} == {
        "ca.pem",
        "ca.key.pem",
        "platform.pem",
        "platform.key.pem",
    }
    assert (ca_dir / "ca.key.pem").stat().st_mode & 0o077 == 0
    assert b"ENCRYPTED PRIVATE KEY" in (ca_dir / "ca.key.pem").read_bytes()

    ca = load_ca(_settings(ca_dir))
    assert ca is not None
    constraints = ca.ca_cert.extensions.get_extension_for_class(x509.BasicConstraints).value
    usage = ca.ca_cert.extensions.get_extension_for_class(x509.KeyUsage).value
    assert constraints.ca and usage.key_cert_sign and usage.crl_sign
    assert (ca.ca_cert.not_valid_after_utc - ca.ca_cert.not_valid_before_utc).days >= 3650
    ca.signer_cert.verify_directly_issued_by(ca.ca_cert)

    before = (ca_dir / "ca.pem").read_bytes()
    assert cli.main(args) == 2
    assert "not overwriting" in capsys.readouterr().err
    assert (ca_dir / "ca.pem").read_bytes() == before

    assert cli.main(["ca", "show", "--dir", str(ca_dir)]) == 0
    shown = capsys.readouterr().out
    assert format(ca.signer_cert.serial_number, "x") in shown and "valid:" in shown


def test_the_organisation_comes_from_the_platform_department(
    tmp_path: Path, env_passphrase: None
) -> None:
    db = f"sqlite:///{tmp_path / 'p.db'}"
    upgrade(db)
    engine = make_engine(db)
    with Session(engine) as s:
        add_departments(s)
        s.commit()
    engine.dispose()
    assert cli.main(["--database-url", db, "ca", "init", "--dir", str(tmp_path / "ca")]) == 0
    ca = load_ca(_settings(tmp_path / "ca"))
    assert ca is not None
    org = ca.signer_cert.subject.get_attributes_for_oid(x509.NameOID.ORGANIZATION_NAME)
    assert org[0].value == DEPARTMENTS["P"][0]


def test_refusals_exit_2(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("GOVSHARE_CA_PASSPHRASE", raising=False)
    nodb = ["--database-url", f"sqlite:///{tmp_path / 'none.db'}"]
    init = ["ca", "init", "--dir", str(tmp_path / "ca"), *nodb]
    assert cli.main([*init, "--name", "X"]) == 2  # no passphrase anywhere
    short = tmp_path / "short"
    short.write_text("short\n")
    assert cli.main([*init, "--name", "X", "--passphrase-file", str(short)]) == 2
    good = tmp_path / "pass"
    good.write_text(PASS + "\n")
    assert cli.main([*init, "--passphrase-file", str(good)]) == 2  # no --name, no department
    assert cli.main(["ca", "show", "--dir", str(tmp_path / "nothing")]) == 2
    err = capsys.readouterr().err
    assert "GOVSHARE_CA_PASSPHRASE" in err and "--name" in err and "ca init" in err
    assert not (tmp_path / "ca").exists()


def test_p12_rsa_and_a_wrong_passphrase(tmp_path: Path, env_passphrase: None) -> None:
    ca_dir, p12 = tmp_path / "ca", tmp_path / "ca.p12"
    args = ["ca", "init", "--dir", str(ca_dir), "--name", "X", "--key-type", "rsa-3072"]
    assert cli.main([*args, "--p12", str(p12), "--database-url", "sqlite://"]) == 0
    (ca_dir / "ca.key.pem").unlink()  # the CA's key now lives in the PKCS#12 file only
    ca = load_ca(_settings(ca_dir, ca_p12=p12))
    assert ca is not None and isinstance(ca.ca_key, rsa.RSAPrivateKey)
    assert ca.ca_key.key_size == 3072
    with pytest.raises(CAError, match="wrong passphrase"):
        load_ca_files(ca_dir, passphrase=b"not the passphrase", p12=p12)
    with pytest.raises(CAError, match="PASSPHRASE"):
        load_ca(Settings(ca_dir=ca_dir, ca_passphrase=None))
    with pytest.raises(CAError, match="GOVSHARE_CA_DIR"):
        load_ca(Settings(ca_p12=p12))
    assert load_ca(Settings()) is None


def test_the_demo_makes_its_ca_once(tmp_path: Path) -> None:
    first = ensure_demo_ca(tmp_path / "ca")
    pem = (tmp_path / "ca" / "ca.pem").read_bytes()
    second = ensure_demo_ca(tmp_path / "ca")
    assert first == second and (tmp_path / "ca" / "ca.pem").read_bytes() == pem
    assert load_ca(Settings(**first)) is not None
    beside = with_demo_ca(Settings(database_url=f"sqlite:///{tmp_path / 'demo' / 'platform.db'}"))
    assert beside.ca_dir == tmp_path / "demo" / "ca" and load_ca(beside) is not None
