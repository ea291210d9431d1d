"""Every operation module, imported so that each operation is registered.

The server exposes what is registered here; a test calls each of them as
every role that lacks it.
"""

from workbench.operations import (  # noqa: F401
    access,
    admin,
    api_clients,
    appeals,
    cases,
    change_requests,
    credit,
    holder_notices,
    holds,
    notes,
    public_figures,
    reads,
    records,
    regulator,
    saved_filters,
    supervision,
    timelimits,
)
