"""The assessment page's dialogs, each sending through the session's SyncEngine
(`SendingDialog`: queued offline, the platform's refusal shown in the dialog, nothing typed
lost): 新建考核 (the period picker: year, quarter or month), 调整分数 (the supervisor: a score
and a mandatory reason, the computed score beside) and 提交申辩 (the department's explanation).

Each is a common.form_dialog.FormDialog and checks its body against the core's schema (RoundIn,
AdjustIn, ExplanationIn) first, saying what is wrong under the field.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QCoreApplication, QSize
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QWidget,
)

from govshare_core.assessment import MAX_ADJUSTMENT, Period, PeriodKind
from govshare_core.assessment_schemas import AdjustIn, ExplanationIn, RoundIn
from govshare_desktop.assessment import presenter as P
from govshare_desktop.common.form_dialog import FormDialog as BaseFormDialog
from govshare_desktop.common.form_dialog import schema_errors
from govshare_desktop.common.object_list_page import named
from govshare_desktop.common.sending_dialog import Send, reason_error
from govshare_desktop.context import AppContext


class FormDialog(BaseFormDialog):
    """The assessment page's dialogs: the common form dialog, a little smaller (few fields)."""

    PREFERRED_SIZE = QSize(560, 360)


class NewRoundDialog(FormDialog):
    """新建考核: the period (年度 / 季度 / 月度, the year, the quarter or month) and a title."""

    PREFERRED_SIZE = QSize(480, 260)

    def __init__(
        self, *, context: AppContext, send: Send, today: date, parent: QWidget | None = None
    ) -> None:
        super().__init__(context=context, title=P.action_text("open"), send=send, parent=parent)
        self.setObjectName("newRoundDialog")
        self.set_intro(
            QCoreApplication.translate(
                "AssessmentPage",
                "平台按所选考核期内的数据计算各部门的指标、得分和排名，生成初稿（第三十四条）。",
            )
        )
        self.kindCombo = named(QComboBox(), "kindCombo")
        for text, kind in P.period_kinds():
            self.kindCombo.addItem(text, kind.value)
        self.yearSpin = named(QSpinBox(), "yearSpin")
        self.yearSpin.setRange(2000, today.year)
        self.numberCombo = named(QComboBox(), "numberCombo")
        self.titleEdit = named(QLineEdit(), "titleEdit")
        self.titleEdit.setMaxLength(200)
        self.titleEdit.setPlaceholderText(
            QCoreApplication.translate("AssessmentPage", "可不填：默认为考核期名称")
        )
        self.periodLabel = named(QLabel(), "periodLabel")
        period = QWidget()
        row = QHBoxLayout(period)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.yearSpin)
        row.addWidget(self.numberCombo, 1)
        self.form.addRow(QCoreApplication.translate("AssessmentPage", "考核周期"), self.kindCombo)
        self.add_field("period", QCoreApplication.translate("AssessmentPage", "考核期"), period)
        self.add_field(
            "title", QCoreApplication.translate("AssessmentPage", "标题"), self.titleEdit
        )
        self.form.addRow("", self.periodLabel)
        self.kindCombo.currentIndexChanged.connect(self._on_kind_changed)
        self.yearSpin.valueChanged.connect(lambda _v: self._show_period())
        self.numberCombo.currentIndexChanged.connect(lambda _i: self._show_period())
        self.set_period(P.default_period(today))

    def set_period(self, period: Period) -> None:
        self.kindCombo.setCurrentIndex(self.kindCombo.findData(period.kind.value))
        self._on_kind_changed()
        self.yearSpin.setValue(period.year)
        index = self.numberCombo.findData(period.number)
        self.numberCombo.setCurrentIndex(max(index, 0))
        self._show_period()

    def period(self) -> Period:
        kind = PeriodKind(str(self.kindCombo.currentData()))
        number = int(self.numberCombo.currentData() or 1) if kind is not PeriodKind.YEAR else 1
        return Period(kind, self.yearSpin.value(), number)

    def _on_kind_changed(self, *_args: Any) -> None:
        kind = PeriodKind(str(self.kindCombo.currentData()))
        current = self.numberCombo.currentData()
        self.numberCombo.blockSignals(True)
        self.numberCombo.clear()
        for text, number in P.period_numbers(kind):
            self.numberCombo.addItem(text, number)
        self.numberCombo.setVisible(kind is not PeriodKind.YEAR)
        self.numberCombo.setCurrentIndex(max(self.numberCombo.findData(current), 0))
        self.numberCombo.blockSignals(False)
        self._show_period()

    def _show_period(self) -> None:
        period = self.period()
        self.periodLabel.setText(
            QCoreApplication.translate("AssessmentPage", "%1（%2 至 %3）")
            .replace("%1", P.period_label({"period": period.code}))
            .replace("%2", period.starts.isoformat())
            .replace("%3", period.ends.isoformat())
        )

    def body(self) -> tuple[dict[str, Any], dict[str, str]]:
        body: dict[str, Any] = {"period": self.period().code}
        if self.titleEdit.text().strip():
            body["title"] = self.titleEdit.text().strip()
        return body, schema_errors(RoundIn, body, {})


