"""stories: which articles belong to the story.

For one story given by the user this sets aside the articles that are about something else
(`off_topic`). Each article is compared with the rest of the cluster: article-vector
similarity (leave-one-out), how much of its sentences other articles echo, shared names
and words; and looked at by itself (share of boilerplate sentences, removed text, sentence
length, unfinished sentences, name density), which tells a junk page (a cookie or paywall
notice, widget text) from an article, also when a story has only two. A small tree model trained on Multi-News+ `irrelevant` labels
(`train/train_offtopic.py`) turns these into a probability; without the model a similarity
threshold is used. Grouping a stream into many stories builds on the same article vectors.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import numpy as np

from storyweave.records import AnnotatedArticle
from storyweave.trees import Forest, load_forest

OFFTOPIC_MODEL = "offtopic.json"
# Below this leave-one-out similarity an article is off-topic whatever the model says: the
# training labels are noisy and rarely show an article this far from the rest.
FAR = 0.35
NAME_LABELS = {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT"}
_TOKEN = re.compile(r"[a-z][a-z0-9']+")
_STOP = frozenset(
    "the and for that with was are but his her its this from they have has had not were been who will would "
    "their which said also about into more than after when there what some one two new out over just says".split()
)

OFFTOPIC_FEATURES = [
    "loo_sim",          # cosine of the article vector to the centroid of the others
    "max_sim",          # best cosine to another article vector
    "loo_minus_median",
    "loo_rank",         # 0 = least similar in the cluster
    "sent_echo",        # mean over its sentences of the best cosine in another article
    "sent_echo_max",
    "name_overlap",     # share of its names (people, places, organisations) found in other articles
    "word_overlap",     # share of its frequent content words found in other articles
    "others_name_overlap",  # share of the other articles' names found in it
    "n_articles",
    "log_words",
    "english",
    # what the article itself looks like (junk pages: cookie/paywall notices, widgets, indexes)
    "boiler_share",     # share of its sentences that look like page furniture
    "removed_share",    # share of its characters the cleaner removed
    "log_sents",
    "mean_sent_words",
    "unterminated",     # share of sentences without final punctuation
    "short_share",      # share of sentences under 6 words
    "name_density",     # names per 100 words
    # the article against the others (in a pair, which of the two is the odd one)
    "words_rel",        # log_words minus the others' mean
    "echo_rel",         # sent_echo minus the others' mean
    "name_rel",         # name_overlap minus the others' mean
    "core_names",       # share of the names most other articles share that it mentions
    "bow_loo",          # cosine of its content-word counts (log tf) to the others' together
    "bow_rel",          # bow_loo minus the others' mean
    "max_sim_rel",      # max_sim minus the others' mean
    "cluster_best",     # best article-pair cosine in the cluster (the scale of similarity)
]
_END = re.compile(r"[.!?\"'”’)\]]\s*$")


@dataclass(frozen=True)
class TopicVerdict:
    on_topic: bool
    similarity: float
    reason: str | None = None
    probability: float | None = None


def _unit(v: np.ndarray) -> np.ndarray:
    n = np.linalg.norm(v)
    return v / n if n else v


def article_vectors(sentence_vectors: Sequence[np.ndarray], dim: int = 384) -> np.ndarray:
    """One L2-normalised vector per article: the mean of its sentence vectors."""
    rows = [_unit(v.mean(axis=0)) if len(v) else np.zeros(dim, dtype=np.float32) for v in sentence_vectors]
    return np.vstack(rows).astype(np.float32) if rows else np.zeros((0, dim), dtype=np.float32)


def _names(a: AnnotatedArticle) -> set[str]:
    return {e.text.lower().removeprefix("the ").strip() for s in a.sentences for e in s.entities if e.label in NAME_LABELS}


def _top_words(a: AnnotatedArticle, k: int = 30) -> set[str]:
    counts: dict[str, int] = {}
    for s in a.sentences:
        for t in _TOKEN.findall(s.text.lower()):
            if t not in _STOP and len(t) > 3:
                counts[t] = counts.get(t, 0) + 1
    return set(sorted(counts, key=lambda t: -counts[t])[:k])


def topic_features(articles: Sequence[AnnotatedArticle], sentence_vectors: Sequence[np.ndarray]) -> np.ndarray:
    """Feature matrix (n_articles x len(OFFTOPIC_FEATURES))."""
    n = len(articles)
    dim = next((v.shape[1] for v in sentence_vectors if v.ndim == 2), 384)
    vecs = article_vectors(sentence_vectors, dim)
    total = vecs.sum(axis=0)
    loo = np.array([float(vecs[i] @ _unit(total - vecs[i])) if n > 1 else 1.0 for i in range(n)])
    sims = vecs @ vecs.T
    np.fill_diagonal(sims, -1.0)
    max_sim = sims.max(axis=1) if n > 1 else np.ones(n)
    rank = loo.argsort().argsort() / max(1, n - 1)
    allv = np.vstack([v for v in sentence_vectors if len(v)]) if any(len(v) for v in sentence_vectors) else np.zeros((0, dim))
    owner = np.concatenate([np.full(len(v), i) for i, v in enumerate(sentence_vectors)]) if n else np.zeros(0)
    echo = np.zeros(n)
    echo_max = np.zeros(n)
    for i, v in enumerate(sentence_vectors):
        others = allv[owner != i]
        if len(v) and len(others):
            best = (v @ others.T).max(axis=1)
            echo[i], echo_max[i] = float(best.mean()), float(best.max())
    names = [_names(a) for a in articles]
    words = [_top_words(a) for a in articles]
    name_ov, word_ov, others_ov = np.zeros(n), np.zeros(n), np.zeros(n)
    for i in range(n):
        rest_names = set().union(*(names[j] for j in range(n) if j != i)) if n > 1 else set()
        rest_words = set().union(*(words[j] for j in range(n) if j != i)) if n > 1 else set()
        name_ov[i] = len(names[i] & rest_names) / len(names[i]) if names[i] else 0.0
        word_ov[i] = len(words[i] & rest_words) / len(words[i]) if words[i] else 0.0
        others_ov[i] = len(names[i] & rest_names) / len(rest_names) if rest_names else 0.0
    nwords = np.array([sum(len(s.text.split()) for s in a.sentences) for a in articles], dtype=float)
    intrinsic = np.array([_intrinsic(a) for a in articles], dtype=float).reshape(n, 7)
    logw = np.log1p(nwords)
    core = np.zeros(n)
    for i in range(n):
        if n < 2:
            break
        counts: dict[str, int] = {}
        for j in range(n):
            if j != i:
                for nm in names[j]:
                    counts[nm] = counts.get(nm, 0) + 1
        need = max(1, n // 2)  # named by at least half of the others
        shared = {nm for nm, c in counts.items() if c >= need}
        core[i] = len(shared & names[i]) / len(shared) if shared else 0.0
    bow = _bow_loo(articles)
    return np.column_stack(
        [loo, max_sim, loo - np.median(loo), rank, echo, echo_max, name_ov, word_ov, others_ov,
         np.full(n, n, dtype=float), logw, [a.english_score for a in articles],
         intrinsic, _rel(logw), _rel(echo), _rel(name_ov), core,
         bow, _rel(bow), _rel(max_sim), np.full(n, float(max_sim.max()) if n > 1 else 1.0)]
    ).astype(np.float32)


def _bow_loo(articles: Sequence[AnnotatedArticle]) -> np.ndarray:
    """Cosine of each article's content-word counts (log tf) to the other articles' summed counts."""
    n = len(articles)
    bags = []
    for a in articles:
        counts: dict[str, int] = {}
        for s in a.sentences:
            for t in _TOKEN.findall(s.text.lower()):
                if t not in _STOP and len(t) > 3:
                    counts[t] = counts.get(t, 0) + 1
        bags.append(counts)
    vocab = {t: k for k, t in enumerate(sorted(set().union(*bags)))} if bags else {}
    M = np.zeros((n, max(1, len(vocab))))
    for i, b in enumerate(bags):
        for t, c in b.items():
            M[i, vocab[t]] = 1.0 + np.log(c)
    out = np.zeros(n)
    total = M.sum(axis=0)
    for i in range(n):
        rest = total - M[i]
        den = float(np.linalg.norm(M[i]) * np.linalg.norm(rest))
        out[i] = float(M[i] @ rest) / den if den else 0.0
    return out


def _rel(x: np.ndarray) -> np.ndarray:
    """Each value minus the mean of the others' values (0 for a lone article)."""
    n = len(x)
    if n < 2:
        return np.zeros(n)
    return x - (x.sum() - x) / (n - 1)


