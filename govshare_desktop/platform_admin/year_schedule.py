"""Where a year's working days come from, as the 工作日调整 page says it (no widgets).

`GET /workdays/years/{year}` answers a WorkdayYearOut: the year's schedule
(govshare_core.workdays.YearSchedule), the number of overrides in it and, for a confirmed year,
who confirmed it, when, and the notice it was entered from. A year without official data
(chinesecalendar ends with 2026) is provisional (暂定): weekends and the fixed-date holidays
only, and every deadline counted into it is flagged. The platform admin ends that by entering the
State Council's notice (国务院办公厅关于X年部分节假日安排的通知) as overrides and confirming the
year; only last year, this year and next year can be confirmed, and only once some of its days
are entered (`confirmation_refusal`); deadlines already set do not move.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from govshare_core.workdays import WorkdayCalendar, YearSchedule, confirmation_refusal
from govshare_desktop.i18n import label, module_tr, time_text

CONTEXT = "WorkdayYears"

SCHEDULE_COLOURS = {
    # (background, border, text) of the schedule's badge
    YearSchedule.OFFICIAL: ("#e8f0fe", "#8ab4f8", "#174ea6"),
    YearSchedule.CONFIRMED: ("#e6f4ea", "#81c995", "#0d652d"),
    YearSchedule.PROVISIONAL: ("#fff4ce", "#e0c060", "#6b4f00"),
}


def tr(text: str) -> str:
    return module_tr(CONTEXT, text)


def notice_title(year: int) -> str:
    """The State Council's notice a year's schedule is entered from."""
    return tr("国务院办公厅关于%1年部分节假日安排的通知").replace("%1", str(year))


@dataclass(frozen=True)
class YearStatus:
    """One year's schedule and confirmation (WorkdayYearOut); `overrides` is None when unknown
    (only the cached calendar was read: offline, or before the platform answered)."""

    year: int
    schedule: YearSchedule
    overrides: int | None = None
    confirmed_at: str | None = None
    confirmed_by: str | None = None
    note: str | None = None

    @classmethod
    def of(cls, row: Mapping[str, Any]) -> YearStatus:
        """From the platform's WorkdayYearOut (JSON)."""
        return cls(
            year=int(row["year"]),
            schedule=YearSchedule(str(row["schedule"])),
            overrides=int(row.get("overrides") or 0),
            confirmed_at=str(row["confirmed_at"]) if row.get("confirmed_at") else None,
            confirmed_by=row.get("confirmed_by_name"),
            note=row.get("note"),
        )

    @classmethod
    def cached(cls, year: int, calendar: WorkdayCalendar) -> YearStatus:
        """What the desktop's cached calendar knows (common.policy.calendar)."""
        return cls(year=year, schedule=calendar.schedule_of(year))

    @property
    def badge(self) -> str:
        return label(self.schedule)

    def headline(self) -> str:
        return tr("%1 年工作日安排").replace("%1", str(self.year))

    def explanation(self) -> str:
        """What the schedule means for deadlines, and what the admin should do."""
        if self.schedule is YearSchedule.OFFICIAL:
            return tr(
                "采用国务院公布的放假安排（日历数据内置），无需确认。"
                "个别日期需要调整时，在右侧逐日录入。"
            )
        if self.schedule is YearSchedule.CONFIRMED:
            return tr(
                "已按国务院放假通知录入并确认：此后计算的期限不再标注“暂定”；"
                "确认前已设定的期限不变。"
            )
        return tr(
            "尚无官方放假安排：期限按周末和可推算的法定节日（元旦、清明、劳动节、国庆节）"
            "暂定计算，并标注“暂定”。《%1》公布后，请将其中的放假日和调休上班日逐日录入为"
            "调整，再点“确认本年安排”。"
        ).replace("%1", notice_title(self.year))

    def details(self) -> list[str]:
        """The facts: overrides entered; for a confirmed year who, when and the notice."""
        lines = []
        if self.overrides is not None:
            lines.append(tr("本年已录入调整：%1 天").replace("%1", str(self.overrides)))
        if self.schedule is YearSchedule.CONFIRMED and self.confirmed_at:
            lines.append(tr("确认人：%1").replace("%1", self.confirmed_by or "—"))
            lines.append(tr("确认时间：%1").replace("%1", time_text(self.confirmed_at)))
            lines.append(tr("依据：%1").replace("%1", self.note or "—"))
        return lines

    def refusal(self, today: date) -> str | None:
        """Why the year cannot be confirmed now (said beside the disabled action), or None."""
        code = confirmation_refusal(self.year, today, self.overrides)
        if code == "official_schedule":
            return tr("该年已有官方放假安排，无需确认。")
        if code == "year_out_of_range":
            return tr(
                "只能确认上一年、本年和下一年的安排：国务院通常在每年 11 月前后公布"
                "下一年的放假安排。"
            )
        if code == "no_overrides":
            return tr(
                "请先把放假通知中的每个放假日和调休上班日录入为调整，再确认：暂定安排不含春节、"
                "端午、中秋等农历节日。"
            )
        return None

    @property
    def can_withdraw(self) -> bool:
        return self.schedule is YearSchedule.CONFIRMED


def confirm_label(status: YearStatus) -> str:
    """The confirm action's text (confirming again updates the notice)."""
    if status.schedule is YearSchedule.CONFIRMED:
        return tr("修改确认依据…")
    return tr("确认本年安排…")


def confirm_intro(status: YearStatus) -> str:
    """The confirm dialog's introduction: what to check first, and what confirming does."""
    text = tr(
        "确认前请核对：《%1》中的每个放假日和调休上班日都已录入为调整。确认后，此后计算的期限不再"
        "标注“暂定”；已设定的期限不会改变。"
    ).replace("%1", notice_title(status.year))
    if status.overrides == 0:
        text += "\n" + tr("注意：本年尚未录入任何调整。")
    return text


def refused_text(year: int, message: str) -> str:
    """The page's line for a refused confirmation (the platform's reason translated)."""
    return tr("未能确认 %1 年的工作日安排：%2").replace("%1", str(year)).replace("%2", message)
