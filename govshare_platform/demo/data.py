"""Demo data for 南通市 (Nantong, Jiangsu): departments, accounts, catalog resources, generators.

Everything here is plain data and pure functions: `seed.py` feeds it through the platform's API,
`benchmarks/load_catalog.py` bulk-loads the synthetic generator's output. The generator is
seeded, so the same arguments always give the same entries.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Final

from govshare_core.creditcode import make_credit_code
from govshare_core.schemas import CatalogEntryIn, DataItem
from govshare_core.vocab import (
    DataType,
    FormatClass,
    ResourceClass,
    Role,
    ShareMode,
    ShareType,
    UpdateCycle,
)

DEMO_PASSWORD: Final = "GovShare@Demo2015"
"""Password of every demo account (printed by `govshare-platform seed-demo --print-accounts`)."""

GOV_PREFIX: Final = "11320600"
"""登记管理部门码 1 (机构编制) + 机构类别码 1 (机关) + 行政区划码 320600 (南通市)."""


# --- departments ---------------------------------------------------------------------------


@dataclass(frozen=True)
class DemoDepartment:
    key: str
    name: str
    short_name: str
    org_code: str  # 9-character 主体标识码 (组织机构代码)
    duty: str  # what it does, for generated summaries
    is_platform: bool = False

    @property
    def credit_code(self) -> str:
        """The department's 统一社会信用代码 with its GB 32100 check character."""
        return make_credit_code(GOV_PREFIX + self.org_code)


DEPARTMENTS: Final = (
    DemoDepartment("dsj", "南通市大数据管理局", "市大数据局", "MB1946073", "政务数据统筹", True),
    DemoDepartment("ga", "南通市公安局", "市公安局", "014160021", "户籍管理和社会治安"),
    DemoDepartment("mz", "南通市民政局", "市民政局", "014160102", "婚姻登记和社会救助"),
    DemoDepartment("rs", "南通市人力资源和社会保障局", "市人社局", "014160233", "就业和社会保险"),
    DemoDepartment("sj", "南通市市场监督管理局", "市市场监管局", "MB1931562", "市场主体登记监管"),
    DemoDepartment(
        "zr", "南通市自然资源和规划局", "市自然资源规划局", "MB1940214", "国土空间规划和不动产登记"
    ),
    DemoDepartment("wj", "南通市卫生健康委员会", "市卫健委", "MB1928477", "医疗卫生和人口健康"),
    DemoDepartment("jy", "南通市教育局", "市教育局", "014160186", "教育管理"),
    DemoDepartment(
        "zj", "南通市住房和城乡建设局", "市住建局", "014160274", "住房保障和建筑市场监管"
    ),
    DemoDepartment("sw", "国家税务总局南通市税务局", "市税务局", "MB0Y47318", "税收征管"),
    DemoDepartment("hb", "南通市生态环境局", "市生态环境局", "MB1937651", "生态环境保护"),
    DemoDepartment("jt", "南通市交通运输局", "市交通运输局", "014160311", "交通运输管理"),
    DemoDepartment("yb", "南通市医疗保障局", "市医保局", "MB1953046", "医疗保障"),
    DemoDepartment("tj", "南通市统计局", "市统计局", "014160145", "统计调查"),
    DemoDepartment("sf", "南通市司法局", "市司法局", "014160129", "公共法律服务和社区矫正"),
    DemoDepartment("nw", "南通市农业农村局", "市农业农村局", "MB1938827", "农业农村管理"),
)
DEPARTMENT_BY_KEY: Final = {d.key: d for d in DEPARTMENTS}
PLATFORM_KEY: Final = "dsj"


# --- accounts ------------------------------------------------------------------------------


@dataclass(frozen=True)
class DemoAccount:
    username: str
    full_name: str
    dept: str  # DemoDepartment.key
    roles: tuple[Role, ...]
    description_zh: str
    phone: str | None = None  # resource administrators are filed (备案) with a phone

    def as_dict(self) -> dict[str, object]:
        """The public view printed by `seed-demo --print-accounts`."""
        return {
            "username": self.username,
            "password": DEMO_PASSWORD,
            "full_name": self.full_name,
            "department": DEPARTMENT_BY_KEY[self.dept].name,
            "roles": [r.value for r in self.roles],
            "description_zh": self.description_zh,
        }


