"""Word shingles: case and punctuation do not matter, order does, hashes are stable."""

from __future__ import annotations

import os
import subprocess
import sys

from dateline.dedup.shingles import shingle_hashes, words


def test_words_fold_case_and_drop_punctuation():
    assert words("“Peace,” said PUTIN — twice!") == ["peace", "said", "putin", "twice"]


def test_the_same_words_give_the_same_shingles_whatever_the_punctuation():
    a = shingle_hashes("The rig exploded on Tuesday, killing 11 workers.", size=4)
    b = shingle_hashes("the rig EXPLODED on tuesday -- killing 11 workers", size=4)
    assert a.tolist() == b.tolist()


def test_counts_sorted_and_distinct():
    text = "a b c d e f g"
    h = shingle_hashes(text, size=3)
    assert len(h) == 5 and h.tolist() == sorted(set(h.tolist()))
    assert len(shingle_hashes("a b a b a b", size=2)) == 2  # "a b" and "b a"
    assert len(shingle_hashes("short text", size=5)) == 1
    assert len(shingle_hashes("  ", size=5)) == 0


def test_one_changed_word_changes_at_most_size_shingles():
    base = " ".join(f"w{i}" for i in range(50))
    edited = base.replace("w25", "changed")
    a, b = set(shingle_hashes(base, size=4).tolist()), set(shingle_hashes(edited, size=4).tolist())
    assert len(a - b) == 4 and len(b - a) == 4


def test_hashes_do_not_depend_on_the_process():
    # Not Python's salted hash: a stored signature stays comparable across runs.
    code = "from dateline.dedup.shingles import shingle_hashes as h; print(h('one two three four five').tolist())"
    outs = {
        subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
        ).stdout
        for seed in ("1", "2")
    }  # fmt: skip
    assert outs == {str(shingle_hashes("one two three four five").tolist()) + "\n"}
