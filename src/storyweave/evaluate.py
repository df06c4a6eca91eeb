"""evaluate: ROUGE of storyweave's summaries against reference summaries, next to baselines.

`evaluate(path, settings)` reads Multi-News-style clusters (``{"id", "documents", "summary",
"irrelevant"?}`` per line) and, on each cluster with a reference summary, scores:

- ``storyweave``: the summary of `storyweave.pipeline.build_brief` (budget ``settings.words``);
- ``lead``: first sentences of each document in turn (round robin);
- ``lexrank``, ``textrank``, ``lsa``: sumy's summarizers (English stop words, Snowball stemmer);
- ``oracle``: greedy ROUGE oracle, the extractive upper bound: repeatedly adds the sentence that
  most improves ROUGE-1 F1 + ROUGE-2 F1 against the reference, stops when nothing improves.

Every system chooses among the same sentences: the project's own (``clean`` then
``annotate_many``, the spaCy splitter), and fills the same word budget the same way
storyweave's `select` does: whole sentences in rank order, a sentence that does not fit is
skipped, the filling stops once fewer than ``settings.min_sentence_words`` words are left.
Baselines do not use storyweave's scorer, eligibility filter or redundancy check; they only
skip a sentence whose exact text they already chose (repeated wire copy).

ROUGE-1, ROUGE-2 and ROUGE-Lsum F1 (x100) come from ``rouge_score`` with the Porter stemmer,
summary sentences one per line; the reference is split into lines by `split_reference`
(a regex splitter: end punctuation, then a space, then anything but a lowercase letter).

When clusters carry ``irrelevant`` (indices of documents annotators judged unrelated), the
report also has precision/recall/F1 of storyweave's ``status == "off_topic"`` against them.

rouge-score and sumy are the ``eval`` extra (``pip install 'storyweave[eval]'``), imported only here.
"""

from __future__ import annotations

import json
import math
import re
import statistics
import time
import warnings
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass, field
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Any

from storyweave.annotate import annotate_many, load_nlp
from storyweave.clean import clean
from storyweave.errors import InputError, ModelMissingError, NoInputError
from storyweave.records import Cluster, RawArticle
from storyweave.settings import Settings

if TYPE_CHECKING:
    from rich.table import Table

SYSTEM = "storyweave"
BASELINES = ("lead", "lexrank", "textrank", "lsa", "oracle")
SUMY_BASELINES = ("lexrank", "textrank", "lsa")
EVAL_EXTRA = "pip install 'storyweave[eval]'"

REFERENCE_SPLITTER = (
    "regex, not the project's splitter: a sentence ends at . ! ? (plus closing quotes/brackets) "
    "followed by whitespace and a character that is not a lowercase letter"
)
TIMING_NOTE = (
    "s/cluster: median wall-clock seconds per cluster, models loaded beforehand. storyweave: the "
    "whole brief (clean, annotate, embed, off-topic, support, score, select; the cross-source view "
    "off unless --full-brief, which also keeps one summary sentence per fact group). Baselines: the clean + annotate of the "
    "cluster (the same sentences, timed within storyweave's run) plus their own selection (the "
    "'select' column; for sumy: building its document model, ranking, filling the budget). "
    "storyweave's 'select' column is everything after clean + annotate. The oracle reads the reference."
)

Progress = Callable[[int, str], None]

# End of a sentence in a reference: . ! ? with closing quotes/brackets (tokenized text puts a
# space before them: `no ! " he said`), then whitespace, then something other than a lowercase
# letter or a closing mark (Multi-News references are re-capitalised at sentence starts, so
# "u.s . economy" stays whole).
_REF_SPLIT = re.compile(r"(?<=[.!?])((?:\s?[\"'”’)\]])*)\s+(?=[^\sa-z\"'”’)\]]|[\"'][^\sa-z])")
_SUMY_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")


# ---------------------------------------------------------------- results
@dataclass
class Scores:
    """One system on one cluster. ROUGE F1 x100; seconds include shared preprocessing."""

    r1: float
    r2: float
    rlsum: float
    words: int
    sentences: int
    seconds: float
    select_seconds: float
    picked: list[tuple[int, int]] = field(default_factory=list)  # (document index, sentence index), in summary order


