"""Quote finding scored on PolNeAR (attributions in news) and LitBank (direct speech in fiction).

dateline runs as in production: the pipeline ``dateline, nlp, temporal,
entities, quotes`` over each text, its ``Work.quotes`` scored with
``dateline.evaluation.quote_score`` (definitions there). In the same run the
baseline is textacy's rule-based ``direct_quotations`` on the very same spaCy
Docs (benchmark-only: ``pip install textacy``; never a dependency of dateline).

PolNeAR dev carries the targets (the train split with ``--split train``);
upstream asks analysts to study errors on train and keep dev for measuring
(``--errors polnear --split train``). Its gold also has indirect speech and
beliefs, which textacy does not look for. LitBank is direct speech only.
Published figures are printed as reference lines: they are other corpora
(PARC3, the Gender Gap Tracker's news set) and other definitions, to be read as
a rough scale, not a comparison.

spaCy parses of the evaluation texts are cached on disk outside the repository
(``$XDG_CACHE_HOME/dateline-bench`` else ``/tmp/dateline-bench-cache``), keyed by
text, model and spaCy version: parsing takes ~95 % of a cold scoring run, so the
cache turns the development loop (``--errors``) into seconds. ``--no-cache`` parses afresh.
The speed target is measured on the bundled Wikinews sample, always parsed afresh.

Usage:
    python bench/quotes.py                          # everything
    python bench/quotes.py --errors polnear --split train   # dateline's errors, one a line
    python bench/quotes.py --errors litbank
    python bench/quotes.py --no-textacy --no-speed --limit 20
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.metadata
import os
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from dateline.config import Config
from dateline.evaluation.litbank import litbank_root, load_litbank
from dateline.evaluation.polnear import load_polnear, polnear_root
from dateline.evaluation.quote_score import (
    AttributionScores,
    DirectScores,
    GoldDoc,
    errors,
    litbank_gold,
    polnear_gold,
    score_attributions,
    score_direct,
)
from dateline.ingest import read_paths, sample_path
from dateline.pipeline import Pipeline
from dateline.records import Article, Cue, Quote, Speaker, Work
from dateline.stages.nlp import load_model

STAGES = ("dateline", "nlp", "temporal", "entities", "quotes")
TEXTACY = "textacy direct_quotations"
#: Published figures (percent). Citron (Newell et al. 2021) on the PARC3 test set;
#: the Gender Gap Tracker V7.0 (Asr et al. 2021) on its own annotated news.
PUBLISHED: list[tuple[str, str, str, float]] = [
    ("PARC3 test", "Citron (published)", "cue F1", 82.3),
    ("PARC3 test", "Citron (published)", "source F1", 82.0),
    ("PARC3 test", "Citron (published)", "content F1, exact", 59.3),
    ("PARC3 test", "Citron (published)", "content F1, overlap", 83.2),
    ("GGT news", "Gender Gap Tracker V7.0 (pub.)", "quote F1, >=30% overlap", 83.7),
    ("GGT news", "Gender Gap Tracker V7.0 (pub.)", "speaker accuracy", 86.5),
]


@dataclass
class Corpus:
    """Gold documents and the articles dateline reads (same texts, same order)."""

    name: str
    gold: list[GoldDoc]
    articles: list[Article]
    direct: bool  # scored as direct quotations (LitBank) rather than attributions


def polnear_corpus(split: str, limit: int | None) -> Corpus:
    docs = load_polnear(split, limit=limit)
    arts = [
        Article(
            id=d.id, title=None, published=d.published, source=d.publisher, url=None, text=d.text
        )
        for d in docs
    ]
    return Corpus(f"PolNeAR {split}", [polnear_gold(d) for d in docs], arts, direct=False)


def litbank_corpus(limit: int | None) -> Corpus:
    docs = load_litbank(limit=limit)
    arts = [
        Article(id=d.id, title=None, published=None, source=None, url=None, text=d.text)
        for d in docs
    ]
    return Corpus("LitBank", [litbank_gold(d) for d in docs], arts, direct=True)


# --------------------------------------------------------------------------- parsing


class ParseCache:
    """spaCy Docs of texts, kept on disk by text, model and spaCy version (never in the repo)."""

    def __init__(self, nlp: Any, folder: Path | None) -> None:
        self.nlp = nlp
        self.folder = folder
        if folder is not None:
            folder.mkdir(parents=True, exist_ok=True)
        self.hits = 0

    @staticmethod
    def default_folder(model: str) -> Path:
        base = os.environ.get("XDG_CACHE_HOME")
        root = Path(base) / "dateline-bench" if base else Path("/tmp/dateline-bench-cache")
        import spacy

        version = importlib.metadata.version(model) if _installed(model) else "unknown"
        return root / f"{model}-{version}-spacy{spacy.__version__}"

    def _path(self, text: str) -> Path | None:
        if self.folder is None:
            return None
        return self.folder / f"{hashlib.sha256(text.encode('utf-8')).hexdigest()}.spacy"

    def parse(self, texts: Sequence[str]) -> list[Any]:
        from spacy.tokens import Doc

        docs: list[Any] = [None] * len(texts)
        missing: list[int] = []
        for i, text in enumerate(texts):
            path = self._path(text)
            try:
                if path is None:
                    raise FileNotFoundError("no cache")
                docs[i] = Doc(self.nlp.vocab).from_bytes(path.read_bytes())
                self.hits += 1
            except Exception:  # no cache, not cached yet, or a damaged file: parse
                missing.append(i)
        parsed = self.nlp.pipe([texts[i] for i in missing], batch_size=32)
        for i, doc in zip(missing, parsed, strict=True):
            docs[i] = doc
            path = self._path(texts[i])
            if path is not None:  # write then rename, so a reader never sees half a file
                part = path.with_suffix(f".{os.getpid()}.part")
                part.write_bytes(doc.to_bytes())
                os.replace(part, path)
        return docs


def _installed(dist: str) -> bool:
    try:
        importlib.metadata.version(dist)
    except importlib.metadata.PackageNotFoundError:
        return False
    return True


def run_dateline(pipe: Pipeline, articles: list[Article], cache: ParseCache) -> list[Work | None]:
    """Every stage over ``articles``, the ``nlp`` stage through the cache.

    Like ``Pipeline.run_batch``, an article that breaks a stage is dropped (``None``)
    and the rest go on; the failures are printed.
    """
    works: list[Work | None] = [Work(article=a) for a in articles]
    for st in pipe.stages:
        live = [w for w in works if w is not None]
        if st.name == "nlp":
            for w, doc in zip(live, cache.parse([w.article.text for w in live]), strict=True):
                w.doc = doc
            continue
        try:
            st.process(live)
        except Exception:  # isolate the article(s) that break this stage
            for k, item in enumerate(works):
                if item is None:
                    continue
                try:
                    st.process([item])
                except Exception as exc:
                    print(f"  {item.article.id}: stage {st.name} failed: {exc!r}")
                    works[k] = None
    return works


def dateline_quotes(works: Sequence[Work | None]) -> list[list[Quote]]:
    return [list(w.quotes) if w is not None else [] for w in works]


# --------------------------------------------------------------------------- textacy


def textacy_missing() -> str | None:
    """Why the textacy baseline cannot run, or ``None``."""
    try:
        import textacy.extract.triples  # noqa: F401
    except Exception as exc:  # ImportError, or a broken install
        return f"{type(exc).__name__}: {exc} (pip install textacy)"
    return None


def _char_span(tokens: Sequence[Any]) -> tuple[int, int]:
    return min(t.idx for t in tokens), max(t.idx + len(t.text) for t in tokens)


def textacy_quotes(text: str, doc: Any) -> list[Quote] | None:
    """textacy's direct quotations as Quote records; ``None`` when textacy bails out."""
    from textacy.extract.triples import direct_quotations

    try:
        triples = list(direct_quotations(doc))
    except ValueError:  # an odd number of quotation marks: textacy gives up on the document
        return None
    quotes = []
    for speaker, cue, content in triples:
        s, e = content.start_char, content.end_char
        cs, ce = _char_span(cue)
        ss, se = _char_span(speaker)
        quotes.append(
            Quote(
                start=s,
                end=e,
                text=text[s:e],
                kind="direct",
                fragments=((s, e),),
                cue=Cue(cs, ce, text[cs:ce], " ".join(t.lemma_ for t in cue)),
                speaker=Speaker(ss, se, text[ss:se]),
            )
        )
    return quotes


