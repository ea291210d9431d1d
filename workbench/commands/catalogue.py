"""Every subcommand of ``workbench``, in the order ``workbench --help`` lists them.

The command modules import :mod:`workbench.commands` (the shared
:class:`~workbench.commands.CommandError`) but never this list, so one command
never loads another (``checks`` and ``screen`` share only operations).
"""

from __future__ import annotations

from workbench.commands import api_client as _api_client
from workbench.commands import audit as _audit
from workbench.commands import backup as _backup
from workbench.commands import bulk as _bulk
from workbench.commands import cases as _cases
from workbench.commands import checks as _checks
from workbench.commands import clocks as _clocks
from workbench.commands import credit as _credit
from workbench.commands import db as _db
from workbench.commands import deadline as _deadline
from workbench.commands import demo as _demo
from workbench.commands import desktop_entry as _desktop_entry
from workbench.commands import figures as _figures
from workbench.commands import holds as _holds
from workbench.commands import importing as _importing
from workbench.commands import notes as _notes
from workbench.commands import notify as _notify
from workbench.commands import outbox as _outbox
from workbench.commands import public_figures as _public_figures
from workbench.commands import purge as _purge
from workbench.commands import report as _report
from workbench.commands import reveal as _reveal
from workbench.commands import reviewer as _reviewer
from workbench.commands import screen as _screen
from workbench.commands import serve as _serve

COMMAND_MODULES = [
    _db,
    _audit,
    _reviewer,
    _api_client,
    _reveal,
    _deadline,
    _clocks,
    _figures,
    _credit,
    _public_figures,
    _screen,
    _checks,
    _outbox,
    _demo,
    _cases,
    _bulk,
    _notes,
    _holds,
    _importing,
    _notify,
    _report,
    _backup,
    _purge,
    _desktop_entry,
    _serve,
]
