"""No token in any output: refused tokens, a wrong API URL, -v logs of Bot API URLs, JSON logs, tracebacks.

Every test captures all of a real process's output (stdout and stderr) or all of a log stream.
"""

import asyncio
import io
import json
import logging
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from fake_telegram import FakeTelegram

from bot.logs import redact, setup_logging

ROOT = Path(__file__).resolve().parent.parent
TOKEN = "424242:AAE-secret-token-value_0123456789abcdef"
OTHER_TOKEN = "424242:AAE-a-different-token_0123456789abcd"
STOP_TIMEOUT = 30


async def run_serve(tmp_path, config_text: str, *options: str, wait_for: str | None = None) -> tuple[int, str]:
    """``newsbot [options] serve``; with ``wait_for``, SIGTERM once stderr shows it. (code, all output)."""
    config = tmp_path / "config.toml"
    config.write_text(config_text, encoding="utf-8")
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot.cli", *options, "serve", "--config", str(config), "--db", str(tmp_path / "n.db"),
        cwd=ROOT, stdin=asyncio.subprocess.DEVNULL, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )  # fmt: skip
    seen = []
    if wait_for:
        while True:
            line = (await asyncio.wait_for(process.stderr.readline(), 60)).decode()
            seen.append(line)
            if not line or wait_for in line:
                break
        process.send_signal(signal.SIGTERM)
    stdout, stderr = await asyncio.wait_for(process.communicate(), STOP_TIMEOUT)
    return process.returncode, stdout.decode() + "".join(seen) + stderr.decode()


def telegram_config(url: str, token: str = TOKEN) -> str:
    return f'[telegram]\ntoken = "{token}"\napi_base_url = "{url}"\n'


@pytest.mark.parametrize("options", [(), ("-v",)], ids=["info", "verbose"])
async def test_a_refused_token_is_one_line_without_the_token(tmp_path, options):
    async with FakeTelegram(token=TOKEN) as telegram:
        code, output = await run_serve(tmp_path, telegram_config(telegram.url, OTHER_TOKEN), *options)
    assert code == 2
    assert TOKEN not in output and OTHER_TOKEN not in output
    assert "AAE-" not in output
    assert (
        f"ERROR bot.serve: newsbot serve: telegram: the Bot API at {telegram.url} refused the token; "
        "check [telegram] token (TELEGRAM_BOT_TOKEN) and api_base_url"
    ) in output
    assert "Traceback" not in output


async def test_a_valid_token_with_a_wrong_api_base_url_never_shows_the_token(tmp_path):
    async with FakeTelegram(token=TOKEN) as telegram:
        code, output = await run_serve(tmp_path, telegram_config(telegram.url + "/wrong"), "-v")
    assert code == 2
    assert "AAE-" not in output
    assert f"the Bot API at {telegram.url}/wrong refused the token" in output


async def test_verbose_logs_show_bot_api_urls_without_the_token(tmp_path):
    async with FakeTelegram(token=TOKEN) as telegram:
        code, output = await run_serve(
            tmp_path, telegram_config(telegram.url), "-v", wait_for="digest scheduler:"
        )
        await asyncio.sleep(0)
    assert code == 0
    assert "AAE-" not in output
    assert f"HTTP Request: POST {telegram.url}/bot<redacted>/getMe" in output  # httpx at DEBUG


async def test_json_logs_are_one_object_a_line_without_the_token(tmp_path):
    async with FakeTelegram(token=TOKEN) as telegram:
        config = telegram_config(telegram.url) + '[log]\nformat = "json"\nlevel = "DEBUG"\n'
        code, output = await run_serve(tmp_path, config, wait_for="newsbot serve: telegram")
    assert code == 0
    entries = [json.loads(line) for line in output.splitlines() if line]
    assert {"time", "level", "logger", "message"} <= set(entries[0])
    assert any(e["message"] == "newsbot serve: stopped" for e in entries)
    assert "AAE-" not in output


def test_an_uncaught_exception_is_printed_without_the_token():
    script = (
        "from bot.logs import setup_logging, redact\n"
        f"redact.add([{TOKEN!r}])\n"
        "setup_logging()\n"
        f"raise RuntimeError('request to https://api.telegram.org/bot{TOKEN}/getMe failed for ' + {TOKEN!r})\n"
    )
    result = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    assert "AAE-" not in result.stdout + result.stderr
    assert "RuntimeError: request to https://api.telegram.org/bot<redacted>/getMe failed for <redacted>" in result.stderr


@pytest.fixture
def restore_logging():
    """setup_logging changes process-wide state: put it back for the other tests."""
    root = logging.getLogger()
    saved = (list(root.handlers), root.level, sys.excepthook, threading.excepthook)
    yield
    root.handlers[:] = saved[0]
    root.setLevel(saved[1])
    sys.excepthook, threading.excepthook = saved[2], saved[3]


def test_logged_exceptions_and_messages_are_redacted_in_text_and_json(restore_logging):
    for log_format in ("text", "json"):
        stream = io.StringIO()
        setup_logging("INFO", log_format, stream=stream)
        redact.add(["my-signing-secret"])
        log = logging.getLogger("test.secrets")
        try:
            raise ValueError("slack said invalid_auth for xoxb-1234-5678-abcdef and xapp-1-A0-1-ffff")
        except ValueError:
            log.exception("call with %s failed", "my-signing-secret")
        output = stream.getvalue()
        assert "xoxb-<redacted>" in output and "xapp-<redacted>" in output
        assert "1234-5678" not in output and "ffff" not in output and "my-signing-secret" not in output
        assert "call with <redacted> failed" in output


def test_redaction_leaves_ordinary_text_alone():
    text = "Rubio zei om 12:30 dat de bot 3 keer /who gebruikte; xoxo groeten"
    assert redact(text) == text
