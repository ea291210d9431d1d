"""Records kept for the regulator and the auditors: the audit chain, the time-limit
figures, the regulator's report of measures, and the purge of expired records.

What the command line runs without a reviewer stays a plain function on a
:class:`~.local.LocalClient`'s database (the database owner's tools, never
exposed by the team server): :func:`verify_audit`, :func:`write_figures`,
:func:`regulator_report` (masked) and :func:`purge`.  The purge writes its
export on this machine before it removes anything, in the same transaction, so
it stays a local tool even with ``--unmasked --as`` (then the signed-in
administrator takes and is recorded for the unmasked export).

Registered operation: :func:`unmasked_regulator_report`, the report with
personal data in full for a supervisor or administrator, with the reason
recorded (2022/16) in the same transaction that reads it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from workbench.access.auth import Actor
from workbench.access.reveal import PERSONAL_DATA, REVEAL_ROLES, authorise_unmasked_export
from workbench.archive import checkpoints as checkpoint_files
from workbench.archive.checkpoints import CheckpointError
from workbench.archive.retention import cutoff_of, execute_purge, export_plan, plan_purge
from workbench.db import session_scope
from workbench.models import utcnow
from workbench.operations.core import Ctx, operation
from workbench.operations.failures import reachable
from workbench.operations.local import LocalClient
from workbench.records.audit import VerifyResult, verify
from workbench.records.audit_key import audit_key, load_audit_keys
from workbench.records.sealer import seal_all
from workbench.reports.figures import export as export_figures_file
from workbench.reports.figures import supervisor_figures
from workbench.reports.regulator_report import (
    COLUMNS,
    RegulatorReport,
    build_report,
    export_csv,
    export_xlsx,
)

__all__ = [
    "CheckpointError",
    "COLUMNS",
    "PERSONAL_DATA",
    "Purged",
    "RegulatorReport",
    "checkpoint_audit",
    "VerifyResult",
    "cutoff_of",
    "export_csv",
    "export_xlsx",
    "purge",
    "regulator_report",
    "unmasked_regulator_report",
    "verify_audit",
    "write_figures",
]


def verify_audit(
    client: LocalClient,
    *,
    key_files: list[Path] | None = None,
    checkpoints: list[Path] | None = None,
) -> VerifyResult:
    """Check the whole hash chain of the audit log with the audit keys of ``key_files``
    (default: the key file), and against the ``checkpoints`` files.

    Raises ``KeyFileError`` or ``CheckpointError`` (messages "zh / en") when a key
    file or a checkpoint file cannot be used.
    """
    keys = load_audit_keys(list(key_files) if key_files else None)
    marks = [c.mark() for path in checkpoints or [] for c in checkpoint_files.read(path, keys)]
    with reachable():
        seal_all(client.engine, durable=True)  # every committed event joins the chain first
        with session_scope(client.engine, write=False) as session:
            return verify(session, keys=keys, checkpoints=marks)


def checkpoint_audit(client: LocalClient, to: Path | None = None) -> checkpoint_files.Checkpoint:
    """Sign a checkpoint of the chain's head with the audit key and append it to ``to``
    (default: the checkpoint file in the user data folder).  Committed events are
    sealed first, so the checkpoint covers every one of them."""
    with reachable():
        seal_all(client.engine, durable=True)
        with session_scope(client.engine, write=False) as session:
            checkpoint = checkpoint_files.take(session, audit_key(), now=utcnow())
    checkpoint_files.append(to or checkpoint_files.default_checkpoint_file(), checkpoint)
    return checkpoint


def write_figures(
    client: LocalClient,
    out: Path,
    *,
    now: datetime,
    since: datetime | None = None,
    until: datetime | None = None,
) -> None:
    """The supervisor's time-limit figures at ``now`` to ``out`` (.csv or .xlsx)."""
    with session_scope(client.engine, write=False) as session:
        figures = supervisor_figures(session, now=now, since=since, until=until)
    export_figures_file(figures, out)


def regulator_report(client: LocalClient, start: date, end: date) -> RegulatorReport:
    """The regulator's report of measures for the Beijing dates ``start``..``end``
    (both included), personal data masked; its checkpoint is taken after sealing."""
    with reachable():
        seal_all(client.engine, durable=True)
        with session_scope(client.engine, write=False) as session:
            return build_report(session, start, end, now=utcnow())


@operation(write=True, roles=REVEAL_ROLES, reveals=True)
def unmasked_regulator_report(ctx: Ctx, *, start: date, end: date, reason: str) -> RegulatorReport:
    """The regulator's report with personal data in full; who took it and why is audited."""
    authorise_unmasked_export(
        ctx.session, ctx.signed_in, what=f"regulator report {start}..{end}", reason=reason
    )
    return build_report(ctx.session, start, end, now=ctx.now or utcnow(), unmasked=True)


@dataclass(frozen=True)
class Purged:
    counts: dict[str, int]  # per table, what was (or would be) removed
    kept_cases: int  # closed before the cutoff but still in force somewhere


def purge(
    client: LocalClient,
    cutoff: datetime,
    export: Path,
    *,
    dry_run: bool = False,
    unmasked_by: Actor | None = None,
    reason: str | None = None,
) -> Purged:
    """Remove closed cases and audit events older than ``cutoff`` (see
    :func:`cutoff_of`), written first to ``export``; ``dry_run`` only counts.

    ``unmasked_by`` (an administrator, signed in) keeps personal data in the
    export in full, recorded with ``reason``.
    """
    with reachable(writing=True), session_scope(client.engine) as session:
        plan = plan_purge(session, cutoff)
        counts = plan.counts()
        if dry_run:
            session.rollback()
        else:
            if unmasked_by is not None:
                authorise_unmasked_export(
                    session, unmasked_by, what=f"purge export {export.name}", reason=reason or ""
                )
            digest = export_plan(session, plan, export, unmasked=unmasked_by is not None)
            execute_purge(
                session, unmasked_by, plan, note={"export": export.name, "export_sha256": digest}
            )
    return Purged(counts, plan.kept_cases)
