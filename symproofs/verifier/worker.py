"""Process isolation: every task runs in a worker process with a time limit
and a memory cap; a task that exceeds them, raises or kills its worker gets
a failure result of the caller's making, and the run goes on with a fresh
worker.

The caller hands the work over as ``task(i)``: the verifier passes one that
checks its ``i``-th goal, the grader one that reads its ``i``-th file. This
module knows nothing of either. Workers are forked after the work exists,
so it is inherited rather than pickled; only results travel back. ``jobs``
workers run at once and results come back in task order, whatever order
they finish in.

Workers are plain ``os.fork`` children rather than ``multiprocessing``
processes, so the isolation also works inside a daemonic process (a Dask
worker, a process-pool worker), which ``multiprocessing`` refuses to let
have children. A child never returns into the caller's code: it serves
tasks until its pipe closes, then leaves with ``os._exit``.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import pickle
import resource
import signal
import sys
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from typing import Any, TypeVar

__all__ = ["bounded", "run_tasks"]

_T = TypeVar("_T")


def _vm_bytes() -> int:
    try:
        with open("/proc/self/statm") as fh:
            pages = int(fh.read().split()[0])
        return pages * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError):
        return 0


def _serve(task: Callable[[int], Any], conn: Connection, memory_mb: int) -> None:
    # What the worker inherits (the modules, the work) lives as long as it
    # does: frozen, the collector no longer walks it at every full collection
    # of the garbage the tasks make (nor copies its pages to mark it).
    gc.freeze()
    if memory_mb > 0:
        cap = _vm_bytes() + memory_mb * 1024 * 1024
        try:
            resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
        except (ValueError, OSError):
            pass
    while True:
        try:
            index = conn.recv()
        except EOFError:
            return
        if index is None:
            return
        try:
            result: Any = ("ok", task(index))
        except MemoryError:
            result = ("memory", None)
        except BaseException as exc:  # reported to the parent, never lost
            result = ("error", f"{type(exc).__name__}: {exc}")
        conn.send_bytes(_packed(index, result))


def _packed(index: int, result: Any) -> bytes:
    """The message for the parent, checked to read back here: a result that
    pickles but does not unpickle (a sympy relation that re-evaluates on
    loading, say) becomes an error for this task rather than the parent's."""
    try:
        payload = pickle.dumps((index, result))
        pickle.loads(payload)
        return payload
    except Exception as exc:
        return pickle.dumps((index, ("error", f"result could not be sent back: {type(exc).__name__}: {exc}")))