# --------------------------------------------------------------------------- scoring


@dataclass
class Line:
    """One row of the table: P, R and F1 (or an accuracy alone), in percent."""

    dataset: str
    system: str
    metric: str
    p: float | None = None
    r: float | None = None
    f: float | None = None
    counts: str = ""


def attribution_lines(dataset: str, system: str, s: AttributionScores) -> list[Line]:
    return [
        Line(
            dataset,
            system,
            "content overlap",
            *_prf(s.overlap_precision, s.overlap_recall, s.overlap_f1),
            f"{s.overlap} pairs / {s.system} sys / {s.gold} gold",
        ),
        Line(
            dataset,
            system,
            "content >=30% of gold",
            *_prf(s.cover30_precision, s.cover30_recall, s.cover30_f1),
            f"{s.cover30} pairs",
        ),
        Line(
            dataset,
            system,
            "cue exact",
            *_prf(s.cue_precision, s.cue_recall, s.cue_f1),
            f"{s.cue_exact} / {s.system_cues} sys / {s.gold_cues} gold",
        ),
        Line(
            dataset,
            system,
            "speaker accuracy",
            f=100 * s.speaker_accuracy,
            counts=f"{s.speaker_correct} / {s.speaker_gold} pairs",
        ),
    ]


def direct_lines(dataset: str, system: str, s: DirectScores) -> list[Line]:
    return [
        Line(
            dataset,
            system,
            "direct span exact",
            *_prf(s.exact_precision, s.exact_recall, s.exact_f1),
            f"{s.exact} / {s.system} sys / {s.gold} gold",
        ),
        Line(
            dataset,
            system,
            "direct span overlap",
            *_prf(s.overlap_precision, s.overlap_recall, s.overlap_f1),
            f"{s.overlap} pairs",
        ),
        Line(
            dataset,
            system,
            "speaker accuracy (coref)",
            f=100 * s.speaker_accuracy,
            counts=f"{s.speaker_correct} / {s.speaker_gold} pairs",
        ),
    ]