_SURNAMES: Final = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘"
_GIVEN: Final = (
    "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛",
    "明", "超", "秀英", "霞", "平", "刚", "桂英", "建华", "志强", "海燕", "晓东", "雪梅", "国庆",
)  # fmt: skip
DEPT_ROLES: Final = (Role.REGISTRAR, Role.CATALOG_REVIEWER, Role.APPLICANT, Role.RESOURCE_ADMIN)
_ROLE_DUTIES: Final = {
    Role.REGISTRAR: "编制本部门政务信息资源目录，登记、提交目录条目，报告关键要素变更",
    Role.CATALOG_REVIEWER: "审核本部门目录条目（不审核本人提交的条目）",
    Role.APPLICANT: "检索共享目录，提出共享申请，发起争议",
    Role.RESOURCE_ADMIN: "审核本部门资源的共享申请，签署协议，撤销授权（已备案）",
    Role.PLATFORM_ADMIN: "确认发布目录，复核共享申请，协调争议，维护工作日历与政策",
    Role.SUPERVISOR: "开展考核评估，发布结果，下达和关闭整改通知",
    Role.SECURITY_ADMIN: "管理用户、角色、部门和信息资源管理员备案（三员之一）",
    Role.AUDIT_ADMIN: "查阅、导出和校验审计日志（三员之一，不兼任安全管理员）",
}


def _person(index: int) -> str:
    surname = _SURNAMES[(index * 7) % len(_SURNAMES)]
    return surname + _GIVEN[(index * 11) % len(_GIVEN)]


def _accounts() -> tuple[DemoAccount, ...]:
    found: list[DemoAccount] = []
    for role in (Role.SECURITY_ADMIN, Role.AUDIT_ADMIN, Role.PLATFORM_ADMIN, Role.SUPERVISOR):
        desc = f"{DEPARTMENT_BY_KEY[PLATFORM_KEY].short_name}{role.label_zh}：{_ROLE_DUTIES[role]}"
        found.append(DemoAccount(f"dsj_{role.value}", _person(len(found)), "dsj", (role,), desc))
    for dept in DEPARTMENTS:
        if dept.is_platform:
            continue
        for role in DEPT_ROLES:
            phone = f"0513-8{len(found):07d}" if role is Role.RESOURCE_ADMIN else None
            desc = f"{dept.short_name}{role.label_zh}：{_ROLE_DUTIES[role]}"
            name = _person(len(found))
            found.append(
                DemoAccount(f"{dept.key}_{role.value}", name, dept.key, (role,), desc, phone)
            )
    return tuple(found)


ACCOUNTS: Final = _accounts()


def account(dept: str, role: Role) -> DemoAccount:
    """The demo account holding `role` in department `dept` (a DemoDepartment.key)."""
    return next(a for a in ACCOUNTS if a.dept == dept and role in a.roles)


# --- data items ----------------------------------------------------------------------------

