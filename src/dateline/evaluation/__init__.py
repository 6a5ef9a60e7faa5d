"""Evaluation against annotated corpora: readers and metrics.

``timeml`` reads TimeML (``.tml``) files into plain text with gold TIMEX3
offsets; ``timex_score`` scores any tagger's output against them the way
TempEval-3 Task A does (strict and relaxed spans, value and type).
``polnear`` and ``litbank`` read the PolNeAR attributions and the LitBank
quotations (with each speaker's coreference chain); ``quote_score`` scores
quote finders against them (content overlap, cue, speaker; direct-quote spans).
``ecbplus`` reads ECB+ entity mentions and dateline's stored ones and pairs them;
``coref`` has the coreference metrics (MUC, B³, CEAF-e, CoNLL F1) and
``entity_score`` the partitions scored with them; ``entity_checks`` counts
entity symptoms in any store without gold data.
None of these modules needs spaCy or a tagger (but for
:func:`~dateline.evaluation.ecbplus.run_dateline`, which ingests through the
real pipeline, importing it when called); the data lives outside the package
(see :func:`~dateline.evaluation.timeml.data_root`).
"""

from dateline.evaluation.timeml import GoldTimex, TmlDoc, data_root, load_split, read_tml
from dateline.evaluation.timex_score import Scores, TimexError, TimexLike, errors, score

__all__ = [
    "GoldTimex",
    "Scores",
    "TimexError",
    "TimexLike",
    "TmlDoc",
    "data_root",
    "errors",
    "load_split",
    "read_tml",
    "score",
]
