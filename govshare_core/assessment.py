"""Assessment of departments (考核评估, 第三十四条) and rectification orders (督促纠正, 第三十六条).

Everything here is pure: the platform gathers each department's `DepartmentFacts` for a period
from its own records, and `score_round` turns the facts of every department into indicator
values, group scores, a weighted total, a grade, a rank and improvement suggestions. The API, the
printed report and the tests all call these functions; nothing else computes an indicator.

Indicators (one definition each, `INDICATORS`): quantity, quality, change reporting, request
handling, update timeliness, usage, supervision (docs/design.md §3 "Assessment").

Scoring, documented once:
- every scored indicator gives 0–100, or None when the department has nothing to measure
  (no requests received, no 不予共享 entry, no delivery due): "no data" is never a zero;
- a group's score is the mean of its scored indicators that have data;
- the total is the weighted mean of the groups with data, the weights (policy, `DEFAULT_WEIGHTS`,
  summing to 100) of groups without data shared out among the others in proportion;
- a department with no data at all scores 0;
- quantity and usage are relative: 100 × value ÷ the best value of the round (so a small
  department is compared with the city's best, as 第三十四条's 综合评估 implies);
- the grade comes from the bands (policy, `DEFAULT_GRADE_BANDS`: 优秀 ≥ 90, 良好 ≥ 75, 合格 ≥ 60,
  else 不合格); ranks are competition ranks (1, 2, 2, 4) on the effective score;
- a weak indicator is one scoring below `WEAK_BELOW` (60): each gets its concrete suggestion.

Rectification orders: the supervisor issues one to a department, citing the item of 第三十六条
(一 to 七) it breaches, the facts and a due date in working days; the department answers with
the measures taken (and evidence); the supervisor accepts (closed) or returns it (answer again,
optionally with a new due date); the supervisor may withdraw an order issued in error.
"""

from __future__ import annotations

import math
import re
import statistics
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum
from typing import Final

from govshare_core.vocab import Labelled, Role, register_labels
from govshare_core.workdays import WorkdayCalendar, is_provisional, working_days_between
from govshare_core.workflow import Party, StateMachine, _t

# --- periods -----------------------------------------------------------------------------------


class PeriodKind(Labelled):
    MONTH = "month"
    QUARTER = "quarter"
    YEAR = "year"


register_labels(
    {
        PeriodKind.MONTH: ("月度", "Monthly"),
        PeriodKind.QUARTER: ("季度", "Quarterly"),
        PeriodKind.YEAR: ("年度", "Annual"),
    }
)


_PERIOD = re.compile(r"^(\d{4})(?:-(?:Q([1-4])|(0[1-9]|1[0-2])))?$")


@dataclass(frozen=True, order=True)
class Period:
    """An assessment period: `2026` (year), `2026-Q3` (quarter) or `2026-11` (month)."""

    kind: PeriodKind
    year: int
    number: int = 1  # the quarter (1–4) or month (1–12); 1 for a year

    @classmethod
    def parse(cls, text: str) -> Period:
        """From its code; ValueError for anything else (years 2000–2099)."""
        match = _PERIOD.match(text.strip()) if isinstance(text, str) else None
        if match is None or not 2000 <= int(match.group(1)) <= 2099:
            raise ValueError(f"not a period: {text!r} (2026, 2026-Q3 or 2026-11)")
        year = int(match.group(1))
        if match.group(2):
            return cls(PeriodKind.QUARTER, year, int(match.group(2)))
        if match.group(3):
            return cls(PeriodKind.MONTH, year, int(match.group(3)))
        return cls(PeriodKind.YEAR, year, 1)

    @property
    def code(self) -> str:
        if self.kind is PeriodKind.QUARTER:
            return f"{self.year}-Q{self.number}"
        if self.kind is PeriodKind.MONTH:
            return f"{self.year}-{self.number:02d}"
        return str(self.year)

    @property
    def starts(self) -> date:
        if self.kind is PeriodKind.QUARTER:
            return date(self.year, 3 * self.number - 2, 1)
        if self.kind is PeriodKind.MONTH:
            return date(self.year, self.number, 1)
        return date(self.year, 1, 1)

    @property
    def ends(self) -> date:
        """The last day (inclusive)."""
        if self.kind is PeriodKind.YEAR:
            return date(self.year, 12, 31)
        months = 3 if self.kind is PeriodKind.QUARTER else 1
        first_month = self.starts.month + months
        year = self.year + (first_month - 1) // 12
        return date(year, (first_month - 1) % 12 + 1, 1) - timedelta(days=1)

    @property
    def label_zh(self) -> str:
        if self.kind is PeriodKind.QUARTER:
            return f"{self.year}年第{'一二三四'[self.number - 1]}季度"
        if self.kind is PeriodKind.MONTH:
            return f"{self.year}年{self.number}月"
        return f"{self.year}年度"

    @property
    def label_en(self) -> str:
        if self.kind is PeriodKind.QUARTER:
            return f"Q{self.number} {self.year}"
        if self.kind is PeriodKind.MONTH:
            return f"{date(self.year, self.number, 1):%B} {self.year}"
        return f"Year {self.year}"

    def provisional(self, calendar: WorkdayCalendar | None = None) -> bool:
        """Whether working days in the period rest on a provisional (not yet official) schedule."""
        return is_provisional(self.ends, calendar=calendar) or is_provisional(
            self.starts, calendar=calendar
        )

    def previous(self) -> Period:
        if self.kind is PeriodKind.YEAR:
            return Period(self.kind, self.year - 1, 1)
        per_year = 4 if self.kind is PeriodKind.QUARTER else 12
        if self.number == 1:
            return Period(self.kind, self.year - 1, per_year)
        return Period(self.kind, self.year, self.number - 1)


