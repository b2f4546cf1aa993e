"""What the security admin's pages show, without widgets (三员分立, 第二十六条, 第二十八条,
第三十三条): the filters and columns of the user and department lists, the detail texts, the
state of an account, which actions the desk offers on an account, and the password rules shown
live beside a new password.

Which account changes the security admin may make is a rule of the core
(govshare_core.separation): never its own roles, never a security_admin or audit_admin account
(those are created and changed only with the server's CLI). The platform enforces the same rule;
here it only decides what is offered. Sentences go through Qt's translation (context
"SecurityPages").
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP

from govshare_core import separation
from govshare_core.creditcode import CHARSET, CREDIT_CODE_ERRORS, validate_credit_code
from govshare_core.passwords import PasswordPolicy, password_problems
from govshare_core.vocab import Role
from govshare_desktop.common.paged_model import Column
from govshare_desktop.common.tables import Capped, Fit, Plan, Stretch
from govshare_desktop.i18n import english, label, message, module_tr, time_text

CONTEXT = "SecurityPages"


def tr(text: str) -> str:
    return module_tr(CONTEXT, text)


# --- accounts ----------------------------------------------------------------------------------

STATES: dict[str, Any] = {
    "active": QT_TRANSLATE_NOOP("SecurityPages", "正常"),
    "disabled": QT_TRANSLATE_NOOP("SecurityPages", "已停用"),
    "locked": QT_TRANSLATE_NOOP("SecurityPages", "已锁定"),
    "must_change": QT_TRANSLATE_NOOP("SecurityPages", "待改密"),
}


def _moment(value: Any) -> datetime | None:
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def is_locked(row: Mapping[str, Any], now: datetime | None = None) -> bool:
    until = _moment(row.get("locked_until"))
    return until is not None and until > (now or datetime.now(UTC))


def account_state(row: Mapping[str, Any], now: datetime | None = None) -> str:
    """disabled, locked, must_change (a temporary password not yet changed) or active."""
    if not row.get("active", True):
        return "disabled"
    if is_locked(row, now):
        return "locked"
    if row.get("must_change_password"):
        return "must_change"
    return "active"


def state_text(row: Mapping[str, Any]) -> str:
    return tr(STATES[account_state(row)])


def state_choices() -> list[tuple[str, dict[str, Any]]]:
    """(title, query) of the state filter. 已锁定 also filters the rows loaded (`locked`)."""
    return [
        (tr("全部状态"), {}),
        (tr("正常"), {"active": True}),
        (tr("已停用"), {"active": False}),
        (tr("已锁定"), {"active": True, "locked": True}),
    ]


def role_choices() -> list[tuple[str, str | None]]:
    return [(tr("全部角色"), None)] + [(label(r), r.value) for r in Role]


def roles_text(roles: Iterable[Any]) -> str:
    out = []
    for code in roles:
        try:
            out.append(label(Role(str(code))))
        except ValueError:
            out.append(str(code))
    return "、".join(out) if not english() else ", ".join(out)


def _roles(codes: Iterable[Any]) -> list[Role]:
    out = []
    for code in codes:
        try:
            out.append(Role(str(code)))
        except ValueError:
            continue
    return out


def is_cli_managed(row: Mapping[str, Any]) -> bool:
    """A security_admin or audit_admin account: changed only with the server's CLI."""
    return bool(set(_roles(row.get("roles") or [])) & separation.PRIVILEGED_ROLES)


def refusal(row: Mapping[str, Any], *, me: int, my_roles: Iterable[str]) -> str:
    """Why the desk offers no change of this account (separation.user_admin_refusal), or ""."""
    found = separation.user_admin_refusal(
        me,
        _roles(my_roles),
        target_id=int(row.get("id") or 0),
        target_roles=_roles(row.get("roles") or []),
    )
    if found is None:
        return ""
    return found.label_en if english() else found.label_zh


def grantable_roles(my_roles: Iterable[str]) -> list[Role]:
    """The roles the desk may give (security_admin and audit_admin are the CLI's)."""
    return separation.grantable_roles(_roles(my_roles))


def role_messages(roles: Iterable[str]) -> list[str]:
    """Why one user cannot hold these roles together (separation.role_problems)."""
    return [message(p) for p in separation.role_problems(_roles(roles))]


USER_ACTIONS: dict[str, Any] = {
    "edit": QT_TRANSLATE_NOOP("SecurityPages", "修改…"),
    "disable": QT_TRANSLATE_NOOP("SecurityPages", "停用"),
    "enable": QT_TRANSLATE_NOOP("SecurityPages", "启用"),
    "unlock": QT_TRANSLATE_NOOP("SecurityPages", "解锁"),
    "reset": QT_TRANSLATE_NOOP("SecurityPages", "重置密码…"),
}
"""Button texts, in the order the buttons stand."""


