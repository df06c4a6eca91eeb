"""JSON rendering of a `Brief` (the `storyweave.brief/1` contract)."""

from __future__ import annotations

import json

from storyweave.records import Brief


def to_json(brief: Brief, *, indent: int | None = 2) -> str:
    """Dump `brief` as JSON text (UTF-8 characters kept, no trailing newline).

    `indent=None` gives one line, as for JSONL output.
    """
    return json.dumps(brief.to_json_dict(), ensure_ascii=False, indent=indent)
