"""entities: one canonical entity across the articles of a story.

    canonical_entities(articles, outlet_of) -> [EntityInfo]   the brief's `entities`
    entity_groups(articles, outlet_of)      -> [EntityGroup]  the same with per-outlet counts

Mentions are the named entities that annotate found in the sentences (PERSON, ORG, GPE, NORP,
LOC, FAC, EVENT). Two mentions are one entity when their keys are equal: accents, case,
punctuation, a leading "the", a possessive "'s" and (for people) titles are ignored, so
"Guaidó", "Guaido", "Mr Guaido", "Mr. Guaidó" share a key; a few common short forms map to
their long form ("U.S." -> "United States"). Then a person's partial name ("Maduro", "Nicolás")
joins the one fuller name of the story that contains it ("Nicolás Maduro"); when several
fuller names contain it ("Bogart": Humphrey, Leslie, Stephen) it stays apart. A name spaCy
tagged ORG or GPE now and then ("the Maduro regime") still joins the person when it was tagged
PERSON at least once in the story, and a lone surname never tagged PERSON joins when the text
writes it as a person's ("Bradford wrote", "said Bradford", "Mr Bradford"); a person's name with
partial forms merged in is typed PERSON. Otherwise the type is the majority label; the display name is the
fullest form written in the text (not a short form mapped to it: "United States" over "US";
accented spelling preferred, then the most frequent; no leading "the"); aliases are every other
written form, titled forms ("Mr Guaidó") included. Sentences annotate flagged as page furniture
are skipped. `entity_groups` also counts mentions per outlet.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from storyweave.records import AnnotatedArticle, EntityInfo

TYPES = ("PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT")

_TITLE_WORDS = {
    "mr", "mrs", "ms", "miss", "mx", "dr", "prof", "professor", "sir", "dame", "lord", "lady", "president",
    "sen", "senator", "rep", "gov", "governor", "gen", "general", "col", "colonel", "lt", "maj", "capt", "captain",
    "sgt", "det", "detective", "judge", "justice", "minister", "secretary", "king", "queen", "prince", "princess",
    "pope", "rev", "reverend", "mayor", "ambassador", "chancellor", "premier", "sheikh", "spokesman",
    "spokeswoman", "spokesperson", "officer", "vice", "prime", "former", "late", "leader",
}
# Titles looked for right before a PERSON mention to record titled aliases ("Mr Guaidó").
_TITLE_BEFORE = re.compile(
    r"\b(Mr|Mrs|Ms|Miss|Dr|Prof|Sir|Dame|Lord|Lady|President|Sen|Senator|Rep|Gov|Governor|Gen|General|Col|Colonel|"
    r"Lt|Maj|Capt|Captain|Sgt|Det|Detective|Judge|Justice|Minister|Secretary|King|Queen|Prince|Princess|Pope|Rev|"
    r"Mayor|Ambassador|Chancellor|Premier|Sheikh)(\.?)\s+$"
)
# A name right before or after a speech verb is written as a person's (an organisation "said" too,
# so this only decides whether a lone surname may join the one person of the story bearing it).
_SPEECH = r"(?:said|says|told|tells|wrote|writes|added|adds|testified|argued|stated|explained|insisted|recalled)"
_SPEAKS_AFTER = re.compile(rf"(?:['’]s?)?\s+{_SPEECH}\b")
_SPEAKS_BEFORE = re.compile(r"\b(?:said|says|wrote|writes|added|adds)\s+$")  # not "told Forbes": the listener
_SHORT_FORMS = {
    "us": "united states", "u s": "united states", "usa": "united states", "america": "united states",
    "united states of america": "united states", "uk": "united kingdom", "u k": "united kingdom",
    "britain": "united kingdom", "great britain": "united kingdom", "eu": "european union",
    "un": "united nations", "u n": "united nations", "nato": "north atlantic treaty organization",
}


def fold(s: str) -> str:
    """Lower case without accents; typographic apostrophes made plain."""
    s = unicodedata.normalize("NFKD", s.replace("’", "'").replace("‘", "'"))
    return "".join(c for c in s if not unicodedata.combining(c)).lower()


def _accents(s: str) -> int:
    return sum(1 for c in unicodedata.normalize("NFD", s) if unicodedata.combining(c))


def _clean_surface(text: str) -> str:
    t = re.sub(r"\s+", " ", text).strip(" \"'“”‘’,.;:()[]-–—")
    t = re.sub(r"['’]s$", "", t)
    t = re.sub(r"(?<=[a-zA-Z])['’]$", "", t)
    return t.strip()


def _raw_key(text: str) -> tuple[str, ...]:
    toks = re.findall(r"[a-z0-9]+", fold(_clean_surface(text)))
    if toks and toks[0] == "the":
        toks = toks[1:]
    while len(toks) > 1 and toks[0] in _TITLE_WORDS:
        toks = toks[1:]
    return tuple(toks)


def entity_key(text: str, label: str) -> tuple[str, ...]:
    """The matching key of one mention: folded tokens, no punctuation, titles and leading 'the' off."""
    toks = re.findall(r"[a-z0-9]+", fold(_clean_surface(text)))
    if toks and toks[0] == "the":
        toks = toks[1:]
    if label == "PERSON" or (toks and toks[0] in _TITLE_WORDS and len(toks) > 1):
        while len(toks) > 1 and toks[0] in _TITLE_WORDS:
            toks = toks[1:]
    joined = " ".join(toks)
    joined = _SHORT_FORMS.get(joined, joined)
    return tuple(joined.split())


@dataclass
class EntityGroup:
    key: tuple[str, ...]
    labels: Counter[str] = field(default_factory=Counter)
    forms: Counter[str] = field(default_factory=Counter)  # written forms (titles dropped)
    titled: Counter[str] = field(default_factory=Counter)  # "Mr Guaidó" forms seen
    articles: list[str] = field(default_factory=list)
    outlets: Counter[str] = field(default_factory=Counter)  # mentions per outlet
    mentions: int = 0
    person_cues: int = 0  # mentions written as a person's: "Bradford wrote", "said Bradford", "Mr Bradford"
    person: bool = False  # a person's name with its partial forms merged in: typed PERSON whatever the tagger said

    @property
    def type(self) -> str:
        if self.person:
            return "PERSON"
        order = {t: i for i, t in enumerate(TYPES)}
        return max(self.labels, key=lambda t: (self.labels[t], -order.get(t, 99))) if self.labels else "ORG"

    @property
    def name(self) -> str:
        """The fullest written form: the group's own key written out (not a short form mapped to it:
        "United States" over "US"), most words, accents, then the most frequent; no leading "the"."""

        def rank(f: str) -> tuple:
            raw = _raw_key(f)
            return (raw == self.key, len(raw), _accents(f) > 0, self.forms[f], f[:1].isupper(), -len(f))

        best = max(self.forms, key=rank)
        return re.sub(r"^[Tt]he\s+", "", best) if len(best.split()) > 1 else best

    def absorb(self, other: EntityGroup) -> None:
        self.labels.update(other.labels)
        self.forms.update(other.forms)
        self.titled.update(other.titled)
        for a in other.articles:
            if a not in self.articles:
                self.articles.append(a)
        self.outlets.update(other.outlets)
        self.mentions += other.mentions


def _strip_titles(text: str) -> str:
    words = text.split()
    while len(words) > 1 and fold(words[0]).strip(".") in _TITLE_WORDS:
        words = words[1:]
    return " ".join(words)


def entity_groups(
    articles: Sequence[AnnotatedArticle], outlet_of: dict[str, str] | None = None, *, types: Sequence[str] = TYPES
) -> list[EntityGroup]:
    """Canonical entities with their per-outlet mention counts (see the module docstring)."""
    outlet_of = outlet_of or {}
    groups: dict[tuple[str, ...], EntityGroup] = {}
    order: list[tuple[str, ...]] = []
    for art in articles:
        for s in art.sentences:
            if s.boilerplate:
                continue  # a widget's "Add Donald Trump as an interest" is no mention
            for e in s.entities:
                if e.label not in types:
                    continue
                surface = _clean_surface(e.text)
                if sum(c.isalpha() for c in surface) < 2:
                    continue
                key = entity_key(surface, e.label)
                if not key:
                    continue
                g = groups.get(key)
                if g is None:
                    g = groups[key] = EntityGroup(key)
                    order.append(key)
                g.labels[e.label] += 1
                g.forms[_strip_titles(surface) if e.label == "PERSON" else surface] += 1
                m = _TITLE_BEFORE.search(s.text[max(0, e.start - 16) : e.start])
                if m and e.label in {"PERSON", "ORG", "GPE", "NORP"}:
                    g.titled[f"{m.group(1)}{m.group(2)} {_strip_titles(surface)}"] += 1
                if m or _SPEAKS_AFTER.match(s.text, e.end) or _SPEAKS_BEFORE.search(s.text[max(0, e.start - 12) : e.start]):
                    g.person_cues += 1
                if art.id not in g.articles:
                    g.articles.append(art.id)
                g.outlets[outlet_of.get(art.id, art.id)] += 1
                g.mentions += 1
    _merge_partial_names(groups, order)
    out = [groups[k] for k in order if k in groups]
    first_seen = {k: i for i, k in enumerate(order)}
    out.sort(key=lambda g: (-len(g.articles), -g.mentions, first_seen[g.key]))
    return out


def _merge_partial_names(groups: dict[tuple[str, ...], EntityGroup], order: list[tuple[str, ...]]) -> None:
    """Join 'Maduro' / 'Nicolás' to the one fuller person name of the story that contains it."""
    # A surname the tagger never called a person ("Bradford" as GPE) joins too when the text
    # writes it as a person's ("Bradford wrote in the memo") and only one person has that name.
    people = [k for k in order if groups[k].labels["PERSON"] > 0 or _surname_like(groups[k])]
    # shorter keys first, so "Maduro" finds "Nicolas Maduro" before that one is itself looked at
    for k in sorted(people, key=len):
        if k not in groups:
            continue
        # fuller names of any label count for ambiguity ("Pablo Sánchez" tagged GPE is still a Sánchez)
        fuller = [f for f in order if f in groups and len(f) > len(k) and _part_of(k, f)]
        if not fuller:
            continue
        # the maximal fuller names: those not contained in another fuller name
        maximal = [f for f in fuller if not any(g != f and len(g) > len(f) and _part_of(f, g) for g in fuller)]
        if len(maximal) != 1 or groups[maximal[0]].labels["PERSON"] == 0:
            continue  # ambiguous: Leslie Bogart and Stephen Bogart
        target = maximal[0]
        was_person = groups[target].type == "PERSON"
        g = groups.pop(k)
        groups[target].absorb(g)
        groups[target].person = groups[target].person or was_person


def _surname_like(g: EntityGroup) -> bool:
    """One word written as a person's at least once, never as an acronym ("NASA said")."""
    return len(g.key) == 1 and g.person_cues > 0 and not any(f.isupper() for f in g.forms)


def _part_of(part: tuple[str, ...], full: tuple[str, ...]) -> bool:
    """`part` names the same person as `full`: same surname (or a lone first name), all tokens in it."""
    if not all(t in full for t in part):
        return False
    return part[-1] == full[-1] or (len(part) == 1 and part[0] == full[0])


def canonical_entities(
    articles: Sequence[AnnotatedArticle], outlet_of: dict[str, str] | None = None, *, types: Sequence[str] = TYPES
) -> list[EntityInfo]:
    """The brief's `entities`: sorted by number of articles, then mentions."""
    out: list[EntityInfo] = []
    for g in entity_groups(articles, outlet_of, types=types):
        name = g.name
        plain = re.sub(r"^[Tt]he\s+", "", name)
        aliases = [f for f, _ in g.forms.most_common() if re.sub(r"^[Tt]he\s+", "", f) != plain]
        aliases += [t for t, _ in g.titled.most_common() if t != name and t not in aliases]
        out.append(
            EntityInfo(name=name, type=g.type, aliases=aliases, articles=list(g.articles), mentions=g.mentions,
                       outlets=dict(g.outlets.most_common()))
        )
    return out
