"""The ``dask`` runner: extraction spread over the workers of a Dask distributed cluster.

Each worker process builds the pipeline once (spaCy loaded once) and runs whole
batches of ``config.batch_size`` articles; it sends back the extracted records, not
the spaCy ``Doc``. The client (this process) reads the input lazily, keeps at most
:data:`AHEAD` batches per worker thread in flight, takes the results in input order
and is the only one to write to the store, so the stored results are the local
runner's (entity ids are given in save order) and SQLite works too.

What can go wrong, batch by batch:

* a stage failing on one article fails that article only (as in every runner);
* a worker dying mid-batch: the scheduler runs the batch again on another worker
  (``distributed.scheduler.allowed-failures`` times); results are saved only here, once;
* a batch that still fails is tried again article by article, so one article that
  kills its worker takes no other with it; what fails alone is a ``Failure``
  (``DL115``), never dropped in silence;
* a dateline error on a worker (the spaCy model not installed there), a worker that
  cannot import dateline or a stage, one running another extraction version, or the
  scheduler gone stops the run with a one-line message; what was stored is kept, and
  the same command run again goes on from there.

Dask is imported only when this runner is made.
"""

from __future__ import annotations

import itertools
import logging
import signal
import threading
import uuid
from collections.abc import Iterable, Iterator
from concurrent.futures import CancelledError
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from dateline.config import Config
from dateline.errors import ConfigError, DatelineError, E, RunError
from dateline.pipeline import signature, validate
from dateline.records import Article, Failure, Work
from dateline.runners.work import Results, in_order, lost, run_on_worker, stage_modules, task_config

if TYPE_CHECKING:
    from distributed import Client, Future

#: Batches in flight per worker thread at most (read-ahead of the input, and so memory).
AHEAD = 2
#: Extra tries of a batch whose task raises; a worker dying is counted by the scheduler.
RETRIES = 2
#: Seconds to wait for a scheduler named by address to answer.
CONNECT_TIMEOUT = 10.0


class DaskRunner:
    """Runs the pipeline on Dask workers: those of ``config.scheduler``, or of a local
    cluster of ``config.workers`` processes (one thread each) started for this run.

    Example:
        >>> runner = DaskRunner(Config(scheduler="tcp://10.0.0.5:8786"))  # doctest: +SKIP
        >>> for results in runner.run(articles): ...  # doctest: +SKIP
        >>> runner.close()  # doctest: +SKIP

    Raises:
        ConfigError: an unknown stage (``DL201``), Dask not installed (``DL211``), the
            scheduler not answering (``DL212``).
    """

    def __init__(self, config: Config) -> None:
        specs = validate(config.stages)  # refused here, before a cluster starts
        try:
            import dask
            import distributed
        except ImportError as exc:
            raise ConfigError(E.NO_DASK) from exc
        self.config = config
        self.task_config = task_config(config)
        self.modules = stage_modules(specs)
        self._cluster: Any = None
        self._token = uuid.uuid4().hex[:8]
        self._count = itertools.count()
        if config.scheduler:
            try:
                self.client: Client = distributed.Client(
                    config.scheduler, timeout=CONNECT_TIMEOUT, set_as_default=False
                )
            except (OSError, ValueError, TypeError) as exc:
                detail = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
                raise ConfigError(E.NO_SCHEDULER, address=config.scheduler, detail=detail) from None
        else:
            # A worker holds only the batch it runs (a death touches no other), and its
            # process ignores Ctrl-C, which is this process's to handle.
            one_each = {"distributed.scheduler.worker-saturation": 1.0}
            with _sigint_ignored(), dask.config.set(one_each):
                self._cluster = distributed.LocalCluster(
                    n_workers=config.workers, threads_per_worker=1, processes=True,
                    dashboard_address=None, silence_logs=logging.ERROR,
                )  # fmt: skip
            try:
                self.client = distributed.Client(self._cluster, set_as_default=False)
            except BaseException:
                self._cluster.close()
                raise

    def run(self, articles: Iterable[Article]) -> Iterator[list[Work | Failure]]:
        """Yield each batch's results in input order, reading ahead only as far as the
        batches in flight; batches not yet taken are cancelled when the caller stops."""
        return in_order(
            articles, self.config.batch_size, room=self._in_flight_cap, submit=self._submit,
            collect=self._results, cancel=_cancel,
        )  # fmt: skip

    def close(self) -> None:
        """Disconnect, and stop the local cluster if this runner started one."""
        try:
            self.client.close()
        finally:
            if self._cluster is not None:
                self._cluster.close()
                self._cluster = None

    def _in_flight_cap(self) -> int:
        try:
            threads = sum(self.client.nthreads().values())
        except (OSError, TimeoutError) as exc:
            raise RunError(E.SCHEDULER_LOST, detail=_detail(exc)) from None
        return AHEAD * max(1, threads)

    def _submit(self, batch: list[Article]) -> Future:
        key = f"dateline-batch-{self._token}-{next(self._count)}"
        return self.client.submit(
            run_on_worker, self.task_config, self.modules, batch, key=key, retries=RETRIES
        )

    def _results(self, batch: list[Article], future: Future) -> Results:
        """The batch's results; a batch that failed whole is tried article by article."""
        try:
            made_by, results = future.result()
            if made_by != (here := signature(self.config)):
                detail = f"they make extraction {made_by!r}, this process {here!r}"
                raise ConfigError(E.WORKER_SETUP, detail=f"{detail} (install one dateline)")
            return list(results)
        except DatelineError:
            raise
        except CancelledError as exc:  # by the client: the scheduler is gone
            raise RunError(E.SCHEDULER_LOST, detail=_detail(exc)) from None
        except ImportError as exc:  # dateline, or a plug-in stage, missing there
            raise ConfigError(E.WORKER_SETUP, detail=f"{type(exc).__name__}: {exc}") from None
        except Exception as exc:
            if len(batch) == 1:
                return [lost(batch[0], _detail(exc), self._tries(exc))]
        finally:
            future.release()
        singles = [self._submit([article]) for article in batch]
        return [r for article, f in zip(batch, singles, strict=True)
                for r in self._results([article], f)]  # fmt: skip

    def _tries(self, exc: BaseException) -> int:
        from distributed import KilledWorker

        if isinstance(exc, KilledWorker):
            return int(exc.allowed_failures) + 1
        return RETRIES + 1


def _cancel(future: Future) -> None:
    try:
        future.cancel()
    except (RuntimeError, OSError):  # the client is closed already: nothing runs for us
        pass


@contextmanager
def _sigint_ignored() -> Iterator[None]:
    """Processes started meanwhile ignore SIGINT (they inherit it); this one's is restored."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    old = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, old)


def _detail(exc: BaseException) -> str:
    from distributed import KilledWorker

    if isinstance(exc, KilledWorker):
        return "the worker running it died"
    first = str(exc).splitlines()[0] if str(exc) else ""
    return f"{type(exc).__name__}: {first}"[:300]