@dataclass
class ClusterRow:
    id: str
    documents: int
    sentences: int  # candidate sentences (the project's splitter, all documents)
    reference_words: int
    prep_seconds: float  # clean + annotate_many, shared by the baselines
    scores: dict[str, Scores]
    off_topic: list[int] = field(default_factory=list)  # document indices storyweave set aside
    irrelevant: list[int] | None = None  # labels, document indices with text


@dataclass
class SystemResult:
    """Mean ROUGE F1 (x100) and words over clusters; median seconds per cluster."""

    name: str
    clusters: int
    r1: float
    r2: float
    rlsum: float
    words: float
    seconds: float
    select_seconds: float


@dataclass
class OffTopicResult:
    """storyweave's off_topic status against the `irrelevant` labels, pooled over documents."""

    clusters: int
    documents: int  # documents with text in labelled clusters
    labelled: int  # of which marked irrelevant
    flagged: int  # of which storyweave set aside as off_topic
    true_positives: int
    precision: float
    recall: float
    f1: float


@dataclass
class EvalReport:
    path: str
    limit: int | None
    words: int  # the word budget
    clusters: int  # clusters scored
    read: int  # clusters read (scored + skipped)
    systems: list[SystemResult]
    rows: list[ClusterRow]
    off_topic: OffTopicResult | None = None
    skipped: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    reference_splitter: str = REFERENCE_SPLITTER
    timing: str = TIMING_NOTE

    def system(self, name: str) -> SystemResult:
        for s in self.systems:
            if s.name == name:
                return s
        raise KeyError(name)

    def to_dict(self, *, rows: bool = True) -> dict[str, Any]:
        d = asdict(self)
        if not rows:
            d.pop("rows")
        return d

    def to_json(self, *, rows: bool = True, indent: int | None = None) -> str:
        return json.dumps(self.to_dict(rows=rows), indent=indent, ensure_ascii=False)


# ---------------------------------------------------------------- shared pieces
@dataclass(frozen=True)
class Sent:
    """A candidate sentence: document index, sentence index in it, paragraph, text, words."""

    doc: int
    index: int
    paragraph: int
    text: str

    @property
    def words(self) -> int:
        return len(self.text.split())


def _require(module: str) -> Any:
    import importlib

    try:
        return importlib.import_module(module)
    except ImportError as e:
        raise ModelMissingError(f"evaluation needs rouge-score and sumy ({module} missing): {EVAL_EXTRA}") from e


def split_reference(text: str) -> list[str]:
    """Sentences of a reference summary, by the regex splitter (see REFERENCE_SPLITTER)."""
    out: list[str] = []
    for line in text.split("\n"):
        parts = _REF_SPLIT.split(line.strip())
        # re.split keeps the captured closing quotes as separate items: glue them back.
        sents = [parts[0]]
        for i in range(1, len(parts), 2):
            sents[-1] += parts[i]
            sents.append(parts[i + 1])
        out.extend(s.strip() for s in sents if s.strip())
    return out


def sentences_of(articles: Sequence[RawArticle], settings: Settings) -> list[Sent]:
    """The candidate sentences every system chooses from: clean, then annotate_many (spaCy)."""
    annotated = annotate_many([clean(a) for a in articles], settings)
    return [Sent(d, s.index, s.paragraph, s.text) for d, ann in enumerate(annotated) for s in ann.sentences]


def fill_budget(order: Iterable[int], sents: Sequence[Sent], settings: Settings) -> list[int]:
    """Whole sentences in the given order while they fit in ``settings.words`` (as `select` does).

    A sentence that does not fit is skipped; filling stops once fewer than
    ``settings.min_sentence_words`` words are left. A text already chosen is skipped.
    Returns indices into `sents`, in the order taken.
    """
    chosen: list[int] = []
    seen: set[str] = set()
    total = 0
    for i in order:
        n = sents[i].words
        if total + n > settings.words:
            if settings.words - total < settings.min_sentence_words:
                break
            continue
        key = sents[i].text.strip()
        if not n or key in seen:
            continue
        chosen.append(i)
        seen.add(key)
        total += n
    return chosen


