"""ECB+ entity coreference (Cybulska & Vossen 2014): gold mentions, dateline's, and how they pair.

ECB+ annotates entity mentions in news articles, two sub-topics per topic (two
different earthquakes), with coreference **across documents**. The converted
release is read from the shared data folder (``<data root>/entities/ecbplus``,
see its ``README.md``; CC BY 3.0), never copied here:

- ``converted/ecbplus_all.input.jsonl``: one document a line, ``{"id", "title", "text"}``;
- ``converted/ecbplus_all.gold.jsonl``: one gold mention a line with character
  offsets, its head (the spaCy root of the span, same model as dateline's), the
  global ``cluster`` and ``kind`` (``NAM``, ``NOM``, ``PRO``).

The topic is the number before ``_`` in a document id. Splits: ``dev`` = topics
1–35, ``test`` = 36–45 (the conventional split), ``all``.

**System mentions** are what dateline stores: the split's documents are ingested
in file order into a fresh SQLite database with :func:`dateline.api.ingest` (the
production path) and the ``mentions`` table is read back (:data:`SYSTEM_SQL`):
``entity_id`` is the cross-document entity, ``(doc, local_id)`` the
within-document one. Each mention's head is the root of its character span in
the same spaCy model's parse of the document.

**Matching** (one-to-one, same document): *by head*, a system mention matches the
gold mention whose head has the same character span; *by span*, the same start
and end. When several system mentions could take one gold mention, an identical
span wins, then the longer system span, then the earlier one. Scoring these
pairs lives in :mod:`dateline.evaluation.entity_score`.

Example:
    >>> corpus = load_ecbplus("dev", topics=range(1, 3))  # doctest: +SKIP
    >>> len(corpus.docs), corpus.mentions[0].text  # doctest: +SKIP
    (31, 'Word')
"""

from __future__ import annotations

import dataclasses
import json
import tempfile
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from dateline.config import Config
from dateline.evaluation.timeml import DATA_ENV, data_root

SPLITS = ("dev", "test", "all")
#: Topics of each split (topics 15 and 17 are not in the release).
TOPICS: dict[str, range] = {"dev": range(1, 36), "test": range(36, 46), "all": range(1, 46)}
#: Gold ``kind`` values of each mention setting.
GOLD_KINDS: dict[str, frozenset[str]] = {
    "named": frozenset({"NAM"}),
    "all": frozenset({"NAM", "NOM", "PRO"}),
}
#: dateline's mention ``kind`` values of each setting. Demonyms ("Canadian") are
#: not named; in ``all`` they count only where they match a gold mention.
SYSTEM_KINDS: dict[str, frozenset[str]] = {
    "named": frozenset({"name", "alias"}),
    "all": frozenset({"name", "alias", "description", "pronoun"}),
}
DEMONYM = "demonym"
#: How dateline's stored mentions are read (these columns stay stable).
SYSTEM_SQL = (
    'SELECT a.id AS doc, m.start, m."end", m.text, m.kind, m.entity_id, m.local_id'
    " FROM mentions m JOIN articles a ON a.pk = m.article_pk ORDER BY m.id"
)

MentionId = tuple[str, str]


@dataclass(frozen=True, slots=True)
class EcbDoc:
    """One ECB+ document: its id (``36_1ecb``), topic and text (one sentence a line)."""

    id: str
    topic: int
    text: str


@dataclass(frozen=True, slots=True)
class GoldMention:
    """A gold entity mention; offsets index :attr:`EcbDoc.text`.

    Attributes:
        doc: Document id.
        m_id: Mention id within the document.
        start: First character.
        end: One past the last character.
        text: ``text[start:end]``.
        head_start: First character of the head word.
        head_end: One past its last character.
        head: The head word.
        cluster: Global entity id: the cross-document instance, else a document's chain,
            else a singleton's own.
        cross_doc: Whether the entity is annotated across documents.
        type: ``PER``, ``ORG``, ``LOC``, ``GPE``, ``FAC``, ``NON_HUMAN`` ...
        kind: ``NAM``, ``NOM`` or ``PRO``.
        sentence: Sentence number in the release.
        topic: Topic number.
    """

    doc: str
    m_id: str
    start: int
    end: int
    text: str
    head_start: int
    head_end: int
    head: str
    cluster: str
    cross_doc: bool
    type: str
    kind: str
    sentence: int
    topic: int

    @property
    def id(self) -> MentionId:
        return (self.doc, self.m_id)


@dataclass(frozen=True, slots=True)
class EcbCorpus:
    """The documents of a split (file order) and their gold mentions (file order)."""

    docs: tuple[EcbDoc, ...]
    mentions: tuple[GoldMention, ...]

    def of_kinds(self, kinds: Collection[str]) -> list[GoldMention]:
        """The gold mentions whose ``kind`` is one of ``kinds``."""
        return [m for m in self.mentions if m.kind in kinds]


