"""UI language: Qt translators for GovShare's own strings and Qt's, and domain labels.

The source strings are Chinese (zh_CN, the default); English comes from
resources/translations/govshare_en.qm, built from govshare_en.ts by tools/build_translations.py.

    lang = install(app, "en")     # before any window is built
    language()                    # "zh_CN" or "en"
    label(EntryStatus.DRAFT)      # the vocab label in the UI language
"""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from govshare_desktop import host

LANGUAGES = ("zh_CN", "en")
DEFAULT_LANGUAGE = "zh_CN"

_active = DEFAULT_LANGUAGE
_installed: list[QTranslator] = []


class Labelled(Protocol):
    @property
    def label_zh(self) -> str: ...

    @property
    def label_en(self) -> str: ...


class _Translator(QTranslator):
    """Looks a string up in its context, then in the empty context: pyside6-lupdate files
    `tr("…")` calls of module-level helper functions there, whatever context they use."""

    def translate(
        self, context: str, source: str, disambiguation: str | None = None, n: int = -1
    ) -> str | None:
        text = super().translate(context, source, disambiguation, n)
        if not text and context:
            text = super().translate("", source, disambiguation, n)
        return text or None  # None (a null QString) means "not translated here"


def translations_dir() -> Path:
    """The compiled translations (package data, also in a PyInstaller bundle)."""
    return host.translations_dir()


def normalize(lang: str | None) -> str:
    """Map "en", "en_US", "zh", "zh_CN"… to one of LANGUAGES (default zh_CN)."""
    if lang and lang.lower().startswith("en"):
        return "en"
    return DEFAULT_LANGUAGE


def install(app: QCoreApplication, lang: str | None) -> str:
    """Install the translators for `lang` (replacing earlier ones); return the active language."""
    global _active
    for old in _installed:
        app.removeTranslator(old)
    _installed.clear()
    _active = normalize(lang)
    locale = QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)
    if _active == "zh_CN":
        locale = QLocale(QLocale.Language.Chinese, QLocale.Country.China)
    QLocale.setDefault(locale)
    if _active == "en":
        own = _Translator(app)
        if own.load("govshare_en", str(translations_dir())):
            _installed.append(own)
    else:  # Qt's own strings (standard buttons, context menus) in Chinese
        qt = QTranslator(app)
        qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        if qt.load(locale, "qtbase", "_", qt_dir):
            _installed.append(qt)
    for translator in _installed:
        app.installTranslator(translator)
    return _active


def language() -> str:
    """The active UI language: "zh_CN" or "en"."""
    return _active


def label(value: Labelled) -> str:
    """A govshare_core.vocab label in the UI language."""
    return value.label_en if _active == "en" else value.label_zh
