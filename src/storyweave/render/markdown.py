"""Markdown rendering of a `Brief`."""

from __future__ import annotations

import re

from storyweave.records import Brief
from storyweave.render._view import Cite, SourceItem, build_view

_SPECIAL = re.compile(r"([\\`*_\[\]<>|#~])")
_LEADING_BLOCK = re.compile(r"^([-+=])(?=[-+=\s]|$)")  # list item or setext underline
_LEADING_ORDERED = re.compile(r"^(\d{1,9})([.)])(?=\s|$)")  # ordered list item


def md_text(text: str | None) -> str:
    """Escape article-derived text for inline use: one line, no structure-making characters."""
    if not text:
        return ""
    text = " ".join(text.split())
    text = _SPECIAL.sub(r"\\\1", text)
    text = _LEADING_BLOCK.sub(r"\\\1", text)
    return _LEADING_ORDERED.sub(r"\1\\\2", text)


def _md_url(url: str) -> str:
    """Percent-encode the few characters that would end a Markdown link destination."""
    return "".join(f"%{ord(c):02X}" if c in " <>()" else c for c in url)


def _cites(cites: list[Cite] | list[str]) -> str:
    labels = [c.label if isinstance(c, Cite) else c for c in cites]
    return "[" + ", ".join(md_text(x) for x in labels) + "]" if labels else ""


def _source_item(s: SourceItem) -> str:
    title = md_text(s.title) or "(untitled)"
    head = f"[{title}]({_md_url(s.link)})" if s.link else title
    parts = [f"{s.number}. **{md_text(s.outlet)}**: {head}"]
    meta: list[str] = []
    if s.url and not s.link:
        meta.append(f"url: {md_text(s.url)}")
    if not s.url:
        meta.append(f"input: {md_text(s.input)}")
    if s.published:
        meta.append(md_text(s.published))
    meta.append(f"{s.words} words")
    status = s.status.replace("_", " ")
    if s.status != "used" and s.status_reason:
        status += f" ({md_text(s.status_reason)})"
    meta.append(status)
    n = len(s.removed)
    meta.append(f"{n} line{'s' if n != 1 else ''} removed as boilerplate")
    parts.append("   " + " · ".join(meta))
    parts.extend(f"   warning: {md_text(w)}" for w in s.warnings)
    return "  \n".join(parts)  # two trailing spaces: hard line break inside the item


def to_markdown(brief: Brief) -> str:
    """Render `brief` as Markdown: summary with outlet citations, cross-source sections, sources."""
    v = build_view(brief)
    out: list[str] = [f"# {md_text(v.title) or 'Untitled story'}", ""]
    out += [f"*{md_text(v.meta)}*", ""]

    out += ["## Summary", ""]
    if v.summary:
        # One paragraph per sentence, so each citation stays next to its sentence.
        for s in v.summary:
            out += [f"{md_text(s.text)} {_cites(s.cites)}".rstrip(), ""]
    else:
        out.append("*No summary sentences.*")
    out.append("")

    for g in v.fact_groups:
        out += [f"## {g.heading}", ""]
        out += [f"- {md_text(f.text)} {_cites(f.outlets)}".rstrip() for f in g.facts]
        if g.hidden:
            out.append(f"- *… and {g.hidden} more (all are in the JSON brief: `--format json`)*")
        out.append("")

    if v.conflicts:
        out += ["## Conflicting figures and claims", ""]
        for c in v.conflicts:
            out.append(f"- **{md_text(c.about)}** ({c.kind})")
            for val in c.values:
                out.append(f"  - **{md_text(val.value)}**, {md_text(val.outlet)}: "
                           f"“{md_text(val.text)}”")
        out.append("")

    if v.quotes:
        out += ["## Who said what", ""]
        reworded = False
        for k, q in enumerate(v.quotes):
            if q.partial and (k == 0 or not v.quotes[k - 1].partial):
                out += ["", "Phrases quoted in the reporting, with the sentence that carries them:", ""]
            labels = []
            for outlet, verbatim in q.outlets:
                labels.append(md_text(outlet) + ("" if verbatim else " †"))
                reworded |= not verbatim
            out.append(f"- **{md_text(q.speaker)}**: “{md_text(q.text)}” [{', '.join(labels)}]")
            if q.context:
                out.append(f"  - in: “{md_text(q.context)}”")
            for m in q.mentions:
                if not m.verbatim:
                    out.append(f"  - † {md_text(m.outlet)} words it: “{md_text(m.text)}”")
        if reworded:
            out += ["", "† wording differs from the quote."]
        out.append("")

    if v.entities:
        out += ["## Entities", "", "| Name | Type | Outlets | Mentions |",
                "| --- | --- | ---: | ---: |"]
        for e in v.entities:
            name = md_text(e.name)
            if e.aliases:
                name += " (" + ", ".join(md_text(a) for a in e.aliases) + ")"
            out.append(f"| {name} | {md_text(e.type)} | {e.outlets} | {e.mentions} |")
        out.append("")

    if v.wire_groups:
        out += ["## Wire copies", ""]
        for w in v.wire_groups:
            line = "- " + ", ".join(md_text(o) for o in w.outlets)
            line += f": origin {md_text(w.origin)}" if w.origin else ": origin unknown"
            if w.evidence:
                line += "; evidence: " + "; ".join(md_text(e) for e in w.evidence)
            out.append(line)
        out.append("")

    if v.timeline:
        out += ["## Timeline", ""]
        out += [f"- **{md_text(t.date)}** — {md_text(t.text)} [{md_text(t.outlet)}]"
                for t in v.timeline]
        out.append("")

    out += ["## Sources", ""]
    out += [_source_item(s) for s in v.sources]
    out.append("")

    if v.warnings:
        out += ["## Warnings", ""]
        out += [f"- {md_text(w)}" for w in v.warnings]
        out.append("")

    return "\n".join(out).rstrip("\n") + "\n"
