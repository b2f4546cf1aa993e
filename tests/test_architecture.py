"""Import direction (docs/design.md §2): desktop → core ← platform; a pure core; a Qt-free platform.

Checked twice: by import-linter's contracts in pyproject.toml (what CI's lint step runs), and by
walking the source ASTs directly, which also sees imports inside functions and TYPE_CHECKING.
"""

from __future__ import annotations

import ast
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from govshare_core import rules, workflow

ROOT = Path(__file__).resolve().parent.parent
CORE_FORBIDDEN = {
    "PySide6",
    "fastapi",
    "starlette",
    "sqlalchemy",
    "alembic",
    "uvicorn",
    "govshare_platform",
    "govshare_desktop",
}
PLATFORM_FORBIDDEN = {"PySide6", "shiboken6", "govshare_desktop"}


def imported_modules(path: Path) -> set[str]:
    """Top-level names of every module `path` imports (absolute imports only)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add(node.module.split(".")[0])
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id == "__import__"
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            found.add(node.args[0].value.split(".")[0])
    return found


def violations(package: str, forbidden: set[str]) -> list[str]:
    files = sorted((ROOT / package).rglob("*.py"))
    assert files, f"no sources found for {package}"
    return [
        f"{f.relative_to(ROOT)} imports {name}"
        for f in files
        for name in sorted(imported_modules(f) & forbidden)
    ]


def test_core_imports_no_framework_database_or_other_package() -> None:
    assert violations("govshare_core", CORE_FORBIDDEN) == []


def test_platform_imports_no_qt_or_desktop() -> None:
    assert violations("govshare_platform", PLATFORM_FORBIDDEN) == []


def test_the_walker_sees_the_imports_it_should(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text(
        "import os.path\n"
        "from PySide6.QtCore import QObject\n"
        "from . import sibling\n"
        "def f():\n"
        "    import sqlalchemy.orm\n"
        "    return __import__('fastapi')\n"
    )
    assert imported_modules(sample) == {"os", "PySide6", "sqlalchemy", "fastapi"}


def test_import_linter_contracts_are_kept() -> None:
    beside = Path(sys.executable).parent / "lint-imports"
    exe = str(beside) if beside.exists() else shutil.which("lint-imports")
    if exe is None:
        pytest.fail("lint-imports is not installed (pip install -e '.[test]')")
    result = subprocess.run(
        [exe, "--no-cache"], cwd=ROOT, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stdout + result.stderr
    kept = re.search(r"Contracts: (\d+) kept, 0 broken", result.stdout)
    assert kept and int(kept.group(1)) >= 7, result.stdout


# --- the platform's own structure (docs/architecture.md §3) -----------------------------------

PLATFORM_DOMAINS = (
    "audit",
    "auth",
    "catalog",
    "demo",
    "departments",
    "grants",
    "idempotency",
    "inbox",
    "pki",
    "policy",
    "requests",
)


def _module_imports(path: Path) -> set[str]:
    """Full dotted names of every absolute import in `path` (also inside functions)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found |= {node.module} | {f"{node.module}.{a.name}" for a in node.names}
    return found


def test_platform_feature_code_has_no_hidden_imports() -> None:
    bad = [
        f"{f.relative_to(ROOT)} imports {name}"
        for domain in PLATFORM_DOMAINS
        for f in sorted((ROOT / "govshare_platform" / domain).rglob("*.py"))
        for name in sorted(imported_modules(f) & {"importlib"})
    ]
    assert bad == []


def test_services_take_a_session_not_the_request_context() -> None:
    services = sorted((ROOT / "govshare_platform").glob("*/service.py"))
    assert len(services) >= 8
    bad = [
        f"{f.relative_to(ROOT)} imports {name}"
        for f in services
        for name in sorted(_module_imports(f))
        if name.startswith(("govshare_platform.deps", "fastapi.Request", "starlette"))
    ]
    assert bad == []


def test_grants_never_import_requests() -> None:
    bad = [
        f"{f.relative_to(ROOT)} imports {name}"
        for f in sorted((ROOT / "govshare_platform" / "grants").rglob("*.py"))
        for name in sorted(_module_imports(f))
        if name.startswith("govshare_platform.requests")
    ]
    assert bad == []


# --- one home for every rule: govshare_core (rules, workflow, validation) ----------------------

CORE_RULE_NAMES = frozenset(
    {name for name in vars(rules) if name.isupper()}
    | {"REQUEST_REVIEW_STATES", "ENTRY_REVIEW_STATES", "KEY_ELEMENTS", "REVIEW_WORKING_DAYS"}
)
RULE_LIKE = re.compile(
    r"DAYS|WORKING|REVIEW|REASON|LENGTH|EXPIR|WAITING|RETENTION|DEADLINE|WARNING|REMINDER"
)
REGULATION_NUMBERS = frozenset(
    {
        rules.MIN_REASON_LENGTH,
        rules.DEFAULT_REVIEW_WORKING_DAYS,
        rules.DEFAULT_CHANGE_REPORT_DAYS,
        rules.DEFAULT_LOG_RETENTION_YEARS,
        rules.GRANT_EXPIRY_WARNING_DAYS,
    }
)
STATUS_ENUMS = frozenset({"EntryStatus", "RequestStatus", "GrantStatus", "ChangeReportStatus"})
_ORDERING = (ast.Lt, ast.LtE, ast.Gt, ast.GtE)


