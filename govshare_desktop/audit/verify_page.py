"""链校验 (第二十六条, 第三十三条): the audit admin checks the hash chain from its base to the head
and against the newest signed checkpoint (GET /audit/verify, in the background), and sees the signed
checkpoints (GET /audit/checkpoints); 立即创建检查点 signs the current head (POST, through the sync
engine). The result says plainly: intact, or broken at event N and why; how many events were
checked from which base; whether the newest checkpoint matches; and a warning when no
checkpoint key is configured (the chain is then checked only against itself).
"""

from __future__ import annotations

import html
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from govshare_desktop.audit import labels, sending
from govshare_desktop.audit.trail_page import error_text
from govshare_desktop.common.outcome import BUSY, ERROR, OK, QUEUED, clear_outcome, show_outcome
from govshare_desktop.common.paged_model import Column, PagedTableModel
from govshare_desktop.common.tables import Fit, Stretch, compact_rows, size_columns
from govshare_desktop.context import AppContext
from govshare_desktop.i18n import module_tr, time_text
from govshare_desktop.sync.engine import Outcome, OutcomeStatus

GOOD, BAD, WARN = "#1b7f3b", "#b3261e", "#8a5a00"


def tr(text: str) -> str:
    return module_tr("AuditPages", text)


def _short(value: object) -> str:
    text = str(value or "")
    return f"{text[:16]}…{text[-8:]}" if len(text) > 28 else text


