"""`seed-demo`: load the 南通市 demo city through the platform's own API.

Only the first department and its security administrator are created directly (someone has to
hold `security_admin` before the API can be used, exactly as `create-user` does); everything
else — departments, users, filings (备案), catalog entries in every state, change reports and
share requests in every state — goes through the HTTP API, served on a free 127.0.0.1 port for
the run (`LocalServer`) and called with `requests` as the demo users, so the audit trail, search
index and workflow states are what real use would have produced.

Two scenarios need the calendar: requests filed weeks ago (overdue reviews, expired grants) run
with the platform clock (`govshare_platform.clock`) set back to their filing day; the expiry
itself is the real grant sweep at today's date.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import requests
from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from govshare_core.agreements import SignTurn
from govshare_core.schemas import DepartmentIn, UserIn
from govshare_core.separation import PRIVILEGED_ROLES
from govshare_core.vocab import EntryStatus, Role
from govshare_platform import clock
from govshare_platform.app import API_PREFIX, create_app
from govshare_platform.audit import service as audit
from govshare_platform.db import make_engine, make_session_factory
from govshare_platform.demo.assessment import seed_assessment
from govshare_platform.demo.data import (
    ACCOUNTS,
    DEMO_PASSWORD,
    DEPARTMENT_BY_KEY,
    DEPARTMENTS,
    PLATFORM_KEY,
    RESOURCES,
    DemoAccount,
    DemoDepartment,
    ResourceSpec,
    account,
    synthetic_specs,
)
from govshare_platform.demo.exchange import seed_deliveries
from govshare_platform.demo.signing import TURN_STEPS, DemoSigners
from govshare_platform.departments import service as departments
from govshare_platform.departments import users
from govshare_platform.departments.models import Department, User
from govshare_platform.local_server import LocalServer
from govshare_platform.settings import Settings

SYNTHETIC_PER_DEPARTMENT = 7
"""Generated entries per department on top of the hand-written resources."""


class SeedError(RuntimeError):
    """The platform refused a step of the demo script (a bug in the seed or the platform)."""


def demo_accounts() -> list[dict[str, object]]:
    """The demo accounts: username, password, full name, department, roles, what they do."""
    return [a.as_dict() for a in ACCOUNTS]


def _department_count(session: Session) -> int:
    return session.scalar(select(func.count(Department.id))) or 0


def has_data(settings: Settings) -> bool:
    """True when the (migrated) database of `settings` already holds departments."""
    engine = make_engine(settings.database_url)
    try:
        with make_session_factory(engine)() as session:
            return _department_count(session) > 0
    finally:
        engine.dispose()


def seed_demo(settings: Settings, *, force: bool = False) -> dict[str, Any]:
    """Seed the demo city into the (migrated) database of `settings`; a no-op when data exists.

    With `force`, existing departments and users are reused and another round of catalog
    entries and requests is added.
    """
    started = time.perf_counter()
    app = create_app(settings)
    try:
        with app.state.session_factory() as session:
            existing = _department_count(session)
        if existing and not force:
            return {"seeded": False, "reason": f"database already has {existing} departments"}
        with LocalServer(app) as server, requests.Session() as http:
            _Seeder(app.state.session_factory, _Api(http, server.url)).run()
        with app.state.session_factory() as session:
            summary = _summary(session)
    finally:
        app.state.engine.dispose()
    return {"seeded": True, **summary, "seconds": round(time.perf_counter() - started, 2)}


# --- the HTTP side ---------------------------------------------------------------------------


class _Api:
    """The platform's API at `base_url`, one cached login per demo user (Argon2 is costly)."""

    def __init__(self, http: requests.Session, base_url: str) -> None:
        self.http = http
        self.base = base_url + API_PREFIX
        self._tokens: dict[str, str] = {}

    def _headers(self, username: str) -> dict[str, str]:
        if username not in self._tokens:
            r = self.http.post(
                f"{self.base}/auth/login",
                json={"username": username, "password": DEMO_PASSWORD},
            )
            _check(r, "login", username)
            self._tokens[username] = r.json()["access_token"]
        return {"Authorization": f"Bearer {self._tokens[username]}"}

    def call(self, who: str, method: str, path: str, body: Any = None) -> Any:
        r = self.http.request(method, self.base + path, json=body, headers=self._headers(who))
        _check(r, f"{method} {path}", who)
        return r.json() if r.content else None

    def raw(
        self,
        who: str,
        method: str,
        path: str,
        data: bytes | None = None,
        headers: dict[str, str] | None = None,
    ) -> bytes:
        """A call whose body and answer are bytes (the agreement PDFs)."""
        r = self.http.request(
            method, self.base + path, data=data, headers={**self._headers(who), **(headers or {})}
        )
        _check(r, f"{method} {path}", who)
        return bytes(r.content)


