"""Logging of the desktop client: a rotating log file, and standard error with `--verbose`.

    logs.configure(verbose=args.verbose)   # first thing in main(), before Qt is imported
    logs.log_file()                        # where the log is, to tell the user

The file is `govshare-desktop.log` in `host.log_dir()` (platformdirs' user log directory,
GOVSHARE_LOG_DIR overrides it), at most 1 MB, with 5 older files beside it. INFO by default,
DEBUG with `verbose` (which also writes to standard error). An uncaught exception, on the UI
thread (PySide6 reports an exception raised in a slot through `sys.excepthook`) or in any
other thread, is logged with its full traceback. When the log directory cannot be written,
the client still starts and logs to standard error instead.
"""

from __future__ import annotations

import logging
import platform
import sys
import threading
from logging.handlers import RotatingFileHandler
from pathlib import Path
from types import TracebackType
from typing import Any

from govshare_desktop import __version__, host

LOG_NAME = "govshare-desktop.log"
MAX_BYTES = 1024 * 1024
BACKUP_COUNT = 5
FORMAT = "%(asctime)s %(levelname)-8s [%(threadName)s] %(name)s: %(message)s"

QUIET = {"uvicorn.access": logging.WARNING, "alembic.runtime.plugins": logging.WARNING}
"""Loggers kept above INFO unless verbose (the embedded demo would log every API call)."""

log = logging.getLogger("govshare.desktop")

_handlers: list[logging.Handler] = []  # the handlers `configure` added to the root logger
_active: list[Path] = []  # the file they write to, if any
_saved: dict[str, Any] = {}  # what `configure` replaced, for `reset`


def log_file() -> Path:
    """The current log file (it may not exist when the log directory is not writable)."""
    return host.log_dir() / LOG_NAME


def active_log_file() -> Path | None:
    """The file the log is written to now: None before `configure`, or on standard error only."""
    return _active[0] if _active else None


def configure(*, verbose: bool = False) -> Path | None:
    """Set up logging for the desktop client; return the log file, or None on standard error
    only. Calling it again replaces what the previous call set up."""
    root = logging.getLogger()
    if not _saved:
        _saved.update(
            level=root.level,
            quiet={name: logging.getLogger(name).level for name in QUIET},
            excepthook=sys.excepthook,
            threading_excepthook=threading.excepthook,
        )
    _remove_handlers()
    formatter = logging.Formatter(FORMAT)
    path = log_file()
    problem: OSError | None = None
    try:
        handler = _file_handler(path)
    except OSError as exc:  # read-only or missing drive, a file in the way: not fatal
        problem = exc
    else:
        _add(handler, formatter)
        _active.append(path)
    if verbose or problem is not None:
        _add(logging.StreamHandler(sys.stderr), formatter)
    root.setLevel(logging.DEBUG if verbose else logging.INFO)
    for name, level in QUIET.items():
        logging.getLogger(name).setLevel(logging.NOTSET if verbose else level)
    sys.excepthook = _excepthook
    threading.excepthook = _threading_excepthook
    log.info(
        "GovShare desktop %s, Python %s on %s; log level %s",
        __version__,
        platform.python_version(),
        platform.platform(),
        "DEBUG" if verbose else "INFO",
    )
    if problem is not None:
        log.warning("cannot write a log file in %s (%s): standard error only", path.parent, problem)
        return None
    return path


def reset() -> None:
    """Undo `configure`: remove its handlers, restore the root level and exception hooks."""
    _remove_handlers()
    if not _saved:
        return
    logging.getLogger().setLevel(_saved["level"])
    for name, level in _saved["quiet"].items():
        logging.getLogger(name).setLevel(level)
    if sys.excepthook is _excepthook:
        sys.excepthook = _saved["excepthook"]
    if threading.excepthook is _threading_excepthook:
        threading.excepthook = _saved["threading_excepthook"]
    _saved.clear()


def _file_handler(path: Path) -> logging.Handler:
    path.parent.mkdir(parents=True, exist_ok=True)
    return RotatingFileHandler(path, maxBytes=MAX_BYTES, backupCount=BACKUP_COUNT, encoding="utf-8")


def _add(handler: logging.Handler, formatter: logging.Formatter) -> None:
    handler.setFormatter(formatter)
    logging.getLogger().addHandler(handler)
    _handlers.append(handler)


def _remove_handlers() -> None:
    root = logging.getLogger()
    _active.clear()
    while _handlers:
        handler = _handlers.pop()
        root.removeHandler(handler)
        handler.close()


def _on_stderr() -> bool:
    """True when one of our handlers already writes to standard error."""
    return any(
        isinstance(h, logging.StreamHandler) and getattr(h, "stream", None) is sys.stderr
        for h in _handlers
    )


def _excepthook(
    exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None
) -> None:
    if not issubclass(exc_type, KeyboardInterrupt):
        log.critical("uncaught exception", exc_info=(exc_type, exc, tb))
        if _on_stderr():
            return
    previous = _saved.get("excepthook") or sys.__excepthook__
    previous(exc_type, exc, tb)


def _threading_excepthook(args: threading.ExceptHookArgs) -> None:
    if args.exc_type is SystemExit:
        return
    name = args.thread.name if args.thread is not None else "?"
    exc = args.exc_value if args.exc_value is not None else args.exc_type()
    log.critical(
        "uncaught exception in thread %s", name, exc_info=(args.exc_type, exc, args.exc_traceback)
    )
    if not _on_stderr():
        previous = _saved.get("threading_excepthook") or threading.__excepthook__
        previous(args)
