"""Typed records that flow one way through the stages.

ingest -> RawArticle; clean -> CleanArticle; annotate -> AnnotatedArticle;
embed -> numpy arrays keyed by sentence; summarize -> SummarySentence; the pipeline
assembles a `Brief`, whose JSON form is the `storyweave.brief/1` contract in DESIGN.md.
Field names of the contract are never renamed; fields may be added.
"""

from __future__ import annotations

import re
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

SCHEMA = "storyweave.brief/1"


class Record(BaseModel):
    model_config = ConfigDict(extra="forbid")


# ---------------------------------------------------------------- ingest
class RawArticle(Record):
    """One article as read: plain text (HTML already extracted) plus metadata."""

    id: str = Field(description="Stable content hash of the text.")
    input: str = Field(description="File path, URL, or '<cluster id>#<n>'.")
    outlet: str
    title: str | None = None
    url: str | None = None
    published: str | None = Field(None, description="ISO date or datetime when known.")
    text: str
    format: Literal["text", "html", "jsonl", "cluster", "stdin"] = "text"
    warnings: list[str] = Field(default_factory=list)


class Cluster(Record):
    """A Multi-News-style cluster: several articles on one story, maybe a reference summary."""

    id: str
    articles: list[RawArticle]
    summary: str | None = None
    irrelevant: list[int] | None = None


# ---------------------------------------------------------------- clean
class Removed(Record):
    text: str
    reason: str
    line: int = Field(description="0-based line number in the article text as ingested.")


class CleanArticle(Record):
    raw: RawArticle
    text: str = Field(description="Body text after cleaning: paragraphs separated by blank lines.")
    removed: list[Removed] = Field(default_factory=list)
    title: str | None = None


# ---------------------------------------------------------------- annotate
class Entity(Record):
    text: str
    label: str
    start: int
    end: int
    role: str | None = Field(
        default=None,
        description="Its place in the sentence's parse: relation and head word, e.g. 'subjpass:arrested', 'pobj:at:breach'.",
    )


class NumberMention(Record):
    text: str
    value: float | None = None
    unit: str | None = None
    start: int
    end: int


class Sentence(Record):
    index: int
    text: str
    paragraph: int = 0
    entities: list[Entity] = Field(default_factory=list)
    numbers: list[NumberMention] = Field(default_factory=list)
    has_quote: bool = False
    boilerplate: str | None = Field(None, description="Why this sentence looks like page furniture, if it does.")


class AnnotatedArticle(Record):
    article: CleanArticle
    sentences: list[Sentence]
    language: str = "en"
    english_score: float = 1.0

    @property
    def id(self) -> str:
        return self.article.raw.id


# ---------------------------------------------------------------- brief (the contract)
class StoryInfo(Record):
    id: str
    title: str
    outlets: list[str]
    articles: int


class RemovedLine(Record):
    text: str
    reason: str
    line: int | None = None


class ArticleInfo(Record):
    id: str
    input: str
    outlet: str
    title: str | None = None
    url: str | None = None
    published: str | None = None
    words: int
    status: Literal["used", "off_topic", "duplicate"] = "used"
    status_reason: str | None = None
    removed: list[RemovedLine] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)


# "he said", '"…," said she.': a quote attributed by a pronoun only ("they" is left alone: a
# group; "said he would" is reported speech, not an attribution).
# Shared by the pipeline (which fills `SummarySentence.speaker`) and the renderers (which show it
# after the pronoun); group "p1"/"p2" is the pronoun.
PRONOUN_ATTRIBUTION = re.compile(
    r"\b(?:(?P<p1>[Hh]e|[Ss]he)\s+(?:(?:later|also|then)\s+)?(?:said|says|added|adds|told|tells|wrote|writes|explained|"
    r"continued|noted|insisted|recalled|stated|declared|argued|warned|asked)"
    r"|(?:said|says|added|adds|wrote|writes|continued|explained)\s+(?P<p2>he|she)(?=\s*[,.;!?]|\s*$))\b"
)


class SummarySentence(Record):
    text: str
    article: str
    sentence: int
    supported_by: list[str] = Field(default_factory=list)
    outlets: list[str] = Field(default_factory=list)
    score: float | None = None
    speaker: str | None = Field(
        default=None,
        description="Who speaks the quote in this sentence, where the sentence names them only as 'he' or 'she' "
        "(from the quote attribution; readable briefs show it in brackets).",
    )
    full_names: dict[str, str] = Field(
        default_factory=dict,
        description="People this sentence names by surname alone before the summary has named them in full: "
        "surname -> the full name the story gives (readable briefs show the given names in brackets).",
    )


class Mention(Record):
    article: str
    sentence: int
    text: str


class Fact(Record):
    id: str
    text: str
    support: int
    outlets: list[str]
    mentions: list[Mention]


class ConflictValue(Record):
    value: str
    article: str
    sentence: int
    text: str


class Conflict(Record):
    kind: Literal["number", "date", "entity", "claim"]
    about: str
    values: list[ConflictValue]


class QuoteMention(Record):
    article: str
    sentence: int
    text: str
    verbatim: bool


class Quote(Record):
    speaker: str | None
    text: str
    mentions: list[QuoteMention]
    partial: bool = Field(default=False, description="A phrase quoted inside the reporter's own sentence, not a full statement.")
    context: str | None = Field(default=None, description="For a partial quote, the sentence that carries it.")


class EntityInfo(Record):
    name: str
    type: str
    aliases: list[str]
    articles: list[str]
    mentions: int
    outlets: dict[str, int] = Field(default_factory=dict, description="Mentions per outlet.")


class WireGroup(Record):
    articles: list[str]
    origin: str | None
    evidence: list[str]


class TimelineEvent(Record):
    date: str
    text: str
    article: str
    sentence: int


class Brief(Record):
    schema_: str = Field(SCHEMA, alias="schema")
    story: StoryInfo
    articles: list[ArticleInfo]
    summary: list[SummarySentence]
    facts: list[Fact] = Field(default_factory=list)
    conflicts: list[Conflict] = Field(default_factory=list)
    quotes: list[Quote] = Field(default_factory=list)
    entities: list[EntityInfo] = Field(default_factory=list)
    wire_groups: list[WireGroup] = Field(default_factory=list)
    timeline: list[TimelineEvent] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    def to_json_dict(self) -> dict:
        return self.model_dump(by_alias=True, mode="json")

    @property
    def summary_words(self) -> int:
        return sum(len(s.text.split()) for s in self.summary)