def lead_order(sents: Sequence[Sent]) -> list[int]:
    """Round robin over documents: sentence 0 of each document in turn, then sentence 1, ..."""
    by_doc: dict[int, list[int]] = {}
    for i, s in enumerate(sents):
        by_doc.setdefault(s.doc, []).append(i)
    docs = [by_doc[d] for d in sorted(by_doc)]
    out: list[int] = []
    for k in range(max((len(d) for d in docs), default=0)):
        out.extend(d[k] for d in docs if k < len(d))
    return out


# ---------------------------------------------------------------- sumy baselines
class _Words:
    """sumy tokenizer stand-in: words of a sentence (letters, inner ' and -), no NLTK data needed."""

    language = "english"

    def to_words(self, text: str) -> tuple[str, ...]:
        return tuple(_SUMY_WORD.findall(text))

    def to_sentences(self, text: str) -> tuple[str, ...]:  # pragma: no cover - not used by sumy here
        return (text,)


class _Ranking:
    """Passed to sumy as `sentences_count`: it receives the sentences sorted by rating (best first)."""

    def __init__(self) -> None:
        self.order: list[int] = []

    def __call__(self, infos):
        infos = list(infos)
        self.order = [int(i.order) for i in infos]
        return infos


class SumyRanker:
    """Rank sentences with a sumy summarizer on a document model built from the project's sentences."""

    def __init__(self, name: str) -> None:
        _require("sumy")
        from sumy.nlp.stemmers import Stemmer
        from sumy.utils import get_stop_words

        if name == "lexrank":
            from sumy.summarizers.lex_rank import LexRankSummarizer as cls
        elif name == "textrank":
            from sumy.summarizers.text_rank import TextRankSummarizer as cls
        elif name == "lsa":
            from sumy.summarizers.lsa import LsaSummarizer as cls
        else:
            raise ValueError(f"not a sumy baseline: {name}")
        self.name = name
        self.summarizer = cls(Stemmer("english"))
        self.summarizer.stop_words = get_stop_words("english")
        self.tokenizer = _Words()

    def document(self, sents: Sequence[Sent]):
        from sumy.models.dom import ObjectDocumentModel, Paragraph, Sentence

        paragraphs: list[list[Sentence]] = []
        last: tuple[int, int] | None = None
        for s in sents:
            if (s.doc, s.paragraph) != last:
                paragraphs.append([])
                last = (s.doc, s.paragraph)
            paragraphs[-1].append(Sentence(s.text, self.tokenizer))
        return ObjectDocumentModel([Paragraph(p) for p in paragraphs])

    def rank(self, sents: Sequence[Sent]) -> list[int]:
        """Indices into `sents`, best first (sumy's own ordering, ties in document order)."""
        if not sents:
            return []
        ranking = _Ranking()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # LSA warns on tiny documents
            self.summarizer(self.document(sents), ranking)
        return ranking.order


# ---------------------------------------------------------------- ROUGE and the oracle
class Rouge:
    """ROUGE-1/2/Lsum F1 x100 (rouge-score, Porter stemmer), sentences one per line."""

    def __init__(self) -> None:
        rouge_scorer = _require("rouge_score.rouge_scorer")
        tokenizers = _require("rouge_score.tokenizers")
        self.scorer = rouge_scorer.RougeScorer(["rouge1", "rouge2", "rougeLsum"], use_stemmer=True)
        self.tokenizer = tokenizers.DefaultTokenizer(use_stemmer=True)

    def score(self, summary: Sequence[str], reference: Sequence[str]) -> tuple[float, float, float]:
        s = self.scorer.score("\n".join(reference), "\n".join(t.strip() for t in summary))
        return s["rouge1"].fmeasure * 100, s["rouge2"].fmeasure * 100, s["rougeLsum"].fmeasure * 100

    def tokens(self, text: str) -> list[str]:
        return self.tokenizer.tokenize(text)


