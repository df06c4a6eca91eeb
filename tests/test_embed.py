"""Tests of the embed stage: the default (int8 ONNX) MiniLM and the full-precision one."""

from __future__ import annotations

import importlib.util

import numpy as np
import pytest

from storyweave.embed import EMBEDDERS, Embedder, get_embedder
from storyweave.settings import Settings

SENTENCES = [
    "The city council approved the new budget on Tuesday night.",
    "On Tuesday evening the council voted to adopt the budget.",
    "A rare orchid has bloomed in the botanical garden's greenhouse.",
    "The striker scored twice as the home side won the cup final.",
]


def test_default_embedder_shape_dtype_unit_norm(embedder) -> None:
    assert isinstance(embedder, Embedder)
    assert embedder.dim == 384
    vecs = embedder.encode(SENTENCES)
    assert vecs.shape == (len(SENTENCES), 384)
    assert vecs.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(vecs, axis=1), 1.0, atol=1e-4)
    assert np.isfinite(vecs).all()


def test_default_embedder_is_cached_and_named() -> None:
    assert Settings().embedder == "minilm-onnx"
    assert get_embedder() is get_embedder(Settings())
    assert "minilm-onnx" in EMBEDDERS


def test_paraphrase_closer_than_unrelated(embedder) -> None:
    v = embedder.encode(SENTENCES)
    sims = v @ v.T
    para = sims[0, 1]
    assert para > 0.6
    assert para > sims[0, 2] + 0.3
    assert para > sims[0, 3] + 0.3
    assert para > sims[1, 2] and para > sims[1, 3]


def test_empty_list(embedder) -> None:
    out = embedder.encode([])
    assert out.shape == (0, 384)
    assert out.dtype == np.float32


def test_blank_and_long_texts(embedder) -> None:
    long_text = " ".join(["The council met again to discuss the budget."] * 200)
    v = embedder.encode(["", "   ", long_text])
    assert v.shape == (3, 384)
    np.testing.assert_allclose(np.linalg.norm(v, axis=1), 1.0, atol=1e-4)


def test_order_and_batching_do_not_change_vectors(embedder) -> None:
    one_by_one = np.vstack([embedder.encode([s]) for s in SENTENCES])
    together = embedder.encode(SENTENCES[::-1])[::-1]
    np.testing.assert_allclose(one_by_one, together, atol=1e-4)


def test_unknown_embedder_name() -> None:
    with pytest.raises(ValueError, match="unknown embedder"):
        get_embedder(Settings(embedder="no-such-model"))


@pytest.mark.skipif(
    importlib.util.find_spec("sentence_transformers") is None,
    reason="sentence-transformers not installed (the 'torch' extra)",
)
def test_full_precision_agrees_with_onnx(embedder) -> None:
    full = get_embedder(Settings(embedder="minilm"))
    assert full.dim == 384
    a = embedder.encode(SENTENCES)
    b = full.encode(SENTENCES)
    assert b.shape == a.shape and b.dtype == np.float32
    cos = (a * b).sum(axis=1)
    assert (cos > 0.995).all(), cos
    assert full.encode([]).shape == (0, 384)


def test_fast_embedder_unit_vectors_and_paraphrase_order() -> None:
    from storyweave.embed import get_fast_embedder

    fast = get_fast_embedder(Settings())
    assert fast.dim == 256
    v = fast.encode(["The council approved the new budget on Tuesday.", "On Tuesday the council passed the budget.",
                     "The striker scored twice in the second half.", ""])
    assert v.shape == (4, 256) and v.dtype == np.float32
    assert np.allclose(np.linalg.norm(v, axis=1), 1.0, atol=1e-4)
    assert float(v[0] @ v[1]) > float(v[0] @ v[2]) + 0.2


def test_fast_embedder_missing_package_names_it(monkeypatch) -> None:
    import sys

    from storyweave.embed import WordLlamaEmbedder
    from storyweave.errors import ModelMissingError

    monkeypatch.setitem(sys.modules, "wordllama", None)  # import fails as if not installed
    with pytest.raises(ModelMissingError, match="pip install wordllama"):
        WordLlamaEmbedder()
