"""Format-neutral view of a `Brief`: what every renderer shows, computed once.

All strings here are raw (unescaped); each renderer escapes for its own format.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from storyweave.records import PRONOUN_ATTRIBUTION, ArticleInfo, Brief, Fact

SAFE_SCHEMES = ("http://", "https://")


def safe_url(url: str | None) -> str | None:
    """Return `url` if it is an http(s) URL that can be linked, else None."""
    if not url:
        return None
    url = url.strip()
    if not url.lower().startswith(SAFE_SCHEMES) or any(c.isspace() for c in url):
        return None
    if any(ord(c) < 32 or ord(c) == 127 for c in url):
        return None
    return url


def dedupe(items: Iterable[str]) -> list[str]:
    """Drop repeats and empty strings, keeping first-seen order."""
    seen: set[str] = set()
    out: list[str] = []
    for item in items:
        if item and item not in seen:
            seen.add(item)
            out.append(item)
    return out


def with_speaker(text: str, speaker: str | None) -> str:
    """The sentence with the speaker its quote's "he said" refers to, in brackets after the
    pronoun, as editors do: '"…," he [Jane Doe] said.' The text itself is left as the outlet wrote it."""
    m = PRONOUN_ATTRIBUTION.search(text) if speaker else None
    if m is None:
        return text
    end = m.end("p1") if m.group("p1") else m.end("p2")
    return f"{text[:end]} [{speaker}]{text[end:]}"


def with_full_names(text: str, full_names: dict[str, str]) -> str:
    """The sentence with the given names of people it names by surname alone in brackets before
    the first mention: "Kandil said" -> "[Hisham] Kandil said"."""
    for surname, full in full_names.items():
        given = " ".join(full.split()[:-1])
        m = re.search(r"(?<![\w\[])" + re.escape(surname) + r"(?!\w)", text) if given else None
        if m:
            text = f"{text[:m.start()]}[{given}] {text[m.start():]}"
    return text


@dataclass
class Cite:
    """One outlet cited for an item; `anchor` is the source's 1-based number, if known."""

    label: str
    anchor: int | None = None


@dataclass
class SummaryItem:
    text: str
    cites: list[Cite]


@dataclass
class FactItem:
    text: str
    support: int
    outlets: list[str]


@dataclass
class FactGroup:
    key: str
    heading: str
    facts: list[FactItem]
    hidden: int = 0  # facts of this group left out of the readable brief (all are in the JSON)


@dataclass
class ConflictValueItem:
    value: str
    outlet: str
    text: str


@dataclass
class ConflictItem:
    kind: str
    about: str
    values: list[ConflictValueItem]


@dataclass
class QuoteMentionItem:
    outlet: str
    text: str
    verbatim: bool


@dataclass
class QuoteItem:
    speaker: str
    text: str
    mentions: list[QuoteMentionItem]
    partial: bool = False  # a phrase quoted inside the reporter's sentence: shown with that sentence
    context: str | None = None

    @property
    def outlets(self) -> list[tuple[str, bool]]:
        """(outlet, verbatim) per outlet; an outlet is verbatim if any of its mentions is."""
        out: dict[str, bool] = {}
        for m in self.mentions:
            out[m.outlet] = out.get(m.outlet, False) or m.verbatim
        return list(out.items())


@dataclass
class EntityItem:
    name: str
    type: str
    aliases: list[str]
    outlets: int
    mentions: int


@dataclass
class WireItem:
    outlets: list[str]
    origin: str | None
    evidence: list[str]


@dataclass
class TimelineItem:
    date: str
    text: str
    outlet: str


@dataclass
class RemovedItem:
    text: str
    reason: str
    line: int | None


@dataclass
class SourceItem:
    number: int
    outlet: str
    title: str | None
    url: str | None
    link: str | None
    input: str
    published: str | None
    words: int
    status: str
    status_reason: str | None
    removed: list[RemovedItem]
    warnings: list[str]


