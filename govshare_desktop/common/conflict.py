"""The compare view of a 412 conflict: my queued change against the platform's current object.

The rules (which fields differ, the bodies of the three choices, writing the choice to the
store) are in sync/conflict.py; this module shows them. Pure part (testable without widgets):
`differing_fields` lists the differing fields with labels (an entry's
govshare_core.validation.FIELD_LABELS, the policy's govshare_core.schemas.POLICY_FIELD_LABELS)
and readable values, `ConflictPresenter` keeps the per-field choice. Widget part:
`ConflictDialog` (ui/conflict_dialog.ui) shows the table with a mine/theirs radio per row and
the buttons 保留我的 / 采用服务器的 / 按所选合并; `open_conflict_dialog` hands the choice to the
session's SyncEngine.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from PySide6.QtCore import QCoreApplication, QSize, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QRadioButton,
    QTableWidgetItem,
    QWidget,
)

from govshare_core.assessment import Grade, Group
from govshare_core.schemas import POLICY_FIELD_LABELS
from govshare_core.validation import FIELD_LABELS
from govshare_core.vocab import (
    DataType,
    FormatClass,
    ResourceClass,
    ShareMode,
    ShareType,
    UpdateCycle,
)
from govshare_desktop.common.labels import format_type_label
from govshare_desktop.common.sizing import fit_to_screen
from govshare_desktop.common.uiload import load_form
from govshare_desktop.i18n import english, field_label, label_of
from govshare_desktop.store.local import OutboxItem
from govshare_desktop.sync.conflict import Resolution, differing, merge
from govshare_desktop.sync.engine import SyncEngine

_ENUMS: dict[str, type[StrEnum]] = {
    "resource_class": ResourceClass,
    "format_class": FormatClass,
    "share_type": ShareType,
    "share_mode": ShareMode,
    "update_cycle": UpdateCycle,
}
_ORDER = {name: n for n, name in enumerate([*FIELD_LABELS, *POLICY_FIELD_LABELS])}


def conflict_label(field: str) -> str:
    """A field's label in the UI language: an entry's (FIELD_LABELS) or the platform policy's
    (POLICY_FIELD_LABELS), else its name."""
    if field in POLICY_FIELD_LABELS:
        zh, en = POLICY_FIELD_LABELS[field]
        return en if english() else zh
    return field_label(field)


def _key_label(key: str) -> str:
    """An assessment group's or grade's label (the keys of the policy's weights and bands)."""
    text = label_of(Group, key)
    return text if text != key else label_of(Grade, key)


def _mapping_text(value: Mapping[str, Any]) -> str:
    """The policy's weights or grade bands ({"catalog": 30, …}): one "label value" a line."""
    lines = []
    for key, number in value.items():
        shown = f"{number:g}" if isinstance(number, int | float) else str(number)
        lines.append(f"{_key_label(str(key))} {shown}")
    return "\n".join(lines)


def _data_item_text(item: Mapping[str, Any]) -> str:
    parts = [label_of(DataType, item.get("data_type"))]
    if item.get("length"):
        parts.append(str(item["length"]))
    if item.get("share_type"):
        parts.append(label_of(ShareType, item["share_type"]))
    sep = ", " if english() else "，"
    return f"{item.get('name', '')}（{sep.join(parts)}）"


def render_value(field: str, value: Any) -> str:
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
        return label_of(_ENUMS[field], value)
    if field == "format_type":
        return format_type_label(str(value))
    if isinstance(value, Mapping):  # the policy's assessment weights and grade bands
        return _mapping_text(value)
    if field == "data_items" and isinstance(value, list):
        return "\n".join(_data_item_text(i) if isinstance(i, Mapping) else str(i) for i in value)
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


def _is_default(value: Any) -> bool:
    """False, empty or None: what a field the platform does not return amounts to."""
    return value is None or value is False or value in ("", [], {})


def differing_fields(mine: Mapping[str, Any], theirs: Mapping[str, Any]) -> list[FieldConflict]:
    """The fields of my change whose value differs on the platform, in form order. A field
    the platform's object lacks (e.g. 涉及国家秘密, never stored, 第六条) differs only when my
    value is not the default one."""
    real = [f for f in differing(mine, theirs) if f in theirs or not _is_default(mine[f])]
    fields = sorted(real, key=lambda f: (_ORDER.get(f, len(_ORDER)), f))
    return [
        FieldConflict(
            f,
            conflict_label(f),
            mine[f],
            theirs.get(f),
            render_value(f, mine[f]),
            render_value(f, theirs.get(f)),
        )
        for f in fields
    ]


class ConflictPresenter:
    """The compare view's state: the differing rows and the user's choice per row."""

    def __init__(self, *, item: OutboxItem, server_object: Mapping[str, Any] | None) -> None:
        self.item = item
        self.server = dict(server_object or {})
        self.mine = dict(item.body) if isinstance(item.body, Mapping) else {}
        self.rows = differing_fields(self.mine, self.server)
        self.choices: dict[str, Resolution] = {r.field: Resolution.MINE for r in self.rows}

    def choose(self, field: str, side: Resolution) -> None:
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

    resolved = Signal(OutboxItem, str, object)

    PREFERRED_SIZE = QSize(900, 540)  # shrunk to the screen (1366×728 at least)

    def __init__(
        self,
        *,
        item: OutboxItem,
        server_object: Mapping[str, Any] | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.presenter = ConflictPresenter(item=item, server_object=server_object)
        self.resolution: Resolution | None = None
        self.body: Any = None
        self.ui = load_form("conflict_dialog.ui", self)
        self.setWindowTitle(self.tr("修改冲突：%1").replace("%1", item.label or item.path))
        fit_to_screen(self, self.PREFERRED_SIZE, parent=parent)
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
        mine.toggled.connect(
            lambda on: self.presenter.choose(field, Resolution.MINE if on else Resolution.THEIRS)
        )
        layout.addWidget(mine)
        layout.addWidget(theirs)
        return cell

    def radio(self, field: str, side: str) -> QRadioButton:
        """The radio button of a row (tests and keyboard users)."""
        button = self.findChild(QRadioButton, f"{side}_{field}")
        assert button is not None, field
        return button

    def _finish(self, resolution: Resolution, body: Any) -> None:
        self.resolution, self.body = resolution, body
        self.resolved.emit(self.presenter.item, resolution, body)
        self.accept()

    def _on_keep_mine_clicked(self) -> None:
        self._finish(Resolution.MINE, self.presenter.keep_mine())

    def _on_take_theirs_clicked(self) -> None:
        self._finish(Resolution.THEIRS, None)

    def _on_merge_clicked(self) -> None:
        self._finish(Resolution.MERGE, self.presenter.merged())


_OPEN: dict[str, ConflictDialog] = {}
"""The compare view open for each outbox item (by idempotency key): one 412 reaches both the
screen that sent the change and the shell (the engine's `conflict` signal); each asks for the
view, and the second gets the first's window instead of a duplicate."""


def open_conflict_dialog(
    engine: SyncEngine, item: OutboxItem, server_object: Mapping[str, Any] | None, parent: QWidget
) -> ConflictDialog:
    """Show the compare view (non-modal) and hand the user's choice to the sync engine; a view
    already open for the same item is raised instead of opening a second one."""
    key = item.idempotency_key
    if key in _OPEN:
        existing = _OPEN[key]
        existing.raise_()
        existing.activateWindow()
        return existing
    dialog = ConflictDialog(item=item, server_object=server_object, parent=parent)
    server = dict(server_object) if server_object is not None else None
    dialog.resolved.connect(
        lambda it, resolution, body: engine.resolve_conflict(
            it, resolution, body, server_object=server
        )
    )
    _OPEN[key] = dialog
    dialog.finished.connect(lambda _result: _OPEN.pop(key, None))
    dialog.destroyed.connect(lambda _obj=None: _OPEN.pop(key, None))
    dialog.open()
    return dialog