@dataclass(frozen=True, slots=True)
class SystemMention:
    """A mention dateline stored, with its head's character span (``-1`` if unknown).

    Attributes:
        doc: Article id (the ECB+ document id).
        start: First character.
        end: One past the last character.
        text: The mention as written.
        kind: ``name``, ``alias``, ``description``, ``pronoun`` or ``demonym``.
        entity_id: Global (cross-document) entity.
        local_id: Entity within the article (``e3``).
        head_start: First character of the head word.
        head_end: One past its last character.
    """

    doc: str
    start: int
    end: int
    text: str
    kind: str
    entity_id: int
    local_id: str
    head_start: int = -1
    head_end: int = -1


def ecbplus_root(root: Path | None = None) -> Path | None:
    """``<data root>/entities/ecbplus`` when it is there, else ``None``."""
    root = root if root is not None else data_root()
    path = root / "entities" / "ecbplus" if root is not None else None
    return path if path is not None and path.is_dir() else None


def topic_of(doc_id: str) -> int:
    """The topic number of a document id: ``topic_of("36_1ecb") == 36``."""
    return int(doc_id.split("_", 1)[0])


def load_ecbplus(
    split: str = "dev", *, topics: Iterable[int] | None = None, root: Path | None = None
) -> EcbCorpus:
    """The documents and gold mentions of a split, optionally of some topics only.

    Args:
        split: ``dev`` (topics 1–35), ``test`` (36–45) or ``all``.
        topics: Keep only these topics (within the split).
        root: The shared data folder (default: :func:`~dateline.evaluation.timeml.data_root`).

    Raises:
        ValueError: an unknown split.
        FileNotFoundError: ECB+ is not in the shared data folder.
    """
    if split not in SPLITS:
        raise ValueError(f"unknown ECB+ split {split!r}; expected one of {', '.join(SPLITS)}")
    base = ecbplus_root(root)
    if base is None:
        raise FileNotFoundError(f"no entities/ecbplus in the shared data folder (set ${DATA_ENV})")
    keep = set(TOPICS[split]) if topics is None else set(TOPICS[split]) & set(topics)
    folder = base / "converted"
    docs = tuple(
        EcbDoc(d["id"], topic_of(d["id"]), d["text"])
        for d in _jsonl(folder / "ecbplus_all.input.jsonl")
        if topic_of(d["id"]) in keep
    )
    mentions = tuple(
        _gold(g) for g in _jsonl(folder / "ecbplus_all.gold.jsonl") if int(g["topic"]) in keep
    )
    return EcbCorpus(docs, mentions)


