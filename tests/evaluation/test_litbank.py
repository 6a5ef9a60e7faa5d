"""The LitBank reader on the real files (shared data folder only), and the detokeniser by hand.

LitBank is CC BY 4.0 but is still read from the shared folder only; these
tests skip without it (the detokeniser cases are invented sentences).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from dateline.evaluation.litbank import layout, litbank_root, load_litbank


def _litbank() -> Path:
    root = litbank_root()
    if root is None:
        pytest.skip("LitBank not found (shared data folder absent)")
    return root


@pytest.fixture(scope="module")
def docs() -> list:
    _litbank()
    return load_litbank()


@pytest.fixture(scope="module")
def raw_docs() -> list:
    _litbank()
    return load_litbank(detokenize=False)


def test_counts_match_licence_note(docs):
    assert len(docs) == 100
    quotes = [q for d in docs for q in d.quotes]
    assert len(quotes) == 1765
    assert all(q.speaker is not None and q.chain for q in quotes)  # every quote attributed
    assert sum(not d.quotes for d in docs) > 0  # some samples have no dialogue


def test_offsets_consistent(docs):
    for d in docs:
        for q in d.quotes:
            assert d.text[q.start : q.end] == q.text, (d.id, q.id)
            assert q.chain == tuple(sorted(q.chain))
            assert all(0 <= s < e <= len(d.text) for s, e in q.chain)


def test_raw_text_is_the_file_and_quotes_are_its_tokens(raw_docs):
    """Without detokenising, the text is the .txt file and every QUOTE line's own
    text column is the quote (sentence breaks read as spaces)."""
    root = _litbank() / "quotations" / "tsv"
    for d in raw_docs:
        assert d.text == (root / f"{d.id}_brat.txt").read_text(encoding="utf-8").rstrip("\n")
        rows = (root / f"{d.id}_brat.ann").read_text(encoding="utf-8").splitlines()
        column = {r.split("\t")[1]: r.split("\t")[6] for r in rows if r.startswith("QUOTE")}
        assert {q.id: q.text.replace("\n", " ") for q in d.quotes} == column
    assert sum("\n" in q.text for d in raw_docs for q in d.quotes) == 506  # multi-sentence


def test_detokenised_text_keeps_every_character(docs, raw_docs):
    for d, r in zip(docs, raw_docs, strict=True):
        assert "".join(d.text.split()) == "".join(r.text.split()), d.id
        for q, rq in zip(d.quotes, r.quotes, strict=True):
            assert q.id == rq.id
            assert "".join(q.text.split()) == "".join(rq.text.split())
            assert len(q.chain) == len(rq.chain)


def test_detokenised_quotes_are_tight(docs):
    """Opening marks glue to the next word, closing marks to the previous one."""
    loose = [
        q.text
        for d in docs
        for q in d.quotes
        if q.text[:2] in {"“ ", "‘ ", '" '} or q.text[-2:] in {" ”", " ’", ' "'}
    ]
    assert len(loose) <= 10  # a handful of straight quotes stay ambiguous


def test_speaker_chain_holds_the_name(docs):
    huck = next(d for d in docs if d.id.startswith("76_"))
    q = next(q for q in huck.quotes if q.id == "Q307")
    assert q.speaker == "Miss_Watson-26"
    assert "Miss Watson" in {huck.text[s:e] for s, e in q.chain}


def test_limit_and_order(docs):
    ids = [d.id for d in docs]
    assert ids == sorted(ids)
    assert [d.id for d in load_litbank(limit=2)] == ids[:2]


def test_missing_data(tmp_path):
    with pytest.raises(FileNotFoundError):
        load_litbank(tmp_path)


# --------------------------------------------------------------------------- detokeniser


def tokens(*sentences: str) -> list[list[str]]:
    return [s.split(" ") for s in sentences]


@pytest.mark.parametrize(
    ("sentences", "text"),
    [
        (("“ Do n't go , ” she said .",), "“Don't go,” she said."),
        (("He 's here ; we ’ll see ( maybe ) .",), "He's here; we’ll see (maybe)."),
        (('" Come in , " he said , " and sit . "',), '"Come in," he said, "and sit."'),
        (("‘ Yes ! ’ said Tom .", "It rained ."), "‘Yes!’ said Tom. It rained."),
        (("I was goin ' on .",), "I was goin' on."),
        (("He read _ Hamlet _ twice .",), "He read _Hamlet_ twice."),
        (('" Wait .', 'Listen . "'), '"Wait. Listen."'),
    ],
)
def test_layout(sentences, text):
    got, spans = layout(tokens(*sentences))
    assert got == text
    for (s, t), (a, b) in spans.items():
        assert got[a:b] == sentences[s].split(" ")[t]


def test_layout_without_detokenising():
    got, spans = layout(tokens("“ Yes , ” he said .", "Fine ."), detokenize=False)
    assert got == "“ Yes , ” he said .\nFine ."
    assert got[slice(*spans[(1, 0)])] == "Fine"
