"""`govshare-platform` command line: serve, init-db, seed-demo, the account commands
(create-user, set-roles, reset-password, set-active, unlock), maintenance, check-conformance,
audit (verify, checkpoint, export, archive, purge), backup, restore, ca (the platform's
certification authority).

Every command logs to standard output, one line per event (`--verbose` for debug detail).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from govshare_core import __version__
from govshare_platform import cli_users, logs
from govshare_platform.pki.profile import KEY_TYPES
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
    uvicorn.run(
        create_app(settings),
        host=args.host,
        port=args.port,
        log_level=args.log_level,
        log_config=None,  # logs.configure already routes uvicorn's loggers, one line each
        server_header=False,  # no `server: uvicorn` (issue 11)
        # X-Forwarded-For is believed only from the configured proxies (default: nobody)
        proxy_headers=bool(settings.trusted_proxies),
        forwarded_allow_ips=settings.trusted_proxies or None,
    )
    return 0


def cmd_init_db(args: argparse.Namespace) -> int:
    from govshare_platform.migrate import upgrade

    upgrade(_settings(args).database_url)
    print("database is at the latest schema")
    return 0


def cmd_seed_demo(args: argparse.Namespace) -> int:
    """Seed an empty database (or add a round with --force); then print the accounts if asked.

    The summary goes to standard error when the accounts are printed, so that standard output
    is exactly one JSON account per line.
    """
    from govshare_platform.demo.ca import with_demo_ca
    from govshare_platform.demo.seed import demo_accounts, seed_demo
    from govshare_platform.migrate import upgrade

    settings = with_demo_ca(_settings(args))
    upgrade(settings.database_url)
    summary = {**seed_demo(settings, force=args.force), "ca_dir": str(settings.ca_dir)}
    out = sys.stderr if args.print_accounts else sys.stdout
    print(json.dumps(summary, ensure_ascii=False), file=out)
    if args.print_accounts:
        for account in demo_accounts():
            print(json.dumps(account, ensure_ascii=False))
    return 0


def cmd_maintenance(args: argparse.Namespace) -> int:
    from govshare_platform.db import make_engine, make_session_factory
    from govshare_platform.maintenance import run_once

    settings = _settings(args)
    factory = make_session_factory(make_engine(settings.database_url))
    print(json.dumps(run_once(factory, settings)))
    return 0


def cmd_check_conformance(args: argparse.Namespace) -> int:
    from govshare_platform import clock
    from govshare_platform.assessment.conformance import run_conformance_checks
    from govshare_platform.audit import service as audit
    from govshare_platform.db import make_engine, make_session_factory

    factory = make_session_factory(make_engine(_settings(args).database_url))
    with factory() as session:
        audit.begin_write(session)
        checked, failed = run_conformance_checks(session, clock.today())
        counts = {"checked": checked, "failed": failed}
        audit.append(session, action="conformance_checked", actor_name="system", details=counts)
        session.commit()
    print(json.dumps(counts))
    return 0


def cmd_ca_init(args: argparse.Namespace) -> int:
    from govshare_platform.pki import commands

    settings = _settings(args)
    commands.init(
        settings,
        args.dir,
        name=args.name,
        credit_code=args.credit_code,
        operator=args.operator,
        key_type=args.key_type,
        passphrase_file=args.passphrase_file,
        p12=args.p12,
    )
    print("\n".join(commands.show(args.dir)))
    print(f"set GOVSHARE_CA_DIR={args.dir} and GOVSHARE_CA_PASSPHRASE for `serve`")
    return 0


def cmd_ca_show(args: argparse.Namespace) -> int:
    from govshare_platform.pki import commands
    from govshare_platform.pki.authority import CAError

    directory = args.dir or _settings(args).ca_dir
    if directory is None:
        raise CAError("give --dir or set GOVSHARE_CA_DIR")
    print("\n".join(commands.show(directory)))
    return 0


def _ca_parser(sub: Any) -> None:
    ca = sub.add_parser("ca", help="the platform's certification authority (agreement signing)")
    ca_sub = ca.add_subparsers(dest="ca_command", required=True)
    init = ca_sub.add_parser(
        "init",
        help="create a root CA and the platform's signing certificate in a new directory",
        description="Create a root CA (10 years) and the platform's signing key and "
        "certificate (1 year) in DIR; the keys are encrypted PKCS#8 under the passphrase from "
        "--passphrase-file or GOVSHARE_CA_PASSPHRASE. Refuses to overwrite an existing CA.",
    )
    _common_options(init)
    init.add_argument("--dir", type=Path, required=True)
    init.add_argument("--name", help="organisation (default: the platform department's name)")
    init.add_argument("--credit-code", help="统一社会信用代码 of the organisation")
    init.add_argument("--operator", help="CN of the platform's signing certificate")
    init.add_argument("--key-type", choices=KEY_TYPES, default="ec-p256")
    init.add_argument("--passphrase-file", type=Path)
    init.add_argument("--p12", type=Path, help="also write the CA's key and certificate here")
    init.set_defaults(func=cmd_ca_init)
    show = ca_sub.add_parser("show", help="print the CA's and platform signer's certificates")
    _common_options(show)
    show.add_argument("--dir", type=Path, help="(default: $GOVSHARE_CA_DIR)")
    show.set_defaults(func=cmd_ca_show)


def _common_options(parser: argparse.ArgumentParser) -> None:
    """--database-url and --verbose may also stand after the subcommand."""
    parser.add_argument("--database-url", dest="database_url", default=argparse.SUPPRESS)
    parser.add_argument("--verbose", action="store_true", default=argparse.SUPPRESS)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="govshare-platform",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"govshare-platform {__version__}")
    parser.add_argument("--database-url", help="SQLAlchemy URL (default: $GOVSHARE_DATABASE_URL)")
    parser.add_argument("--verbose", action="store_true", help="log debug detail")
    sub = parser.add_subparsers(dest="command", required=True)

    serve = sub.add_parser("serve", help="run the API server")
    _common_options(serve)
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8600)
    serve.add_argument("--log-level", default="info")
    serve.add_argument("--no-migrate", action="store_true", help="do not run migrations first")
    serve.set_defaults(func=cmd_serve)

    init = sub.add_parser("init-db", help="create or upgrade the schema (Alembic)")
    _common_options(init)
    init.set_defaults(func=cmd_init_db)

    seed = sub.add_parser(
        "seed-demo",
        help="load the demo city (departments, users, catalog, requests) into an empty database",
        description="Migrate, then seed the 南通市 demo city into an EMPTY database through the "
        "platform's own API (about 20 s); a database that already has departments is left as "
        "it is (use --force to add another round of entries and requests). With "
        "--print-accounts the demo accounts are then printed, one JSON object per line, and "
        "the seed summary goes to standard error. Every demo account's password is "
        "GovShare@Demo2015.",
    )
    _common_options(seed)
    seed.add_argument(
        "--print-accounts",
        action="store_true",
        help="after seeding (or finding the data already there), print the demo accounts",
    )
    seed.add_argument("--force", action="store_true", help="seed another round even if data exists")
    seed.set_defaults(func=cmd_seed_demo)

    # accounts: create-user, set-roles, reset-password, set-active, unlock (三员分立)
    cli_users.add_parsers(sub, _common_options, _settings)

    sweep = sub.add_parser(
        "maintenance",
        help="escalate overdue requests and expire grants once (serve does it hourly)",
    )
    _common_options(sweep)
    sweep.set_defaults(func=cmd_maintenance)

    conformance = sub.add_parser(
        "check-conformance",
        help="run the standard-conformance test over every published entry now (第十六条)",
    )
    _common_options(conformance)
    conformance.set_defaults(func=cmd_check_conformance)

    from govshare_platform.audit.commands import add_parsers as audit_parsers

    audit_parsers(sub, _common_options)  # audit …, backup, restore
    _ca_parser(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    # the server logs to stdout; the other commands print their result there
    logs.configure(
        verbose=args.verbose, stream=sys.stdout if args.command == "serve" else sys.stderr
    )
    try:
        code: int = args.func(args)
    except Exception as exc:  # a clear message instead of a traceback for operators
        from pydantic import ValidationError

        from govshare_platform.errors import Problem
        from govshare_platform.pki.authority import CAError

        if isinstance(exc, Problem | ValidationError | CAError):
            print(f"error: {exc}", file=sys.stderr)
            return 2
        raise
    return code


if __name__ == "__main__":
    sys.exit(main())
