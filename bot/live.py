"""What makes serve live beyond commands and digests: alert delivery and feed polling.

Alerts go out when some chat platform is configured (there is nowhere to send them otherwise);
feeds are polled whenever ``[feeds] urls`` lists any, also with the console chat.
"""

from __future__ import annotations

import logging
from typing import Any

from bot.alerts import AlertSender
from bot.config import Config
from bot.feeds import FeedPoller

log = logging.getLogger(__name__)


class LiveJobs:
    def __init__(
        self,
        config: Config,
        db_path: str,
        posters: dict[str, Any],
        *,
        alert_options: dict | None = None,
        feed_options: dict | None = None,
    ) -> None:
        self.alerts = AlertSender(db_path, config, posters, **(alert_options or {})) if posters else None
        self.feeds = FeedPoller(db_path, config, **(feed_options or {})) if config.feeds.urls else None
        self.config = config

    def start(self) -> None:
        if self.alerts is not None:
            self.alerts.start()
            log.info("alerts: pending alerts are sent every %g s", self.config.alerts.poll_seconds)
        if self.feeds is not None:
            self.feeds.start()
            log.info(
                "feeds: %d polled every %g min", len(self.config.feeds.urls), self.config.feeds.interval_minutes
            )

    async def stop(self) -> None:
        if self.feeds is not None:
            await self.feeds.stop()
        if self.alerts is not None:
            await self.alerts.stop()
