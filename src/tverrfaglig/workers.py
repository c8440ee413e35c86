"""Work in worker processes: the one helper that the checks and the site share.

Large handbooks are read, checked and rendered in forked worker processes, one per core. What
the workers need (the law registry, the site being built, and the pieces of work themselves)
reaches them by *fork*, never pickled: it is set here in the parent just before the processes
are forked, and cleared when the work is done. Only the results travel, pickled, back to the
parent.

The pool is a small one of its own rather than :mod:`concurrent.futures`: a worker takes the
number of its next piece from a pipe that the parent filled before forking (so a slow core
never holds up the rest), and writes each result to a pipe of its own; a thread in the parent
drains those pipes as the results come, so a worker never waits for the parent. Starting it
costs a fork per worker and nothing else: no pickled pieces, no pool machinery to import.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterator, Sequence
from typing import Any, TypeVar

S = TypeVar("S")
A = TypeVar("A")
R = TypeVar("R")

#: Below this many items, starting processes costs more than it saves.
PARALLEL_FROM = 1000


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cyclic garbage collector off for the block, and as it was after it (also when the
    block raises). For the work of ``tvf check`` and ``tvf build``: reading, parsing and checking
    files and building a site make many small objects that live until the end and hold next to
    no reference cycles (measured: 50 objects in cycles after checking 10,000 files), so the
    collector's full collections, which walk every object kept so far, only cost time (5-9 % of a
    cold ``tvf check`` of 10,000 files, about a sixth of a rebuild of 10,000 documents: see
    ``bench/README.md``). Memory is still reclaimed by reference counting; forked workers inherit
    the setting."""
    import gc

    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


@contextlib.contextmanager
def collector_off_for_the_process() -> Iterator[None]:
    """The cyclic garbage collector off from here to the end of the process, for a command
    whose process ends when the block does (the plain ``tvf check`` of :mod:`.quick_check`;
    ``tvf outdated`` and ``tvf build`` could use it the same way, but do not: no gain was shown
    for a build).

    :func:`collector_paused` only moves the cost of a large run to its end: the objects made
    while the collector rested are all young when it wakes, and the first collection after
    walks every one of them (60-100 ms after a cold ``tvf check`` of 10,000 files, on the
    parent's critical path after the workers are done). Here the collector never wakes, and on
    leaving the block everything still alive is frozen (:func:`gc.freeze`), so the full
    collection Python makes as the interpreter finalises does not walk it either (about 25 ms
    more). Memory is still reclaimed by reference counting; the work holds next to no
    reference cycles (see :func:`collector_paused`)."""
    import gc

    gc.disable()
    try:
        yield
    finally:
        gc.freeze()


def worker_count(jobs: int | None, items: int) -> int:
    """How many processes to use for ``items`` pieces of work: ``jobs`` when given, else one
    per core from :data:`PARALLEL_FROM` items; one where processes cannot be forked."""
    if jobs is None:
        jobs = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 1
        if items < PARALLEL_FROM:
            jobs = 1
    if min(jobs, items) <= 1 or not hasattr(os, "fork"):
        return 1
    return min(jobs, items)