_C, _N, _D, _T, _Y, _I, _B, _M, _L = (
    DataType.CHAR,
    DataType.NUMERIC,
    DataType.DATE,
    DataType.DATETIME,
    DataType.CURRENCY,
    DataType.INTEGER,
    DataType.DOUBLE,
    DataType.MEMO,
    DataType.LOGICAL,
)
ITEM_TYPES: Final[dict[str, tuple[DataType, int | None]]] = {
    "姓名": (_C, 50), "公民身份号码": (_C, 18), "性别": (_C, 1), "出生日期": (_D, 8),
    "民族": (_C, 20), "户籍地址": (_C, 200), "居住地址": (_C, 200), "联系电话": (_C, 20),
    "婚姻状况": (_C, 2), "文化程度": (_C, 10), "户号": (_C, 20), "与户主关系": (_C, 10),
    "男方姓名": (_C, 50), "男方公民身份号码": (_C, 18), "女方姓名": (_C, 50),
    "女方公民身份号码": (_C, 18), "登记日期": (_D, 8), "登记机关": (_C, 100),
    "结婚证字号": (_C, 30), "离婚证字号": (_C, 30), "统一社会信用代码": (_C, 18),
    "企业名称": (_C, 200), "单位名称": (_C, 200), "法定代表人": (_C, 50), "注册资本": (_Y, 18),
    "成立日期": (_D, 8), "经营范围": (_M, None), "住所": (_C, 200), "企业类型": (_C, 50),
    "经营状态": (_C, 10), "核准日期": (_D, 8), "参保单位编号": (_C, 20), "险种类型": (_C, 10),
    "参保状态": (_C, 2), "缴费基数": (_Y, 12), "缴费月数": (_I, 4), "参保日期": (_D, 8),
    "养老金发放金额": (_Y, 12), "发放月份": (_C, 6), "不动产单元号": (_C, 28),
    "不动产权证书号": (_C, 50), "权利人": (_C, 200), "坐落": (_C, 200), "面积": (_B, 12),
    "用途": (_C, 50), "权利性质": (_C, 20), "抵押金额": (_Y, 18), "宗地代码": (_C, 19),
    "出生医学证明编号": (_C, 10), "新生儿姓名": (_C, 50), "出生地点": (_C, 200),
    "母亲姓名": (_C, 50), "母亲公民身份号码": (_C, 18), "父亲姓名": (_C, 50),
    "死亡日期": (_D, 8), "死亡原因": (_C, 200), "医疗机构名称": (_C, 200),
    "执业证书编码": (_C, 30), "学校名称": (_C, 200), "学籍号": (_C, 20), "入学年份": (_C, 4),
    "年级": (_C, 10), "毕业证书编号": (_C, 30), "纳税人识别号": (_C, 20),
    "纳税人名称": (_C, 200), "税种": (_C, 20), "应纳税额": (_Y, 18), "所属期": (_C, 6),
    "信用等级": (_C, 2), "排污许可证编号": (_C, 30), "监测点位": (_C, 100),
    "监测时间": (_T, 14), "监测值": (_B, 12), "车牌号码": (_C, 10), "道路运输证号": (_C, 20),
    "从业资格证号": (_C, 20), "医保卡号": (_C, 20), "结算金额": (_Y, 12),
    "统筹支付金额": (_Y, 12), "就诊日期": (_D, 8), "调查对象代码": (_C, 18),
    "行业代码": (_C, 4), "从业人员数": (_I, 8), "营业收入": (_Y, 18), "矫正类别": (_C, 10),
    "矫正期限": (_C, 20), "律师执业证号": (_C, 17), "执业机构": (_C, 200),
    "经营主体名称": (_C, 200), "承包地面积": (_B, 12), "补贴金额": (_Y, 12),
    "发证日期": (_D, 8), "有效期至": (_D, 8), "证照编号": (_C, 50), "证照状态": (_C, 10),
    "救助类别": (_C, 20), "救助金额": (_Y, 12), "救助起始日期": (_D, 8), "是否有效": (_L, 1),
    "处罚决定书文号": (_C, 50), "处罚事由": (_M, None), "处罚日期": (_D, 8),
    "项目名称": (_C, 200), "项目编号": (_C, 30), "建设单位": (_C, 200), "许可日期": (_D, 8),
    "变更事项": (_C, 100), "变更日期": (_D, 8), "备注": (_M, None), "数据更新时间": (_T, 14),
}  # fmt: skip


def item_fields(
    names: tuple[str, ...], shares: dict[str, ShareType] | None = None
) -> list[dict[str, object]]:
    """Data items (信息项) as plain dicts: name, catalog data type, length, narrowed share type."""
    narrowed = shares or {}
    return [
        {
            "name": n,
            "data_type": ITEM_TYPES[n][0],
            "length": ITEM_TYPES[n][1],
            "share_type": narrowed.get(n),
        }
        for n in names
    ]


def make_items(
    names: tuple[str, ...], shares: dict[str, ShareType] | None = None
) -> list[DataItem]:
    """Data items (信息项) with their catalog data types and lengths."""
    return [DataItem.model_validate(f) for f in item_fields(names, shares)]


# --- hand-written resources ----------------------------------------------------------------

U, C, NS = ShareType.UNCONDITIONAL, ShareType.CONDITIONAL, ShareType.NOT_SHARED
_Q, _E, _IF, _X = ShareMode.QUERY, ShareMode.EXCHANGE, ShareMode.INTERFACE, ShareMode.CUSTOM
_RT, _DAY, _MON, _QTR, _YR, _IRR = (
    UpdateCycle.REALTIME,
    UpdateCycle.DAILY,
    UpdateCycle.MONTHLY,
    UpdateCycle.QUARTERLY,
    UpdateCycle.YEARLY,
    UpdateCycle.IRREGULAR,
)

_CONDITIONS: Final = (
    "仅限依法履行职责需要使用，须经提供部门审核同意并签署三方数据保密协议",
    "按“最小必要”原则申请所需信息项，不得用于申请事由以外的用途",
    "使用部门须建立数据访问日志，每半年向提供部门报告使用情况",
)
_SCOPES: Final = (
    "市级政务部门及各县（市、区）相关部门",
    "承担社会管理和公共服务职能的市级部门",
    "经市大数据管理局备案的业务系统",
)