def user_actions(row: Mapping[str, Any], *, me: int, my_roles: Iterable[str]) -> list[str]:
    """What the desk offers on an account: nothing that the core's separation rule refuses
    (its own account, a security_admin or audit_admin account)."""
    if refusal(row, me=me, my_roles=my_roles):
        return []
    out = ["edit", "disable" if row.get("active", True) else "enable"]
    if is_locked(row):
        out.append("unlock")
    if row.get("active", True):
        out.append("reset")
    return out


CONFIRMS: dict[str, Any] = {
    "disable": QT_TRANSLATE_NOOP(
        "SecurityPages", "停用“%1”？停用后该用户不能登录，已登录的会话立即结束；可随时重新启用。"
    ),
    "enable": QT_TRANSLATE_NOOP("SecurityPages", "启用“%1”？启用后该用户可以重新登录。"),
    "unlock": QT_TRANSLATE_NOOP(
        "SecurityPages", "解锁“%1”？解除因多次输错密码造成的临时锁定，该用户可以立即登录。"
    ),
    "withdraw": QT_TRANSLATE_NOOP(
        "SecurityPages",
        "撤销“%1”的资源管理员备案？撤销后该部门在重新备案前不能审核共享申请（第二十八条）。",
    ),
}


def confirm_text(action: str, name: str) -> str:
    return tr(str(CONFIRMS[action])).replace("%1", name)


def action_text(action: str) -> str:
    return tr(str(USER_ACTIONS.get(action) or action)).rstrip("…")


def user_name(row: Mapping[str, Any]) -> str:
    """ "张伟（ga_registrar）"."""
    return f"{row.get('full_name') or ''}（{row.get('username') or ''}）"


def done_text(action: str, row: Mapping[str, Any]) -> str:
    return (
        tr("已办理：%1（%2），账号状态：%3。")
        .replace("%1", user_name(row))
        .replace("%2", action_text(action))
        .replace("%3", state_text(row))
    )


def user_columns(departments: Mapping[int, str]) -> list[Column]:
    """用户名, 姓名, 部门, 角色, 状态."""
    return [
        Column("username", tr("用户名")),
        Column("full_name", tr("姓名")),
        Column(
            "department_id",
            tr("部门"),
            lambda r: departments.get(int(r.get("department_id") or 0), ""),
            tooltip=lambda r: departments.get(int(r.get("department_id") or 0), ""),
        ),
        Column(
            "roles",
            tr("角色"),
            lambda r: roles_text(r.get("roles") or []),
            tooltip=lambda r: roles_text(r.get("roles") or []),
        ),
        Column("active", tr("状态"), state_text),
    ]


def user_plans() -> list[Plan]:
    return [
        Fit(["wj_catalog_reviewer"]),
        Fit(["欧阳秀英"]),
        Capped(220),
        Stretch(),
        Fit([tr(str(t)) for t in STATES.values()]),
    ]


def _p(title: str, value: Any) -> str:
    text = html.escape(str(value)).replace("\n", "<br>") if value not in (None, "") else "—"
    return f"<p><b>{html.escape(title)}</b>：{text}</p>"


def cli_note() -> str:
    return tr(
        "安全管理员和审计管理员账号只能由运维人员在平台服务器上用命令行工具"
        "（govshare-platform create-user / set-roles）创建和修改，此处只读（三员分立）。"
    )


def user_detail(
    row: Mapping[str, Any], *, department: str, me: int, my_roles: Iterable[str]
) -> str:
    parts = [
        f"<h3>{html.escape(user_name(row))}</h3>",
        _p(tr("部门"), department),
        _p(tr("角色"), roles_text(row.get("roles") or [])),
        _p(tr("账号状态"), state_text(row)),
    ]
    if is_locked(row):
        parts.append(_p(tr("锁定至"), time_text(row.get("locked_until"))))
    parts += [
        _p(tr("须在下次登录时修改密码"), tr("是") if row.get("must_change_password") else tr("否")),
        _p(tr("密码修改时间"), time_text(row.get("password_changed_at"))),
        _p(tr("创建时间"), time_text(row.get("created_at"))),
    ]
    notes = [refusal(row, me=me, my_roles=my_roles)]
    if is_cli_managed(row):  # also on the admin's own account: the CLI changes it
        notes = [n for n in notes if "CLI" not in n and "命令行" not in n] + [cli_note()]
    for note in notes:
        if note:
            parts.append(f'<p style="color:#7a4f01">{html.escape(note)}</p>')
    return "".join(parts)


