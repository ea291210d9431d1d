"""The workbench server's key file: the secret the platform clients' secrets derive from.

``workbench serve --key-file PATH`` reads it; by default it is ``server.key``
in the user data folder, created on first start with 32 random bytes and
mode 0600 (only the server's user reads it).  It is never in the database:
a copy of the database gives nobody a client's secret.  Losing the file
invalidates every client's secret (rotate each to issue new ones); replacing
it does the same on purpose.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

ENV_KEY_FILE = "WORKBENCH_KEY_FILE"
KEY_BYTES = 32


class KeyFileError(Exception):
    """The key file cannot be used (message: "zh / en")."""


def default_key_file() -> Path:
    from workbench.db import default_sqlite_path

    return default_sqlite_path().parent / "server.key"


def load_key(path: str | os.PathLike | None = None, *, create: bool = True) -> bytes:
    """The key in ``path`` (default :func:`default_key_file`), created when missing."""
    file = Path(path) if path else default_key_file()
    if not file.exists():
        if not create:
            raise KeyFileError(f"密钥文件不存在：{file} / the key file {file} does not exist")
        file.parent.mkdir(parents=True, exist_ok=True)
        try:
            fd = os.open(file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:  # another worker created it a moment ago
            return load_key(file, create=False)
        with os.fdopen(fd, "wb") as fh:
            fh.write(secrets.token_hex(KEY_BYTES).encode() + b"\n")
    if os.name == "posix" and file.stat().st_mode & 0o077:
        raise KeyFileError(
            f"密钥文件 {file} 可被其他用户读取，请执行 chmod 600 / the key file {file} is "
            "readable by other users: chmod 600 it"
        )
    text = file.read_text(encoding="ascii", errors="replace").strip()
    try:
        key = bytes.fromhex(text)
    except ValueError:
        key = b""
    if len(key) < KEY_BYTES:
        raise KeyFileError(
            f"密钥文件 {file} 内容无效（须为至少 {KEY_BYTES} 字节的十六进制）/ the key file "
            f"{file} must hold at least {KEY_BYTES} bytes in hex"
        )
    return key
