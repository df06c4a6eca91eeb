"""Render stage: a `Brief` as Markdown, JSON, self-contained HTML, or terminal output."""

from __future__ import annotations

from typing import Literal

from storyweave.records import Brief
from storyweave.render.html import to_html
from storyweave.render.jsonout import to_json
from storyweave.render.markdown import to_markdown
from storyweave.render.terminal import print_brief

Format = Literal["md", "json", "html"]
FORMATS: tuple[Format, ...] = ("md", "json", "html")

__all__ = ["FORMATS", "Format", "print_brief", "render", "to_html", "to_json", "to_markdown"]


def render(brief: Brief, fmt: Format) -> str:
    """Render `brief` in format `fmt` ("md", "json" or "html")."""
    if fmt == "md":
        return to_markdown(brief)
    if fmt == "json":
        return to_json(brief)
    if fmt == "html":
        return to_html(brief)
    raise ValueError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")