def _intrinsic(a: AnnotatedArticle) -> list[float]:
    """What the article itself looks like, whatever the rest of the cluster says."""
    sents = a.sentences
    k = max(1, len(sents))
    lens = [len(s.text.split()) for s in sents]
    words = max(1, sum(lens))
    raw = max(1, len(a.article.raw.text))
    removed = min(1.0, sum(len(r.text) for r in a.article.removed) / raw)
    names = sum(1 for s in sents for e in s.entities if e.label in NAME_LABELS)
    return [
        sum(1 for s in sents if s.boilerplate) / k,
        removed,
        float(np.log1p(len(sents))),
        words / k,
        sum(1 for s in sents if not _END.search(s.text)) / k,
        sum(1 for n in lens if n < 6) / k,
        100.0 * names / words,
    ]


@lru_cache(maxsize=1)
def _model() -> Forest | None:
    return load_forest(OFFTOPIC_MODEL, OFFTOPIC_FEATURES)


@lru_cache(maxsize=1)
def _pair_cut() -> float | None:
    """The model file's cut for two-article stories (`threshold_pair`), if it has one."""
    res = resources.files("storyweave") / "models" / OFFTOPIC_MODEL
    if not res.is_file():
        return None
    return json.loads(res.read_text(encoding="utf-8")).get("threshold_pair")


