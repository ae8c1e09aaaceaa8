"""Configuration: a TOML file, then the environment, validated into one ``Config``.

``load_config(path)`` returns a validated ``Config``; a wrong value raises ``ConfigError`` naming
the key and the allowed values. Every key may also come from ``NEWSBOT_<SECTION>_<KEY>``
(``bot.config_env``), and the secrets from their short aliases (``TELEGRAM_BOT_TOKEN`` ...); the
environment wins over the file, so a checked-in config never needs a token. ``Config.sources``
records where each value came from, for ``newsbot config``.
"""

from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bot.config_env import EnvError, check_types, environment_overrides, schema
from handlers.context import HandlerContext

DEFAULT_DB = "data/newsroom.db"
DEFAULT_CONFIG = "config.toml"
TIME_RE = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")


class ConfigError(Exception):
    """A config value that cannot be used; the message names the key and what is allowed."""


@dataclass
class StoreConfig:
    db: str = DEFAULT_DB
    max_file_mb: float = 5.0

    @property
    def max_file_bytes(self) -> int:
        return int(self.max_file_mb * 1024 * 1024)


@dataclass
class NlpConfig:
    model: str | None = None  # an installed spaCy pipeline whose NER is merged with ours


@dataclass
class BotConfig:
    language: str = "nl"
    timezone: str = "Europe/Amsterdam"


@dataclass
class TelegramConfig:
    token: str | None = None
    api_base_url: str = "https://api.telegram.org"
    admins: list[str] = field(default_factory=list)
    webhook_url: str | None = None  # set to use webhook mode instead of polling
    webhook_port: int = 8443
    webhook_secret: str | None = None  # required with webhook_url: updates without it are refused
    webhook_listen: str = "0.0.0.0"  # the address the webhook listener binds

    @property
    def enabled(self) -> bool:
        return bool(self.token)

    @property
    def base_url(self) -> str:
        return f"{self.api_base_url.rstrip('/')}/bot"

    @property
    def base_file_url(self) -> str:
        return f"{self.api_base_url.rstrip('/')}/file/bot"


@dataclass
class SlackConfig:
    bot_token: str | None = None
    app_token: str | None = None
    signing_secret: str | None = None
    mode: str = "socket"
    port: int = 3000
    listen: str = "0.0.0.0"  # the address HTTP mode binds
    api_base_url: str = "https://slack.com/api/"
    admins: list[str] = field(default_factory=list)

    @property
    def enabled(self) -> bool:
        if not self.bot_token:
            return False
        return bool(self.app_token) if self.mode == "socket" else bool(self.signing_secret)


@dataclass
class DigestConfig:
    time: str = "07:30"
    telegram_chats: list[str] = field(default_factory=list)
    slack_channels: list[str] = field(default_factory=list)
    grace_hours: float = 6.0  # a digest missed during downtime is still sent this long after


@dataclass
class AlertsConfig:
    poll_seconds: float = 15.0  # serve sends pending alerts this often (also those of other processes)
    max_per_load: int = 5  # alerts per chat per load; the rest become one summary line


@dataclass
class FeedsConfig:
    urls: list[str] = field(default_factory=list)  # RSS or Atom feeds that serve polls
    interval_minutes: float = 10.0
    timeout_seconds: float = 20.0  # per feed or page download
    max_page_mb: float = 2.0  # a linked page larger than this is skipped (retried next round)


@dataclass
class LogConfig:
    level: str = "INFO"  # DEBUG, INFO, WARNING, ERROR; -v means DEBUG
    format: str = "text"  # "text" or "json" (one JSON object a line)


@dataclass
class ServeConfig:
    health_port: int | None = None  # GET /healthz and /metrics on this port; unset: off
    health_host: str = "0.0.0.0"


@dataclass
class Config:
    store: StoreConfig = field(default_factory=StoreConfig)
    nlp: NlpConfig = field(default_factory=NlpConfig)
    bot: BotConfig = field(default_factory=BotConfig)
    telegram: TelegramConfig = field(default_factory=TelegramConfig)
    slack: SlackConfig = field(default_factory=SlackConfig)
    digest: DigestConfig = field(default_factory=DigestConfig)
    alerts: AlertsConfig = field(default_factory=AlertsConfig)
    feeds: FeedsConfig = field(default_factory=FeedsConfig)
    log: LogConfig = field(default_factory=LogConfig)
    serve: ServeConfig = field(default_factory=ServeConfig)
    path: str | None = None  # the file it came from, if any
    sources: dict[str, str] = field(default_factory=dict)  # "slack.bot_token" → "file" | "env NAME"

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.bot.timezone)


SECRETS = {
    ("telegram", "token"): "TELEGRAM_BOT_TOKEN",
    ("slack", "bot_token"): "SLACK_BOT_TOKEN",
    ("slack", "app_token"): "SLACK_APP_TOKEN",
    ("slack", "signing_secret"): "SLACK_SIGNING_SECRET",
}

