"""stories: which articles belong to the story.

For one story given by the user this sets aside the articles that are about something else
(`off_topic`). Each article is compared with the rest of the cluster: article-vector
similarity (leave-one-out), how much of its sentences other articles echo, and shared names
and words. A small tree model trained on Multi-News+ `irrelevant` labels
(`train/train_offtopic.py`) turns these into a probability; without the model a similarity
threshold is used. Grouping a stream into many stories builds on the same article vectors.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

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
]


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
    vecs = article_vectors(sentence_vectors)
    total = vecs.sum(axis=0)
    loo = np.array([float(vecs[i] @ _unit(total - vecs[i])) if n > 1 else 1.0 for i in range(n)])
    sims = vecs @ vecs.T
    np.fill_diagonal(sims, -1.0)
    max_sim = sims.max(axis=1) if n > 1 else np.ones(n)
    rank = loo.argsort().argsort() / max(1, n - 1)
    allv = np.vstack([v for v in sentence_vectors if len(v)]) if any(len(v) for v in sentence_vectors) else np.zeros((0, 384))
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
    return np.column_stack(
        [loo, max_sim, loo - np.median(loo), rank, echo, echo_max, name_ov, word_ov, others_ov,
         np.full(n, n, dtype=float), np.log1p(nwords), [a.english_score for a in articles]]
    ).astype(np.float32)


@lru_cache(maxsize=1)
def _model() -> Forest | None:
    return load_forest(OFFTOPIC_MODEL, OFFTOPIC_FEATURES)


def off_topic(
    articles: Sequence[AnnotatedArticle],
    sentence_vectors: Sequence[np.ndarray],
    *,
    threshold: float | None = None,
    min_articles: int = 3,
) -> list[TopicVerdict]:
    """Which articles are about something else than the rest of the cluster.

    With fewer than `min_articles` articles there is no majority to compare with: all on topic.
    """
    n = len(articles)
    if n < min_articles:
        return [TopicVerdict(True, 1.0) for _ in range(n)]
    X = topic_features(articles, sentence_vectors)
    model = _model()
    out = []
    if model is not None:
        cut = (model.threshold or 0.5) if threshold is None else threshold
        raw = model.predict(X)
        prob = 1.0 / (1.0 + np.exp(-raw))
        for i in range(n):
            p = float(prob[i])
            if float(X[i, 0]) < FAR:
                out.append(TopicVerdict(False, float(X[i, 0]), f"unlike the other articles (similarity {X[i, 0]:.2f} < {FAR:.2f})", p))
            elif p >= cut:
                out.append(TopicVerdict(False, float(X[i, 0]), f"unlike the other articles (off-topic probability {p:.2f}; "
                                        f"similarity {X[i, 0]:.2f}, shared names {X[i, 6]:.0%})", p))
            else:
                out.append(TopicVerdict(True, float(X[i, 0]), None, p))
        return out
    cut = FAR if threshold is None else threshold
    for i in range(n):
        sim = float(X[i, 0])
        if sim < cut:
            out.append(TopicVerdict(False, sim, f"unlike the other articles (similarity {sim:.2f} < {cut:.2f})"))
        else:
            out.append(TopicVerdict(True, sim))
    return out
