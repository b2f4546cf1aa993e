"""Logging of the platform: one line per event, on standard output for the server.

Service managers (systemd, a container runtime) collect stdout, so the server writes nothing
to files of its own. One-shot commands whose standard output is their result (JSON) log to
standard error instead. A traceback stays on its event's line (newlines escaped as "\\n"), so a
log collector never splits one event in two. uvicorn's own loggers ("uvicorn.error", and
"uvicorn.access" for one line per request) go through the same handler.
"""

from __future__ import annotations

import logging
import sys
from typing import TextIO

FORMAT = "%(asctime)s %(levelname)s %(name)s %(message)s"
_HANDLER_NAME = "govshare-stdout"


class OneLineFormatter(logging.Formatter):
    """The standard format with everything on one line."""

    def format(self, record: logging.LogRecord) -> str:
        return super().format(record).replace("\r", "").replace("\n", "\\n")


def configure(*, verbose: bool = False, stream: TextIO | None = None) -> None:
    """Log INFO (DEBUG with `verbose`) from every logger to `stream` (stdout); repeatable."""
    root = logging.getLogger()
    for handler in list(root.handlers):
        if handler.get_name() == _HANDLER_NAME:
            root.removeHandler(handler)
    handler = logging.StreamHandler(stream or sys.stdout)
    handler.set_name(_HANDLER_NAME)
    handler.setFormatter(OneLineFormatter(FORMAT))
    root.addHandler(handler)
    root.setLevel(logging.DEBUG if verbose else logging.INFO)
    for name in ("uvicorn", "uvicorn.error", "uvicorn.access"):
        uvicorn_logger = logging.getLogger(name)
        uvicorn_logger.handlers.clear()
        uvicorn_logger.setLevel(logging.NOTSET)  # uvicorn.Config sets its own log_level later
        uvicorn_logger.propagate = True
    # SQL statements only with GOVSHARE_SQL_ECHO, not with --verbose: they would drown the rest
    logging.getLogger("sqlalchemy").setLevel(logging.WARNING)
    logging.getLogger("alembic.runtime.plugins").setLevel(logging.WARNING)
