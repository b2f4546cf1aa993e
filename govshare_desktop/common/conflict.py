"""The compare view of a 412 conflict: my queued change against the platform's current object.

Pure part (testable without widgets): `differing_fields` lists the fields whose values differ,
with labels from govshare_core.validation.FIELD_LABELS and readable values; `merge` builds the
body from a per-field choice; `apply_resolution` writes the user's decision to the store.
Widget part: `ConflictDialog` (ui/conflict_dialog.ui) shows the table with a mine/theirs radio
per row and the buttons 保留我的 / 采用服务器的 / 按所选合并.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from PySide6.QtCore import QCoreApplication, QLocale, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QRadioButton,
    QTableWidgetItem,
    QWidget,
)

from govshare_core.validation import FIELD_LABELS
from govshare_core.vocab import (
    DataType,
    FormatClass,
    ResourceClass,
    ShareMode,
    ShareType,
    UpdateCycle,
)
from govshare_desktop.common.uiload import load_form
from govshare_desktop.store.local import LocalStore, OutboxItem
from govshare_desktop.sync.replay import normalize

MINE, THEIRS, MERGE = "mine", "theirs", "merge"

_ENUMS: dict[str, type[StrEnum]] = {
    "resource_class": ResourceClass,
    "format_class": FormatClass,
    "share_type": ShareType,
    "share_mode": ShareMode,
    "update_cycle": UpdateCycle,
}
_ORDER = {name: n for n, name in enumerate(FIELD_LABELS)}


def ui_language() -> str:
    try:
        from govshare_desktop import i18n

        return str(i18n.language())
    except (ImportError, AttributeError):
        return "en" if QLocale().name().startswith("en") else "zh_CN"


def _english(language: str) -> bool:
    return language.startswith("en")


def field_label(field: str, language: str = "zh_CN") -> str:
    zh, en = FIELD_LABELS.get(field, (field, field))
    return en if _english(language) else zh


def _label_of(enum: type[StrEnum], value: Any, language: str) -> str:
    try:
        member = enum(value)
    except ValueError:
        return str(value)
    return str(getattr(member, "label_en" if _english(language) else "label_zh"))


def _data_item_text(item: Mapping[str, Any], language: str) -> str:
    parts = [_label_of(DataType, item.get("data_type"), language)]
    if item.get("length"):
        parts.append(str(item["length"]))
    if item.get("share_type"):
        parts.append(_label_of(ShareType, item["share_type"], language))
    sep = ", " if _english(language) else "，"
    return f"{item.get('name', '')}（{sep.join(parts)}）"


def render_value(field: str, value: Any, language: str = "zh_CN") -> str:
    """A field value as the user reads it: labels for codes, one line per data item."""
    if value is None or value == "" or value == []:
        return QCoreApplication.translate("Conflict", "（空）")
    if isinstance(value, bool):
        return (
            QCoreApplication.translate("Conflict", "是")
            if value
            else QCoreApplication.translate("Conflict", "否")
        )
    if field in _ENUMS:
        return _label_of(_ENUMS[field], value, language)
    if field == "data_items" and isinstance(value, list):
        return "\n".join(
            _data_item_text(i, language) if isinstance(i, Mapping) else str(i) for i in value
        )
    if isinstance(value, list):
        return "、".join(str(v) for v in value)
    return str(value)


@dataclass(frozen=True)
class FieldConflict:
    """One field that differs: its label and both values, raw and readable."""

    field: str
    label: str
    mine: Any
    theirs: Any
    mine_text: str
    theirs_text: str


def differing_fields(
    mine: Mapping[str, Any], theirs: Mapping[str, Any], language: str = "zh_CN"
) -> list[FieldConflict]:
    """The fields of my change whose value differs on the platform, in form order."""
    fields = sorted(mine, key=lambda f: (_ORDER.get(f, len(_ORDER)), f))
    return [
        FieldConflict(
            f,
            field_label(f, language),
            mine[f],
            theirs.get(f),
            render_value(f, mine[f], language),
            render_value(f, theirs.get(f), language),
        )
        for f in fields
        if normalize(mine[f]) != normalize(theirs.get(f))
    ]


def theirs_body(mine: Mapping[str, Any], theirs: Mapping[str, Any]) -> dict[str, Any]:
    """The platform's values of the fields my change sets (the draft after "take theirs")."""
    return {f: theirs.get(f) for f in mine}


def merge(
    mine: Mapping[str, Any], theirs: Mapping[str, Any], choices: Mapping[str, str]
) -> dict[str, Any]:
    """My body with the fields chosen as "theirs" taken from the platform (default: mine)."""
    return {f: theirs.get(f) if choices.get(f) == THEIRS else v for f, v in mine.items()}


def apply_resolution(
    store: LocalStore,
    item: OutboxItem,
    server: Mapping[str, Any] | None,
    resolution: str,
    body: Any = None,
) -> None:
    """Write the decision: "mine"/"merge" re-queue the item with `body` against the platform's
    current version; "theirs" drops the queued change and makes the draft the platform's."""
    server = server or {}
    version = server.get("version", item.if_match)
    if resolution == THEIRS:
        store.remove(item.seq)
        if item.draft is not None:
            if isinstance(item.body, Mapping) and server:
                store.save_draft(
                    *item.draft,
                    theirs_body(item.body, server),
                    title=str(server.get("name") or server.get("entry_name") or item.label),
                    server_id=server.get("id"),
                    server_version=version,
                )
            else:
                store.delete_draft(*item.draft)
        return
    store.update_item(item.seq, body=body, if_match=version)  # same seq: the order holds
    if item.draft is not None and isinstance(body, Mapping):
        draft = store.load_draft(*item.draft)
        store.save_draft(
            *item.draft,
            dict(body),
            title=draft.title if draft else item.label,
            server_id=server.get("id") or (draft.server_id if draft else None),
            server_version=version,
        )


