"""One logging setup for every command: level, text or JSON lines, and no secret in any line.

``setup_logging`` installs one stderr handler on the root logger. Its formatter redacts the
configured secrets and anything shaped like a chat token (a Bot API URL's ``bot<token>``, Slack's
``xoxb-``/``xapp-`` tokens) from the whole formatted line, traceback included, so a library
that logs a URL or puts the token in an exception message cannot leak it. Uncaught exceptions
(main thread and worker threads) go through the same redaction.
"""

from __future__ import annotations

import json
import logging
import re
import sys
import threading
import traceback
from collections.abc import Iterable
from datetime import UTC, datetime

TEXT_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
# Libraries that log every request at INFO: quiet unless the level is DEBUG.
CHATTY = ("httpx", "httpcore", "apscheduler.executors.default", "aiohttp.access")
TOKEN_PATTERNS = (
    (re.compile(r"(/bot)\d+:[\w-]+"), r"\1<redacted>"),  # Bot API URLs: /bot123:ABC/getMe
    (re.compile(r"\b\d{6,}:[\w-]{30,}"), "<redacted>"),  # a bare Telegram token
    (re.compile(r"\b(xox[abposre]|xapp)-[\w-]+"), r"\1-<redacted>"),  # Slack tokens
)
MIN_SECRET_LENGTH = 4  # shorter values would redact ordinary words


class Redactor:
    """Replaces known secrets and token-shaped strings with ``<redacted>``."""

    def __init__(self) -> None:
        self._secrets: set[str] = set()
        self._lock = threading.Lock()

    def add(self, secrets: Iterable[str | None]) -> None:
        with self._lock:
            self._secrets.update(s for s in secrets if s and len(s) >= MIN_SECRET_LENGTH)

    def __call__(self, text: str) -> str:
        with self._lock:
            secrets = sorted(self._secrets, key=len, reverse=True)
        for secret in secrets:
            text = text.replace(secret, "<redacted>")
        for pattern, replacement in TOKEN_PATTERNS:
            text = pattern.sub(replacement, text)
        return text


redact = Redactor()


class TextFormatter(logging.Formatter):
    def __init__(self) -> None:
        super().__init__(TEXT_FORMAT)

    def format(self, record: logging.LogRecord) -> str:
        return redact(super().format(record))


class JsonFormatter(logging.Formatter):
    """One JSON object a line: time, level, logger, message, and the traceback when there is one."""

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        elif record.exc_text:
            entry["exception"] = record.exc_text
        return redact(json.dumps(entry, ensure_ascii=False))


def setup_logging(level: str = "INFO", log_format: str = "text", *, verbose: bool = False, stream=None) -> None:
    """(Re)configure the root logger: one handler on ``stream`` (stderr) with a redacting formatter."""
    level = "DEBUG" if verbose else level.upper()
    root = logging.getLogger()
    for handler in list(root.handlers):
        if getattr(handler, "newsbot", False):
            root.removeHandler(handler)
    handler = logging.StreamHandler(stream) if stream else _StderrHandler()
    handler.newsbot = True
    handler.setFormatter(JsonFormatter() if log_format == "json" else TextFormatter())
    root.addHandler(handler)
    root.setLevel(level)
    for name in CHATTY:
        logging.getLogger(name).setLevel(logging.DEBUG if level == "DEBUG" else logging.WARNING)
    sys.excepthook = _print_redacted
    threading.excepthook = _thread_excepthook


class _StderrHandler(logging.StreamHandler):
    """Writes to whatever ``sys.stderr`` is at the time (test runners swap it)."""

    def __init__(self) -> None:
        super().__init__(sys.stderr)

    @property
    def stream(self):
        return sys.stderr

    @stream.setter
    def stream(self, value) -> None:
        pass


def _print_redacted(kind, value, tb) -> None:
    sys.stderr.write(redact("".join(traceback.format_exception(kind, value, tb))))


def _thread_excepthook(args) -> None:
    if args.exc_type is SystemExit:
        return
    name = args.thread.name if args.thread else "a thread"
    sys.stderr.write(f"Exception in {name}:\n")
    _print_redacted(args.exc_type, args.exc_value, args.exc_traceback)