def _check(response: Any, what: str, who: str) -> None:
    if response.status_code >= 400:
        raise SeedError(f"{what} as {who}: {response.status_code} {response.text[:500]}")


@contextmanager
def platform_date(day: date | None) -> Iterator[None]:
    """Run with the platform clock at `day` (None: leave it alone)."""
    if day is None:
        yield
        return
    real_today, real_now = clock.today, clock.now
    offset = real_today() - day
    clock.today = lambda: day
    clock.now = lambda: real_now() - offset
    try:
        yield
    finally:
        clock.today, clock.now = real_today, real_now


def user(dept: str, role: Role) -> str:
    return account(dept, role).username


PLATFORM_ADMIN = f"{PLATFORM_KEY}_{Role.PLATFORM_ADMIN.value}"
SECURITY_ADMIN = f"{PLATFORM_KEY}_{Role.SECURITY_ADMIN.value}"


# --- the script ------------------------------------------------------------------------------


@dataclass
class _Seeder:
    factory: Any
    api: _Api

    def run(self) -> None:
        self._bootstrap()
        dept_ids = self._departments()
        self._users(dept_ids)
        entries = seed_catalog(self.api)
        seed_change_reports(self.api, entries)
        seed_requests(self.api, entries)
        seed_deliveries(self.api, entries, user, platform_date)  # 数据交付 (第二十三条)
        seed_assessment(self.api, user, platform_date)  # 考核评估, 整改 (第三十四/三十六条)

    def _bootstrap(self) -> None:
        """The platform department and its security and audit admins, directly (as
        `create-user` does: privileged accounts are never created through the API, 三员分立)."""
        platform = DEPARTMENT_BY_KEY[PLATFORM_KEY]
        with self.factory() as session:
            audit.begin_write(session)
            dept = session.scalar(select(Department).where(Department.name == platform.name))
            if dept is None:
                dept = departments.create_department(session, data=_department_in(platform))
                _audit_direct(session, "department_create", "department", dept.id, platform.name)
            for role in sorted(PRIVILEGED_ROLES):
                admin = account(PLATFORM_KEY, role)
                if users.by_username(session, admin.username) is None:
                    created = users.create_user(session, data=_user_in(admin, dept.id))
                    _audit_direct(session, "user_create", "user", created.id, admin.username)
            session.commit()

    def _departments(self) -> dict[str, int]:
        page = self.api.call(SECURITY_ADMIN, "GET", "/departments?limit=500")
        by_name = {d["name"]: d["id"] for d in page["items"]}
        for dept in DEPARTMENTS:
            if dept.name not in by_name:
                body = _department_in(dept).model_dump(mode="json")
                created = self.api.call(SECURITY_ADMIN, "POST", "/departments", body)
                by_name[dept.name] = created["id"]
        return {d.key: by_name[d.name] for d in DEPARTMENTS}

    def _users(self, dept_ids: dict[str, int]) -> None:
        page = self.api.call(SECURITY_ADMIN, "GET", "/users?limit=500")
        known = {u["username"]: u["id"] for u in page["items"]}
        created: list[int] = []
        for acc in ACCOUNTS:
            if acc.username not in known:
                body = _user_in(acc, dept_ids[acc.dept]).model_dump(mode="json")
                known[acc.username] = self.api.call(SECURITY_ADMIN, "POST", "/users", body)["id"]
                created.append(known[acc.username])
            if acc.phone:  # 备案 of the department's resource administrator (第二十八条)
                filing = {"user_id": known[acc.username], "phone": acc.phone, "note": "演示备案"}
                path = f"/departments/{dept_ids[acc.dept]}/resource-admins"
                self.api.call(SECURITY_ADMIN, "POST", path, filing)
        self._keep_demo_passwords(created)

    def _keep_demo_passwords(self, user_ids: list[int]) -> None:
        """Accounts made through the API get a temporary password (must be changed at the
        first sign-in); the demo's are meant to be used as printed, so the flag is cleared."""
        if not user_ids:
            return
        with self.factory() as session:
            audit.begin_write(session)
            session.execute(
                update(User).where(User.id.in_(user_ids)).values(must_change_password=False)
            )
            session.commit()


