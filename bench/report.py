"""The bench table: one row per figure, its target beside it, and whether it was met."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Row:
    what: str
    measured: str
    target: str
    verdict: str  # "met" | "MISSED" | "" (no target) | "—" (not measured)


def print_table(rows: list[Row], title: str) -> None:
    headers = Row("measurement", "measured", "target", "")
    widths = [max(len(getattr(r, f)) for r in [headers, *rows]) for f in ("what", "measured", "target", "verdict")]
    print(title)
    line = "  ".join("-" * w for w in widths)
    print(line)
    for row in [headers, *rows]:
        cells = (row.what, row.measured, row.target, row.verdict)
        print("  ".join(cell.ljust(w) for cell, w in zip(cells, widths)).rstrip())
        if row is headers:
            print(line)