@dataclass(frozen=True)
class ResourceSpec:
    """One catalog resource of a department, in the few fields that vary."""

    dept: str
    name: str
    prefix: str  # 类 + 项 + 目, e.g. "101001"
    share: ShareType
    mode: ShareMode
    cycle: UpdateCycle
    items: tuple[str, ...]
    basis: str | None = None  # 不予共享 依据
    fmt: tuple[FormatClass, str] = (FormatClass.DATABASE, "oracle")
    open_to_public: bool = False
    summary: str | None = None
    item_shares: dict[str, ShareType] = field(default_factory=dict)

    def to_entry(self, variant: int = 0) -> CatalogEntryIn:
        """The entry a registrar would submit for this resource."""
        return CatalogEntryIn.model_validate(
            {**self.fields(variant), "data_items": make_items(self.items, self.item_shares)}
        )

    def fields(self, variant: int = 0) -> dict[str, object]:
        """The entry's metadata as a plain dict (no data items): cheap for bulk loading."""
        dept = DEPARTMENT_BY_KEY[self.dept]
        conditional = self.share is ShareType.CONDITIONAL
        return dict(
            resource_class=ResourceClass(self.prefix[0]),
            class_item=self.prefix[1:3],
            class_catalog=self.prefix[3:6],
            name=self.name,
            summary=self.summary or _summary(dept, self.name, self.items, self.cycle),
            format_class=self.fmt[0],
            format_type=self.fmt[1],
            share_type=self.share,
            share_conditions=_CONDITIONS[variant % 3] if conditional else None,
            share_scope=_SCOPES[variant % 3] if conditional else None,
            legal_basis=self.basis if self.share is ShareType.NOT_SHARED else None,
            share_mode=self.mode,
            open_to_public=self.open_to_public,
            open_conditions="通过南通市公共数据开放平台依申请开放" if self.open_to_public else None,
            update_cycle=self.cycle,
        )


def _summary(dept: DemoDepartment, name: str, items: tuple[str, ...], cycle: UpdateCycle) -> str:
    listed = "、".join(items[:4])
    return (
        f"{dept.name}在{dept.duty}工作中依法采集、产生的{name}，"
        f"主要包括{listed}等信息项，{cycle.label_zh}更新，可支撑相关部门业务协同。"
    )


_PERSON = ("姓名", "公民身份号码", "性别", "出生日期")
_ORG = ("统一社会信用代码", "单位名称", "法定代表人")
_RS = ResourceSpec
_SECRET_ID = "《中华人民共和国居民身份证法》第六条第三款"
_STATS = "《中华人民共和国统计法》第二十五条"
_TAX = "《中华人民共和国税收征收管理法》第八条"
_MENTAL = "《中华人民共和国精神卫生法》第四条第三款"
_ADOPT = "《中华人民共和国民法典》第一千一百一十条"
_JUVENILE = "《中华人民共和国刑事诉讼法》第二百八十六条"
_CORRECTION = "《中华人民共和国社区矫正法》第四条第二款"

