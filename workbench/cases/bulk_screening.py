"""Screening stock accounts' information in bulk against the text rules (2022/15).

:func:`screen_inputs` reads what the rule engine screens of each account (its
information and qualifications); :func:`screen_accounts` screens them outside any
transaction, so :func:`workbench.cases.bulk_checks.check_batch` can use the hits
where an account still reads as it was screened.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlmodel import Session, col, select

from workbench.models import Account, Qualification
from workbench.models.base import saved
from workbench.rules.engine import AccountInput, Screener
from workbench.rules.hits import Hit


def screen_inputs(session: Session, account_ids: Sequence[int]) -> dict[int, AccountInput]:
    """What the rule engine screens of each account: its information and qualifications."""
    ids = list(account_ids)
    held: dict[int, list[str]] = {}
    for account_id, name in session.exec(
        select(Qualification.account_id, Qualification.field)
        .where(col(Qualification.account_id).in_(ids))
        .order_by(col(Qualification.account_id), col(Qualification.field))
    ):
        held.setdefault(account_id, []).append(name)
    inputs: dict[int, AccountInput] = {}
    for account in session.exec(select(Account).where(col(Account.id).in_(ids))):
        account_id = saved(account.id)
        inputs[account_id] = AccountInput.of_account(account, held.get(account_id, ()))
    return inputs


@dataclass(frozen=True)
class Screened:
    """One account's information as it was screened, and the hits."""

    account: AccountInput
    hits: list[Hit]


def screen_accounts(screener: Screener, inputs: dict[int, AccountInput]) -> dict[int, Screened]:
    """The rule engine's hits on each account's information, with what was screened.

    Pure (text in, hits out): :func:`workbench.cases.bulk_checks.run_account_checks` runs it between reading
    a batch and writing it, so no transaction is open while the text is screened.
    """
    return {i: Screened(account, screener.screen(account).hits) for i, account in inputs.items()}
