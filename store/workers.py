"""Prepare articles in this process or in worker processes, results in input order.

    for key, result in prepared_in_order(items, workers, pipeline_source, pipeline_loader):
        ...  # items: (key, Article or None); result: Prepared, a reason (str), or None

Worker processes are used when more than one is asked for, the pipeline can be named to them
(a ``PipelineLoader``) and at least ``PARALLEL_MIN_ARTICLES`` articles need preparing: starting
a worker builds a pipeline, which costs more than preparing a few articles here.

Each worker process builds its own pipeline once (``PipelineLoader`` is a plain value, so it
travels to the worker) and sends back plain ``Prepared`` data. Workers are started with
``spawn``, never ``fork``: the parent may be a threaded server holding SQLite connections. A
worker whose parent is killed (kill -9) is killed with it.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import signal
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from store.model import Article

log = logging.getLogger(__name__)
PR_SET_PDEATHSIG = 1
PARALLEL_MIN_ARTICLES = 64
IN_FLIGHT_PER_WORKER = 8  # articles queued per worker: enough to keep it busy, little memory


def default_workers() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def prepare_or_reason(nlp, article: Article):
    """``prepare(nlp, article)``, or the reason it failed as one line (a bug, logged in full)."""
    from store.prepare import prepare

    try:
        return prepare(nlp, article)
    except MemoryError:
        return "could not extract: out of memory"
    except Exception as exc:  # noqa: BLE001 — one article's failure must not stop the others
        log.exception("could not extract %s", article.path)
        return f"could not extract: {type(exc).__name__}: {exc}"[:300]


class InProcess:
    """Prepares each article when its result is asked for, with the pipeline of this process."""

    def __init__(self, pipeline_source) -> None:
        self.pipeline_source = pipeline_source

    def submit(self, article: Article) -> Article:
        return article

    def ready(self, handle: Article) -> bool:
        return True

    def result(self, handle: Article):
        return prepare_or_reason(self.pipeline_source(), handle)

    def close(self) -> None:
        pass


_worker_pipeline = None
_worker_error: Exception | None = None


def _start_worker(pipeline_loader) -> None:
    global _worker_pipeline, _worker_error
    _die_with_parent()
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    try:
        _worker_pipeline = pipeline_loader()
    except Exception as exc:  # noqa: BLE001 — raised again for every task, so the parent sees it
        _worker_error = exc


def _die_with_parent() -> None:
    """Ask Linux to kill this worker when its parent dies, however it dies."""
    try:
        import ctypes

        ctypes.CDLL(None).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    except (AttributeError, OSError):  # not Linux: the pool's own shutdown still ends it
        pass


def _prepare_in_worker(article: Article):
    if _worker_error is not None:
        raise _worker_error
    return prepare_or_reason(_worker_pipeline, article)


class WorkerPool:
    """``workers`` processes, each with its own pipeline."""

    def __init__(self, workers: int, pipeline_loader) -> None:
        self.executor = ProcessPoolExecutor(
            max_workers=workers,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_start_worker,
            initargs=(pipeline_loader,),
        )

    def submit(self, article: Article) -> Future:
        return self.executor.submit(_prepare_in_worker, article)

    def ready(self, handle: Future) -> bool:
        return handle.done()

    def result(self, handle: Future):
        try:
            return handle.result()
        except BrokenProcessPool:
            return "could not extract: a worker process died (out of memory?)"

    def close(self) -> None:
        self.executor.shutdown(wait=True, cancel_futures=True)


def prepared_in_order(
    items: Iterable[tuple[object, Article | None]],
    workers: int,
    pipeline_source: Callable[[], object],
    pipeline_loader=None,
) -> Iterator[tuple[object, object]]:
    """``(key, result)`` for every ``(key, article)`` in input order; ``result`` is None where
    ``article`` is None (nothing to prepare), else ``Prepared`` or the reason it failed."""
    items = iter(items)
    head: list[tuple[object, Article | None]] = []
    for item in items:  # look ahead: are there enough articles to pay for worker processes?
        head.append(item)
        if sum(article is not None for _, article in head) >= PARALLEL_MIN_ARTICLES:
            break
    parallel = workers > 1 and pipeline_loader is not None and sum(a is not None for _, a in head) >= PARALLEL_MIN_ARTICLES
    preparer = WorkerPool(workers, pipeline_loader) if parallel else InProcess(pipeline_source)
    window = workers * IN_FLIGHT_PER_WORKER if parallel else 1
    pending: deque[tuple[object, object]] = deque()
    in_flight = 0
    try:
        for key, article in _chain(head, items):
            handle = preparer.submit(article) if article is not None else None
            pending.append((key, handle))
            in_flight += handle is not None
            while pending:
                key, handle = pending[0]
                if handle is not None and in_flight < window and not preparer.ready(handle):
                    break
                pending.popleft()
                in_flight -= handle is not None
                yield key, (preparer.result(handle) if handle is not None else None)
        while pending:
            key, handle = pending.popleft()
            yield key, (preparer.result(handle) if handle is not None else None)
    finally:
        preparer.close()


def _chain(first: list, rest: Iterator) -> Iterator:
    yield from first
    yield from rest
