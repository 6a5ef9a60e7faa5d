"""Which spaCy components must run: those whose output a configured stage reads.

A stage class declares what it reads of the parse in ``spacy_needs``, by the names
of :data:`PROVIDERS` (``("tag", "pos", "lemma", "dep", "ents")``); the ``nlp``
stage runs only the components that provide the union over the configured stages
(and the shared ``tok2vec`` a kept component listens to). A stage that declares
nothing — a plug-in written before this — gets the whole pipeline, as before.

Which component provides what is a property of spaCy's English pipelines
(``en_core_web_sm`` and its larger siblings), measured rather than taken from the
components' own metadata, which leaves out the ruler and the lemmatizer's inputs:
the ``attribute_ruler`` sets POS and morphology from the fine tag *and* from a few
dependency labels ("aux" → AUX, "mark" → SCONJ), and the rule-based
``lemmatizer`` reads POS and morphology. A component this table does not know is
always kept.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

#: What a stage can read of a Doc, and the components that must have run for it.
PROVIDERS: dict[str, tuple[str, ...]] = {
    "tag": ("tagger",),  # Token.tag_
    "dep": ("parser",),  # dep_, head, children, subtree, noun_chunks
    "sents": ("parser",),  # Doc.sents, Token.sent, is_sent_start
    "pos": ("tagger", "parser", "attribute_ruler"),  # Token.pos_
    "morph": ("tagger", "parser", "attribute_ruler"),  # Token.morph
    "lemma": ("tagger", "parser", "attribute_ruler", "lemmatizer"),  # Token.lemma_
    "ents": ("ner",),  # Doc.ents, ent_type_, ent_iob_
}

#: Every component :data:`PROVIDERS` names; any other one is kept whatever is needed.
KNOWN = frozenset(c for names in PROVIDERS.values() for c in names)


def stage_needs(stages: Iterable[str]) -> frozenset[str] | None:
    """The union of the named stages' ``spacy_needs``; ``None`` when one declares none.

    Raises:
        ValueError: a stage declares a need :data:`PROVIDERS` does not know.
    """
    from dateline.pipeline import registry

    known = registry()
    needs: set[str] = set()
    for name in stages:
        spec = known.get(name)
        declared = getattr(spec.factory, "spacy_needs", None) if spec else None
        if declared is None:
            return None
        unknown = set(declared) - PROVIDERS.keys()
        if unknown:
            raise ValueError(f"stage {name!r} declares unknown spaCy needs {sorted(unknown)}")
        needs.update(declared)
    return frozenset(needs)


def needed_components(nlp: Any, needs: frozenset[str] | None) -> list[str]:
    """The enabled components of ``nlp`` that must run for ``needs``, in pipeline order.

    ``None`` means everything. A component that others listen to (``tok2vec``,
    ``transformer``) runs when one of its listeners does.
    """
    names: list[str] = list(nlp.pipe_names)
    if needs is None:
        return names
    wanted = {c for need in needs for c in PROVIDERS[need]}
    keep = {n for n in names if n in wanted or (n not in KNOWN and not _shared(nlp, n))}
    for name in names:
        listeners = set(getattr(nlp.get_pipe(name), "listening_components", ()) or ())
        if listeners & keep:
            keep.add(name)
    return [n for n in names if n in keep]


def unneeded_components(nlp: Any, needs: frozenset[str] | None) -> list[str]:
    """The enabled components of ``nlp`` that ``needs`` can do without."""
    keep = set(needed_components(nlp, needs))
    return [n for n in nlp.pipe_names if n not in keep]


def _shared(nlp: Any, name: str) -> bool:
    """Whether other components listen to ``name`` (it then runs only for them)."""
    return bool(getattr(nlp.get_pipe(name), "listening_components", None))
