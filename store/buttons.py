"""Commands behind chat buttons whose command is too long to carry (Telegram: 64 bytes).

A token is a hash of its command, so one token always means one command, and the table keeps
them across restarts: a button from last week runs what it showed, never another command.
"""

from __future__ import annotations

import base64
import hashlib
from datetime import UTC, datetime

from sqlite_utils import Database

from store.db import write_transaction

TOKEN_PREFIX = "cb:"


def token_for(command: str) -> str:
    """``cb:`` and 22 characters of the command's SHA-256: 25 bytes, the same for the same command."""
    digest = hashlib.sha256(command.encode("utf-8")).digest()[:16]
    return TOKEN_PREFIX + base64.urlsafe_b64encode(digest).decode().rstrip("=")


def save_button(db: Database, token: str, command: str) -> None:
    with write_transaction(db):
        db.execute(
            "insert into button_commands (token, command, created_at) values (?, ?, ?) on conflict (token) do nothing",
            [token, command, datetime.now(UTC).isoformat(timespec="seconds")],
        )


def button_command(db: Database, token: str) -> str | None:
    row = db.execute("select command from button_commands where token = ?", [token]).fetchone()
    return row[0] if row else None