@dataclass
class BriefView:
    """Everything a renderer needs, with article ids already mapped to outlets."""

    title: str
    outlets: list[str]
    article_count: int
    summary_words: int
    summary: list[SummaryItem]
    fact_groups: list[FactGroup] = field(default_factory=list)
    conflicts: list[ConflictItem] = field(default_factory=list)
    quotes: list[QuoteItem] = field(default_factory=list)
    entities: list[EntityItem] = field(default_factory=list)
    wire_groups: list[WireItem] = field(default_factory=list)
    timeline: list[TimelineItem] = field(default_factory=list)
    sources: list[SourceItem] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def meta(self) -> str:
        """'5 articles from 5 outlets: A, B, …', or what happened when no article could be used."""
        n, k = self.article_count, len(self.outlets)
        articles = f"{n} article{'' if n == 1 else 's'}"
        if not k:
            return f"{articles}; none could be used (see Sources)"
        return f"{articles} from {k} outlet{'' if k == 1 else 's'}: {', '.join(self.outlets)}"


# The readable briefs show every fact all outlets report, but only the first of the others
# (facts come ordered by support, then position: leads first). On a long story the single-outlet
# list is otherwise every sentence of every article, which buries the rest of the brief. The
# JSON brief keeps them all.
FACT_LIMITS: dict[str, int | None] = {"all": None, "some": 25, "one": 12}

FACT_HEADINGS = {
    "all": "What all outlets report",
    "some": "What some outlets report",
    "one": "Reported by one outlet",
}


class _Outlets:
    """Maps article ids to outlet names and source numbers."""

    def __init__(self, articles: list[ArticleInfo]) -> None:
        self.by_id: dict[str, str] = {}
        self.number: dict[str, int] = {}
        for i, a in enumerate(articles, start=1):
            self.by_id.setdefault(a.id, a.outlet.strip() or a.id)
            self.number.setdefault(a.id, i)

    def outlet(self, article_id: str) -> str:
        return self.by_id.get(article_id) or article_id

    def cites(self, article_ids: Iterable[str]) -> list[Cite]:
        """One cite per distinct outlet, in the order the ids first name it."""
        out: list[Cite] = []
        seen: set[str] = set()
        for aid in article_ids:
            label = self.outlet(aid)
            if label and label not in seen:
                seen.add(label)
                out.append(Cite(label, self.number.get(aid)))
        return out


def _used_outlet_count(brief: Brief) -> int:
    used = dedupe(a.outlet or a.id for a in brief.articles if a.status == "used")
    return len(used) or len(dedupe(brief.story.outlets))


def _open_quote(text: str) -> int:
    """+1: the text opens a quotation it does not close ('"We will not wait.'); -1: it closes one it
    did not open ('Leave now," she said.'); 0: balanced."""
    if text.count("“") != text.count("”"):
        return 1 if text.count("“") > text.count("”") else -1
    if text.count('"') % 2:  # straight marks: the odd one out opens when it stands before a word
        i = text.rfind('"')
        opens = (i == 0 or text[i - 1].isspace() or text[i - 1] in "([:") and i + 1 < len(text) and not text[i + 1].isspace()
        return 1 if opens else -1
    return 0


_QUOTE_PARTS = 4  # at most this many sentences of one quotation are joined


def _joined_quotes(facts: Sequence[Fact]) -> tuple[dict[str, str], set[str]]:
    """A quotation the sentence splitter cut in two gives two facts ('"We will not wait.' / 'Leave
    now," she said.'). When every outlet of the first carries the second right after it, the lists
    show them as one item: fact id -> joined text, and the ids of the second halves to leave out."""
    by_id = {f.id: f for f in facts}
    at = {(m.article, m.sentence): f.id for f in facts for m in f.mentions}
    joined: dict[str, str] = {}
    second: set[str] = set()
    for f in facts:
        if f.id in second or _open_quote(f.text) != 1:
            continue
        chain: list[Fact] = []
        last = f
        for step in range(1, _QUOTE_PARTS):  # the quote's later sentences, until one closes it
            nxt = {at.get((m.article, m.sentence + step)) for m in f.mentions}
            if len(nxt) != 1 or None in nxt:
                break
            g = by_id[nxt.pop()]  # type: ignore[index]
            if g.id in {f.id, last.id} or g.id in joined or g.id in second or {m.article for m in g.mentions} != {m.article for m in f.mentions}:
                break
            if any(m.sentence - step not in {x.sentence for x in f.mentions if x.article == m.article} for m in g.mentions):
                break  # g says more elsewhere in an article: not only this quote's next sentence
            side = _open_quote(g.text)
            if side == 1:
                break
            chain.append(g)
            last = g
            if side == -1:
                joined[f.id] = " ".join([f.text, *(c.text for c in chain)])
                second.update(c.id for c in chain)
                break
    return joined, second