class VerifyPage(QWidget):
    """Signals:
    verified(object): the platform's AuditVerifyOut (a dict), shown.
    checkpoint_created(object): a checkpoint the platform signed (AuditCheckpointOut).
    """

    verified = Signal(object)
    checkpoint_created = Signal(object)

    def __init__(self, *, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("auditVerifyPage")
        self.context = context
        self.result: dict[str, Any] | None = None
        self.checkpoints = PagedTableModel(
            fetch_page=None, columns=self._columns(), runner=context.run, parent=self
        )
        self._build()
        self.verifyButton.clicked.connect(self.verify)
        self.checkpointButton.clicked.connect(self.create_checkpoint)
        self.load_checkpoints()

    def _columns(self) -> list[Column]:
        return [
            Column("seq", tr("截至序号")),
            Column("at", tr("签署时间"), render=lambda r: time_text(r.get("at"), seconds=True)),
            Column("key_id", tr("密钥标识")),
            Column("hash", tr("链头哈希"), render=lambda r: _short(r.get("hash"))),
        ]

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        top = QHBoxLayout()
        intro = QLabel(
            tr(
                "校验审计日志的哈希链是否完整，并与最近一次签名检查点比对："
                "删除、篡改、截断或整体替换审计记录都会被发现。"
            )
        )
        intro.setWordWrap(True)
        self.verifyButton = QPushButton(tr("立即校验"), self)
        self.verifyButton.setObjectName("verifyButton")
        self.verifyButton.setDefault(True)
        top.addWidget(intro, 1)
        top.addWidget(self.verifyButton)
        layout.addLayout(top)

        self.statusLabel = QLabel(self)
        self.statusLabel.setObjectName("statusLabel")
        self.statusLabel.setWordWrap(True)
        self.statusLabel.setFrameShape(QFrame.Shape.StyledPanel)
        self.statusLabel.setMinimumHeight(52)
        self.statusLabel.setAlignment(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.statusLabel)

        facts = QGroupBox(tr("校验结果"), self)
        form = QFormLayout(facts)
        self.fact_labels: dict[str, QLabel] = {}
        for key, title in (
            ("checked", tr("已校验事件数")),
            ("range", tr("校验范围")),
            ("broken", tr("首个断点")),
            ("checkpoint", tr("最近签名检查点")),
            ("anchored", tr("外部锚定")),
            ("verified_at", tr("校验时间")),
        ):
            label = QLabel("—", facts)
            label.setObjectName(f"{key}Label")
            label.setWordWrap(True)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            form.addRow(title, label)
            self.fact_labels[key] = label
        layout.addWidget(facts)

        box = QGroupBox(tr("签名检查点"), self)
        inner = QVBoxLayout(box)
        bar = QHBoxLayout()
        note = QLabel(
            tr("检查点用数据库之外保管的密钥签署链头，随每次备份导出；平台也会定期自动创建。")
        )
        note.setWordWrap(True)
        self.checkpointButton = QPushButton(tr("立即创建检查点"), box)
        self.checkpointButton.setObjectName("checkpointButton")
        bar.addWidget(note, 1)
        bar.addWidget(self.checkpointButton)
        inner.addLayout(bar)
        self.checkpointView = QTableView(box)
        self.checkpointView.setObjectName("checkpointView")
        self.checkpointView.setModel(self.checkpoints)
        self.checkpointView.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.checkpointView.horizontalHeader().setStretchLastSection(True)
        compact_rows(self.checkpointView)
        size_columns(self.checkpointView, [Fit(), Fit(), Fit(), Stretch()])
        inner.addWidget(self.checkpointView, 1)
        self.emptyLabel = QLabel(
            tr(
                "尚无签名检查点。配置审计密钥（govshare-platform audit init-key）后，"
                "平台会定期签署。"
            ),
            box,
        )
        self.emptyLabel.setObjectName("emptyLabel")
        self.emptyLabel.setWordWrap(True)
        self.emptyLabel.setStyleSheet("color:#666")
        inner.addWidget(self.emptyLabel)
        self.checkpoints.page_loaded.connect(
            lambda rows, _total: self.emptyLabel.setVisible(rows == 0)
        )
        layout.addWidget(box, 1)

        self.outcomeLabel = QLabel(self)
        self.outcomeLabel.setObjectName("outcomeLabel")
        self.outcomeLabel.setWordWrap(True)
        layout.addWidget(self.outcomeLabel)
        clear_outcome(self.outcomeLabel)
        self._status(tr("尚未校验。点击“立即校验”检查审计链。"), "#444")

    def _status(self, text: str, colour: str) -> None:
        self.statusLabel.setText(
            f"<span style='font-size:13pt;font-weight:bold;color:{colour}'>"
            f"{html.escape(text)}</span>"
        )
        self.statusLabel.setProperty("plainStatus", text)

    # --- verification --------------------------------------------------------------------------

    def refresh(self) -> None:
        """视图 → 刷新 (F5) (RefreshablePage): the checkpoints (a check runs on request)."""
        self.load_checkpoints()

    def verify(self) -> None:
        client = self.context.client
        self.verifyButton.setEnabled(False)
        self._status(tr("正在校验审计链……（事件较多时需要一些时间）"), "#444")

        def failed(exc: Exception) -> None:
            self.verifyButton.setEnabled(True)
            self._status(tr("无法校验：%1").replace("%1", error_text(exc)), BAD)

        self.context.run(
            lambda _t: sending.verify(client), success=self.show_result, failure=failed
        )

    def show_result(self, result: dict[str, Any]) -> None:
        self.verifyButton.setEnabled(True)
        self.result = result
        ok = bool(result.get("ok"))
        checkpoint = result.get("checkpoint") or None
        anchored = bool(result.get("anchored"))
        broken = result.get("first_broken_seq")
        reason = labels.reason_label(result.get("reason"))
        if not ok and broken is not None:
            text = tr("审计链已损坏：序号 %1 处断开").replace("%1", str(broken))
            self._status(text + (f"（{reason}）。" if reason else "。"), BAD)
        elif checkpoint is not None and not checkpoint.get("ok"):
            why = labels.reason_label(checkpoint.get("reason"))
            text = tr("审计链与最近签名检查点不符：记录可能被截断、删除或重写")
            self._status(text + (f"（{why}）。" if why else "。"), BAD)
        elif not ok:
            self._status(tr("审计链已损坏") + (f"（{reason}）。" if reason else "。"), BAD)
        elif not anchored:
            self._status(tr("审计链完整，但未外部锚定（未配置检查点密钥）。"), WARN)
        else:
            self._status(tr("审计链完整，并与最近签名检查点一致。"), GOOD)
        f = self.fact_labels
        f["checked"].setText(f"{int(result.get('checked') or 0):,}")
        f["range"].setText(
            tr("从序号 %1 之后（更早的已归档清理）到链头序号 %2")
            .replace("%1", str(result.get("base_seq", 0)))
            .replace("%2", str(result.get("head_seq", "—")))
            if result.get("base_seq")
            else tr("从第一条到链头序号 %1").replace("%1", str(result.get("head_seq", "—")))
        )
        f["broken"].setText(
            tr("无")
            if ok or broken is None
            else tr("序号 %1").replace("%1", str(broken)) + (f"：{reason}" if reason else "")
        )
        f["checkpoint"].setText(self._checkpoint_text(checkpoint))
        f["anchored"].setText(
            tr("已配置检查点密钥")
            if anchored
            else tr("未配置检查点密钥：审计链只能与自身比对，无法发现整体重写或清空。")
        )
        f["anchored"].setStyleSheet("" if anchored else f"color:{WARN}")
        f["verified_at"].setText(time_text(result.get("verified_at"), seconds=True))
        self.verified.emit(result)

    @staticmethod
    def _checkpoint_text(checkpoint: dict[str, Any] | None) -> str:
        if checkpoint is None:
            return tr("尚无签名检查点")
        head = (
            tr("序号 %1，%2 签署")
            .replace("%1", str(checkpoint.get("seq")))
            .replace("%2", time_text(checkpoint.get("at"), seconds=True))
        )
        if checkpoint.get("ok"):
            return head + tr("：一致")
        reason = labels.reason_label(checkpoint.get("reason"))
        return head + tr("：不一致") + (f"（{reason}）" if reason else "")

    # --- checkpoints -------------------------------------------------------------------------

    def load_checkpoints(self) -> None:
        client = self.context.client

        def fetch(offset: int, limit: int) -> tuple[list[dict[str, Any]], int]:
            rows = sending.checkpoints(client) if offset == 0 else []
            return rows, len(rows)

        self.checkpoints.reset(fetch)

    def create_checkpoint(self) -> None:
        self.checkpointButton.setEnabled(False)
        show_outcome(self.outcomeLabel, tr("正在签署检查点……"), BUSY)
        change = sending.create_checkpoint(label=tr("创建审计检查点"))
        self.context.sync.submit(change, done=self._on_checkpoint_done)

    def _on_checkpoint_done(self, outcome: Outcome) -> None:
        self.checkpointButton.setEnabled(True)
        if outcome.status == OutcomeStatus.SENT and isinstance(outcome.result, dict):
            show_outcome(
                self.outcomeLabel,
                tr("已创建检查点：截至序号 %1。").replace("%1", str(outcome.result.get("seq"))),
                OK,
            )
            self.load_checkpoints()
            self.checkpoint_created.emit(outcome.result)
        elif outcome.status == OutcomeStatus.QUEUED:
            show_outcome(self.outcomeLabel, str(outcome.message), QUEUED)
        else:
            show_outcome(
                self.outcomeLabel, str(outcome.message or error_text(outcome.error)), ERROR
            )
