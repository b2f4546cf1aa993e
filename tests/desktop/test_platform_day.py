"""The desktop counts in the platform's day (govshare_core.clock: Asia/Shanghai), not in the
zone its machine is set to: on a client left at another zone, the dates a form offers and a
filter starts from are Beijing's, so what the form allows the platform accepts (第二十七条's
deadlines and a grant's end date are Beijing dates)."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from govshare_core.vocab import Role
from govshare_desktop.audit.filters import TrailFilters
from govshare_desktop.requests.form_presenter import default_end_date
from govshare_desktop.requests.request_form import RequestFormDialog
from tests.desktop.conftest import LiveServer
from tests.desktop.requests_support import publish_entry

DAY = timedelta(days=1)


def beijing_today() -> date:
    return datetime.now(ZoneInfo("Asia/Shanghai")).date()


def test_a_request_forms_dates_are_beijings_on_a_machine_in_another_zone(
    far_zone: str, live_server: LiveServer, make_context, qtbot
) -> None:  # type: ignore[no-untyped-def]
    entry = publish_entry(live_server, "A")
    applicant = make_context("B", Role.APPLICANT)
    form = RequestFormDialog(context=applicant, entry=applicant.client.entry(entry["id"]))
    qtbot.addWidget(form)
    today = beijing_today()
    assert date.today() != today, far_zone  # the machine's own date is another day
    # the earliest end date is Beijing's tomorrow: the platform refuses an end date of today
    # or earlier, and one a day later is valid
    edit = form.ui.endDateEdit
    assert edit.minimumDate().toPython() == today + DAY
    assert edit.maximumDate().toPython() == date(today.year + 10, today.month, today.day)
    assert edit.date().toPython() == default_end_date(today)

    edit.setDate(today + DAY)
    form.ui.businessEdit.setText("低保资格审核中的户籍核验")
    form.ui.usersEdit.setText("社会救助科审核人员")
    form.ui.reasonEdit.setPlainText("依《社会救助暂行办法》核对申请人户籍，属本局法定职责")
    body = form.validate()
    assert body is not None and body["end_date"] == (today + DAY).isoformat()


def test_the_audit_filters_default_to_beijings_last_week(far_zone: str, qtbot) -> None:  # type: ignore[no-untyped-def]
    filters = TrailFilters()
    qtbot.addWidget(filters)
    today = beijing_today()
    assert date.today() != today, far_zone
    since, until = filters.sinceEdit.dateTime(), filters.untilEdit.dateTime()
    assert since.date().toPython() == today - 7 * DAY and since.time().hour() == 0
    assert until.date().toPython() == today + DAY and until.time().hour() == 0


def test_times_read_in_beijing_time_on_a_machine_in_another_zone(far_zone: str) -> None:
    from govshare_desktop.home.page import format_as_of
    from govshare_desktop.i18n import time_text
    from govshare_desktop.login.presenter import format_local_time

    # 16:05 UTC is 00:05 the next day in Beijing: a record, the printouts and the platform's
    # own exports (the audit trail's CSV) all read it so
    assert time_text("2026-12-02T16:05:00Z") == "2026-12-03 00:05"
    assert time_text("2026-12-02T16:05:00") == "2026-12-03 00:05"  # the API's naive = UTC
    assert time_text(datetime(2026, 12, 2, 16, 5, tzinfo=ZoneInfo("UTC"))) == "2026-12-03 00:05"
    assert format_as_of(datetime(2026, 12, 2, 16, 5, tzinfo=ZoneInfo("UTC"))) == "2026-12-03 00:05"
    assert format_local_time("2026-12-02T16:05:00Z") == "2026-12-03 00:05"  # not today
    # today's sign-in shows the time alone: "today" is Beijing's, not the machine's
    now = datetime.now(ZoneInfo("UTC")).replace(microsecond=0)
    shown = now.astimezone(ZoneInfo("Asia/Shanghai"))
    full = shown.strftime("%Y-%m-%d %H:%M")
    expected = shown.strftime("%H:%M") if shown.date() == beijing_today() else full
    assert format_local_time(now.isoformat()) == expected
