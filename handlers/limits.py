"""Bounds on what one command may ask: the length and text of its argument, and its query time.

A chat message can hold 4,096 characters (a Slack command more); no command needs more than a
few hundred, and every word of a long argument costs a name lookup or a search term. A lone
surrogate (possible in JSON updates) is no text and cannot be sent back. The deadline stops a
command's SQLite work through a progress handler: the statement fails with "interrupted" and the
connection stays usable.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from contextlib import contextmanager

from sqlite_utils import Database

from handlers.texts import t

MAX_ARGUMENT_CHARS = 500
PROGRESS_STEPS = 2_000  # SQLite virtual machine steps between deadline checks (~0.1 ms)
SURROGATE = re.compile("[\ud800-\udfff]")


def argument_problem(args: str, language: str) -> str | None:
    """Why ``args`` cannot be used (too long, not text), in a line; None when it can."""
    if len(args) > MAX_ARGUMENT_CHARS:
        return t("args.too_long", language, length=f"{len(args):,}", limit=MAX_ARGUMENT_CHARS)
    if SURROGATE.search(args):
        return t("args.not_text", language)
    return None


class Deadline:
    """Set by ``query_deadline``: whether it stopped a statement (whatever error that raised)."""

    def __init__(self, seconds: float | None) -> None:
        self.at = None if seconds is None else time.monotonic() + seconds
        self.expired = False

    def passed(self) -> bool:
        if time.monotonic() > self.at:
            self.expired = True
        return self.expired


@contextmanager
def query_deadline(db: Database, seconds: float | None) -> Iterator[Deadline]:
    """SQLite work on ``db`` inside the block stops after ``seconds`` (None: no deadline)."""
    deadline = Deadline(seconds)
    if seconds is None:
        yield deadline
        return
    db.conn.set_progress_handler(deadline.passed, PROGRESS_STEPS)
    try:
        yield deadline
    finally:
        db.conn.set_progress_handler(None, 0)
