"""Sentence features and the learned sentence scorer (summarize stage).

Features only use what raw text gives (no reference): position in the article, length,
centrality in the cluster, cross-article support by embeddings and by words, entities,
numbers, quotes, furniture likelihood. The model is a LightGBM regressor trained by
`train/train_scorer.py` on Multi-News training clusters; it ships as a small text file in
`storyweave/models/`. LightGBM is only needed to *train*: the shipped model is evaluated with
numpy from its dumped trees (`_Forest`), so a brief needs no LightGBM at run time.
"""

from __future__ import annotations

import re
from functools import lru_cache

import numpy as np

from storyweave.summarize import Candidates, CentralityScorer
from storyweave.trees import Forest as _Forest
from storyweave.trees import load_forest

_TOKEN = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
_STOP = frozenset(
    "a an the and or but if of to in on at by for with from as is are was were be been being it its this that these "
    "those he she they we you i his her their our your my him them us me who whom which what when where why how not no "
    "so than then there here also just about into over after before up down out said says say will would can could "
    "may might has have had do does did s t ll re ve d m".split()
)

FEATURES = [
    "position",            # sentence index in its article
    "rel_position",        # index / sentences in article
    "first_sentence",
    "words",
    "central",             # cosine to the mean of article centroids
    "central_rank",        # rank of central within cluster, 0..1 (1 = most central)
    "article_central",     # cosine of the sentence's article to the cluster centroid
    "support_mean",        # mean over other articles of the best cosine
    "support_max",
    "support_count",       # share of other articles with best cosine >= 0.6
    "lex_support",         # mean over other articles of the best content-word overlap
    "df_score",            # mean share of articles containing each content word of the sentence
    "df_rank",
    "entities",
    "persons",
    "numbers",
    "has_quote",
    "furniture",
    "n_articles",
    "article_sentences",
    "lead_sim",            # cosine to the mean of the articles' first two sentences
    "lead_sim_rank",
    "article_words",       # words in the sentence's article
    "article_lead_sim",    # cosine of the sentence to its own article's first sentence
]


def _content_tokens(text: str) -> list[str]:
    return [t for t in _TOKEN.findall(text.lower()) if t not in _STOP and len(t) > 1]


def _rank01(x: np.ndarray) -> np.ndarray:
    if len(x) <= 1:
        return np.ones(len(x))
    order = x.argsort(kind="stable").argsort(kind="stable")
    return order / (len(x) - 1)


