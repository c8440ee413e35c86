"""Work in worker processes: the one helper that the checks and the site share.

Large handbooks are read, checked and rendered in forked worker processes, one per core. What
the workers need besides their piece of work (the law registry, the site being built) is
*state*: it is set here in the parent just before the processes are forked, so each worker
inherits it by fork instead of receiving a pickled copy with every piece. This module holds the
only state a worker inherits, and clears it when the work is done.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterator, Sequence
from typing import Any, TypeVar

# multiprocessing and concurrent.futures are imported only when there is work for more than
# one process: a small handbook is checked without them.

S = TypeVar("S")
A = TypeVar("A")
R = TypeVar("R")

#: Below this many items, starting processes costs more than it saves.
PARALLEL_FROM = 1000

# In a worker process: the function and the state it runs with, inherited by fork.
_inherited: tuple[Callable[[Any, Any], Any], Any] | None = None


def worker_count(jobs: int | None, items: int) -> int:
    """How many processes to use for ``items`` pieces of work: ``jobs`` when given, else one
    per core from :data:`PARALLEL_FROM` items; one where processes cannot be forked."""
    if jobs is None:
        jobs = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 1
        if items < PARALLEL_FROM:
            jobs = 1
    if min(jobs, items) <= 1:
        return 1
    import multiprocessing

    if "fork" not in multiprocessing.get_all_start_methods():
        return 1
    return min(jobs, items)


def chunk_size(items: int, jobs: int, *, serial: int = 250) -> int:
    """A size for the pieces of ``items`` shared by ``jobs`` processes: four pieces a process,
    so a slow piece does not leave the other cores idle; ``serial`` when there is one process."""
    return max(1, -(-items // (jobs * 4))) if jobs > 1 else serial


@contextlib.contextmanager
def forked_map(
    func: Callable[[S, A], R], args: Sequence[A], *, state: S, jobs: int
) -> Iterator[Iterator[R]]:
    """Yield the results of ``func(state, arg)`` for every ``arg``, in order.

    With ``jobs`` > 1 the calls run in that many forked processes, which inherit ``state``
    (never pickled); every piece of work is handed out on entry, so the caller may do other
    work before it reads the results. With one job the calls run here, lazily."""
    if jobs <= 1:
        yield (func(state, arg) for arg in args)
        return
    import gc
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    global _inherited
    _inherited = (func, state)
    # The objects the workers inherit are moved out of the collector's reach while they run:
    # a collection in a worker would otherwise write to every inherited object and copy every
    # page of the parent's memory (https://docs.python.org/3/library/gc.html#gc.freeze).
    gc.freeze()
    try:
        with ProcessPoolExecutor(
            max_workers=jobs, mp_context=multiprocessing.get_context("fork")
        ) as pool:
            yield pool.map(_call_inherited, args)
    finally:
        _inherited = None
        gc.unfreeze()


def _call_inherited(arg: Any) -> Any:
    assert _inherited is not None, "forked_map sets the state before the workers fork"
    func, state = _inherited
    return func(state, arg)