def _prf(p: float, r: float, f: float) -> tuple[float, float, float]:
    return 100 * p, 100 * r, 100 * f


@dataclass
class Result:
    """The scores of one corpus (dateline, and textacy when it ran)."""

    corpus: Corpus
    dateline: AttributionScores | DirectScores
    textacy: AttributionScores | DirectScores | None
    textacy_bailed: int = 0
    seconds: float = 0.0


def evaluate(
    corpus: Corpus, pipe: Pipeline, cache: ParseCache, *, with_textacy: bool
) -> tuple[Result, list[list[Quote]]]:
    """Run dateline (and textacy on the same Docs) over a corpus and score both."""
    t0 = time.perf_counter()
    works = run_dateline(pipe, corpus.articles, cache)
    seconds = time.perf_counter() - t0
    ours = dateline_quotes(works)
    scorer: Callable[[Sequence[GoldDoc], Sequence[Sequence[Quote]]], Any]
    scorer = score_direct if corpus.direct else score_attributions
    baseline = None
    bailed = 0
    if with_textacy:
        theirs: list[list[Quote]] = []
        for w in works:
            found = textacy_quotes(w.article.text, w.doc) if w is not None else []
            bailed += found is None
            theirs.append(found or [])
        baseline = scorer(corpus.gold, theirs)
    return Result(corpus, scorer(corpus.gold, ours), baseline, bailed, seconds), ours


def show_errors(corpus: Corpus, predictions: list[list[Quote]]) -> None:
    """Print every dateline error on ``corpus``, then a count per kind."""
    found = errors(corpus.gold, predictions, direct=corpus.direct)
    for err in found:
        print(err.line())
    kinds = Counter(e.kind for e in found)
    listed = (
        ("FN", "FP", "span", "speaker")
        if corpus.direct
        else ("FN", "FP", "cover", "cue", "speaker")
    )
    print(f"\n{corpus.name}: {len(corpus.gold)} documents")
    print("errors: " + ", ".join(f"{k} {kinds[k]}" for k in listed))


