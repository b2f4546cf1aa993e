"""Demo assessment (考核评估, 第三十四条) and rectification orders (督促纠正, 第三十六条),
through the API as the supervisor and the departments, the platform clock on each step's day.

The story: the previous quarter's round was opened after the quarter ended and published; it
found departments late with their data (demo.exchange's late and overdue departments), so the
supervisor issued rectification orders citing 第三十六条（三）: one was answered and accepted
(closed), one is answered with evidence and waits for acceptance, one is overdue. The current
quarter's round is a draft, and an overdue department has filed an explanation (申辩).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, Protocol
from urllib.parse import quote

from govshare_core.assessment import Period
from govshare_core.vocab import Role
from govshare_platform import clock
from govshare_platform.demo.data import DEPARTMENT_BY_KEY, PLATFORM_KEY
from govshare_platform.demo.exchange import working_day_on_or_before


class _Api(Protocol):
    def call(self, who: str, method: str, path: str, body: Any = None) -> Any: ...

    def raw(
        self,
        who: str,
        method: str,
        path: str,
        data: bytes | None = None,
        headers: dict[str, str] | None = None,
    ) -> bytes: ...


User = Callable[[str, Role], str]
PlatformDate = Callable[[date | None], AbstractContextManager[None]]


@dataclass(frozen=True)
class _Order:
    """One rectification order: the department, when it was issued (days ago), its item of
    第三十六条, the facts, the working days given, and what became of it."""

    dept: str
    issued_days_ago: int
    item: str
    facts: str
    due_working_days: int
    measures: str | None = None  # answered with these measures (and an evidence file)
    answered_days_ago: int = 0
    accepted_days_ago: int | None = None  # then accepted (closed)


ORDERS = (
    _Order(
        "tj",
        43,
        "3",
        "上季度考核发现：统计年鉴基础数据、月度统计快报2项目录未按更新周期交付数据，"
        "最长超期12个工作日。请限期整改并建立按期交付机制。",
        10,
        measures="已补交全部超期数据，指定专人负责数据交付，并在业务系统中设置到期提醒。",
        answered_days_ago=34,
        accepted_days_ago=28,
    ),
    _Order(
        "nw",
        29,
        "3",
        "上季度考核发现：农业农村局多项按日、按月更新的目录已停止交付数据，"
        "共享平台显示超期。请限期恢复交付，并书面说明原因。",
        10,
    ),
    _Order(
        "jt",
        22,
        "3",
        "上季度考核发现：交通运输局按月更新的目录交付晚于更新周期，影响使用部门业务办理。"
        "请限期整改，提交整改报告。",
        15,
        measures="已完成数据补交，交换前置机改为每日自动推送；整改报告见附件。",
        answered_days_ago=3,
    ),
)
EXPLANATION = (
    "本季度我局农业综合信息系统迁移至市政务云，9月下旬起数据交换接口暂停，"
    "导致按日、按月更新的目录未能按时交付。系统已于11月完成迁移，正在补交数据，请予考虑。"
)
EXPLAINING_DEPARTMENT = "nw"


def _json(api: _Api, who: str, path: str, body: Any = None, **headers: str) -> Any:
    """A JSON POST with extra headers (If-Match) through the seeder's raw call."""
    data = json.dumps(body if body is not None else {}, ensure_ascii=False).encode()
    answer = api.raw(
        who, "POST", path, data, headers={"Content-Type": "application/json", **headers}
    )
    return json.loads(answer) if answer else None


def _day(days_ago: int) -> date:
    return working_day_on_or_before(clock.today() - timedelta(days=days_ago))


def _open_round(api: _Api, supervisor: str, period: Period, title: str) -> dict[str, Any]:
    body = {"period": period.code, "title": title}
    return dict(api.call(supervisor, "POST", "/assessment/rounds", body))


def _publish(api: _Api, supervisor: str, round_: dict[str, Any]) -> None:
    path = f"/assessment/rounds/{round_['id']}/publish"
    _json(api, supervisor, path, None, **{"If-Match": f'"{round_["version"]}"'})


def _dept_ids(api: _Api, supervisor: str) -> dict[str, int]:
    page = api.call(supervisor, "GET", "/departments?limit=500")
    by_name = {d["name"]: d["id"] for d in page["items"]}
    return {key: by_name[d.name] for key, d in DEPARTMENT_BY_KEY.items() if d.name in by_name}


def _order(
    api: _Api,
    order: _Order,
    *,
    supervisor: str,
    user: User,
    platform_date: PlatformDate,
    department_id: int,
    round_id: int | None,
) -> None:
    body = {
        "department_id": department_id,
        "article_item": order.item,
        "facts": order.facts,
        "due_working_days": order.due_working_days,
        "round_id": round_id,
    }
    with platform_date(_day(order.issued_days_ago)):
        issued = api.call(supervisor, "POST", "/rectifications", body)
    if order.measures is None:
        return
    admin = user(order.dept, Role.RESOURCE_ADMIN)
    oid = issued["id"]
    with platform_date(_day(order.answered_days_ago)):
        name = quote(f"{DEPARTMENT_BY_KEY[order.dept].short_name}整改报告.txt")
        report = f"整改报告\n\n{order.facts}\n\n整改措施：{order.measures}\n".encode()
        api.raw(admin, "POST", f"/rectifications/{oid}/evidence?filename={name}", report)
        api.call(admin, "POST", f"/rectifications/{oid}/actions/answer", {"reason": order.measures})
    if order.accepted_days_ago is not None:
        with platform_date(_day(order.accepted_days_ago)):
            api.call(supervisor, "POST", f"/rectifications/{oid}/actions/accept")


def seed_assessment(api: _Api, user: User, platform_date: PlatformDate) -> dict[str, int]:
    """The previous quarter's round (published), the orders it led to, the current quarter's
    draft round and one explanation. Returns the ids made (for the summary and the tests)."""
    supervisor = user(PLATFORM_KEY, Role.SUPERVISOR)
    today = clock.today()
    current = Period.parse(f"{today.year}-Q{(today.month - 1) // 3 + 1}")
    previous = current.previous()
    with platform_date(working_day_on_or_before(previous.ends + timedelta(days=14))):
        published = _open_round(
            api, supervisor, previous, f"{previous.label_zh}政务信息资源共享考核"
        )
    with platform_date(working_day_on_or_before(previous.ends + timedelta(days=18))):
        _publish(api, supervisor, published)
    ids = _dept_ids(api, supervisor)
    for order in ORDERS:
        _order(
            api,
            order,
            supervisor=supervisor,
            user=user,
            platform_date=platform_date,
            department_id=ids[order.dept],
            round_id=published["id"],
        )
    draft = _open_round(api, supervisor, current, f"{current.label_zh}政务信息资源共享考核")
    path = f"/assessment/rounds/{draft['id']}/results/{ids[EXPLAINING_DEPARTMENT]}/explanations"
    admin = user(EXPLAINING_DEPARTMENT, Role.RESOURCE_ADMIN)
    api.call(admin, "POST", path, {"text": EXPLANATION})
    return {"published_round": published["id"], "draft_round": draft["id"]}
