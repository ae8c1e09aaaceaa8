"""Ingest on real text (``bench.realtext``): the load against bare tokenisation of the same
texts in the same run, with 1, 2 and 4 extraction processes, and the memory of a 2 MB article.

    python -m bench.real_ingest [--words 300000] [--workers 1 2 4] [--jsonl FILE]...

Each load goes into a fresh database with cold caches: one process gets a freshly built
pipeline (its build is not timed); worker processes build theirs when the load starts, which
the wall time includes. The steady rate leaves that start out: articles and time from the first
committed batch to the end. The 2 MB article is loaded by ``newsbot load`` in a child process
whose memory (with its workers') is sampled every 50 ms.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from bench.realtext import real_corpus, write_real_corpus

OUT = Path(__file__).resolve().parent / "out"
NEWSBOT = Path(sys.executable).parent / "newsbot"


@dataclass
class LoadRun:
    workers: int
    articles: int
    words: int
    wall_s: float  # from the call to the last commit (worker start included)
    steady_s: float  # from the first committed batch to the last
    steady_articles: int
    steady_words: int
    failed: int
    main_cpu_s: float  # CPU time of the writing process (with workers: reading, linking, writing)
    workers_cpu_s: float  # CPU time of the worker processes together
    start_cpu_s: float = 0.0  # of which starting them (building their pipelines), measured apart

    @property
    def work_cpu_s(self) -> float:
        """CPU seconds of the load itself: writer plus workers, without the workers' start."""
        return self.main_cpu_s + max(self.workers_cpu_s - self.start_cpu_s, 0.0)

    @property
    def words_per_cpu_s(self) -> float:
        return self.words / self.work_cpu_s

    @property
    def idle_speedup_bound(self) -> float:
        """What the run would gain on free cores: its CPU time over the busiest process's (the
        workers share their work evenly), start left out."""
        workers_work = self.work_cpu_s - self.main_cpu_s
        if not workers_work:
            return 1.0
        return self.work_cpu_s / max(self.main_cpu_s, workers_work / self.workers)

    @property
    def words_per_s(self) -> float:
        return self.steady_words / self.steady_s if self.steady_s else 0.0

    @property
    def wall_words_per_s(self) -> float:
        return self.words / self.wall_s if self.wall_s else 0.0

    def as_dict(self) -> dict:
        return {
            **asdict(self),
            "words_per_s": round(self.words_per_s),
            "wall_words_per_s": round(self.wall_words_per_s),
            "words_per_cpu_s": round(self.words_per_cpu_s),
            "idle_speedup_bound": round(self.idle_speedup_bound, 2),
        }


def bare_words_per_s(texts: list[str]) -> tuple[float, float]:
    """Bare ``spacy.blank("nl")`` tokenisation: (words per second, words per CPU second)."""
    import spacy

    nlp = spacy.blank("nl")
    start, cpu = time.perf_counter(), time.process_time()
    for _ in nlp.pipe(texts, batch_size=256):
        pass
    words = sum(len(t.split()) for t in texts)
    return words / (time.perf_counter() - start), words / (time.process_time() - cpu)


def timed_load(folder: Path, db_path: Path, workers: int, words_by_path: dict[str, int]) -> LoadRun:
    from store import search
    from store.db import open_db
    from store.extraction.nlp import PipelineLoader, build_pipeline
    from store.loader import load_paths

    for stale in db_path.parent.glob(db_path.name + "*"):
        stale.unlink()
    search.stem_word.cache_clear()
    db = open_db(db_path)
    if workers == 1:
        options = {"nlp": build_pipeline(), "workers": 1}
    else:
        options = {"nlp_loader": PipelineLoader(None), "workers": workers}
    stamps: list[tuple[float, str, str]] = []
    cpu_start = time.process_time()
    children_start = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    results = load_paths(db, [folder], on_result=lambda r: stamps.append((time.perf_counter(), r.path, r.status)), **options)
    end = time.perf_counter()
    db.close()
    first_batch_at = stamps[0][0]
    steady = [(t, path) for t, path, status in stamps if t > first_batch_at and status == "loaded"]
    return LoadRun(
        workers=workers,
        articles=sum(r.status == "loaded" for r in results),
        words=sum(words_by_path.get(r.path, 0) for r in results if r.status == "loaded"),
        wall_s=end - start,
        steady_s=end - first_batch_at,
        steady_articles=len(steady),
        steady_words=sum(words_by_path.get(path, 0) for _, path in steady),
        failed=sum(r.status == "failed" for r in results),
        main_cpu_s=round(time.process_time() - cpu_start, 1),
        workers_cpu_s=round(_children_cpu() - (children_start.ru_utime + children_start.ru_stime), 1),
    )


def pool_start_cpu(out: Path, workers: int) -> float:
    """CPU seconds that starting ``workers`` worker processes costs: a load of just enough tiny
    articles to start them."""
    from store.db import open_db
    from store.extraction.nlp import PipelineLoader
    from store.loader import load_paths
    from store.workers import PARALLEL_MIN_ARTICLES

    folder = out / "tiny"
    folder.mkdir(parents=True, exist_ok=True)
    records = [json.dumps({"text": f"Kort bericht nummer {i}."}) for i in range(PARALLEL_MIN_ARTICLES)]
    (folder / "tiny.jsonl").write_text("\n".join(records) + "\n", encoding="utf-8")
    db_path = out / "tiny.db"
    for stale in db_path.parent.glob(db_path.name + "*"):
        stale.unlink()
    db = open_db(db_path)
    before = _children_cpu()
    load_paths(db, [folder], nlp_loader=PipelineLoader(None), workers=workers)
    db.close()
    return round(_children_cpu() - before, 1)