def _assigned(node: ast.stmt) -> list[tuple[str, ast.expr]]:
    if isinstance(node, ast.Assign):
        return [(t.id, node.value) for t in node.targets if isinstance(t, ast.Name)]
    if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name) and node.value:
        return [(node.target.id, node.value)]
    return []


def _constant_copy(name: str, value: ast.expr) -> str | None:
    """Why the module-level `name = value` copies a core rule, or None."""
    bare = name.lstrip("_").upper()
    if bare in CORE_RULE_NAMES:
        return f"defines {name}, a name of the core's rules"
    if not RULE_LIKE.search(bare):
        return None
    nodes = list(ast.walk(value))
    numbers = {
        n.value
        for n in nodes
        if isinstance(n, ast.Constant) and type(n.value) is int and n.value in REGULATION_NUMBERS
    }
    if numbers:
        return f"defines {name} = {sorted(numbers)}, a regulation number under a rule-like name"
    states = [n for n in nodes if isinstance(n, ast.Name) and n.id in STATUS_ENUMS]
    if states:
        return f"defines {name} from workflow states (the core's review states?)"
    return None


def _is_len(node: ast.expr) -> bool:
    return isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "len"


def _length_literal(node: ast.Compare) -> bool:
    """`len(text) < 2` and the like: the minimum reason length written as a literal."""
    sides = [node.left, *node.comparators]
    literal = any(isinstance(s, ast.Constant) and s.value == rules.MIN_REASON_LENGTH for s in sides)
    return literal and any(_is_len(s) for s in sides) and isinstance(node.ops[0], _ORDERING)


def _shown(path: Path) -> str:
    return str(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path.name)


def rule_copies(path: Path) -> list[str]:
    """Regulation constants and rule literals that `path` defines instead of importing."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found = [
        why
        for node in tree.body
        for name, value in _assigned(node)
        if (why := _constant_copy(name, value))
    ]
    found += [
        f"line {n.lineno}: compares a length with {rules.MIN_REASON_LENGTH} (MIN_REASON_LENGTH)"
        for n in ast.walk(tree)
        if isinstance(n, ast.Compare) and _length_literal(n)
    ]
    return [f"{_shown(path)}: {why}" for why in found]


def rule_copies_in(package: str) -> list[str]:
    files = sorted((ROOT / package).rglob("*.py"))
    assert files, package
    return [why for f in files if "migrations" not in f.parts for why in rule_copies(f)]


def test_the_rule_scanner_catches_copies(tmp_path: Path) -> None:
    sample = tmp_path / "presenter.py"
    sample.write_text(
        "from govshare_core.vocab import RequestStatus\n"
        "CHANGE_REPORT_DAYS = 20  # 第十七条\n"
        "EXPIRY_WARNING_DAYS: int = 14\n"
        "_WAITING = {RequestStatus.SUBMITTED, RequestStatus.DISPUTED}\n"
        "_MIN_LENGTH = {'reason': 2}\n"
        "MIN_REASON_LENGTH = 3\n"
        "PAGE_SIZE = 20\n"
        "def ok(text):\n"
        "    return len(text.strip()) >= 2\n"
        "def fine(parts):\n"
        "    return len(parts) == 2\n",
        encoding="utf-8",
    )
    found = rule_copies(sample)
    assert len(found) == 6, found
    for name in ("CHANGE_REPORT_DAYS", "EXPIRY_WARNING_DAYS", "_WAITING", "_MIN_LENGTH"):
        assert any(name in why for why in found), name
    assert any("MIN_REASON_LENGTH, a name of the core" in why for why in found)
    assert any("line 9: compares a length" in why for why in found)


def test_the_platform_defines_no_regulation_constant() -> None:
    assert rule_copies_in("govshare_platform") == []


def test_the_desktop_defines_no_regulation_constant() -> None:
    assert rule_copies_in("govshare_desktop") == []


# --- one function decides who may act: govshare_core.workflow.refusal/may_take ----------------

WHO_FIELDS = frozenset({"party", "override_roles", "not_by_submitter"})


def who_interpretations(path: Path) -> list[str]:
    """Places that read a transition's who (party, override, four eyes) themselves or compare
    `submitted_by` with a user: deciding who may act outside govshare_core.workflow."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found = []
    for n in ast.walk(tree):
        if isinstance(n, ast.Attribute) and n.attr in WHO_FIELDS:
            found.append(f"line {n.lineno}: reads .{n.attr}")
        elif (
            isinstance(n, ast.Attribute) and isinstance(n.value, ast.Name) and n.value.id == "Party"
        ):
            found.append(f"line {n.lineno}: uses Party.{n.attr}")
        elif isinstance(n, ast.Compare) and "submitted_by" in ast.unparse(n):
            found.append(f"line {n.lineno}: compares submitted_by")
    return [f"{_shown(path)}: {why}" for why in found]


