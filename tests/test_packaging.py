"""The wheel and the PyInstaller bundle ship every file the programs open at run time.

Both take their data files from pyproject.toml's package-data (tools/bundle_data.py). An
earlier bundle left out the offline store's migrations and crashed at sign-in; these tests fail
when a data file inside the packages is shipped by neither, or when a folder the code opens is
not in the list. CI builds the real bundle and runs its self-test (.ci/run).
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from govshare_core.resources import CJK_FONT, CJK_FONT_LICENCE
from govshare_desktop import host
from govshare_desktop.store import migrate as store_migrate
from govshare_platform import migrate as platform_migrate

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))
import bundle_data  # noqa: E402


def test_every_data_file_in_the_packages_is_shipped() -> None:
    assert bundle_data.unshipped_files() == []


def test_the_folders_the_code_opens_are_shipped() -> None:
    shipped = set(bundle_data.runtime_data_files())
    opened = [
        *host.ui_dir().glob("*.ui"),
        *host.translations_dir().glob("*.qm"),
        host.icon_path("govshare.svg"),
        host.icon_path("govshare.ico"),
        store_migrate.MIGRATIONS / "env.py",
        *(store_migrate.MIGRATIONS / "versions").glob("0*.py"),
        platform_migrate.MIGRATIONS / "env.py",
        *(platform_migrate.MIGRATIONS / "versions").glob("0*.py"),
        CJK_FONT,
        CJK_FONT_LICENCE,
    ]
    assert len(opened) > 20
    assert host.translations_dir().joinpath("govshare_en.qm") in opened
    missing = [str(p.relative_to(ROOT)) for p in opened if p.resolve() not in shipped]
    assert missing == []


def test_the_bundle_takes_its_data_and_excludes_from_the_shared_list() -> None:
    spec = (ROOT / "pyinstaller.spec").read_text(encoding="utf-8")
    assert "datas=pyinstaller_datas(ROOT)" in spec
    assert "excludes=list(BUNDLE_EXCLUDES)" in spec
    assert "console=False" in spec
    datas = bundle_data.pyinstaller_datas()
    destinations = {dest for _src, dest in datas}
    assert {
        "govshare_desktop/store/migrations/versions",
        "govshare_platform/migrations/versions",
        "govshare_desktop/ui",
        "govshare_desktop/resources/translations",
        "govshare_core/fonts",
    } <= {d.replace("\\", "/") for d in destinations}
    for module in ("pytest", "hypothesis", "mypy", "httpx2"):
        assert module in bundle_data.BUNDLE_EXCLUDES


def test_a_new_data_folder_missing_from_the_list_is_reported(tmp_path: Path) -> None:
    """The check can fail: a package gains a data folder that package-data does not name."""
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    for package in bundle_data.PACKAGES:
        (tmp_path / package).mkdir()
    templates = tmp_path / "govshare_platform" / "agreements" / "templates"
    templates.mkdir(parents=True)
    (templates / "agreement.html").write_text("<p>{{ parties }}</p>", encoding="utf-8")
    (tmp_path / "govshare_desktop" / "README.md").write_text("dev only", encoding="utf-8")
    assert bundle_data.unshipped_files(tmp_path) == [templates / "agreement.html"]


def test_the_windows_version_resource_carries_the_package_version() -> None:
    import ast

    from govshare_desktop import __version__

    text = bundle_data.windows_version_info(__version__)
    tree = ast.parse(text, mode="eval")  # PyInstaller evaluates this text on Windows
    assert isinstance(tree.body, ast.Call) and tree.body.func.id == "VSVersionInfo"  # type: ignore[attr-defined]
    quad = tuple(int(p) for p in __version__.split(".")) + (0,) * (4 - len(__version__.split(".")))
    assert f"filevers={quad}" in text
    assert f"StringStruct('ProductVersion', '{__version__}')" in text