def _f1(overlap: int, cand: int, ref: int) -> float:
    if not overlap or not cand or not ref:
        return 0.0
    p, r = overlap / cand, overlap / ref
    return 2 * p * r / (p + r)


def oracle_order(sents: Sequence[Sent], reference: str, rouge: Rouge, settings: Settings) -> list[int]:
    """Greedy ROUGE oracle: add the sentence (that fits) most improving R1 F1 + R2 F1; stop when none does.

    Exact for the scorer's R1/R2: the summary is scored in the order taken, bigrams across
    sentence boundaries included. Returns indices into `sents` in the order taken.
    """
    ref_tok = rouge.tokens(reference)
    ref1, ref2 = Counter(ref_tok), Counter(zip(ref_tok, ref_tok[1:]))
    n_ref1, n_ref2 = len(ref_tok), max(len(ref_tok) - 1, 0)
    toks = [rouge.tokens(s.text) for s in sents]
    uni = [Counter(t) for t in toks]
    bi = [Counter(zip(t, t[1:])) for t in toks]
    cur1: Counter = Counter()
    cur2: Counter = Counter()
    n1 = n2 = o1 = o2 = 0
    last: str | None = None
    total_words = 0
    chosen: list[int] = []
    taken: set[int] = set()
    seen: set[str] = set()
    best_obj = 0.0
    while True:
        best: tuple[float, int, int, int, int, int] | None = None
        for i, s in enumerate(sents):
            t = toks[i]
            if i in taken or not t or total_words + s.words > settings.words or s.text.strip() in seen:
                continue
            d1 = sum(min(cur1[g] + c, ref1[g]) - min(cur1[g], ref1[g]) for g, c in uni[i].items() if g in ref1)
            d2 = sum(min(cur2[g] + c, ref2[g]) - min(cur2[g], ref2[g]) for g, c in bi[i].items() if g in ref2)
            m2 = n2 + len(t) - 1
            if last is not None:  # the bigram across the boundary with the summary so far
                m2 += 1
                g = (last, t[0])
                if g in ref2:
                    extra = bi[i].get(g, 0)
                    d2 += min(cur2[g] + extra + 1, ref2[g]) - min(cur2[g] + extra, ref2[g])
            m1 = n1 + len(t)
            obj = _f1(o1 + d1, m1, n_ref1) + _f1(o2 + d2, m2, n_ref2)
            if best is None or obj > best[0] + 1e-12:
                best = (obj, i, o1 + d1, o2 + d2, m1, m2)
        if best is None or best[0] <= best_obj + 1e-12:
            return chosen
        best_obj, i, o1, o2, n1, n2 = best
        t = toks[i]
        cur1.update(uni[i])
        cur2.update(bi[i])
        if last is not None:
            cur2[(last, t[0])] += 1
        last = t[-1]
        total_words += sents[i].words
        chosen.append(i)
        taken.add(i)
        seen.add(sents[i].text.strip())


# ---------------------------------------------------------------- the run
def _timed(fn: Callable[[], Any]) -> tuple[Any, float]:
    t = time.perf_counter()
    out = fn()
    return out, time.perf_counter() - t


def _median(xs: Sequence[float]) -> float:
    return statistics.median(xs) if xs else math.nan


def _off_topic(rows: Sequence[ClusterRow]) -> OffTopicResult | None:
    labelled = [r for r in rows if r.irrelevant is not None]
    if not labelled:
        return None
    docs = tp = lab = flag = 0
    for r in labelled:
        truth, pred = set(r.irrelevant or ()), set(r.off_topic)
        docs += r.documents
        lab += len(truth)
        flag += len(pred)
        tp += len(truth & pred)
    p = tp / flag if flag else 0.0
    rc = tp / lab if lab else 0.0
    f = 2 * p * rc / (p + rc) if p + rc else 0.0
    return OffTopicResult(len(labelled), docs, lab, flag, tp, round(p, 4), round(rc, 4), round(f, 4))


