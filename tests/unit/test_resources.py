"""Shipped data files: every one the code names is found through importlib.resources and
ships in the wheel; no module finds files by climbing up from its own location."""

from __future__ import annotations

import ast
import fnmatch
import re
import tomllib
from importlib.resources import files
from pathlib import Path

import workbench
from workbench.resources import read_text, resource

PACKAGE = Path(workbench.__file__).parent
RESOURCES = PACKAGE / "resources"
PYPROJECT = PACKAGE.parent / "pyproject.toml"
TOP_FOLDERS = sorted(p.name for p in RESOURCES.iterdir() if p.is_dir() and p.name[0] != "_")
NAME_RE = re.compile(rf"(?:{'|'.join(TOP_FOLDERS)})(?:/[\w.-]+)*")


def _sources() -> list[Path]:
    return [
        p
        for p in PACKAGE.rglob("*.py")
        if RESOURCES not in p.parents and "__pycache__" not in p.parts
    ]


def named_resources() -> set[str]:
    """Every string in the code that names a shipped file or folder ("policies/x.json")."""
    names = set()
    for path in _sources():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            if (
                isinstance(node, ast.Constant)
                and isinstance(node.value, str)
                and NAME_RE.fullmatch(node.value)
            ):
                names.add(node.value)
    return names


def test_the_scan_finds_the_resources_the_services_read():
    expected = {
        "lexicons",
        "lexicons/content_fields.json",
        "normalise/confusables.tsv",
        "normalise/confusables_glyph.tsv",
        "normalise/splits.tsv",
        "policies/account_checks.json",
        "policies/default_time_limits.json",
        "symbols",
        "templates",
        "translations",
        "desktop/workbench.desktop",
        "desktop/workbench.svg",
    }
    assert expected <= named_resources()


def test_every_named_resource_resolves_through_importlib_resources():
    root = files("workbench.resources")
    missing = sorted(
        name for name in named_resources() if not (resource(name).is_file() or resource(name).is_dir())
    )
    assert missing == []
    assert resource("policies/account_checks.json") == root / "policies" / "account_checks.json"
    assert '"policies"' in read_text("policies/default_time_limits.json")


def test_every_shipped_data_file_is_package_data():
    """A file under workbench/resources that no package-data pattern names is left out of
    the wheel, and an installed workbench fails where it reads it."""
    config = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))
    patterns = config["tool"]["setuptools"]["package-data"]["workbench.resources"]
    data = [
        p.relative_to(RESOURCES).as_posix()
        for p in RESOURCES.rglob("*")
        if p.is_file() and p.suffix not in {".py", ".pyc"} and "__pycache__" not in p.parts
    ]
    assert data, "no data files found"
    left_out = sorted(f for f in data if not any(fnmatch.fnmatch(f, pat) for pat in patterns))
    assert left_out == []


def test_no_module_finds_files_relative_to_its_own_location():
    offenders = []
    for path in [*_sources(), RESOURCES / "__init__.py"]:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if "parents[" in line or re.search(r"""/\s*["']resources["']""", line):
                offenders.append(f"{path.relative_to(PACKAGE)}:{number}: {line.strip()}")
    assert offenders == []


def test_the_scans_see_what_they_look_for():
    assert NAME_RE.fullmatch("policies/account_checks.json")
    assert not NAME_RE.fullmatch("a policy")
    assert "parents[" in 'ROOT = Path(__file__).resolve().parents[2] / "resources"'
    assert re.search(r"""/\s*["']resources["']""", 'ROOT = HERE / "resources"')
