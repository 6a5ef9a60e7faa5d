"""spaCy's English stop-word list, without importing spaCy.

``spacy.lang.en.stop_words`` is a plain module (a set of words, no imports), but
importing it runs ``spacy/__init__`` first: half a second and hundreds of megabytes
for commands that never parse (search, timelines, ``--help``). The module's file is
found through the installed package's location and run on its own, so every part of
dateline that compares words uses the same list the parser's ``is_stop`` does.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path


def _load() -> frozenset[str]:
    spacy = importlib.util.find_spec("spacy")  # locates the package without importing it
    if spacy is None or spacy.origin is None:
        raise ImportError("spaCy is not installed (pip install dateline installs it)")
    path = Path(spacy.origin).parent / "lang" / "en" / "stop_words.py"
    spec = importlib.util.spec_from_file_location("dateline._spacy_en_stop_words", path)
    if spec is None or spec.loader is None:
        raise ImportError(f"cannot read spaCy's English stop words at {path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return frozenset(module.STOP_WORDS)


#: English stop words (spaCy's list, contractions with straight and curly apostrophes).
STOP_WORDS: frozenset[str] = _load()