def _children_cpu() -> float:
    """CPU seconds of the finished child processes (the pool has joined its workers by now)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def big_article_memory(out: Path, megabytes: float = 2.0, workers: int = 1) -> dict:
    """Load one article of ``megabytes`` MB of real text with ``newsbot load``; peak RSS."""
    import psutil

    articles = real_corpus(int(megabytes * 1024 * 1024 / 7))
    text = "\n\n".join(a.text for a in articles)
    text = text[: int(megabytes * 1024 * 1024)]
    path = out / "big-article.txt"
    path.write_text(" date 2025-04-24\n\n" + text, encoding="utf-8")
    db_path = out / "big-article.db"
    for stale in db_path.parent.glob(db_path.name + "*"):
        stale.unlink()
    command = [str(NEWSBOT), "load", str(path), "--db", str(db_path), "--no-progress", "--workers", str(workers)]
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    watched = psutil.Process(process.pid)
    peak_main = peak_total = 0
    while process.poll() is None:
        try:
            main = watched.memory_info().rss
            children = sum(c.memory_info().rss for c in watched.children(recursive=True))
        except psutil.Error:
            break
        peak_main, peak_total = max(peak_main, main), max(peak_total, main + children)
        time.sleep(0.05)
    output = process.communicate()[0]
    return {
        "bytes": len(text.encode("utf-8")),
        "characters": len(text),
        "seconds": round(time.perf_counter() - start, 1),
        "exit_code": process.returncode,
        "last_line": output.strip().splitlines()[-1] if output.strip() else "",
        "peak_rss_mb": round(peak_main / 2**20),
        "peak_rss_with_children_mb": round(peak_total / 2**20),
    }


def run(out: Path, words: int, workers: list[int], jsonl: list[Path]) -> dict:
    out.mkdir(parents=True, exist_ok=True)
    articles = real_corpus(words, jsonl)
    folder = out / "real"
    write_real_corpus(folder, articles)
    # paths as the loader reports them: file#line for JSON Lines records
    words_by_path = {}
    for path in sorted(folder.glob("real-*.jsonl")):
        lines = path.read_text(encoding="utf-8").splitlines()
        for line_number, line in enumerate(lines, 1):
            words_by_path[f"{path}#{line_number}"] = len(json.loads(line)["text"].split())
    texts = [a.text for a in articles]
    bare, bare_cpu = bare_words_per_s(texts)
    runs = [timed_load(folder, out / f"real-{n}.db", n, words_by_path) for n in workers]
    for run_ in runs:
        if run_.workers > 1:
            run_.start_cpu_s = pool_start_cpu(out, run_.workers)
    bare_after, bare_cpu_after = bare_words_per_s(texts)  # the machine may be busier now: report both
    return {
        "articles": len(articles),
        "words": sum(len(t.split()) for t in texts),
        "distinct_words": len({w for t in texts for w in t.split()}),
        "bare_words_per_s": round(bare),
        "bare_words_per_s_after": round(bare_after),
        "bare_words_per_cpu_s": round((bare_cpu + bare_cpu_after) / 2),
        "runs": [r.as_dict() for r in runs],
    }


def print_report(report: dict) -> None:
    bare = (report["bare_words_per_s"] + report["bare_words_per_s_after"]) / 2
    print(
        f"real text: {report['articles']:,} articles, {report['words']:,} words "
        f"({report['distinct_words']:,} distinct); bare tokenisation {report['bare_words_per_s']:,} → "
        f"{report['bare_words_per_s_after']:,} w/s (before → after the loads)"
    )
    single = next((r for r in report["runs"] if r["workers"] == 1), None)
    cpu_bare = report["bare_words_per_cpu_s"]
    print(f"bare tokenisation per CPU second: {cpu_bare:,} w/s")
    print(
        "| workers | steady w/s | × bare | × 1 worker | wall w/s (with start) | wall s "
        "| CPU s writer + workers (start) | w/CPU s (× bare) | on free cores ≤ | failed |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for r in report["runs"]:
        versus = f"{r['words_per_s'] / single['words_per_s']:.2f}" if single else "—"
        print(
            f"| {r['workers']} | {r['words_per_s']:,} | {r['words_per_s'] / bare:.2f} | {versus} "
            f"| {r['wall_words_per_s']:,} | {r['wall_s']:.1f} | {r['main_cpu_s']} + {r['workers_cpu_s']} ({r['start_cpu_s']}) "
            f"| {r['words_per_cpu_s']:,} ({r['words_per_cpu_s'] / cpu_bare:.2f}) | {r['idle_speedup_bound']}× "
            f"| {r['failed']} |"
        )
    if "big_article" in report:
        big = report["big_article"]
        print(
            f"2 MB article ({big['characters']:,} characters): {big['seconds']} s, exit {big['exit_code']}, "
            f"peak RSS {big['peak_rss_mb']} MB ({big['peak_rss_with_children_mb']} MB with workers); {big['last_line']}"
        )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=300_000)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2, 4])
    parser.add_argument("--jsonl", type=Path, action="append", default=[])
    parser.add_argument("--skip-big", action="store_true", help="skip the 2 MB article")
    parser.add_argument("--only-big", action="store_true", help="only the 2 MB article")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    if args.only_big:
        print(json.dumps(big_article_memory(args.out), indent=2))
        return
    report = run(args.out, args.words, args.workers, args.jsonl)
    if not args.skip_big:
        report["big_article"] = big_article_memory(args.out)
    (args.out / "real_ingest.json").write_text(json.dumps(report, indent=2), encoding="utf-8")
    print_report(report)


if __name__ == "__main__":
    main()
