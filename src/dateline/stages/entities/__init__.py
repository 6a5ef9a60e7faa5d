"""The ``entities`` stage: canonical people, places and organisations per article.

For each article it merges spaCy's entity mentions into entities ("Shinzo Abe",
"Abe"; "Federal Security Service", "FSB"), reads titles and affiliations from
premodifiers and appositions ("Japanese Prime Minister Shinzo Abe", "Vladimir
Putin, the Russian president"), and resolves role descriptions such as "the
Russian leader" to the one person they fit. Pure token and dependency walks over
the Doc the ``nlp`` stage made; no model of its own.
"""

from __future__ import annotations

from dateline.config import Config
from dateline.pipeline import stage
from dateline.records import Work
from dateline.stages.entities.extract import extract
from dateline.stages.entities.lexicon import places


@stage("entities", requires=("doc.ents", "doc.deps"), sets=("entities",))
class Entities:
    """Canonical entities with every mention's offsets, roles and affiliations.

    Example:
        >>> work.doc = nlp(work.article.text)  # doctest: +SKIP
        >>> Entities(Config()).process([work])  # doctest: +SKIP
        >>> [(e.name, e.roles, e.affiliation) for e in work.entities]  # doctest: +SKIP
        [('Japanese', (), 'Japan'), ('Shinzo Abe', ('Prime Minister',), 'Japan')]
    """

    #: What it reads of the parse (see :mod:`dateline.stages.needs`).
    spacy_needs: tuple[str, ...] = ("tag", "pos", "lemma", "dep", "sents", "ents")

    def __init__(self, config: Config) -> None:
        self.config = config
        places()  # read the country tables once, before the first batch

    def process(self, batch: list[Work]) -> None:
        """Set ``work.entities`` on every item of ``batch``."""
        for work in batch:
            work.entities = extract(work.doc, work.article.text)


__all__ = ["Entities", "extract"]
