"""Prometheus metrics for ``GET /metrics``: commands, errors, answer latency, articles, digests, alerts.

Counters and the latency histogram are kept in this process (``METRICS``, fed by ``dispatch``
through ``HandlerContext.observer`` and by a logging handler that counts ERROR records). What the
database knows (articles stored, digests and alerts by delivery status) is read from it at each
scrape, so a load made by another process or before a restart is counted too.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Iterator
from pathlib import Path

from prometheus_client import CollectorRegistry, Counter, Histogram, generate_latest
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import Collector

from handlers.reply import Reply, Request

CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8"
LATENCY_BUCKETS = (0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0)
# ledger table → its metric: rows by delivery status (tables that do not exist yet are skipped)
LEDGERS = {
    "digests_sent": ("newsbot_digests", "Digests in the delivery ledger, by status (sending, sent, failed)."),
    "alerts": ("newsbot_alerts", "Alerts in the delivery ledger, by status (pending, sent, failed ...)."),
}


class Metrics:
    """One registry with the bot's metrics; ``METRICS`` is the process's."""

    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        self.commands = Counter(
            "newsbot_commands",
            "Commands answered, by command, platform and kind of reply (answer, not_found, usage, forbidden, error).",
            ("command", "platform", "kind"),
            registry=self.registry,
        )
        self.latency = Histogram(
            "newsbot_answer_seconds",
            "Time to answer a command (handler and database), by platform.",
            ("platform",),
            buckets=LATENCY_BUCKETS,
            registry=self.registry,
        )
        self.errors = Counter(
            "newsbot_errors",
            "Errors logged, by the logger that reported them (failed sends, failed commands, adapter errors).",
            ("logger",),
            registry=self.registry,
        )
        self._database = DatabaseCollector()
        self.registry.register(self._database)

    def observe_answer(self, request: Request, reply: Reply, seconds: float) -> None:
        """``HandlerContext.observer``: called by ``dispatch`` for every answered command."""
        from handlers import find_command

        command = find_command(request.command)
        name = command.name if command else "unknown"
        self.commands.labels(name, request.platform, reply.kind).inc()
        self.latency.labels(request.platform).observe(seconds)

    def watch_database(self, db_path: str | Path | None) -> None:
        """Read articles and ledgers from ``db_path`` at each scrape (None: stop)."""
        self._database.db_path = str(db_path) if db_path else None

    def exposition(self) -> bytes:
        """The Prometheus text format of every metric."""
        return generate_latest(self.registry)


class DatabaseCollector(Collector):
    """Gauges read from the database at scrape time, through a read-only connection."""

    def __init__(self) -> None:
        self.db_path: str | None = None

    def collect(self) -> Iterator[GaugeMetricFamily]:
        if not self.db_path:
            return
        try:
            connection = sqlite3.connect(f"file:{self.db_path}?mode=ro", uri=True, timeout=2.0)
        except sqlite3.Error:
            return
        try:
            tables = {row[0] for row in connection.execute("select name from sqlite_master where type = 'table'")}
            if "articles" in tables:
                articles = GaugeMetricFamily("newsbot_articles", "Articles in the database.")
                articles.add_metric([], connection.execute("select count(*) from articles").fetchone()[0])
                yield articles
            for table, (name, documentation) in LEDGERS.items():
                if table not in tables:
                    continue
                gauge = GaugeMetricFamily(name, documentation, labels=("status",))
                for status, count in connection.execute(f"select status, count(*) from {table} group by status"):
                    gauge.add_metric([str(status)], count)
                yield gauge
        except sqlite3.Error:
            return
        finally:
            connection.close()


class ErrorCounter(logging.Handler):
    """Counts every ERROR (and worse) log record in ``newsbot_errors`` by logger name."""

    def __init__(self, metrics: Metrics) -> None:
        super().__init__(logging.ERROR)
        self.metrics = metrics

    def emit(self, record: logging.LogRecord) -> None:
        self.metrics.errors.labels(record.name).inc()


METRICS = Metrics()


def count_logged_errors() -> None:
    """Install the ``ErrorCounter`` on the root logger once."""
    root = logging.getLogger()
    if not any(isinstance(handler, ErrorCounter) for handler in root.handlers):
        root.addHandler(ErrorCounter(METRICS))
