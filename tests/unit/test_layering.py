"""The layers: nothing outside workbench/ui imports Qt; importing creates no engine."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "workbench"


def _qt_imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            names = [node.module or ""]
        else:
            continue
        found += [n for n in names if n.split(".")[0] in {"PySide6", "PyQt5", "PyQt6", "shiboken6"}]
    return found


def test_no_qt_outside_ui():
    offenders = {}
    for path in PACKAGE.rglob("*.py"):
        rel = path.relative_to(PACKAGE)
        if rel.parts[0] == "ui":
            continue
        hits = _qt_imports(path)
        if hits:
            offenders[str(rel)] = hits
    assert offenders == {}, f"Qt imported outside workbench/ui: {offenders}"


def test_the_scan_sees_a_qt_import(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text("from PySide6.QtCore import QObject\n", encoding="utf-8")
    assert _qt_imports(bad) == ["PySide6.QtCore"]


def test_services_import_without_qt_or_engine():
    code = (
        "import sys, sqlalchemy\n"
        "created = []\n"
        "orig = sqlalchemy.create_engine\n"
        "sqlalchemy.create_engine = lambda *a, **k: created.append(a) or orig(*a, **k)\n"
        "import workbench.models, workbench.db, workbench.schema, workbench.cli\n"
        "import workbench.access, workbench.cases, workbench.measures, workbench.queues\n"
        "import workbench.records, workbench.replies, workbench.reports, workbench.timelimits\n"
        "import workbench.archive, workbench.platform, workbench.settings, workbench.errors\n"
        "import workbench.rules\n"
        "assert not [m for m in sys.modules if m.startswith('PySide6')], 'Qt loaded'\n"
        "assert not created, created\n"
        "print('ok')\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "ok"


#: What the command line and the desktop must not import:
#: the engine and ORM, the services and the other workings below the operations
#: layer.  They call operations through a client, or the plain tools and
#: re-exports of ``workbench.operations``.
BELOW_OPERATIONS = (
    "workbench.db",
    "workbench.access",
    "workbench.archive",
    "workbench.cases",
    "workbench.errors",
    "workbench.measures",
    "workbench.platform",
    "workbench.queues",
    "workbench.records",
    "workbench.replies",
    "workbench.reports",
    "workbench.settings",
    "workbench.timelimits",
    "workbench.rules",
    "workbench.importing",
    "workbench.demo",
    "workbench.schema",
    "workbench.pg_roles",
    "sqlalchemy",
    "sqlmodel",
)


def _imported_modules(path: Path) -> list[str]:
    """Every module ``path`` imports, at any depth (``from a import b`` names a and a.b)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.append(node.module)
            found += [f"{node.module}.{a.name}" for a in node.names]
    return found


def _below_operations(path: Path) -> list[str]:
    return sorted(
        {
            name
            for name in _imported_modules(path)
            if any(name == f or name.startswith(f + ".") for f in BELOW_OPERATIONS)
        }
    )


def _layer_offenders(paths) -> dict[str, list[str]]:
    offenders = {}
    for path in paths:
        hits = _below_operations(path)
        if hits:
            offenders[str(path.relative_to(PACKAGE))] = hits
    return offenders


def test_commands_call_operations_only():
    paths = [*sorted((PACKAGE / "commands").rglob("*.py")), PACKAGE / "cli.py"]
    assert len(paths) > 10
    offenders = _layer_offenders(paths)
    assert offenders == {}, f"commands import below the operations layer: {offenders}"


def test_the_desktop_calls_operations_only():
    """No module of the desktop reaches the database, the services or the ORM: every
    read and action goes through a client's operations (in process or to the server)."""
    paths = sorted((PACKAGE / "ui").rglob("*.py"))
    assert len(paths) > 30
    offenders = _layer_offenders(paths)
    assert offenders == {}, f"the desktop imports below the operations layer: {offenders}"


def test_the_layer_scan_sees_each_form_of_import(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text(
        "import sqlalchemy.exc\n"
        "from workbench import db\n"
        "from workbench.errors import WorkbenchError\n"
        "def f():\n"
        "    from sqlmodel import select\n"
        "from workbench.operations.failures import ValidationError\n"
        "from workbench.models.codes import Role\n",
        encoding="utf-8",
    )
    assert _below_operations(bad) == [
        "sqlalchemy.exc",
        "sqlmodel",
        "sqlmodel.select",
        "workbench.db",
        "workbench.errors",
        "workbench.errors.WorkbenchError",
    ]
