"""Copies of the user's files for the outbox to send (evidence attachments).

The outbox deletes a file it has sent (a signed PDF, an evidence file: kept on disk only until the
platform has it), so a feature never hands it the user's own file: `spool` copies it beside the
offline store first, into a folder of its own under `outgoing/` (keeping its name, which the
upload sends), and `discard` removes the copy and its folder once sent.
"""

from __future__ import annotations

import shutil
import uuid
from pathlib import Path

from govshare_desktop.store.local import LocalStore

OUTGOING = "outgoing"


def spool(store: LocalStore, file: Path) -> Path:
    """A copy of `file` for the outbox; a file changed or moved after 确定 changes nothing."""
    folder = store.path.parent / OUTGOING / uuid.uuid4().hex
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / file.name
    shutil.copyfile(file, target)
    return target


def discard(sent: Path) -> None:
    """Delete a file the platform has accepted; a spooled copy's own folder goes with it."""
    sent.unlink(missing_ok=True)
    folder = sent.parent
    if folder.parent.name == OUTGOING:
        try:
            folder.rmdir()
        except OSError:
            pass  # not empty: left for a later run
