"""What some handlers need beyond the request and the database: set once by the adapter."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class HandlerContext:
    """Process-wide settings a handler may use; every field has a safe default.

    ``nlp_loader`` returns the spaCy pipeline (built lazily: only /load needs it).
    """

    nlp_loader: Callable[[], Any] | None = None
    max_file_bytes: int = 5 * 1024 * 1024
    timezone: str = "Europe/Amsterdam"
    default_digest_time: str = "07:30"
    default_language: str = "nl"  # [bot] language; dispatch uses it when no chat setting exists
    query_seconds: float | None = 10.0  # a command's database work is stopped after this long
    max_alerts_per_load: int = 5  # [alerts] max_per_load, for /load
    # called as observer(request, reply, seconds) after every answer (the adapters' metrics)
    observer: Callable[[Any, Any, float], None] | None = None
