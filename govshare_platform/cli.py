"""`govshare-platform` command line: serve, init-db, seed-demo, create-user, audit verify."""

from __future__ import annotations

import argparse
import getpass
import json
import sys
from collections.abc import Sequence

from govshare_core.schemas import UserIn
from govshare_core.vocab import Role
from govshare_platform.settings import Settings


def _settings(args: argparse.Namespace) -> Settings:
    overrides = {"database_url": args.database_url} if args.database_url else {}
    return Settings(**overrides)


def cmd_serve(args: argparse.Namespace) -> int:
    import uvicorn

    from govshare_platform.app import create_app
    from govshare_platform.migrate import upgrade

    settings = _settings(args)
    if not args.no_migrate:
        upgrade(settings.database_url)
    uvicorn.run(create_app(settings), host=args.host, port=args.port, log_level=args.log_level)
    return 0


def cmd_init_db(args: argparse.Namespace) -> int:
    from govshare_platform.migrate import upgrade

    upgrade(_settings(args).database_url)
    print("database is at the latest schema")
    return 0


def cmd_seed_demo(args: argparse.Namespace) -> int:
    from govshare_platform.migrate import upgrade
    from govshare_platform.seed import demo_accounts, seed_demo

    settings = _settings(args)
    upgrade(settings.database_url)
    if not args.print_accounts or args.force:
        summary = seed_demo(settings, force=args.force)
        if not args.print_accounts:
            print(json.dumps(summary, ensure_ascii=False))
    if args.print_accounts:
        for account in demo_accounts():
            print(json.dumps(account, ensure_ascii=False))
    return 0


def cmd_create_user(args: argparse.Namespace) -> int:
    from govshare_platform.db import make_engine, make_session_factory
    from govshare_platform.departments.service import create_user

    password = args.password or getpass.getpass("password: ")
    data = UserIn(
        username=args.username,
        full_name=args.full_name or args.username,
        password=password,
        department_id=args.department_id,
        roles=[Role(r) for r in args.role],
    )
    factory = make_session_factory(make_engine(_settings(args).database_url))
    from govshare_platform.audit.service import append, begin_write

    with factory() as session:
        begin_write(session)
        user = create_user(session, data=data)
        append(
            session,
            action="user_create",
            actor_name="cli",
            object_type="user",
            object_id=user.id,
            details={"username": user.username, "roles": args.role},
        )
        session.commit()
        print(json.dumps({"id": user.id, "username": user.username}))
    return 0


def cmd_audit_verify(args: argparse.Namespace) -> int:
    from govshare_platform.audit.service import verify_chain
    from govshare_platform.db import make_engine, make_session_factory

    factory = make_session_factory(make_engine(_settings(args).database_url))
    with factory() as session:
        result = verify_chain(session)
    if result.ok:
        print(f"audit chain intact: {result.checked} events verified")
        return 0
    print(
        f"audit chain BROKEN at event #{result.first_broken_seq}: {result.reason} "
        f"({result.checked} events verified before it)",
        file=sys.stderr,
    )
    return 1


def cmd_maintenance(args: argparse.Namespace) -> int:
    from govshare_platform.db import make_engine, make_session_factory
    from govshare_platform.maintenance import run_once

    factory = make_session_factory(make_engine(_settings(args).database_url))
    print(json.dumps(run_once(factory)))
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="govshare-platform", description=__doc__)
    parser.add_argument("--database-url", help="SQLAlchemy URL (default: $GOVSHARE_DATABASE_URL)")
    sub = parser.add_subparsers(dest="command", required=True)

    serve = sub.add_parser("serve", help="run the API server")
    serve.add_argument("--database-url", dest="database_url", default=argparse.SUPPRESS)
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8600)
    serve.add_argument("--log-level", default="info")
    serve.add_argument("--no-migrate", action="store_true", help="do not run migrations first")
    serve.set_defaults(func=cmd_serve)

    init = sub.add_parser("init-db", help="create or upgrade the schema (Alembic)")
    init.add_argument("--database-url", dest="database_url", default=argparse.SUPPRESS)
    init.set_defaults(func=cmd_init_db)

    seed = sub.add_parser("seed-demo", help="load the demo city (departments, catalog, requests)")
    seed.add_argument("--database-url", dest="database_url", default=argparse.SUPPRESS)
    seed.add_argument("--print-accounts", action="store_true", help="print demo accounts as JSON")
    seed.add_argument("--force", action="store_true", help="seed even if data exists")
    seed.set_defaults(func=cmd_seed_demo)

    user = sub.add_parser("create-user", help="create a user")
    user.add_argument("--database-url", dest="database_url", default=argparse.SUPPRESS)
    user.add_argument("username")
    user.add_argument("--full-name")
    user.add_argument("--department-id", type=int, required=True)
    user.add_argument("--role", action="append", required=True, choices=[r.value for r in Role])
    user.add_argument("--password", help="(prompted when omitted)")
    user.set_defaults(func=cmd_create_user)

    sweep = sub.add_parser(
        "maintenance",
        help="escalate overdue requests and expire grants once (serve does it hourly)",
    )
    sweep.add_argument("--database-url", dest="database_url", default=argparse.SUPPRESS)
    sweep.set_defaults(func=cmd_maintenance)

    audit = sub.add_parser("audit", help="audit trail tools")
    audit_sub = audit.add_subparsers(dest="audit_command", required=True)
    verify = audit_sub.add_parser("verify", help="check the hash chain")
    verify.add_argument("--database-url", dest="database_url", default=argparse.SUPPRESS)
    verify.set_defaults(func=cmd_audit_verify)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        code: int = args.func(args)
    except Exception as exc:  # a clear message instead of a traceback for operators
        from pydantic import ValidationError

        from govshare_platform.errors import Problem

        if isinstance(exc, Problem | ValidationError):
            print(f"error: {exc}", file=sys.stderr)
            return 2
        raise
    return code


if __name__ == "__main__":
    sys.exit(main())
