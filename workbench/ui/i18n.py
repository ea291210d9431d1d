"""Languages: the workbench speaks Chinese first.

Source strings in the code are Chinese (``self.tr("举报")``); English comes from
``workbench/resources/translations/workbench_en.ts``, compiled to ``.qm`` with
``pyside6-lrelease`` when the app starts (the ``.qm`` lives in the user cache,
never in the package, and is rebuilt whenever the ``.ts`` is newer).  After
adding or changing a ``tr()`` string, refresh the ``.ts`` and fill in the English::

    .venv/bin/pyside6-lupdate $(find workbench/ui -name '*.py') \
        -ts workbench/resources/translations/workbench_en.ts

Domain labels (categories, statuses, roles) come as (Chinese, English) pairs from
:mod:`workbench.models.codes` and are picked with :func:`pick`.
"""

from __future__ import annotations

import logging
import re
import shutil
import subprocess
import sys
from importlib.resources import as_file
from pathlib import Path

import PySide6
from platformdirs import user_cache_dir
from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from workbench.resources import resource

log = logging.getLogger(__name__)

LANGUAGES = ("zh_CN", "en")
DEFAULT_LANGUAGE = "zh_CN"
LANGUAGE_NAMES = {"zh_CN": "简体中文", "en": "English"}
TRANSLATIONS_DIR = resource("translations")  # the .ts sources (package data, read-only)
_PROPERTY = "workbench_language"


def language() -> str:
    """The language the running app shows (``zh_CN`` without an app)."""
    app = QCoreApplication.instance()
    value = app.property(_PROPERTY) if app is not None else None
    return value if value in LANGUAGES else DEFAULT_LANGUAGE


def pick(pair: tuple[str, str]) -> str:
    """The Chinese or English half of a (zh, en) label pair."""
    return pair[0] if language() == "zh_CN" else pair[1]


_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


def halves(text: str) -> tuple[str, str] | None:
    """The Chinese and English halves of a "中文 / English" text the services write
    (a hit's explanation, a label), or None when it is not one.  The English half is
    the first part after " / " that starts with a Latin letter, after Chinese text;
    either half may hold " / " itself or quote Chinese."""
    parts = text.split(" / ")
    for i in range(1, len(parts)):
        head = " / ".join(parts[:i])
        if parts[i][:1].isascii() and parts[i][:1].isalpha() and _CJK.search(head):
            return head, " / ".join(parts[i:])
    return None


def one_language(text: str) -> str:
    """A "中文 / English" text in the current language only; any other text as it is."""
    pair = halves(text)
    return text if pair is None else pick(pair)


def error_text(zh: str, en: str) -> str:
    """A reviewer-facing message in the current language only (the log keeps both:
    :func:`workbench.ui.errors.refusal_text`)."""
    return zh if language() == "zh_CN" else en


def lrelease_executable() -> str | None:
    candidates = [
        Path(PySide6.__file__).parent / "lrelease",
        Path(sys.executable).parent / "pyside6-lrelease",
    ]
    for candidate in candidates:
        if candidate.exists():
            return str(candidate)
    return shutil.which("pyside6-lrelease") or shutil.which("lrelease")


def compile_translation(lang: str, out_dir: Path | None = None) -> Path | None:
    """The ``.qm`` for ``lang``, compiled from its ``.ts`` when missing or stale."""
    shipped = TRANSLATIONS_DIR / f"workbench_{lang}.ts"
    if not shipped.is_file():
        return None
    out_dir = out_dir or Path(user_cache_dir("workbench", appauthor=False)) / "translations"
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / f"workbench_{lang}.qm"
    # lrelease reads a file on disk: as_file gives the shipped one (a copy if it is zipped).
    with as_file(shipped) as source:
        if target.exists() and target.stat().st_mtime >= source.stat().st_mtime:
            return target
        tool = lrelease_executable()
        if tool is None:
            log.warning("pyside6-lrelease not found; %s stays untranslated", lang)
            return None
        result = subprocess.run(
            [tool, "-silent", str(source), "-qm", str(target)],
            capture_output=True,
            text=True,
            check=False,
        )
    if result.returncode != 0 or not target.exists():
        log.warning("lrelease failed for %s: %s", shipped, result.stderr.strip())
        return None
    return target


#: Qt 6 strings its shipped Chinese catalogue (qtbase_zh_CN) lacks: the file dialog's
#: labels gained a mnemonic ("&Look in:") and lost their old translation.
QT_SUPPLEMENT_ZH = {
    ("QFileDialog", "&Look in:"): "查找范围(&L)：",
    ("QFileDialog", "Files of &type:"): "文件类型(&T)：",
    ("QFileDialog", "File name:"): "文件名称：",
}


class _QtSupplement(QTranslator):
    """Answers the few Qt strings in :data:`QT_SUPPLEMENT_ZH`; no answer (a null string) lets
    Qt ask its own catalogue."""

    def translate(self, context, source, disambiguation=None, n=-1):  # noqa: ARG002 - Qt's
        return QT_SUPPLEMENT_ZH.get((str(context), str(source)))  # None: ask the next one

    def isEmpty(self) -> bool:
        return False


def install(app: QCoreApplication, lang: str) -> None:
    """Switch ``app`` to ``lang``: our translation plus Qt's own (standard buttons)."""
    lang = lang if lang in LANGUAGES else DEFAULT_LANGUAGE
    for old in app.findChildren(QTranslator, "workbench-translator"):
        app.removeTranslator(old)
        old.deleteLater()
    app.setProperty(_PROPERTY, lang)
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    files: list[tuple[str, str]] = []
    if lang == "zh_CN":
        files.append((f"qtbase_{lang}.qm", qt_dir))
    else:
        qm = compile_translation(lang)
        if qm is not None:
            files.append((qm.name, str(qm.parent)))
    if lang == "zh_CN":
        supplement = _QtSupplement(app)
        supplement.setObjectName("workbench-translator")
        app.installTranslator(supplement)
    for name, folder in files:
        translator = QTranslator(app)
        translator.setObjectName("workbench-translator")
        if translator.load(name, folder):
            app.installTranslator(translator)
        else:
            log.warning("could not load translation %s from %s", name, folder)


def speaks_system_language(lang: str | None = None) -> bool:
    """Whether the workbench's language is the system's (so native dialogs match it)."""
    chosen = QLocale(lang or language()).language()
    return QLocale.system().language() == chosen


def file_dialog_options(extra=None):
    """Options for a QFileDialog: Qt's own dialog (translated with the rest of the
    workbench) when the system's native one would speak another language than the
    workbench does; the native one otherwise."""
    from PySide6.QtWidgets import QFileDialog

    options = QFileDialog.Option(0) if extra is None else extra
    if not speaks_system_language():
        options |= QFileDialog.Option.DontUseNativeDialog
    return options


if __name__ == "__main__":  # ``python -m workbench.ui.i18n``: build every .qm in the user cache
    for code in LANGUAGES:
        print(code, compile_translation(code))
