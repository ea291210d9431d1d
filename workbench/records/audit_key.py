"""The audit key: what authenticates audit events and checkpoints, held outside the database.

It is derived from the key file (:mod:`workbench.server_key`: ``server.key`` in
the user data folder, or ``WORKBENCH_KEY_FILE``; created 0600 on first use,
refused when others can read it), so the team server and a desktop on its own
SQLite file both use the key file of the machine that writes the events.  The
database stores only the key's id, never the key: whoever can write the audit
table but cannot read the key file cannot write an event or a checkpoint that
verifies.

Replacing the key file rotates the key: the next write records
``audit.key_rotate`` naming the old and the new key id, and verifying older
events then needs the retired key file too (``workbench audit verify
--key-file OLD --key-file NEW``).
"""

from __future__ import annotations

import hashlib
import hmac
import os
from dataclasses import dataclass, field
from pathlib import Path

from workbench.server_key import ENV_KEY_FILE, KeyFileError, load_key

__all__ = [
    "AuditKey",
    "KeyFileError",
    "audit_key",
    "derive",
    "load_audit_keys",
    "use_audit_key",
]


@dataclass(frozen=True)
class AuditKey:
    key_id: str  # 16 hex digits, stored with every event it authenticates
    secret: bytes = field(repr=False)

    keyed: hmac.HMAC = field(repr=False, compare=False)  # computed once, copied per message

    def __reduce__(self) -> tuple:
        """Pickled as its id and secret (the keyed state is made again): a server
        process hands its key to the bulk intake process it starts."""
        return (_keyed, (self.key_id, self.secret))

    def digest(self, data: bytes) -> str:
        """HMAC-SHA256 of ``data`` under this key, in hex (a copy of the keyed state)."""
        mac = self.keyed.copy()
        mac.update(data)
        return mac.hexdigest()


def derive(master: bytes) -> AuditKey:
    """The audit subkey of the key file's ``master`` key, and its id."""
    secret = hmac.new(master, b"workbench audit chain v1", hashlib.sha256).digest()
    key_id = hmac.new(secret, b"workbench audit key id", hashlib.sha256).hexdigest()[:16]
    return _keyed(key_id, secret)


def _keyed(key_id: str, secret: bytes) -> AuditKey:
    return AuditKey(key_id, secret, hmac.new(secret, digestmod=hashlib.sha256))


_current: AuditKey | None = None


def use_audit_key(key: AuditKey | None) -> None:
    """Use ``key`` for the events this process writes (None: the key file, read on first use)."""
    global _current
    _current = key


def audit_key() -> AuditKey:
    """The key this process writes events with: set by :func:`use_audit_key`, else derived
    from the key file (``WORKBENCH_KEY_FILE`` or the default), created on first use."""
    global _current
    if _current is None:
        _current = derive(load_key(os.environ.get(ENV_KEY_FILE) or None))
    return _current


def load_audit_keys(paths: list[str | os.PathLike] | None) -> dict[str, AuditKey]:
    """The audit keys of the key files ``paths`` (default: the key file), by key id.

    A key file that is missing or readable by others raises :class:`KeyFileError`.
    """
    files: list[str | os.PathLike | None] = (
        list(paths) if paths else [os.environ.get(ENV_KEY_FILE) or None]
    )
    keys = [derive(load_key(Path(p) if p else None, create=False)) for p in files]
    return {k.key_id: k for k in keys}
