"""`govshare-platform` commands on a temporary SQLite file: init-db, create-user, audit verify."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import create_engine, inspect, select, text
from sqlalchemy.orm import Session

from govshare_core.creditcode import make_credit_code
from govshare_platform import cli
from govshare_platform.audit.models import AuditEvent
from govshare_platform.departments.models import Department, User


@pytest.fixture
def db(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'cli.db'}"


def add_department(url: str) -> int:
    engine = create_engine(url)
    with Session(engine) as s:
        dept = Department(name="南通市公安局", credit_code=make_credit_code("11320600014160001"))
        s.add(dept)
        s.commit()
        dept_id = dept.id
    engine.dispose()
    return dept_id


def test_init_db_is_repeatable(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["--database-url", db, "init-db"]) == 0
    assert "latest schema" in capsys.readouterr().out
    assert cli.main(["init-db", "--database-url", db]) == 0
    engine = create_engine(db)
    tables = set(inspect(engine).get_table_names())
    with engine.connect() as conn:
        head = conn.execute(text("SELECT seq, hash FROM audit_head")).one()
    engine.dispose()
    assert {"departments", "users", "audit_events", "policy", "alembic_version"} <= tables
    assert tuple(head) == (0, "0" * 64)


def test_create_user_then_verify_audit(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    cli.main(["--database-url", db, "init-db"])
    dept = add_department(db)
    capsys.readouterr()
    args = ["--database-url", db, "create-user", "alice", "--department-id", str(dept)]
    args += ["--role", "registrar", "--role", "applicant", "--password", "Long-Passw0rd-1"]
    args += ["--full-name", "爱丽丝"]
    assert cli.main(args) == 0
    created = json.loads(capsys.readouterr().out)
    assert created["username"] == "alice"
    engine = create_engine(db)
    with Session(engine) as s:
        user = s.get(User, created["id"])
        assert user is not None
        assert (user.full_name, [r.value for r in user.roles]) == (
            "爱丽丝",
            ["applicant", "registrar"],
        )
        assert user.password_hash.startswith("$argon2id$")
        event = s.scalars(select(AuditEvent)).one()
        assert (event.action, event.actor_name, event.object_id) == ("user_create", "cli", "1")
    engine.dispose()
    assert cli.main(["--database-url", db, "audit", "verify"]) == 0
    assert "audit chain intact: 1 events verified" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--role", "security_admin", "--role", "audit_admin"], "error:"),
        (["--role", "registrar", "--password", "short"], "error:"),
    ],
)
def test_create_user_refusals_exit_2(
    db: str, capsys: pytest.CaptureFixture[str], extra: list[str], message: str
) -> None:
    cli.main(["--database-url", db, "init-db"])
    dept = add_department(db)
    capsys.readouterr()
    args = ["--database-url", db, "create-user", "bob", "--department-id", str(dept)]
    if "--password" not in extra:
        extra = [*extra, "--password", "Long-Passw0rd-1"]
    assert cli.main(args + extra) == 2
    assert message in capsys.readouterr().err


def test_create_user_in_a_missing_department_exits_2(
    db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    cli.main(["--database-url", db, "init-db"])
    args = ["--database-url", db, "create-user", "carol", "--department-id", "42"]
    assert cli.main([*args, "--role", "registrar", "--password", "Long-Passw0rd-1"]) == 2
    assert "department not found" in capsys.readouterr().err


def test_audit_verify_reports_a_broken_chain(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    cli.main(["--database-url", db, "init-db"])
    dept = add_department(db)
    for name in ("user1", "user2", "user3"):
        args = ["--database-url", db, "create-user", name, "--department-id", str(dept)]
        assert cli.main([*args, "--role", "applicant", "--password", "Long-Passw0rd-1"]) == 0
    engine = create_engine(db)
    with engine.begin() as conn:
        conn.execute(text("DELETE FROM audit_events WHERE seq = 2"))
    engine.dispose()
    capsys.readouterr()
    assert cli.main(["--database-url", db, "audit", "verify"]) == 1
    err = capsys.readouterr().err
    assert "BROKEN at event #2: missing event (sequence gap)" in err


def test_unknown_command_and_missing_arguments(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        cli.main(["frobnicate"])
    assert exited.value.code == 2
    with pytest.raises(SystemExit):
        cli.main(["create-user", "dave"])  # --department-id and --role are required
    assert "required" in capsys.readouterr().err


# seed-demo (seeds an empty database, then only prints): tests/platform/test_seed.py


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    from govshare_core import __version__

    with pytest.raises(SystemExit) as exit_info:
        cli.main(["--version"])
    assert exit_info.value.code == 0
    assert capsys.readouterr().out.strip() == f"govshare-platform {__version__}"


def test_logs_are_one_line_per_event_and_verbose_adds_debug() -> None:
    import io
    import logging

    from govshare_platform import logs

    stream = io.StringIO()
    logs.configure(stream=stream)
    log = logging.getLogger("govshare.platform.test")
    log.debug("hidden")
    try:
        raise ValueError("bad\nvalue")
    except ValueError:
        log.exception("request failed")
    lines = stream.getvalue().splitlines()
    assert len(lines) == 1, lines
    assert " ERROR govshare.platform.test request failed\\nTraceback" in lines[0]
    assert "ValueError: bad\\nvalue" in lines[0]

    stream = io.StringIO()
    logs.configure(verbose=True, stream=stream)
    log.debug("shown")
    logging.getLogger("uvicorn.access").info('127.0.0.1 - "GET /healthz HTTP/1.1" 200')
    text = stream.getvalue()
    assert "DEBUG govshare.platform.test shown" in text
    assert 'INFO uvicorn.access 127.0.0.1 - "GET /healthz HTTP/1.1" 200' in text
    logs.configure(stream=io.StringIO())  # leave INFO, and no handler on a closed stream


# --- account commands (三员分立: privileged accounts only here; issue 11) ------------------------


def _run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = cli.main(args)
    out, err = capsys.readouterr()
    return code, out, err


def test_create_user_never_echoes_a_refused_password(
    db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """Finding 11: the CLI echoed a rejected password; names are unique whatever their case."""
    cli.main(["--database-url", db, "init-db"])
    dept = add_department(db)
    base = ["--database-url", db, "create-user", "erin", "--department-id", str(dept)]
    base += ["--role", "registrar"]
    for weak in ("aaaaaaaaaa", "Secret-Sauce 7 ", "x"):
        code, out, err = _run([*base, "--password", weak], capsys)
        assert code == 2 and weak.strip() not in out + err, (weak, err)
        assert "error: password:" in err
    assert _run([*base, "--password", "Long-Passw0rd-1"], capsys)[0] == 0
    upper = ["--database-url", db, "create-user", "ERIN", "--department-id", str(dept)]
    code, _out, err = _run([*upper, "--role", "registrar", "--password", "Long-Passw0rd-1"], capsys)
    assert code == 2 and "duplicate_username" in err


def test_privileged_accounts_are_managed_with_the_cli(
    db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    cli.main(["--database-url", db, "init-db"])
    dept = add_department(db)
    capsys.readouterr()
    common = ["--database-url", db]
    create = [*common, "create-user", "sec2", "--department-id", str(dept)]
    code, out, _err = _run(
        [*create, "--role", "security_admin", "--password", "Long-Passw0rd-1"], capsys
    )
    assert code == 0 and json.loads(out)["must_change_password"] is False
    both = [*common, "set-roles", "sec2", "--role", "security_admin", "--role", "audit_admin"]
    code, _out, err = _run(both, capsys)
    assert code == 2 and "separation_of_duties" in err
    code, out, _err = _run([*common, "set-roles", "SEC2", "--role", "audit_admin"], capsys)
    assert code == 0 and json.loads(out)["roles"] == ["audit_admin"]
    reset = [*common, "reset-password", "sec2", "--password", "Fresh-Passw0rd-9"]
    code, out, err = _run(reset, capsys)
    assert code == 0 and json.loads(out)["must_change_password"] is True
    assert "Fresh-Passw0rd-9" not in out + err
    code, out, _err = _run([*common, "set-active", "sec2", "--inactive"], capsys)
    assert code == 0 and json.loads(out)["active"] is False
    assert _run([*common, "unlock", "sec2"], capsys)[0] == 0
    code, _out, err = _run([*common, "unlock", "nobody"], capsys)
    assert code == 2 and "no user named 'nobody'" in err

    engine = create_engine(db)
    with Session(engine) as s:
        user = s.scalars(select(User).where(User.username == "sec2")).one()
        assert (user.active, user.version >= 3) == (False, True)
        events = s.scalars(select(AuditEvent).order_by(AuditEvent.seq)).all()
        assert [(e.action, e.actor_name) for e in events] == [
            ("user_create", "cli"),
            ("user_update", "cli"),
            ("user_password_reset", "cli"),
            ("user_update", "cli"),
            ("user_unlock", "cli"),
        ]
        assert events[1].details["roles"] == ["audit_admin"]
    engine.dispose()
    assert _run([*common, "audit", "verify"], capsys)[0] == 0
