"""`govshare-platform` account commands: create-user, set-roles, reset-password, set-active,
unlock (三员分立: the only way to create or change a security_admin or audit_admin account).

Every command is audited (actor "cli") in the same transaction as its change. A refused
password is never printed: only the rules it breaks are.
"""

from __future__ import annotations

import argparse
import getpass
import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from pydantic import ValidationError
from sqlalchemy.orm import Session

from govshare_core.schemas import UserIn
from govshare_core.vocab import Role

CommonOptions = Callable[[argparse.ArgumentParser], None]
SettingsOf = Callable[[argparse.Namespace], Any]


class CommandError(Exception):
    """A refusal to print as `error: ...` lines (exit status 2)."""

    def __init__(self, lines: list[str]) -> None:
        super().__init__("; ".join(lines))
        self.lines = lines


def _problem_lines(exc: Exception) -> list[str]:
    """What to tell the operator, never the input's values (a refused password stays unseen)."""
    from govshare_platform.errors import Problem

    if isinstance(exc, ValidationError):
        return [f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in exc.errors()]
    if isinstance(exc, Problem):
        if exc.errors:
            return [f"{e.field}: {e.message_en} ({e.code})" for e in exc.errors]
        return [f"{exc.detail} ({exc.code})"]
    return [str(exc)]


def _password(args: argparse.Namespace) -> str:
    if args.password is not None:
        return str(args.password)
    first = getpass.getpass("password: ")
    if getpass.getpass("again: ") != first:
        raise CommandError(["the two passwords differ"])
    return first


@contextmanager
def _session(args: argparse.Namespace, settings_of: SettingsOf) -> Iterator[Session]:
    from govshare_platform.audit.service import begin_write
    from govshare_platform.db import make_engine, make_session_factory

    engine = make_engine(settings_of(args).database_url)
    try:
        with make_session_factory(engine)() as session:
            begin_write(session)
            yield session
    finally:
        engine.dispose()


def _audit(session: Session, action: str, user: Any, **details: Any) -> None:
    from govshare_platform.audit.service import append

    append(
        session,
        action=action,
        actor_name="cli",
        object_type="user",
        object_id=user.id,
        details={"username": user.username, "via": "cli", **details},
    )


def _user(session: Session, username: str) -> Any:
    from govshare_platform.departments.users import by_username, get_user

    found = by_username(session, username)
    if found is None:
        raise CommandError([f"no user named {username!r}"])
    return get_user(session, found.id, lock=True)


def _print(user: Any) -> None:
    print(
        json.dumps(
            {
                "id": user.id,
                "username": user.username,
                "roles": [r.value for r in user.roles],
                "active": user.active,
                "must_change_password": user.must_change_password,
            }
        )
    )


def cmd_create_user(args: argparse.Namespace, settings_of: SettingsOf) -> int:
    from govshare_platform.departments.users import create_user

    data = UserIn(
        username=args.username,
        full_name=args.full_name or args.username,
        password=_password(args),
        department_id=args.department_id,
        roles=[Role(r) for r in args.role],
    )
    with _session(args, settings_of) as session:
        user = create_user(session, data=data, must_change_password=args.must_change)
        _audit(session, "user_create", user, roles=[r.value for r in user.roles])
        session.commit()
        _print(user)
    return 0


def cmd_set_roles(args: argparse.Namespace, settings_of: SettingsOf) -> int:
    from govshare_platform.departments.users import set_roles

    with _session(args, settings_of) as session:
        user = _user(session, args.username)
        before = [r.value for r in user.roles]
        if set_roles(session, user=user, roles=[Role(r) for r in args.role]):
            session.flush()
            _audit(session, "user_update", user, roles=[r.value for r in user.roles], was=before)
        session.commit()
        _print(user)
    return 0


