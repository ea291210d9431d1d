"""Starting the server: the application each uvicorn worker builds, and ``serve``.

``workbench serve`` migrates and seeds the database once, then starts uvicorn
with ``--workers`` processes; each builds its application from the
environment (the database URL never appears in a process list).
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import uvicorn
from fastapi import FastAPI

from workbench.db import ENV_URL
from workbench.operations.database import ensure_seeded, open_database
from workbench.records.audit_key import audit_key
from workbench.server.app import create_app
from workbench.server.checkpointer import (
    ENV_FILE,
    ENV_MINUTES,
    MINUTES,
    AuditCheckpointer,
    mailing_from_environment,
)
from workbench.server.heap import settle_heap
from workbench.server.intake_process import NICENESS, BulkIntake
from workbench.server.sealer import AuditSealer
from workbench.server.sweeper import MINUTES as SWEEP_MINUTES
from workbench.server_key import ENV_KEY_FILE, load_key

log = logging.getLogger(__name__)
ENV_SESSION_HOURS = "WORKBENCH_SESSION_HOURS"
ENV_SWEEP_MINUTES = "WORKBENCH_SWEEP_MINUTES"
ENV_INTAKE_NICE = "WORKBENCH_INTAKE_NICE"


def app_from_environment() -> FastAPI:
    """The application of one worker process (uvicorn's factory)."""
    engine = open_database(os.environ.get(ENV_URL), migrate=False)
    hours = float(os.environ.get(ENV_SESSION_HOURS, "12"))
    key = load_key(os.environ.get(ENV_KEY_FILE) or None)
    sweep_minutes = float(os.environ.get(ENV_SWEEP_MINUTES, str(SWEEP_MINUTES)))
    bulk = None
    if engine.dialect.name == "postgresql":  # SQLite runs one write at a time anyway
        niceness = int(os.environ.get(ENV_INTAKE_NICE, str(NICENESS)))
        url = engine.url.render_as_string(hide_password=False)
        bulk = BulkIntake(url, key, audit_key(), niceness=niceness)
    app = create_app(
        engine,
        session_lifetime=timedelta(hours=hours),
        server_key=key,
        sweep_every=sweep_minutes * 60,
        bulk_intake=bulk,
    )
    checkpoint_file = os.environ.get(ENV_FILE)
    minutes = float(os.environ.get(ENV_MINUTES, str(MINUTES)))
    writer = AuditCheckpointer(
        engine,
        Path(checkpoint_file) if checkpoint_file else None,
        interval=minutes * 60,
        mailing=mailing_from_environment(),
    )
    app.state.audit_checkpointer = writer
    sealer = AuditSealer(engine)
    app.state.audit_sealer = sealer
    for timer in (sealer, writer):  # the checkpointer's last round seals once more
        app.router.add_event_handler("startup", timer.start)
        app.router.add_event_handler("shutdown", timer.stop)
    app.router.add_event_handler("startup", settle_heap)
    return app


@dataclass(frozen=True)
class ServeOptions:
    database: str | None
    host: str = "127.0.0.1"
    port: int = 8750
    workers: int = 1
    certfile: str | None = None
    keyfile: str | None = None
    session_hours: float = 12.0
    proxy_headers: bool = False
    forwarded_allow_ips: str = "127.0.0.1"
    key_file: str | None = None  # the platform clients' secrets and the audit key derive from it
    checkpoints: str | None = None  # where the audit chain's signed checkpoints go
    checkpoint_minutes: float = MINUTES
    sweep_minutes: float = SWEEP_MINUTES  # 0: a cron job runs `workbench cases sweep`
    intake_nice: int = NICENESS  # how much lower the bulk intake process's CPU priority is


def prepare(database: str | None, key_file: str | None = None) -> str:
    """Migrate and seed the database once, before any worker starts; what was seeded.
    The key file is created (0600) here on the first start, so workers only read it."""
    load_key(key_file)
    engine = open_database(database, migrate=True)
    try:
        return ensure_seeded(engine) or ""
    finally:
        engine.dispose()


def serve(options: ServeOptions) -> None:
    """Run the server until interrupted (SIGINT/SIGTERM end it cleanly)."""
    if options.database:
        os.environ[ENV_URL] = options.database
    os.environ[ENV_SESSION_HOURS] = str(options.session_hours)
    if options.key_file:
        os.environ[ENV_KEY_FILE] = options.key_file
    if options.checkpoints:
        os.environ[ENV_FILE] = options.checkpoints
    os.environ[ENV_MINUTES] = str(options.checkpoint_minutes)
    os.environ[ENV_SWEEP_MINUTES] = str(options.sweep_minutes)
    os.environ[ENV_INTAKE_NICE] = str(options.intake_nice)
    uvicorn.run(
        "workbench.server.main:app_from_environment",
        factory=True,
        host=options.host,
        port=options.port,
        workers=options.workers,
        ssl_certfile=options.certfile,
        ssl_keyfile=options.keyfile,
        proxy_headers=options.proxy_headers,
        forwarded_allow_ips=options.forwarded_allow_ips,
        timeout_graceful_shutdown=3,
        log_level="info",
    )
