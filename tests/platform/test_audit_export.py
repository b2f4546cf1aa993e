"""The audit admin's reading API: keyset pages with every filter, zone-less date-times refused
(finding 9b of issue 11), each read audited; the exports (CSV and XLSX neutralised against
formula injection, the signed bundle and `audit verify-export`)."""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from govshare_platform import cli
from govshare_platform.audit import service as audit
from govshare_platform.settings import Settings
from tests.platform.audit_support import AUDITOR, keyed_settings, make_activity
from tests.platform.conftest import World


@pytest.fixture
def settings(db_url: str, tmp_path: Path) -> Settings:
    return keyed_settings(db_url, tmp_path)


def _get(world: World, path: str, **params: Any) -> Any:
    r = world.client.get(f"/api/v1/audit/{path}", params=params, headers=world.h(*AUDITOR))
    assert r.status_code == 200, r.text
    return r


def test_pages_filters_and_the_read_is_audited(world: World) -> None:
    make_activity(world)
    with world.session() as s:
        audit.begin_write(s)
        audit.append(s, action="evil", actor_name="=cmd|' /C calc'!A0", details={"x": "@SUM(1)"})
        s.commit()
    first = _get(world, "events", limit=3, count="true").json()
    assert first["limit"] == 3 and len(first["items"]) == 3 and first["total"] >= 5
    seqs = [e["seq"] for e in first["items"]]
    assert seqs == sorted(seqs, reverse=True) and first["next_before_seq"] == seqs[-1]
    second = _get(world, "events", limit=3, before_seq=first["next_before_seq"]).json()
    assert all(e["seq"] < seqs[-1] for e in second["items"]) and second["total"] is None
    by_two = _get(world, "events", action=["login", "login_failed"]).json()["items"]
    assert {e["action"] for e in by_two} == {"login", "login_failed"}
    assert {e["action"] for e in _get(world, "events", actor_name="a_reg").json()["items"]} >= {
        "login"
    }
    denied = _get(world, "events", outcome="denied").json()["items"]
    assert denied and all(e["outcome"] == "denied" for e in denied)
    assert _get(world, "events", since="2099-01-01T00:00:00+08:00").json()["items"] == []
    since = _get(world, "events", since="2020-01-01T00:00:00Z").json()["items"]
    assert since
    naive = world.client.get(
        "/api/v1/audit/events", params={"since": "2020-01-01"}, headers=world.h(*AUDITOR)
    )
    assert naive.status_code == 422 and naive.json()["code"] == "validation_failed"
    naive = world.client.get(
        "/api/v1/audit/events", params={"until": "2020-01-01T00:00:00"}, headers=world.h(*AUDITOR)
    )
    assert naive.status_code == 422
    reads = _get(world, "events", action="audit_read").json()["items"]
    assert reads and reads[0]["actor_id"] == world.uid(*AUDITOR)
    assert reads[0]["details"]["filters"] == {"since": "2020-01-01T00:00:00+00:00"}


def test_exports_are_neutralised_and_the_bundle_verifies(
    world: World, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    make_activity(world)
    with world.session() as s:
        audit.begin_write(s)
        audit.append(s, action="evil", actor_name="=cmd|' /C calc'!A0", details={"x": 1})
        s.commit()
    text = _get(world, "export", format="csv").text
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0][0] == "序号"
    (evil,) = [r for r in rows if r[5] == "evil"]
    assert evil[3] == "'=cmd|' /C calc'!A0"
    book = load_workbook(io.BytesIO(_get(world, "export", format="xlsx").content))
    cells = [c.value for row in book.active.iter_rows() for c in row]
    assert "'=cmd|' /C calc'!A0" in cells and "=cmd|' /C calc'!A0" not in cells
    r = _get(world, "export", format="bundle", action="login")
    assert r.headers["content-type"] == "application/zip"
    bundle = tmp_path / "bundle.zip"
    bundle.write_bytes(r.content)
    with zipfile.ZipFile(bundle) as zf:
        assert set(zf.namelist()) == {"events.csv", "manifest.json", "manifest.sig"}
    exports = _get(world, "events", action="audit_export").json()["items"]
    assert [e["details"]["format"] for e in exports] == ["bundle", "xlsx", "csv"]
    key = str(world.app.state.settings.audit_key_file)
    assert cli.main(["audit", "verify-export", str(bundle), "--key", key]) == 0
    assert "export verifies: 1 events" in capsys.readouterr().out
    full = tmp_path / "full.zip"
    full.write_bytes(_get(world, "export", format="bundle").content)
    assert cli.main(["audit", "verify-export", str(full), "--key", key]) == 0
    # tampered: one event's actor changed in events.csv (the manifest's hash and the row's hash)
    forged = tmp_path / "forged.zip"
    with zipfile.ZipFile(full) as src, zipfile.ZipFile(forged, "w") as dst:
        for name in src.namelist():
            data = src.read(name)
            if name == "events.csv":
                data = data.replace(b"a_registrar", b"b_registrar")
            dst.writestr(name, data)
    assert cli.main(["audit", "verify-export", str(forged), "--key", key]) == 1
    err = capsys.readouterr().err
    assert "events.csv differs from the manifest's SHA-256" in err
    assert "does not re-hash" in err
    other = tmp_path / "other.key"
    assert cli.main(["audit", "init-key", "--out", str(other)]) == 0
    assert cli.main(["audit", "verify-export", str(full), "--key", str(other)]) == 1
    assert "signed with another key" in capsys.readouterr().err


def test_checkpoints_listed_newest_first(world: World) -> None:
    for _ in range(2):
        r = world.client.post("/api/v1/audit/checkpoints", headers=world.h(*AUDITOR))
        assert r.status_code == 201, r.text
    listed = _get(world, "checkpoints").json()
    assert [c["seq"] for c in listed] == sorted((c["seq"] for c in listed), reverse=True)
    assert len(listed) == 2 and listed[0]["key_id"] == listed[1]["key_id"]