# --------------------------------------------------------------------------- speed


def stage_seconds(
    stages: Sequence[str] = STAGES, *, keep: list[Work] | None = None
) -> tuple[int, dict[str, float], list[str]]:
    """Seconds per stage of the full pipeline over the Wikinews sample (as in throughput.py).

    After a warm-up on 8 articles, each batch goes through the stages timed. If a
    stage raises on a batch (a finder under development), the articles it fails on
    are found one by one, untimed, and left out; the stage is timed again on the
    rest of the batch. Returns the articles timed, seconds per stage, and the
    articles left out with the reason. ``stages`` defaults to this benchmark's;
    the processed Works are appended to ``keep`` when it is given.
    """
    config = Config(db=":memory:", stages=tuple(stages))
    arts = [a for a in read_paths([sample_path()], config=config) if isinstance(a, Article)]
    pipe = Pipeline(config)
    pipe.run_batch(arts[:8])  # warm-up: model caches, lexicons, lazily compiled rules
    spent: dict[str, float] = defaultdict(float)
    left_out: list[str] = []
    timed = 0
    for i in range(0, len(arts), config.batch_size):
        batch = [Work(article=a) for a in arts[i : i + config.batch_size]]
        for st in pipe.stages:
            t0 = time.perf_counter()
            try:
                st.process(batch)
            except Exception:
                batch = [w for w in batch if _runs(st, w, left_out)]
                t0 = time.perf_counter()
                st.process(batch)
            spent[st.name] += time.perf_counter() - t0
        timed += len(batch)
        if keep is not None:
            keep.extend(batch)
    return timed, dict(spent), left_out


def _runs(st: Any, work: Work, left_out: list[str]) -> bool:
    """Whether stage ``st`` runs on ``work`` alone; if not, note why in ``left_out``."""
    try:
        st.process([work])
    except Exception as exc:
        left_out.append(f"{work.article.path or work.article.id}: {st.name}: {exc!r}")
        return False
    return True


# --------------------------------------------------------------------------- output


def fmt(x: float | None, width: int = 7) -> str:
    return f"{x:>{width}.1f}" if x is not None else " " * (width - 1) + "-"


def print_table(lines: list[Line]) -> None:
    head = f"{'dataset':<12} {'system':<31} {'metric':<25} {'P':>7} {'R':>7} {'F1/acc':>7}  counts"
    print(head)
    print("-" * (len(head) + 30))
    previous = None
    for ln in lines:
        if previous is not None and (ln.dataset, ln.system) != previous:
            print()
        previous = (ln.dataset, ln.system)
        print(
            f"{ln.dataset:<12} {ln.system:<31} {ln.metric:<25} "
            f"{fmt(ln.p)} {fmt(ln.r)} {fmt(ln.f)}  {ln.counts}"
        )
    print("-" * (len(head) + 30))
    print(
        "scores in %, micro-averaged over all quotes (definitions: dateline.evaluation."
        "quote_score);\npublished lines are other corpora and definitions: a scale, not a match."
    )


def verdict(ok: bool | None) -> str:
    return "not measured" if ok is None else ("met" if ok else "NOT MET")


def print_targets(results: list[Result], share: float | None) -> None:
    pol = next((r for r in results if r.corpus.name == "PolNeAR dev"), None)
    lit = next((r for r in results if r.corpus.direct), None)
    a = pol.dateline if pol is not None and isinstance(pol.dateline, AttributionScores) else None
    d = lit.dateline if lit is not None and isinstance(lit.dateline, DirectScores) else None
    rows: list[tuple[str, float | None, float]] = [
        ("PolNeAR dev content overlap F1 >= 0.75", a.overlap_f1 if a else None, 0.75),
        ("PolNeAR dev cue exact F1 >= 0.70", a.cue_f1 if a else None, 0.70),
        ("PolNeAR dev speaker accuracy >= 0.85", a.speaker_accuracy if a else None, 0.85),
        ("LitBank direct span F1 (exact) >= 0.90", d.exact_f1 if d else None, 0.90),
    ]
    print("\ntargets (dateline):")
    for label, got, floor in rows:
        shown = "-" if got is None else f"{got:.3f}"
        print(f"  {label:<42} {shown:>8}  {verdict(None if got is None else got >= floor)}")
    shown = "-" if share is None else f"{share:.1%}"
    ok = None if share is None else share <= 0.15
    print(f"  {'quotes stage <= 15% of pipeline time':<42} {shown:>8}  {verdict(ok)}")