def period_closed(period: Period, today: date) -> bool:
    """Whether the period has ended (a round may also assess the running period, to date)."""
    return today > period.ends


# --- the 13 core elements of a catalog entry (completeness, 第十四条/第十六条) -----------------

CORE_ELEMENTS: Final[tuple[tuple[str, str, str, tuple[str, ...]], ...]] = (
    # (code, 中文, English, the fields of CatalogEntryOut that carry it; any filled → present)
    ("classification", "信息资源分类", "Classification", ("class_item", "class_catalog")),
    ("name", "信息资源名称", "Name", ("name",)),
    ("code", "信息资源代码", "Resource code", ("resource_code",)),
    ("provider", "信息资源提供方", "Provider", ("department_name",)),
    ("provider_code", "提供方代码", "Provider code", ("provider_code",)),
    ("summary", "信息资源摘要", "Summary", ("summary",)),
    ("format", "信息资源格式", "Format", ("format_type",)),
    ("data_items", "信息项信息", "Data items", ("data_items",)),
    ("share", "共享属性", "Share attributes", ("share_type",)),
    ("open", "开放属性", "Open attributes", ("open_to_public",)),
    ("update_cycle", "更新周期", "Update cycle", ("update_cycle",)),
    ("published_on", "发布日期", "Publication date", ("published_on",)),
    ("related", "关联资源代码", "Related resource codes", ("related_codes",)),
)
"""The 13 core metadata elements of the national 政务信息资源目录编制指南."""


def _filled(value: object) -> bool:
    if value is None:
        return False
    if isinstance(value, bool):
        return True  # a yes/no element is always stated
    if isinstance(value, str):
        return bool(value.strip())
    if isinstance(value, (list, tuple, dict)):
        return len(value) > 0
    return True


def elements_present(values: Mapping[str, object]) -> int:
    """How many of the 13 core elements a published entry states (values: CatalogEntryOut's
    fields, or the platform's columns under the same names). 关联资源代码 counts as stated when
    the entry lists at least one related code."""
    return sum(1 for *_, fields in CORE_ELEMENTS if any(_filled(values.get(f)) for f in fields))


# --- indicators ---------------------------------------------------------------------------------


class Group(Labelled):
    QUANTITY = "quantity"
    QUALITY = "quality"
    CHANGE = "change"
    REQUESTS = "requests"
    TIMELINESS = "timeliness"
    USAGE = "usage"
    SUPERVISION = "supervision"


register_labels(
    {
        Group.QUANTITY: ("目录数量", "Catalog quantity"),
        Group.QUALITY: ("目录质量", "Catalog quality"),
        Group.CHANGE: ("变更告知", "Change reporting"),
        Group.REQUESTS: ("申请办理", "Request handling"),
        Group.TIMELINESS: ("更新及时", "Update timeliness"),
        Group.USAGE: ("共享使用", "Usage"),
        Group.SUPERVISION: ("监督整改", "Supervision"),
    }
)