def cmd_reset_password(args: argparse.Namespace, settings_of: SettingsOf) -> int:
    from govshare_platform.departments.users import reset_password

    password = _password(args)
    with _session(args, settings_of) as session:
        user = _user(session, args.username)
        ended = reset_password(session, user=user, password=password, must_change=args.must_change)
        _audit(session, "user_password_reset", user, sessions_ended=ended)
        session.commit()
        _print(user)
    return 0


def cmd_set_active(args: argparse.Namespace, settings_of: SettingsOf) -> int:
    from govshare_platform.departments.users import set_active

    with _session(args, settings_of) as session:
        user = _user(session, args.username)
        if user.active != args.active:
            set_active(session, user=user, active=args.active)
            session.flush()
            _audit(session, "user_update", user, active=args.active)
        session.commit()
        _print(user)
    return 0


def cmd_unlock(args: argparse.Namespace, settings_of: SettingsOf) -> int:
    from govshare_platform.departments.users import unlock

    with _session(args, settings_of) as session:
        user = _user(session, args.username)
        unlock(session, user=user)
        _audit(session, "user_unlock", user)
        session.commit()
        _print(user)
    return 0


def run(
    command: Callable[[argparse.Namespace, SettingsOf], int], settings_of: SettingsOf
) -> Callable[[argparse.Namespace], int]:
    """The command with its refusals printed as `error:` lines (exit 2), values never echoed."""
    from govshare_platform.errors import Problem

    def wrapped(args: argparse.Namespace) -> int:
        try:
            return command(args, settings_of)
        except (CommandError, ValidationError, Problem) as exc:
            lines = exc.lines if isinstance(exc, CommandError) else _problem_lines(exc)
            for line in lines:
                print(f"error: {line}", file=sys.stderr)
            return 2

    return wrapped


_PASSWORD_HELP = "(prompted twice when omitted; a command line may be seen by other users)"
_ROLES = [r.value for r in Role]


def add_parsers(sub: Any, common: CommonOptions, settings_of: SettingsOf) -> None:
    """Register the account commands on the `govshare-platform` subparsers."""
    user = sub.add_parser(
        "create-user",
        help="create a user (the only way to create a security_admin or audit_admin)",
    )
    common(user)
    user.add_argument("username")
    user.add_argument("--full-name")
    user.add_argument("--department-id", type=int, required=True)
    user.add_argument("--role", action="append", required=True, choices=_ROLES)
    user.add_argument("--password", help=_PASSWORD_HELP)
    user.add_argument(
        "--must-change",
        action="store_true",
        help="the password is a temporary one: its owner must change it at the first sign-in",
    )
    user.set_defaults(func=run(cmd_create_user, settings_of))

    roles = sub.add_parser("set-roles", help="replace a user's roles (any account)")
    common(roles)
    roles.add_argument("username")
    roles.add_argument("--role", action="append", required=True, choices=_ROLES)
    roles.set_defaults(func=run(cmd_set_roles, settings_of))

    reset = sub.add_parser(
        "reset-password",
        help="set a new password, clear the lockout and end the user's sessions",
    )
    common(reset)
    reset.add_argument("username")
    reset.add_argument("--password", help=_PASSWORD_HELP)
    reset.add_argument(
        "--no-must-change",
        dest="must_change",
        action="store_false",
        help="the owner typed it: no forced change at the next sign-in",
    )
    reset.set_defaults(func=run(cmd_reset_password, settings_of))

    active = sub.add_parser(
        "set-active", help="enable or disable a user (disabling ends their sessions)"
    )
    common(active)
    active.add_argument("username")
    state = active.add_mutually_exclusive_group(required=True)
    state.add_argument("--active", dest="active", action="store_true")
    state.add_argument("--inactive", dest="active", action="store_false")
    active.set_defaults(func=run(cmd_set_active, settings_of))

    unlock = sub.add_parser("unlock", help="clear a user's lockout after failed sign-ins")
    common(unlock)
    unlock.add_argument("username")
    unlock.set_defaults(func=run(cmd_unlock, settings_of))
