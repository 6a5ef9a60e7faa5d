"""LitBank quotations (Sims & Bamman 2020) with each speaker's coreference chain.

LitBank marks every stretch of direct speech in ~2,000-word samples of 100
public-domain novels and attributes it to a speaker entity; the coreference
layer (Bamman, Lewke & Mansoor 2020) uses the same entity ids, so each
quotation's speaker comes with every mention of that entity (names, nominals,
pronouns). Licence CC BY 4.0; the data is read from the shared data folder
(``<data root>/quotes/litbank``, see its ``LICENCE-NOTE.txt``), never copied here.

Files read: ``quotations/tsv/<id>_brat.{txt,ann}`` and ``coref/tsv/<id>_brat.ann``.
Both ``.txt`` files are identical: one sentence per line, tokens separated by
single spaces (``Do n't``, ``“ Yes ? ”``). Annotations point at tokens:

- ``QUOTE\\tQ<id>\\t<start sent>\\t<start tok>\\t<end sent>\\t<end tok>\\t<text>``, the end
  token inclusive; the quotation marks are inside the span. 506 of the 1,765
  quotations run over several sentences.
- ``ATTRIB\\tQ<id>\\t<entity id>`` (``Winnie_Verloc-3``), one per quotation.
- ``MENTION\\tT<id>\\t<sentence and token of start and end>\\t<text>\\t<type>\\t<kind>``
  (ACE type; ``PROP``, ``NOM`` or ``PRON``) and ``COREF\\tT<id>\\t<entity id>`` in the
  coreference layer (its ``COP`` and ``APPOS`` links are not used).

**Text given to the systems.** News-trained tools expect ordinary prose, not
``“ Do n't put your feet up there , Huckleberry ; ”``, so by default the tokens
are *detokenised*: no space before closing punctuation, closing quotation marks
and clitics (``n't``, ``'s``, ``’ll`` ...), none after opening brackets and
opening quotation marks; a straight ``"``, ``'`` or ``_`` opens at the start of a
sentence, closes at its end and otherwise alternates (a ``'`` after a word and
before a lower-case word, while none is open, is an apostrophe: ``goin' on``).
Sentences are joined by one space (the files keep no paragraph breaks). Every
token keeps its offsets in the new text, so gold spans are exact whatever the
spacing guesses: a quotation runs from the first character of its first token
to the last of its last.
``detokenize=False`` gives the file's own text (sentences joined by ``\\n``).

Example:
    >>> docs = load_litbank()  # doctest: +SKIP
    >>> q = docs[0].quotes[0]  # doctest: +SKIP
    >>> docs[0].text[q.start:q.end] == q.text  # doctest: +SKIP
    True
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from dateline.evaluation.timeml import DATA_ENV, data_root

Span = tuple[int, int]
#: (sentence, token) of a token in the ``.txt`` file.
TokenId = tuple[int, int]

_CLOSERS = frozenset(
    {",", ".", ";", ":", "!", "?", ")", "]", "}", "”", "’", "’”", "%", "...", "...."}
    | {"!!", "!!!", "?!", "!?"}
)
_OPENERS = frozenset({"(", "[", "{", "“", "‘", "“‘", "`", "$"})
_CLITICS = frozenset(
    p + c for p in ("'", "’") for c in ("s", "S", "ll", "ve", "m", "d", "re", "LL", "VE", "M", "D")
) | frozenset({"n't", "n’t", "N'T"})
_TOGGLES = frozenset({'"', "'", "_"})


@dataclass(frozen=True, slots=True)
class LitQuote:
    """A gold quotation, offsets into :attr:`LitDoc.text`.

    Attributes:
        id: The quotation's id (``Q342``).
        start: First character of its first token (usually a quotation mark).
        end: One past the last character of its last token.
        text: ``LitDoc.text[start:end]``.
        speaker: The speaker's entity id (``Winnie_Verloc-3``), ``None`` if unattributed.
        chain: Every mention of the speaker entity in the coreference layer, in text order.
    """

    id: str
    start: int
    end: int
    text: str
    speaker: str | None
    chain: tuple[Span, ...]


@dataclass(frozen=True, slots=True)
class LitDoc:
    """One LitBank sample: its text and gold quotations in text order."""

    id: str
    text: str
    quotes: tuple[LitQuote, ...]


def litbank_root(root: Path | None = None) -> Path | None:
    """``<data root>/quotes/litbank`` when it is there, else ``None``."""
    root = root if root is not None else data_root()
    path = root / "quotes" / "litbank" if root is not None else None
    return path if path is not None and path.is_dir() else None


def _tokens(path: Path) -> list[list[str]]:
    lines = path.read_text(encoding="utf-8").split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return [line.split(" ") if line else [] for line in lines]


def layout(
    sentences: list[list[str]], *, detokenize: bool = True
) -> tuple[str, dict[TokenId, Span]]:
    """The text of tokenised sentences and each token's span in it (see the module docstring)."""
    parts: list[str] = []
    spans: dict[TokenId, Span] = {}
    pos = 0
    is_open = dict.fromkeys(_TOGGLES, False)
    for s, tokens in enumerate(sentences):
        if s:
            sep = " " if detokenize else "\n"
            parts.append(sep)
            pos += len(sep)
        glue_next = False
        for t, tok in enumerate(tokens):
            if detokenize:
                space_before, glue_after = _spacing(tokens, t, is_open)
                space = t > 0 and space_before and not glue_next
            else:
                glue_after, space = False, t > 0
            if space:
                parts.append(" ")
                pos += 1
            spans[(s, t)] = (pos, pos + len(tok))
            parts.append(tok)
            pos += len(tok)
            glue_next = glue_after
    return "".join(parts), spans


