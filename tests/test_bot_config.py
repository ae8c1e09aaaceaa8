"""Config: TOML plus environment secrets, validated with messages naming the key."""

from pathlib import Path

import pytest

from bot.config import ConfigError, describe, load_config


def write(tmp_path, text):
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_defaults_without_a_file(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    config = load_config(None, env={})
    assert config.store.db == "data/newsroom.db"
    assert config.bot.language == "nl"
    assert config.bot.timezone == "Europe/Amsterdam"
    assert config.digest.time == "07:30"
    assert not config.telegram.enabled
    assert not config.slack.enabled


def test_example_config_is_valid():
    root = Path(__file__).resolve().parent.parent
    config = load_config(root / "config.example.toml", env={})
    assert config.slack.api_base_url == "https://slack.com/api/"


def test_environment_secrets_win_and_enable_adapters(tmp_path):
    path = write(tmp_path, '[telegram]\ntoken = "from-file"\napi_base_url = "http://127.0.0.1:9"\n[slack]\nmode = "http"\n')
    env = {"TELEGRAM_BOT_TOKEN": "123:env", "SLACK_BOT_TOKEN": "xoxb-1", "SLACK_SIGNING_SECRET": "s"}
    config = load_config(path, env=env)
    assert config.telegram.token == "123:env"
    assert config.telegram.base_url == "http://127.0.0.1:9/bot"
    assert config.telegram.base_file_url == "http://127.0.0.1:9/file/bot"
    assert config.slack.enabled
    assert describe(config) == ["telegram (api http://127.0.0.1:9, admins 0)", "slack (http mode, admins 0)"]
    assert "123:env" not in " ".join(describe(config))


def test_slack_socket_mode_needs_the_app_token(tmp_path):
    config = load_config(write(tmp_path, '[slack]\nbot_token = "xoxb"\n'), env={})
    assert not config.slack.enabled
    config = load_config(write(tmp_path, '[slack]\nbot_token = "xoxb"\n'), env={"SLACK_APP_TOKEN": "xapp"})
    assert config.slack.enabled


def test_ids_become_strings(tmp_path):
    config = load_config(write(tmp_path, "[telegram]\nadmins = [42, \"7\"]\n[digest]\ntelegram_chats = [-100]\n"), env={})
    assert config.telegram.admins == ["42", "7"]
    assert config.digest.telegram_chats == ["-100"]


@pytest.mark.parametrize(
    "text, message",
    [
        ('[bot]\nlanguage = "de"\n', '[bot] language = "de" is not allowed; use "nl" or "en"'),
        ('[bot]\ntimezone = "Mars/Olympus"\n', '[bot] timezone = "Mars/Olympus" is not a known time zone'),
        ('[slack]\nmode = "rtm"\n', '[slack] mode = "rtm" is not allowed; use "socket" or "http"'),
        ('[digest]\ntime = "7.30"\n', '[digest] time = "7.30" is not a time; use "HH:MM"'),
        ('[digest]\ntime = "24:00"\n', '[digest] time = "24:00" is not a time'),
        ("[slack]\nport = 70000\n", "[slack] port must be a port number from 0 to 65535"),
        ('[telegram]\nadmins = "me"\n', "[telegram] admins must be a list of ids"),
        ('[store]\nmax_file_mb = 0\n', "[store] max_file_mb must be a positive number"),
        ('[telegram]\napi_base_url = "ftp://x"\n', "[telegram] api_base_url must be an http:// or https:// URL"),
        ("[store]\ndatabase = 1\n", "unknown key [store] database; allowed: db, max_file_mb"),
        ("[chat]\nx = 1\n", "unknown section [chat]"),
        ("[store\n", "not valid TOML"),
    ],
)
def test_bad_values_name_the_key(tmp_path, text, message):
    with pytest.raises(ConfigError) as err:
        load_config(write(tmp_path, text), env={})
    assert message in str(err.value)


def test_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(ConfigError, match="config file not found"):
        load_config(tmp_path / "nope.toml", env={})
