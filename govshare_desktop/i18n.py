"""UI language: Qt translators for GovShare's own strings and Qt's, and domain labels.

The source strings are Chinese (zh_CN, the default); English comes from
resources/translations/govshare_en.qm, built from govshare_en.ts by tools/build_translations.py.

    lang = install(app, "en")     # before any window is built
    language()                    # "zh_CN" or "en"
    label(EntryStatus.DRAFT)      # the vocab label in the UI language

This module is also the one home of the language-dependent format helpers every screen uses:
vocab labels (`label`, `label_of`), field labels (`field_label`), rule messages (`message`,
`rule_message`), times and dates in Beijing time (`time_text`, `parse_date`, `qtoday`).
"""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum
from pathlib import Path
from typing import Protocol, runtime_checkable

from PySide6.QtCore import QCoreApplication, QDate, QLibraryInfo, QLocale, QTranslator

from govshare_core import clock
from govshare_core.validation import FIELD_LABELS, RULE_MESSAGES, FieldError
from govshare_desktop import host

LANGUAGES = ("zh_CN", "en")
DEFAULT_LANGUAGE = "zh_CN"

_active = DEFAULT_LANGUAGE
_installed: list[QTranslator] = []


@runtime_checkable
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


def module_tr(context: str, text: str) -> str:
    """The lookup of a module-level `tr("…")` helper. lupdate files a call of a plain `tr()`
    function under the empty context, so that is where its English is; `context` (the
    helper's own) is tried first, for strings a class of that name translates too."""
    out = QCoreApplication.translate(context, text)
    return out if out != text else QCoreApplication.translate("", text)


def language() -> str:
    """The active UI language: "zh_CN" or "en"."""
    return _active


def english() -> bool:
    return _active == "en"


def label(value: Labelled) -> str:
    """A govshare_core.vocab label in the UI language."""
    return value.label_en if english() else value.label_zh


def label_of(enum: type[StrEnum], code: object) -> str:
    """The label of `code` in `enum`, or the code itself when unknown ("" for None)."""
    if code is None:
        return ""
    try:
        member = enum(str(code))
    except ValueError:
        return str(code)
    return label(member) if isinstance(member, Labelled) else str(code)


def field_label(name: str) -> str:
    """The label of an entry field (govshare_core.validation.FIELD_LABELS)."""
    zh, en = FIELD_LABELS.get(name, (name, name))
    return en if english() else zh


def message(error: FieldError) -> str:
    """A core rule's message in the UI language."""
    return error.message_en if english() else error.message_zh


def rule_message(code: str, what: str, **params: object) -> str:
    """A core rule's message (govshare_core.validation.RULE_MESSAGES) in the UI language, about
    `what` (already in the UI language) instead of the field's own label."""
    zh, en = RULE_MESSAGES[code]
    return (en if english() else zh).format(label=what, **params)


def parse_date(value: object) -> date | None:
    """An API date (or the date part of a timestamp); None for None or ""."""
    if value is None or value == "":
        return None
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


def qdate(day: date) -> QDate:
    """A date for a date edit or calendar."""
    return QDate(day.year, day.month, day.day)


def qtoday() -> QDate:
    """The platform's today (govshare_core.clock: Asia/Shanghai, whatever this machine's zone),
    for a date edit's default or bounds."""
    return qdate(clock.today())


def parse_time(value: object) -> datetime | None:
    """An API timestamp (ISO 8601, "Z" allowed; a datetime as it is), or None when it is not
    one."""
    if isinstance(value, datetime):
        return value
    try:
        return datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError:
        return None


def time_text(value: object, *, seconds: bool = False) -> str:
    """An API timestamp (ISO 8601, UTC when naive) as "YYYY-MM-DD HH:MM" (with `seconds`,
    ":SS" too) in Beijing time, the platform's (govshare_core.clock), whatever this machine's
    zone: a record reads the same on every screen and printout, the audit trail's and the
    platform's exports included. Not a timestamp: the value as it is."""
    if not value:
        return ""
    moment = parse_time(value)
    if moment is None:
        return str(value)
    return clock.platform_time(moment).strftime(
        "%Y-%m-%d %H:%M:%S" if seconds else "%Y-%m-%d %H:%M"
    )