DEFAULT_WEIGHTS: Final[Mapping[str, float]] = {
    Group.QUANTITY: 15.0,
    Group.QUALITY: 20.0,
    Group.CHANGE: 10.0,
    Group.REQUESTS: 20.0,
    Group.TIMELINESS: 15.0,
    Group.USAGE: 10.0,
    Group.SUPERVISION: 10.0,
}
"""Policy default weights of the groups (sum 100); the platform admin may change them."""


class Grade(Labelled):
    EXCELLENT = "excellent"
    GOOD = "good"
    PASS = "pass"
    FAIL = "fail"

    @property
    def colour(self) -> str:
        """The colour the ranking table and the report use for the grade."""
        return {
            "excellent": "#1e7b34",
            "good": "#1f5fa8",
            "pass": "#a86b00",
            "fail": "#b3261e",
        }[self.value]


register_labels(
    {
        Grade.EXCELLENT: ("优秀", "Excellent"),
        Grade.GOOD: ("良好", "Good"),
        Grade.PASS: ("合格", "Pass"),
        Grade.FAIL: ("不合格", "Fail"),
    }
)

DEFAULT_GRADE_BANDS: Final[Mapping[str, float]] = {
    Grade.EXCELLENT: 90.0,
    Grade.GOOD: 75.0,
    Grade.PASS: 60.0,
}
"""Policy default lower bounds of the grades (inclusive); below the last: 不合格."""

WEAK_BELOW: Final = 60.0
"""A scored indicator below this is weak and gets a suggestion (第三十四条 改进意见)."""

SUPERVISION_PENALTIES: Final[Mapping[str, float]] = {
    "rectifications_overdue": 20.0,
    "rectifications_open": 10.0,
    "discrepancies_overdue": 10.0,
    "discrepancies_open": 5.0,
}
"""Points off 100 for the supervision group per open item (overdue items count once, as overdue)."""

MIN_WEIGHT: Final = 0
MAX_WEIGHT: Final = 100


@dataclass(frozen=True)
class IndicatorDef:
    code: str
    group: Group
    label_zh: str
    label_en: str
    formula_zh: str
    formula_en: str
    article: str  # e.g. "第十六条"
    unit: str  # "count" | "ratio" (0–1) | "days"
    scored: bool
    suggestion_zh: str = ""
    suggestion_en: str = ""


def _d(*args: object, **kwargs: object) -> IndicatorDef:
    return IndicatorDef(*args, **kwargs)  # type: ignore[arg-type]