SECTIONS = {
    "store": StoreConfig,
    "nlp": NlpConfig,
    "bot": BotConfig,
    "telegram": TelegramConfig,
    "slack": SlackConfig,
    "digest": DigestConfig,
    "alerts": AlertsConfig,
    "feeds": FeedsConfig,
    "log": LogConfig,
    "serve": ServeConfig,
}
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR")
LOG_FORMATS = ("text", "json")


def load_config(path: str | Path | None = None, env: dict[str, str] | None = None) -> Config:
    """Read ``path`` (default: config.toml when present, else built-in defaults) and the environment."""
    env = os.environ if env is None else env
    raw: dict = {}
    if path is None and Path(DEFAULT_CONFIG).is_file():
        path = DEFAULT_CONFIG
    if path is not None:
        try:
            raw = tomllib.loads(Path(path).read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise ConfigError(f"config file not found: {path}") from None
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"{path}: not valid TOML: {exc}") from None
    config = Config(path=str(path) if path else None)
    for name, value in raw.items():
        if name not in SECTIONS:
            raise ConfigError(f"unknown section [{name}]; allowed: {', '.join(SECTIONS)}")
        if not isinstance(value, dict):
            raise ConfigError(f"[{name}] must be a table")
        section = getattr(config, name)
        for key, item in value.items():
            if not hasattr(section, key) or key.startswith("_"):
                allowed = ", ".join(f for f in section.__dataclass_fields__)
                raise ConfigError(f"unknown key [{name}] {key}; allowed: {allowed}")
            setattr(section, key, item)
            config.sources[f"{name}.{key}"] = "file"
    for (section, key), var in SECRETS.items():
        if env.get(var):
            setattr(getattr(config, section), key, env[var])
            config.sources[f"{section}.{key}"] = f"env {var}"
    keys = schema(SECTIONS)
    try:
        overrides = environment_overrides(keys, env)
    except EnvError as exc:
        raise ConfigError(str(exc)) from None
    for key, value in overrides.items():
        setattr(getattr(config, key.section), key.name, value)
        config.sources[f"{key.section}.{key.name}"] = f"env {key.variable}"
    try:
        validate(config)
        check_types(config, keys)
    except (ConfigError, ValueError) as exc:
        raise ConfigError(_name_the_variable(str(exc), config.sources)) from None
    return config


def _name_the_variable(message: str, sources: dict[str, str]) -> str:
    """A bad value set in the environment: say which variable set it."""
    match = re.match(r"\[(\w+)\] (\w+)", message)
    source = sources.get(f"{match.group(1)}.{match.group(2)}", "") if match else ""
    return f"{message} (set by {source[4:]})" if source.startswith("env ") else message


def incomplete_platform(config: Config) -> str | None:
    """A platform given some credentials but not all it needs: the line to stop ``serve`` with.

    Without this, a server missing one token would quietly start the console chat instead.
    """
    slack = config.slack
    if not slack.enabled and (slack.bot_token or slack.app_token or slack.signing_secret):
        if not slack.bot_token:
            return "[slack] is incomplete: bot_token (SLACK_BOT_TOKEN) is not set"
        if slack.mode == "socket":
            return (
                '[slack] is incomplete: mode = "socket" needs app_token (SLACK_APP_TOKEN); '
                'or set mode = "http" with signing_secret'
            )
        return '[slack] is incomplete: mode = "http" needs signing_secret (SLACK_SIGNING_SECRET)'
    telegram = config.telegram
    if not telegram.enabled and (telegram.webhook_url or telegram.webhook_secret):
        return "[telegram] is incomplete: a webhook is configured but token (TELEGRAM_BOT_TOKEN) is not set"
    return webhook_problem(telegram)


WEBHOOK_SECRET_RE = re.compile(r"^[A-Za-z0-9_-]{1,256}$")  # what Telegram accepts as secret_token


def webhook_problem(telegram: TelegramConfig) -> str | None:
    """Why a Telegram webhook must not start: without a secret anyone could send it updates."""
    if not telegram.webhook_url:
        return None
    if not telegram.webhook_secret:
        return (
            "[telegram] webhook_url needs webhook_secret (NEWSBOT_TELEGRAM_WEBHOOK_SECRET): "
            "without it anyone who reaches the port can send the bot commands"
        )
    if not WEBHOOK_SECRET_RE.match(telegram.webhook_secret):
        return "[telegram] webhook_secret must be 1 to 256 characters of A-Z, a-z, 0-9, _ and -"
    return None