def build_view(brief: Brief) -> BriefView:
    """Compute the format-neutral view of `brief`."""
    ids = _Outlets(brief.articles)

    summary = [
        SummaryItem(with_full_names(with_speaker(s.text, s.speaker), s.full_names), ids.cites([s.article, *s.supported_by]))
        for s in brief.summary
    ]

    n_used = _used_outlet_count(brief)
    groups: dict[str, list[FactItem]] = {"all": [], "some": [], "one": []}
    in_summary = {(s.article, s.sentence) for s in brief.summary}
    joined, second_halves = _joined_quotes(brief.facts)
    for f in brief.facts:
        if f.support <= 1 and all((m.article, m.sentence) in in_summary for m in f.mentions):
            continue  # already in the summary above, with its citation
        if f.id in second_halves:
            continue  # shown with the first half of its quotation
        outlets = dedupe(f.outlets) or dedupe(ids.outlet(m.article) for m in f.mentions)
        if n_used and f.support >= n_used:
            key = "all"
        elif f.support <= 1:
            key = "one"
        else:
            key = "some"
        groups[key].append(FactItem(joined.get(f.id, f.text), f.support, outlets))
    fact_groups = []
    for k, v in groups.items():
        limit = FACT_LIMITS[k]
        if v:
            shown = v if limit is None else v[:limit]
            fact_groups.append(FactGroup(k, FACT_HEADINGS[k], shown, hidden=len(v) - len(shown)))

    conflicts = [
        ConflictItem(
            c.kind,
            c.about,
            [ConflictValueItem(v.value, ids.outlet(v.article), v.text) for v in c.values],
        )
        for c in brief.conflicts
    ]
    quotes = [
        QuoteItem(
            q.speaker or "Unattributed",
            q.text,
            [QuoteMentionItem(ids.outlet(m.article), m.text, m.verbatim) for m in q.mentions],
            q.partial,
            q.context if q.partial else None,
        )
        # Full statements first; phrases quoted inside a reporter's sentence after them, each
        # with that sentence (alone, "expecting special treatment" can read as its opposite).
        for q in sorted(brief.quotes, key=lambda q: q.partial)
    ]
    entities = [
        EntityItem(
            e.name,
            e.type,
            [a for a in e.aliases if a != e.name],
            len(dedupe(ids.outlet(a) for a in e.articles)),
            e.mentions,
        )
        for e in brief.entities
    ]
    wire_groups = [
        WireItem(
            dedupe(ids.outlet(a) for a in w.articles),
            ids.by_id.get(w.origin, w.origin) if w.origin else None,
            list(w.evidence),
        )
        for w in brief.wire_groups
    ]
    timeline = [TimelineItem(t.date, t.text, ids.outlet(t.article)) for t in brief.timeline]
    sources = [
        SourceItem(
            number=i,
            outlet=a.outlet or a.id,
            title=a.title,
            url=a.url,
            link=safe_url(a.url),
            input=a.input,
            published=a.published,
            words=a.words,
            status=a.status,
            status_reason=a.status_reason,
            removed=[RemovedItem(r.text, r.reason, r.line) for r in a.removed],
            warnings=list(a.warnings),
        )
        for i, a in enumerate(brief.articles, start=1)
    ]
    return BriefView(
        title=brief.story.title,
        outlets=dedupe(brief.story.outlets),
        article_count=brief.story.articles,
        summary_words=brief.summary_words,
        summary=summary,
        fact_groups=fact_groups,
        conflicts=conflicts,
        quotes=quotes,
        entities=entities,
        wire_groups=wire_groups,
        timeline=timeline,
        sources=sources,
        warnings=list(brief.warnings),
    )
