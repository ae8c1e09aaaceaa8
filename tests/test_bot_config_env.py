"""Every config key from NEWSBOT_<SECTION>_<KEY>, typed and validated like the file; `newsbot config`."""

import subprocess
import sys
from pathlib import Path

import pytest

from bot.config import ConfigError, incomplete_platform, load_config

ROOT = Path(__file__).resolve().parent.parent


def write(tmp_path, text):
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    return path


def newsbot(*args, env=None, cwd=None):
    """Run the CLI in a subprocess with exactly ``env`` (plus PATH) as its environment."""
    return subprocess.run(
        [sys.executable, "-m", "bot.cli", *args],
        capture_output=True,
        text=True,
        cwd=cwd or ROOT,
        env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT), **(env or {})},
        timeout=60,
    )


def test_every_type_comes_from_the_environment_and_wins_over_the_file(tmp_path):
    path = write(tmp_path, '[digest]\ntime = "08:00"\n[slack]\nport = 4000\nbot_token = "xoxb-file"\n')
    env = {
        "NEWSBOT_SLACK_BOT_TOKEN": "xoxb-env",  # string
        "NEWSBOT_DIGEST_TIME": "06:45",  # string, validated as a time
        "NEWSBOT_SLACK_PORT": "3100",  # int
        "NEWSBOT_TELEGRAM_ADMINS": "1, 2,",  # list
        "NEWSBOT_DIGEST_GRACE_HOURS": "2.5",  # float
        "NEWSBOT_SERVE_HEALTH_PORT": "9090",  # optional int
    }
    config = load_config(path, env=env)
    assert config.slack.bot_token == "xoxb-env"
    assert config.digest.time == "06:45"
    assert config.slack.port == 3100
    assert config.telegram.admins == ["1", "2"]
    assert config.digest.grace_hours == 2.5
    assert config.serve.health_port == 9090
    assert config.sources["slack.port"] == "env NEWSBOT_SLACK_PORT"
    assert config.sources["digest.time"] == "env NEWSBOT_DIGEST_TIME"
    assert "bot.language" not in config.sources  # a default


@pytest.mark.parametrize(
    "value, expected",
    [("true", True), ("1", True), ("Yes", True), ("on", True), ("false", False), ("0", False), ("off", False)],
)
def test_booleans_from_the_environment(value, expected):
    from bot.config_env import Key, convert

    assert convert(Key("x", "flag", bool, False), value) is expected


def test_a_bad_boolean_names_the_variable():
    from bot.config_env import EnvError, Key, convert

    with pytest.raises(EnvError, match=r"NEWSBOT_X_FLAG='maybe': \[x\] flag must be true or false"):
        convert(Key("x", "flag", bool, False), "maybe")


def test_an_empty_optional_value_unsets_the_key(tmp_path):
    config = load_config(write(tmp_path, '[nlp]\nmodel = "nl_core_news_sm"\n'), env={"NEWSBOT_NLP_MODEL": ""})
    assert config.nlp.model is None


def test_the_secret_aliases_still_work_and_the_long_name_wins():
    config = load_config(None, env={"TELEGRAM_BOT_TOKEN": "1:alias"})
    assert config.telegram.token == "1:alias"
    assert config.sources["telegram.token"] == "env TELEGRAM_BOT_TOKEN"
    config = load_config(None, env={"TELEGRAM_BOT_TOKEN": "1:alias", "NEWSBOT_TELEGRAM_TOKEN": "1:long"})
    assert config.telegram.token == "1:long"


@pytest.mark.parametrize(
    "env, message",
    [
        ({"NEWSBOT_SLACK_PORT": "abc"}, "NEWSBOT_SLACK_PORT='abc': [slack] port must be a whole number"),
        ({"NEWSBOT_SLACK_PORT": "70000"}, "[slack] port must be a port number from 0 to 65535 (set by NEWSBOT_SLACK_PORT)"),
        ({"NEWSBOT_BOT_LANGUAGE": "fr"}, '[bot] language = "fr" is not allowed; use "nl" or "en" (set by NEWSBOT_BOT_LANGUAGE)'),
        ({"NEWSBOT_DIGEST_TIME": "7.30"}, '[digest] time = "7.30" is not a time'),
        ({"NEWSBOT_STORE_MAX_FILE_MB": "lots"}, "NEWSBOT_STORE_MAX_FILE_MB='lots': [store] max_file_mb must be a number"),
        ({"NEWSBOT_LOG_FORMAT": "xml"}, '[log] format = "xml" is not allowed; use "text" or "json"'),
        ({"NEWSBOT_SLACK_BOTTOKEN": "x"}, "unknown environment variable NEWSBOT_SLACK_BOTTOKEN; [slack] has NEWSBOT_SLACK_BOT_TOKEN"),
        ({"NEWSBOT_CHAT_X": "1"}, "unknown environment variable NEWSBOT_CHAT_X; sections: alerts, bot, digest"),
    ],
)
def test_bad_environment_values_name_the_variable(env, message):
    with pytest.raises(ConfigError) as err:
        load_config(None, env=env)
    assert message in str(err.value)


