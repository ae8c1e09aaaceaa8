"""``newsbot serve``: one asyncio loop running every enabled adapter and the digest scheduler.

With no chat platform configured it runs the console chat instead. SIGTERM
and SIGINT stop it cleanly: the adapters first (no new commands), then the scheduler (digests in
progress settle their ledger rows), then the database; ``run_serve`` then returns exit code 0.
"""

from __future__ import annotations

import asyncio
import logging
import signal
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bot.config import Config, describe
from bot.health import HealthServer
from bot.live import LiveJobs
from bot.logs import redact, setup_logging
from bot.metrics import count_logged_errors
from bot.scheduler import DigestScheduler
from store.db import open_db
from store.subscriptions import sync_config_subscriptions

log = logging.getLogger(__name__)

STOP_SIGNALS = (signal.SIGTERM, signal.SIGINT)
ADAPTER_STOP_SECONDS = 5.0


class StartError(Exception):
    """An adapter could not start: one line for the operator (never a token) and an exit code."""

    def __init__(self, message: str, exit_code: int = 1) -> None:
        super().__init__(message)
        self.exit_code = exit_code


def nlp_loader_for(config: Config) -> Callable[[], Any]:
    """The spaCy pipeline, built on first use (only /load needs it); a plain value, so that a
    large upload can be extracted by worker processes that build their own."""
    from store.extraction.nlp import PipelineLoader

    return PipelineLoader(config.nlp.model)


def build_adapters(config: Config, db_path: str | Path) -> dict[str, Any]:
    """platform → adapter for every platform the config enables (imported only when enabled)."""
    adapters: dict[str, Any] = {}
    loader = nlp_loader_for(config)
    if config.telegram.enabled:
        from bot.telegram import TelegramAdapter

        adapters["telegram"] = TelegramAdapter(config, str(db_path), nlp_loader=loader)
    if config.slack.enabled:
        from bot.slack import SlackAdapter

        adapters["slack"] = SlackAdapter(config, str(db_path), nlp_loader=loader)
    return adapters


def sync_subscriptions(db, config: Config) -> None:
    """Write the config's subscriptions ([digest] telegram_chats, slack_channels) to the table."""
    report = sync_config_subscriptions(
        db,
        config.digest.time,
        {"telegram": config.digest.telegram_chats, "slack": config.digest.slack_channels},
        timezone_name=config.bot.timezone,
        language=config.bot.language,
    )
    for change, labels in report.items():
        if labels:
            log.info("config subscriptions %s: %s", change, ", ".join(labels))


async def serve(
    config: Config,
    db_path: str | Path,
    *,
    stop_event: asyncio.Event | None = None,
    adapters: dict[str, Any] | None = None,
    scheduler_options: dict | None = None,
    live_options: dict | None = None,
) -> None:
    """Run until ``stop_event`` is set (by SIGTERM/SIGINT, the console's exit, or a caller).

    ``adapters`` replaces the config-built ones and ``scheduler_options`` are passed to
    ``DigestScheduler`` (a clock, retry delays), ``live_options`` to ``LiveJobs``: all for tests.
    """
    loop = asyncio.get_running_loop()
    stop_event = stop_event or asyncio.Event()
    installed = _install_signal_handlers(loop, stop_event)
    db = open_db(db_path)
    adapters = build_adapters(config, db_path) if adapters is None else adapters
    scheduler: DigestScheduler | None = None
    live: LiveJobs | None = None
    health: HealthServer | None = None
    started: list[tuple[str, Any]] = []
    try:
        sync_subscriptions(db, config)
        if config.serve.health_port is not None:
            count_logged_errors()
            health = HealthServer(adapters, db_path, host=config.serve.health_host, port=config.serve.health_port)
            await health.start()
        running = describe(config) if adapters else ["console chat"]
        log.info(
            "newsbot serve: %s; database %s; time zone %s", ", ".join(running), db_path, config.bot.timezone
        )
        for name, adapter in adapters.items():
            try:
                await adapter.start()
            except Exception as exc:
                raise start_error(name, exc, config) from exc
            started.append((name, adapter))
        if adapters:
            scheduler = DigestScheduler(db, config, adapters, **(scheduler_options or {}))
            scheduler.start()
            log.info("digest scheduler: %s", "; ".join(scheduler.describe()) or "no subscriptions yet")
        else:
            _start_console(config, db_path, loop, stop_event)
        live = LiveJobs(config, str(db_path), adapters, **(live_options or {}))
        live.start()
        await stop_event.wait()
        log.info("newsbot serve: stopping")
    finally:
        if live is not None:  # before the adapters: an alert in flight still has its platform
            await live.stop()
        for name, adapter in reversed(started):
            try:
                await asyncio.wait_for(adapter.stop(), ADAPTER_STOP_SECONDS)
            except Exception:
                log.exception("%s adapter did not stop cleanly", name)
        if scheduler is not None:
            await scheduler.stop()
        if health is not None:
            await health.stop()
        db.close()
        for sig in installed:
            loop.remove_signal_handler(sig)
        log.info("newsbot serve: stopped")


def _install_signal_handlers(loop: asyncio.AbstractEventLoop, stop_event: asyncio.Event) -> list[int]:
    """SIGTERM/SIGINT set ``stop_event``; only possible in the main thread (not in every test)."""
    if threading.current_thread() is not threading.main_thread():
        return []
    for sig in STOP_SIGNALS:
        loop.add_signal_handler(sig, stop_event.set)
    return list(STOP_SIGNALS)


def _start_console(
    config: Config, db_path, loop: asyncio.AbstractEventLoop, stop_event: asyncio.Event
) -> None:
    """The console chat in a daemon thread (it blocks on input); its exit stops serve.

    A daemon thread, so that a signal stops serve even while the prompt waits for a line.
    """
    from bot.console import run_chat

    def chat() -> None:
        db = open_db(db_path)
        try:
            run_chat(db, config, nlp_loader=nlp_loader_for(config))
        except Exception:
            log.exception("console chat failed")
        finally:
            db.close()
            try:
                loop.call_soon_threadsafe(stop_event.set)
            except RuntimeError:  # serve already stopped (a signal) and closed its loop
                pass

    threading.Thread(target=chat, name="console chat", daemon=True).start()


def start_error(name: str, exc: Exception, config: Config) -> StartError:
    """What went wrong starting adapter ``name``, in words an operator can act on.

    Telegram's InvalidToken message quotes the token: it is never passed on.
    """
    if type(exc).__name__ == "InvalidToken":
        return StartError(
            f"{name}: the Bot API at {config.telegram.api_base_url} refused the token; "
            "check [telegram] token (TELEGRAM_BOT_TOKEN) and api_base_url",
            exit_code=2,
        )
    detail = redact(str(exc)) or type(exc).__name__
    return StartError(f"{name}: could not start: {detail}")


def run_serve(config: Config, db_path: str | Path) -> int:
    """Run serve until a stop signal; the exit code (0 on SIGTERM/SIGINT or the console's exit).

    An adapter that cannot start ends serve with one logged line and exit code 2 (a refused
    token) or 1 (anything else, such as a platform that cannot be reached).
    """
    if not logging.getLogger().handlers:
        setup_logging(config.log.level, config.log.format)
    try:
        asyncio.run(serve(config, db_path))
    except StartError as exc:
        log.error("newsbot serve: %s", exc)
        return exc.exit_code
    return 0
