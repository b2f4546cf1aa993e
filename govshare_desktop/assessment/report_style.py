"""What the printed assessment report looks like: the embedded CJK font, paragraph styles, the
report's fixed words in both languages and how values are written (report_pdf.py builds it).

The font is WenQuanYi Micro Hei (govshare_core.resources, a TrueType collection: subfont 0),
embedded as a subset; every string of the report, charts included, uses it, so the PDF needs no
font of the reader's computer.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Final

from reportlab.lib import colors
from reportlab.lib.units import mm

from govshare_core import clock
from govshare_core.assessment import INDICATOR_BY_CODE, Grade, Group, IndicatorDef
from govshare_core.assessment_schemas import IndicatorValueOut, RoundOut

# the printed forms' A4 geometry and ink (common/print_layout.py), re-exported for the
# report's modules; a taller top margin, for the report's running header
from govshare_desktop.common.print_layout import ACCENT as ACCENT
from govshare_desktop.common.print_layout import FRAME_PADDING as FRAME_PADDING
from govshare_desktop.common.print_layout import INK as INK
from govshare_desktop.common.print_layout import MARGIN_BOTTOM as MARGIN_BOTTOM
from govshare_desktop.common.print_layout import MARGIN_X as MARGIN_X
from govshare_desktop.common.print_layout import MUTED as MUTED
from govshare_desktop.common.print_layout import PAGE_H as PAGE_H
from govshare_desktop.common.print_layout import PAGE_W as PAGE_W
from govshare_desktop.common.print_layout import WIDTH, cjk_font

MARGIN_TOP: Final = 22 * mm
FRAME_W: Final = WIDTH
"""The width content may take."""

RULE: Final = colors.HexColor("#b8bec6")
HEADER_FILL: Final = colors.HexColor("#e8edf3")
ZEBRA_FILL: Final = colors.HexColor("#f6f8fa")
WEAK_FILL: Final = colors.HexColor("#fbeaea")
WEAK_INK: Final = colors.HexColor(Grade.FAIL.colour)


def font() -> str:
    """The registered CJK font's name (common/print_layout.py registers it once, for every PDF
    the desktop writes; binary streams: ASCII85 cost a fifth of a 100-department report's time
    and a sixth of its size)."""
    return cjk_font()


def grade_colour(grade: str) -> colors.Color:
    return colors.HexColor(Grade(grade).colour)


def tint(colour: colors.Color, strength: float) -> colors.Color:
    """`colour` mixed into white (an opaque light fill: no transparency groups in the PDF)."""
    r, g, b = colour.rgb()
    return colors.Color(*(1 - strength * (1 - c) for c in (r, g, b)))


@dataclass(frozen=True)
class TextStyle:
    """How a block of report text looks (report_text.TextBlock draws it)."""

    size: float = 9.5
    leading: float = 14
    colour: colors.Color = INK
    align: str = "left"  # or "centre"
    before: float = 0
    after: float = 3


STYLES: Final[dict[str, TextStyle]] = {
    "body": TextStyle(),
    "item": TextStyle(size=9, leading=12.5, after=1.5),
    "small": TextStyle(size=8, leading=11.5, colour=MUTED, after=1),
    "cell": TextStyle(size=8, leading=10, after=0),
    "th": TextStyle(size=8, leading=10, align="centre", after=0),
    "h1": TextStyle(size=15, leading=21, colour=ACCENT, before=2, after=6),
    "h2": TextStyle(size=11, leading=15, before=5, after=2.5),
    "dept": TextStyle(size=14, leading=18, colour=ACCENT, after=3),
    "cover_title": TextStyle(size=24, leading=34, align="centre"),
    "cover_sub": TextStyle(size=15, leading=22, align="centre"),
    "cover_meta": TextStyle(size=11, leading=20, align="centre", after=0),
    "mark": TextStyle(size=20, leading=26, align="centre", after=0),
}


# --- words -------------------------------------------------------------------------------------

_WORDS: Final[dict[str, tuple[str, str]]] = {
    "title": ("政务信息资源共享考核评估报告", "Government Information Sharing Assessment Report"),
    "dept_title": ("部门考核评估结果", "Department assessment result"),
    "issuer": ("信息化主管部门", "The informatisation authority"),
    "draft_note": (
        "本报告为初稿，结果未经发布，仅供核对与申辩，不得作为正式结论引用。",
        "Draft: the results are not published; for checking and explanations only.",
    ),
    "published_note": (
        "本报告依据《政务信息资源共享管理办法》第三十四条定期公布。",
        "Published under Article 34 (regular publication) of the sharing regulation.",
    ),
    "period": ("考核期间", "Period"),
    "asof": ("数据截至", "Data as of"),
    "computed_on": ("计算日期", "Computed on"),
    "published_on": ("发布日期", "Published on"),
    "generated": ("报告生成", "Report generated"),
    "departments": ("参评部门", "Departments assessed"),
    "department": ("部门", "Department"),
    "provisional": (
        "注：本期涉及的工作日按暂定日历计算（国务院尚未公布该年节假日安排）。",
        "Note: working days in this period rest on a provisional calendar.",
    ),
    "summary": ("一、总体情况", "1. Summary"),
    "ranking": ("二、得分与排名", "2. Scores and ranking"),
    "chart": ("三、得分分布", "3. Scores"),
    "cards": ("四、各部门评估结果", "4. Department results"),
    "orders": ("五、整改通知（第三十六条）", "5. Rectification orders (Art. 36)"),
    "appendix": ("附：指标说明", "Appendix: indicators"),
    "rank": ("排名", "Rank"),
    "score": ("得分", "Score"),
    "grade": ("等级", "Grade"),
    "indicator": ("指标", "Indicator"),
    "group": ("类别", "Group"),
    "article": ("依据", "Article"),
    "value": ("数值", "Value"),
    "assessment": ("评价", "Rating"),
    "formula": ("计算方法", "Formula"),
    "weight": ("权重", "Weight"),
    "weak": ("薄弱", "Weak"),
    "not_scored": ("不计分", "not scored"),
    "no_data": ("无数据", "no data"),
    "average": ("平均得分", "Mean score"),
    "highest": ("最高分", "Highest"),
    "lowest": ("最低分", "Lowest"),
    "bands": ("等级划分", "Grade bands"),
    "adjusted_mark": (
        "* 经评估监督员调整的得分（计算得分与调整理由见该部门评估结果页）。",
        "* Adjusted by the supervisor (the computed score and the reason are on its page).",
    ),
    "computed_score": ("计算得分", "Computed score"),
    "adjusted_to": ("调整后得分", "Adjusted score"),
    "adjust_reason": ("调整理由", "Reason"),
    "adjusted_by": ("调整人", "Adjusted by"),
    "groups": ("分类得分", "Group scores"),
    "indicators": ("指标明细", "Indicators"),
    "no_indicators": ("本轮没有该部门的指标数据。", "No indicator data for this department."),
    "trend": ("历次得分", "Trend"),
    "no_trend": ("暂无历次考核数据。", "No earlier rounds."),
    "suggestions": ("改进建议", "Suggestions"),
    "no_suggestions": ("各项计分指标均未低于薄弱线，无改进建议。", "No weak indicator."),
    "explanations": ("部门申辩", "Explanations"),
    "no_explanations": ("无。", "None."),
    "no_orders": ("本期无整改通知。", "No rectification orders in this period."),
    "item": ("事项", "Item"),
    "status": ("状态", "Status"),
    "due": ("整改期限", "Due"),
    "issued": ("下达日期", "Issued"),
    "facts": ("事实", "Facts"),
    "overdue": ("已逾期", "overdue"),
    "items_cited": ("所引第三十六条事项：", "Items of Article 36 cited:"),
    "page": ("第 {n} 页 / 共 {m} 页", "Page {n} of {m}"),
    "chart_caption": (
        "按排名列出各部门得分（条形颜色为等级，竖线为等级分界）；完整名称见排名表。",
        "Scores by rank (bar colour: grade; lines: grade bands); full names in the ranking.",
    ),
    "working_days": ("个工作日", "working days"),
    "score_of": ("满分100", "out of 100"),
}


def word(key: str, lang: str) -> str:
    zh, en = _WORDS[key]
    return zh if lang == "zh" else en


def truncate(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


# --- values ------------------------------------------------------------------------------------


def local_date(moment: datetime | date) -> date:
    """Dates on the report are the platform's calendar dates (govshare_core.clock)."""
    return clock.local_date(moment) if isinstance(moment, datetime) else moment


