"""Shared fixtures: the shared data folder, the seeds cluster, and session-wide briefs.

The seeds (five raw articles on one real story) and the Multi-News data live in
``../shared`` next to the repository; their text is never copied into the repository,
tests read it from there and skip when it is absent. The models (spaCy, MiniLM) load
once per process, so the expensive briefs are session-scoped fixtures shared by the
test modules.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

# Hermetic settings: STORYWEAVE_* variables in the developer's environment would change
# the defaults (word budget, embedder, ...) that the tests assert on.
for _name in [k for k in os.environ if k.startswith("STORYWEAVE_")]:
    del os.environ[_name]

SHARED = Path(__file__).resolve().parents[2] / "shared"
SEEDS = SHARED / "seeds"
RAW_DEV = SHARED / "data" / "multinews" / "raw_dev.jsonl"

OFF_TOPIC_EXAMPLE = "06_perrin-valley-gazette.txt"


def seed_paths() -> list[Path]:
    """The seed article files, sorted; skips the calling test when they are absent."""
    paths = sorted(SEEDS.glob("*.txt")) if SEEDS.is_dir() else []
    if not paths:
        pytest.skip("shared seeds not available (../shared/seeds)")
    return paths


@pytest.fixture(scope="session")
def shared() -> Path:
    if not SHARED.is_dir():
        pytest.skip("shared folder not available (../shared)")
    return SHARED


@pytest.fixture(scope="session")
def seeds() -> list[Path]:
    """Paths of the five seed articles."""
    return seed_paths()


@pytest.fixture(scope="session")
def raw_dev() -> Path:
    if not RAW_DEV.exists():
        pytest.skip("shared data not available (../shared/data/multinews/raw_dev.jsonl)")
    return RAW_DEV


@pytest.fixture(scope="session")
def settings():
    from storyweave.settings import Settings

    return Settings()


@pytest.fixture(scope="session")
def seeds_raw(seeds, settings):
    """The seeds as `RawArticle`s, one per file, in file order."""
    from storyweave.ingest import read_file

    out = []
    for path in seeds:
        arts = read_file(path, settings)
        assert len(arts) == 1, path
        out.append(arts[0])
    return out


@pytest.fixture(scope="session")
def seeds_clean(seeds_raw):
    from storyweave.clean import clean

    return [clean(a) for a in seeds_raw]


@pytest.fixture(scope="session")
def seeds_annotated(seeds_clean, settings):
    from storyweave.annotate import annotate_many

    return annotate_many(seeds_clean, settings)


@pytest.fixture(scope="session")
def embedder(settings):
    from storyweave.embed import get_embedder

    return get_embedder(settings)


@pytest.fixture(scope="session")
def seeds_brief(seeds):
    """The brief of the seeds with default settings (loads the models once)."""
    from storyweave import brief

    return brief(seeds)


@pytest.fixture(scope="session")
def example_articles():
    from storyweave.cli import example_articles as load

    return load()


@pytest.fixture(scope="session")
def demo_brief(example_articles):
    """The brief of the bundled fictional example story (six articles, one off-topic)."""
    from storyweave import brief

    return brief(example_articles)


@pytest.fixture(scope="session")
def seeds_candidates(seeds_annotated, embedder, settings):
    """Summary candidates of the seeds (all articles), with vectors and cross-article support."""
    from storyweave import align
    from storyweave.summarize import build_candidates

    texts = [s.text for a in seeds_annotated for s in a.sentences]
    cands = build_candidates(seeds_annotated, embedder.encode(texts))
    cands.support, cands.best_sim = align.support(
        cands.vectors, cands.article_of, threshold=settings.support_threshold
    )
    return cands
