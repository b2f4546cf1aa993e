"""The audit trail's codes as the audit admin reads them: actions, object types and outcomes.

One table per kind, here only; every text goes through QCoreApplication.translate (context
"AuditLabels"), so the English comes from the .ts file. An action the table does not know is
named by its family and verb (`catalog_entry_publish` → 目录条目：发布) or shown as its code;
the trail page's action filter offers the table's actions and takes any other code typed in.
"""

from __future__ import annotations

from govshare_desktop.i18n import module_tr


def tr(text: str) -> str:
    return module_tr("AuditLabels", text)


def _actions() -> dict[str, str]:
    return {
        # sign-in and sessions
        "login": tr("登录"),
        "login_failed": tr("登录失败"),
        "logout": tr("退出登录"),
        "password_change": tr("修改密码"),
        "password_changed": tr("修改密码"),
        "permission_denied": tr("越权访问被拒绝"),
        # the security admin (用户、角色、部门、备案)
        "user_create": tr("创建用户"),
        "user_update": tr("修改用户"),
        "user_unlock": tr("解锁用户"),
        "user_password_reset": tr("重置用户密码"),
        "password_policy_update": tr("修改密码策略"),
        "department_create": tr("创建部门"),
        "department_update": tr("修改部门"),
        "resource_admin_filed": tr("资源管理员备案"),
        "resource_admin_withdrawn": tr("撤销资源管理员备案"),
        # the audit admin (三员分立)
        "audit_read": tr("查阅审计日志"),
        "audit_export": tr("导出审计日志"),
        "audit_verify": tr("校验审计链"),
        "audit_checkpoint": tr("创建审计检查点"),
        "audit_purge": tr("清理已归档审计日志"),
        # the platform admin
        "policy_update": tr("修改平台策略"),
        "workday_override_set": tr("设置工作日调整"),
        "workday_override_delete": tr("删除工作日调整"),
        "workday_year_confirm": tr("确认工作日安排"),
        "workday_year_unconfirm": tr("撤销工作日安排确认"),
        "agreement_template_add": tr("添加协议模板"),
        # catalog, requests, grants, agreements
        "catalog_entry_create": tr("新建目录条目"),
        "catalog_entry_update": tr("修改目录条目"),
        "catalog_entry_delete": tr("删除目录条目"),
        "catalog_attachment_add": tr("添加目录附件"),
        "catalog_attachment_delete": tr("删除目录附件"),
        "share_catalog_search": tr("检索共享目录"),
        "change_report_create": tr("提交变更报告"),
        "change_report_apply": tr("采纳变更报告"),
        "change_report_reject": tr("驳回变更报告"),
        "request_create": tr("新建共享申请"),
        "request_update": tr("修改共享申请"),
        "request_expired": tr("共享申请超期"),
        "request_escalated": tr("共享申请超期上报"),
        "requests_escalate_run": tr("超期申请检查"),
        "grant_revoke": tr("撤销授权"),
        "grant_expired": tr("授权到期"),
        "grants_expire_run": tr("授权到期检查"),
        "agreement_sign": tr("签署协议"),
        "agreement_decline": tr("拒签协议"),
        "agreement_signature_refused": tr("协议签名被拒"),
        "certificate_issue": tr("签发证书"),
        "certificate_revoke": tr("吊销证书"),
        # exchange, usage, assessment, rectification
        "exchange_log_export": tr("导出访问日志"),
        "exchange_log_purge": tr("清理访问日志"),
        "usage_inquiry_create": tr("发起使用情况询问"),
        "discrepancy_report": tr("提出数据异议"),
        "assessment_round_open": tr("开启考核"),
        "assessment_round_recompute": tr("重新计算考核"),
        "assessment_round_publish": tr("发布考核结果"),
        "assessment_result_adjust": tr("调整考核结果"),
        "rectification_issue": tr("下发整改通知"),
        # the server itself
        "maintenance_run": tr("定时维护"),
        "conformance_checked": tr("一致性检查"),
        "backup": tr("备份"),
        "restore": tr("恢复"),
    }


def _families() -> dict[str, str]:
    """Action prefixes of the workflow steps (`<family>_<verb>`), longest first."""
    return {
        "catalog_entry_": tr("目录条目"),
        "change_report_": tr("变更报告"),
        "usage_inquiry_": tr("使用情况询问"),
        "discrepancy_": tr("数据异议"),
        "rectification_": tr("整改通知"),
        "request_": tr("共享申请"),
        "agreement_": tr("协议"),
    }