INDICATORS: Final[tuple[IndicatorDef, ...]] = (
    _d("published_entries", Group.QUANTITY, "已发布目录数", "Published entries",
       "期末已发布的目录条数；得分 = 100 × 本部门数 ÷ 本轮最高部门数",
       "Entries published at the period's end; score = 100 × own ÷ the round's best",
       "第十四条", "count", True,
       "梳理本部门政务信息资源，补充编制并报送尚未登记的目录。",
       "Survey the department's information and register the resources not yet catalogued."),
    _d("data_items", Group.QUANTITY, "信息项数", "Data items",
       "已发布目录的信息项总数", "Data items of the published entries",
       "第十四条", "count", False),
    _d("share_ratio", Group.QUANTITY, "可共享比例", "Share ratio",
       "无条件共享与有条件共享目录数 ÷ 已发布目录数", "(Unconditional + conditional) ÷ published",
       "第五条", "ratio", True,
       "复核不予共享目录的依据，凡无法律法规依据的应改为有条件或无条件共享（第五条：依法不能共享的才不予共享）。",
       "Review the not-shared entries: without a legal basis they should be shared (Art. 5)."),
    _d("completeness", Group.QUALITY, "核心元数据完整率", "Core metadata completeness",
       "已发布目录平均填写的核心元数据项数 ÷ 13", "Mean core elements stated per entry ÷ 13",
       "第十四条", "ratio", True,
       "补全目录的核心元数据（分类、摘要、格式、信息项、共享与开放属性、更新周期、关联资源代码）。",
       "Complete the entries' core metadata (classification, summary, format, items, sharing, "
       "update cycle, related codes)."),
    _d("conformance", Group.QUALITY, "标准符合性测试通过率", "Conformance pass rate",
       "期内最近一次标准符合性测试通过的目录数 ÷ 受测目录数",
       "Entries passing their latest conformance check in the period ÷ entries checked",
       "第十六条", "ratio", True,
       "按标准符合性测试报告逐条整改目录，整改后重新报送。",
       "Correct each entry the conformance check failed and resubmit it."),
    _d("legal_basis", Group.QUALITY, "不予共享依据完备率", "Legal basis for not-shared",
       "注明法律法规依据的不予共享目录数 ÷ 不予共享目录数",
       "Not-shared entries stating their legal basis ÷ not-shared entries",
       "第十三条", "ratio", True,
       "为每一条不予共享目录注明法律、行政法规或国家政策依据。",
       "State the law, regulation or national policy behind every not-shared entry."),
    _d("change_reporting", Group.CHANGE, "变更按时告知率", "Changes reported in time",
       "期内生效且在20日内告知的关键要素变更数 ÷ 期内生效的变更数",
       "Key-element changes effective in the period reported within 20 days ÷ such changes",
       "第十七条", "ratio", True,
       "关键要素变化后20日内通过变更告知报送信息化主管部门，建立变更登记制度。",
       "Report key-element changes within 20 days of taking effect; keep a change register."),
    _d("decided_in_time", Group.REQUESTS, "申请按时办理率", "Requests decided in time",
       "期内受理且在审核期限（工作日）内作出答复的申请数 ÷ 期内受理且已答复或已逾期的申请数",
       "Requests received in the period decided within the review working days ÷ those decided "
       "or past their deadline",
       "第二十七条", "ratio", True,
       "指定专人每日处理共享申请，在5个工作日内答复，不予共享的说明理由。",
       "Have someone decide share requests daily, within 5 working days, giving reasons."),
    _d("median_decision_days", Group.REQUESTS, "答复用时中位数", "Median decision time",
       "期内受理并已答复的申请，受理至答复的工作日数中位数",
       "Median working days from receipt to decision of the requests received in the period",
       "第二十七条", "days", False),
    _d("rejections_upheld", Group.REQUESTS, "拒绝理由成立率", "Rejections upheld",
       "1 − 经协调被撤销的拒绝数 ÷ 期内作出的拒绝数",
       "1 − rejections overturned in mediation ÷ rejections made in the period",
       "第二十五条", "ratio", True,
       "拒绝共享须有法律法规依据并充分说明理由；对被协调撤销的拒绝逐件复盘。",
       "Reject only on a legal ground with full reasons; review every overturned rejection."),
    _d("delivery_timeliness", Group.TIMELINESS, "数据按时更新率", "Deliveries on time",
       "期内按更新周期按时交付数 ÷（期内应交付的交付数 + 期末仍逾期未交付的目录数）",
       "Deliveries on time in the period ÷ (deliveries that answered a due date in the period + "
       "entries still overdue at the period's end)",
       "第二十三条", "ratio", True,
       "按目录的更新周期及时交付数据，设置交付提醒，逾期目录优先补交。",
       "Deliver on each entry's update cycle; set reminders and catch up overdue entries first."),
    _d("consumer_departments", Group.USAGE, "使用部门数", "Consumer departments",
       "期内持有本部门资源有效授权的部门数；得分 = 100 × 本部门数 ÷ 本轮最高部门数",
       "Departments holding an active grant to its resources in the period; score = 100 × own ÷ "
       "the round's best", "第二十二条", "count", True,
       "提高可共享目录的可用性与数据质量，主动对接业务部门的共享需求。",
       "Make the shared resources more usable and reach out to departments that need them."),
    _d("grants", Group.USAGE, "有效授权数", "Active grants",
       "期内有效的授权（信息项）数", "Grants (data items) active in the period",
       "第二十二条", "count", False),
    _d("accesses", Group.USAGE, "调用与下载次数", "Downloads and queries",
       "期内对本部门资源成功的下载与查询次数（交换日志）",
       "Successful downloads and queries of its resources in the period (exchange log)",
       "第二十六条", "count", False),
    _d("supervision", Group.SUPERVISION, "监督事项", "Supervision",
       "100 − 20×逾期整改通知 − 10×未办结整改通知 − 10×逾期数据异议 − 5×未办结数据异议（不低于0）",
       "100 − 20 per overdue and 10 per other open rectification order − 10 per overdue and 5 per "
       "other open discrepancy (at least 0)", "第三十六条", "count", True,
       "按期办结整改通知与数据异议，逐项说明整改措施并附佐证材料。",
       "Close rectification orders and discrepancy reports on time, with measures and evidence."),
    _d("rectifications_open", Group.SUPERVISION, "未办结整改通知", "Open rectification orders",
       "期末未办结的整改通知数（含逾期）", "Rectification orders open at the period's end",
       "第三十六条", "count", False),
    _d("discrepancies_open", Group.SUPERVISION, "未办结数据异议", "Open discrepancies",
       "期末针对本部门未办结的数据异议数（含逾期）",
       "Discrepancy reports against it open at the period's end", "第二十条", "count", False),
)  # fmt: skip
"""Every indicator, defined once (formula, article, whether it scores, the suggestion)."""