def evaluate(
    path: str | Path,
    settings: Settings | None = None,
    *,
    limit: int | None = None,
    baselines: Sequence[str] = BASELINES,
    progress: Progress | None = None,
    skip_bad: bool = False,
    full_brief: bool = False,
) -> EvalReport:
    """Score storyweave and `baselines` on the clusters of `path` (the first `limit` lines read).

    storyweave's summary is made with the cross-source view off (``cross_source=False``): the
    view (facts, conflicts, quotes, ...) is no part of what is compared; ``full_brief=True``
    makes and times the whole brief instead, whose summary also keeps at most one sentence per
    fact group (`Settings.one_per_fact`; on all of raw_dev R1/R2 45.28/14.83 against 45.20/14.84).
    Clusters without a reference summary or without any article text are skipped (and listed
    in ``report.skipped``); they count toward `limit`, so ``limit=N`` is a fixed slice of the file.
    Raises `ModelMissingError` when rouge-score / sumy are missing, `InputError` for an unknown
    baseline, ingest errors (`RefusedInput`, `BadRecordError`) for a bad file, and
    `NoInputError` when no cluster could be scored.
    """
    from storyweave.embed import get_embedder, get_fast_embedder
    from storyweave.ingest import Problem, read_clusters

    settings = settings or Settings()
    if not full_brief:
        # Summary only: the cross-source view is left out of the timing (the brief's summary
        # differs only where one fact group holds two chosen sentences: Settings.one_per_fact).
        settings = settings.model_copy(update={"cross_source": False})
    unknown = [b for b in baselines if b not in BASELINES]
    if unknown:
        raise InputError(f"unknown baseline(s): {', '.join(unknown)}; known: {', '.join(BASELINES)}")
    baselines = list(dict.fromkeys(baselines))
    rouge = Rouge()
    sumy = {b: SumyRanker(b) for b in baselines if b in SUMY_BASELINES}
    load_nlp(settings.spacy_model)  # load the models before anything is timed
    get_fast_embedder(settings)
    if settings.cross_source:
        get_embedder(settings)

    problems: list[Problem] = []
    rows: list[ClusterRow] = []
    skipped: list[str] = []
    read = 0
    for cluster in islice(read_clusters(str(path), settings, skip_bad=skip_bad, problems=problems), limit):
        read += 1
        row = _score_cluster(cluster, settings, baselines, rouge, sumy)
        if isinstance(row, str):
            skipped.append(f"{cluster.id}: {row}")
        else:
            rows.append(row)
        if progress is not None:
            progress(read, cluster.id)
    if not rows:
        raise NoInputError(f"{path}: no cluster with a reference summary and article text")

    names = [SYSTEM, *baselines]
    systems = []
    for name in names:
        sc = [r.scores[name] for r in rows]
        systems.append(
            SystemResult(
                name=name,
                clusters=len(sc),
                r1=round(statistics.fmean(s.r1 for s in sc), 2),
                r2=round(statistics.fmean(s.r2 for s in sc), 2),
                rlsum=round(statistics.fmean(s.rlsum for s in sc), 2),
                words=round(statistics.fmean(s.words for s in sc), 1),
                seconds=round(_median([s.seconds for s in sc]), 4),
                select_seconds=round(_median([s.select_seconds for s in sc]), 4),
            )
        )
    return EvalReport(
        path=str(path),
        limit=limit,
        words=settings.words,
        clusters=len(rows),
        read=read,
        systems=systems,
        rows=rows,
        off_topic=_off_topic(rows),
        skipped=skipped,
        problems=[str(p) for p in problems],
    )


