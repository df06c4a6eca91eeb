"""storyweave: cited, cross-source briefs from several news articles on one story.

    >>> from storyweave import brief
    >>> b = brief(["a.txt", "b.html"], words=200)   # doctest: +SKIP
    >>> b.summary[0].text, b.summary[0].supported_by  # doctest: +SKIP
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from storyweave.records import SCHEMA, Brief, RawArticle
from storyweave.settings import Settings

__all__ = ["SCHEMA", "Brief", "RawArticle", "Settings", "brief", "__version__"]
__version__ = "0.1.0"


def brief(
    sources: Sequence[str | Path | RawArticle],
    settings: Settings | None = None,
    **overrides: Any,
) -> Brief:
    """Make the brief of one story.

    `sources`: file paths (text, HTML, JSONL articles) or `RawArticle` records (see
    `storyweave.ingest.from_text` / `from_html` to build them from strings).
    `overrides`: settings fields, e.g. `words=200`.
    """
    from storyweave.pipeline import build_brief, brief_files

    settings = settings or Settings()
    if overrides:
        # Re-validate: unknown names and out-of-range values are errors, not silently kept.
        settings = Settings(**{**settings.model_dump(), **overrides})
    records = [s for s in sources if isinstance(s, RawArticle)]
    paths = [s for s in sources if not isinstance(s, RawArticle)]
    if records and paths:
        raise TypeError("pass either file paths or RawArticle records, not both")
    if records:
        return build_brief(records, settings)
    return brief_files(paths, settings)
