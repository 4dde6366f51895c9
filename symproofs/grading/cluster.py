"""Grading a class on a Dask cluster (``symproofs grade --scheduler ADDRESS``).

The submissions are found here (:func:`~symproofs.grading.run.collect`), as
for a local run, and each one's notation file is settled here too (the
``notation.toml`` nearest to the folder given on the command line, see
:func:`~symproofs.grading.files.find_notation`), so a worker grades exactly what
a local run would. Every batch of submissions is one Dask task that calls
:func:`~symproofs.grading.run.grade` on the worker: the worker forks its own
isolated children (:func:`~symproofs.verifier.worker.run_tasks`), so each
step keeps its time limit and memory cap there. Results come back in the
order of the submissions, whatever order the tasks finish in.

A worker that dies takes its running task with it; the scheduler gives the
task to another worker (up to Dask's ``distributed.scheduler.allowed-failures``
times). A submission whose task still cannot finish, or whose task raised,
is reported with an ``error`` and never silently dropped.

The workers must run the same symproofs, sympy and Python as this process
(checked before any work is sent: a different version would give other
verdicts) and see the submissions and notation files at the same paths
(a shared or copied folder). Dask is an optional dependency
(``pip install 'symproofs[cluster]'``); it is imported only here.
"""

from __future__ import annotations

import hashlib
import os
import platform
import threading
from collections.abc import Sequence
from dataclasses import replace
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

from symproofs.core.errors import InputError
from symproofs.grading.files import collect, find_notation
from symproofs.grading.report import SubmissionGrade
from symproofs.grading.run import GradeOptions, grade

__all__ = ["fingerprint", "grade_on_cluster"]

#: How long to wait for the scheduler to answer, and for a first worker, in seconds.
CONNECT_TIMEOUT = 30.0

_CWD = threading.Lock()  # a task runs in the client's folder; one at a time per worker process


def fingerprint() -> str:
    """What a worker must share with the client for its verdicts to be the
    same: the versions of symproofs, sympy and Python and a digest of the
    package's source."""
    import sympy

    try:
        mine = version("symproofs")
    except PackageNotFoundError:
        mine = "unknown"
    root = Path(__file__).resolve().parents[1]
    h = hashlib.sha256()
    for path in sorted(root.rglob("*.py")):
        h.update(str(path.relative_to(root)).encode() + b"\0" + path.read_bytes() + b"\0")
    return f"symproofs {mine} ({h.hexdigest()[:12]}), sympy {sympy.__version__}, " \
           f"Python {platform.python_version()}"


def _grade_batch(batch: Sequence[tuple[str, str | None]], options: GradeOptions,
                 folder: str) -> list[SubmissionGrade]:
    """On a worker: grade each ``(file, notation file)`` of the batch, the
    files sharing a notation file together, in the batch's order, from the
    client's working ``folder`` (so relative paths, and the messages that
    quote them, are the same as in a local run)."""
    with _CWD:
        before = os.getcwd()
        os.chdir(folder)
        try:
            return _grade_here(batch, options)
        finally:
            os.chdir(before)


def _grade_here(batch: Sequence[tuple[str, str | None]], options: GradeOptions) -> list[SubmissionGrade]:
    out: list[SubmissionGrade] = []
    start = 0
    while start < len(batch):
        end = start
        while end < len(batch) and batch[end][1] == batch[start][1]:
            end += 1
        notation = batch[start][1]
        out += grade([Path(f) for f, _ in batch[start:end]],
                     replace(options, notation=Path(notation) if notation is not None else None))
        start = end
    return out


def _lost(path: str, notation: str | None, why: str) -> SubmissionGrade:
    return SubmissionGrade(path=path, notation=notation, error=f"not graded on the cluster: {why}")


def grade_on_cluster(paths: Sequence[str | Path], options: GradeOptions | None = None, *,
                     scheduler: str | Any, batch: int = 1) -> list[SubmissionGrade]:
    """Grade every submission under ``paths`` on the Dask cluster whose
    scheduler is at ``scheduler`` (``tcp://host:port``; a
    ``distributed.Client`` is used as it is). ``batch`` submissions go in
    one task. The same results as :func:`~symproofs.grading.run.grade`, in
    the same order; ``options.jobs`` is not used (each task runs one step
    at a time; start more workers instead). Progress is reported as the
    stage ``"grading"``, counted in submissions."""
    try:
        import distributed
    except ImportError:
        raise InputError("--scheduler needs Dask: pip install 'symproofs[cluster]'") from None
    dask: Any = distributed  # untyped calls
    if batch < 1:
        raise InputError("the batch size must be at least 1")
    opts = options or GradeOptions()
    files = collect(paths)
    notations = [str(opts.notation) if opts.notation is not None else
                 (str(found) if (found := find_notation(f, root)) is not None else None) for f, root in files]
    items = [(str(f), n) for (f, _), n in zip(files, notations, strict=True)]
    batches = [items[i:i + batch] for i in range(0, len(items), batch)]
    remote = replace(opts, jobs=1, progress=None, notation=None)

    own = not isinstance(scheduler, dask.Client)
    client: Any = scheduler
    if own:
        try:
            client = dask.Client(scheduler, timeout=CONNECT_TIMEOUT, set_as_default=False)
        except (OSError, TimeoutError, ValueError) as exc:
            raise InputError(f"cannot reach the Dask scheduler at {scheduler}: {exc}") from None
    try:
        _same_software(client)
        folder = os.getcwd()
        futures = [client.submit(_grade_batch, b, remote, folder, pure=False, priority=-i)
                   for i, b in enumerate(batches)]
        index = {f.key: i for i, f in enumerate(futures)}
        got: list[list[SubmissionGrade] | None] = [None] * len(batches)
        done = 0
        if opts.progress is not None:
            opts.progress("grading", 0, len(items))
        for future in dask.as_completed(futures, loop=client.loop):
            i = index[future.key]
            try:
                got[i] = future.result()
            except Exception as exc:  # a worker died too often, or the task raised
                why = _why(exc)
                got[i] = [_lost(path, notation, why) for path, notation in batches[i]]
            future.release()
            done += len(batches[i])
            if opts.progress is not None:
                opts.progress("grading", done, len(items))
    finally:
        if own:
            client.close()
    return [g for part in got if part is not None for g in part]


def _why(exc: BaseException) -> str:
    from distributed import KilledWorker

    if isinstance(exc, KilledWorker):
        return "every Dask worker that took it died (it may crash or exhaust its machine)"
    return f"{type(exc).__name__}: {exc}"[:400]


def _same_software(client: Any) -> None:
    """Refuse workers whose software differs from this process's."""
    try:
        client.wait_for_workers(1, timeout=CONNECT_TIMEOUT)
    except TimeoutError:
        raise InputError(f"no Dask worker joined the scheduler within {CONNECT_TIMEOUT:g} s") from None
    here = fingerprint()
    theirs: dict[str, str] = client.run(fingerprint)
    if not theirs:
        raise InputError("the Dask cluster has no workers")
    other = {w: f for w, f in theirs.items() if f != here}
    if other:
        worker, found = sorted(other.items())[0]
        raise InputError(f"the Dask worker {worker} runs {found}, not {here}; "
                         "install the same version on every worker")