# --------------------------------------------------------------------------- main


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument(
        "--split", choices=("dev", "train"), default="dev", help="PolNeAR split (default dev)"
    )
    parser.add_argument(
        "--errors",
        choices=("polnear", "litbank"),
        help="print dateline's errors on this dataset, one a line, and exit",
    )
    parser.add_argument("--no-textacy", action="store_true", help="skip the textacy baseline")
    parser.add_argument("--no-speed", action="store_true", help="skip the pipeline-share timing")
    parser.add_argument("--no-cache", action="store_true", help="parse the texts afresh")
    parser.add_argument(
        "--limit", type=int, default=None, help="documents of each dataset (sorted by id)"
    )
    return parser.parse_args()


def main() -> int:
    args = parse_args()
    have_polnear, have_litbank = polnear_root() is not None, litbank_root() is not None
    if not (have_polnear or have_litbank):
        print(
            "quote data not found (quotes/polnear, quotes/litbank under DATELINE_SHARED_DATA or "
            "../shared/data); skipped."
        )
        return 0
    config = Config(db=":memory:", stages=STAGES)
    nlp = load_model(config.model)
    folder = None if args.no_cache else ParseCache.default_folder(config.model)
    cache = ParseCache(nlp, folder)
    pipe = Pipeline(config)

    corpora: list[Callable[[], Corpus]] = []
    if args.errors in (None, "polnear"):
        if have_polnear:
            corpora.append(lambda: polnear_corpus(args.split, args.limit))
        else:
            print("PolNeAR not found (quotes/polnear); skipped.")
    if args.errors in (None, "litbank"):
        if have_litbank:
            corpora.append(lambda: litbank_corpus(args.limit))
        else:
            print("LitBank not found (quotes/litbank); skipped.")

    with_textacy = not args.no_textacy and not args.errors
    if with_textacy and (why := textacy_missing()):
        print(f"textacy baseline skipped: {why}")
        with_textacy = False

    results: list[Result] = []
    for make in corpora:
        corpus = make()
        result, ours = evaluate(corpus, pipe, cache, with_textacy=with_textacy)
        if args.errors:
            show_errors(corpus, ours)
            return 0
        results.append(result)
        note = (
            f"; textacy gave up on {result.textacy_bailed} (odd number of quotation marks)"
            if result.textacy_bailed
            else ""
        )
        print(
            f"{corpus.name}: {len(corpus.gold)} documents, "
            f"{sum(len(d.quotes) for d in corpus.gold)} gold quotes; dateline "
            f"{result.seconds:.1f}s ({cache.hits} parses from the cache so far){note}"
        )

    share = None
    if not args.no_speed:
        n, spent, failed = stage_seconds()
        share = spent.get("quotes", 0.0) / sum(spent.values())
        breakdown = ", ".join(f"{k} {v:.2f}s" for k, v in spent.items())
        print(f"speed: {n} Wikinews sample articles; stage seconds: {breakdown}")
        for reason in failed:
            print(f"  left out of the timing: {reason}")

    lines: list[Line] = []
    for r in results:
        name = r.corpus.name
        for system, s in (("dateline", r.dateline), (TEXTACY, r.textacy)):
            if isinstance(s, AttributionScores):
                lines += attribution_lines(name, system, s)
            elif isinstance(s, DirectScores):
                lines += direct_lines(name, system, s)
    lines += [Line(ds, system, metric, f=value) for ds, system, metric, value in PUBLISHED]
    print()
    print_table(lines)
    print_targets(results, share)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
