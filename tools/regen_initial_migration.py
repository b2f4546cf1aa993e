"""Developer tool: regenerate the initial schema migration from the models (pre-release only).

Until the first release the schema lives in one revision, 0001_initial; run this after changing
models. Once a release has shipped, add new revisions with `alembic revision --autogenerate`.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from alembic import command

from govshare_platform.migrate import MIGRATIONS, alembic_config

INITIAL = MIGRATIONS / "versions" / "0001_initial.py"


def main() -> None:
    for old in (MIGRATIONS / "versions").glob("0001_*.py"):
        old.unlink()
    later = sorted((MIGRATIONS / "versions").glob("0*.py"))
    with tempfile.TemporaryDirectory() as tmp:
        parked = [shutil.move(p, Path(tmp) / p.name) for p in later]  # revisions on top of 0001
        try:
            cfg = alembic_config(f"sqlite:///{Path(tmp) / 'empty.db'}")
            command.revision(
                cfg, message="initial schema", autogenerate=True, rev_id="0001_initial"
            )
        finally:
            for p in parked:
                shutil.move(p, MIGRATIONS / "versions" / Path(p).name)
    (generated,) = (MIGRATIONS / "versions").glob("0001_*.py")
    generated.rename(INITIAL)
    print(f"wrote {INITIAL}")


if __name__ == "__main__":
    main()
