"""Display labels the features share that are not vocab enums (those: `i18n.label`)."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

# The format types of govshare_core.vocab.FORMAT_TYPES that are words, not file-type codes: the
# stored value stays Chinese, the UI shows it in its language (context "FormatType").
_FORMAT_TYPE_WORDS = (
    QT_TRANSLATE_NOOP("FormatType", "达梦Dm"),
    QT_TRANSLATE_NOOP("FormatType", "其他"),
)


def format_type_label(value: str) -> str:
    """A format type (信息资源格式类型) as shown: file-type codes as they are, the words of
    the national guide ("达梦Dm", "其他") in the UI language."""
    if value in _FORMAT_TYPE_WORDS:
        return QCoreApplication.translate("FormatType", value)
    return value
