"""The printed 申请表 and 目录登记表 built from the platform's JSON (no server): what is on them,
A4 pages, the page count in every footer, the font embedded."""

from __future__ import annotations

import shutil
import subprocess
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from govshare_core.workdays import WorkdayCalendar
from govshare_desktop.catalog.print_entry import entry_sheet
from govshare_desktop.common.print_layout import build_sheet_pdf
from govshare_desktop.requests.print_form import request_sheet
from tests.platform.catalog_helpers import entry_payload

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils")

DETAIL: dict[str, Any] = {
    "id": 7,
    "entry_name": "婚姻登记信息",
    "resource_code": "101002/000004",
    "provider_department_name": "南通市民政局",
    "consumer_department_name": "南通市公安局",
    "applicant_name": "赵申请",
    "share_type": "conditional",
    "status": "rejected",
    "data_items": ["姓名", "婚姻状况"],
    "business": "户籍登记中的婚姻状况核验",
    "users": "户政窗口工作人员",
    "share_mode": "query",
    "reason": "办理户籍登记需核验婚姻状况",
    "end_date": "2027-06-30",
    "received_on": "2026-12-01",
    "statutory_citation": None,
    "rejection_ground": "privacy",
    "rejection_comment": "涉及个人隐私",
    "events": [
        {"at": "2026-12-01T02:00:00Z", "action": "submit", "actor_id": 3,
         "actor_name": "赵申请", "to_status": "submitted", "comment": None},
        {"at": "2026-12-02T02:00:00Z", "action": "provider_reject", "actor_id": 4,
         "actor_name": "钱管理", "to_status": "provider_rejected", "comment": "涉及个人隐私"},
        {"at": "2026-12-03T02:00:00Z", "action": "dispute", "actor_id": 3,
         "actor_name": "赵申请", "to_status": "disputed", "comment": "属于法定职责"},
    ],
    "disputes": [
        {"created_at": "2026-12-03T02:00:00Z", "reason": "属于法定职责", "status": "upheld",
         "resolution": "维持拒绝：申请未说明法定职责依据"},
    ],
}  # fmt: skip


def text_of(pdf: bytes, tmp_path: Path) -> tuple[str, int]:
    path = tmp_path / "sheet.pdf"
    path.write_bytes(pdf)
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
    pages = int(next(li.split()[-1] for li in info.stdout.splitlines() if li.startswith("Pages")))
    size = next(li for li in info.stdout.splitlines() if li.startswith("Page size"))
    assert "(A4)" in size, size
    return "".join(text.split(" ")), pages  # pdftotext spaces out CJK text


def test_request_sheet_lists_decisions_and_disputes(qapp, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    sheet = request_sheet(DETAIL, {}, date(2026, 12, 4), calendar=WorkdayCalendar())
    text, pages = text_of(build_sheet_pdf(sheet), tmp_path)
    for words in (
        "政务信息资源共享申请表",
        "赵申请",
        "钱管理",
        "提供方拒绝",
        "涉及个人隐私",
        "争议与协调",
        "维持拒绝：申请未说明法定职责依据",
        "第1页/共1页",
    ):
        assert words in text, words
    assert pages == 1
    assert "法定共享依据《" not in text  # the field only for a 不予共享 request
    assert text.count("属于法定职责") == 2  # the dispute's event and its row; not the fields


def test_a_long_entry_sheet_runs_over_pages_with_its_header(qapp, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    entry = entry_payload(name="法人单位基本信息")
    entry.update(
        id=9,
        status="published",
        resource_code="102001/000009",
        department_name="南通市市场监督管理局",
        provider_code="11320600014160002",
        published_on="2026-11-20",
        created_at="2026-11-10T01:00:00Z",
        updated_at="2026-11-20T01:00:00Z",
        data_items=[
            {"name": f"信息项{n:03d}", "data_type": "C", "length": 50} for n in range(1, 121)
        ],
    )
    sheet = entry_sheet(entry, [], date(2026, 12, 4))
    text, pages = text_of(build_sheet_pdf(sheet), tmp_path)
    assert pages >= 3
    assert f"第{pages}页/共{pages}页" in text
    assert text.count("信息项名称") >= 2  # the items' header again on the next page
    assert "信息项120" in text and "有条件共享" in text and "发布（第十六条）" in text