def day_text(day: datetime | date, lang: str) -> str:
    d = local_date(day)
    return f"{d.year}年{d.month:02d}月{d.day:02d}日" if lang == "zh" else d.isoformat()


def short_day(day: datetime | date) -> str:
    """A date in a table column: 2026-08-03."""
    return local_date(day).isoformat()


@dataclass(frozen=True)
class RoundDate:
    """The date a round's report carries: its publication, or for a draft its computation."""

    label: str
    text: str


def round_date(round_: RoundOut, lang: str) -> RoundDate:
    if round_.published_at is not None:
        return RoundDate(word("published_on", lang), day_text(round_.published_at, lang))
    return RoundDate(word("computed_on", lang), day_text(round_.computed_at, lang))


def status_label(round_: RoundOut, lang: str) -> str:
    return round_.status.label_zh if lang == "zh" else round_.status.label_en


def period_label(round_: RoundOut, lang: str) -> str:
    if lang == "zh":
        return round_.period_label
    return f"{round_.starts.isoformat()} – {round_.ends.isoformat()}"


def score_text(score: float | None, digits: int = 1) -> str:
    return "—" if score is None else f"{score:.{digits}f}"


def _number(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"


def value_text(value: IndicatorValueOut, definition: IndicatorDef | None, lang: str) -> str:
    """An indicator's measured value by its unit: 87.5%（35/40）, 1,204, 3 个工作日, 无数据."""
    unit = definition.unit if definition is not None else "count"
    if value.value is None:
        return word("no_data", lang)
    if unit == "ratio":
        text = f"{100 * value.value:.1f}%"
        if value.numerator is not None and value.denominator:
            text += f"（{_number(value.numerator)}/{_number(value.denominator)}）"
        return text
    if unit == "days":
        sep = "" if lang == "zh" else " "
        return f"{_number(value.value)}{sep}{word('working_days', lang)}"
    return _number(value.value)


def indicator_label(code: str, lang: str) -> str:
    d = INDICATOR_BY_CODE.get(code)
    if d is None:
        return code
    return d.label_zh if lang == "zh" else d.label_en


def group_label(group: str, lang: str) -> str:
    try:
        g = Group(group)
    except ValueError:
        return group
    return g.label_zh if lang == "zh" else g.label_en


def grade_label(grade: str, lang: str) -> str:
    g = Grade(grade)
    return g.label_zh if lang == "zh" else g.label_en
