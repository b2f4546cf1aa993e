"""The share request form (共享申请, 第二十二条) from ui/request_form.ui, with autosaved drafts.

Submitting sends through `submission.RequestSubmission`: once the platform has created the
request (its submission refused, e.g. a rule broken by then), the form and its draft remember it,
and the next submission updates and submits that request, never a second one.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import QDialog, QListWidgetItem, QWidget

from govshare_core import clock
from govshare_core.validation import FieldError
from govshare_core.vocab import ShareMode, ShareType
from govshare_desktop import i18n
from govshare_desktop.api.actions import JsonObject
from govshare_desktop.api.client import new_idempotency_key
from govshare_desktop.common import policy
from govshare_desktop.common.autosave import AutosaveController
from govshare_desktop.common.offline import queued_text
from govshare_desktop.common.sizing import fit_to_screen
from govshare_desktop.common.uiload import load_form
from govshare_desktop.context import AppContext
from govshare_desktop.i18n import label, label_of, message, qdate, qtoday
from govshare_desktop.requests import submission
from govshare_desktop.requests.form_presenter import (
    RequestFormPresenter,
    RequestFormValues,
    created_text,
    default_end_date,
    result_text,
)
from govshare_desktop.store.local import Draft
from govshare_desktop.sync.engine import Outcome, OutcomeStatus
from govshare_desktop.tasks import run_in_background

_ERROR_LABELS = {
    "data_items": "itemsError",
    "business": "businessError",
    "users": "usersError",
    "share_mode": "modeError",
    "reason": "reasonError",
    "end_date": "endDateError",
    "statutory_citation": "citationError",
}


class RequestFormDialog(QDialog):
    """Fill in and submit one share request for a catalog entry.

    Signals:
        submitted(object): the platform's request detail, or {"queued": True} when queued.
    """

    submitted = Signal(object)

    PREFERRED_SIZE = QSize(680, 640)  # shrunk to the screen (1366×728 at least)

    def __init__(
        self,
        *,
        context: AppContext,
        entry: Mapping[str, Any],
        draft_key: str | None = None,
        values: RequestFormValues | None = None,
        request: JsonObject | None = None,
        create_key: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("共享申请"))
        self.setObjectName("requestFormDialog")
        self.context = context
        self.presenter = RequestFormPresenter(entry)
        self.draft_key = draft_key or submission.new_draft_key()
        self.create_key = create_key or new_idempotency_key()
        self.ui = load_form("request_form.ui", self)
        self.autosave = AutosaveController(
            context.store,
            submission.KIND,
            self.draft_key,
            self._draft_data,
            self,
            server_id=int(request["id"]) if request else None,
            server_version=int(request["version"]) if request else None,
            title=lambda data: str(data["entry"].get("name", "")),
        )
        self.submission = submission.RequestSubmission(
            context.sync, draft_key=self.draft_key, parent=self
        )
        self.submission.outcome.connect(self._on_submit_outcome)
        self.submission.request_learned.connect(self._on_request_learned)
        self.autosave.saved.connect(self._on_autosave_saved)
        self.autosave.save_failed.connect(self._on_autosave_save_failed)
        self.outcome: dict[str, Any] | None = None
        self._loading = True
        self._sending = False
        self._fill_static()
        self._fit_to_screen(parent)
        self.set_values(values or self._defaults())
        self._loading = False
        self._connect()
        self._show_created()

    @classmethod
    def from_draft(
        cls, *, context: AppContext, draft: Draft, parent: QWidget | None = None
    ) -> RequestFormDialog:
        """Continue a draft: its values, and the request its submission created, if any."""
        return cls(
            context=context,
            entry=draft.data["entry"],
            draft_key=draft.key,
            values=RequestFormValues.from_dict(draft.data.get("form", {})),
            request=submission.created_request(draft),
            create_key=draft.data.get("create_key"),
            parent=parent,
        )

    @property
    def request(self) -> JsonObject | None:
        """The request on the platform ({id, version}) once a submission created it (kept as
        the draft's server object, so it survives a restart)."""
        request_id, version = self.autosave.server_id, self.autosave.server_version
        return None if request_id is None else {"id": request_id, "version": version}

    # --- setup -------------------------------------------------------------------------------

    def _fit_to_screen(self, parent: QWidget | None) -> None:
        """680x640, smaller on a small screen (the fields scroll; the buttons stay visible)."""
        fit_to_screen(self, self.PREFERRED_SIZE, parent=parent)

    def _fill_static(self) -> None:
        ui = self.ui
        for name in _ERROR_LABELS.values():
            getattr(ui, name).hide()
        ui.entrySummaryLabel.setText(self.presenter.summary())
        for mode in ShareMode:
            ui.modeCombo.addItem(label(mode), mode.value)
        today = qtoday()  # the platform's day, whatever this machine's zone
        ui.endDateEdit.setMinimumDate(today.addDays(1))
        ui.endDateEdit.setMaximumDate(today.addYears(10))
        ui.citationGroup.setVisible(self.presenter.needs_citation)
        if self.presenter.needs_citation:
            # 不予共享: the citation is what the request stands on (第五条), so it comes first,
            # under the entry; every item of such an entry is requested on it
            ui.contentLayout.removeWidget(ui.citationGroup)
            ui.contentLayout.insertWidget(1, ui.citationGroup)
            ui.itemsHintLabel.setText(self.tr("勾选业务所需的信息项（最小必要）。"))
        ui.resultLabel.hide()
        entry_type = self.presenter.entry_share_type
        for item in self.presenter.entry.get("data_items", []):
            name = str(item["name"])
            kind = item.get("share_type") or entry_type.value
            text = f"{name}（{label_of(ShareType, kind)}）"
            row = QListWidgetItem(text, ui.itemsList)
            row.setData(Qt.ItemDataRole.UserRole, name)
            requestable = self.presenter.item_requestable(name)
            flags = Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsSelectable
            if requestable:
                flags |= Qt.ItemFlag.ItemIsEnabled
            else:
                row.setToolTip(self.tr("该信息项不予共享，不能申请（第五条）"))
            row.setFlags(flags)
            row.setCheckState(Qt.CheckState.Unchecked)

    def _defaults(self) -> RequestFormValues:
        names = [
            str(i["name"])
            for i in self.presenter.entry.get("data_items", [])
            if self.presenter.item_requestable(str(i["name"]))
        ]
        return RequestFormValues(
            data_items=names,
            share_mode=self.presenter.default_mode(),
            end_date=default_end_date(clock.today()),
        )

    def _connect(self) -> None:
        ui = self.ui
        ui.itemsList.itemChanged.connect(self._on_form_changed)
        ui.businessEdit.textChanged.connect(self._on_form_changed)
        ui.usersEdit.textChanged.connect(self._on_form_changed)
        ui.modeCombo.currentIndexChanged.connect(self._on_form_changed)
        ui.reasonEdit.textChanged.connect(self._on_form_changed)
        ui.endDateEdit.dateChanged.connect(self._on_form_changed)
        ui.citationEdit.textChanged.connect(self._on_form_changed)
        ui.submitButton.clicked.connect(self._on_submit_clicked)
        ui.closeButton.clicked.connect(self._on_close_clicked)

    # --- values ------------------------------------------------------------------------------

    def values(self) -> RequestFormValues:
        ui = self.ui
        items = []
        for i in range(ui.itemsList.count()):
            row = ui.itemsList.item(i)
            if row.checkState() == Qt.CheckState.Checked:
                items.append(str(row.data(Qt.ItemDataRole.UserRole)))
        qdate = ui.endDateEdit.date()
        return RequestFormValues(
            data_items=items,
            business=ui.businessEdit.text(),
            users=ui.usersEdit.text(),
            share_mode=str(ui.modeCombo.currentData() or ""),
            reason=ui.reasonEdit.toPlainText(),
            end_date=date(qdate.year(), qdate.month(), qdate.day()),
            statutory_citation=ui.citationEdit.toPlainText(),
        )

    def set_values(self, values: RequestFormValues) -> None:
        ui = self.ui
        wanted = set(values.data_items)
        for i in range(ui.itemsList.count()):
            row = ui.itemsList.item(i)
            name = str(row.data(Qt.ItemDataRole.UserRole))
            checked = name in wanted and bool(row.flags() & Qt.ItemFlag.ItemIsEnabled)
            row.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        ui.businessEdit.setText(values.business)
        ui.usersEdit.setText(values.users)
        index = ui.modeCombo.findData(values.share_mode)
        ui.modeCombo.setCurrentIndex(max(index, 0))
        ui.reasonEdit.setPlainText(values.reason)
        if values.end_date is not None:
            d = values.end_date
            ui.endDateEdit.setDate(qdate(d))
        ui.citationEdit.setPlainText(values.statutory_citation)

    # --- validation --------------------------------------------------------------------------

    def show_errors(self, errors: list[FieldError] | dict[str, str]) -> None:
        """Put each message under its field; unknown fields go to the form-level label."""
        pairs = (
            list(errors.items())
            if isinstance(errors, dict)
            else [(e.field, message(e)) for e in errors]
        )
        per_label: dict[str, list[str]] = {}
        for path, text in pairs:
            top = path.split(".")[0].split("[")[0]
            per_label.setdefault(_ERROR_LABELS.get(top, "formErrorLabel"), []).append(text)
        for name in [*_ERROR_LABELS.values(), "formErrorLabel"]:
            text = "\n".join(per_label.get(name, []))
            widget = getattr(self.ui, name)
            widget.setText(text)
            if name != "formErrorLabel":
                widget.setVisible(bool(text))  # an empty row would still take its spacing

    def error_text(self, field: str) -> str:
        return str(getattr(self.ui, _ERROR_LABELS.get(field, "formErrorLabel")).text())

    def validate(self) -> dict[str, Any] | None:
        request, errors = self.presenter.validate(self.values(), today=clock.today())
        self.show_errors(errors)
        self._reveal_first_error()
        return request.model_dump(mode="json") if request is not None else None

    def _reveal_first_error(self) -> None:
        """Scroll the form to the topmost field with an error (the form is taller than most
        screens)."""
        shown = [
            label
            for name in _ERROR_LABELS.values()
            if (label := getattr(self.ui, name)).isVisibleTo(self) and label.text()
        ]
        if shown:
            top = min(shown, key=lambda w: w.mapTo(self.ui.formContent, w.rect().topLeft()).y())
            self.ui.scrollArea.ensureWidgetVisible(top)

    # --- handlers ----------------------------------------------------------------------------

    def _draft_data(self) -> dict[str, Any]:
        return submission.draft_data(
            self.presenter.entry, self.values().as_dict(), create_key=self.create_key
        )

    def _on_form_changed(self, *_args: Any) -> None:
        if self._loading or self._sending or self.outcome is not None:
            return
        self.autosave.touch()

    def _on_autosave_saved(self, when: datetime) -> None:
        local = clock.platform_time(when).strftime("%H:%M:%S")
        self.ui.draftStatusLabel.setText(self.tr("草稿已自动保存 %1").replace("%1", local))

    def _on_autosave_save_failed(self, text: str) -> None:
        self.ui.draftStatusLabel.setText(text)

    def _on_submit_clicked(self) -> None:
        body = self.validate()
        if body is None:
            return
        self.autosave.flush()  # the draft on disk matches what is sent
        self._sending = True
        self.ui.submitButton.setEnabled(False)
        self.ui.formErrorLabel.setText(self.tr("正在提交……"))
        entry = self.presenter.entry
        title = self.tr("提交共享申请：%1").replace("%1", str(entry.get("name", "")))
        self.submission.send(body, request=self.request, create_key=self.create_key, label=title)

    def _on_submit_outcome(self, outcome: Outcome) -> None:
        if outcome.status == OutcomeStatus.SENT:
            self._on_submit_done(dict(outcome.result or {}))
        elif outcome.status in (OutcomeStatus.QUEUED, OutcomeStatus.CONFLICT):
            store, key = self.context.store, self.draft_key
            run_in_background(lambda task: submission.mark_queued(store, key))
            self._on_submit_done({"queued": True}, queued_text(self.context, outcome))
        else:
            self._on_submit_failed(outcome)

    def _on_request_learned(self, request: JsonObject) -> None:
        """The platform has the request (its submission refused): the next submission acts on
        it; the draft remembers it once the failure is shown (`_on_submit_failed`)."""
        self.autosave.set_server(int(request["id"]), int(request["version"]))
        self._show_created()

    def _show_created(self) -> None:
        if self.request is not None:
            self.ui.resultLabel.setText(created_text(int(self.request["id"])))
            self.ui.resultLabel.show()

    def _on_submit_done(self, result: dict[str, Any], queued_message: str = "") -> None:
        self.outcome = result
        ui = self.ui
        ui.formErrorLabel.setText("")
        if result.get("queued"):
            text = queued_message or self.tr("已离线保存，恢复连接后自动提交。")
        else:
            text = result_text(result, clock.today(), calendar=policy.calendar(self.context))
            self.context.data_changed.emit("request")
            self.context.data_changed.emit("grant")
        ui.resultLabel.setText(text)
        ui.resultLabel.show()
        ui.submitButton.hide()
        for name in ("itemsGroup", "formGroup", "citationGroup"):
            getattr(ui, name).setEnabled(False)
        self.submitted.emit(result)

    def _on_submit_failed(self, outcome: Outcome) -> None:
        self._sending = False
        self.ui.submitButton.setEnabled(True)
        if self.request is not None:  # the draft names the request, and survives a restart
            self.autosave.touch()
            self.autosave.save_now()
        exc = outcome.api_error
        if exc is not None:
            fields = exc.field_messages(i18n.language())
            self.show_errors(fields)
            if not fields or exc.message() not in self.ui.formErrorLabel.text():
                self.ui.formErrorLabel.setText(exc.message())
        else:
            self.ui.formErrorLabel.setText(self.tr("提交失败：%1").replace("%1", outcome.message))

    def save_draft(self) -> bool:
        """Ctrl+S: write the draft to this computer now (False once submitted)."""
        if self.outcome is not None or self._sending:
            return False
        self.autosave.touch()
        self.autosave.flush()
        return True

    def _on_close_clicked(self) -> None:
        if self.outcome is None and not self._sending:
            self.autosave.flush()
        self.accept() if self.outcome is not None else self.reject()

    def closeEvent(self, event: Any) -> None:
        if self.outcome is None and not self._sending:
            self.autosave.flush()
        super().closeEvent(event)