# --- passwords ---------------------------------------------------------------------------------


def policy_of(row: Mapping[str, Any] | None) -> PasswordPolicy:
    """The platform's password policy (GET /security/password-policy); the defaults without."""
    if not row:
        return PasswordPolicy()
    return PasswordPolicy(
        min_length=int(row["min_length"]),
        min_classes=int(row["min_classes"]),
        max_age_days=int(row["max_age_days"]),
    )


def password_messages(
    password: str, *, username: str | None, policy: PasswordPolicy, field: str = "password"
) -> list[str]:
    """Why the platform would refuse `password` (govshare_core.passwords), in the UI language."""
    if not password:
        return [tr("请输入密码。")]
    return [
        message(p)
        for p in password_problems(password, username=username, policy=policy, field=field)
    ]


def policy_rule_text(policy: PasswordPolicy) -> str:
    """ "至少 12 个字符，包含小写字母、大写字母、数字、符号中的至少 3 类，不含用户名"."""
    return (
        tr(
            "密码要求：至少 %1 个字符，包含小写字母、大写字母、数字、符号中的至少 %2 类；"
            "首尾不能有空格，同一字符不能连续出现超过 3 次，不能包含用户名。"
        )
        .replace("%1", str(policy.min_length))
        .replace("%2", str(policy.min_classes))
    )


# --- departments -------------------------------------------------------------------------------


def credit_code_message(code: str) -> str:
    """Why `code` is no 统一社会信用代码 (govshare_core.creditcode), or ""."""
    bad = any(c not in CHARSET for c in code)  # said first: also of a code not yet complete
    error = "charset" if bad else validate_credit_code(code)
    if error is None:
        return ""
    zh, en = CREDIT_CODE_ERRORS[error]
    return en if english() else zh


def department_columns() -> list[Column]:
    return [
        Column("name", tr("部门名称"), tooltip=lambda r: str(r.get("name") or "")),
        Column("short_name", tr("简称")),
        Column("credit_code", tr("统一社会信用代码")),
        Column("is_platform", tr("类型"), department_kind),
    ]


def department_kind(row: Mapping[str, Any]) -> str:
    return tr("共享平台") if row.get("is_platform") else tr("政务部门")


def department_plans() -> list[Plan]:
    return [Stretch(), Fit(["市生态环境局"]), Fit(["11320600014160186X"]), Fit([tr("共享平台")])]


def department_detail(row: Mapping[str, Any]) -> str:
    return "".join(
        [
            f"<h3>{html.escape(str(row.get('name') or ''))}</h3>",
            _p(tr("简称"), row.get("short_name")),
            _p(tr("统一社会信用代码"), row.get("credit_code")),
            _p(tr("类型"), department_kind(row)),
        ]
    )


# --- 备案 filings (第二十八条) ------------------------------------------------------------------


def active_filing(filings: Iterable[Mapping[str, Any]]) -> Mapping[str, Any] | None:
    return next((f for f in filings if f.get("active")), None)


def filing_detail(
    department: Mapping[str, Any],
    filings: Sequence[Mapping[str, Any]],
    names: Mapping[int, str],
) -> str:
    """The department's filings, newest first, the one in force marked."""
    head = [
        f"<h3>{html.escape(str(department.get('name') or ''))}</h3>",
        f"<p>{html.escape(filing_rule())}</p>",
    ]
    current = active_filing(filings)
    if current is None:
        head.append(
            f'<p style="color:#a50e0e"><b>{html.escape(tr("尚未备案资源管理员。"))}</b></p>'
        )
    if not filings:
        return "".join(head)
    rows = [f"<p><b>{html.escape(tr('备案记录（新的在前）'))}</b></p><ul>"]
    for filing in filings:
        user = names.get(int(filing.get("user_id") or 0), f"#{filing.get('user_id')}")
        state = tr("在用") if filing.get("active") else tr("已撤销")
        style = " style='font-weight:bold; color:#0d652d'" if filing.get("active") else ""
        line = (
            tr("【%1】%2，联系电话 %3，备案时间 %4")
            .replace("%1", state)
            .replace("%2", str(user))
            .replace("%3", str(filing.get("phone") or ""))
            .replace("%4", time_text(filing.get("filed_at")))
        )
        if filing.get("note"):
            line += tr("；备注：%1").replace("%1", str(filing["note"]))
        rows.append(f"<li{style}>{html.escape(line)}</li>")
    rows.append("</ul>")
    return "".join(head + rows)


def filing_rule() -> str:
    return tr(
        "第二十八条：各部门应当指定资源管理员并向共享平台备案；"
        "未备案资源管理员的部门不能办理共享申请。"
    )
