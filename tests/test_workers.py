"""The worker pool (:func:`tverrfaglig.workers.forked_map`): real forked processes, results in
order, exceptions raised in the parent, a worker that dies, leaving early, and results larger
than a pipe holds while the parent does other work."""

from __future__ import annotations

import os
import signal
import time

import pytest

from tverrfaglig import workers
from tverrfaglig.workers import WorkerDied, forked_map

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="fork is needed")


def _square(offset: int, n: int) -> tuple[int, int]:
    return os.getpid(), n * n + offset


def test_results_come_in_order_from_several_processes() -> None:
    with forked_map(_square, range(200), state=7, jobs=2) as results:
        done = list(results)
    assert [value for _pid, value in done] == [n * n + 7 for n in range(200)]
    pids = {pid for pid, _value in done}
    assert os.getpid() not in pids
    assert 1 <= len(pids) <= 2


def test_one_job_runs_here() -> None:
    with forked_map(_square, [1, 2, 3], state=0, jobs=1) as results:
        assert list(results) == [(os.getpid(), 1), (os.getpid(), 4), (os.getpid(), 9)]


def test_the_state_and_the_pieces_are_inherited_not_pickled() -> None:
    unpicklable = lambda n: n + 1  # noqa: E731 - a lambda cannot be pickled

    def call(state: object, piece: object) -> int:
        assert callable(state) and callable(piece)
        return int(state(1)) + int(piece(2))

    with forked_map(call, [unpicklable] * 4, state=unpicklable, jobs=2) as results:
        assert list(results) == [5, 5, 5, 5]


def _fail_on_three(_state: None, n: int) -> int:
    if n == 3:
        raise ValueError(f"piece {n} is bad")
    return n


def test_an_exception_in_a_worker_is_raised_in_the_parent_with_its_traceback() -> None:
    with (
        pytest.raises(ValueError, match="piece 3 is bad") as raised,
        forked_map(_fail_on_three, range(6), state=None, jobs=2) as results,
    ):
        assert next(results) == 0
        list(results)
    notes = "".join(getattr(raised.value, "__notes__", []))
    assert "In a worker process" in notes
    assert "_fail_on_three" in notes


class _Unpicklable(Exception):
    def __reduce__(self) -> tuple[object, ...]:
        raise TypeError("cannot pickle this")


def _raise_unpicklable(_state: None, n: int) -> int:
    if n == 1:
        raise _Unpicklable("odd")
    return n


def test_an_exception_that_cannot_be_pickled_arrives_as_text() -> None:
    with (
        pytest.raises(RuntimeError, match="_Unpicklable"),
        forked_map(_raise_unpicklable, range(4), state=None, jobs=2) as results,
    ):
        list(results)


def _die_on_two(_state: None, n: int) -> int:
    if n == 2:
        os.kill(os.getpid(), signal.SIGKILL)
    return n


def test_a_worker_that_dies_is_an_error_not_a_hang() -> None:
    with (
        pytest.raises(WorkerDied),
        forked_map(_die_on_two, range(8), state=None, jobs=2) as results,
    ):
        list(results)


def _slow_pid(_state: None, n: int) -> int:
    time.sleep(0.05)
    return os.getpid()


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A zombie (not reaped) still answers kill(0): look at its state.
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as stat:  # noqa: PTH123
            return stat.read().split(")")[-1].split()[0] != "Z"
    except OSError:
        return False


def test_leaving_early_ends_and_reaps_the_workers() -> None:
    with forked_map(_slow_pid, range(40), state=None, jobs=2) as results:
        first = next(results)
    # The pool's workers were ended and reaped as the block closed.
    time.sleep(0.05)
    assert not _alive(first)


def _big(_state: None, n: int) -> bytes:
    return bytes([n % 256]) * 300_000  # more than a pipe holds


def test_big_results_while_the_parent_is_busy_elsewhere() -> None:
    with forked_map(_big, range(12), state=None, jobs=2) as results:
        time.sleep(0.3)  # the workers must not wait for the parent to read
        started = time.perf_counter()
        done = list(results)
        assert time.perf_counter() - started < 5
    assert [value[:1] for value in done] == [bytes([n]) for n in range(12)]
    assert all(len(value) == 300_000 for value in done)


def test_no_worker_is_left_after_the_work() -> None:
    with forked_map(_square, range(50), state=0, jobs=2) as results:
        pids = {pid for pid, _value in results}
    for pid in pids:
        assert not _alive(pid)


