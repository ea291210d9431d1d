"""scripts/setup installs what the desktop, the screenshots and the UI tests need on a fresh
Debian machine (Qt's xcb libraries, fonts-noto-cjk, Xvfb) when it is root with apt, and says
what is missing without failing otherwise (issue 18).  Run against stand-in commands."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
from pathlib import Path

import pytest

SETUP = Path(__file__).resolve().parents[2] / "scripts" / "setup"
INSTALLED = {"libegl1", "libgl1"}  # the stand-in dpkg knows only these


def _tool(path: Path, body: str) -> None:
    path.write_text("#!/bin/sh\n" + body, encoding="utf-8")
    path.chmod(path.stat().st_mode | stat.S_IEXEC)


@pytest.fixture
def machine(tmp_path):
    """A copy of the script beside a stand-in .venv, and stand-in system commands."""
    if shutil.which("bash") is None:
        pytest.skip("needs bash")
    (tmp_path / "scripts").mkdir()
    shutil.copy(SETUP, tmp_path / "scripts" / "setup")
    (tmp_path / ".venv" / "bin").mkdir(parents=True)
    _tool(tmp_path / ".venv" / "bin" / "python", "exit 0\n")
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    log = tmp_path / "apt.log"
    known = " ".join(sorted(INSTALLED))
    _tool(
        bin_dir / "dpkg-query",
        f'for p in {known}; do [ "$3" = "$p" ] && {{ echo "install ok installed"; exit 0; }}; done\n'
        "exit 1\n",
    )
    _tool(bin_dir / "apt-get", f'echo "$*" >> {log}\nexit "${{APT_FAILS:-0}}"\n')
    _tool(bin_dir / "sudo", "exit 1\n")  # sudo that would ask for a password
    return tmp_path, bin_dir, log


def _run(machine, uid: str, **env) -> subprocess.CompletedProcess:
    root, bin_dir, _log = machine
    _tool(bin_dir / "id", f"echo {uid}\n")
    return subprocess.run(
        ["bash", str(root / "scripts" / "setup")],
        env={"PATH": f"{bin_dir}:{os.environ['PATH']}", **env},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_as_root_it_installs_the_missing_screen_packages(machine):
    result = _run(machine, "0")
    assert result.returncode == 0, result.stderr
    install = [line for line in machine[2].read_text().splitlines() if "install" in line][0]
    wanted = {"xvfb", "xauth", "fonts-noto-cjk", "libxcb-cursor0", "libxcb-randr0", "libxcb-xkb1"}
    assert wanted <= set(install.split())
    assert not INSTALLED & set(install.split())  # only what is missing


def test_without_root_it_names_what_is_missing_and_goes_on(machine):
    result = _run(machine, "1000")
    assert result.returncode == 0, result.stderr
    assert not machine[2].exists()  # apt never called
    assert "run as root" in result.stderr and "xvfb" in result.stderr


def test_a_failing_apt_is_said_and_not_fatal(machine):
    result = _run(machine, "0", APT_FAILS="100")
    assert result.returncode == 0, result.stderr
    assert "apt-get could not install them" in result.stderr
