"""The work of a process the crash tests kill: applying a measure or importing a file.

:func:`run` runs in a forked process.  It sends ``STARTED`` through its pipe
once it is about to work and, in the pausing modes, ``READY`` at the moment
the test wants to kill it, then waits to be killed:

- ``measure-before-commit URL CASE VERSION REVIEWER``: every row flushed, not committed;
- ``measure-after-commit …``: committed;
- ``measure …``: no pause (the test kills it at a random moment);
- ``import-mid URL FILE``: after the first batch of reports is filed;
- ``import URL FILE``: no pause.
"""

from __future__ import annotations

import time
from pathlib import Path

from sqlalchemy import event
from sqlmodel import Session

from workbench.access.auth import load_actor
from workbench.db import make_engine, session_scope
from workbench.importing import reports as report_import
from workbench.importing.run import import_reports_file
from workbench.measures.measures import MeasureSpec, apply_measure

_pipe = None


def say(word: str) -> None:
    _pipe.send(word)


def wait_to_be_killed() -> None:
    say("READY")
    time.sleep(120)
    raise SystemExit("not killed")


def measure(mode: str, url: str, case_id: str, version: str, reviewer_id: str) -> None:
    engine = make_engine(url)
    with session_scope(engine, write=False) as s:
        actor = load_actor(s, int(reviewer_id))
    if mode == "measure-before-commit":

        @event.listens_for(Session, "before_commit")
        def _pause(session):
            session.flush()
            wait_to_be_killed()

    elif mode == "measure-after-commit":

        @event.listens_for(Session, "after_commit")
        def _pause(session):
            wait_to_be_killed()

    say("STARTED")
    with session_scope(engine) as s:
        apply_measure(
            s,
            actor,
            int(case_id),
            expected_version=int(version),
            measures=[
                MeasureSpec("warn", "", "提醒"),
                MeasureSpec("suspend", "2022/8(4)", "暂停", {"days": 7}),
            ],
        )
    say("DONE")


def import_file(mode: str, url: str, path: str) -> None:
    engine = make_engine(url)
    report_import.BATCH = 100  # many batches, so the kill lands between two of them

    def progress(stage: str, done: int, total: int) -> None:
        if mode == "import-mid" and done >= report_import.BATCH:
            wait_to_be_killed()

    say("STARTED")
    import_reports_file(engine, Path(path), progress=progress)
    say("DONE")


def run(pipe, mode: str, *args: str) -> None:
    """The child's whole life: ``mode`` with its arguments (see above)."""
    global _pipe
    _pipe = pipe
    if mode.startswith("measure"):
        measure(mode, *args)
    else:
        import_file(mode, *args)
