"""Every operation module, imported so that each operation is registered.

The server exposes what is registered here; a test calls each of them as
every role that lacks it.
"""

import workbench.operations.records  # noqa: F401
from workbench.operations import access, admin, appeals, cases, reads, supervision  # noqa: F401
