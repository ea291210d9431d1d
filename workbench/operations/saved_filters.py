"""Saved queue filters, each reviewer's own, kept on the server (issue 15 item 11).

See :mod:`workbench.queues.saved_filters`: a reviewer lists, saves and deletes only
their own filters.
"""

from __future__ import annotations

from workbench.models.views import QueueFilter
from workbench.operations.core import Ctx, operation
from workbench.operations.roles import CASE_READERS
from workbench.queues import saved_filters
from workbench.queues.saved_filters import SavedFilterView

__all__ = ["SavedFilterView", "delete_saved_filter", "list_saved_filters", "save_filter"]


@operation(write=False, roles=CASE_READERS)
def list_saved_filters(ctx: Ctx) -> list[SavedFilterView]:
    """The signed-in reviewer's saved filters, by name."""
    return saved_filters.list_filters(ctx.session, ctx.signed_in)


@operation(write=True, roles=CASE_READERS)
def save_filter(ctx: Ctx, *, name: str, flt: QueueFilter) -> SavedFilterView:
    """Keep the filter bar's settings under a name (replacing the reviewer's filter of
    that name)."""
    return saved_filters.save_filter(ctx.session, ctx.signed_in, name, flt)


@operation(write=True, roles=CASE_READERS)
def delete_saved_filter(ctx: Ctx, *, filter_id: int) -> None:
    """Delete one of the reviewer's own saved filters."""
    saved_filters.delete_filter(ctx.session, ctx.signed_in, filter_id)