class _Child:
    """A forked worker: its pid, and ``kill``/``join``/``is_alive`` like a
    ``multiprocessing.Process``."""

    def __init__(self, task: Callable[[int], Any], memory_mb: int) -> None:
        self.exitcode: int | None = None
        parent, child = multiprocessing.Pipe()
        for stream in (sys.stdout, sys.stderr):  # so the child does not print the parent's buffer again
            try:
                stream.flush()
            except (OSError, ValueError, AttributeError):
                pass
        pid = os.fork()
        if pid == 0:  # the child: serve, then leave without running the parent's exit handlers
            code = 0
            try:
                parent.close()
                _serve(task, child, memory_mb)
            except BaseException:
                code = 1
            finally:
                for stream in (sys.stdout, sys.stderr):
                    try:
                        stream.flush()
                    except BaseException:
                        pass
                os._exit(code)
        child.close()
        self.pid = pid
        self.conn = parent

    def _reap(self, flags: int) -> bool:
        if self.exitcode is not None:
            return True
        try:
            pid, status = os.waitpid(self.pid, flags)
        except ChildProcessError:  # reaped elsewhere
            self.exitcode = -1
            return True
        if pid == 0:
            return False
        self.exitcode = os.waitstatus_to_exitcode(status)
        return True

    def is_alive(self) -> bool:
        return not self._reap(os.WNOHANG)

    def join(self, timeout: float) -> None:
        end = time.monotonic() + timeout
        delay = 0.0005
        while not self._reap(os.WNOHANG) and time.monotonic() < end:
            time.sleep(delay)
            delay = min(delay * 2, 0.05)

    def kill(self) -> None:
        if self.exitcode is None:
            try:
                os.kill(self.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass


@dataclass
class _Worker:
    process: _Child
    conn: Connection
    job: int | None = None
    deadline: float = 0.0


def run_tasks(
    count: int,
    task: Callable[[int], Any],
    *,
    jobs: int,
    timeout: float,
    memory_mb: int,
    on_failure: Callable[[int, str, str], Any],
    on_result: Callable[[int, Any], None] | None = None,
) -> list[Any]:
    """Run ``task(i)`` for ``i in range(count)`` in forked workers.

    A task that times out, exceeds the memory cap or kills its worker gets
    ``on_failure(i, kind, message)`` as its result (kind is ``"timeout"``,
    ``"memory"``, ``"crash"`` or ``"error"``).
    """
    if count == 0:
        return []
    results: list[Any] = [None] * count
    pending: deque[int] = deque(range(count))

    def spawn() -> _Worker:
        proc = _Child(task, memory_mb)
        return _Worker(proc, proc.conn)

    def finish(i: int, value: Any) -> None:
        results[i] = value
        if on_result is not None:
            on_result(i, value)

    workers = [spawn() for _ in range(max(1, min(jobs, count)))]
    done = 0
    try:
        while done < count:
            for w in workers:
                if w.job is None and pending:
                    w.job = pending.popleft()
                    w.deadline = time.monotonic() + timeout
                    w.conn.send(w.job)
            busy = [w for w in workers if w.job is not None]
            if not busy:
                break
            wait_for = max(0.0, min(w.deadline for w in busy) - time.monotonic())
            ready = wait([w.conn for w in busy], timeout=wait_for)
            now = time.monotonic()
            for i, w in enumerate(workers):
                if w.job is None:
                    continue
                if w.conn in ready:
                    try:
                        raw = w.conn.recv_bytes()
                    except (EOFError, OSError):
                        w.process.join(1)
                        code = w.process.exitcode
                        finish(w.job, on_failure(w.job, "crash", f"the worker died (exit code {code})"))
                        done += 1
                        w.conn.close()
                        workers[i] = spawn()
                        continue
                    try:
                        index, (kind, value) = pickle.loads(raw)
                    except Exception as exc:  # checked in the worker; never lose the batch over one result
                        index, kind, value = w.job, "error", f"result could not be read back: {exc}"
                    if kind == "ok":
                        finish(index, value)
                    elif kind == "memory":
                        finish(index, on_failure(index, "memory", f"exceeded the memory cap of {memory_mb} MiB"))
                    else:
                        finish(index, on_failure(index, "error", str(value)))
                    done += 1
                    w.job = None
                elif now >= w.deadline:
                    w.process.kill()
                    w.process.join(5)
                    finish(w.job, on_failure(w.job, "timeout", f"timed out after {timeout:g} s"))
                    done += 1
                    w.conn.close()
                    workers[i] = spawn()
    finally:
        for w in workers:
            try:
                w.conn.send(None)
            except (OSError, BrokenPipeError):
                pass
        for w in workers:
            w.process.join(2)
            if w.process.is_alive():
                w.process.kill()
                w.process.join(2)
            w.conn.close()
    return results



def bounded(compute: Callable[[], _T], *, timeout: float | None, memory_mb: int, default: _T) -> _T:
    """``compute()`` in one forked worker under the time limit and memory
    cap (:func:`run_tasks`), or ``default`` when it exceeds them, raises or
    kills its worker. For the work the parent would otherwise do on the
    user's expressions after the goals are checked (judging a refutation
    found by a worker). ``timeout=None`` runs it here, without limits, as
    the goals themselves run when they are not isolated."""
    if timeout is None:
        return compute()
    out = run_tasks(1, lambda _i: compute(), jobs=1, timeout=timeout, memory_mb=memory_mb,
                    on_failure=lambda _i, _kind, _message: default)
    return out[0]  # type: ignore[no-any-return]
