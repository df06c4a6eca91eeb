"""stories: which articles belong to the story.

For one story given by the user this sets aside the articles that are about something else
(`off_topic`): an article whose vector is far from the centroid of the other articles.
Grouping a stream into many stories (issue "stories") builds on the same article vectors.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class TopicVerdict:
    on_topic: bool
    similarity: float
    reason: str | None = None


def article_vectors(sentence_vectors: list[np.ndarray]) -> np.ndarray:
    """One L2-normalised vector per article: the mean of its sentence vectors."""
    rows = []
    for v in sentence_vectors:
        m = v.mean(axis=0) if len(v) else np.zeros(v.shape[1] if v.ndim == 2 else 384, dtype=np.float32)
        n = np.linalg.norm(m)
        rows.append(m / n if n else m)
    return np.vstack(rows).astype(np.float32) if rows else np.zeros((0, 384), dtype=np.float32)


def off_topic(article_vecs: np.ndarray, *, threshold: float = 0.35, min_articles: int = 3) -> list[TopicVerdict]:
    """Leave-one-out: compare each article with the centroid of all the others.

    With fewer than `min_articles` articles there is no majority to compare with: all on topic.
    """
    n = len(article_vecs)
    if n < min_articles:
        return [TopicVerdict(True, 1.0) for _ in range(n)]
    total = article_vecs.sum(axis=0)
    out = []
    for i in range(n):
        rest = total - article_vecs[i]
        norm = np.linalg.norm(rest)
        sim = float(article_vecs[i] @ rest / norm) if norm else 0.0
        if sim < threshold:
            out.append(TopicVerdict(False, sim, f"unlike the other articles (similarity {sim:.2f} < {threshold:.2f})"))
        else:
            out.append(TopicVerdict(True, sim))
    return out