def _spacing(tokens: list[str], t: int, is_open: dict[str, bool]) -> tuple[bool, bool]:
    """Whether token ``t`` takes a space before it, and whether the next token is glued to it."""
    tok = tokens[t]
    if tok in _TOGGLES:
        prev = tokens[t - 1] if t else ""
        nxt = tokens[t + 1] if t + 1 < len(tokens) else ""
        if tok == "'" and not is_open[tok] and prev[-1:].isalnum() and nxt[:1].islower():
            return False, False  # an apostrophe (o' the, goin' on), not a quotation mark
        if t == 0:
            opening = True
        elif t == len(tokens) - 1:
            opening = False
        else:
            opening = not is_open[tok]
        is_open[tok] = opening
        return (True, True) if opening else (False, False)
    if tok in _CLOSERS or tok in _CLITICS:
        return False, False
    if tok in _OPENERS:
        return True, True
    return True, False


def _read_ann(path: Path) -> list[list[str]]:
    if not path.is_file():
        return []
    return [line.split("\t") for line in path.read_text(encoding="utf-8").splitlines() if line]


def _span(spans: dict[TokenId, Span], row: list[str]) -> Span:
    first = spans[(int(row[2]), int(row[3]))]
    last = spans[(int(row[4]), int(row[5]))]
    return first[0], last[1]


def read_litbank_doc(root: Path, doc_id: str, *, detokenize: bool = True) -> LitDoc:
    """One LitBank document (``doc_id`` like ``76_adventures_of_huckleberry_finn``)."""
    sentences = _tokens(root / "quotations" / "tsv" / f"{doc_id}_brat.txt")
    text, spans = layout(sentences, detokenize=detokenize)
    coref = _read_ann(root / "coref" / "tsv" / f"{doc_id}_brat.ann")
    mentions = {row[1]: _span(spans, row) for row in coref if row[0] == "MENTION"}
    chains: dict[str, list[Span]] = {}
    for row in coref:  # a COREF line may come before its MENTION
        if row[0] == "COREF":
            chains.setdefault(row[2], []).append(mentions[row[1]])
    rows = _read_ann(root / "quotations" / "tsv" / f"{doc_id}_brat.ann")
    speakers = {r[1]: r[2] for r in rows if r[0] == "ATTRIB"}
    quotes = []
    for row in rows:
        if row[0] != "QUOTE":
            continue
        start, end = _span(spans, row)
        speaker = speakers.get(row[1])
        chain = tuple(sorted(set(chains.get(speaker, [])))) if speaker else ()
        quotes.append(LitQuote(row[1], start, end, text[start:end], speaker, chain))
    return LitDoc(doc_id, text, tuple(sorted(quotes, key=lambda q: (q.start, q.end))))


def load_litbank(
    root: Path | None = None, *, limit: int | None = None, detokenize: bool = True
) -> list[LitDoc]:
    """LitBank documents with their quotations, sorted by id.

    Args:
        root: The shared data folder; :func:`~dateline.evaluation.timeml.data_root` when ``None``.
        limit: Read only the first ``limit`` documents (sorted by id).
        detokenize: Give the systems prose (default) rather than space-separated tokens.

    Raises:
        FileNotFoundError: the data is missing.
    """
    base = litbank_root(root)
    if base is None:
        raise FileNotFoundError(f"no quotes/litbank in the shared data folder (set ${DATA_ENV})")
    folder = base / "quotations" / "tsv"
    ids = sorted(p.name[: -len("_brat.txt")] for p in folder.glob("*_brat.txt"))
    ids = ids[:limit] if limit is not None else ids
    return [read_litbank_doc(base, i, detokenize=detokenize) for i in ids]
