"""Screening account information against the rules: the screener and its inputs.

Plain functions, not registered operations: ``workbench screen`` runs them on
this machine's files (no reviewer, no database unless ``--database`` names one
for the closed names and the thresholds), and the imports and bulk checks
(:mod:`.jobs`, :mod:`.unattended`) build their screener with
:func:`screener_for_database`.  Input a person must fix is refused with a
:class:`~workbench.errors.ValidationError` naming the line; a database
that cannot be reached with a :class:`~.failures.ToolError` (exit 1).
"""

from __future__ import annotations

import gc
import json
import multiprocessing
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy import Engine

from workbench import safe_json
from workbench.cases.check_policy import load_policy
from workbench.cases.closed_sources import closed_names_in_database
from workbench.db import session_scope
from workbench.errors import ValidationError
from workbench.models import utcnow
from workbench.operations.database import open_database
from workbench.operations.failures import reachable
from workbench.rules.account_checks import account_check_hits
from workbench.rules.account_facts import (
    CHECK_INPUTS,
    FactsError,
    facts_from_screen,
    subject_groups,
)
from workbench.rules.account_policy import AccountCheckPolicy, default_policy
from workbench.rules.closed_names import ClosedNameIndex
from workbench.rules.engine import AccountInput, AccountInputError, Screener
from workbench.rules.hits import Hit
from workbench.rules.lexicons import LexiconError, Lexicons
from workbench.safe_json import split_lines

__all__ = [
    "CHECK_INPUTS",
    "AccountInput",
    "Screener",
    "account_level_hits",
    "build_screener",
    "check_lexicons",
    "read_accounts",
    "read_closed_names",
    "screen_all",
    "screener_for_database",
    "warm_up",
    "with_account_hits",
]

PARALLEL_MIN = 2000  # below this, one process is faster than starting a pool
CHUNK = 1000
PROGRESS_MIN = 1000


def _malformed(number: int, exc: Exception) -> ValidationError:
    return ValidationError(f"第 {number} 行格式错误", f"line {number} is malformed: {exc}")