class AdjustDialog(FormDialog):
    """调整分数: the effective score and a written reason (mandatory), the computed score
    beside; 取消调整 sends no score (the computed one counts again)."""

    def __init__(
        self,
        *,
        context: AppContext,
        result: dict[str, Any],
        send: Send,
        parent: QWidget | None = None,
    ) -> None:
        name = str(result.get("department_name") or "")
        title = f"{P.action_text('adjust')}：{name}"
        super().__init__(context=context, title=title, send=send, parent=parent)
        self.setObjectName("adjustDialog")
        self.set_intro(
            QCoreApplication.translate(
                "AssessmentPage",
                "调整后的得分与计算得分并列保存，调整理由随结果公布并记入审计日志。",
            )
        )
        self.computedLabel = named(
            QLabel(P.score_text(result.get("computed_score"))), "computedLabel"
        )
        self.scoreSpin = named(QDoubleSpinBox(), "scoreSpin")
        self.scoreSpin.setRange(0.0, MAX_ADJUSTMENT)
        self.scoreSpin.setDecimals(2)
        self.scoreSpin.setValue(float(result.get("score") or 0.0))
        self.removeCheck = named(
            QCheckBox(QCoreApplication.translate("AssessmentPage", "取消调整，恢复计算得分")),
            "removeCheck",
        )
        self.removeCheck.setVisible(P.is_adjusted(result))
        self.reasonEdit = named(QPlainTextEdit(), "reasonEdit")
        self.reasonEdit.setPlaceholderText(
            QCoreApplication.translate("AssessmentPage", "必填：调整的依据和理由")
        )
        if result.get("adjust_reason"):
            self.reasonEdit.setPlainText(str(result["adjust_reason"]))
        self.form.addRow(
            QCoreApplication.translate("AssessmentPage", "计算得分"), self.computedLabel
        )
        self.add_field(
            "score", QCoreApplication.translate("AssessmentPage", "调整后得分"), self.scoreSpin
        )
        self.form.addRow("", self.removeCheck)
        self.add_field(
            "reason", QCoreApplication.translate("AssessmentPage", "调整理由"), self.reasonEdit
        )
        self.removeCheck.toggled.connect(lambda on: self.scoreSpin.setEnabled(not on))

    def body(self) -> tuple[dict[str, Any], dict[str, str]]:
        reason = self.reasonEdit.toPlainText().strip()
        score = None if self.removeCheck.isChecked() else round(self.scoreSpin.value(), 2)
        body = {"score": score, "reason": reason}
        errors = schema_errors(AdjustIn, body, {})
        why = reason_error(reason)
        if why:
            errors["reason"] = why
        return body, errors


class ExplainDialog(FormDialog):
    """提交申辩: the department's explanation of its result, while the round is a draft."""

    def __init__(
        self,
        *,
        context: AppContext,
        result: dict[str, Any],
        send: Send,
        parent: QWidget | None = None,
    ) -> None:
        name = str(result.get("department_name") or "")
        title = f"{P.action_text('explain')}：{name}"
        super().__init__(context=context, title=title, send=send, parent=parent)
        self.setObjectName("explainDialog")
        self.set_intro(
            QCoreApplication.translate(
                "AssessmentPage",
                "对本部门的考核结果有异议的，可在结果发布前提交申辩，说明事实和理由；"
                "考核部门核实后可调整分数。",
            )
        )
        self.textEdit = named(QPlainTextEdit(), "textEdit")
        self.add_field(
            "text", QCoreApplication.translate("AssessmentPage", "申辩内容"), self.textEdit
        )

    def body(self) -> tuple[dict[str, Any], dict[str, str]]:
        text = self.textEdit.toPlainText().strip()
        body = {"text": text}
        errors = schema_errors(ExplanationIn, body, {})
        why = reason_error(text)
        if why:
            errors["text"] = why
        return body, errors
