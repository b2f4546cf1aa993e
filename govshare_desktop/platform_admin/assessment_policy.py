"""The assessment part of 平台策略 (第三十四条): the weight of each indicator group (summing to 100)
and the lower bounds of the grades (0 < 合格 < 良好 < 优秀 ≤ 100), edited by the platform admin.
Checked as the platform checks them (govshare_core.assessment check_weights /
check_grade_bands); the labels are the core's Group and Grade labels."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDoubleSpinBox, QGridLayout, QGroupBox, QLabel, QWidget

from govshare_core.assessment import (
    DEFAULT_GRADE_BANDS,
    DEFAULT_WEIGHTS,
    MAX_WEIGHT,
    MIN_WEIGHT,
    Grade,
    Group,
    check_grade_bands,
    check_weights,
)
from govshare_desktop import i18n
from govshare_desktop.common.forms import mark
from govshare_desktop.i18n import module_tr

BANDED = (Grade.EXCELLENT, Grade.GOOD, Grade.PASS)
"""The grades with a lower bound (below 合格: 不合格)."""
ERROR_COLOUR = "#b3261e"


def tr(text: str) -> str:
    return module_tr("PlatformAdminPages", text)


def _spin(parent: QWidget, name: str) -> QDoubleSpinBox:
    spin = QDoubleSpinBox(parent)
    spin.setObjectName(name)
    spin.setRange(MIN_WEIGHT, MAX_WEIGHT)
    spin.setDecimals(1)
    spin.setSingleStep(1.0)
    spin.setMinimumWidth(90)
    return spin


def _same(a: Mapping[str, float], b: Mapping[str, Any]) -> bool:
    return set(a) == set(b) and all(abs(a[k] - float(b[k] or 0)) < 1e-9 for k in a)


class AssessmentPolicyBox(QGroupBox):
    """Signals:
    changed(): a weight or a bound was edited.
    """

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(tr("考核权重与等级划分（第三十四条）"), parent)
        self.setObjectName("assessmentBox")
        grid = QGridLayout(self)
        grid.setHorizontalSpacing(10)
        self.weights: dict[str, QDoubleSpinBox] = {}
        self.bands: dict[str, QDoubleSpinBox] = {}
        grid.addWidget(QLabel(tr("权重（合计 100）")), 0, 0, 1, 4)
        for n, group in enumerate(Group):
            spin = _spin(self, f"weight_{group.value}Spin")
            grid.addWidget(QLabel(i18n.label(group)), 1 + n // 2, (n % 2) * 2)
            grid.addWidget(spin, 1 + n // 2, (n % 2) * 2 + 1)
            self.weights[group.value] = spin
        row = 2 + (len(Group) - 1) // 2
        self.sumLabel = QLabel(self)
        self.sumLabel.setObjectName("weightSumLabel")
        grid.addWidget(self.sumLabel, row, 0, 1, 4)
        grid.addWidget(QLabel(tr("等级下限（分）")), row + 1, 0, 1, 4)
        for n, grade in enumerate(BANDED):
            spin = _spin(self, f"band_{grade.value}Spin")
            grid.addWidget(QLabel(i18n.label(grade)), row + 2, n * 2)
            grid.addWidget(spin, row + 2, n * 2 + 1)
            self.bands[grade.value] = spin
        self.messageLabel = QLabel(self)
        self.messageLabel.setObjectName("assessmentMessage")
        self.messageLabel.setWordWrap(True)
        self.messageLabel.setStyleSheet(f"color:{ERROR_COLOUR}")
        grid.addWidget(self.messageLabel, row + 3, 0, 1, 6)
        grid.setColumnStretch(6, 1)
        for spin in (*self.weights.values(), *self.bands.values()):
            spin.valueChanged.connect(self._on_value_changed)
        self.show_policy({})

    def show_policy(self, policy: Mapping[str, Any]) -> None:
        """The platform's values (the defaults where it names none)."""
        weights = policy.get("assessment_weights") or DEFAULT_WEIGHTS
        bands = policy.get("grade_bands") or DEFAULT_GRADE_BANDS
        for values, spins in ((weights, self.weights), (bands, self.bands)):
            for key, spin in spins.items():
                spin.blockSignals(True)
                spin.setValue(float(values.get(key, 0) or 0))
                spin.blockSignals(False)
        self._check()

    def values(self) -> tuple[dict[str, float], dict[str, float]]:
        return (
            {k: round(s.value(), 1) for k, s in self.weights.items()},
            {k: round(s.value(), 1) for k, s in self.bands.items()},
        )

    def changes(self, server: Mapping[str, Any]) -> dict[str, dict[str, float]]:
        """The whole mapping of what changed (PATCH replaces a mapping as a whole)."""
        if not server:
            return {}
        weights, bands = self.values()
        out: dict[str, dict[str, float]] = {}
        if not _same(weights, server.get("assessment_weights") or DEFAULT_WEIGHTS):
            out["assessment_weights"] = weights
        if not _same(bands, server.get("grade_bands") or DEFAULT_GRADE_BANDS):
            out["grade_bands"] = bands
        return out

    def problems(self) -> dict[str, str]:
        """What the platform would refuse (the core's checks), by field."""
        weights, bands = self.values()
        out: dict[str, str] = {}
        if check_weights(weights):
            out["assessment_weights"] = tr("各组权重之和须为 100（当前为 %1）。").replace(
                "%1", f"{sum(weights.values()):g}"
            )
        if check_grade_bands(bands):
            out["grade_bands"] = tr("等级下限须满足 0 < 合格 < 良好 < 优秀 ≤ 100。")
        return out

    def show_errors(self, messages: Mapping[str, str]) -> None:
        """The platform's own field errors (assessment_weights.*, grade_bands)."""
        fields = ("assessment_weights", "grade_bands")
        texts = [t for name, t in messages.items() if name.split(".")[0] in fields and t]
        if texts:
            self.messageLabel.setText("；".join(texts))

    def _check(self) -> None:
        weights, _bands = self.values()
        self.sumLabel.setText(tr("合计：%1").replace("%1", f"{sum(weights.values()):g}"))
        problems = self.problems()
        self.messageLabel.setText(" ".join(problems.values()))
        for spin in self.weights.values():
            mark(spin, "assessment_weights" in problems)
        for spin in self.bands.values():
            mark(spin, "grade_bands" in problems)

    def _on_value_changed(self, _value: float) -> None:
        self._check()
        self.changed.emit()