INDICATOR_BY_CODE: Final[Mapping[str, IndicatorDef]] = {d.code: d for d in INDICATORS}


@dataclass(frozen=True)
class DepartmentFacts:
    """What the platform counts for one department and period (from its own records).

    Points in time ("at the period's end") are taken at min(period end, computation day).
    """

    department_id: int
    department_name: str
    # quantity and quality: the entries published at the period's end
    published_entries: int = 0
    data_items: int = 0
    shareable_entries: int = 0  # 无条件 + 有条件 among them
    elements_stated: int = 0  # sum over them of elements_present()
    conformance_checked: int = 0  # entries with a conformance check in the period (the latest)
    conformance_passed: int = 0
    not_shared_entries: int = 0
    not_shared_with_basis: int = 0
    # change reporting: change reports whose change took effect in the period
    changes: int = 0
    changes_in_time: int = 0
    # requests received (received_on) in the period, as provider
    requests_due: int = 0  # decided, or undecided past their review deadline
    requests_in_time: int = 0  # decided on or before review_due
    decision_working_days: tuple[int, ...] = ()  # one per decided request
    rejections: int = 0  # provider rejections made in the period
    rejections_overturned: int = 0  # of those, overturned in mediation
    # update timeliness
    deliveries_due: int = 0  # deliveries in the period that answered a due date
    deliveries_on_time: int = 0
    entries_overdue: int = 0  # periodic entries overdue at the period's end
    # usage of its resources
    consumer_departments: int = 0
    grants: int = 0
    accesses: int = 0
    # supervision at the period's end
    rectifications_open: int = 0  # including the overdue ones
    rectifications_overdue: int = 0
    discrepancies_open: int = 0  # including the overdue ones
    discrepancies_overdue: int = 0


@dataclass(frozen=True)
class IndicatorValue:
    code: str
    value: float | None  # the measured value (a ratio 0–1, a count or days); None: no data
    numerator: float | None = None
    denominator: float | None = None
    score: float | None = None  # 0–100 for scored indicators with data
    weak: bool = False


@dataclass(frozen=True)
class DepartmentResult:
    department_id: int
    department_name: str
    indicators: tuple[IndicatorValue, ...]
    group_scores: Mapping[str, float | None]
    computed_score: float
    grade: Grade
    rank: int
    suggestions: tuple[str, ...] = field(default=())  # the codes of the weak indicators


def decided_in_time(decided_on: date | None, review_due: date | None) -> bool:
    """A request counts as decided in time when its provider decision came on or before its
    review deadline (第二十七条); no deadline recorded: in time."""
    return decided_on is not None and (review_due is None or decided_on <= review_due)


def decision_working_days(
    received_on: date, decided_on: date, *, calendar: WorkdayCalendar | None = None
) -> int:
    """Working days from receipt to decision (a decision on the day of receipt: 0)."""
    return working_days_between(received_on, decided_on, calendar=calendar)


def request_counts_as_due(decided_on: date | None, review_due: date | None, asof: date) -> bool:
    """Whether a request received in the period enters the denominator of 申请按时办理率:
    decided, or still undecided after its deadline (one not yet due is not judged)."""
    return decided_on is not None or (review_due is not None and asof > review_due)


def supervision_score(facts: DepartmentFacts) -> float:
    p = SUPERVISION_PENALTIES
    lost = (
        p["rectifications_overdue"] * facts.rectifications_overdue
        + p["rectifications_open"] * (facts.rectifications_open - facts.rectifications_overdue)
        + p["discrepancies_overdue"] * facts.discrepancies_overdue
        + p["discrepancies_open"] * (facts.discrepancies_open - facts.discrepancies_overdue)
    )
    return max(0.0, 100.0 - lost)


def _relative(value: int, best: int) -> float | None:
    return None if best <= 0 else round(100.0 * value / best, 2)


