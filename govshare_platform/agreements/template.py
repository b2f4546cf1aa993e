"""The agreement template (协议模板, 第三十条): its placeholders, the built-in text, filling it in.

A template body is plain text, paragraphs separated by blank lines, with `{name}` fields taken
from `PLACEHOLDERS`. A new version naming any other field is refused before it is stored, so
rendering never meets an unknown one.
"""

from __future__ import annotations

import string
from dataclasses import dataclass
from typing import Final

PLACEHOLDERS: Final = {
    "consumer_name": "信息使用部门名称",
    "consumer_credit_code": "信息使用部门统一社会信用代码",
    "provider_name": "信息提供部门名称",
    "provider_credit_code": "信息提供部门统一社会信用代码",
    "platform_name": "信息化主管部门名称",
    "platform_credit_code": "信息化主管部门统一社会信用代码",
    "entry_name": "信息资源名称",
    "resource_code": "信息资源代码",
    "data_items": "共享的数据项",
    "business": "应用业务",
    "users": "使用对象",
    "share_mode": "共享模式",
    "end_date": "截止时间",
}
"""Field name → what it stands for (the docs list them for template editors)."""

BUILTIN_TITLE: Final = "政务信息资源共享数据保密协议"
BUILTIN_NOTE: Final = (
    "内置版本（依据《政务信息资源共享管理暂行办法》第二十九条、第三十条、第三十三条、第三十六条）"
)
BUILTIN_BODY: Final = """\
为落实《政务信息资源共享管理暂行办法》第三十条关于使用有条件共享类政务信息资源应当签署三方数据\
保密协议的规定，信息使用部门{consumer_name}（以下简称甲方）、信息提供部门{provider_name}（以下简称\
乙方）与信息化主管部门{platform_name}（以下简称丙方）就“{entry_name}”（{resource_code}）中\
{data_items}的共享使用订立本协议。

第一条 使用范围。甲方获取的共享信息只能用于“{business}”履行职责需要，使用对象限于{users}，\
共享模式为{share_mode}，使用期限至{end_date}止，不得用于其他目的（第二十九条）。

第二条 保密义务。甲方不得对共享信息滥用、非授权使用、未经许可扩散或者泄露，不得向第三方提供，\
并对上述行为承担责任（第二十九条）。甲方应当在本部门内建立相应的信息安全管理措施。

第三条 访问控制与审计。丙方通过共享平台实施身份认证、存取访问控制和信息审计跟踪，对数据进行授权\
管理，设立访问和存储权限，防止越权存取数据；甲方的每次查询、下载均记入交换日志（第三十三条）。

第四条 提供方责任。乙方应当按照目录提供真实、完整、及时更新的共享信息，发现数据有误的应当及时\
校核纠正。

第五条 监督与纠正。对获得的共享信息管理不善，造成信息滥用、扩散和泄露的，由丙方督促有关部门\
予以纠正；情节严重的，提请有关部门对负有直接责任的主管人员和其他责任人员依法依规给予处分\
（第三十六条）。

第六条 协议的效力。本协议经三方依次以电子签名签署后生效，共享授权于第三方签署完成时开通，至\
{end_date}或授权被撤销时终止；本协议终止后，保密义务继续有效。

第七条 本协议以电子文档形式签署，各方的可靠电子签名与手写签名或者盖章具有同等的法律效力。"""


@dataclass(frozen=True)
class TemplateText:
    """The text of one template version."""

    version: int
    title: str
    body: str


BUILTIN: Final = TemplateText(1, BUILTIN_TITLE, BUILTIN_BODY)


def unknown_placeholders(text: str) -> list[str]:
    """The `{fields}` of `text` that are not in `PLACEHOLDERS` (a malformed brace counts too)."""
    found: list[str] = []
    try:
        parsed = list(string.Formatter().parse(text))
    except ValueError as exc:  # an unmatched brace
        return [str(exc)]
    for _, name, spec, conversion in parsed:
        if name is None:
            continue
        if name not in PLACEHOLDERS or spec or conversion:
            found.append(name or "{}")
    return sorted(set(found))


def fill(text: str, values: dict[str, str]) -> str:
    """`text` with its placeholders replaced (validated templates only)."""
    return text.format_map({name: values.get(name, "") for name in PLACEHOLDERS})


def paragraphs(text: str) -> list[str]:
    """The paragraphs of a filled body (blank lines separate them)."""
    return [p.strip() for p in text.split("\n\n") if p.strip()]