_I = {name: k for k, name in enumerate(OFFTOPIC_FEATURES)}


def _looks_like_furniture(x: np.ndarray) -> bool:
    return bool(x[_I["boiler_share"]] >= 0.5 or x[_I["unterminated"]] >= 0.6 or x[_I["short_share"]] >= 0.6)


def _reason(x: np.ndarray, p: float | None, pair: bool) -> str:
    sim = float(x[_I["loo_sim"]])
    if p is None:
        return f"unlike the other articles (similarity {sim:.2f} < {FAR:.2f})"
    if _looks_like_furniture(x):
        return (f"looks like page furniture, not an article (off-topic probability {p:.2f}; "
                f"{x[_I['boiler_share']]:.0%} boilerplate sentences, {x[_I['unterminated']]:.0%} unfinished, "
                f"similarity {sim:.2f})")
    other = "the other article" if pair else "the other articles"
    return (f"unlike {other} (off-topic probability {p:.2f}; similarity {sim:.2f}, "
            f"shared names {x[_I['name_overlap']]:.0%})")


def decide(X: np.ndarray, prob: np.ndarray, cut: float, cut_pair: float) -> list[str | None]:
    """Reason each article is set aside (None: kept), from features and model probabilities.

    One article: never set aside. Two: the pair's similarity is the same for both, so at most
    the likelier one goes, and only at the (stricter) pair cut. Three or more: the model's cut,
    plus any article far from all the others (similarity < FAR); at least one always stays.
    """
    n = len(X)
    out: list[str | None] = [None] * n
    if n < 2:
        return out
    if n == 2:
        i = int(np.argmax(prob))
        if prob[i] >= cut_pair:
            out[i] = _reason(X[i], float(prob[i]), pair=True)
        return out
    for i in range(n):
        if prob[i] >= cut:
            out[i] = _reason(X[i], float(prob[i]), pair=False)
        elif float(X[i, 0]) < FAR:
            out[i] = _reason(X[i], None, pair=False)
    if all(r is not None for r in out):
        out[int(np.argmin(prob))] = None
    return out


def off_topic(
    articles: Sequence[AnnotatedArticle],
    sentence_vectors: Sequence[np.ndarray],
    *,
    threshold: float | None = None,
    min_articles: int = 2,
) -> list[TopicVerdict]:
    """Which articles are about something else than the rest of the cluster (or are no article).

    With fewer than `min_articles` articles (never fewer than 2) there is nothing to compare
    with: all on topic. `threshold` overrides the model's tuned probability cuts.
    """
    n = len(articles)
    if n < max(2, min_articles):
        return [TopicVerdict(True, 1.0) for _ in range(n)]
    X = topic_features(articles, sentence_vectors)
    model = _model()
    if model is not None:
        cut = (model.threshold or 0.5) if threshold is None else threshold
        cut_pair = (_pair_cut() or 0.99) if threshold is None else threshold
        prob = 1.0 / (1.0 + np.exp(-model.predict(X)))
        reasons = decide(X, prob, cut, cut_pair)
        return [TopicVerdict(r is None, float(X[i, 0]), r, float(prob[i])) for i, r in enumerate(reasons)]
    out = []
    cut = FAR if threshold is None else threshold
    for i in range(n):
        sim = float(X[i, 0])
        if n >= 3 and sim < cut:
            out.append(TopicVerdict(False, sim, f"unlike the other articles (similarity {sim:.2f} < {cut:.2f})"))
        else:
            out.append(TopicVerdict(True, sim))
    return out