def _department_in(dept: DemoDepartment) -> DepartmentIn:
    return DepartmentIn(
        name=dept.name,
        short_name=dept.short_name,
        credit_code=dept.credit_code,
        is_platform=dept.is_platform,
    )


def _user_in(acc: DemoAccount, department_id: int) -> UserIn:
    return UserIn(
        username=acc.username,
        full_name=acc.full_name,
        password=DEMO_PASSWORD,
        department_id=department_id,
        roles=list(acc.roles),
    )


def _audit_direct(session: Session, action: str, kind: str, object_id: int, name: str) -> None:
    audit.append(
        session,
        action=action,
        actor_name="seed-demo",
        object_type=kind,
        object_id=object_id,
        details={"name": name, "via": "seed-demo bootstrap"},
    )


# --- catalog ---------------------------------------------------------------------------------

_S = EntryStatus
_SYNTHETIC_STATES = (
    _S.PUBLISHED, _S.DRAFT, _S.SUBMITTED, _S.DEPT_APPROVED, _S.RETURNED, _S.WITHDRAWN, _S.PUBLISHED,
)  # fmt: skip
_DEPT_RETURNS = (
    "摘要未说明数据来源和采集范围，请补充后重新提交",
    "信息项“公民身份号码”应标注为有条件共享，请核对",
    "共享条件表述过于笼统，请明确使用部门和用途",
)
_PLATFORM_RETURNS = (
    "分类（目）与资源内容不符，请按编制指南重新归类",
    "与已发布资源信息项重复，请按一数一源原则关联已有资源",
)
_WITHDRAWALS = ("该资源已整合至新的目录条目", "业务系统停用，数据不再更新")


@dataclass(frozen=True)
class EntryRef:
    id: int
    spec: ResourceSpec
    status: EntryStatus


def _entry_steps(target: EntryStatus, dept: str, n: int) -> list[tuple[str, str, Any]]:
    """(action, username, body) that take a new draft to `target`."""
    reg, rev = user(dept, Role.REGISTRAR), user(dept, Role.CATALOG_REVIEWER)
    submit, approve = ("submit", reg, None), ("dept-approve", rev, None)
    publish = ("publish", PLATFORM_ADMIN, None)
    if target is _S.RETURNED and n % 2:
        reason = {"reason": _PLATFORM_RETURNS[n % 2]}
        return [submit, approve, ("platform-return", PLATFORM_ADMIN, reason)]
    steps: list[tuple[str, str, Any]] = [] if target is _S.DRAFT else [submit]
    if target is _S.RETURNED:
        steps.append(("dept-return", rev, {"reason": _DEPT_RETURNS[n % 3]}))
    if target in (_S.DEPT_APPROVED, _S.PUBLISHED, _S.WITHDRAWN):
        steps.append(approve)
    if target in (_S.PUBLISHED, _S.WITHDRAWN):
        steps.append(publish)
    if target is _S.WITHDRAWN:
        steps.append(("withdraw", PLATFORM_ADMIN, {"reason": _WITHDRAWALS[n % 2]}))
    return steps


