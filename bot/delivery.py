"""Deliver a message in parts, retrying only the parts that did not arrive.

A reply longer than one platform message goes out as several (a digest, a long Slack answer).
When part 2 of 3 fails, a retry must start at part 2: sending the whole reply again showed the
chat part 1 twice. The scheduler's digests and the Slack adapter's split replies both go through
``deliver_parts``; the scheduler also records each delivered part, so a digest interrupted by a
crash is finished from the first undelivered part by the next start.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from typing import Any

log = logging.getLogger(__name__)


@dataclass
class Progress:
    """How far a delivery got: parts delivered, attempts made, and whether a send is in flight."""

    sent: int = 0
    attempts: int = 0
    posting: bool = False
    error: str | None = None


class DeliveryFailed(Exception):
    """A part still failed after the last retry; ``progress`` says how far it got."""

    def __init__(self, progress: Progress) -> None:
        super().__init__(progress.error)
        self.progress = progress


async def deliver_parts(
    parts: Sequence[Any],
    send: Callable[[Any], Awaitable[Any]],
    *,
    progress: Progress | None = None,
    retry_delays: Sequence[float] = (),
    sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    on_sent: Callable[[int], None] | None = None,
    what: str = "message",
) -> Progress:
    """Send ``parts[progress.sent:]`` in order; after a failure wait the next delay and go on from
    the part that failed. ``on_sent(n)`` runs after each part with the number delivered so far.
    Raises ``DeliveryFailed`` when the delays are used up; cancellation leaves ``progress`` set."""
    progress = progress or Progress()
    for delay in (None, *retry_delays):
        if delay:
            await sleep(delay)
        progress.attempts += 1
        try:
            while progress.sent < len(parts):
                progress.posting = True
                await send(parts[progress.sent])
                progress.posting = False
                progress.sent += 1
                if on_sent is not None:
                    on_sent(progress.sent)
            return progress
        except asyncio.CancelledError:
            raise
        except Exception as exc:  # noqa: BLE001 - the platform's error, whatever the SDK calls it
            progress.posting = False
            progress.error = f"{type(exc).__name__}: {exc}"
            log.warning(
                "%s: part %d of %d failed (attempt %d): %s",
                what, progress.sent + 1, len(parts), progress.attempts, progress.error,
            )  # fmt: skip
    raise DeliveryFailed(progress)
