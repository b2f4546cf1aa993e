"""What the exchange pages say about a transfer's end: sizes, and the errors of an upload, a
download or a query in the user's language (context "ExchangeMessages")."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from govshare_core.exchange import MAX_QUERY_KEYS, DeliveryProblem
from govshare_desktop import i18n
from govshare_desktop.api.errors import ApiError
from govshare_desktop.exchange.transfer import TransferCancelled, TransferIncomplete

_CODES: dict[str, object] = {
    "delivery_rejected": QT_TRANSLATE_NOOP(
        "ExchangeMessages", "文件未通过检查，平台未保存任何内容。问题见下方报告。"
    ),
    "too_many_keys": QT_TRANSLATE_NOOP("ExchangeMessages", "一次查询的关键字过多。"),
    "item_not_granted": QT_TRANSLATE_NOOP(
        "ExchangeMessages", "请求的信息项未获授权，平台已拒绝并记录（第二十九条）。"
    ),
    "no_active_grant": QT_TRANSLATE_NOOP(
        "ExchangeMessages", "本部门对该目录没有有效授权（可能已到期或被撤销）。"
    ),
    "no_delivery": QT_TRANSLATE_NOOP("ExchangeMessages", "提供部门尚未交付该目录的数据。"),
    "too_large": QT_TRANSLATE_NOOP("ExchangeMessages", "文件超过平台允许的大小上限。"),
}

_INCOMPLETE = QT_TRANSLATE_NOOP(
    "ExchangeMessages",
    "传输未完成（连接中断、授权被撤销或文件不完整），未保存任何文件。可点击“重试”重新开始。",
)


def error_text(exc: BaseException) -> str:
    """The sentence to show for a failed transfer or query."""
    if isinstance(exc, TransferCancelled):
        return QCoreApplication.translate("ExchangeMessages", "已取消，未保存任何内容。")
    if isinstance(exc, TransferIncomplete):
        return QCoreApplication.translate("ExchangeMessages", str(_INCOMPLETE))
    if isinstance(exc, ApiError):
        text = _CODES.get(exc.code)
        if text:
            return QCoreApplication.translate("ExchangeMessages", str(text))
        if exc.code in DeliveryProblem._value2member_map_:
            return i18n.label(DeliveryProblem(exc.code))
        return exc.message()
    if isinstance(exc, OSError):
        return QCoreApplication.translate("ExchangeMessages", "无法读写本地文件：%1").replace(
            "%1", str(exc)
        )
    return QCoreApplication.translate("ExchangeMessages", "操作失败：%1").replace("%1", str(exc))


def too_many_keys_text(count: int) -> str:
    return (
        QCoreApplication.translate(
            "ExchangeMessages", "共 %1 个关键字，将分 %2 批查询（每批最多 %3 个）。"
        )
        .replace("%1", str(count))
        .replace("%2", str(-(-count // MAX_QUERY_KEYS)))
        .replace("%3", str(MAX_QUERY_KEYS))
    )


def size_text(size: int | None) -> str:
    """1,234 B → "1.2 KB"; None → ""."""
    if size is None:
        return ""
    value = float(size)
    for unit in ("B", "KB", "MB", "GB"):
        if value < 1024 or unit == "GB":
            return f"{value:.0f} {unit}" if unit == "B" else f"{value:.1f} {unit}"
        value /= 1024
    return ""