def _entry_plan() -> list[tuple[ResourceSpec, EntryStatus]]:
    plan = [(spec, _S.PUBLISHED) for spec in RESOURCES]
    count = SYNTHETIC_PER_DEPARTMENT * (len(DEPARTMENTS) - 1)
    for i, spec in enumerate(synthetic_specs(count, seed=20150801)):
        plan.append((spec, _SYNTHETIC_STATES[i % len(_SYNTHETIC_STATES)]))
    return plan


def seed_catalog(api: _Api) -> dict[str, EntryRef]:
    """Register every planned entry and drive it to its state; publication dates spread over
    the past year and a half. Returns the hand-written resources by name."""
    plan = _entry_plan()
    first_day = clock.today() - timedelta(days=2 * len(plan) + 30)
    named: dict[str, EntryRef] = {}
    for n, (spec, target) in enumerate(plan):
        registrar = user(spec.dept, Role.REGISTRAR)
        body = spec.to_entry(variant=n).model_dump(mode="json")
        entry_id = api.call(registrar, "POST", "/catalog/entries", body)["id"]
        for action, who, reason in _entry_steps(target, spec.dept, n):
            day = first_day + timedelta(days=2 * n) if action == "publish" else None
            with platform_date(day):
                api.call(who, "POST", f"/catalog/entries/{entry_id}/{action}", reason)
        if spec in RESOURCES:
            named[spec.name] = EntryRef(entry_id, spec, target)
    return named


# (entry, effective days ago, what changed, the change, what the platform does)
_CHANGES: tuple[tuple[str, int, str, dict[str, Any], str], ...] = (
    ("常住人口基本信息", 6, "户籍系统升级后改为实时更新", {"update_cycle": "realtime"}, "apply"),
    (
        "社会保险参保信息",
        45,
        "社保系统迁移省集中后改为数据交换",
        {"share_mode": "exchange"},
        "apply",
    ),
    ("企业登记注册信息", 3, "开通企业登记信息接口服务", {"update_cycle": "daily"}, "pending"),
    (
        "婚姻登记信息",
        31,
        "按省民政厅要求收窄共享范围",
        {"share_scope": "承担婚姻状况核验职责的市级部门"},
        "reject",
    ),
    ("不动产登记信息", 12, "抵押登记并入后按日更新", {"update_cycle": "daily"}, "apply"),
    ("出生医学证明信息", 26, "新增数据交换方式", {"share_mode": "exchange"}, "pending"),
)


def seed_change_reports(api: _Api, entries: dict[str, EntryRef]) -> None:
    """Key-element change reports (第十七条): on time and late; applied, rejected, pending."""
    for name, days_ago, description, changes, outcome in _CHANGES:
        ref = entries[name]
        body = {
            "effective_date": (clock.today() - timedelta(days=days_ago)).isoformat(),
            "description": description,
            "changes": changes,
        }
        registrar = user(ref.spec.dept, Role.REGISTRAR)
        path = f"/catalog/entries/{ref.id}/change-reports"
        report = api.call(registrar, "POST", path, body)
        if outcome == "apply":
            api.call(PLATFORM_ADMIN, "POST", f"/catalog/change-reports/{report['id']}/apply")
        elif outcome == "reject":
            reason = {"reason": "共享范围调整须经市政务信息资源共享协调会议研究，暂不采纳"}
            api.call(
                PLATFORM_ADMIN, "POST", f"/catalog/change-reports/{report['id']}/reject", reason
            )


# --- share requests --------------------------------------------------------------------------


@dataclass(frozen=True)
class _RequestPlan:
    """One share request: the entry, the consumer department, and the steps it goes through."""

    entry: str
    consumer: str
    steps: tuple[str, ...]
    business: str
    reason: str
    filed_days_ago: int = 0  # run with the platform clock set back (overdue, expired)
    term_days: int = 365  # 截止时间, counted from the filing day
    citation: str | None = None  # 不予共享: the law naming the requesting department (第五条)