def _jsonl(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


def _gold(g: Mapping[str, Any]) -> GoldMention:
    return GoldMention(
        doc=g["doc"], m_id=str(g["m_id"]), start=g["start"], end=g["end"], text=g["text"],
        head_start=g["head_start"], head_end=g["head_end"], head=g["head"],
        cluster=str(g["cluster"]), cross_doc=bool(g["cross_doc"]), type=g["type"],
        kind=g["kind"], sentence=int(g["sentence"]), topic=int(g["topic"]),
    )  # fmt: skip


# --------------------------------------------------------------------------- dateline's mentions


def read_system_mentions(conn: Any) -> list[SystemMention]:
    """Every stored mention (:data:`SYSTEM_SQL`), heads not yet known."""
    return [
        SystemMention(
            r["doc"], r["start"], r["end"], r["text"], r["kind"], r["entity_id"], r["local_id"]
        )
        for r in conn.execute(SYSTEM_SQL)
    ]


def head_span(doc: Any, start: int, end: int) -> tuple[int, int]:
    """Character span of the syntactic root of ``[start, end)`` in a spaCy Doc.

    The root token is clipped to the span, as the gold heads are ("Jr" of a span
    ending inside the token "Jr."); ``(-1, -1)`` when the span covers no token.
    The gold heads of prepositional mentions ("in Canada") are the preposition's
    object; dateline's mentions never start with a preposition, so no such rule
    is needed here.
    """
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return (-1, -1)
    root = span.root
    return (max(root.idx, start), min(root.idx + len(root.text), end))


def with_heads(
    mentions: Sequence[SystemMention], texts: Mapping[str, str], parse: Callable[[str], Any]
) -> list[SystemMention]:
    """``mentions`` with their heads, each document parsed once with ``parse`` (a spaCy model)."""
    docs: dict[str, Any] = {}
    out = []
    for m in mentions:
        if m.doc not in docs:
            docs[m.doc] = parse(texts[m.doc])
        hs, he = head_span(docs[m.doc], m.start, m.end)
        out.append(dataclasses.replace(m, head_start=hs, head_end=he))
    return out


def run_dateline(corpus: EcbCorpus, *, config: Config | None = None) -> list[SystemMention]:
    """Ingest the corpus's documents (file order) into a fresh SQLite file; read its mentions.

    This is the production path: :func:`dateline.api.ingest` over a JSONL file
    written in a temporary folder (deleted afterwards), every configured stage,
    the store's cross-article linking. ``config`` gives the stages and model;
    its ``db`` is replaced by the temporary file.

    Raises:
        RuntimeError: a document failed in the pipeline, or its stored text differs.
    """
    from dateline.api import ingest  # imported here: the readers above need no pipeline
    from dateline.stages.nlp import load_model
    from dateline.storage import open_store

    config = config or Config()
    texts = {d.id: d.text for d in corpus.docs}
    with tempfile.TemporaryDirectory(prefix="dateline-ecbplus-") as tmp:
        source = Path(tmp) / "ecbplus.jsonl"
        with source.open("w", encoding="utf-8") as out:
            for d in corpus.docs:
                out.write(json.dumps({"id": d.id, "title": "", "text": d.text}) + "\n")
        db = str(Path(tmp) / "ecbplus.db")
        report = ingest([source], config=dataclasses.replace(config, db=db))
        if report.failed:
            raise RuntimeError(f"{report.failed} ECB+ documents failed: {report.failures[:3]}")
        store = open_store(db)
        try:
            conn: Any = getattr(store, "conn")  # noqa: B009 (the SQLite store's connection)
            stored = {r["id"]: r["text"] for r in conn.execute("SELECT id, text FROM articles")}
            if any(stored.get(k) != v for k, v in texts.items()):
                raise RuntimeError(
                    "a stored ECB+ text differs from its source: offsets would drift"
                )
            mentions = read_system_mentions(conn)
        finally:
            store.close()
    return with_heads(mentions, texts, load_model(config.model))


# --------------------------------------------------------------------------- matching


def match(
    gold: Sequence[GoldMention], system: Sequence[SystemMention], *, by: str = "head"
) -> dict[int, int]:
    """Pair system mentions with gold mentions one-to-one, in the same document.

    Args:
        gold: Gold mentions.
        system: System mentions (with heads, for ``by="head"``).
        by: ``head`` (same head span) or ``span`` (same start and end).

    Returns:
        System index → gold index.

    Example:
        >>> g = GoldMention(
        ...     "d", "1", 0, 9, "Tara Reid", 5, 9, "Reid", "c", True, "PER", "NAM", 1, 1
        ... )
        >>> s = SystemMention("d", 5, 9, "Reid", "name", 7, "e1", 5, 9)
        >>> match([g], [s]), match([g], [s], by="span")
        ({0: 0}, {})
    """
    if by not in ("head", "span"):
        raise ValueError(f"unknown matching {by!r}; expected head or span")
    where: dict[tuple[str, int, int], int] = {}
    for k, g in enumerate(gold):
        where[(g.doc, g.head_start, g.head_end) if by == "head" else (g.doc, g.start, g.end)] = k
    candidates = []
    for i, s in enumerate(system):
        k = where.get(
            (s.doc, s.head_start, s.head_end) if by == "head" else (s.doc, s.start, s.end), -1
        )
        if k >= 0 and (by == "span" or s.head_start >= 0):
            exact = (s.start, s.end) == (gold[k].start, gold[k].end)
            candidates.append((not exact, s.start - s.end, s.start, i, k))
    pairs: dict[int, int] = {}
    taken: set[int] = set()
    for *_, i, k in sorted(candidates):
        if i not in pairs and k not in taken:
            pairs[i] = k
            taken.add(k)
    return pairs


@dataclass(frozen=True)
class Matched:
    """The gold and system mentions of one setting and how they pair.

    Attributes:
        kinds: The mention setting (``named`` or ``all``).
        by: The matching (``head`` or ``span``).
        gold: The setting's gold mentions.
        system: The setting's system mentions (in ``all``, demonyms only when paired).
        pairs: System index → gold index.
    """

    kinds: str
    by: str
    gold: tuple[GoldMention, ...]
    system: tuple[SystemMention, ...]
    pairs: Mapping[int, int]

    @property
    def found(self) -> list[tuple[GoldMention, SystemMention]]:
        """Each paired gold mention with its system mention, in gold order."""
        by_gold = sorted(self.pairs.items(), key=lambda pair: pair[1])
        return [(self.gold[k], self.system[i]) for i, k in by_gold]


def match_setting(
    corpus: EcbCorpus, system: Sequence[SystemMention], *, kinds: str = "named", by: str = "head"
) -> Matched:
    """The gold and system mentions of a setting, paired.

    Args:
        corpus: Gold documents and mentions.
        system: Every stored mention.
        kinds: ``named`` (gold ``NAM`` against ``name``/``alias``) or ``all``
            (``NAM``/``NOM``/``PRO`` against ``name``/``alias``/``description``/
            ``pronoun``, plus demonyms that pair with a gold mention).
        by: ``head`` or ``span`` (see :func:`match`).
    """
    if kinds not in GOLD_KINDS:
        raise ValueError(f"unknown mention setting {kinds!r}; expected named or all")
    gold = tuple(corpus.of_kinds(GOLD_KINDS[kinds]))
    extra = {DEMONYM} if kinds == "all" else set()
    candidates = [m for m in system if m.kind in SYSTEM_KINDS[kinds] | extra]
    pairs = match(gold, candidates, by=by)
    kept = [i for i, m in enumerate(candidates) if m.kind != DEMONYM or i in pairs]
    renumber = {old: new for new, old in enumerate(kept)}
    return Matched(
        kinds,
        by,
        gold,
        tuple(candidates[i] for i in kept),
        {renumber[i]: k for i, k in pairs.items()},
    )
