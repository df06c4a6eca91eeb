"""Self-contained HTML rendering of a `Brief` (Jinja2, autoescaped, no external resources)."""

from __future__ import annotations

from functools import lru_cache

from jinja2 import Environment, PackageLoader, StrictUndefined

from storyweave.records import Brief
from storyweave.render._view import build_view

TEMPLATE = "brief.html.j2"


@lru_cache(maxsize=1)
def _env() -> Environment:
    """The Jinja2 environment; templates load from the installed package data."""
    return Environment(
        loader=PackageLoader("storyweave", "render/templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def to_html(brief: Brief) -> str:
    """Render `brief` as one self-contained HTML page."""
    return _env().get_template(TEMPLATE).render(v=build_view(brief))