def _score_cluster(cluster: Cluster, settings: Settings, baselines: Sequence[str], rouge: Rouge, sumy) -> ClusterRow | str:
    from storyweave.pipeline import brief_from_prepared, prepare

    if not cluster.summary or not cluster.summary.strip():
        return "no reference summary"
    keep = [i for i, a in enumerate(cluster.articles) if a.text.strip()]
    if not keep:
        return "no article text"
    articles = [cluster.articles[i] for i in keep]
    reference = split_reference(cluster.summary)
    scores: dict[str, Scores] = {}

    def add(name: str, texts: Sequence[str], seconds: float, select_seconds: float, picked: list[tuple[int, int]]) -> None:
        r1, r2, rl = rouge.score(texts, reference)
        words = sum(len(t.split()) for t in texts)
        scores[name] = Scores(
            round(r1, 3), round(r2, 3), round(rl, 3), words, len(texts), round(seconds, 5), round(select_seconds, 5), picked
        )

    # storyweave: prepare + the rest of the brief, timed as one. The baselines choose among the
    # same sentences: the clean + annotate part of that same run, whose time they are charged.
    marks: dict[str, float] = {}

    def mark(step: str) -> None:
        marks.setdefault(step, time.perf_counter())

    t0 = time.perf_counter()
    p = prepare(articles, settings, progress=mark)
    brief = brief_from_prepared(p, settings)
    t_brief = time.perf_counter() - t0
    t_prep = marks["embedding"] - marks["cleaning"]
    doc_of = {info.id: keep[k] for k, info in enumerate(brief.articles)}
    add(SYSTEM, [s.text for s in brief.summary], t_brief, t_brief - t_prep, [(doc_of[s.article], s.sentence) for s in brief.summary])
    off_topic = [keep[k] for k, info in enumerate(brief.articles) if info.status == "off_topic"]

    sents = [Sent(d, s.index, s.paragraph, s.text) for d, ann in enumerate(p.annotated) for s in ann.sentences]
    for name in baselines:
        if name == "lead":
            chosen, t = _timed(lambda: fill_budget(lead_order(sents), sents, settings))
        elif name == "oracle":
            chosen, t = _timed(lambda: oracle_order(sents, "\n".join(reference), rouge, settings))
        else:
            ranker = sumy[name]
            chosen, t = _timed(lambda: fill_budget(ranker.rank(sents), sents, settings))
        if name in SUMY_BASELINES:
            chosen = sorted(chosen)  # sumy's summaries read in document order
        add(name, [sents[i].text for i in chosen], t_prep + t, t, [(keep[sents[i].doc], sents[i].index) for i in chosen])

    irrelevant = None
    if cluster.irrelevant is not None:
        irrelevant = sorted(set(cluster.irrelevant) & set(keep))
    return ClusterRow(
        id=cluster.id,
        documents=len(keep),
        sentences=len(sents),
        reference_words=len(cluster.summary.split()),
        prep_seconds=round(t_prep, 5),
        scores=scores,
        off_topic=off_topic,
        irrelevant=irrelevant,
    )


# ---------------------------------------------------------------- output
def format_table(report: EvalReport) -> Table:
    """The report as a rich Table: one row per system; timing and off-topic figures in the caption."""
    from rich.table import Table

    table = Table(
        title=f"ROUGE F1 x100, mean of {report.clusters} clusters of {Path(report.path).name} "
        f"(budget {report.words} words)",
        title_justify="left",
        caption_justify="left",
    )
    for col in ("system", "R-1", "R-2", "R-Lsum", "words", "s/cluster", "select s"):
        table.add_column(col, justify="left" if col == "system" else "right")
    for s in report.systems:
        table.add_row(
            s.name,
            f"{s.r1:.2f}",
            f"{s.r2:.2f}",
            f"{s.rlsum:.2f}",
            f"{s.words:.0f}",
            f"{s.seconds:.3f}",
            f"{s.select_seconds:.3f}",
        )
    lines = [TIMING_NOTE, f"Reference sentences: {REFERENCE_SPLITTER}."]
    ot = report.off_topic
    if ot is not None:
        lines.append(
            f"Off-topic detection vs 'irrelevant' labels ({ot.clusters} clusters, {ot.documents} documents "
            f"with text, {ot.labelled} labelled, {ot.flagged} flagged): precision {ot.precision:.3f}, "
            f"recall {ot.recall:.3f}, F1 {ot.f1:.3f}."
        )
    if report.skipped:
        lines.append(f"Skipped {len(report.skipped)} of {report.read} clusters read (no reference or no text).")
    table.caption = "\n".join(lines)
    return table
