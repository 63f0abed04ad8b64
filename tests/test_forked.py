"""The forked process of render_ahead.py and template_ahead.py (generator/site/forked.py): results are
taken in any order, once, only when written (the build never waits), and read from the file only then;
whatever goes wrong leaves the rest to the build."""
from __future__ import annotations

import logging
import os
import time
import warnings

from generator.site import forked

LOADED: list[int] = []  # results unpickled in this process


class _Result:
    def __init__(self, number: int) -> None:
        self.number = number

    def __setstate__(self, state) -> None:
        self.__dict__.update(state)
        LOADED.append(self.number)


def _done(work: forked.ForkedWork) -> None:
    work.wait()
    assert work.pid == 0  # reaped: closing it kills nothing


def _first_written(work: forked.ForkedWork) -> None:
    """Wait until the process has said it wrote its first result (it is still at work)."""
    deadline = time.monotonic() + 10
    while not work.where and time.monotonic() < deadline:
        work._arrived()
        time.sleep(0.01)
    assert work.where


def test_results_are_taken_in_any_order_once_and_read_only_then():
    LOADED.clear()
    work = forked.ForkedWork(lambda emit: [emit(number, _Result(number)) for number in (3, 2, 1, 0)])
    try:
        _done(work)
        work._arrived()
        assert sorted(work.where) == [0, 1, 2, 3] and LOADED == []  # noted where they lie, none read
        assert work.take(2).number == 2 and LOADED == [2]
        assert work.take(2) is None  # once
        assert work.take(7) is None  # never written
        assert [work.take(number).number for number in (0, 3, 1)] == [0, 3, 1]
    finally:
        work.close()
    assert work.take(0) is None  # closed


def test_the_build_never_waits_for_a_result_not_written_yet():
    def work(emit):
        emit(1, "quick")
        time.sleep(0.5)
        emit(0, "slow")

    running = forked.ForkedWork(work)
    try:
        started = time.monotonic()
        assert running.take(0) is None  # not written yet
        assert time.monotonic() - started < 0.25  # and not waited for
        _done(running)
        assert running.take(0) == "slow" and running.take(1) == "quick"
    finally:
        running.close()


def test_what_a_stopped_process_wrote_is_still_taken():
    def work(emit):
        emit(0, "first")
        time.sleep(30)
        emit(1, "never")

    running = forked.ForkedWork(work)
    try:
        _first_written(running)
        started = time.monotonic()
        running.stop()
        assert time.monotonic() - started < 5 and running.pid == 0  # killed, not waited for
        assert running.take(0) == "first" and running.take(1) is None
    finally:
        running.close()


def test_what_the_process_logs_or_warns_is_not_shown_but_noted(caplog):
    def work(emit):
        emit(0, forked.quietly(lambda: logging.getLogger("mkdocs.structure.pages").warning("a link to nowhere")))
        emit(1, forked.quietly(lambda: "nothing said"))
        emit(2, forked.quietly(lambda: warnings.warn("deprecated filter", DeprecationWarning, stacklevel=1)))

    with caplog.at_level(logging.INFO):
        running = forked.ForkedWork(work)
        try:
            _done(running)
            assert running.take(0) == (None, True) and running.take(1) == ("nothing said", False)
            assert running.take(2) == (None, True)
        finally:
            running.close()
    assert "a link to nowhere" not in caplog.text


def test_a_failing_process_or_a_damaged_file_leaves_the_rest_to_the_build(tmp_path):
    def work(emit):
        emit(1, "done")
        raise RuntimeError("out of memory")

    running = forked.ForkedWork(work)
    try:
        _done(running)
        assert running.take(0) is None and running.take(1) == "done"
    finally:
        running.close()
    running = forked.ForkedWork(lambda emit: [emit(0, "a"), emit(1, "b")])
    try:
        _done(running)
        damaged = tmp_path / "damaged"
        damaged.write_bytes(b"not a pickle at all, and long enough")
        running.results.close()
        running.results = open(damaged, "rb")
        assert running.take(1) is None and running.results.closed  # no error: the build does it
        assert running.take(0) is None
    finally:
        running.close()


def test_a_process_forked_later_leaves_the_builds_process_alone():
    """The template process is forked from the build while render_ahead's object is alive: in it, that
    object neither reads the build's pipe nor stops the build's process."""
    work = forked.ForkedWork(lambda emit: [emit(0, "a"), time.sleep(30)])
    try:
        _first_written(work)
        other = os.fork()
        if other == 0:  # as a later forked process would: stop, then read the pipe
            try:
                work.stop()
                work._arrived()
            finally:
                os._exit(0)
        os.waitpid(other, 0)
        assert os.waitpid(work.pid, os.WNOHANG) == (0, 0)  # still at work
        assert work.take(0) == "a"
    finally:
        work.close()
