"""`newsbot slack-manifest` stays in step with the command registry and with what the adapter listens to."""

import json

import pytest
import yaml
from click.testing import CliRunner

import handlers
from bot.cli import cli
from bot.config import Config
from bot.manifest import BOT_EVENTS, BOT_SCOPES, MAX_SLASH_COMMANDS, SLACK_BUILT_INS, slack_manifest
from bot.slack import UMBRELLA


def socket_manifest(language: str = "nl", **options) -> dict:
    config = Config()
    config.bot.language = language
    return slack_manifest(config, **options)


def test_every_command_and_alias_is_a_slash_command_with_its_summary_and_usage():
    commands = {c["command"]: c for c in socket_manifest()["features"]["slash_commands"]}
    names = set(handlers.command_names(include_admin=True))
    expected = {f"/{name}" for name in names - SLACK_BUILT_INS} | {f"/{UMBRELLA}"}
    assert set(commands) == expected
    assert len(commands) == len(socket_manifest()["features"]["slash_commands"])  # none twice
    assert len(commands) <= MAX_SLASH_COMMANDS  # Slack's limit: curate before the registry outgrows it
    for command in handlers.COMMANDS.values():
        names = [name for name in (command.name, *command.aliases) if name not in SLACK_BUILT_INS]
        assert names, f"/{command.name} has no slash command Slack allows: give it an alias"
        for name in names:
            entry = commands[f"/{name}"]
            assert command.summary("nl")[:50] in entry["description"]
            assert entry.get("usage_hint", "") == command.usage("nl").partition(" ")[2]
            assert entry["should_escape"] is False
    assert "/who" not in commands and "/search" not in commands  # Slack's own: the manifest would be refused
    assert commands["/wie"]["usage_hint"] == "NAAM"
    assert commands["/zoek"]["usage_hint"] == "ZOEKTERMEN"
    assert commands["/forget"]["description"].startswith("(beheer) ")
    assert "usage_hint" not in commands["/stats"]
    assert commands["/newsbot"]["usage_hint"] == "COMMANDO [ARGUMENTEN]"


def test_descriptions_follow_the_configured_language_and_fit_the_picker():
    commands = {c["command"]: c for c in socket_manifest("en")["features"]["slash_commands"]}
    assert commands["/wie"] == {
        "command": "/wie",
        "description": "Who is this: roles, articles, latest mentions, often mentioned with.",
        "should_escape": False,
        "usage_hint": "NAME",
    }
    assert commands["/forget"]["description"] == "(admin) Remove an article and all its facts."
    assert all(len(c["description"]) <= 100 for c in commands.values())


def test_socket_mode_scopes_and_events():
    manifest = socket_manifest()
    assert manifest["settings"]["socket_mode_enabled"] is True
    assert manifest["settings"]["event_subscriptions"] == {"bot_events": ["app_mention", "message.im", "file_shared"]}
    assert manifest["settings"]["interactivity"] == {"is_enabled": True}
    assert manifest["oauth_config"]["scopes"]["bot"] == list(BOT_SCOPES)
    assert {"commands", "chat:write", "app_mentions:read", "im:history", "files:read"} == set(BOT_SCOPES)
    assert tuple(manifest["settings"]["event_subscriptions"]["bot_events"]) == BOT_EVENTS
    assert not any("url" in c for c in manifest["features"]["slash_commands"])


def test_http_mode_points_everything_at_the_events_url():
    config = Config()
    config.slack.mode = "http"
    manifest = slack_manifest(config, url="https://bot.example.org/")
    url = "https://bot.example.org/slack/events"
    assert manifest["settings"]["socket_mode_enabled"] is False
    assert manifest["settings"]["event_subscriptions"]["request_url"] == url
    assert manifest["settings"]["interactivity"] == {"is_enabled": True, "request_url": url}
    assert {c["url"] for c in manifest["features"]["slash_commands"]} == {url}


def test_umbrella_only():
    commands = socket_manifest(umbrella_only=True)["features"]["slash_commands"]
    assert [c["command"] for c in commands] == ["/newsbot"]


@pytest.mark.parametrize("as_yaml", [False, True])
def test_the_cli_prints_json_or_yaml(tmp_path, monkeypatch, as_yaml):
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["slack-manifest", *(["--yaml"] if as_yaml else [])], env={})
    assert result.exit_code == 0, result.output
    manifest = yaml.safe_load(result.output) if as_yaml else json.loads(result.output)
    assert manifest == socket_manifest()


def test_http_mode_without_a_url_is_one_line_and_exit_2(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["slack-manifest"], env={"NEWSBOT_SLACK_MODE": "http"})
    assert result.exit_code == 2
    assert result.output == 'Error: [slack] mode = "http" needs the public URL of the bot: --url https://bot.example.org\n'