def who_interpretations_in(package: str) -> list[str]:
    files = sorted((ROOT / package).rglob("*.py"))
    return [why for f in files if "migrations" not in f.parts for why in who_interpretations(f)]


def test_platform_access_checks_are_the_cores() -> None:
    from govshare_platform.catalog import access as catalog_access
    from govshare_platform.grants import access as grant_access
    from govshare_platform.inbox import service as inbox
    from govshare_platform.requests import access as request_access

    for module in (catalog_access, grant_access, request_access):
        assert module.refusal is workflow.refusal, module.__name__
    assert inbox.may_take is workflow.may_take
    assert who_interpretations_in("govshare_platform") == []


def test_the_who_scanner_sees_a_hand_coded_check(tmp_path: Path) -> None:
    sample = tmp_path / "access.py"
    sample.write_text(
        "def f(t, e, uid):\n    return t.party is Party.OWNER_DEPT and e['submitted_by'] != uid\n",
        encoding="utf-8",
    )
    assert len(who_interpretations(sample)) == 3, who_interpretations(sample)


def test_the_desktop_asks_the_core_who_may_act() -> None:
    assert who_interpretations_in("govshare_desktop") == []


# --- one calendar day: govshare_core.clock (Asia/Shanghai) ------------------------------------

MACHINE_DAY_CALLS = frozenset(
    {"date.today", "datetime.today", "QDate.currentDate", "QDateTime.currentDateTime"}
)
MACHINE_ZONE_METHODS = frozenset({"astimezone", "toLocalTime"})


def machine_day_reads(path: Path) -> list[str]:
    """Places that take today's date or a time from the machine's zone (`date.today()`, a
    naive `datetime.now()`, `astimezone()` without a zone, Qt's `QDate.currentDate()` and
    `toLocalTime()`) or name the platform's zone themselves instead of asking
    govshare_core.clock: a client at another zone would count deadlines from another day and
    show times that disagree with the platform's records."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found = []
    for n in ast.walk(tree):
        if not isinstance(n, ast.Call):
            if isinstance(n, ast.Constant) and n.value == "Asia/Shanghai":
                found.append(f"line {n.lineno}: names the zone Asia/Shanghai")
            continue
        func = ast.unparse(n.func)
        zoneless = not n.args and not n.keywords
        if (
            func in MACHINE_DAY_CALLS
            or (func == "datetime.now" and zoneless)
            or (
                isinstance(n.func, ast.Attribute)
                and n.func.attr in MACHINE_ZONE_METHODS
                and zoneless
            )
        ):
            found.append(f"line {n.lineno}: {ast.unparse(n)}")
    found.sort(key=lambda why: int(why.split(":")[0].removeprefix("line ")))
    return [f"{_shown(path)}: {why}" for why in found]


def test_the_machine_day_scanner_sees_each_form(tmp_path: Path) -> None:
    sample = tmp_path / "page.py"
    sample.write_text(
        "from datetime import date, datetime\n"
        "from zoneinfo import ZoneInfo\n"
        "a = date.today()\n"
        "b = QDate.currentDate().addDays(1)\n"
        "c = datetime.today()\n"
        "ZONE = ZoneInfo('Asia/Shanghai')\n"
        "d = clock.today()\n"
        "e = datetime.now(UTC)\n"
        "f = datetime.now()\n"
        "g = moment.astimezone().strftime('%H:%M')\n"
        "h = moment.astimezone(UTC)\n"
        "i = QDateTime.fromSecsSinceEpoch(0).toLocalTime()\n"
        "j = QDateTime.currentDateTime()\n",
        encoding="utf-8",
    )
    found = machine_day_reads(sample)
    assert [why.split(": ", 1)[1] for why in found] == [
        "line 3: date.today()",
        "line 4: QDate.currentDate()",
        "line 5: datetime.today()",
        "line 6: names the zone Asia/Shanghai",
        "line 9: datetime.now()",
        "line 10: moment.astimezone()",
        "line 12: QDateTime.fromSecsSinceEpoch(0).toLocalTime()",
        "line 13: QDateTime.currentDateTime()",
    ]


@pytest.mark.parametrize("package", ["govshare_core", "govshare_platform", "govshare_desktop"])
def test_today_comes_from_the_core_clock(package: str) -> None:
    files = sorted((ROOT / package).rglob("*.py"))
    assert files, package
    own = ROOT / "govshare_core" / "clock.py"
    assert [why for f in files if f != own for why in machine_day_reads(f)] == []
