"""The config schema read from the section dataclasses: environment overrides and type checks.

Every key of every section can be set as ``NEWSBOT_<SECTION>_<KEY>`` (``NEWSBOT_SLACK_BOT_TOKEN``,
``NEWSBOT_DIGEST_TIME``, ``NEWSBOT_TELEGRAM_ADMINS=1,2``). The value is converted to the key's
declared type (string, whole number, number, true/false, comma-separated list), so a new section
gets environment overrides and type checks by declaring its dataclass, nothing more.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from collections.abc import Mapping
from dataclasses import dataclass

PREFIX = "NEWSBOT_"
TRUE_WORDS = ("1", "true", "yes", "on")
FALSE_WORDS = ("0", "false", "no", "off", "")
# Variables with this prefix that are not config keys (the CLI reads them itself).
NOT_KEYS = {"NEWSBOT_CONFIG"}


class EnvError(ValueError):
    """An environment value that cannot be used; the message names the variable."""


@dataclass(frozen=True)
class Key:
    """One config key: its section, name and declared type (``str``, ``int``, ``list`` ...)."""

    section: str
    name: str
    kind: type  # str, int, float, bool or list
    optional: bool  # None is allowed (the key may be unset)

    @property
    def variable(self) -> str:
        return f"{PREFIX}{self.section}_{self.name}".upper()

    @property
    def label(self) -> str:
        return f"[{self.section}] {self.name}"

    @property
    def secret(self) -> bool:
        """Tokens and secrets: masked wherever the config is shown."""
        return self.name in ("token", "secret") or self.name.endswith(("_token", "_secret"))


def schema(sections: Mapping[str, type]) -> list[Key]:
    """Every key of every section dataclass, in declaration order."""
    keys = []
    for section, cls in sections.items():
        hints = typing.get_type_hints(cls)
        for item in dataclasses.fields(cls):
            if item.name.startswith("_"):
                continue
            kind, optional = _kind(hints[item.name])
            keys.append(Key(section, item.name, kind, optional))
    return keys


def _kind(annotation) -> tuple[type, bool]:
    args = typing.get_args(annotation)
    if isinstance(annotation, types.UnionType) or typing.get_origin(annotation) is typing.Union:
        real = [a for a in args if a is not type(None)]
        return _kind(real[0])[0], type(None) in args
    origin = typing.get_origin(annotation) or annotation
    if origin not in (str, int, float, bool, list):  # Literal, dict, ...: taken as text, not type-checked
        return object, False
    return origin, False


def environment_overrides(keys: list[Key], env: Mapping[str, str]) -> dict[Key, object]:
    """Key → typed value for every ``NEWSBOT_<SECTION>_<KEY>`` set in ``env``.

    Raises ``EnvError`` for a value of the wrong type and for an unknown ``NEWSBOT_`` variable
    (a typo would otherwise be ignored silently).
    """
    by_variable = {key.variable: key for key in keys}
    values = {}
    for variable, raw in env.items():
        if not variable.startswith(PREFIX) or variable in NOT_KEYS:
            continue
        key = by_variable.get(variable)
        if key is None:
            raise EnvError(_unknown(variable, keys))
        values[key] = convert(key, raw)
    return values


def convert(key: Key, raw: str):
    """The environment string ``raw`` as a value of ``key``'s type."""
    text = raw.strip()
    if key.optional and not text:
        return None
    where = f"{key.variable}={raw!r}"
    if key.kind is int:
        try:
            return int(text)
        except ValueError:
            raise EnvError(f"{where}: {key.label} must be a whole number") from None
    if key.kind is float:
        try:
            return float(text)
        except ValueError:
            raise EnvError(f"{where}: {key.label} must be a number") from None
    if key.kind is bool:
        word = text.lower()
        if word in TRUE_WORDS:
            return True
        if word in FALSE_WORDS:
            return False
        raise EnvError(f"{where}: {key.label} must be true or false")
    if key.kind is list:
        return [item.strip() for item in text.split(",") if item.strip()]
    return raw  # str, and kinds the schema cannot express (validate() checks those)


def check_types(config, keys: list[Key]) -> None:
    """Every value has its key's declared type (file values; env values are converted already).

    Raises ``ValueError`` naming the key. Whole numbers are accepted where a number is declared.
    """
    for key in keys:
        value = getattr(getattr(config, key.section), key.name)
        if value is None and key.optional:
            continue
        if not _has_type(value, key.kind):
            raise ValueError(f"{key.label} must be {_TYPE_NAMES.get(key.kind, key.kind.__name__)}")


_TYPE_NAMES = {str: "a string", int: "a whole number", float: "a number", bool: "true or false", list: "a list"}


def _has_type(value, kind: type) -> bool:
    if kind is object:
        return True
    if kind is bool:
        return isinstance(value, bool)
    if isinstance(value, bool):
        return False
    if kind is float:
        return isinstance(value, (int, float))
    return isinstance(value, kind)


def _unknown(variable: str, keys: list[Key]) -> str:
    sections = sorted({key.section for key in keys})
    rest = variable[len(PREFIX) :].lower()
    section = next((s for s in sections if rest.startswith(s + "_")), None)
    if section is None:
        return f"unknown environment variable {variable}; sections: {', '.join(sections)}"
    names = ", ".join(key.variable for key in keys if key.section == section)
    return f"unknown environment variable {variable}; [{section}] has {names}"
