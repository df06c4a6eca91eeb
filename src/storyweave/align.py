"""align: sentences across articles that state the same content.

This first version finds, for every sentence, the other articles that carry a near-duplicate
of it (cosine of sentence vectors at or above `support_threshold`), which is what a summary
sentence's `supported_by` lists. Fact groups, conflicts, quotes and wire copies build on it.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np


def support(
    vectors: np.ndarray, article_of: Sequence[int], *, threshold: float
) -> tuple[list[list[int]], np.ndarray]:
    """For each sentence row: the other articles (indices) with a sentence at or above `threshold`.

    Also returns, per sentence, the best similarity in each article (n_sentences x n_articles).
    """
    article_of = np.asarray(article_of)
    n_articles = int(article_of.max()) + 1 if len(article_of) else 0
    sims = vectors @ vectors.T if len(vectors) else np.zeros((0, 0), dtype=np.float32)
    best = np.zeros((len(vectors), n_articles), dtype=np.float32)
    for a in range(n_articles):
        cols = np.flatnonzero(article_of == a)
        if len(cols):
            best[:, a] = sims[:, cols].max(axis=1)
    supporters: list[list[int]] = []
    for i in range(len(vectors)):
        row = best[i]
        supporters.append([a for a in range(n_articles) if a != article_of[i] and row[a] >= threshold])
    return supporters, best