def indicator_values(
    facts: DepartmentFacts, best: Mapping[str, int] | None = None
) -> tuple[IndicatorValue, ...]:
    """Every indicator of one department; `best` holds the round's best published_entries and
    consumer_departments (the relative scores); without it the department is its own best."""
    f = facts
    best = best or {}

    def ratio(code: str, num: float, den: float) -> IndicatorValue:
        if not den:
            return IndicatorValue(code, None, num, den)
        value = num / den
        score = round(100.0 * value, 2)
        return IndicatorValue(code, value, num, den, score, score < WEAK_BELOW)

    def relative(code: str, value: int) -> IndicatorValue:
        score = _relative(value, max(best.get(code, 0), value))
        return IndicatorValue(
            code, float(value), score=score, weak=score is not None and score < WEAK_BELOW
        )

    def count(code: str, value: float | None) -> IndicatorValue:
        return IndicatorValue(code, value)

    median = float(statistics.median(f.decision_working_days)) if f.decision_working_days else None
    rejections_upheld = ratio(
        "rejections_upheld", f.rejections - f.rejections_overturned, f.rejections
    )
    supervision = supervision_score(f)
    values = {
        "published_entries": relative("published_entries", f.published_entries),
        "data_items": count("data_items", float(f.data_items)),
        "share_ratio": ratio("share_ratio", f.shareable_entries, f.published_entries),
        "completeness": ratio("completeness", f.elements_stated, 13 * f.published_entries),
        "conformance": ratio("conformance", f.conformance_passed, f.conformance_checked),
        "legal_basis": ratio("legal_basis", f.not_shared_with_basis, f.not_shared_entries),
        "change_reporting": ratio("change_reporting", f.changes_in_time, f.changes),
        "decided_in_time": ratio("decided_in_time", f.requests_in_time, f.requests_due),
        "median_decision_days": count("median_decision_days", median),
        "rejections_upheld": rejections_upheld,
        "delivery_timeliness": ratio(
            "delivery_timeliness", f.deliveries_on_time, f.deliveries_due + f.entries_overdue
        ),
        "consumer_departments": relative("consumer_departments", f.consumer_departments),
        "grants": count("grants", float(f.grants)),
        "accesses": count("accesses", float(f.accesses)),
        "supervision": IndicatorValue(
            "supervision", supervision, score=supervision, weak=supervision < WEAK_BELOW
        ),
        "rectifications_open": count("rectifications_open", float(f.rectifications_open)),
        "discrepancies_open": count("discrepancies_open", float(f.discrepancies_open)),
    }
    return tuple(values[d.code] for d in INDICATORS)


def group_scores(values: Iterable[IndicatorValue]) -> dict[str, float | None]:
    """Each group's score: the mean of its scored indicators with data (None: no data)."""
    collected: dict[str, list[float]] = {g.value: [] for g in Group}
    for v in values:
        definition = INDICATOR_BY_CODE[v.code]
        if definition.scored and v.score is not None:
            collected[definition.group].append(v.score)
    return {g: (round(sum(s) / len(s), 2) if s else None) for g, s in collected.items()}


def weighted_score(groups: Mapping[str, float | None], weights: Mapping[str, float]) -> float:
    """The weighted mean of the groups with data (the weights of the others shared out); 0 when
    no group has data or every weight is 0."""
    present = [(g, s) for g, s in groups.items() if s is not None and weights.get(g, 0) > 0]
    total_weight = sum(weights[g] for g, _ in present)
    if not total_weight:
        return 0.0
    return round(sum(weights[g] * s for g, s in present) / total_weight, 2)


def grade_of(score: float, bands: Mapping[str, float] | None = None) -> Grade:
    """The grade of a score under `bands` (policy; default 优秀 ≥ 90, 良好 ≥ 75, 合格 ≥ 60)."""
    bands = bands or DEFAULT_GRADE_BANDS
    for grade in (Grade.EXCELLENT, Grade.GOOD, Grade.PASS):
        if score >= bands[grade]:
            return grade
    return Grade.FAIL


def competition_ranks(scores: Mapping[int, float]) -> dict[int, int]:
    """Rank 1 for the highest; equal scores share a rank and the next rank skips (1, 2, 2, 4)."""
    ordered = sorted(scores.values(), reverse=True)
    return {key: ordered.index(score) + 1 for key, score in scores.items()}


