"""链校验 and 导出 against a real platform: an intact chain (not anchored without a key), a stored
event changed behind the platform's back found at its seq, a checkpoint signed from the page
and matched; the filtered trail exported to CSV and read back."""

from __future__ import annotations

import csv
from pathlib import Path

from govshare_core.vocab import Role
from govshare_desktop.audit.trail_page import TrailPage
from govshare_desktop.audit.verify_page import VerifyPage
from govshare_platform.audit import anchor
from tests.desktop.audit.support import (
    ACTOR,
    WAIT,
    newest_seq,
    seed_events,
    tamper,
    wait_loaded,
)
from tests.desktop.conftest import LiveServer


def _verify(qtbot, page: VerifyPage) -> dict:  # type: ignore[no-untyped-def]
    with qtbot.wait_signal(page.verified, timeout=WAIT) as got:
        page.verifyButton.click()
    return dict(got.args[0])


def test_intact_then_tampered(live_server: LiveServer, make_context, qtbot) -> None:  # type: ignore[no-untyped-def]
    seed_events(live_server, 12)
    page = VerifyPage(context=make_context("P", Role.AUDIT_ADMIN))
    qtbot.addWidget(page)
    result = _verify(qtbot, page)
    assert result["ok"] and not result["anchored"] and result["checked"] >= 12
    assert (
        page.statusLabel.property("plainStatus") == "审计链完整，但未外部锚定（未配置检查点密钥）。"
    )
    assert page.fact_labels["broken"].text() == "无"
    assert "未配置检查点密钥" in page.fact_labels["anchored"].text()
    assert f"{result['checked']:,}" == page.fact_labels["checked"].text()

    victim = newest_seq(live_server) - 5
    tamper(live_server, victim)
    result = _verify(qtbot, page)
    assert not result["ok"] and result["first_broken_seq"] == victim
    status = page.statusLabel.property("plainStatus")
    assert status == f"审计链已损坏：序号 {victim} 处断开（事件内容被改动）。"
    assert page.fact_labels["broken"].text().startswith(f"序号 {victim}")


def test_checkpoint_signed_and_matched(
    live_server: LiveServer, make_context, qtbot, tmp_path: Path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    key = tmp_path / "audit-key.pem"
    anchor.write_key(key)
    settings = live_server.app.state.settings  # type: ignore[attr-defined]
    monkeypatch.setattr(settings, "audit_key_file", key)
    page = VerifyPage(context=make_context("P", Role.AUDIT_ADMIN))
    qtbot.addWidget(page)
    wait_loaded(qtbot, page.checkpoints)
    before = page.checkpoints.rowCount()
    with qtbot.wait_signal(page.checkpoint_created, timeout=WAIT) as made:
        page.checkpointButton.click()
    checkpoint = made.args[0]
    assert "已创建检查点" in page.outcomeLabel.text()
    wait_loaded(qtbot, page.checkpoints, before + 1)
    assert page.checkpoints.index(0, 0).data() == str(checkpoint["seq"])
    result = _verify(qtbot, page)
    assert result["ok"] and result["anchored"] and result["checkpoint"]["ok"]
    assert page.statusLabel.property("plainStatus") == "审计链完整，并与最近签名检查点一致。"
    assert page.fact_labels["checkpoint"].text().endswith("：一致")


def test_export_csv_of_the_filters(
    live_server: LiveServer, make_context, qtbot, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    seed_events(live_server, 9)
    page = TrailPage(context=make_context("P", Role.AUDIT_ADMIN))
    qtbot.addWidget(page)
    page.filters.actorEdit.setText(ACTOR)
    page.filters.searchButton.click()
    wait_loaded(qtbot, page.model, 9)
    target = tmp_path / "审计日志.csv"
    with qtbot.wait_signal(page.exported, timeout=WAIT) as done:
        assert page.export_to(target, "csv")
    assert done.args[0].path == target and target.is_file()
    assert not target.with_name(target.name + ".part").exists()
    with target.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    assert rows[0][0] == "序号"
    assert len(rows) == 1 + 9
    assert {r[3] for r in rows[1:]} == {ACTOR}
    assert "已导出到" in page.outcomeLabel.text()

    # a refused export (the bundle needs the audit key): said, and no file left
    bundle = tmp_path / "audit.zip"
    with qtbot.wait_signal(page.export_failed, timeout=WAIT) as failed:
        assert page.export_to(bundle, "bundle")
    assert failed.args[0] and not bundle.exists()
    assert not bundle.with_name(bundle.name + ".part").exists()
