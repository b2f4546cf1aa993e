"""Errors of the platform API as the client sees them, with translated messages.

The platform answers problem+json with a stable `code`; the client maps each code to a
translated sentence (falling back to the server's own detail), and keeps field errors so forms
can show them next to the field.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from govshare_core.agreements import SigningRefusal
from govshare_desktop import i18n

# Codes → Chinese source text (translated through Qt Linguist like all UI text).
_MESSAGES: dict[str, object] = {
    "network_unreachable": QT_TRANSLATE_NOOP(
        "ApiError", "无法连接共享平台，请检查网络。操作已保存，将在恢复连接后继续。"
    ),
    "timeout": QT_TRANSLATE_NOOP("ApiError", "共享平台响应超时，请稍后重试。"),
    "server_unavailable": QT_TRANSLATE_NOOP("ApiError", "共享平台暂时不可用，请稍后重试。"),
    "invalid_credentials": QT_TRANSLATE_NOOP("ApiError", "用户名或密码错误。"),
    "account_locked": QT_TRANSLATE_NOOP(
        "ApiError", "登录失败次数过多，账号已临时锁定，请稍后再试。"
    ),
    "account_disabled": QT_TRANSLATE_NOOP("ApiError", "账号已停用，请联系安全管理员。"),
    "too_many_attempts": QT_TRANSLATE_NOOP("ApiError", "本机登录尝试过于频繁，请稍后再试。"),
    "password_change_required": QT_TRANSLATE_NOOP(
        "ApiError", "请先修改密码（密码已被重置或已过期）。"
    ),
    "not_authenticated": QT_TRANSLATE_NOOP("ApiError", "请先登录。"),
    "invalid_token": QT_TRANSLATE_NOOP("ApiError", "登录状态已失效，请重新登录。"),
    "token_expired": QT_TRANSLATE_NOOP("ApiError", "登录已过期，请重新登录。"),
    "session_idle": QT_TRANSLATE_NOOP("ApiError", "长时间未操作，已自动退出，请重新登录。"),
    "forbidden": QT_TRANSLATE_NOOP("ApiError", "您的角色或部门无权执行此操作。"),
    "own_submission": QT_TRANSLATE_NOOP("ApiError", "审核员不能审核本人提交的目录。"),
    "not_found": QT_TRANSLATE_NOOP("ApiError", "对象不存在或您无权查看。"),
    "illegal_transition": QT_TRANSLATE_NOOP("ApiError", "当前状态下不能执行此操作，请刷新后重试。"),
    "version_conflict": QT_TRANSLATE_NOOP("ApiError", "该对象已被他人修改。"),
    "if_match_required": QT_TRANSLATE_NOOP("ApiError", "缺少版本信息，请刷新后重试。"),
    "validation_failed": QT_TRANSLATE_NOOP("ApiError", "填写内容不符合要求，请按提示修改。"),
    "key_element_change_requires_report": QT_TRANSLATE_NOOP(
        "ApiError", "已发布目录的关键要素须通过变更报告修改（第十七条）。"
    ),
    "idempotency_key_reused": QT_TRANSLATE_NOOP("ApiError", "重复提交的内容与首次不一致。"),
    "unexpected_response": QT_TRANSLATE_NOOP(
        "ApiError", "共享平台的答复格式与本客户端不一致，请联系管理员核对版本。"
    ),
    "internal_error": QT_TRANSLATE_NOOP("ApiError", "共享平台内部错误，已记录，请联系管理员。"),
    "local_file_missing": QT_TRANSLATE_NOOP(
        "ApiError", "待上传的本地文件已不存在，请重新签署后再提交。"
    ),
    "ca_not_configured": QT_TRANSLATE_NOOP(
        "ApiError", "共享平台尚未配置证书认证机构，暂时不能签发证书或签署协议，请联系平台管理员。"
    ),
    "certificate_already_revoked": QT_TRANSLATE_NOOP("ApiError", "该证书已被吊销。"),
    # confirming a year's working-day schedule (PUT /workdays/years/{year}/confirmation)
    "official_schedule": QT_TRANSLATE_NOOP(
        "ApiError", "该年已有国务院公布的官方放假安排，无需确认。"
    ),
    "year_out_of_range": QT_TRANSLATE_NOOP(
        "ApiError", "只能确认上一年、本年和下一年的工作日安排，更远的年份尚无放假通知。"
    ),
    "no_overrides": QT_TRANSLATE_NOOP(
        "ApiError",
        "该年尚未录入任何调整：请先把放假通知中的放假日和调休上班日录入为调整，再确认。",
    ),
}


@dataclass
class ApiError(Exception):
    """A failed call: HTTP status (0 when the platform was not reached) and the problem code."""

    status: int
    code: str
    detail: str = ""
    errors: list[dict[str, Any]] = field(default_factory=list)
    body: dict[str, Any] = field(default_factory=dict)

    def __str__(self) -> str:
        return f"{self.status} {self.code}: {self.detail}"

    @property
    def is_network(self) -> bool:
        """True when the platform could not be reached (the action may be queued offline)."""
        return self.status == 0 or self.status in (502, 503, 504)

    @property
    def needs_login(self) -> bool:
        return self.status == 401

    def message(self) -> str:
        """The translated sentence to show the user."""
        if self.code in SigningRefusal._value2member_map_:  # an agreement upload refused (第三十条)
            return i18n.label(SigningRefusal(self.code))
        text = _MESSAGES.get(self.code)
        return (
            QCoreApplication.translate("ApiError", str(text))
            if text
            else (self.detail or QCoreApplication.translate("ApiError", "操作失败。"))
        )

    def field_messages(self, language: str = "zh") -> dict[str, str]:
        """Field path → message in the UI language, for inline form errors."""
        key = "message_en" if language.startswith("en") else "message_zh"
        return {e.get("field", ""): str(e.get(key) or e.get("message_zh", "")) for e in self.errors}


def network_error(code: str = "network_unreachable", detail: str = "") -> ApiError:
    return ApiError(0, code, detail)