def check_weights(weights: Mapping[str, float]) -> list[str]:
    """Problems with a set of group weights (empty when valid): every group, 0–100, sum 100."""
    problems = [f"missing:{g.value}" for g in Group if g.value not in weights]
    problems += [f"unknown:{k}" for k in weights if k not in Group._value2member_map_]
    problems += [
        f"range:{k}"
        for k, w in weights.items()
        if not (isinstance(w, (int, float)) and math.isfinite(w) and 0 <= w <= 100)
    ]
    if not problems and abs(sum(weights.values()) - 100) > 1e-6:
        problems.append("sum")
    return problems


def check_grade_bands(bands: Mapping[str, float]) -> list[str]:
    """Problems with grade bands (empty when valid): 0 < 合格 < 良好 < 优秀 ≤ 100."""
    try:
        e, g, p = (float(bands[k]) for k in (Grade.EXCELLENT, Grade.GOOD, Grade.PASS))
    except (KeyError, TypeError, ValueError):
        return ["missing"]
    return [] if 0 < p < g < e <= 100 else ["order"]


def score_round(
    facts: Sequence[DepartmentFacts],
    weights: Mapping[str, float] | None = None,
    bands: Mapping[str, float] | None = None,
) -> list[DepartmentResult]:
    """The whole round: every department's indicators, group scores, total, grade, rank and
    suggestions, ordered by rank then name. The one function the platform's round computation,
    the tests and the benchmark call."""
    weights = weights or DEFAULT_WEIGHTS
    best = {
        "published_entries": max((f.published_entries for f in facts), default=0),
        "consumer_departments": max((f.consumer_departments for f in facts), default=0),
    }
    partial = []
    for f in facts:
        values = indicator_values(f, best)
        groups = group_scores(values)
        partial.append((f, values, groups, weighted_score(groups, weights)))
    ranks = competition_ranks({f.department_id: total for f, _, _, total in partial})
    results = [
        DepartmentResult(
            f.department_id,
            f.department_name,
            values,
            groups,
            total,
            grade_of(total, bands),
            ranks[f.department_id],
            tuple(v.code for v in values if v.weak),
        )
        for f, values, groups, total in partial
    ]
    return sorted(results, key=lambda r: (r.rank, r.department_name))


def rerank(
    scores: Mapping[int, float], bands: Mapping[str, float] | None = None
) -> dict[int, tuple[int, Grade]]:
    """Ranks and grades from effective scores (after a supervisor's adjustment)."""
    ranks = competition_ranks(scores)
    return {k: (ranks[k], grade_of(s, bands)) for k, s in scores.items()}


def suggestion_text(code: str, lang: str = "zh") -> str:
    d = INDICATOR_BY_CODE[code]
    return d.suggestion_zh if lang == "zh" else d.suggestion_en


# --- rounds ------------------------------------------------------------------------------------


class RoundStatus(Labelled):
    DRAFT = "draft"  # computed, not published (初稿): recompute, adjust, explanations
    PUBLISHED = "published"  # 已发布: immutable, visible to every department


register_labels(
    {RoundStatus.DRAFT: ("初稿", "Draft"), RoundStatus.PUBLISHED: ("已发布", "Published")}
)


ASSESSOR_ROLES: Final = frozenset({Role.SUPERVISOR})
"""Who opens, recomputes, adjusts and publishes rounds and issues rectification orders."""

DEPARTMENT_RESPONDER_ROLES: Final = frozenset({Role.RESOURCE_ADMIN})
"""Who files a department's explanation (申辩) and answers its rectification orders."""

_DRAFT = RoundStatus.DRAFT
ROUND = StateMachine(
    "assessment_round",
    RoundStatus.DRAFT,
    (
        _t("recompute", {_DRAFT}, _DRAFT, set(ASSESSOR_ROLES), Party.PLATFORM),
        _t("publish", {_DRAFT}, RoundStatus.PUBLISHED, set(ASSESSOR_ROLES), Party.PLATFORM),
    ),
)
"""A round is computed when opened (初稿); recompute replaces the snapshot until publication."""

MAX_ADJUSTMENT: Final = 100.0
MIN_EXPLANATION_LENGTH: Final = 2
MAX_TEXT_LENGTH: Final = 4000

# --- rectification orders (第三十六条) ----------------------------------------------------------


