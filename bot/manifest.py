"""``newsbot slack-manifest``: the Slack app manifest, built from the command registry.

Paste it at "Create New App → From an app manifest": the slash commands (every command and its
Dutch alias, with description and usage hint, plus the umbrella ``/newsbot``; never one of
Slack's built-in commands such as ``/who``, which would make Slack refuse the manifest), the bot scopes the
adapter uses, its event subscriptions and interactivity (the follow-up buttons), and either Socket
Mode or, in HTTP mode, the public URL of ``/slack/events`` for all of them.
"""

from __future__ import annotations

import json

import handlers
from bot.config import Config
from bot.slack import EVENTS_PATH, UMBRELLA

# What the adapter needs, and nothing more: slash commands, answers, mentions, DMs, shared files.
BOT_SCOPES = ("app_mentions:read", "chat:write", "commands", "files:read", "im:history")
BOT_EVENTS = ("app_mention", "message.im", "file_shared")
DESCRIPTION_MAX = 100  # Slack shows about this much in the command picker
MAX_SLASH_COMMANDS = 50  # Slack refuses a manifest with more
# Slack's built-in commands: a manifest that names one is refused whole. Our /who and /search
# stay reachable as /wie, /zoek and /newsbot who ... (and in mentions and DMs).
SLACK_BUILT_INS = frozenset(
    {"me", "status", "away", "dnd", "shrug", "remind", "msg", "feed", "who", "collapse", "expand",
     "leave", "join", "open", "search", "topic", "mute", "pro", "shortcuts"}
)  # fmt: skip
UMBRELLA_TEXT = {
    "nl": ("Alle commando's in één: /newsbot who Rubio", "COMMANDO [ARGUMENTEN]"),
    "en": ("Every command in one: /newsbot who Rubio", "COMMAND [ARGUMENTS]"),
}


def slack_manifest(config: Config, *, url: str | None = None, umbrella_only: bool = False, name: str = "newsroom-bot") -> dict:
    """The manifest for ``config``'s Slack mode; HTTP mode needs the public ``url`` of the bot.

    Raises ``ValueError`` when HTTP mode has no URL.
    """
    language = config.bot.language
    http = config.slack.mode == "http"
    if http and not url:
        raise ValueError('[slack] mode = "http" needs the public URL of the bot: --url https://bot.example.org')
    request_url = f"{url.rstrip('/')}{EVENTS_PATH}" if url else None
    commands = [] if umbrella_only else [_slash(name_, command, language) for name_, command in slash_names()]
    description, hint = UMBRELLA_TEXT.get(language, UMBRELLA_TEXT["nl"])
    commands.append({"command": f"/{UMBRELLA}", "description": description, "usage_hint": hint, "should_escape": False})
    if len(commands) > MAX_SLASH_COMMANDS:
        raise ValueError(
            f"{len(commands)} slash commands, Slack allows {MAX_SLASH_COMMANDS}: use --umbrella-only"
        )
    if request_url:
        for command in commands:
            command["url"] = request_url
    settings: dict = {
        "event_subscriptions": {"bot_events": list(BOT_EVENTS)},
        "interactivity": {"is_enabled": True},
        "org_deploy_enabled": False,
        "socket_mode_enabled": not http,
        "token_rotation_enabled": False,
    }
    if request_url:
        settings["event_subscriptions"]["request_url"] = request_url
        settings["interactivity"]["request_url"] = request_url
    return {
        "_metadata": {"major_version": 1, "minor_version": 1},
        "display_information": {
            "name": name,
            "description": "Facts from the newsroom's articles: who, quotes, search, numbers, digests."
            if language == "en"
            else "Feiten uit de artikelen van de redactie: wie, citaten, zoeken, cijfers, overzichten.",
        },
        "features": {
            "app_home": {"home_tab_enabled": False, "messages_tab_enabled": True, "messages_tab_read_only_enabled": False},
            "bot_user": {"display_name": name, "always_online": True},
            "slash_commands": commands,
        },
        "oauth_config": {"scopes": {"bot": list(BOT_SCOPES)}},
        "settings": settings,
    }


def slash_names():
    """(name, Command) for every command name and alias that Slack lets an app register."""
    for command in handlers.COMMANDS.values():
        for name in (command.name, *command.aliases):
            if name not in SLACK_BUILT_INS:
                yield name, command


def _slash(name: str, command: handlers.Command, language: str) -> dict:
    summary = command.summary(language)
    if command.admin:
        summary = f"({'admin' if language == 'en' else 'beheer'}) {summary}"
    if len(summary) > DESCRIPTION_MAX:
        summary = summary[: DESCRIPTION_MAX - 1].rstrip() + "…"
    entry = {"command": f"/{name}", "description": summary, "should_escape": False}
    hint = command.usage(language).partition(" ")[2]
    if hint:
        entry["usage_hint"] = hint
    return entry


def render(manifest: dict, as_yaml: bool = False) -> str:
    if as_yaml:
        import yaml

        return yaml.safe_dump(manifest, sort_keys=False, allow_unicode=True)
    return json.dumps(manifest, ensure_ascii=False, indent=2) + "\n"