def features(cands: Candidates) -> np.ndarray:
    """Feature matrix (n_sentences x len(FEATURES)) for the candidates of one story."""
    n = len(cands)
    if n == 0:
        return np.zeros((0, len(FEATURES)), dtype=np.float32)
    a_of = cands.article_of
    n_art = int(a_of.max()) + 1
    sizes = np.bincount(a_of, minlength=n_art)
    V = cands.vectors
    cents = np.zeros((n_art, V.shape[1]), dtype=np.float32)
    for a in range(n_art):
        m = V[a_of == a].mean(axis=0)
        cents[a] = m / (np.linalg.norm(m) or 1.0)
    centroid = cents.mean(axis=0)
    centroid /= np.linalg.norm(centroid) or 1.0
    central = V @ centroid
    art_central = (cents @ centroid)[a_of]

    if cands.best_sim is not None and cands.best_sim.shape == (n, n_art):
        best = cands.best_sim  # already computed by align.support
    else:
        sims = V @ V.T
        best = np.zeros((n, n_art), dtype=np.float32)
        for a in range(n_art):
            best[:, a] = sims[:, a_of == a].max(axis=1)
    other = ~np.eye(n_art, dtype=bool)[a_of]
    if n_art > 1:
        ob = np.where(other, best, np.nan)
        support_mean = np.nanmean(ob, axis=1)
        support_max = np.nanmax(ob, axis=1)
        support_count = np.nansum(ob >= 0.6, axis=1) / (n_art - 1)
    else:
        support_mean = support_max = support_count = np.zeros(n)

    toks = [set(_content_tokens(t)) for t in cands.texts]
    art_vocab: list[set[str]] = [set() for _ in range(n_art)]
    for i, ts in enumerate(toks):
        art_vocab[a_of[i]] |= ts
    df: dict[str, int] = {}
    for vocab in art_vocab:
        for t in vocab:
            df[t] = df.get(t, 0) + 1
    # sorted: a set's order changes with the hash seed, and so would the float sum and the ranks after it
    df_score = np.array([np.mean([df[t] / n_art for t in sorted(ts)]) if ts else 0.0 for ts in toks])
    lex = np.zeros(n)
    if n_art > 1:
        by_art = [np.flatnonzero(a_of == a) for a in range(n_art)]
        for i, ts in enumerate(toks):
            if not ts:
                continue
            vals = []
            for a in range(n_art):
                if a == a_of[i]:
                    continue
                vals.append(max((len(ts & toks[j]) / len(ts) for j in by_art[a]), default=0.0))
            lex[i] = float(np.mean(vals)) if vals else 0.0

    sent_lookup = {(a, s.index): s for a, art in enumerate(cands.articles) for s in art.sentences}
    rows = []
    for i in range(n):
        s = sent_lookup.get((int(a_of[i]), int(cands.sentence_of[i])))
        ents = s.entities if s else []
        rows.append(
            (
                len([e for e in ents if e.label not in {"CARDINAL", "DATE", "TIME", "PERCENT", "MONEY", "QUANTITY"}]),
                len([e for e in ents if e.label == "PERSON"]),
                len(s.numbers) if s else 0,
                float(bool(s and s.has_quote)),
                float(bool(s and s.boilerplate)),
            )
        )
    extra = np.array(rows, dtype=np.float32)
    leads = V[cands.sentence_of < 2]
    lead_c = leads.mean(axis=0) if len(leads) else V.mean(axis=0)
    lead_c = lead_c / (np.linalg.norm(lead_c) or 1.0)
    lead_sim = V @ lead_c
    first_row = {int(a_of[i]): i for i in range(n - 1, -1, -1)}  # first sentence row of each article
    own_lead = np.einsum("ij,ij->i", V, V[[first_row[int(a)] for a in a_of]])
    art_words = np.zeros(n_art, dtype=np.float32)
    for i, t in enumerate(cands.texts):
        art_words[a_of[i]] += len(t.split())
    pos = cands.sentence_of.astype(np.float32)
    words = np.array([len(t.split()) for t in cands.texts], dtype=np.float32)
    X = np.column_stack(
        [
            pos,
            pos / np.maximum(1, sizes[a_of]),
            (pos == 0).astype(np.float32),
            words,
            central,
            _rank01(central),
            art_central,
            support_mean,
            support_max,
            support_count,
            lex,
            df_score,
            _rank01(df_score),
            extra[:, 0],
            extra[:, 1],
            extra[:, 2],
            extra[:, 3],
            extra[:, 4],
            np.full(n, n_art, dtype=np.float32),
            sizes[a_of].astype(np.float32),
            lead_sim,
            _rank01(lead_sim),
            art_words[a_of],
            own_lead,
        ]
    )
    return X.astype(np.float32)


MODEL_FILE = "sentence_scorer.json"


@lru_cache(maxsize=2)
def load_model(path: str | None = None) -> _Forest | None:
    """The shipped model, or None if the package has none (then the heuristic scorer is used)."""
    return load_forest(MODEL_FILE, FEATURES, path)


class LearnedScorer:
    """Scores sentences with the shipped LightGBM model; falls back to `CentralityScorer` without one."""

    def __init__(self, model_path: str | None = None) -> None:
        self.model = load_model(model_path)
        self.fallback = CentralityScorer()

    def score(self, cands: Candidates) -> np.ndarray:
        if self.model is None or not len(cands):
            return self.fallback.score(cands)
        return self.model.predict(features(cands))
