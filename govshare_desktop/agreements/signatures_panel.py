"""The signatures panel: one card per signature (who, department, when, valid or not and why)
and a one-line verdict, filled from `presenter.SignatureRow`s."""

from __future__ import annotations

import html
from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from govshare_desktop.agreements.presenter import (
    CHECKING,
    INVALID,
    PENDING,
    VALID,
    SignatureRow,
    verdict,
)

_CARD = {
    VALID: ("#e6f4ea", "#81c995", "#0d652d", "✔"),
    INVALID: ("#fce8e6", "#f28b82", "#a50e0e", "✖"),
    PENDING: ("#f8f9fa", "#dadce0", "#5f6368", "○"),
    CHECKING: ("#f8f9fa", "#dadce0", "#5f6368", "…"),
}
"""state → (background, border, text colour, mark)."""


class SignatureCard(QFrame):
    """One signature: the party, the state with its mark, signer, department, time, note."""

    def __init__(self, row: SignatureRow, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.row = row
        self.setObjectName("signatureCard")
        self.setProperty("state", row.state)
        background, border, color, mark = _CARD[row.state]
        self.setStyleSheet(
            f"QFrame#signatureCard {{ background: {background}; border: 1px solid {border};"
            " border-radius: 4px; }"
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        layout.setSpacing(2)
        e = html.escape
        head = QLabel(
            f"<b>{e(row.title)}</b>&nbsp;&nbsp;"
            f"<span style='color:{color}'>{mark} {e(row.state_text)}</span>",
            self,
        )
        head.setObjectName("signatureHead")
        layout.addWidget(head)
        lines = []
        if row.signer:
            lines.append(
                QCoreApplication.translate("AgreementsPage", "签署人：%1").replace(
                    "%1", e(row.signer)
                )
            )
        if row.department:
            lines.append(
                QCoreApplication.translate("AgreementsPage", "单位：%1").replace(
                    "%1", e(row.department)
                )
            )
        if row.signed_at:
            lines.append(
                QCoreApplication.translate("AgreementsPage", "时间：%1").replace(
                    "%1", e(row.signed_at)
                )
            )
        if row.note:
            lines.append(f"<span style='color:{color}'>{e(row.note)}</span>")
        if lines:
            body = QLabel("<br>".join(lines), self)
            body.setObjectName("signatureBody")
            body.setWordWrap(True)
            body.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            layout.addWidget(body)


class SignaturesPanel:
    """Fills the viewer form's signatures group (verdictLabel, signaturesHost)."""

    def __init__(self, *, verdict_label: QLabel, host: QWidget) -> None:
        self.verdict_label = verdict_label
        self.host = host
        self.rows: list[SignatureRow] = []
        layout = host.layout()
        assert isinstance(layout, QVBoxLayout)
        self.layout = layout
        self.layout.addStretch(1)

    def cards(self) -> list[SignatureCard]:
        return [c for c in self.host.findChildren(SignatureCard) if c.parent() is self.host]

    def show_rows(self, rows: Sequence[SignatureRow], *, checked: bool) -> None:
        """Replace the cards; the verdict once this computer has checked the file."""
        self.rows = list(rows)
        for card in self.cards():
            self.layout.removeWidget(card)
            card.deleteLater()
        for n, row in enumerate(rows):
            self.layout.insertWidget(n, SignatureCard(row, self.host))
        if checked:
            text, state = verdict(rows)
            color = _CARD[state][2]
            self.verdict_label.setText(f"<span style='color:{color}'>{html.escape(text)}</span>")
        else:
            self.verdict_label.setText(
                QCoreApplication.translate("AgreementsPage", "正在本机验证签名……")
            )

    def show_error(self, text: str) -> None:
        self.verdict_label.setText(f"<span style='color:#a50e0e'>{html.escape(text)}</span>")

    def clear(self) -> None:
        self.show_rows([], checked=False)
        self.verdict_label.setText("")
