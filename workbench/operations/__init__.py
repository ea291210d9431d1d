"""The operations layer: one operation per user action or read.

The desktop (``workbench.ui``) and the command line (``workbench.commands``)
call operations only, through a client: in process on a database file
(:class:`~workbench.operations.local.LocalClient`) or through
``workbench serve`` (:class:`~workbench.operations.remote.RemoteClient`).
Each operation owns its transaction, takes and returns plain typed values,
and its changes are announced on commit (see :mod:`.core`, :mod:`.runner`).
"""
