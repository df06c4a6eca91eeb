"""summarize: pick salient, corroborated, non-redundant sentences within a word budget.

Two parts, kept apart so either can be replaced:
- a *scorer* gives every candidate sentence a salience score (`Scorer` protocol);
- `select` picks sentences by score with redundancy control under the word budget.
Every chosen sentence is extractive: it keeps its article id and sentence index.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Protocol

import numpy as np

from storyweave.records import AnnotatedArticle
from storyweave.settings import Settings


@dataclass
class Candidates:
    """All sentences of the articles in a story, flattened, with what scorers need."""

    articles: list[AnnotatedArticle]
    article_of: np.ndarray  # article index per sentence
    sentence_of: np.ndarray  # sentence index within its article
    texts: list[str]
    vectors: np.ndarray  # L2-normalised, one row per sentence
    support: list[list[int]] = field(default_factory=list)  # other articles with a near-duplicate
    best_sim: np.ndarray | None = None  # per sentence, best similarity in each article

    @property
    def words(self) -> np.ndarray:
        return np.array([len(t.split()) for t in self.texts])

    def __len__(self) -> int:
        return len(self.texts)


class Scorer(Protocol):
    def score(self, cands: Candidates) -> np.ndarray: ...


_TERMINAL = re.compile(r"[.!?…][\"'”’)\]]*$")
# A sentence that opens with a pronoun points back at a sentence the summary may not carry; one
# that opens in the first person ("I quit drugs…", "My wife and daughter…") is somebody's words
# whose speaker is in another sentence; one that opens with a connective ("But", "However")
# answers a sentence before it.
_PRONOUN_START = re.compile(
    r"^[\"“‘']?(?:He|She|They|It|His|Her|Their|Its|This|These|Those|That|I|We|My|Our|Us|Me|"
    r"But|And|However|Also|Yet|Still|Meanwhile|So)(?![\w-])"
)


# A sentence that is a quote and says nowhere who speaks ('"But he had lied to me."').
_QUOTE_START = re.compile(r"^\s*[\"“‘']")
_ATTRIBUTION = re.compile(
    r"\b(?:said|says|say|saying|told|tells|added|adds|wrote|writes|according|asked|asks|explained|tweeted|"
    r"posted|stated|declared|insisted|noted|recalled|continued|began|replied|responded|argued|warned|admitted)\b",
    re.IGNORECASE,
)


def unattributed_quote(text: str) -> bool:
    """Whether a sentence opens with a quotation mark and has no attribution verb in it."""
    return bool(_QUOTE_START.match(text)) and not _ATTRIBUTION.search(text)


def eligible(cands: Candidates, settings: Settings) -> np.ndarray:
    """Sentences that may stand in a summary: complete, of reasonable length, not page furniture,
    not a piece of a quotation cut in two by the sentence splitter."""
    ok = np.ones(len(cands), dtype=bool)
    furniture = {(a, s.index) for a, art in enumerate(cands.articles) for s in art.sentences if s.boilerplate}
    for i, t in enumerate(cands.texts):
        if (int(cands.article_of[i]), int(cands.sentence_of[i])) in furniture:
            ok[i] = False
            continue
        n = len(t.split())
        if n < settings.min_sentence_words or n > settings.max_sentence_words or not _TERMINAL.search(t.strip()):
            ok[i] = False
        elif t.rstrip().endswith("?") or t.lstrip()[:1].islower() or _unbalanced_quote(t):
            ok[i] = False
    return ok


def _unbalanced_quote(text: str) -> bool:
    """A piece of a quotation the splitter cut out of a longer one (its other mark is in a neighbour)."""
    return text.count('"') % 2 == 1 or text.count("“") != text.count("”")


def _relaxed(cands: Candidates, settings: Settings) -> np.ndarray:
    """Sentences of at least `min_sentence_words` words that are not page furniture."""
    furniture = {(a, s.index) for a, art in enumerate(cands.articles) for s in art.sentences if s.boilerplate}
    return np.array(
        [
            (int(cands.article_of[i]), int(cands.sentence_of[i])) not in furniture
            and len(t.split()) >= settings.min_sentence_words
            and not t.lstrip()[:1].islower()
            for i, t in enumerate(cands.texts)
        ],
        dtype=bool,
    )


class CentralityScorer:
    """First scorer: centrality in the cluster, cross-article support and position.

    centrality: cosine to the mean of the article centroids (each article counts once,
    whatever its length); support: share of other articles whose closest sentence is similar;
    position: earlier sentences of an article carry its lead.
    """

    def __init__(self, w_central: float = 1.0, w_support: float = 0.35, w_position: float = 0.25) -> None:
        self.w_central, self.w_support, self.w_position = w_central, w_support, w_position

    def score(self, cands: Candidates) -> np.ndarray:
        if not len(cands):
            return np.zeros(0)
        n_art = int(cands.article_of.max()) + 1
        cents = []
        for a in range(n_art):
            rows = cands.vectors[cands.article_of == a]
            if len(rows):
                m = rows.mean(axis=0)
                cents.append(m / (np.linalg.norm(m) or 1.0))
        centroid = np.mean(cents, axis=0)
        centroid /= np.linalg.norm(centroid) or 1.0
        central = cands.vectors @ centroid
        if cands.best_sim is not None and n_art > 1:
            own = np.eye(n_art, dtype=bool)[cands.article_of]
            others = np.where(own, np.nan, cands.best_sim)
            soft_support = np.nanmean(np.clip(others, 0, 1), axis=1)
        else:
            soft_support = np.zeros(len(cands))
        position = 1.0 / np.sqrt(1.0 + cands.sentence_of)
        return self.w_central * central + self.w_support * soft_support + self.w_position * position


def select(cands: Candidates, scores: np.ndarray, settings: Settings, *, mask: np.ndarray | None = None) -> list[int]:
    """Greedy selection by score, skipping sentences too close to one already chosen, within the word budget.

    A sentence opening with a pronoun ("He told them ...") ranks `settings.pronoun_penalty` lower,
    a quote with no attribution in it `settings.quote_penalty` lower.

    Returns row indices in reading order (by relative position in the article, then article order).
    """
    strict = eligible(cands, settings)
    # Second choice, used only when the eligible sentences leave the budget unfilled: sentences
    # that are long or lack end punctuation (a splitter's run-on, a truncated text), still never
    # page furniture or fragments. A summary from such sentences beats an empty one.
    relaxed = _relaxed(cands, settings) & ~strict
    if mask is not None:
        strict, relaxed = strict & mask, relaxed & mask
    words = cands.words
    if settings.pronoun_penalty:
        pronoun = np.array([bool(_PRONOUN_START.match(t.strip())) for t in cands.texts], dtype=bool)
        scores = np.where(pronoun, scores - settings.pronoun_penalty, scores)
    if settings.quote_penalty:
        bare = np.array([unattributed_quote(t) for t in cands.texts], dtype=bool)
        scores = np.where(bare, scores - settings.quote_penalty, scores)
    ranked = np.argsort(-scores, kind="stable")
    chosen: list[int] = []
    total = 0
    for pool in (strict, relaxed):
        for i in (i for i in ranked if pool[i]):
            if total + words[i] > settings.words:
                if settings.words - total < settings.min_sentence_words:
                    break
                continue
            if chosen and float(np.max(cands.vectors[chosen] @ cands.vectors[i])) >= settings.redundancy_threshold:
                continue
            chosen.append(int(i))
            total += int(words[i])
        if settings.words - total < settings.min_sentence_words:
            break
    lengths = {a: len(art.sentences) for a, art in enumerate(cands.articles)}
    return sorted(chosen, key=lambda i: (cands.sentence_of[i] / max(1, lengths[int(cands.article_of[i])]), cands.article_of[i]))


def summarize(cands: Candidates, settings: Settings, scorer: Scorer | None = None, *, mask: np.ndarray | None = None) -> list[int]:
    """Score with `scorer` (default: CentralityScorer) and select; returns chosen row indices."""
    scorer = scorer or CentralityScorer()
    return select(cands, scorer.score(cands), settings, mask=mask)


def _flatten(articles: Sequence[AnnotatedArticle]) -> tuple[np.ndarray, np.ndarray, list[str]]:
    article_of, sentence_of, texts = [], [], []
    for a, art in enumerate(articles):
        for s in art.sentences:
            article_of.append(a)
            sentence_of.append(s.index)
            texts.append(s.text)
    return np.array(article_of, dtype=int), np.array(sentence_of, dtype=int), texts


def build_candidates(articles: Sequence[AnnotatedArticle], vectors: np.ndarray) -> Candidates:
    """Candidates from annotated articles and one vector per sentence (in article, sentence order)."""
    article_of, sentence_of, texts = _flatten(articles)
    if len(vectors) != len(texts):
        raise ValueError(f"{len(vectors)} vectors for {len(texts)} sentences")
    return Candidates(list(articles), article_of, sentence_of, texts, vectors)
