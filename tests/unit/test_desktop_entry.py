"""``workbench desktop-entry install`` / ``remove``: a menu entry that opens this
workbench, with its icon, in the user's data folder (XDG_DATA_HOME respected)."""

from __future__ import annotations

import configparser
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from workbench.cli import main
from workbench.commands import desktop_entry
from workbench.resources import resource


def read_entry(path: Path) -> dict[str, str]:
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # keys are case-sensitive
    parser.read(path, encoding="utf-8")
    return dict(parser["Desktop Entry"])


def exec_argv(value: str) -> list[str]:
    """The program and arguments of an Exec value, read as the Desktop Entry
    specification says: string escapes first, then quoting, then ``%%``."""
    escapes = {"\\": "\\", "s": " ", "n": "\n", "t": "\t", "r": "\r"}
    text, i = "", 0
    while i < len(value):
        if value[i] == "\\":
            text += escapes[value[i + 1]]
            i += 2
        else:
            text += value[i]
            i += 1
    args, arg, quoted, i = [], None, False, 0
    while i < len(text):
        c = text[i]
        if quoted and c == "\\":
            assert text[i + 1] in '"`$\\', f"bad escape in {value!r}"
            arg += text[i + 1]
            i += 1
        elif c == '"':
            quoted, arg = not quoted, arg or ""
        elif c == " " and not quoted:
            if arg is not None:
                args.append(arg)
            arg = None
        else:
            assert quoted or c not in '"\'\\><~|&;$*?#()`\t\n', f"unquoted {c!r} in {value!r}"
            arg = (arg or "") + c
        i += 1
    assert not quoted, f"unterminated quote in {value!r}"
    if arg is not None:
        args.append(arg)
    return [a.replace("%%", "%") for a in args]


def test_install_writes_the_entry_and_icon_under_xdg_data_home(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert main(["desktop-entry", "install"]) == 0
    entry = tmp_path / "data" / "applications" / "workbench.desktop"
    icon = tmp_path / "data" / "icons" / "hicolor" / "scalable" / "apps" / "workbench.svg"
    out = capsys.readouterr().out
    assert str(entry) in out and str(icon) in out
    assert not (tmp_path / "home").exists()

    keys = read_entry(entry)
    assert keys["Type"] == "Application"
    assert keys["Name"] == "账号信息投诉举报处理工作台"
    assert keys["Name[en]"] == "Workbench"
    assert keys["Icon"] == "workbench"  # found as icons/hicolor/scalable/apps/workbench.svg
    assert keys["Terminal"] == "false"
    program = exec_argv(keys["Exec"])
    assert len(program) == 1 and Path(program[0]).is_absolute()
    assert keys["TryExec"] == program[0]
    # The menu runs this installation's workbench (no command: the desktop opens).
    version = subprocess.run([*program, "--version"], capture_output=True, text=True, timeout=60)
    assert version.returncode == 0 and version.stdout.startswith("workbench ")

    assert icon.read_bytes() == resource("desktop/workbench.svg").read_bytes()
    root = ET.fromstring(icon.read_bytes())
    assert root.tag == "{http://www.w3.org/2000/svg}svg" and root.get("viewBox") == "0 0 128 128"


@pytest.mark.parametrize("xdg", [None, "", "relative/data"])
def test_without_a_usable_xdg_data_home_it_goes_to_local_share(tmp_path, monkeypatch, xdg):
    monkeypatch.setenv("HOME", str(tmp_path))
    if xdg is None:
        monkeypatch.delenv("XDG_DATA_HOME", raising=False)
    else:
        monkeypatch.setenv("XDG_DATA_HOME", xdg)
    monkeypatch.chdir(tmp_path)
    assert main(["desktop-entry", "install"]) == 0
    assert (tmp_path / ".local/share/applications/workbench.desktop").is_file()
    assert (tmp_path / ".local/share/icons/hicolor/scalable/apps/workbench.svg").is_file()
    assert not (tmp_path / "relative").exists()


def test_install_again_replaces_and_remove_deletes_both(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    entry, icon = desktop_entry.targets(tmp_path)
    entry.parent.mkdir(parents=True)
    entry.write_text("[Desktop Entry]\nName=old\n", encoding="utf-8")
    assert main(["desktop-entry", "install"]) == 0
    assert main(["desktop-entry", "install"]) == 0
    assert read_entry(entry)["Name[en]"] == "Workbench"
    assert sorted(p.name for p in entry.parent.iterdir()) == ["workbench.desktop"]
    capsys.readouterr()

    assert main(["desktop-entry", "remove"]) == 0
    assert not entry.exists() and not icon.exists()
    assert "removed" in capsys.readouterr().out
    assert main(["desktop-entry", "remove"]) == 0
    assert "未安装桌面菜单项 / no desktop entry was installed" in capsys.readouterr().out


def test_an_unwritable_data_folder_is_an_error_in_words(tmp_path, monkeypatch, capsys):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("XDG_DATA_HOME", str(blocker))
    assert main(["desktop-entry", "install"]) == 1
    assert "无法写入桌面菜单项 / cannot write the desktop entry" in capsys.readouterr().err


@pytest.mark.parametrize(
    "command",
    ["/opt/workbench/bin/workbench", "/home/li lei/my apps/work$bench", "/tmp/50%/wb\\x"],
)
def test_an_awkward_install_path_still_runs_from_the_menu(tmp_path, command):
    entry, _ = desktop_entry.install(tmp_path, command)
    keys = read_entry(entry)
    assert exec_argv(keys["Exec"]) == [command]
