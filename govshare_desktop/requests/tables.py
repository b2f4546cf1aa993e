"""The share pages' columns and how their views size them; the sizing helpers (common/tables.py)
are re-exported for the share pages.

A column whose key is one of the platform's sort keys is `server_sort`: a header click on a list
not loaded whole asks the platform to sort it (common/paged_model.py).
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    QPoint,
    QPointF,
    QRect,
    Qt,
)
from PySide6.QtGui import QColor, QFont, QPainter, QTextCharFormat, QTextLayout
from PySide6.QtWidgets import (
    QApplication,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
)

from govshare_core.vocab import (
    DataType,
    GrantStatus,
    RequestStatus,
    ShareMode,
    ShareType,
    UpdateCycle,
)
from govshare_desktop.common.paged_model import Column, Row
from govshare_desktop.common.tables import (
    Capped,
    ColumnDropper,
    Contents,
    Fit,
    Plan,
    Stretch,
    compact_rows,
    enable_sorting,
    size_columns,
    text_width,
)
from govshare_desktop.i18n import field_label, label, label_of, time_text
from govshare_desktop.requests.deadlines import DeadlineInfo, days_left_text, expiry_text
from govshare_desktop.requests.presenters import action_label

DEPARTMENT_WIDTH = 240
"""Department names fit up to this (px); longer ones elide, the full name is the tooltip."""
GRANT_DEPARTMENT_WIDTH = 220
STATUS_WIDTH = 150

# --- column factories ------------------------------------------------------------------------


def text_column(key: str, title: str, *, server_sort: bool = False) -> Column:
    """A column of texts that may be elided (names): the full text is the tooltip."""
    return Column(key, title, tooltip=lambda r: str(r.get(key) or ""), server_sort=server_sort)


def label_column(
    key: str, title: str, vocab: type[StrEnum], *, server_sort: bool = False
) -> Column:
    """A column of vocabulary codes shown by their labels (govshare_core.vocab)."""
    return Column(key, title, lambda r: label_of(vocab, r.get(key)), server_sort=server_sort)


def select_row(view: QTableView, row: int) -> None:
    """Make `row` the view's current and selected row, scrolled into sight."""
    index = view.model().index(row, 0)
    view.setCurrentIndex(index)
    view.selectRow(row)
    view.scrollTo(index)


def _deadline(row: Row) -> str:
    return str(row.get("_deadline", ""))


# --- requests --------------------------------------------------------------------------------


def request_columns(counterpart: str) -> list[Column]:
    """编号, 信息资源, the other department, 状态, 截止日期, 剩余工作日; both deadline columns
    sort by the platform's `due` (the fewer working days left, the sooner due)."""
    other = (
        QCoreApplication.translate("RequestsPage", "提供部门")
        if counterpart == "provider"
        else QCoreApplication.translate("RequestsPage", "申请部门")
    )
    return [
        Column("id", QCoreApplication.translate("RequestsPage", "编号"), server_sort=True),
        text_column(
            "entry_name", QCoreApplication.translate("RequestsPage", "信息资源"), server_sort=True
        ),
        text_column(f"{counterpart}_department_name", other, server_sort=True),
        label_column(
            "status",
            QCoreApplication.translate("RequestsPage", "状态"),
            RequestStatus,
            server_sort=True,
        ),
        Column(
            "due",
            QCoreApplication.translate("RequestsPage", "截止日期"),
            lambda r: str(r.get("_due", "")),
            tooltip=_deadline,
            sort_key=lambda r: r.get("_due"),
            server_sort=True,
        ),
        Column(
            "due",
            QCoreApplication.translate("RequestsPage", "剩余工作日"),
            lambda r: str(r.get("_left", "")),
            tooltip=_deadline,
            sort_key=lambda r: r.get("_days_left"),
            server_sort=True,
        ),
    ]  # the requested end of use (截止时间) is in the detail: the list fits beside it


def request_column_plans() -> list[Plan]:
    return [
        Fit(["9999"]),
        Stretch(),
        Capped(DEPARTMENT_WIDTH),
        Capped(STATUS_WIDTH, [label(s) for s in RequestStatus]),
        Fit(["2026-12-31"]),
        Fit(
            [
                days_left_text(DeadlineInfo("", -99, True, False)),
                days_left_text(DeadlineInfo("", 99, False, True)),
            ]
        ),
    ]