RESOURCES: Final[tuple[ResourceSpec, ...]] = (
    _RS("ga", "常住人口基本信息", "101001", C, _IF, _DAY,
        (*_PERSON, "民族", "户籍地址", "户号", "与户主关系", "婚姻状况"),
        summary="全市户籍常住人口的身份与户籍登记信息，是人口基础信息库的权威来源。"),
    _RS("ga", "流动人口居住登记信息", "101002", C, _E, _DAY,
        (*_PERSON, "户籍地址", "居住地址", "登记日期")),
    _RS("ga", "居民身份证制证信息", "101003", NS, _Q, _DAY,
        ("姓名", "公民身份号码", "发证日期", "有效期至", "登记机关"), basis=_SECRET_ID),
    _RS("ga", "机动车登记信息", "306001", C, _IF, _RT,
        ("车牌号码", "姓名", "公民身份号码", "登记日期", "用途")),
    _RS("ga", "未成年人犯罪记录封存信息", "306002", NS, _X, _IRR,
        ("姓名", "公民身份号码", "处罚决定书文号", "处罚日期"), basis=_JUVENILE),
    _RS("ga", "户籍迁移变更信息", "101004", U, _E, _DAY,
        ("姓名", "公民身份号码", "变更事项", "变更日期", "户籍地址")),
    _RS("mz", "婚姻登记信息", "101005", C, _IF, _DAY,
        ("男方姓名", "男方公民身份号码", "女方姓名", "女方公民身份号码", "登记日期",
         "登记机关", "结婚证字号")),
    _RS("mz", "离婚登记信息", "101006", C, _IF, _DAY,
        ("男方姓名", "男方公民身份号码", "女方姓名", "女方公民身份号码", "登记日期",
         "离婚证字号")),
    _RS("mz", "最低生活保障对象信息", "201001", C, _E, _MON,
        (*_PERSON, "救助类别", "救助金额", "救助起始日期", "是否有效")),
    _RS("mz", "收养登记信息", "101007", NS, _Q, _IRR,
        ("姓名", "公民身份号码", "登记日期", "登记机关"), basis=_ADOPT),
    _RS("mz", "社会组织登记信息", "102001", U, _E, _DAY,
        (*_ORG, "住所", "成立日期", "登记机关"), open_to_public=True,
        fmt=(FormatClass.SPREADSHEET, "xlsx")),
    _RS("mz", "殡葬火化信息", "101008", C, _E, _DAY,
        ("姓名", "公民身份号码", "死亡日期", "死亡原因")),
    _RS("rs", "社会保险参保信息", "201002", C, _IF, _DAY,
        ("姓名", "公民身份号码", "参保单位编号", "险种类型", "参保状态", "参保日期")),
    _RS("rs", "社会保险缴费信息", "201003", C, _E, _MON,
        ("姓名", "公民身份号码", "险种类型", "缴费基数", "缴费月数"),
        item_shares={"缴费基数": NS}),
    _RS("rs", "养老保险待遇发放信息", "201004", C, _E, _MON,
        ("姓名", "公民身份号码", "养老金发放金额", "发放月份")),
    _RS("rs", "社保卡应用状态信息", "201005", U, _IF, _RT,
        ("姓名", "公民身份号码", "证照编号", "证照状态")),
    _RS("rs", "就业失业登记信息", "201006", C, _E, _DAY,
        (*_PERSON, "文化程度", "登记日期", "单位名称")),
    _RS("sj", "企业登记注册信息", "102002", U, _IF, _RT,
        ("统一社会信用代码", "企业名称", "法定代表人", "注册资本", "成立日期", "经营范围",
         "住所", "企业类型", "经营状态"), open_to_public=True),
    _RS("sj", "个体工商户登记信息", "102003", U, _E, _DAY,
        ("统一社会信用代码", "经营主体名称", "姓名", "住所", "成立日期", "经营状态")),
    _RS("sj", "企业变更登记信息", "102004", U, _E, _DAY,
        ("统一社会信用代码", "企业名称", "变更事项", "变更日期", "核准日期")),
    _RS("sj", "行政处罚信息", "104001", U, _E, _DAY,
        ("统一社会信用代码", "企业名称", "处罚决定书文号", "处罚事由", "处罚日期"),
        open_to_public=True),
    _RS("sj", "食品经营许可证信息", "105001", U, _IF, _DAY,
        ("统一社会信用代码", "经营主体名称", "证照编号", "发证日期", "有效期至")),
    _RS("zr", "不动产登记信息", "103001", C, _IF, _RT,
        ("不动产单元号", "不动产权证书号", "权利人", "公民身份号码", "坐落", "面积", "用途",
         "权利性质")),
    _RS("zr", "不动产抵押登记信息", "103002", C, _IF, _DAY,
        ("不动产单元号", "权利人", "抵押金额", "登记日期")),
    _RS("zr", "国土空间规划许可信息", "103003", U, _E, _IRR,
        ("项目名称", "项目编号", "建设单位", "许可日期", "坐落"),
        fmt=(FormatClass.DOCUMENT, "pdf")),
    _RS("zr", "宗地基本信息", "103004", U, _E, _MON, ("宗地代码", "坐落", "面积", "用途")),
    _RS("wj", "出生医学证明信息", "105002", C, _IF, _DAY,
        ("出生医学证明编号", "新生儿姓名", "性别", "出生日期", "出生地点", "母亲姓名",
         "母亲公民身份号码", "父亲姓名")),
    _RS("wj", "居民死亡医学证明信息", "101009", C, _E, _DAY,
        ("姓名", "公民身份号码", "死亡日期", "死亡原因", "医疗机构名称")),
    _RS("wj", "严重精神障碍患者管理信息", "202001", NS, _X, _MON,
        ("姓名", "公民身份号码", "居住地址"), basis=_MENTAL),
    _RS("wj", "医疗机构执业登记信息", "102005", U, _E, _MON,
        ("医疗机构名称", "统一社会信用代码", "执业证书编码", "住所", "发证日期"),
        open_to_public=True),
    _RS("jy", "中小学生学籍信息", "203001", C, _E, _QTR,
        (*_PERSON, "学籍号", "学校名称", "入学年份", "年级")),
    _RS("jy", "学校基本信息", "102006", U, _E, _YR,
        ("学校名称", "统一社会信用代码", "住所", "法定代表人"), open_to_public=True),
    _RS("jy", "学历证书信息", "105003", C, _IF, _YR,
        ("姓名", "公民身份号码", "学校名称", "毕业证书编号")),
    _RS("zj", "商品房网签备案信息", "208001", C, _IF, _RT,
        ("项目名称", "坐落", "面积", "权利人", "公民身份号码", "登记日期")),
    _RS("zj", "建筑业企业资质信息", "105004", U, _E, _MON,
        ("统一社会信用代码", "企业名称", "证照编号", "发证日期", "有效期至")),
    _RS("zj", "保障性住房配租信息", "201007", C, _E, _MON,
        (*_PERSON, "居住地址", "补贴金额")),
    _RS("sw", "纳税人登记信息", "102007", C, _IF, _DAY,
        ("纳税人识别号", "纳税人名称", "法定代表人", "住所", "登记日期")),
    _RS("sw", "纳税信用等级信息", "104002", U, _E, _YR,
        ("纳税人识别号", "纳税人名称", "信用等级"), open_to_public=True),
    _RS("sw", "企业纳税申报明细信息", "306003", NS, _Q, _MON,
        ("纳税人识别号", "税种", "应纳税额", "所属期"), basis=_TAX),
    _RS("hb", "排污许可证信息", "105005", U, _E, _MON,
        ("统一社会信用代码", "单位名称", "排污许可证编号", "发证日期", "有效期至"),
        open_to_public=True),
    _RS("hb", "空气质量自动监测信息", "205001", U, _IF, _RT,
        ("监测点位", "监测时间", "监测值"), open_to_public=True),
    _RS("hb", "重点排污单位在线监测信息", "205002", C, _IF, _RT,
        ("统一社会信用代码", "单位名称", "监测点位", "监测时间", "监测值")),
    _RS("jt", "道路运输经营许可信息", "105006", U, _E, _DAY,
        ("统一社会信用代码", "企业名称", "道路运输证号", "发证日期", "有效期至")),
    _RS("jt", "道路运输从业人员资格信息", "105007", C, _IF, _DAY,
        ("姓名", "公民身份号码", "从业资格证号", "发证日期")),
    _RS("jt", "公交线路及站点信息", "206001", U, _E, _MON,
        ("项目名称", "坐落", "数据更新时间"), open_to_public=True,
        fmt=(FormatClass.SELF_DESCRIBING, "GeoJSON")),
    _RS("yb", "基本医疗保险参保信息", "201008", C, _IF, _DAY,
        ("姓名", "公民身份号码", "医保卡号", "参保状态", "参保日期")),
    _RS("yb", "医疗费用结算信息", "202002", C, _E, _DAY,
        ("姓名", "公民身份号码", "医疗机构名称", "就诊日期", "结算金额", "统筹支付金额")),
    _RS("yb", "定点医药机构信息", "102008", U, _E, _MON,
        ("医疗机构名称", "统一社会信用代码", "住所"), open_to_public=True),
    _RS("tj", "人口抽样调查汇总信息", "106001", U, _E, _YR,
        ("所属期", "行业代码", "从业人员数"), fmt=(FormatClass.SPREADSHEET, "xlsx"),
        open_to_public=True),
    _RS("tj", "统计调查对象原始资料", "306004", NS, _Q, _YR,
        ("调查对象代码", "单位名称", "行业代码", "从业人员数", "营业收入"), basis=_STATS),
    _RS("tj", "地区生产总值季度核算信息", "106002", U, _E, _QTR,
        ("所属期", "行业代码", "营业收入"), fmt=(FormatClass.SPREADSHEET, "xls")),
    _RS("sf", "社区矫正对象信息", "207001", NS, _X, _DAY,
        (*_PERSON, "矫正类别", "矫正期限"), basis=_CORRECTION),
    _RS("sf", "律师执业信息", "105008", U, _E, _MON,
        ("姓名", "律师执业证号", "执业机构", "发证日期"), open_to_public=True),
    _RS("nw", "农村土地承包经营权信息", "103005", C, _E, _YR,
        ("姓名", "公民身份号码", "承包地面积", "坐落")),
    _RS("nw", "耕地地力保护补贴发放信息", "201009", C, _E, _YR,
        ("姓名", "公民身份号码", "承包地面积", "补贴金额")),
)  # fmt: skip