class Article36Item(StrEnum):
    """The items of 第三十六条 an order cites."""

    ONE = "1"
    TWO = "2"
    THREE = "3"
    FOUR = "4"
    FIVE = "5"
    SIX = "6"
    SEVEN = "7"

    @property
    def numeral(self) -> str:
        return "一二三四五六七"[int(self.value) - 1]

    @property
    def label_zh(self) -> str:
        return f"第三十六条第（{self.numeral}）项：{_ART36[self][0]}"

    @property
    def label_en(self) -> str:
        return f"Art. 36 ({self.value}): {_ART36[self][1]}"

    @property
    def short_zh(self) -> str:
        return f"第三十六条（{self.numeral}）"


_ART36: Final = {
    Article36Item.ONE: (
        "重复采集能够通过共享获取的信息资源的，随意扩大信息采集范围的",
        "collecting again what sharing provides, or widening collection at will",
    ),
    Article36Item.TWO: (
        "不按规定将本部门政务信息资源提供给其他部门共享的，提供信息共享的方式不能满足其他部门实际需求的",
        "not providing its information for sharing, or not in a way other departments need",
    ),
    Article36Item.THREE: (
        "故意提供不真实、不全面共享信息内容的，未按要求及时发布、更新、纠正共享政务信息和资源目录的",
        "providing untrue or incomplete data, or not publishing, updating or correcting in time",
    ),
    Article36Item.FOUR: (
        "对获得的共享信息管理不善，造成信息滥用、扩散和泄露的",
        "managing shared data badly, so that it was misused, spread or leaked",
    ),
    Article36Item.FIVE: (
        "未与信息提供部门签订相关许可协议，擅自将共享获得的信息转让给第三方或利用共享信息开展经营性活动的",
        "passing shared data to third parties or using it commercially without an agreement",
    ),
    Article36Item.SIX: (
        "对于监督检查机关责令整改的问题，拒不整改的",
        "refusing to rectify what the supervising authority ordered",
    ),
    Article36Item.SEVEN: (
        "其他违反共享管理办法应当给予处分的行为",
        "other breaches of the sharing regulation",
    ),
}


class RectificationStatus(Labelled):
    ISSUED = "issued"  # 待整改: waiting for the department's answer
    ANSWERED = "answered"  # 待验收: the supervisor checks the measures
    RETURNED = "returned"  # 退回重改: answer again
    CLOSED = "closed"  # 已办结
    WITHDRAWN = "withdrawn"  # 已撤销 (issued in error)


register_labels(
    {
        RectificationStatus.ISSUED: ("待整改", "Awaiting rectification"),
        RectificationStatus.ANSWERED: ("待验收", "Awaiting acceptance"),
        RectificationStatus.RETURNED: ("退回重改", "Returned"),
        RectificationStatus.CLOSED: ("已办结", "Closed"),
        RectificationStatus.WITHDRAWN: ("已撤销", "Withdrawn"),
    }
)

_R = RectificationStatus
_SUP = set(ASSESSOR_ROLES)
_DEPT = set(DEPARTMENT_RESPONDER_ROLES)
RECTIFICATION = StateMachine(
    "rectification",
    _R.ISSUED,
    (
        # the department: the measures taken (reason = the measures)
        _t("answer", {_R.ISSUED, _R.RETURNED}, _R.ANSWERED, _DEPT, Party.OWNER_DEPT, reason=True),
        # the supervisor: accept, or return with what is missing (optionally a new due date)
        _t("accept", {_R.ANSWERED}, _R.CLOSED, _SUP, Party.PLATFORM),
        _t("return", {_R.ANSWERED}, _R.RETURNED, _SUP, Party.PLATFORM, reason=True),
        _t(
            "withdraw",
            {_R.ISSUED, _R.ANSWERED, _R.RETURNED},
            _R.WITHDRAWN,
            _SUP,
            Party.PLATFORM,
            reason=True,
        ),
    ),
)

RECTIFICATION_OPEN_STATES: Final = frozenset({_R.ISSUED, _R.ANSWERED, _R.RETURNED})
"""Not closed or withdrawn: count as open in the supervision indicator."""

RECTIFICATION_DUE_STATES: Final = frozenset({_R.ISSUED, _R.RETURNED})
"""The department's deadline runs in these; past `due` the order is overdue (to-dos, indicator).
An answered order is not overdue: the supervisor holds it."""

DEFAULT_RECTIFICATION_WORKING_DAYS: Final = 10
MAX_RECTIFICATION_WORKING_DAYS: Final = 120
MAX_EVIDENCE_BYTES: Final = 10 * 1024 * 1024


def rectification_overdue(status: str, due: date | None, today: date) -> bool:
    return status in RECTIFICATION_DUE_STATES and due is not None and today > due
