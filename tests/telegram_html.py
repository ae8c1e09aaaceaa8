"""Telegram's HTML parse mode as the real Bot API applies it: allowed tags, balanced nesting,
escaped entities, and the length limit counted in UTF-16 units after parsing."""

from __future__ import annotations

import html
import re

ALLOWED_TAGS = {
    "b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "span", "tg-spoiler", "a",
    "tg-emoji", "code", "pre", "blockquote",
}  # fmt: skip
TAG_RE = re.compile(r'</?([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[a-zA-Z-]+(?:="[^"<>]*")?)*)\s*>')
ENTITY_RE = re.compile(r"&(lt|gt|amp|quot|#\d{1,7}|#x[0-9a-fA-F]{1,6});")


class EntityError(ValueError):
    """HTML that the real Bot API answers with "can't parse entities"."""


def parse_html(text: str) -> str:
    """The visible text of a Telegram HTML message; raise EntityError where Telegram would."""
    visible: list[str] = []
    stack: list[str] = []
    pos = 0
    while pos < len(text):
        char = text[pos]
        if char == "<":
            match = TAG_RE.match(text, pos)
            if not match:
                raise EntityError(f"Unsupported start tag at byte offset {len(text[:pos].encode())}")
            name = match.group(1).lower()
            if name not in ALLOWED_TAGS:
                raise EntityError(f'Unsupported start tag "{name}" at byte offset {len(text[:pos].encode())}')
            if match.group(0).startswith("</"):
                if not stack or stack[-1] != name:
                    raise EntityError(
                        f'Unmatched end tag at byte offset {len(text[:pos].encode())}, expected "</{stack[-1] if stack else ""}>", found "</{name}>"'
                    )
                stack.pop()
            else:
                stack.append(name)
            pos = match.end()
        elif char == "&":
            match = ENTITY_RE.match(text, pos)
            if not match:
                raise EntityError(f"Can't find end of the entity starting at byte offset {len(text[:pos].encode())}")
            visible.append(html.unescape(match.group(0)))
            pos = match.end()
        else:
            visible.append(char)
            pos += 1
    if stack:
        raise EntityError(f'Can\'t find end tag corresponding to start tag "{stack[-1]}"')
    return "".join(visible)


def utf16_length(text: str) -> int:
    """Telegram counts message length in UTF-16 code units."""
    return len(text.encode("utf-16-le")) // 2