def test_a_file_value_of_the_wrong_type_is_refused_for_any_key(tmp_path):
    with pytest.raises(ConfigError, match=r"^\[log\] level must be a str$"):
        load_config(write(tmp_path, "[log]\nlevel = 3\n"), env={})
    with pytest.raises(ConfigError, match=r"^\[serve\] health_host must be a string$"):
        load_config(write(tmp_path, "[serve]\nhealth_host = 3\n"), env={})


def test_a_bad_environment_value_is_one_line_and_exit_2(tmp_path):
    result = newsbot("stats", "--db", str(tmp_path / "x.db"), env={"NEWSBOT_SLACK_PORT": "abc"}, cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr == "Error: NEWSBOT_SLACK_PORT='abc': [slack] port must be a whole number\n"
    assert not (tmp_path / "x.db").exists()


def test_newsbot_config_shows_values_sources_and_masks_secrets(tmp_path):
    path = write(tmp_path, '[bot]\nlanguage = "en"\n[slack]\nbot_token = "xoxb-from-the-file"\n')
    env = {"NEWSBOT_CONFIG": str(path), "SLACK_APP_TOKEN": "xapp-from-env-1234", "NEWSBOT_TELEGRAM_ADMINS": "1,2"}
    result = newsbot("config", env=env, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == f"# effective configuration: {path} + environment"
    assert 'language = "en"                              # file' in lines
    assert 'timezone = "Europe/Amsterdam"                # default' in lines
    assert 'bot_token = "<set>"                          # file' in lines
    assert 'app_token = "<set>"                          # env SLACK_APP_TOKEN' in lines
    assert 'admins = ["1", "2"]                          # env NEWSBOT_TELEGRAM_ADMINS' in lines
    assert (
        "# token =                                    # unset; set with NEWSBOT_TELEGRAM_TOKEN or TELEGRAM_BOT_TOKEN"
        in lines
    )
    assert "xoxb-from-the-file" not in result.stdout and "xapp-from-env" not in result.stdout


def test_newsbot_config_output_is_valid_toml_that_loads_back(tmp_path):
    import tomllib

    result = newsbot("config", "--db", "elsewhere.db", env={"NEWSBOT_DIGEST_TIME": "06:45"}, cwd=tmp_path)
    parsed = tomllib.loads(result.stdout)
    assert parsed["digest"]["time"] == "06:45"
    assert parsed["store"]["db"] == "elsewhere.db"
    assert 'db = "elsewhere.db"' in result.stdout and "# --db" in result.stdout


@pytest.mark.parametrize(
    "text, env, message",
    [
        ('[slack]\nbot_token = "xoxb-1"\n', {}, '[slack] is incomplete: mode = "socket" needs app_token'),
        ('[slack]\nbot_token = "xoxb-1"\nmode = "http"\n', {}, '[slack] is incomplete: mode = "http" needs signing_secret'),
        ("", {"SLACK_APP_TOKEN": "xapp-1"}, "[slack] is incomplete: bot_token (SLACK_BOT_TOKEN) is not set"),
        ('[telegram]\nwebhook_url = "https://x.example/t"\n', {}, "[telegram] is incomplete"),
    ],
)
def test_an_incomplete_platform_is_named(tmp_path, text, env, message):
    assert message in incomplete_platform(load_config(write(tmp_path, text), env=env))


def test_a_complete_or_absent_platform_is_fine(tmp_path):
    assert incomplete_platform(load_config(None, env={})) is None
    config = load_config(None, env={"SLACK_BOT_TOKEN": "xoxb-1", "SLACK_APP_TOKEN": "xapp-1"})
    assert incomplete_platform(config) is None


def test_serve_with_an_incomplete_slack_section_exits_2_instead_of_starting_the_console(tmp_path):
    path = write(tmp_path, '[slack]\nbot_token = "xoxb-secret-value"\n')
    result = newsbot("serve", "--config", str(path), "--db", str(tmp_path / "n.db"), cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr == (
        'Error: [slack] is incomplete: mode = "socket" needs app_token (SLACK_APP_TOKEN); '
        'or set mode = "http" with signing_secret\n'
    )
    assert result.stdout == ""


def test_a_new_section_gets_environment_overrides_and_type_checks_for_free():
    from dataclasses import dataclass, field
    from typing import Literal

    from bot.config_env import check_types, environment_overrides, schema

    @dataclass
    class FeedsConfig:
        urls: list[str] = field(default_factory=list)
        interval_minutes: float = 30.0
        enabled: bool = True
        style: Literal["short", "long"] = "short"

    keys = schema({"feeds": FeedsConfig})
    values = environment_overrides(
        keys, {"NEWSBOT_FEEDS_URLS": "https://a.example/rss, https://b.example/rss", "NEWSBOT_FEEDS_ENABLED": "no",
               "NEWSBOT_FEEDS_INTERVAL_MINUTES": "5", "NEWSBOT_FEEDS_STYLE": "long"},
    )  # fmt: skip
    assert {key.name: value for key, value in values.items()} == {
        "urls": ["https://a.example/rss", "https://b.example/rss"],
        "enabled": False,
        "interval_minutes": 5.0,
        "style": "long",
    }

    class Holder:
        feeds = FeedsConfig(interval_minutes="often")

    with pytest.raises(ValueError, match=r"^\[feeds\] interval_minutes must be a number$"):
        check_types(Holder(), keys)
