"""Text without terminal control: escape sequences and control characters removed.

Article text comes from anywhere; printed to a terminal, an escape sequence such as OSC 52
(``ESC ] 52 ; c ; … BEL``) sets the reader's clipboard, and others move the cursor, clear the
screen or retitle the window. The reader strips them before an article is stored, and the command
line strips them again before printing (the database may hold text written by another tool).
"""

from __future__ import annotations

import re

ESCAPE_SEQUENCE = re.compile(
    r"""
      (?:\x1b\[|\x9b) [0-?]* [ -/]* [@-~]                          # CSI: colours, cursor, clear
    | (?:\x1b\]|\x9d) [^\x07\x1b\x9c]* (?:\x07|\x1b\\|\x9c)?        # OSC: clipboard, title, links
    | (?:\x1b[P_^X]|[\x90\x98\x9e\x9f]) [^\x1b\x9c]* (?:\x1b\\|\x9c)?  # DCS, APC, PM, SOS strings
    | \x1b [ -/]* [0-~]?                                           # any other escape (ESC c, ESC ( B)
    """,
    re.VERBOSE,
)
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")  # keeps \t, \n and \r


def strip_terminal_controls(text: str) -> str:
    """``text`` without escape sequences and C0/C1 control characters other than tab and newline."""
    if not text:
        return text
    return CONTROL_CHARACTERS.sub("", ESCAPE_SEQUENCE.sub("", text))