def event_columns() -> list[Column]:
    return [
        Column(
            "at",
            QCoreApplication.translate("RequestsPage", "时间"),
            lambda r: time_text(r.get("at")),
        ),
        Column(
            "action",
            QCoreApplication.translate("RequestsPage", "环节"),
            lambda r: action_label(str(r.get("action"))),
        ),
        label_column(
            "to_status", QCoreApplication.translate("RequestsPage", "结果状态"), RequestStatus
        ),
        text_column("comment", QCoreApplication.translate("RequestsPage", "意见")),
    ]


def event_column_plans() -> list[Plan]:
    return [Fit(["2026-12-31 23:59"]), Contents(), Contents(), Stretch()]


# --- grants ----------------------------------------------------------------------------------


def grant_columns() -> list[Column]:
    return [
        text_column(
            "entry_name", QCoreApplication.translate("GrantsPage", "信息资源"), server_sort=True
        ),
        text_column(
            "data_item", QCoreApplication.translate("GrantsPage", "信息项"), server_sort=True
        ),
        text_column(
            "provider_department_name",
            QCoreApplication.translate("GrantsPage", "提供部门"),
            server_sort=True,
        ),
        text_column(
            "consumer_department_name",
            QCoreApplication.translate("GrantsPage", "使用部门"),
            server_sort=True,
        ),
        # 共享方式, the catalog's term (第二十四条)
        label_column("share_mode", field_label("share_mode"), ShareMode, server_sort=True),
        Column(
            "valid_from", QCoreApplication.translate("GrantsPage", "生效日期"), server_sort=True
        ),
        Column(
            "valid_until", QCoreApplication.translate("GrantsPage", "有效期至"), server_sort=True
        ),
        Column(
            "_expiry",
            QCoreApplication.translate("GrantsPage", "剩余"),
            sort_key=lambda r: r.get("_days_left"),
        ),
        label_column(
            "status",
            QCoreApplication.translate("GrantsPage", "状态"),
            GrantStatus,
            server_sort=True,
        ),
        text_column("revoked_reason", QCoreApplication.translate("GrantsPage", "撤销理由")),
    ]


def grant_column_plans() -> list[Plan]:
    """Grant columns sized to fit beside the navigation at 1280 px; long names elide."""
    dept = Capped(GRANT_DEPARTMENT_WIDTH)
    return [
        Stretch(),
        Capped(160, ["公民身份号码"]),
        dept,
        dept,
        Fit([label(m) for m in ShareMode]),
        Fit(["2026-12-31"]),
        Fit(["2026-12-31"]),
        Fit(
            [
                expiry_text(250),
                QCoreApplication.translate("SharePresenter", "今日到期"),
                QCoreApplication.translate("SharePresenter", "已过期"),
            ]
        ),
        Fit([label(s) for s in GrantStatus]),
        Capped(200),  # 撤销理由: the full text is the tooltip
    ]


# --- the share catalog -----------------------------------------------------------------------


HIGHLIGHT_ROLE = Qt.ItemDataRole.UserRole + 20
"""The name's match spans ([start, end) pairs, govshare_core.search_rank.match_spans) that the
`HighlightDelegate` paints."""
FLAG_ROLE = Qt.ItemDataRole.UserRole + 21
"""The badge of a 不予共享 entry (its label), None for others."""


def statutory_tooltip() -> str:
    """Why a 不予共享 entry is listed (第五条, 第二十五条)."""
    return QCoreApplication.translate(
        "ShareCatalogPage",
        "不予共享：仅可依据法律、法规申请，申请时须引用所依据的法律、法规条款（第五条、第二十五条）",
    )


def _not_shared(row: Row) -> bool:
    return row.get("share_type") == ShareType.NOT_SHARED


def catalog_row_role(row: Row, role: int) -> Any:
    """The share catalog's extra roles: the name's match spans, the 不予共享 badge."""
    if role == HIGHLIGHT_ROLE:
        return row.get("_name_spans") or []
    if role == FLAG_ROLE:
        return label(ShareType.NOT_SHARED) if _not_shared(row) else None
    return None


def _with_statutory(text: str, row: Row) -> str:
    return f"{text}\n{statutory_tooltip()}" if _not_shared(row) else text


