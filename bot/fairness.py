"""Each user's commands take turns, so one user's heavy commands never hold up everyone else's.

The adapters handle a few updates at once (python-telegram-bot's concurrent updates, one task per
Slack request) and run handlers in a small thread pool. Without turns, one user sending four slow
searches took every slot; with them a user has one command running, a couple waiting behind it,
and anything more is answered "busy" at once, so the slots stay free for other users.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Hashable
from contextlib import asynccontextmanager

WAITING_PER_USER = 2


class UserTurns:
    """One running command per user (``key``), at most ``waiting`` more queued behind it."""

    def __init__(self, waiting: int = WAITING_PER_USER) -> None:
        self.waiting = waiting
        self._locks: dict[Hashable, asyncio.Lock] = {}
        self._counts: dict[Hashable, int] = {}

    @asynccontextmanager
    async def turn(self, key: Hashable) -> AsyncIterator[bool]:
        """Yields True once it is this command's turn, or False at once when too many wait."""
        if self._counts.get(key, 0) > self.waiting:
            yield False
            return
        self._counts[key] = self._counts.get(key, 0) + 1
        lock = self._locks.setdefault(key, asyncio.Lock())
        try:
            async with lock:
                yield True
        finally:
            self._counts[key] -= 1
            if not self._counts[key]:
                del self._counts[key], self._locks[key]