def chunk_size(items: int, jobs: int, *, serial: int = 250, per_job: int = 4) -> int:
    """A size for the pieces of ``items`` shared by ``jobs`` processes: ``per_job`` pieces a
    process, so a slow piece does not leave the other cores idle; ``serial`` when there is one
    process."""
    return max(1, -(-items // (jobs * per_job))) if jobs > 1 else serial


def guided_pieces(items: list[A], jobs: int, *, serial: int = 250) -> list[list[A]]:
    """``items`` cut in pieces, in order, for ``jobs`` processes that take the next piece as
    they finish one (guided scheduling): each piece a share of what is left (one in
    ``4 × jobs``, never fewer than :data:`SMALLEST_PIECE` items), so the first pieces are
    large and the last ones small, and no process waits long for another's last piece. Pieces
    of ``serial`` items when there is one process. (With 32 equal pieces of 313 files, one
    process of ``tvf check`` waited 80-220 ms for the other at the end of 10,000 files, at a
    load of 4-5.)"""
    if jobs <= 1:
        return [items[i : i + serial] for i in range(0, len(items), serial)]
    pieces: list[list[A]] = []
    start = 0
    while start < len(items):
        size = max(SMALLEST_PIECE, -(-(len(items) - start) // (4 * jobs)))
        pieces.append(items[start : start + size])
        start += size
    return pieces


#: The fewest items :func:`guided_pieces` puts in a piece: a piece costs a pickle and a write
#: to a pipe besides the work.
SMALLEST_PIECE = 16


class WorkerDied(RuntimeError):
    """A worker process ended without giving back the results it had taken on (killed by a
    signal, say, or out of memory)."""


@contextlib.contextmanager
def forked_map(
    func: Callable[[S, A], R],
    args: Sequence[A],
    *,
    state: S,
    jobs: int,
    here: bool = False,
) -> Iterator[Iterator[R]]:
    """Yield the results of ``func(state, arg)`` for every ``arg``, in order.

    With ``jobs`` > 1 the calls run in that many forked processes, which inherit ``state`` and
    ``args`` (never pickled); every piece of work is handed out on entry, so the caller may do
    other work before it reads the results. An exception in ``func`` is raised here, in the
    parent, with the worker's traceback as a note. Leaving the block early (an exception, or
    not reading every result) ends the workers. With one job the calls run here, lazily.

    ``here``: this process is one of the ``jobs``, and forks one fewer: while it waits for a
    result it takes pieces itself (their results are not pickled). Only for a ``func`` whose
    changes to ``state`` or anything else do not matter, since here they stay."""
    if jobs <= 1:
        yield (func(state, arg) for arg in args)
        return
    import gc

    pool = _Pool(func, state, args, here=here)
    # The objects the workers inherit are moved out of the collector's reach while they run:
    # a collection in a worker would otherwise write to every inherited object and copy every
    # page of the parent's memory (https://docs.python.org/3/library/gc.html#gc.freeze).
    gc.freeze()
    try:
        pool.start(min(jobs, len(args)) - (1 if here else 0))
        yield pool.results()
    finally:
        pool.close()
        gc.unfreeze()


_FRAME = 8  # a result's header: the piece's number and the length of the pickle (2 × uint32)


class _Pool:
    """The processes of one :func:`forked_map`: see the module's description."""

    def __init__(
        self, func: Callable[[Any, Any], Any], state: Any, args: Sequence[Any], *, here: bool
    ) -> None:
        self.func, self.state, self.args = func, state, args
        self.here = here
        self.tasks = -1  # with ``here``: the parent's end of the pipe of piece numbers
        self.pids: list[int] = []
        self.pipes: list[int] = []  # the parent's end of each worker's result pipe
        self.done: dict[int, bytes] = {}  # pickled results not yet read, by piece
        self.ended = 0  # workers whose pipe has closed
        self.given = 0  # results handed to the caller
        self.reader: Any = None
        self.writer: Any = None  # writes the piece numbers when there are many
        self.lock: Any = None

    def start(self, workers: int) -> None:
        import struct
        import threading

        count = len(self.args)
        pieces = struct.pack(f"<{count}I", *range(count))
        tasks_r, tasks_w = os.pipe()
        # What a pipe surely holds is written before the fork (a pipe holds at least 4 KB on
        # every system with fork); more is written by a thread once the workers read.
        big = len(pieces) > 4096
        try:
            if not big:
                os.write(tasks_w, pieces)
            for _ in range(workers):
                result_r, result_w = os.pipe()
                pid = os.fork()
                if pid == 0:  # pragma: no cover - the worker; measured through its results
                    self._work(tasks_r, tasks_w, result_r, result_w)
                self.pids.append(pid)
                self.pipes.append(result_r)
                os.close(result_w)
        except BaseException:
            os.close(tasks_r)
            os.close(tasks_w)
            raise
        if self.here:
            self.tasks = tasks_r
        else:
            os.close(tasks_r)
        self.lock = threading.Condition()
        self.reader = threading.Thread(target=self._drain, name="tvf-results", daemon=True)
        self.reader.start()
        if big:
            self.writer = threading.Thread(
                target=_write_all, args=(tasks_w, pieces), name="tvf-pieces", daemon=True
            )
            self.writer.start()
        else:
            os.close(tasks_w)

    def _work(self, tasks_r: int, tasks_w: int, result_r: int, result_w: int) -> None:
        """The worker: take pieces until none is left, write each result, and exit."""
        import pickle
        import struct
        import traceback

        code = 1
        try:
            os.close(tasks_w)
            os.close(result_r)
            for fd in self.pipes:  # the other workers' pipes: only they and the parent hold them
                os.close(fd)
            while True:
                index = _take(tasks_r)
                if index is None:
                    break
                try:
                    payload = pickle.dumps(
                        (True, self.func(self.state, self.args[index])), pickle.HIGHEST_PROTOCOL
                    )
                except Exception as exc:  # the parent raises it
                    text = traceback.format_exc()
                    try:
                        payload = pickle.dumps((False, (exc, text)), pickle.HIGHEST_PROTOCOL)
                    except Exception:  # an exception that cannot be pickled: its text
                        payload = pickle.dumps((False, (None, text)), pickle.HIGHEST_PROTOCOL)
                view = memoryview(struct.pack("<II", index, len(payload)) + payload)
                while view:
                    view = view[os.write(result_w, view) :]
            code = 0
        except BaseException:  # Ctrl-C, a closed pipe: the parent sees the end
            pass
        finally:
            os._exit(code)

    def _drain(self) -> None:
        """In a thread of the parent: read every worker's pipe as results arrive."""
        import selectors
        import struct

        buffers = {fd: bytearray() for fd in self.pipes}
        with selectors.DefaultSelector() as selector:
            for fd in self.pipes:
                selector.register(fd, selectors.EVENT_READ)
            open_pipes = len(self.pipes)
            while open_pipes:
                for key, _events in selector.select():
                    fd = int(key.fd)
                    chunk = os.read(fd, 1 << 20)
                    buffer = buffers[fd]
                    finished: dict[int, bytes] = {}
                    if chunk:
                        buffer += chunk
                        while len(buffer) >= _FRAME:
                            index, size = struct.unpack_from("<II", buffer)
                            if len(buffer) < _FRAME + size:
                                break
                            finished[index] = bytes(buffer[_FRAME : _FRAME + size])
                            del buffer[: _FRAME + size]
                    else:
                        selector.unregister(fd)
                        open_pipes -= 1
                    with self.lock:
                        self.done.update(finished)
                        if not chunk:
                            self.ended += 1
                        self.lock.notify_all()

    def results(self) -> Iterator[Any]:
        import pickle

        mine: dict[int, Any] = {}  # with ``here``: the results of the pieces taken here
        for index in range(len(self.args)):
            payload = None
            while index not in mine:
                with self.lock:
                    payload = self.done.pop(index, None)
                if payload is not None:
                    break
                if self.tasks != -1:  # take the next piece here, while the workers work
                    taken = _take(self.tasks)
                    if taken is not None:
                        mine[taken] = self.func(self.state, self.args[taken])
                        continue
                    os.close(self.tasks)
                    self.tasks = -1
                with self.lock:
                    while index not in self.done:
                        if self.ended == len(self.pipes):
                            raise WorkerDied(
                                f"a worker process ended before giving back piece {index}"
                            )
                        self.lock.wait()
                    payload = self.done.pop(index)
                break
            if payload is None:
                value = mine.pop(index)
            else:
                ok, value = pickle.loads(payload)
                if not ok:
                    exc, text = value
                    if exc is None:
                        raise RuntimeError(f"a worker process failed:\n{text}")
                    exc.add_note(f"In a worker process:\n{text}")
                    raise exc
            self.given += 1
            yield value

    def close(self) -> None:
        """End the workers (at once, if results are still owed) and release everything."""
        import signal

        owed = self.given < len(self.args)
        for pid in self.pids:
            if owed:
                with contextlib.suppress(ProcessLookupError):
                    os.kill(pid, signal.SIGKILL)
            with contextlib.suppress(ChildProcessError):
                os.waitpid(pid, 0)
        if self.tasks != -1:
            os.close(self.tasks)
            self.tasks = -1
        if self.writer is not None:  # every reader of its pipe has gone: it ends
            self.writer.join()
        if self.reader is not None:
            self.reader.join()
        for fd in self.pipes:
            os.close(fd)


def _take(tasks: int) -> int | None:
    """The number of the next piece from the pipe of piece numbers; None when none is left.
    Four bytes are read at once: never fewer while whole numbers are in the pipe (the kernel
    reads a pipe under a lock), but the loop makes sure."""
    import struct

    taken = os.read(tasks, 4)
    while 0 < len(taken) < 4:
        more = os.read(tasks, 4 - len(taken))
        if not more:
            break
        taken += more
    if len(taken) < 4:
        return None
    (index,) = struct.unpack("<I", taken)
    return int(index)


def _write_all(fd: int, data: bytes) -> None:
    """Write ``data`` to the pipe ``fd`` and close it (in a thread: the readers empty it)."""
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
    except OSError:  # every reader has gone: the work is being left
        pass
    finally:
        os.close(fd)
