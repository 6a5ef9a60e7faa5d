"""Runners, found by name through one registry, like stores.

``runner_for(config)`` makes the runner ``config.runner`` names: ``local`` runs the
pipeline on this machine, on ``config.workers`` processes
(:class:`dateline.runners.local.LocalRunner`), ``dask`` on a Dask distributed cluster
(:class:`dateline.runners.dask.DaskRunner`). Another runner registers its name with
:func:`register_runner`, from dateline itself or from a module named in a plug-in's
``dateline.runners`` entry point::

    @register_runner("ray")
    def make(config: Config) -> Runner: ...
"""

from __future__ import annotations

from collections.abc import Callable
from importlib.metadata import entry_points

from dateline.config import Config
from dateline.errors import ConfigError, E
from dateline.protocols import Runner
from dateline.runners.work import task_config

RunnerFactory = Callable[[Config], Runner]
_RUNNERS: dict[str, RunnerFactory] = {}
_plugins_loaded = False


def register_runner(name: str) -> Callable[[RunnerFactory], RunnerFactory]:
    """Register a runner factory ``factory(config) -> Runner`` under ``name``."""

    def register(factory: RunnerFactory) -> RunnerFactory:
        _RUNNERS[name] = factory
        return factory

    return register


def runner_names() -> list[str]:
    """The names of every known runner: built-ins plus installed plug-ins."""
    global _plugins_loaded
    if not _plugins_loaded:
        _plugins_loaded = True
        for ep in entry_points(group="dateline.runners"):
            ep.load()
    return sorted(_RUNNERS)


def runner_for(config: Config) -> Runner:
    """The runner ``config.runner`` names, ready to run (stages validated, model or
    cluster at hand); close it when done.

    Raises:
        ConfigError: an unknown runner name (``DL210``), or whatever the runner
            refuses (an unknown stage, Dask not installed, an unreachable scheduler).
    """
    known = runner_names()
    factory = _RUNNERS.get(config.runner)
    if factory is None:
        raise ConfigError(E.UNKNOWN_RUNNER, name=config.runner, known=", ".join(known))
    return factory(config)


@register_runner("local")
def _local(config: Config) -> Runner:
    from dateline.pipeline import Pipeline
    from dateline.runners.local import LocalRunner

    # What runs in this process runs in this one process (spaCy's own worker
    # processes stay unused); the runner's workers are processes of their own.
    return LocalRunner(Pipeline(task_config(config)), workers=config.workers)


@register_runner("dask")
def _dask(config: Config) -> Runner:
    from dateline.runners.dask import DaskRunner  # imports Dask only when asked for

    return DaskRunner(config)


__all__ = ["register_runner", "runner_for", "runner_names"]
