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
