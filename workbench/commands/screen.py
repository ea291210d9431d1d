"""``workbench screen ACCOUNTS.jsonl``: screen account information against the rules.

Input: one JSON object per line (``id, kind, name, bio, signature,
certification, avatar, cover, verified_profession, verified_org_name,
qualifications, ip_location``; missing fields are empty; image paths are
relative to the input file).  Output: one ``{"id", "hits"}`` line per input
line, to ``--out`` or standard output.  A malformed line stops the run (exit 2,
naming the line) before anything is written.  Large inputs are screened on
every core, with a progress bar on standard error.
"""

from __future__ import annotations

import gc
import json
import multiprocessing
import os
import sys
import tempfile
from pathlib import Path

from workbench import safe_json
from workbench.commands import CommandError
from workbench.commands.checks import account_level_hits, with_account_hits
from workbench.rules.closed_names import ClosedNameIndex
from workbench.rules.engine import AccountInput, AccountInputError, Screener
from workbench.rules.lexicons import LexiconError, Lexicons
from workbench.safe_json import split_lines

PARALLEL_MIN = 2000  # below this, one process is faster than starting a pool
CHUNK = 1000
PROGRESS_MIN = 1000


def register(sub, common) -> None:
    p = sub.add_parser(
        "screen",
        help="按规则筛查账号信息 / screen account information against the rules",
        parents=[common],
    )
    p.add_argument("accounts", metavar="ACCOUNTS.jsonl", help="每行一个账号 / one account per line")
    p.add_argument(
        "--closed-names",
        metavar="FILE",
        help="已关闭账号名称，每行一个 / closed account names, one per line",
    )
    p.add_argument(
        "--out", metavar="FILE", help="输出文件（默认标准输出） / output file (default stdout)"
    )
    p.add_argument(
        "--lexicons", metavar="DIR", help="词表目录 / lexicon folder (default: shipped lists)"
    )
    p.set_defaults(handler=cmd_screen)


def read_accounts(path: Path) -> list[AccountInput]:
    """Every account of the file, or CommandError naming the first malformed line."""
    try:
        lines = split_lines(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise CommandError(f"无法读取输入文件 / cannot read the input file: {exc}") from exc
    base = path.resolve().parent
    accounts = []
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            account = AccountInput.from_json(safe_json.loads(line))
        except (safe_json.JsonError, AccountInputError) as exc:
            raise CommandError(
                f"第 {number} 行格式错误 / line {number} is malformed: {exc}"
            ) from exc
        for attr in ("avatar", "cover"):
            value = getattr(account, attr)
            if value:
                setattr(account, attr, str(base / value))
        accounts.append(account)
    return accounts


def read_closed_names(path: str | None, database: str | None) -> list[tuple[str, str]]:
    names: list[tuple[str, str]] = []
    if path:
        try:
            text = Path(path).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise CommandError(
                f"无法读取已关闭名称文件 / cannot read the closed names: {exc}"
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
    from sqlalchemy.exc import OperationalError

    from workbench.commands import open_database
    from workbench.db import session_scope
    from workbench.rules.closed_names import closed_names_in_database

    engine = open_database(url, migrate=False)
    try:
        with session_scope(engine, write=False) as session:
            return closed_names_in_database(session)
    except OperationalError as exc:
        raise CommandError(f"无法连接数据库 / cannot reach the database: {exc.orig}", 1) from exc
    finally:
        engine.dispose()


def build_screener(
    lexicon_dir: str | None, closed: list[tuple[str, str]], *, images: bool = True
) -> Screener:
    try:
        lexicons = Lexicons.load(lexicon_dir)
    except (LexiconError, OSError) as exc:
        raise CommandError(f"词表无法读取 / cannot read the lexicons: {exc}") from exc
    closed_index = ClosedNameIndex.build(closed) if closed else None
    image_screener = _image_screener() if images else None
    return Screener(lexicons, closed_index=closed_index, image_screener=image_screener)


def screener_for_database(
    engine, lexicon_dir: str | None = None, *, images: bool = True
) -> Screener:
    """The Screener an import uses: the lexicons and the database's closed names
    (and the image checks unless ``images`` is false: text rules only).

    Raises CommandError when the lexicons cannot be read.
    """
    from workbench.db import session_scope
    from workbench.rules.closed_names import closed_names_in_database

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


def screen_line(screener: Screener, account: AccountInput) -> tuple[str, list[str]]:
    result = screener.screen(account)
    if not result.hits:  # most accounts: skip the encoder for the empty list
        line = f'{{"id": {json.dumps(account.id, ensure_ascii=False)}, "hits": []}}'
    else:
        hits = [hit_json(h) for h in result.hits]
        line = json.dumps({"id": account.id, "hits": hits}, ensure_ascii=False)
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
            ctx, init, initargs = multiprocessing.get_context("fork"), None, ()
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


def cmd_screen(args) -> int:
    accounts = read_accounts(Path(args.accounts))
    # Account-level checks (identity, disclosures, cap, idle, traffic, transfers,
    # content category) on the lines' extra fields: read before anything is written.
    account_hits = account_level_hits(Path(args.accounts), getattr(args, "database", None))
    closed = read_closed_names(args.closed_names, getattr(args, "database", None))
    try:  # fail early on a broken lexicon, before any worker starts
        Lexicons.load(args.lexicons)
    except (LexiconError, OSError) as exc:
        raise CommandError(f"词表无法读取 / cannot read the lexicons: {exc}") from exc
    results = screen_all(accounts, args.lexicons, closed)
    results = with_account_hits(results, account_hits)
    for _, warnings in results:
        for w in warnings:
            print(w, file=sys.stderr)
    text = "".join(line + "\n" for line, _ in results)
    if args.out:
        out = Path(args.out)
        fd, tmp = tempfile.mkstemp(dir=out.resolve().parent, prefix=".screen-")
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        os.replace(tmp, out)
    else:
        sys.stdout.write(text)
    return 0