def read_accounts(path: Path) -> list[AccountInput]:
    """Every account of the file; refused naming the first malformed line."""
    try:
        lines = split_lines(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise ValidationError("无法读取输入文件", f"cannot read the input file: {exc}") from exc
    base = path.resolve().parent
    accounts = []
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            account = AccountInput.from_json(safe_json.loads(line))
        except (safe_json.JsonError, AccountInputError) as exc:
            raise _malformed(number, exc) from exc
        for attr in ("avatar", "cover"):
            value = getattr(account, attr)
            if value:
                setattr(account, attr, str(base / value))
        accounts.append(account)
    return accounts


def read_closed_names(path: str | None, database: str | None) -> list[tuple[str, str]]:
    """Closed account names from a file (one a line) and from the database at ``database``."""
    names: list[tuple[str, str]] = []
    if path:
        try:
            text = Path(path).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise ValidationError(
                "无法读取已关闭名称文件", f"cannot read the closed names: {exc}"
            ) from exc
        names += [
            (n.strip(), f"{Path(path).name}:{i}")
            for i, n in enumerate(text.splitlines(), 1)
            if n.strip()
        ]
    if database:
        names += _database_closed_names(database)
    return names


def _database_closed_names(url: str) -> list[tuple[str, str]]:
    engine = open_database(url, migrate=False)
    try:
        with reachable(), session_scope(engine, write=False) as session:
            return closed_names_in_database(session)
    finally:
        engine.dispose()


def check_lexicons(lexicon_dir: str | None) -> Lexicons:
    """The lexicons in ``lexicon_dir`` (the shipped ones by default), or refused in words."""
    try:
        return Lexicons.load(lexicon_dir)
    except (LexiconError, OSError) as exc:
        raise ValidationError("词表无法读取", f"cannot read the lexicons: {exc}") from exc


def build_screener(
    lexicon_dir: str | None, closed: list[tuple[str, str]], *, images: bool = True
) -> Screener:
    lexicons = check_lexicons(lexicon_dir)
    closed_index = ClosedNameIndex.build(closed) if closed else None
    image_screener = _image_screener() if images else None
    return Screener(lexicons, closed_index=closed_index, image_screener=image_screener)


def screener_for_database(
    engine: Engine, lexicon_dir: str | None = None, *, images: bool = True
) -> Screener:
    """The Screener an import uses: the lexicons and the database's closed names
    (and the image checks unless ``images`` is false: text rules only).

    Refused (``ValidationError``) when the lexicons cannot be read.
    """
    with session_scope(engine, write=False) as session:
        closed = closed_names_in_database(session)
    return build_screener(lexicon_dir, closed, images=images)


def _image_screener():
    try:
        from workbench.rules.images import ImageScreener
    except ImportError:
        return None
    return ImageScreener()


HIT_KEYS = (
    "category",
    "rule",
    "field",
    "start",
    "end",
    "matched",
    "basis",
    "severity",
    "score",
    "explanation",
)


def hit_json(hit) -> dict:
    """A hit as its JSON object (``Hit.to_json`` without the deep copy)."""
    data = {k: getattr(hit, k) for k in HIT_KEYS}
    if hit.details:
        data["details"] = hit.details
    return data


# json.dumps with any option builds an encoder for each call (half the time of a line
# without hits); this one is built once and writes the same text.
_json = json.JSONEncoder(ensure_ascii=False).encode


def screen_line(screener: Screener, account: AccountInput) -> tuple[str, list[str]]:
    result = screener.screen(account)
    if not result.hits:  # most accounts: skip the encoder for the empty list
        line = f'{{"id": {_json(account.id)}, "hits": []}}'
    else:
        hits = [hit_json(h) for h in result.hits]
        line = _json({"id": account.id, "hits": hits})
    return line, [f"{account.id}: {w}" for w in result.warnings]


# What pool workers screen: set in the parent just before the pool forks, so
# workers inherit the built screener and the accounts instead of receiving them.
_shared: dict = {}


def _init_worker(lexicon_dir, closed, accounts):
    """Spawned workers (no fork) build their own screener."""
    _shared["screener"] = build_screener(lexicon_dir, closed)
    _shared["accounts"] = accounts


def _screen_range(bounds: tuple[int, int]) -> tuple[str, dict[int, list[str]]]:
    """Output lines of a range of accounts as one block (cheap to send back), warnings by position."""
    screener, accounts = _shared["screener"], _shared["accounts"]
    lines, warnings = [], {}
    for i, account in enumerate(accounts[bounds[0] : bounds[1]]):
        line, warned = screen_line(screener, account)
        lines.append(line)
        if warned:
            warnings[i] = warned
    return "\n".join(lines), warnings


def warm_up(screener: Screener) -> None:
    """Load the lazily built tables (real-word dictionary) once, before workers fork."""
    screener.screen(AccountInput(name="wai交部宫方", bio="薇信 abc12345 a@b.cn"))


class Progress:
    """A progress bar on standard error, for large inputs only."""

    def __init__(self, total: int, stream=None):
        self.total = total
        self.done = 0
        self.stream = stream or sys.stderr
        self.active = total >= PROGRESS_MIN

    def advance(self, n: int) -> None:
        self.done += n
        if self.active:
            width = 30
            filled = int(width * self.done / self.total)
            pct = 100 * self.done / self.total
            bar = "#" * filled + "-" * (width - filled)
            self.stream.write(f"\rscreening [{bar}] {self.done}/{self.total} {pct:5.1f}%")
            if self.done >= self.total:
                self.stream.write("\n")
            self.stream.flush()


def screen_all(accounts, lexicon_dir, closed, processes: int | None = None, screener=None):
    """Output lines and warnings of every account, in input order (``screener``: one already built)."""
    processes = processes or os.cpu_count() or 1
    progress = Progress(len(accounts))
    results: list[tuple[str, list[str]]] = []
    if processes > 1 and len(accounts) >= PARALLEL_MIN:
        bounds = [(i, min(i + CHUNK, len(accounts))) for i in range(0, len(accounts), CHUNK)]
        if "fork" in multiprocessing.get_all_start_methods():
            if screener is None:
                screener = build_screener(lexicon_dir, closed)
            warm_up(screener)
            _shared.update(screener=screener, accounts=accounts)
            gc.freeze()  # workers' collections then leave the inherited pages unwritten
            ctx: multiprocessing.context.BaseContext = multiprocessing.get_context("fork")
            init: Callable[..., None] | None = None
            initargs: tuple[Any, ...] = ()
        else:
            ctx = multiprocessing.get_context("spawn")
            init, initargs = _init_worker, (lexicon_dir, closed, accounts)
        try:
            with ctx.Pool(processes, initializer=init, initargs=initargs) as pool:
                for block, warnings in pool.imap(_screen_range, bounds):
                    lines = block.split("\n")  # JSON lines never hold a raw newline
                    results += [(line, warnings.get(i, [])) for i, line in enumerate(lines)]
                    progress.advance(len(lines))
        finally:
            _shared.clear()
            gc.unfreeze()
    else:
        screener = screener or build_screener(lexicon_dir, closed)
        for i in range(0, len(accounts), CHUNK):
            part = [screen_line(screener, a) for a in accounts[i : i + CHUNK]]
            results += part
            progress.advance(len(part))
    return results


# -- account-level checks of a screen input's extra fields ----------------------------


def _screen_policy(database: str | None) -> AccountCheckPolicy:
    if not database:
        return default_policy()
    engine = open_database(database, migrate=False)
    try:
        with reachable(), session_scope(engine, write=False) as session:
            return load_policy(session)
    finally:
        engine.dispose()


def account_level_hits(path: Path, database: str | None = None) -> list[list[Hit]]:
    """The account-level hits of each non-blank line of a ``workbench screen`` input.

    Lines sharing a ``subject_id`` count towards that subject's cap together.
    The thresholds are the database's policy with ``database``, else the
    shipped defaults.  A field the checks cannot read is refused naming its line.
    """
    numbered = []
    for number, line in enumerate(split_lines(path.read_text(encoding="utf-8")), 1):
        if not line.strip():
            continue
        try:
            numbered.append((number, safe_json.loads(line)))
        except safe_json.JsonError as exc:
            raise _malformed(number, exc) from exc
    groups = subject_groups(record for _, record in numbered)
    policy = _screen_policy(database)
    now = utcnow()
    result = []
    for number, record in numbered:
        try:
            subject = record.get("subject_id") if isinstance(record, dict) else None
            facts = facts_from_screen(
                record, subject_accounts=groups.get(str(subject)) if subject else None
            )
        except FactsError as exc:
            raise _malformed(number, exc) from exc
        result.append(account_check_hits(facts, policy, now=now))
    return result


def with_account_hits(
    results: list[tuple[str, list[str]]], account_hits: list[list[Hit]]
) -> list[tuple[str, list[str]]]:
    """``workbench screen`` output lines with each line's account-level hits appended."""
    merged = []
    for (line, warnings), extra in zip(results, account_hits, strict=True):
        if extra:
            data = json.loads(line)
            data["hits"] += [h.to_json() for h in extra]
            line = json.dumps(data, ensure_ascii=False)
        merged.append((line, warnings))
    return merged
