"""``newsbot config``: the effective configuration as TOML, secrets masked, each value's source.

The output is valid TOML (sources are comments), so it can be saved as a starting config; a
masked secret reads ``"<set>"`` and an unset one is a commented-out line.
"""

from __future__ import annotations

import json

from bot.config import SECRETS, SECTIONS, Config
from bot.config_env import schema

MASK = "<set>"


def secret_values(config: Config) -> list[str]:
    """Every secret the config holds (tokens, signing and webhook secrets), for log redaction."""
    values = []
    for key in schema(SECTIONS):
        value = getattr(getattr(config, key.section), key.name)
        if key.secret and isinstance(value, str) and value:
            values.append(value)
    return values


def render_config(config: Config) -> str:
    header = f"# effective configuration: {config.path or 'built-in defaults'} + environment\n"
    lines = [header.rstrip("\n")]
    current = None
    keys = schema(SECTIONS)
    width = max(len(key.name) for key in keys) + 3
    for key in keys:
        if key.section != current:
            current = key.section
            lines.append("")
            lines.append(f"[{key.section}]")
        value = getattr(getattr(config, key.section), key.name)
        source = config.sources.get(f"{key.section}.{key.name}", "default")
        hint = _hint(key)
        if value is None:
            lines.append(f"# {key.name} =".ljust(width + 24) + f"  # unset{hint}")
            continue
        shown = json.dumps(MASK) if key.secret else _toml(value)
        lines.append(f"{key.name} = {shown}".ljust(width + 24) + f"  # {source}")
    return "\n".join(lines) + "\n"


def _hint(key) -> str:
    """Where an unset secret could come from."""
    alias = SECRETS.get((key.section, key.name))
    names = [key.variable] + ([alias] if alias else [])
    return f"; set with {' or '.join(names)}" if key.secret else ""


def _toml(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, list):
        return "[" + ", ".join(_toml(item) for item in value) + "]"
    return json.dumps(str(value), ensure_ascii=False)
