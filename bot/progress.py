"""Report ``newsbot load`` as it goes: one line per file, a progress bar on a terminal, a total."""

from __future__ import annotations

import sys
from collections import Counter
from contextlib import contextmanager

import click
from tqdm import tqdm

from store.loader import LoadResult, expand_paths
from store.safe_text import strip_terminal_controls

STATUSES = ("loaded", "unchanged", "replaced", "failed")


class FileReport:
    """Groups per-article results by file (a JSON Lines file holds many) and prints one line each."""

    def __init__(self, bar: tqdm | None):
        self.bar = bar
        self.current: str | None = None
        self.results: list[LoadResult] = []
        self.files = Counter()

    def __call__(self, result: LoadResult) -> None:
        file = result.file or result.path
        if file != self.current:
            self.flush()
            self.current = file
        self.results.append(result)

    def flush(self) -> None:
        if not self.results:
            return
        line, status = describe_file(self.current or "", self.results)
        self.files[status] += 1
        line = strip_terminal_controls(line)  # file names and titles come from outside
        if self.bar is not None:
            self.bar.write(line, file=sys.stdout)
            self.bar.update(1)
        else:
            click.echo(line)
        self.results = []

    def total(self) -> str:
        counts = ", ".join(f"{self.files[s]} {s}" for s in STATUSES)
        return f"{sum(self.files.values())} files: {counts}"


def describe_file(file: str, results: list[LoadResult]) -> tuple[str, str]:
    """A line for a file and its overall status (failed wins, then replaced, loaded, unchanged);
    a file of many articles gets one more line for each that failed."""
    statuses = Counter(r.status for r in results)
    status = next(s for s in ("failed", "replaced", "loaded", "unchanged") if statuses[s])
    if len(results) == 1:
        r = results[0]
        if r.status == "failed":
            return f"failed     {file}: {r.reason}", status
        title = f"  {r.title}" if r.title else ""
        return f"{r.status:<10} {file}  #{r.article_id}{title}", status
    parts = ", ".join(f"{statuses[s]} {s}" for s in STATUSES if statuses[s])
    lines = [f"{status:<10} {file}  ({len(results)} articles: {parts})"]
    lines += [f"failed     {r.path}: {r.reason}" for r in results if r.status == "failed"]
    return "\n".join(lines), status


@contextmanager
def print_load_results(paths, show_bar: bool):
    """Yield the ``on_result`` callback for ``load_paths``; print the total at the end."""
    bar = None
    if show_bar:
        total = sum(1 for _ in expand_paths(paths))
        bar = tqdm(total=total, unit="file", file=sys.stderr, leave=False, dynamic_ncols=True)
    report = FileReport(bar)
    try:
        yield report
    finally:
        report.flush()
        if bar is not None:
            bar.close()
        click.echo(report.total())
