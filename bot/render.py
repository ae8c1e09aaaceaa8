"""Rendering helpers shared by the platform adapters: splitting text to a platform's limits, sizes."""

from __future__ import annotations


def chunk_lines(lines: list[str], limit: int, separator: str = "\n") -> list[str]:
    """Join ``lines`` into chunks of at most ``limit`` characters, splitting between lines.

    A single line longer than ``limit`` is cut at the last space before the limit (or hard at the
    limit when it has no space), so no chunk ever exceeds it. Markup inside a line must already be
    complete: callers render each line on its own so that a split never cuts a tag in two.
    """
    if limit <= len(separator):
        raise ValueError("limit too small")
    chunks: list[str] = []
    current = ""
    for line in lines:
        for piece in _cut(line, limit):
            candidate = piece if not current else current + separator + piece
            if len(candidate) <= limit:
                current = candidate
            else:
                chunks.append(current)
                current = piece
    if current or not chunks:
        chunks.append(current)
    return chunks


def _cut(line: str, limit: int) -> list[str]:
    pieces = []
    while len(line) > limit:
        cut = line.rfind(" ", 0, limit)
        if cut <= 0:
            cut = limit
        pieces.append(line[:cut])
        line = line[cut:].lstrip(" ")
    pieces.append(line)
    return pieces


def megabytes(size: int) -> str:
    """``3145728`` → ``"3.0 MB"``: a file size for the user (uploads and their limit)."""
    return f"{size / (1024 * 1024):.1f} MB"
