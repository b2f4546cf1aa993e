"""The printed catalog entry (目录登记表, 第十三条, 第十四条, 第十六条): the core metadata, the data
items, the share attributes (type, condition, legal basis) and the entry's status record, as an
A4 sheet (common/print_layout.py). The same fields, as HTML, are the 资源目录 page's detail.

    sheet = entry_sheet(entry, snapshots, today)   # UI thread: translated labels
    pdf = build_sheet_pdf(sheet)                   # any thread

The status record is what the platform keeps on the entry: registered, submitted (by whom),
approved by the department, published (its resource code), returned (the reason), and its
snapshots (published, change report applied).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from html import escape
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP

from govshare_core.vocab import (
    DataType,
    EntryStatus,
    FormatClass,
    ResourceClass,
    ShareMode,
    ShareType,
    UpdateCycle,
)
from govshare_desktop.catalog.presenter import show_value
from govshare_desktop.common.print_layout import Field, Fields, Rows, Sheet
from govshare_desktop.i18n import field_label, label_of, module_tr, time_text

LONG_TEXT = 24
"""Values longer than this take a whole row of the grid."""


def tr(text: str) -> str:
    return module_tr("EntryPrint", text)


def file_name(entry: Mapping[str, Any]) -> str:
    code = str(entry.get("resource_code") or entry.get("id", "")).replace("/", "-")
    return tr("目录登记表-%1.pdf").replace("%1", code)


def _f(label: str, value: Any, *, wide: bool = False) -> Field:
    text = value if isinstance(value, str) else show_value(value)
    return Field(label, text, wide=wide or len(text) > LONG_TEXT)


def _classification(e: Mapping[str, Any]) -> str:
    parts = [str(e.get(k) or "") for k in ("class_item", "class_catalog", "class_detail")]
    code = str(e.get("resource_class") or "") + "".join(parts)
    return f"{label_of(ResourceClass, e.get('resource_class'))}（{code}）"


def basic_fields(e: Mapping[str, Any]) -> list[Field]:
    """基本信息: the core metadata elements (第十三条)."""
    return [
        _f(field_label("name"), str(e.get("name") or ""), wide=True),
        _f(tr("信息资源代码"), str(e.get("resource_code") or tr("（发布时赋码）"))),
        _f(tr("状态"), label_of(EntryStatus, e.get("status"))),
        _f(tr("信息资源提供方"), str(e.get("department_name") or "")),
        _f(tr("提供方代码"), str(e.get("provider_code") or "")),
        _f(tr("信息资源分类"), _classification(e)),
        _f(
            tr("信息资源格式"),
            f"{label_of(FormatClass, e.get('format_class'))}／{e.get('format_type') or ''}",
        ),
        _f(field_label("update_cycle"), label_of(UpdateCycle, e.get("update_cycle"))),
        _f(tr("发布日期"), str(e.get("published_on") or "—")),
        _f(field_label("summary"), str(e.get("summary") or ""), wide=True),
        _f(field_label("related_codes"), "、".join(e.get("related_codes") or []) or "—"),
        _f(field_label("interface_endpoint"), str(e.get("interface_endpoint") or "—")),
    ]


def share_fields(e: Mapping[str, Any]) -> list[Field]:
    """共享属性: share type, mode, conditions, scope, legal basis, opening (第五条, 第十三条)."""
    fields = [
        _f(field_label("share_type"), label_of(ShareType, e.get("share_type"))),
        _f(field_label("share_mode"), label_of(ShareMode, e.get("share_mode"))),
    ]
    kind = str(e.get("share_type") or "")
    if kind == ShareType.CONDITIONAL:
        fields += [
            _f(field_label("share_conditions"), str(e.get("share_conditions") or ""), wide=True),
            _f(field_label("share_scope"), str(e.get("share_scope") or ""), wide=True),
        ]
    if kind == ShareType.NOT_SHARED:
        fields.append(_f(field_label("legal_basis"), str(e.get("legal_basis") or ""), wide=True))
    fields.append(_f(field_label("open_to_public"), bool(e.get("open_to_public"))))
    if e.get("open_to_public"):
        fields.append(_f(field_label("open_conditions"), str(e.get("open_conditions") or "")))
    return fields


def item_rows(e: Mapping[str, Any]) -> list[list[str]]:
    """信息项: number, name, type, length, share type (the entry's when not narrowed), key."""
    kind = e.get("share_type")
    return [
        [
            str(n),
            str(i.get("name") or ""),
            label_of(DataType, i.get("data_type")),
            str(i.get("length") or ""),
            label_of(ShareType, i.get("share_type") or kind),
            tr("是") if i.get("key") else "",
            str(i.get("description") or ""),
        ]
        for n, i in enumerate(e.get("data_items") or [], start=1)
    ]


ITEM_HEADER = (
    QT_TRANSLATE_NOOP("EntryPrint", "序号"),
    QT_TRANSLATE_NOOP("EntryPrint", "信息项名称"),
    QT_TRANSLATE_NOOP("EntryPrint", "数据类型"),
    QT_TRANSLATE_NOOP("EntryPrint", "长度"),
    QT_TRANSLATE_NOOP("EntryPrint", "共享类型"),
    QT_TRANSLATE_NOOP("EntryPrint", "关键项"),
    QT_TRANSLATE_NOOP("EntryPrint", "说明"),
)
_SNAPSHOT_REASONS = {
    "published": QT_TRANSLATE_NOOP("EntryPrint", "发布（第十六条）"),
    "change_applied": QT_TRANSLATE_NOOP("EntryPrint", "关键要素变更生效（第十七条）"),
}


def history_rows(e: Mapping[str, Any], snapshots: Sequence[Mapping[str, Any]]) -> list[list[str]]:
    """状态记录: (time, what, who, note), oldest first."""
    rows: list[tuple[str, list[str]]] = []

    def add(at: Any, what: str, who: str = "", note: str = "") -> None:
        if at:
            rows.append((str(at), [time_text(at) if "T" in str(at) else str(at), what, who, note]))

    add(e.get("created_at"), tr("登记（第十四条）"))
    add(e.get("submitted_at"), tr("提交审核"), str(e.get("submitted_by_name") or ""))
    add(e.get("dept_approved_at"), tr("部门审核通过（第十五条）"))
    for s in snapshots:
        reason = str(s.get("reason") or "")
        what = tr(str(_SNAPSHOT_REASONS[reason])) if reason in _SNAPSHOT_REASONS else reason
        note = str((s.get("data") or {}).get("resource_code") or "")
        add(s.get("at"), what, "", note)
    if not snapshots and e.get("published_on"):
        add(e.get("published_on"), tr("发布（第十六条）"), "", str(e.get("resource_code") or ""))
    if e.get("status") == EntryStatus.RETURNED and e.get("return_reason"):
        add(e.get("updated_at"), tr("退回修改"), "", str(e.get("return_reason")))
    ordered = [row for _key, row in sorted(rows, key=lambda r: r[0])]
    if e.get("updated_at"):  # last, whatever the clocks say
        ordered.append(
            [
                time_text(e.get("updated_at")),
                tr("最近更新"),
                "",
                label_of(EntryStatus, e.get("status")),
            ]
        )
    return ordered


def entry_sheet(
    entry: Mapping[str, Any], snapshots: Sequence[Mapping[str, Any]], today: date
) -> Sheet:
    """The 目录登记表 of `entry` (CatalogEntryOut JSON) with its snapshots."""
    code = str(entry.get("resource_code") or "—")
    return Sheet(
        title=tr("政务信息资源目录登记表"),
        facts=[
            (tr("信息资源代码"), code),
            (tr("状态"), label_of(EntryStatus, entry.get("status"))),
            (tr("打印日期"), today.isoformat()),
        ],
        sections=[
            Fields(tr("一、基本信息"), basic_fields(entry)),
            Rows(
                tr("二、信息项"),
                [tr(str(h)) for h in ITEM_HEADER],
                item_rows(entry),
                widths=[0.9, 3.2, 1.6, 1.1, 1.9, 1.1, 4.2],
                empty=tr("未登记信息项。"),
            ),
            Fields(tr("三、共享属性"), share_fields(entry)),
            Rows(
                tr("四、状态记录"),
                [tr("时间"), tr("事项"), tr("办理人"), tr("说明")],
                history_rows(entry, snapshots),
                widths=[2.6, 4.0, 2.2, 5.2],
            ),
        ],
        footer=tr("南通市政务信息资源共享平台 · 目录登记表 %1").replace(
            "%1", str(entry.get("resource_code") or entry.get("name") or "")
        ),
        note=tr("依据《南通市政务信息资源共享管理办法》第十三条至第十七条编制。"),
        signatures=[tr("填报人"), tr("部门审核人"), tr("部门（盖章）")],
    )


def entry_html(entry: Mapping[str, Any], snapshots: Sequence[Mapping[str, Any]] = ()) -> str:
    """The same fields as HTML for a detail browser (资源目录)."""

    def grid(fields: list[Field]) -> str:
        return "".join(
            f"<tr><td style='color:#555;padding:2px 10px 2px 0;white-space:nowrap'>"
            f"{escape(f.label)}</td><td style='padding:2px 0'>{escape(f.value)}</td></tr>"
            for f in fields
        )

    def table(header: Sequence[str], rows: list[list[str]]) -> str:
        head = "".join(f"<th align='left'>{escape(h)}</th>" for h in header)
        body = "".join(
            "<tr>" + "".join(f"<td>{escape(c)}</td>" for c in row) + "</tr>" for row in rows
        )
        return f"<table cellspacing='0' cellpadding='3' border='1'><tr>{head}</tr>{body}</table>"

    return (
        f"<h3>{escape(str(entry.get('name') or ''))}</h3>"
        f"<table cellspacing='0'>{grid(basic_fields(entry) + share_fields(entry))}</table>"
        f"<h4>{escape(tr('信息项'))}</h4>"
        + table([tr(str(h)) for h in ITEM_HEADER[:6]], [r[:6] for r in item_rows(entry)])
        + f"<h4>{escape(tr('状态记录'))}</h4>"
        + table([tr("时间"), tr("事项"), tr("办理人"), tr("说明")], history_rows(entry, snapshots))
    )