_MENTAL_CITE = (
    "《中华人民共和国精神卫生法》第二十八条第二款：疑似精神障碍患者发生伤害自身、危害他人安全的"
    "行为，公安机关应当立即采取措施予以制止，并将其送往医疗机构进行精神障碍诊断"
)
_CORRECTION_CITE = (
    "《中华人民共和国社区矫正法》第八条第二款：人民法院、人民检察院、公安机关和其他有关部门"
    "依照各自职责，依法做好社区矫正工作"
)
# the three signatures of the agreement (第三十条): the demo leaves requests awaiting each turn
_FULL = (
    "submit",
    "provider_approve",
    "platform_approve",
    "sign_consumer",
    "sign_provider",
    "sign_platform",
)
_P = _RequestPlan
REQUEST_PLANS: tuple[_RequestPlan, ...] = (
    _P("不动产登记信息", "mz", (), "社会救助家庭经济状况核对", "核对低保申请家庭房产情况"),
    _P("纳税人登记信息", "zj", (), "建筑业企业信用评价", "核验企业纳税登记状态"),
    _P("中小学生学籍信息", "ga", (), "户籍迁移审核", "核验随迁子女就学情况"),
    _P("常住人口基本信息", "mz", ("submit",), "婚姻登记当事人身份核验", "核验当事人户籍信息"),
    _P("社会保险参保信息", "yb", ("submit",), "城乡居民医保参保核查", "避免重复参保",
       filed_days_ago=12),
    _P("出生医学证明信息", "ga", ("submit",), "新生儿出生登记", "核验出生医学证明真伪",
       filed_days_ago=10),
    _P("学历证书信息", "rs", ("submit",), "人才引进落户资格审核", "核验学历证书信息"),
    _P("婚姻登记信息", "ga", ("submit", "provider_approve"), "户籍婚姻状况变更",
       "依据婚姻登记结果更新户籍婚姻状况"),
    _P("商品房网签备案信息", "sw", ("submit", "provider_approve"), "存量房交易税费征收",
       "核定房屋交易计税依据"),
    _P("严重精神障碍患者管理信息", "ga", ("submit",), "肇事肇祸风险防控",
       "落实严重精神障碍患者协同管控", citation=_MENTAL_CITE),
    _P("居民死亡医学证明信息", "rs", ("submit", "provider_reject", "dispute", "overturn"),
       "养老保险待遇资格认证", "防止死亡人员养老金冒领"),
    _P("医疗费用结算信息", "sj", ("submit", "provider_reject"), "医药价格监测",
       "分析医疗服务价格水平"),
    _P("机动车登记信息", "zj", ("submit", "provider_reject"), "住房保障资格审核",
       "核查申请家庭车辆情况"),
    _P("不动产抵押登记信息", "sj", ("submit", "provider_approve", "platform_reject"),
       "企业信用风险分类", "评估企业资产抵押情况"),
    _P("最低生活保障对象信息", "jy", ("submit", "provider_reject", "dispute", "uphold"),
       "家庭经济困难学生资助认定", "核验学生家庭低保身份"),
    _P("养老保险待遇发放信息", "zj", ("submit", "provider_approve", "platform_reject"),
       "公租房租金减免", "核验申请人养老金收入"),
    _P("不动产登记信息", "sw", _FULL[:3], "不动产交易税收征管", "核定不动产交易计税信息"),
    _P("基本医疗保险参保信息", "mz", _FULL[:4], "医疗救助对象参保核查", "核验救助对象参保状态"),
    _P("流动人口居住登记信息", "jy", _FULL[:5], "随迁子女入学资格审核", "核验父母居住登记"),
    _P("常住人口基本信息", "rs", _FULL, "社会保险参保登记", "核验参保人身份信息"),
    _P("婚姻登记信息", "zr", _FULL, "不动产登记婚姻状况核验", "核验不动产共有人婚姻关系"),
    _P("社会保险参保信息", "mz", _FULL, "低保家庭收入核对", "核对家庭成员就业参保情况"),
    _P("出生医学证明信息", "yb", _FULL, "新生儿参保登记", "新生儿出生即参保"),
    _P("企业登记注册信息", "sw", ("submit",), "新办纳税人信息确认", "自动带出企业登记信息"),
    _P("企业登记注册信息", "rs", ("submit",), "用人单位参保登记", "核验用人单位登记信息"),
    _P("排污许可证信息", "sj", ("submit",), "企业信用监管", "归集企业环保许可信息"),
    _P("行政处罚信息", "sw", ("submit",), "纳税信用评价", "归集市场监管处罚记录"),
    _P("社区矫正对象信息", "ga", ("submit", "platform_approve"), "社区矫正对象协同监管",
       "掌握社区矫正对象动态", citation=_CORRECTION_CITE),
    _P("就业失业登记信息", "sw", ("submit", "provider_reject", "dispute"),
       "个人所得税专项附加扣除核验", "核验继续教育扣除人员就业状态"),
    _P("保障性住房配租信息", "mz", ("submit", "provider_reject", "dispute"), "住房救助对象核查",
       "避免重复享受住房救助"),
    _P("离婚登记信息", "zr", ("submit", "withdraw"), "不动产登记婚姻状况核验",
       "核验离婚当事人"),
    _P("道路运输从业人员资格信息", "ga", ("withdraw",), "道路交通安全管理",
       "核验驾驶员从业资格"),
    _P("重点排污单位在线监测信息", "wj", ("submit", "provider_approve", "withdraw"),
       "环境健康风险评估", "分析污染源与居民健康关系"),
    _P("社保卡应用状态信息", "yb", ("submit",), "医保电子凭证激活", "核验社保卡状态",
       filed_days_ago=200, term_days=150),
    _P("纳税人登记信息", "sj", _FULL, "企业年报抽查", "核验企业纳税登记", filed_days_ago=150,
       term_days=120),
    _P("个体工商户登记信息", "rs", ("submit",), "灵活就业人员参保", "核验个体经营登记",
       filed_days_ago=100, term_days=60),
    _P("殡葬火化信息", "rs", (*_FULL, "revoke"), "养老金冒领防范", "核验参保人死亡信息"),
    _P("宗地基本信息", "jy", ("submit", "revoke"), "学校布局规划", "核验学校建设用地"),
)  # fmt: skip