class ConflictPresenter:
    """The compare view's state: the differing rows and the user's choice per row."""

    def __init__(
        self, *, item: OutboxItem, server_object: Mapping[str, Any] | None, language: str
    ) -> None:
        self.item = item
        self.server = dict(server_object or {})
        self.mine = dict(item.body) if isinstance(item.body, Mapping) else {}
        self.rows = differing_fields(self.mine, self.server, language)
        self.choices: dict[str, str] = {r.field: MINE for r in self.rows}

    def choose(self, field: str, side: str) -> None:
        self.choices[field] = side

    def keep_mine(self) -> Any:
        return self.item.body

    def merged(self) -> dict[str, Any]:
        return merge(self.mine, self.server, self.choices)


class ConflictDialog(QDialog):
    """Shows a conflict; after `accept()` read `resolution` ("mine", "theirs", "merge") and
    `body` (the body to re-queue; unused for "theirs").

    Signals:
        resolved(object, str, object): the OutboxItem, the resolution and the body.
    """

    resolved = Signal(object, str, object)

    def __init__(
        self,
        *,
        item: OutboxItem,
        server_object: Mapping[str, Any] | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.presenter = ConflictPresenter(
            item=item, server_object=server_object, language=ui_language()
        )
        self.resolution: str | None = None
        self.body: Any = None
        self.ui = load_form("conflict_dialog.ui", self)
        self.setWindowTitle(self.tr("修改冲突：%1").replace("%1", item.label or item.path))
        self.resize(900, 540)
        self._groups: list[QButtonGroup] = []
        self._fill()
        self.ui.keepMineButton.clicked.connect(self._on_keep_mine_clicked)
        self.ui.takeTheirsButton.clicked.connect(self._on_take_theirs_clicked)
        self.ui.mergeButton.clicked.connect(self._on_merge_clicked)
        self.ui.laterButton.clicked.connect(self.reject)

    def _fill(self) -> None:
        server = self.presenter.server
        self.ui.versionLabel.setText(
            self.tr("我的修改基于版本 %1，服务器当前为版本 %2。")
            .replace("%1", str(self.presenter.item.if_match or "—"))
            .replace("%2", str(server.get("version", "—")))
        )
        rows = self.presenter.rows
        table = self.ui.fieldsTable
        table.setRowCount(len(rows))
        for n, row in enumerate(rows):
            table.setItem(n, 0, QTableWidgetItem(row.label))
            table.setItem(n, 1, QTableWidgetItem(row.mine_text))
            table.setItem(n, 2, QTableWidgetItem(row.theirs_text))
            table.setCellWidget(n, 3, self._choice_cell(row.field))
        header = table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.ResizeToContents)
        table.resizeRowsToContents()
        table.setVisible(bool(rows))
        self.ui.emptyLabel.setVisible(not rows)
        self.ui.mergeButton.setEnabled(bool(rows))

    def _choice_cell(self, field: str) -> QWidget:
        cell = QWidget()
        layout = QHBoxLayout(cell)
        layout.setContentsMargins(8, 0, 8, 0)
        mine, theirs = QRadioButton(self.tr("我的")), QRadioButton(self.tr("服务器"))
        mine.setObjectName(f"mine_{field}")
        theirs.setObjectName(f"theirs_{field}")
        mine.setChecked(True)
        group = QButtonGroup(cell)
        group.addButton(mine)
        group.addButton(theirs)
        self._groups.append(group)
        mine.toggled.connect(lambda on: self.presenter.choose(field, MINE if on else THEIRS))
        layout.addWidget(mine)
        layout.addWidget(theirs)
        return cell

    def radio(self, field: str, side: str) -> QRadioButton:
        """The radio button of a row (tests and keyboard users)."""
        button = self.findChild(QRadioButton, f"{side}_{field}")
        assert button is not None, field
        return button

    def _finish(self, resolution: str, body: Any) -> None:
        self.resolution, self.body = resolution, body
        self.resolved.emit(self.presenter.item, resolution, body)
        self.accept()

    def _on_keep_mine_clicked(self) -> None:
        self._finish(MINE, self.presenter.keep_mine())

    def _on_take_theirs_clicked(self) -> None:
        self._finish(THEIRS, None)

    def _on_merge_clicked(self) -> None:
        self._finish(MERGE, self.presenter.merged())


def open_conflict_dialog(
    engine: Any, item: OutboxItem, server_object: Mapping[str, Any] | None, parent: QWidget
) -> ConflictDialog:
    """Show the compare view (non-modal) and hand the user's choice to the sync engine."""
    dialog = ConflictDialog(item=item, server_object=server_object, parent=parent)
    dialog.resolved.connect(
        lambda it, resolution, body: engine.resolve_conflict(
            it, resolution, body, server_object=server_object
        )
    )
    dialog.open()
    return dialog