# --- synthetic generator -------------------------------------------------------------------

_REGIONS: Final = (
    "崇川区", "通州区", "海门区", "海安市", "如皋市", "启东市", "如东县", "南通经济技术开发区",
)  # fmt: skip
_KIND_ATTRS: Final[dict[str, tuple[str, ...]]] = {
    "person": ("", "基本", "登记", "变更", "注销", "核查", "服务记录", "补贴发放", "动态监测"),
    "org": ("", "基本", "许可", "备案", "年报", "监督检查", "行政处罚", "信用评价", "注销"),
    "place": ("基本", "规划", "权属", "监测", "巡查", "统计", "地理空间"),
    "event": ("受理", "审批", "办结", "统计", "投诉", "核查结果"),
}
_KIND_ITEMS: Final[dict[str, tuple[str, ...]]] = {
    "person": ("姓名", "公民身份号码", "性别", "出生日期", "居住地址", "联系电话", "户籍地址",
               "登记日期", "文化程度", "婚姻状况", "是否有效", "备注"),
    "org": ("统一社会信用代码", "单位名称", "法定代表人", "住所", "成立日期", "证照编号",
            "发证日期", "有效期至", "联系电话", "行业代码", "备注"),
    "place": ("坐落", "面积", "用途", "宗地代码", "监测点位", "监测时间", "监测值",
              "数据更新时间", "项目名称", "备注"),
    "event": ("项目名称", "项目编号", "登记日期", "变更事项", "变更日期", "登记机关",
              "处罚决定书文号", "数据更新时间", "备注"),
}  # fmt: skip
# Per department: (subject, kind). A few subjects repeat the two-character words people search
# for (人口, 社保, 婚姻) so that those match a realistic few percent of a large catalog.
SUBJECTS: Final[dict[str, tuple[tuple[str, str], ...]]] = {
    "dsj": (("政务服务事项", "event"), ("电子证照", "org"), ("公共数据资源", "event"),
            ("一网通办", "event")),
    "ga": (("常住人口", "person"), ("流动人口", "person"), ("户籍人口", "person"),
           ("出入境证件", "person"), ("机动车驾驶人", "person"), ("旅馆业", "org"),
           ("交通违法", "event")),
    "mz": (("婚姻", "person"), ("婚姻家庭辅导", "event"), ("困难群众", "person"),
           ("养老机构", "org"), ("社会组织", "org"), ("地名", "place"),
           ("残疾人两项补贴", "person")),
    "rs": (("社保卡", "person"), ("社保缴费", "person"), ("失业保险", "person"),
           ("职业技能等级", "person"), ("人力资源服务机构", "org"), ("劳动用工", "org"),
           ("工伤认定", "event")),
    "sj": (("市场主体", "org"), ("企业年报", "org"), ("特种设备", "place"),
           ("食品生产企业", "org"), ("计量器具", "place"), ("商标", "org"),
           ("企业登记注册", "event")),
    "zr": (("不动产", "place"), ("建设用地", "place"), ("矿产资源", "place"),
           ("测绘成果", "place"), ("基本农田", "place")),
    "wj": (("出生人口", "person"), ("老年人口健康", "person"), ("预防接种", "person"),
           ("医疗机构", "org"), ("医师执业", "person"), ("职业病防治", "event")),
    "jy": (("学生学籍", "person"), ("教师资格", "person"), ("民办学校", "org"),
           ("校外培训机构", "org"), ("招生考试", "event")),
    "zj": (("商品房", "place"), ("物业服务企业", "org"), ("建设工程", "place"),
           ("住房公积金", "person"), ("城镇燃气", "place")),
    "sw": (("纳税人", "org"), ("发票", "event"), ("社保费征缴", "org"), ("个人所得税", "person"),
           ("欠税公告", "org")),
    "hb": (("排污单位", "org"), ("水环境质量", "place"), ("危险废物", "event"),
           ("环评审批", "event"), ("噪声监测", "place")),
    "jt": (("道路运输企业", "org"), ("客运班线", "place"), ("公交客流", "place"),
           ("港口码头", "place"), ("网约车", "org")),
    "yb": (("医保参保人员", "person"), ("医保结算", "event"), ("定点医疗机构", "org"),
           ("长期护理保险", "person"), ("医保基金监管", "event")),
    "tj": (("人口普查", "event"), ("经济普查", "org"), ("规模以上工业企业", "org"),
           ("居民收支调查", "event")),
    "sf": (("人民调解", "event"), ("法律援助", "person"), ("公证", "event"),
           ("社区矫正", "person"), ("司法鉴定机构", "org")),
    "nw": (("家庭农场", "org"), ("农民专业合作社", "org"), ("农村宅基地", "place"),
           ("农产品质量检测", "event"), ("农机补贴", "person")),
}  # fmt: skip
_SUFFIXES: Final = ("信息", "信息", "信息", "数据", "台账", "目录", "清单", "名录", "统计表")
_ITEM_CLASS: Final = {"person": "01", "org": "02", "place": "03", "event": "05"}
_SHARES: Final = (U, U, U, U, C, C, C, C, C, NS)  # ~40 % unconditional, ~10 % not shared
_NS_BASES: Final = (_STATS, _TAX, _SECRET_ID, _MENTAL, _CORRECTION)
_FORMATS: Final = (
    (FormatClass.DATABASE, "oracle"), (FormatClass.DATABASE, "达梦Dm"),
    (FormatClass.DATABASE, "mysql"), (FormatClass.DATABASE, "KingbaseES"),
    (FormatClass.SPREADSHEET, "xlsx"), (FormatClass.DOCUMENT, "OFD"), (FormatClass.DOCUMENT, "pdf"),
)  # fmt: skip