_REJECTIONS = (
    ("not_duty_related", "申请用途与所列职责无直接关联"),
    ("conditions_not_met", "未说明数据安全保护措施，不符合共享条件"),
    ("privacy", "申请信息项涉及个人隐私，超出最小必要范围"),
)


def _request_body(plan: _RequestPlan, ref: EntryRef, filed: date) -> dict[str, Any]:
    narrowed = ref.spec.item_shares
    items = [name for name in ref.spec.items if name not in narrowed][:4]
    consumer = DEPARTMENT_BY_KEY[plan.consumer]
    return {
        "entry_id": ref.id,
        "data_items": items,
        "business": plan.business,
        "users": f"{consumer.short_name}{plan.business}经办人员",
        "share_mode": ref.spec.mode.value,
        "reason": f"{plan.reason}，属于{consumer.name}法定职责",
        "end_date": (filed + timedelta(days=plan.term_days)).isoformat(),
        "statutory_citation": plan.citation,
    }


def _step_call(step: str, plan: _RequestPlan, ref: EntryRef, n: int) -> tuple[str, str, Any]:
    """(username, path suffix, body) of one request step."""
    applicant = user(plan.consumer, Role.APPLICANT)
    provider = user(ref.spec.dept, Role.RESOURCE_ADMIN)
    ground, comment = _REJECTIONS[n % len(_REJECTIONS)]
    calls: dict[str, tuple[str, str, Any]] = {
        "submit": (applicant, "submit", None),
        "withdraw": (applicant, "withdraw", None),
        "provider_approve": (provider, "provider-decision", {"approve": True, "comment": "同意"}),
        "provider_reject": (
            provider,
            "provider-decision",
            {"approve": False, "ground": ground, "comment": comment},
        ),
        "platform_approve": (PLATFORM_ADMIN, "platform-decision", {"approve": True}),
        "platform_reject": (
            PLATFORM_ADMIN,
            "platform-decision",
            {"approve": False, "ground": ground, "comment": comment},
        ),
        "dispute": (applicant, "dispute", {"reason": "申请事项属于本部门法定职责，拒绝理由不成立"}),
        "overturn": (
            PLATFORM_ADMIN,
            "mediate",
            {"overturn": True, "comment": "经协调，申请符合履职需要，撤销拒绝"},
        ),
        "uphold": (
            PLATFORM_ADMIN,
            "mediate",
            {"overturn": False, "comment": "经协调，申请超出最小必要范围，维持拒绝"},
        ),
    }
    return calls[step]


