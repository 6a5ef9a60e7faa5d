"""Stages registered by name, checked before any work starts, run in batches.

A stage is registered with the decorator :func:`stage`, declaring what it
requires and what it sets::

    @stage("temporal", requires=("doc",), sets=("timexes",))
    class Temporal:
        def __init__(self, config: Config) -> None: ...
        def process(self, batch: list[Work]) -> None: ...

Built-in stages register themselves when :mod:`dateline.stages` is imported;
outside packages do the same from a module named in the ``dateline.stages``
entry-point group. :class:`Pipeline` refuses an unknown stage or one whose
requirements no earlier stage sets, before any model is loaded.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from importlib.metadata import entry_points
from typing import Any

from dateline.config import Config
from dateline.errors import ConfigError, E
from dateline.protocols import Stage
from dateline.records import Article, Failure, Work

#: Bump when any built-in stage's output changes, so stored articles are processed again.
EXTRACTION_VERSION = 9

#: What every article has before any stage runs.
GIVEN: tuple[str, ...] = ("article", "text")


@dataclass(frozen=True)
class StageSpec:
    """A registered stage: its name, contract and factory."""

    name: str
    requires: tuple[str, ...]
    sets: tuple[str, ...]
    factory: Callable[[Config], Any]


_REGISTRY: dict[str, StageSpec] = {}
_plugins_loaded = False


def stage(
    name: str, *, requires: tuple[str, ...], sets: tuple[str, ...]
) -> Callable[[Callable[[Config], Any]], Callable[[Config], Any]]:
    """Register a stage factory under ``name`` (a class taking the ``Config``).

    The declared contract is also set on the class as ``name``, ``requires``
    and ``sets``, so a stage instance describes itself.
    """

    def register(factory: Callable[[Config], Any]) -> Callable[[Config], Any]:
        _REGISTRY[name] = StageSpec(name, tuple(requires), tuple(sets), factory)
        if isinstance(factory, type):
            for attr, value in (("name", name), ("requires", requires), ("sets", sets)):
                setattr(factory, attr, tuple(value) if attr != "name" else value)
        return factory

    return register


def registry() -> dict[str, StageSpec]:
    """All known stages: built-ins plus those of installed plug-ins."""
    global _plugins_loaded
    import dateline.stages  # noqa: F401  (registers the built-ins)

    if not _plugins_loaded:
        _plugins_loaded = True
        for ep in entry_points(group="dateline.stages"):
            ep.load()
    return dict(_REGISTRY)


def validate(names: Iterable[str]) -> list[StageSpec]:
    """Check a stage list; raise ``ConfigError`` on an unknown or mis-ordered stage."""
    known = registry()
    available = set(GIVEN)
    specs = []
    for name in names:
        spec = known.get(name)
        if spec is None:
            raise ConfigError(E.UNKNOWN_STAGE, name=name, known=", ".join(sorted(known)))
        for need in spec.requires:
            if need not in available:
                raise ConfigError(E.STAGE_ORDER, name=name, need=need)
        available.update(spec.sets)
        specs.append(spec)
    return specs


def signature(config: Config) -> str:
    """Which extraction a configuration makes (version and stage list), as stored with
    each article: another signature makes an ingest process stored articles again."""
    return f"{EXTRACTION_VERSION}:{','.join(config.stages)}"


class Pipeline:
    """The configured stages, instantiated once and run batch by batch.

    Example:
        >>> pipe = Pipeline(Config(stages=("dateline",)))
        >>> [w.dateline.place for w in pipe.run_batch([article])]  # doctest: +SKIP
    """

    def __init__(self, config: Config) -> None:
        self.config = config
        self.specs = validate(config.stages)
        self.stages: list[Stage] = [spec.factory(config) for spec in self.specs]
        self.sets = set(GIVEN).union(*(spec.sets for spec in self.specs))
        #: Which extraction produced a stored article: version and stage list.
        self.signature = signature(config)

    def stage_named(self, name: str) -> Stage | None:
        """The instance of a configured stage, or ``None``."""
        return next((st for st in self.stages if st.name == name), None)

    def run_batch(
        self, articles: list[Article], *, docs: list[Any] | None = None
    ) -> list[Work | Failure]:
        """Run every stage over ``articles``; one failing article does not sink the batch.

        ``docs`` are spaCy parses made ahead of time, one per article; the ``nlp``
        stage then leaves them as they are.
        """
        parsed = docs if docs is not None else [None] * len(articles)
        items: list[Work | Failure] = [
            Work(article=a, doc=d) for a, d in zip(articles, parsed, strict=True)
        ]
        for st in self.stages:
            live = [w for w in items if isinstance(w, Work)]
            if not live:
                break
            try:
                st.process(live)
            except Exception as exc:  # isolate the article(s) that break this stage
                if os.environ.get("DATELINE_DEBUG"):
                    raise
                failed = self._one_by_one(st, live, exc)
                items = [failed.get(id(w), w) if isinstance(w, Work) else w for w in items]
        return items

    def _one_by_one(self, st: Stage, live: list[Work], first: Exception) -> dict[int, Failure]:
        failed: dict[int, Failure] = {}
        for w in live:
            try:
                st.process([w])
            except Exception as exc:
                detail = f"{type(exc).__name__}: {exc}"
                failed[id(w)] = Failure(
                    item=w.article.path or w.article.id,
                    reason=E.STAGE_FAILED.format(stage=st.name, detail=detail),
                    code=E.STAGE_FAILED.code,
                )
        return failed