def test_more_pieces_than_a_pipe_holds_at_once() -> None:
    count = 20_000  # 80,000 bytes of piece numbers: written after the fork
    with forked_map(_square, range(count), state=0, jobs=2) as results:
        assert [value for _pid, value in results] == [n * n for n in range(count)]


def test_worker_count() -> None:
    assert workers.worker_count(1, 5000) == 1
    assert workers.worker_count(None, 10) == 1
    assert workers.worker_count(4, 2) == 2
    assert workers.chunk_size(10_000, 2) == 1250
    assert workers.chunk_size(10_000, 2, per_job=16) == 313
    assert workers.chunk_size(10_000, 1) == 250


# --- here=True: this process takes pieces too ---------------------------------------------------


def test_here_this_process_works_too_and_the_order_holds() -> None:
    with forked_map(_slow_square, range(24), state=3, jobs=2, here=True) as results:
        done = list(results)
    assert [value for _pid, value in done] == [n * n + 3 for n in range(24)]
    pids = {pid for pid, _value in done}
    assert os.getpid() in pids  # pieces done here
    assert len(pids) == 2  # and in the one worker forked


def _slow_square(offset: int, n: int) -> tuple[int, int]:
    time.sleep(0.01)
    return _square(offset, n)


def test_here_an_exception_in_a_piece_done_here_or_there_is_raised() -> None:
    for jobs in (2, 3):
        with (
            pytest.raises(ValueError, match="piece 3 is bad"),
            forked_map(_fail_on_three, range(8), state=None, jobs=jobs, here=True) as results,
        ):
            list(results)


def test_here_a_worker_that_dies_is_an_error_not_a_hang() -> None:
    def die_there(_state: None, n: int) -> int:
        if n == 2 and os.getpid() != parent:
            os.kill(os.getpid(), signal.SIGKILL)
        time.sleep(0.02)
        return n

    parent = os.getpid()
    try:
        with forked_map(die_there, range(8), state=None, jobs=2, here=True) as results:
            got = list(results)
    except WorkerDied:
        return
    # The parent may have taken piece 2 itself before the worker got to it.
    assert got == list(range(8))


def test_here_with_more_pieces_than_a_pipe_holds() -> None:
    count = 20_000
    with forked_map(_square, range(count), state=0, jobs=2, here=True) as results:
        assert [value for _pid, value in results] == [n * n for n in range(count)]


def test_here_leaving_early_ends_the_worker() -> None:
    with forked_map(_slow_pid, range(40), state=None, jobs=2, here=True) as results:
        pids = {next(results), next(results), next(results)}
    time.sleep(0.05)
    assert all(not _alive(pid) for pid in pids - {os.getpid()})


def test_the_collector_is_off_for_the_rest_of_the_process() -> None:
    """In a process of its own (it changes the process for good): the collector is off in the
    block and stays off after it, and what is alive then is frozen, so the collection at exit
    does not walk it; also when the block raises."""
    import subprocess
    import sys

    code = (
        "import gc\n"
        "from tverrfaglig.workers import collector_off_for_the_process\n"
        "kept = [[i] for i in range(1000)]\n"
        "try:\n"
        "    with collector_off_for_the_process():\n"
        "        print(gc.isenabled(), gc.get_freeze_count() == 0)\n"
        "        raise KeyError\n"
        "except KeyError:\n"
        "    pass\n"
        "print(gc.isenabled(), gc.get_freeze_count() >= 1000)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.split("\n") == ["False True", "False True", ""]


def test_guided_pieces_are_large_first_and_small_last_and_keep_the_order() -> None:
    items = list(range(10_000))
    pieces = workers.guided_pieces(items, 2)
    assert [item for piece in pieces for item in piece] == items
    sizes = [len(piece) for piece in pieces]
    assert sizes[0] == 1250  # one in 4 × 2 of all
    assert sizes == sorted(sizes, reverse=True)
    assert min(sizes) >= 1 and sizes[-2] == workers.SMALLEST_PIECE
    assert len(pieces) < 60
    assert [len(p) for p in workers.guided_pieces(items, 1)] == [250] * 40
    assert workers.guided_pieces([1, 2, 3], 2) == [[1, 2, 3]]
    assert workers.guided_pieces([], 2) == []