def _revoke_grants(api: _Api, request_id: int, provider: str) -> None:
    grants = api.call(provider, "GET", "/grants?side=given&status=active&limit=500")["items"]
    reason = {"reason": "使用部门超范围使用数据，经核查终止共享"}
    for grant in grants:
        if grant["request_id"] == request_id:
            api.call(provider, "POST", f"/grants/{grant['id']}/revoke", reason)


def _run_request(
    api: _Api, plan: _RequestPlan, ref: EntryRef, n: int, signers: DemoSigners
) -> None:
    filed = clock.today() - timedelta(days=plan.filed_days_ago)
    applicant = user(plan.consumer, Role.APPLICANT)
    with platform_date(filed if plan.filed_days_ago else None):
        created = api.call(applicant, "POST", "/requests", _request_body(plan, ref, filed))
    for k, step in enumerate(plan.steps):
        day = filed + timedelta(days=k) if plan.filed_days_ago else None
        with platform_date(day):
            if step == "revoke":
                _revoke_grants(api, created["id"], user(ref.spec.dept, Role.RESOURCE_ADMIN))
                continue
            if step in TURN_STEPS:
                turn = TURN_STEPS[step]
                dept = plan.consumer if turn is SignTurn.CONSUMER else ref.spec.dept
                signers.sign(created["id"], turn, dept, PLATFORM_ADMIN)
                continue
            who, action, body = _step_call(step, plan, ref, n)
            api.call(who, "POST", f"/requests/{created['id']}/{action}", body)


def seed_requests(api: _Api, entries: dict[str, EntryRef]) -> None:
    """Share requests in every state, then today's overdue escalation and grant expiry sweeps."""
    signers = DemoSigners(api.call, api.raw)
    for n, plan in enumerate(REQUEST_PLANS):
        _run_request(api, plan, entries[plan.entry], n, signers)
    api.call(PLATFORM_ADMIN, "POST", "/requests/escalate-overdue")
    api.call(PLATFORM_ADMIN, "POST", "/grants/expire")


# --- the summary -----------------------------------------------------------------------------


def _summary(session: Session) -> dict[str, Any]:
    from govshare_platform.catalog.models import CatalogEntry, ChangeReport
    from govshare_platform.requests.models import ShareRequest

    def by(column: Any) -> dict[str, int]:
        rows = session.execute(select(column, func.count()).group_by(column)).all()
        return {str(k): int(n) for k, n in sorted(rows, key=lambda r: str(r[0]))}

    return {
        "departments": session.scalar(select(func.count(Department.id))),
        "users": session.scalar(select(func.count(User.id))),
        "entries": session.scalar(select(func.count(CatalogEntry.id))),
        "entries_by_status": by(CatalogEntry.status),
        "entries_by_share_type": by(CatalogEntry.share_type),
        "change_reports": {
            "late" if k == "True" else "on_time": v for k, v in by(ChangeReport.late).items()
        },
        "change_reports_by_status": by(ChangeReport.status),
        "requests": session.scalar(select(func.count(ShareRequest.id))),
        "requests_by_status": by(ShareRequest.status),
        "audit_events": session.scalar(select(func.count()).select_from(_audit_table())),
    }


def _audit_table() -> Any:
    from govshare_platform.audit.models import AuditEvent

    return AuditEvent.__table__