@dataclass(frozen=True)
class SyntheticEntry:
    """A generated entry: its department key and the registrar's input."""

    dept: str
    entry: CatalogEntryIn


def _synthetic_name(rng: random.Random, subject: str, kind: str) -> str:
    region = rng.choice(_REGIONS) if rng.random() < 0.3 else ""
    year = f"{rng.randint(2010, 2024)}年" if rng.random() < 0.2 else ""
    attr = rng.choice(_KIND_ATTRS[kind])
    return f"{region}{year}{subject}{attr}{rng.choice(_SUFFIXES)}"


def synthetic_spec(rng: random.Random, dept: str) -> ResourceSpec:
    """One random but plausible resource of department `dept`."""
    subject, kind = rng.choice(SUBJECTS[dept])
    name = _synthetic_name(rng, subject, kind)
    share = rng.choice(_SHARES)
    items = tuple(rng.sample(_KIND_ITEMS[kind], rng.randint(3, 8)))
    cls = rng.choice("1123")
    prefix = f"{cls}{_ITEM_CLASS[kind] if cls == '1' else f'{rng.randint(1, 12):02d}'}"
    return ResourceSpec(
        dept=dept,
        name=name,
        prefix=f"{prefix}{rng.randint(1, 40):03d}",
        share=share,
        mode=rng.choice((_Q, _E, _E, _IF, _IF, _X)),
        cycle=rng.choice(tuple(UpdateCycle)),
        items=items,
        basis=rng.choice(_NS_BASES) if share is NS else None,
        fmt=rng.choice(_FORMATS),
        open_to_public=share is U and rng.random() < 0.3,
    )


def synthetic_specs(
    count: int, *, seed: int = 2015, departments: tuple[str, ...] | None = None
) -> Iterator[ResourceSpec]:
    """`count` deterministic synthetic resources spread over `departments` (default: all but
    the platform department), each department in turn, so small counts cover them all."""
    rng = random.Random(seed)
    keys = departments or tuple(d.key for d in DEPARTMENTS if not d.is_platform)
    for i in range(count):
        yield synthetic_spec(rng, keys[i % len(keys)])


def synthetic_entries(
    count: int, *, seed: int = 2015, departments: tuple[str, ...] | None = None
) -> Iterator[SyntheticEntry]:
    """Like `synthetic_specs`, as validated registrar input (CatalogEntryIn)."""
    for i, spec in enumerate(synthetic_specs(count, seed=seed, departments=departments)):
        yield SyntheticEntry(spec.dept, spec.to_entry(variant=i))