def validate(config: Config) -> None:
    """Check types and allowed values; raise ConfigError naming the key."""
    _check_type("store", "db", config.store.db, str)
    _check_type("store", "max_file_mb", config.store.max_file_mb, (int, float))
    if config.store.max_file_mb <= 0:
        raise ConfigError("[store] max_file_mb must be a positive number of megabytes")
    if config.nlp.model is not None:
        _check_type("nlp", "model", config.nlp.model, str)
    if config.bot.language not in ("nl", "en"):
        raise ConfigError(f'[bot] language = "{config.bot.language}" is not allowed; use "nl" or "en"')
    try:
        ZoneInfo(str(config.bot.timezone))
    except (ZoneInfoNotFoundError, ValueError):
        raise ConfigError(
            f'[bot] timezone = "{config.bot.timezone}" is not a known time zone; '
            'use an IANA name such as "Europe/Amsterdam"'
        ) from None
    if config.slack.mode not in ("socket", "http"):
        raise ConfigError(f'[slack] mode = "{config.slack.mode}" is not allowed; use "socket" or "http"')
    for section, key in (("slack", "port"), ("telegram", "webhook_port")):
        port = getattr(getattr(config, section), key)
        if not isinstance(port, int) or isinstance(port, bool) or not 0 <= port <= 65535:
            raise ConfigError(f"[{section}] {key} must be a port number from 0 to 65535")
    for section, key in (("telegram", "api_base_url"), ("slack", "api_base_url")):
        url = getattr(getattr(config, section), key)
        if not isinstance(url, str) or not url.startswith(("http://", "https://")):
            raise ConfigError(f"[{section}] {key} must be an http:// or https:// URL")
    if not config.slack.api_base_url.endswith("/"):
        config.slack.api_base_url += "/"
    if not TIME_RE.match(str(config.digest.time)):
        raise ConfigError(f'[digest] time = "{config.digest.time}" is not a time; use "HH:MM", e.g. "07:30"')
    _check_type("digest", "grace_hours", config.digest.grace_hours, (int, float))
    _check_type("telegram", "webhook_listen", config.telegram.webhook_listen, str)
    _check_type("slack", "listen", config.slack.listen, str)
    _check_type("log", "level", config.log.level, str)
    if config.log.level.upper() not in LOG_LEVELS:
        raise ConfigError(f'[log] level = "{config.log.level}" is not allowed; use one of {", ".join(LOG_LEVELS)}')
    config.log.level = config.log.level.upper()
    if config.log.format not in LOG_FORMATS:
        raise ConfigError(f'[log] format = "{config.log.format}" is not allowed; use "text" or "json"')
    port = config.serve.health_port
    if port is not None and (not isinstance(port, int) or isinstance(port, bool) or not 0 <= port <= 65535):
        raise ConfigError("[serve] health_port must be a port number from 0 to 65535")
    for section, key in (
        ("telegram", "admins"),
        ("slack", "admins"),
        ("digest", "telegram_chats"),
        ("digest", "slack_channels"),
    ):
        values = getattr(getattr(config, section), key)
        if not isinstance(values, list) or not all(isinstance(v, (str, int)) for v in values):
            raise ConfigError(f"[{section}] {key} must be a list of ids, e.g. [12345, 67890]")
        setattr(getattr(config, section), key, [str(v) for v in values])
    validate_alerts_and_feeds(config)


def validate_alerts_and_feeds(config: Config) -> None:
    """[alerts] and [feeds]: positive numbers, feed URLs over http(s)."""
    for section, key in (
        ("alerts", "poll_seconds"),
        ("feeds", "interval_minutes"),
        ("feeds", "timeout_seconds"),
        ("feeds", "max_page_mb"),
    ):
        value = getattr(getattr(config, section), key)
        _check_type(section, key, value, (int, float))
        if value <= 0:
            raise ConfigError(f"[{section}] {key} must be a positive number")
    max_per_load = config.alerts.max_per_load
    if not isinstance(max_per_load, int) or isinstance(max_per_load, bool) or max_per_load < 0:
        raise ConfigError("[alerts] max_per_load must be a whole number, 0 or more")
    urls = config.feeds.urls
    if not isinstance(urls, list) or not all(isinstance(u, str) and u.startswith(("http://", "https://")) for u in urls):
        raise ConfigError('[feeds] urls must be a list of http:// or https:// URLs, e.g. ["https://example.org/rss"]')


def _check_type(section: str, key: str, value, types) -> None:
    if not isinstance(value, types) or isinstance(value, bool):
        names = types.__name__ if isinstance(types, type) else " or ".join(t.__name__ for t in types)
        raise ConfigError(f"[{section}] {key} must be a {names}")


def describe(config: Config) -> list[str]:
    """What serve will run, for the start-up log: never a token."""
    parts = []
    if config.telegram.enabled:
        parts.append(f"telegram (api {config.telegram.api_base_url}, admins {len(config.telegram.admins)})")
    if config.slack.enabled:
        parts.append(f"slack ({config.slack.mode} mode, admins {len(config.slack.admins)})")
    return parts


def handler_context(config: Config, nlp_loader=None) -> HandlerContext:
    """The HandlerContext every adapter (console, Telegram, Slack) builds from the config."""
    from bot.metrics import METRICS

    return HandlerContext(
        observer=METRICS.observe_answer,
        nlp_loader=nlp_loader,
        max_file_bytes=config.store.max_file_bytes,
        timezone=config.bot.timezone,
        default_digest_time=config.digest.time,
        default_language=config.bot.language,
        max_alerts_per_load=config.alerts.max_per_load,
    )
