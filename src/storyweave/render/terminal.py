"""Terminal rendering of a `Brief` with rich."""

from __future__ import annotations

from rich.console import Console
from rich.markdown import Markdown

from storyweave.records import Brief
from storyweave.render.markdown import to_markdown


def print_brief(brief: Brief, console: Console | None = None) -> None:
    """Print `brief` to `console` (a new stdout Console if None) as rendered Markdown."""
    (console or Console()).print(Markdown(to_markdown(brief), hyperlinks=True))
