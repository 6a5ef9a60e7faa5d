"""The model's rule lemmatizer, remembered per word form and written in one go.

spaCy's rule-based ``lemmatizer`` walks every token in Python: it builds the
token, its morphology object and a cache key, then sets ``lemma_`` — 1.5–2 % of
en_core_web_sm's CPU, though a lemma depends only on the token's form, POS and
morphology (and the model's tables). :class:`CachedLemmatizer` reads those three
columns of the Doc at once, asks spaCy's lemmatizer once per distinct
combination, and writes the lemma column back with ``Doc.from_array``. Tokens
that already have a lemma (the attribute ruler sets a few) keep it, as with
spaCy's lemmatizer unless it overwrites.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

#: The spaCy factory name under which :func:`use_cached_lemmatizer` installs one.
FACTORY = "dateline_cached_lemmatizer"

#: Most remembered lemmas; the memory is dropped whole past this (a long ingest).
MAX_REMEMBERED = 500_000


class CachedLemmatizer:
    """Sets the lemmas spaCy's rule ``Lemmatizer`` sets (see the module).

    Made empty (it then sets nothing) and given the lemmatizer by :meth:`load`.
    """

    def __init__(self, name: str = "lemmatizer") -> None:
        self.name = name
        self.source: Any = None
        self._lemmas: dict[tuple[int, int, int], int] = {}

    def load(self, lemmatizer: Any) -> CachedLemmatizer:
        """Take spaCy's ``lemmatizer`` (rule mode); return ``self``.

        Raises:
            ValueError: it is not in rule mode (lookup lemmas need no help).
        """
        if getattr(lemmatizer, "mode", None) != "rule":
            raise ValueError(f"lemmatizer mode {getattr(lemmatizer, 'mode', None)!r}")
        self.source, self._lemmas = lemmatizer, {}
        return self

    def __call__(self, doc: Any) -> Any:
        import numpy
        from spacy.attrs import LEMMA, MORPH, ORTH, POS

        if not len(doc) or self.source is None:
            return doc
        lemmatize, strings = self.source.lemmatize, doc.vocab.strings
        if not getattr(self.source, "_validated", True):
            return self.source(doc)  # its tables are checked on first use; let it
        overwrite = self.source.overwrite
        known = self._lemmas
        if len(known) > MAX_REMEMBERED:
            known.clear()
        out: list[int] = []
        for i, (orth, pos, morph, lemma) in enumerate(
            doc.to_array([ORTH, POS, MORPH, LEMMA]).tolist()
        ):
            if lemma and not overwrite:
                out.append(lemma)
                continue
            key = (orth, pos, morph)
            got = known.get(key)
            if got is None:
                got = known[key] = strings.add(lemmatize(doc[i])[0])
            out.append(got)
        doc.from_array([LEMMA], numpy.array(out, dtype=numpy.uint64))
        return doc

    def pipe(self, stream: Iterable[Any], batch_size: int = 128) -> Iterator[Any]:
        """Lemmatize each doc of ``stream``."""
        for doc in stream:
            yield self(doc)


def use_cached_lemmatizer(nlp: Any) -> list[str]:
    """Replace each rule-mode ``Lemmatizer`` of ``nlp`` by a CachedLemmatizer.

    Components keep their names and places; returns the names of those replaced.
    """
    from spacy.language import Language
    from spacy.pipeline import Lemmatizer

    if not Language.has_factory(FACTORY):
        Language.factory(FACTORY, assigns=["token.lemma"], func=_make)
    replaced = []
    for name in list(nlp.component_names):
        lemmatizer = nlp.get_pipe(name)
        if not isinstance(lemmatizer, Lemmatizer) or lemmatizer.mode != "rule":
            continue
        nlp.replace_pipe(name, FACTORY).load(lemmatizer)
        replaced.append(name)
    return replaced


def _make(nlp: Any, name: str) -> CachedLemmatizer:
    return CachedLemmatizer(name)
