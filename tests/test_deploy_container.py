"""The container without Docker (no image can be built on this machine): hadolint on the Dockerfile,
its key lines, compose.yaml and .env.example, and `newsbot serve` started the way the image starts it
(only environment variables, an empty /data), with its HEALTHCHECK command run against it."""

import asyncio
import fnmatch
import json
import re
import shlex
import signal
import socket
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from fake_telegram import FakeTelegram

from bot.config import load_config

ROOT = Path(__file__).resolve().parent.parent
DOCKERFILE = ROOT / "Dockerfile"


def instructions() -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) of the Dockerfile, continuation lines joined, comments dropped."""
    text = re.sub(r"\\\n\s*", " ", DOCKERFILE.read_text(encoding="utf-8"))
    result = []
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            keyword, _, rest = line.partition(" ")
            result.append((keyword.upper(), rest.strip()))
    return result


def final_stage() -> list[tuple[str, str]]:
    steps = instructions()
    last_from = max(i for i, (keyword, _) in enumerate(steps) if keyword == "FROM")
    return steps[last_from:]


def one(keyword: str) -> str:
    [value] = [rest for k, rest in final_stage() if k == keyword]
    return value


def image_environment() -> dict[str, str]:
    env = {}
    for keyword, rest in final_stage():
        if keyword == "ENV":
            for item in shlex.split(rest):
                name, _, value = item.partition("=")
                env[name] = value
    return env


def test_hadolint_finds_nothing():
    hadolint = Path(sys.executable).parent / "hadolint"
    result = subprocess.run([str(hadolint), "--failure-threshold", "style", str(DOCKERFILE)], capture_output=True, text=True)
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")


def test_slim_base_non_root_user_data_volume_stop_signal_and_healthcheck():
    froms = [rest for keyword, rest in instructions() if keyword == "FROM"]
    assert all(base.split()[0] == "python:3.11-slim" for base in froms)
    user = one("USER")
    assert re.fullmatch(r"[1-9]\d*:[1-9]\d*", user), "a numeric, non-root user"
    assert json.loads(one("VOLUME")) == ["/data"]
    assert one("WORKDIR") == "/data"
    assert one("STOPSIGNAL") == "SIGTERM"
    assert one("HEALTHCHECK").endswith('CMD ["newsbot", "healthcheck"]')
    assert json.loads(one("ENTRYPOINT")) == ["newsbot"]
    assert json.loads(one("CMD")) == ["serve"]
    env = image_environment()
    assert env["NEWSBOT_STORE_DB"] == "/data/newsroom.db"
    assert one("EXPOSE") == env["NEWSBOT_SERVE_HEALTH_PORT"] == "8080"


def test_the_image_environment_is_a_valid_config():
    env = {k: v for k, v in image_environment().items() if k.startswith("NEWSBOT_")}
    config = load_config(None, env=env)
    assert config.store.db == "/data/newsroom.db"
    assert config.serve.health_port == 8080


def test_the_build_installs_from_the_package_index_only_and_copies_what_exists():
    runs = [rest for keyword, rest in instructions() if keyword == "RUN"]
    assert any("pip install --no-cache-dir ." in run for run in runs)
    assert not any(re.search(r"https?://|git\+|curl|wget|apt-get", run) for run in runs)
    ignore = [line for line in (ROOT / ".dockerignore").read_text().splitlines() if line and not line.startswith("#")]
    for keyword, rest in instructions():
        if keyword == "COPY" and not rest.startswith("--from"):
            for source in rest.split()[:-1]:
                assert (ROOT / source).exists(), source
                assert f"!{source.rstrip('/')}/" in ignore or f"!{source}" in ignore, f"{source} is not in the build context"
    assert fnmatch.fnmatch("tests/test_x.py", ignore[0])  # everything else stays out of the context


def test_compose_example_and_env_example():
    compose = yaml.safe_load((ROOT / "compose.yaml").read_text())
    service = compose["services"]["newsbot"]
    assert service["build"] == "."
    assert service["env_file"] == ".env"
    assert "newsbot-data:/data" in service["volumes"]
    assert "newsbot-data" in compose["volumes"]
    env = {}
    for line in (ROOT / ".env.example").read_text().splitlines():
        if line and not line.startswith("#"):
            name, _, value = line.partition("=")
            env[name] = value
    assert {"NEWSBOT_TELEGRAM_TOKEN", "NEWSBOT_SLACK_BOT_TOKEN", "NEWSBOT_SLACK_APP_TOKEN"} <= set(env)
    config = load_config(None, env=env)  # every name is a config key, every value valid
    assert config.log.format == "json"
    assert not config.telegram.enabled and not config.slack.enabled


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.mark.slow
async def test_serve_starts_from_environment_variables_only_and_passes_its_healthcheck(tmp_path):
    """`docker run -e ... newsroom-bot`: ENTRYPOINT + CMD in WORKDIR /data with the image's ENV."""
    data = tmp_path / "data"
    data.mkdir()
    port = str(free_port())
    async with FakeTelegram(token="555:container-token") as telegram:
        env = {
            **{k: v.replace("/data", str(data)) for k, v in image_environment().items()},
            "PATH": f"{Path(sys.executable).parent}:/usr/bin:/bin",
            "NEWSBOT_SERVE_HEALTH_PORT": port,  # -e overrides the image's 8080
            "NEWSBOT_SERVE_HEALTH_HOST": "127.0.0.1",
            "TELEGRAM_BOT_TOKEN": telegram.token,
            "NEWSBOT_TELEGRAM_API_BASE_URL": telegram.url,
        }
        command = json.loads(one("ENTRYPOINT")) + json.loads(one("CMD"))
        process = await asyncio.create_subprocess_exec(
            *command, cwd=data, env=env, stdin=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.PIPE
        )
        try:
            while b"digest scheduler:" not in await asyncio.wait_for(process.stderr.readline(), 60):
                pass
            check = await asyncio.create_subprocess_exec(
                "newsbot", "healthcheck", cwd=data, env=env, stdout=asyncio.subprocess.PIPE
            )
            out, _ = await asyncio.wait_for(check.communicate(), 60)
            assert check.returncode == 0
            assert json.loads(out) == {"status": "ok", "database": "ok", "adapters": {"telegram": "ok"}}
        finally:
            process.send_signal(signal.SIGTERM)  # STOPSIGNAL
            await asyncio.wait_for(process.communicate(), 30)
    assert process.returncode == 0
    assert (data / "newsroom.db").is_file()


def test_healthcheck_without_a_server_fails_with_one_line(tmp_path):
    env = {"PATH": f"{Path(sys.executable).parent}:/usr/bin:/bin", "NEWSBOT_SERVE_HEALTH_PORT": str(free_port())}
    result = subprocess.run(["newsbot", "healthcheck"], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    assert result.stderr.startswith(f"no answer from http://127.0.0.1:{env['NEWSBOT_SERVE_HEALTH_PORT']}/healthz: ")
    assert result.stderr.count("\n") == 1
    result = subprocess.run(["newsbot", "healthcheck"], cwd=tmp_path, env={"PATH": env["PATH"]}, capture_output=True, text=True, timeout=60)
    assert (result.returncode, result.stderr) == (
        2,
        "Error: [serve] health_port is not set (NEWSBOT_SERVE_HEALTH_PORT); serve has no health endpoint\n",
    )
