"""``workbench desktop-entry install`` / ``remove``: the menu entry and icon on Linux desktops.

``install`` writes the shipped ``workbench.desktop`` to ``$XDG_DATA_HOME/applications``
and ``workbench.svg`` to ``$XDG_DATA_HOME/icons/hicolor/scalable/apps`` (``~/.local/share``
when ``XDG_DATA_HOME`` is unset, empty or not absolute, as the XDG base-directory
specification says).  The entry runs the ``workbench`` command of this installation by
its full path, so the menu opens this workbench even when its folder (pipx's
``~/.local/bin``, a virtual environment) is not on the desktop session's ``PATH``.
``remove`` deletes both files again.  Nothing is written inside the package.
"""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Mapping
from pathlib import Path

from workbench.commands import CommandError
from workbench.resources import resource

APP_ID = "workbench"
ENTRY = "desktop/workbench.desktop"
ICON = "desktop/workbench.svg"
# Characters that make the Exec key quote an argument (Desktop Entry spec, "The Exec key").
_RESERVED = set(" \t\n\"'\\><~|&;$*?#()`")


def register(sub, common) -> None:
    de = sub.add_parser(
        "desktop-entry",
        help="桌面菜单项和图标（Linux）/ the desktop menu entry and icon (Linux)",
    )
    de_sub = de.add_subparsers(dest="desktop_command", metavar="ACTION", required=True)
    inst = de_sub.add_parser(
        "install",
        help="安装到 ~/.local/share（遵循 XDG_DATA_HOME）/ install into ~/.local/share "
        "(XDG_DATA_HOME respected)",
    )
    inst.set_defaults(handler=cmd_install)
    rm = de_sub.add_parser("remove", help="删除已安装的菜单项和图标 / remove them again")
    rm.set_defaults(handler=cmd_remove)


def data_home(environ: Mapping[str, str] = os.environ) -> Path:
    """``$XDG_DATA_HOME``, or ``~/.local/share`` when it is unset, empty or relative."""
    value = environ.get("XDG_DATA_HOME", "")
    if value and os.path.isabs(value):
        return Path(value)
    return Path.home() / ".local" / "share"


def targets(home: Path) -> tuple[Path, Path]:
    """Where the desktop entry and the icon go under the data folder ``home``."""
    return (
        home / "applications" / f"{APP_ID}.desktop",
        home / "icons" / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg",
    )


def workbench_command() -> str:
    """The ``workbench`` command of this installation: beside this Python, else on PATH."""
    beside = Path(sys.executable).parent / APP_ID
    if beside.is_file() and os.access(beside, os.X_OK):
        return str(beside)
    return shutil.which(APP_ID) or APP_ID


def _escape(value: str) -> str:
    """A desktop-file string value: backslash, newline, tab and return escaped."""
    return (
        value.replace("\\", "\\\\").replace("\n", "\\n").replace("\t", "\\t").replace("\r", "\\r")
    )


def exec_value(command: str) -> str:
    """``command`` as the program of an Exec key: quoted when it must be, ``%`` doubled."""
    if any(c in _RESERVED for c in command):
        inner = "".join("\\" + c if c in '"`$\\' else c for c in command)
        command = f'"{inner}"'
    return _escape(command.replace("%", "%%"))


def entry_text(command: str) -> str:
    """The shipped desktop entry with Exec and TryExec naming ``command``."""
    lines = []
    for line in resource(ENTRY).read_text(encoding="utf-8").splitlines():
        if line.startswith("Exec="):
            line = f"Exec={exec_value(command)}"
        elif line.startswith("TryExec="):
            line = f"TryExec={_escape(command)}"
        lines.append(line)
    return "\n".join(lines) + "\n"


def _write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.partial")
    partial.write_bytes(data)
    os.replace(partial, path)


def install(home: Path | None = None, command: str | None = None) -> tuple[Path, Path]:
    """Write the desktop entry and the icon; returns their paths."""
    entry, icon = targets(home or data_home())
    _write(entry, entry_text(command or workbench_command()).encode("utf-8"))
    entry.chmod(0o644)
    _write(icon, resource(ICON).read_bytes())
    return entry, icon


def remove(home: Path | None = None) -> list[Path]:
    """Delete the desktop entry and the icon; returns the paths that were there."""
    removed = []
    for path in targets(home or data_home()):
        if path.exists():
            path.unlink()
            removed.append(path)
    return removed


def cmd_install(args) -> int:
    try:
        entry, icon = install()
    except OSError as exc:
        raise CommandError(
            f"无法写入桌面菜单项 / cannot write the desktop entry: {exc}", exit_code=1
        ) from exc
    print(f"已安装桌面菜单项 / desktop entry installed: {entry}")
    print(f"已安装图标 / icon installed: {icon}")
    return 0


def cmd_remove(args) -> int:
    try:
        removed = remove()
    except OSError as exc:
        raise CommandError(
            f"无法删除桌面菜单项 / cannot remove the desktop entry: {exc}", exit_code=1
        ) from exc
    if not removed:
        print("未安装桌面菜单项 / no desktop entry was installed")
    for path in removed:
        print(f"已删除 / removed: {path}")
    return 0