class HighlightDelegate(QStyledItemDelegate):
    """Paints a name with its matches in bold on a light yellow background (HIGHLIGHT_ROLE),
    and the 不予共享 badge at its right end (FLAG_ROLE); other cells as usual."""

    BADGE_BACKGROUND = QColor("#fde2e1")
    BADGE_TEXT = QColor("#a61b1b")
    MATCH_BACKGROUND = QColor("#ffe58a")

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        spans = index.data(HIGHLIGHT_ROLE) or []
        flag = index.data(FLAG_ROLE)
        if not spans and not flag:
            super().paint(painter, option, index)
            return
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        text, opt.text = opt.text, ""
        style = opt.widget.style() if opt.widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        rect = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, opt, opt.widget)
        rect = rect.adjusted(3, 0, -3, 0)
        painter.save()
        painter.setClipRect(option.rect)
        metrics = opt.fontMetrics
        if flag:
            badge = QRect(0, 0, metrics.horizontalAdvance(str(flag)) + 8, metrics.height() + 2)
            badge.moveCenter(QPoint(rect.right() - badge.width() // 2, rect.center().y()))
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(self.BADGE_BACKGROUND)
            painter.drawRoundedRect(badge, 3, 3)
            painter.setPen(self.BADGE_TEXT)
            painter.drawText(badge, Qt.AlignmentFlag.AlignCenter, str(flag))
            rect.setRight(badge.left() - 4)
        shown = metrics.elidedText(text, Qt.TextElideMode.ElideRight, max(rect.width(), 0))
        visible = len(shown) - (0 if shown == text else 1)  # not the ellipsis
        layout = QTextLayout(shown, opt.font)
        ranges = []
        for start, end in spans:
            if start < visible:
                mark = QTextLayout.FormatRange()
                mark.start, mark.length = int(start), int(min(end, visible) - start)
                mark.format = QTextCharFormat()
                mark.format.setFontWeight(QFont.Weight.Bold)
                mark.format.setBackground(self.MATCH_BACKGROUND)
                mark.format.setForeground(QColor("#000000"))
                ranges.append(mark)
        layout.setFormats(ranges)
        layout.beginLayout()
        line = layout.createLine()
        line.setLineWidth(max(rect.width(), 0))
        layout.endLayout()
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        painter.setPen(
            opt.palette.highlightedText().color() if selected else opt.palette.text().color()
        )
        top = rect.top() + (rect.height() - line.height()) / 2
        layout.draw(painter, QPointF(rect.left(), top))
        painter.restore()


def catalog_columns() -> list[Column]:
    name = QCoreApplication.translate("ShareCatalogPage", "资源名称")
    return [
        Column(
            "name",
            name,
            tooltip=lambda r: _with_statutory(str(r.get("name") or ""), r),
            server_sort=True,
        ),
        Column(
            "resource_code",
            QCoreApplication.translate("ShareCatalogPage", "资源代码"),
            server_sort=True,
        ),
        text_column(
            "department_name",
            QCoreApplication.translate("ShareCatalogPage", "提供部门"),
            server_sort=True,
        ),
        Column(
            "share_type",
            QCoreApplication.translate("ShareCatalogPage", "共享类型"),
            lambda r: label_of(ShareType, r.get("share_type")),
            tooltip=lambda r: statutory_tooltip() if _not_shared(r) else "",
            server_sort=True,
        ),
        label_column("share_mode", field_label("share_mode"), ShareMode, server_sort=True),
        label_column(
            "update_cycle",
            QCoreApplication.translate("ShareCatalogPage", "更新周期"),
            UpdateCycle,
            server_sort=True,
        ),
    ]  # the publication date is in the detail panel: the list stays narrow enough for 60 %


def catalog_column_plans() -> list[Plan]:
    return [
        Stretch(),
        Fit(["000000/000000"]),
        Capped(DEPARTMENT_WIDTH),
        Fit([label(t) for t in ShareType]),
        Fit([label(m) for m in ShareMode]),
        Fit([label(c) for c in UpdateCycle]),
    ]


def item_columns() -> list[Column]:
    """Data items; rows carry their effective share type (the item's own or the entry's)."""
    return [
        Column("name", QCoreApplication.translate("ShareCatalogPage", "信息项名称")),
        label_column(
            "data_type", QCoreApplication.translate("ShareCatalogPage", "数据类型"), DataType
        ),
        Column("length", QCoreApplication.translate("ShareCatalogPage", "长度")),
        label_column(
            "share_type", QCoreApplication.translate("ShareCatalogPage", "共享类型"), ShareType
        ),
    ]


def item_column_plans() -> list[Plan]:
    return [
        Stretch(),
        Fit([label(t) for t in DataType]),
        Fit(["99999"]),
        Fit([label(t) for t in ShareType]),
    ]


__all__ = [  # the sizing helpers the share pages take from here
    "Capped",
    "ColumnDropper",
    "Contents",
    "Fit",
    "Plan",
    "Stretch",
    "compact_rows",
    "enable_sorting",
    "size_columns",
    "text_width",
]