def _verbs() -> dict[str, str]:
    return {
        "submit": tr("提交"),
        "recall": tr("撤回"),
        "withdraw": tr("撤回"),
        "dept_approve": tr("部门审核通过"),
        "dept_return": tr("部门退回"),
        "publish": tr("发布"),
        "platform_return": tr("平台退回"),
        "provider_decision": tr("提供方决定"),
        "platform_decision": tr("平台决定"),
        "dispute": tr("提出争议"),
        "mediate": tr("协调"),
        "revoke": tr("撤销"),
        "answer": tr("答复"),
        "accept": tr("接受"),
        "return": tr("退回"),
        "arbitrate": tr("裁决"),
        "correct": tr("更正"),
        "explain": tr("说明"),
        "evidence": tr("上传证明材料"),
        "create": tr("新建"),
        "update": tr("修改"),
        "issue": tr("下发"),
        "close": tr("关闭"),
    }


def action_choices() -> list[tuple[str, str]]:
    """(code, label) of the actions the filter offers, in the table's order."""
    return list(_actions().items())


def action_label(code: str | None) -> str:
    """The action's Chinese (or English) name; the code itself when it is unknown."""
    if not code:
        return ""
    known = _actions().get(code)
    if known:
        return known
    for prefix, family in _families().items():
        if code.startswith(prefix):
            verb = _verbs().get(code[len(prefix) :].replace("-", "_"))
            if verb:
                return f"{family}：{verb}"
    return code


def _object_types() -> dict[str, str]:
    return {
        "user": tr("用户"),
        "department": tr("部门"),
        "resource_admin_filing": tr("资源管理员备案"),
        "catalog_entry": tr("目录条目"),
        "change_report": tr("变更报告"),
        "share_request": tr("共享申请"),
        "grant": tr("授权"),
        "agreement": tr("协议"),
        "agreement_template": tr("协议模板"),
        "signer_certificate": tr("签名证书"),
        "usage_inquiry": tr("使用情况询问"),
        "discrepancy": tr("数据异议"),
        "assessment_round": tr("考核"),
        "rectification": tr("整改通知"),
        "policy": tr("平台策略"),
        "password_policy": tr("密码策略"),
        "workday": tr("工作日"),
        "workday_year": tr("工作日年度"),
        "audit": tr("审计日志"),
    }


def object_type_choices() -> list[tuple[str, str]]:
    return list(_object_types().items())


def object_type_label(code: str | None) -> str:
    if not code:
        return ""
    return _object_types().get(code, code)


def _outcomes() -> dict[str, str]:
    return {
        "ok": tr("成功"),
        "denied": tr("拒绝"),
        "failed": tr("失败"),
        "refused": tr("拒绝"),
        "aborted": tr("中断"),
    }


def outcome_choices() -> list[tuple[str, str]]:
    """The outcomes the filter offers (refused/aborted only occur in the exchange log)."""
    return [(code, label) for code, label in _outcomes().items() if code in ("ok", "denied")]


def outcome_label(code: str | None) -> str:
    if not code:
        return ""
    return _outcomes().get(code, code)


def _reasons() -> dict[str, str]:
    """The platform's reasons of a failed check (govshare_platform.audit: service, anchor)."""
    return {
        "missing event (sequence gap)": tr("缺少事件（序号不连续）"),
        "previous-hash link broken": tr("与前一事件的哈希链接断开"),
        "event content altered": tr("事件内容被改动"),
        "the chain's head row was deleted": tr("链头记录被删除"),
        "events after the last one were deleted": tr("最后的若干事件被删除"),
        "checkpoint signed with another key": tr("检查点由其他密钥签署"),
        "checkpoint signature invalid": tr("检查点签名无效"),
        "the head is behind the checkpoint: events were deleted": tr(
            "链头早于检查点：有事件被删除"
        ),
        "the checkpointed event lies in a purged range without a later checkpoint": tr(
            "检查点所指事件已被清理，且之后没有新的检查点"
        ),
        "the chain's base does not match the checkpoint": tr("链的起点与检查点不符"),
        "the checkpointed event is missing": tr("检查点所指事件缺失"),
        "the checkpointed event's hash differs: the trail was rewritten": tr(
            "检查点所指事件的哈希不同：审计日志被重写"
        ),
    }


def reason_label(reason: str | None) -> str:
    """A failed check's reason in the UI language (the platform's text when unknown)."""
    if not reason:
        return ""
    return _reasons().get(reason, reason)
