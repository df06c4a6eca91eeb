"""entities: one canonical entity across the articles of a story.

    canonical_entities(articles, outlet_of) -> [EntityInfo]   the brief's `entities`
    entity_groups(articles, outlet_of)      -> [EntityGroup]  the same with per-outlet counts

Mentions are the named entities that annotate found in the sentences (PERSON, ORG, GPE, NORP,
LOC, FAC, EVENT). Tagging slips are mended first (`_pieces`): a span with a photo credit's "/",
an OCR "?", a handle's "@", a zero-width or soft hyphen, a bracket or digits inside a person's
name is dropped, as is a span cut after "and"/"of" or lower case in every mention; a glued lead
word ("Add Donald Trump", "Whom Strzok", "Q. Senate") is trimmed when the rest is a name the
story writes on its own; names run together ("Durst for Berman", "Simpson, Carlie",
"Mr. Cosby's Jesus") are split. Two mentions are one entity when their keys are equal: accents, case,
punctuation, a leading "the", a possessive "'s" and (for people) titles are ignored, so
"Guaidó", "Guaido", "Mr Guaido", "Mr. Guaidó" share a key; a few common short forms map to
their long form ("U.S." -> "United States"). Then a person's partial name ("Maduro", "Nicolás")
joins the one fuller name of the story that contains it ("Nicolás Maduro"); when several
fuller names contain it ("Bogart": Humphrey, Leslie, Stephen) it stays apart; "Jr"/"Sr"/"II"
are ignored, and middle initials must agree ("George W. Bush" is not "George H.W. Bush"). An
acronym joins its long name when the text defines it ("... Prevention (CDC)") or when it spells
the capitals of exactly one name of the story ("DNC"). A name spaCy
tagged ORG or GPE now and then ("the Maduro regime") still joins the person when it was tagged
PERSON at least once in the story, and a lone surname never tagged PERSON joins when the text
writes it as a person's ("Bradford wrote", "said Bradford", "Mr Bradford"); a person's name with
partial forms merged in is typed PERSON, and so is a surname several people of the story bear
("Egeland": Shannon and Rylan Egeland) when the text writes it as a person's. A one-word name
tagged ORG or PERSON that the text writes as a place's ("in Caldwell, Idaho", "30 miles west of
Boise") and never as a person's is typed GPE. Otherwise the type is the majority label; the display name is the
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

from storyweave.facts import _TITLES as _FACT_TITLES
from storyweave.facts import STOPWORDS
from storyweave.quotes import _LEAD_VERBS, LOWER_WORD
from storyweave.quotes import _title_abbreviation as _abbreviation_at
from storyweave.records import AnnotatedArticle, EntityInfo, Sentence

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
    r"\b(?:(?:Vice|Deputy|Prime|Acting)\s+)?(Mr|Mrs|Ms|Miss|Dr|Prof|Sir|Dame|Lord|Lady|President|Sen|Senator|Rep|Gov|Governor|Gen|General|Col|Colonel|"
    r"Lt|Maj|Capt|Captain|Sgt|Det|Detective|Judge|Justice|Minister|Secretary|King|Queen|Prince|Princess|Pope|Rev|"
    r"Mayor|Ambassador|Chancellor|Premier|Sheikh)(\.?)\s+$"
)
# A name right before or after a speech verb is written as a person's (an organisation "said" too,
# so this only decides whether a lone surname may join the one person of the story bearing it).
_SPEECH = (
    r"(?:said|says|told|tells|wrote|writes|added|adds|testified|argued|stated|explained|insisted|recalled|alleged|"
    r"alleges|claimed|claims|noted|notes|continued|replied|asked)"
)
_SPEAKS_AFTER = re.compile(rf"(?:['’]s?)?\s+{_SPEECH}\b")
_SPEAKS_BEFORE = re.compile(r"\b(?:said|says|wrote|writes|added|adds|began|continued|replied|asked)\s+$")  # not "told Forbes": the listener
# Written as a place's: "30 miles west of Boise" (before the name); "Caldwell, Idaho" (a state or
# country, tagged GPE, right after a comma: checked against the sentence's entities), unless that
# one is a possessor ("Toyota, Japan's largest carmaker") or the two are in a list ("Jesus, Rocky and…").
_NOT_PLACE_AFTER = re.compile(r"['’]s\b|\s+(?:and|or|&)\s|,\s+[A-Z][\w.]*(?:\s+[A-Z][\w.]*)*,?\s+(?:and|or)\s")
# ... and the place must close the phrase ("Caldwell, Idaho, about …", "CALDWELL, Idaho (AP) —"), not
# open the next clause ("In a deal with Airbus, Iran agreed …").
_PLACE_CLOSES = re.compile(r"\s*(?:[,.;:)(—–]|-{1,2}\s|$)")
_STATE_ABBR = re.compile(r"[A-Z]{2}|[A-Z][a-z]{1,4}\.")  # "of Fairmont, NC is charged", "Brooksville, Fla. police"
_PLACE_BEFORE = re.compile(
    r"\b(?:miles?|kilometers?|kilometres?|km)\s+(?:\([^)]{1,20}\)\s+)?(?:north|south|east|west|northeast|northwest|southeast|southwest)\s+of\s+$",
    re.IGNORECASE,
)
_SHORT_FORMS = {
    "us": "united states", "u s": "united states", "usa": "united states", "america": "united states",
    "united states of america": "united states", "uk": "united kingdom", "u k": "united kingdom",
    "britain": "united kingdom", "great britain": "united kingdom", "eu": "european union", "e u": "european union",
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


def _title_abbreviation(words: list[str]) -> bool:
    """A person's name opens with a title's abbreviation: "DAG Rod Rosenstein" (`quotes._title_abbreviation`)."""
    return bool(words) and _abbreviation_at(words, 0)


def entity_key(text: str, label: str) -> tuple[str, ...]:
    """The matching key of one mention: folded tokens, no punctuation, titles and leading 'the' off."""
    surface = _clean_surface(text)
    if label == "PERSON" and _title_abbreviation(surface.split()):
        surface = surface.split(None, 1)[1]
    toks = re.findall(r"[a-z0-9]+", fold(surface))
    if toks and toks[0] == "the":
        toks = toks[1:]
    if label == "PERSON" or (toks and toks[0] in _TITLE_WORDS and len(toks) > 1):
        while len(toks) > 1 and toks[0] in _TITLE_WORDS:
            toks = toks[1:]
    if label == "PERSON":  # "Leslie Merritt Jr" and "Leslie Merritt III" are Leslie Merritt
        while len(toks) > 2 and (toks[-1] in _SUFFIXES or toks[-1] in _NUMERALS):
            toks = toks[:-1]
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
    place_cues: int = 0  # mentions written as a place's: "Caldwell, Idaho", "30 miles west of Boise"
    person: bool = False  # a person's name with its partial forms merged in: typed PERSON whatever the tagger said
    tails: int = 0  # one-word mentions right after a capitalised word outside any name ("Amber Alert" -> "Alert")

    @property
    def type(self) -> str:
        if self.person:
            return "PERSON"
        order = {t: i for i, t in enumerate(TYPES)}
        label = max(self.labels, key=lambda t: (self.labels[t], -order.get(t, 99))) if self.labels else "ORG"
        if self.place_cues and len(self.key) == 1 and not self.person_cues and label in {"ORG", "PERSON"}:
            return "GPE"  # "Caldwell, Idaho" / "west of Boise": a town, whatever the tagger said
        return label

    @property
    def name(self) -> str:
        """The fullest written form: the group's own key written out (not a short form mapped to it:
        "United States" over "US"), most words, accents, then the most frequent; no leading "the"."""

        raws = {f: _raw_key(f) for f in self.forms}
        # a word a headline puts before the name ("Frail Robert Durst") when the text mostly writes it without
        # ("Stephen Humphrey Bogart" keeps its name where "Stephen" is written on its own too)
        glued = {f for f, r in raws.items() if len(r) > 2 and any(
            raws[g] == r[1:] and self.forms[g] > self.forms[f] and g[:1].isupper() for g in self.forms)
            and not any(r[0] in raws[g] for g in self.forms if g != f)}

        def rank(f: str) -> tuple:
            raw = raws[f]
            return (f not in glued, raw == self.key, len(raw), _accents(f) > 0, self.forms[f], f[:1].isupper(), -len(f))

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
        self.tails += other.tails
        self.place_cues += other.place_cues


def _strip_titles(text: str) -> str:
    words = text.split()
    if _title_abbreviation(words):
        words = words[1:]
    while len(words) > 1 and fold(words[0]).strip(".") in _TITLE_WORDS:
        words = words[1:]
    return " ".join(words)


# ---------------------------------------------------------------- junk spans
# A span is no name when it holds these: a photo credit ("AFP/Getty"), an OCR slip ("Trump?s"),
# a handle ("@GreeterDan"), a zero-width space or a soft hyphen, or a bracket ("Hurdles (jumping").
_BAD_CHARS = re.compile("[^\\W\\d_]/|/[^\\W\\d_]|[?@()\\[\\]\u00ad\u200b-\u200f\u2060\ufeff]|--|—")
_DIGIT_IN_WORD = re.compile(r"[^\W\d_]\d|\d[^\W\d_]")  # "Bruce 0hr", "KCAL9"
# Lower-case words that belong inside a name: particles ("de Blasio", "bin Laden") and the
# connectors of organisation names ("Bank of America", "Doctors without Borders").
_PARTICLES = {
    "de", "da", "di", "du", "del", "della", "der", "den", "des", "van", "von", "la", "le", "les", "el", "al",
    "bin", "ibn", "ben", "bint", "y", "e", "dos", "das", "do", "ter", "ten", "zu", "st",
}
_CONNECTORS = {"of", "for", "and", "the", "on", "in", "at", "to", "a", "an", "with", "without", "by", "from", "upon", "und", "et"}
# Capitalised words a tagger glues before a name at the start of a sentence or a widget:
# "Add Donald Trump", "Whom Strzok", "Sometimes Cruz". No word here is also a common given name.
_LEAD_WORDS = {
    "add", "whom", "who", "whose", "what", "which", "when", "where", "why", "how", "sometimes", "often", "also",
    "meanwhile", "however", "but", "and", "or", "so", "then", "if", "as", "after", "before", "since", "although",
    "though", "because", "while", "even", "only", "just", "now", "still", "yet", "here", "there", "this", "that",
    "these", "those", "it", "he", "she", "they", "we", "you", "his", "her", "their", "our", "my", "your", "its",
    "with", "for", "in", "on", "at", "by", "from", "to", "of", "about", "into", "over", "under", "like", "unlike",
    "watch", "read", "see", "view", "click", "follow", "share", "subscribe", "thanks", "dear", "hey", "yes",
    "not", "never", "always", "already", "again", "once", "perhaps", "maybe", "whether", "unless", "until",
    "than", "among", "between", "during", "within", "against", "via", "does", "did", "is", "are", "was",
    "were", "be", "been", "has", "have", "had", "could", "would", "should", "must", "might", "let", "please",
    "according", "including", "nee", "née", "tell", "ask",
    *_LEAD_VERBS,  # a speech verb put first ("Says Wax, a critic:"); not "said", a given name
}
# A span of two names joined by one of these ("Durst for Berman", "Durst in New York") is split
# when each side is a name the story writes on its own.
_SPLIT_WORDS = re.compile(r"\s+(?:and|&|for|in|at|to|with|by|from|on|vs\.?|versus)\s+")
_CORP_TAIL = {"inc", "ltd", "llc", "llp", "co", "corp", "plc", "sa", "ag", "gmbh", "jr", "sr", "lp", "nv", "bv"}
_SUFFIXES = {"jr", "sr"}
_NUMERALS = {"ii", "iii", "iv"}


def _lower_word(w: str) -> bool:
    """A word without capitals ("claims", "for"); "iPhone" and "al-Sissi" have one, "58th" is a number."""
    return w[:1].isalpha() and not any(c.isupper() for c in w)


def _plain(surface: str, label: str) -> bool:
    """A span with none of the marks of a tagging slip: what other spans of the story are checked against."""
    if _BAD_CHARS.search(surface) or "," in surface or (label == "PERSON" and _DIGIT_IN_WORD.search(surface)):
        return False
    words = re.sub(r"^[Tt]he\s+", "", surface).split()
    if not words or (_lower_word(words[0]) and fold(words[0]) not in _PARTICLES) or (len(words) > 1 and fold(words[0]).strip(".") in _LEAD_WORDS):
        return False
    if len(words) > 1 and fold(words[-1]) in _CONNECTORS:
        return False
    if label == "PERSON" and re.search(r"\w['’]s\s", surface):
        return False
    return not any(_lower_word(w) and fold(w) not in _CONNECTORS | _PARTICLES for w in words[1:-1])


def _pieces(
    surface: str, label: str, seen: dict[tuple[str, ...], Counter[str]], depth: int = 0
) -> list[tuple[str, str]]:
    """The names a tagged span really holds, as (surface, label) pairs: none for junk
    ("AFP/Getty Images", "Smith and"), the name with a glued lead word trimmed ("Add Donald Trump"
    -> "Donald Trump" when the story writes that name elsewhere), the parts of two names run
    together ("Durst for Berman", "Simpson, Carlie", "Mr Cosby's Jesus"). A trimmed or split
    part takes the label the story mostly gives it."""

    def known(part: str) -> bool:
        return entity_key(part, label) in seen

    def piece(part: str) -> list[tuple[str, str]]:
        part = _clean_surface(part)
        if sum(c.isalpha() for c in part) < 2 or depth > 4:
            return []
        got = seen.get(entity_key(part, label))
        return _pieces(part, got.most_common(1)[0][0] if got else label, seen, depth + 1)

    if _BAD_CHARS.search(surface) or (label == "PERSON" and _DIGIT_IN_WORD.search(surface)):
        return []
    if not _plain(surface, label) and entity_key(surface, label) in seen:
        return [(surface, label)]  # "supreme court" where the story also writes "Supreme Court"
    body = re.sub(r"^[Tt]he\s+", "", surface)
    words = body.split()
    if not words:
        return []
    if len(words) > 1 and fold(words[-1]) in _CONNECTORS:
        return []  # "Smith and", "House of": cut off by the tagger
    # lead words glued on: lower-case ones that are no particle ("a Golden Globe", "s Karen", "nee Project
    # Natal") and capitalised function words ("Add Donald Trump", "Whom Strzok", "Sometimes Cruz")
    i = 0
    while i < len(words) - 1 and (
        (_lower_word(words[i]) and fold(words[i]) not in _PARTICLES) or fold(words[i]).strip(".,") in _LEAD_WORDS
    ):
        i += 1
    if i or _lower_word(words[0]) and fold(words[0]) not in _PARTICLES and len(words) > 1:
        rest = " ".join(words[i:])
        return piece(rest) if known(_clean_surface(rest)) else []
    # a lower-case word inside that is neither a particle nor a connector: "Isaiah claims Frances"
    inner = [j for j, w in enumerate(words) if 0 < j < len(words) - 1 and _lower_word(w)
             and fold(w) not in _CONNECTORS | _PARTICLES]
    if inner:
        cuts = [-1, *inner, len(words)]
        parts = [" ".join(words[a + 1 : b]) for a, b in zip(cuts, cuts[1:]) if b > a + 1]
        return [p for part in parts if known(_clean_surface(part)) for p in piece(part)]
    # a list: "Simpson, Carlie", "Save-A-Lot, Carlie" (not "Dallas, Texas" nor "Apple, Inc.")
    if ", " in body and label not in {"GPE", "LOC"}:
        parts = [p for p in body.split(", ") if p.strip()]
        if fold(parts[-1]).strip(". ") not in _CORP_TAIL and all(p[:1].isupper() for p in parts) and any(
            known(_clean_surface(p)) for p in parts
        ):
            return [p for part in parts for p in piece(part)]
        return [(surface, label)]
    # two names the story writes apart, joined: "Durst for Berman", "Durst in New York", "Roula and Ryan"
    parts = _SPLIT_WORDS.split(body)
    if len(parts) > 1 and all(p[:1].isupper() for p in parts) and fold(parts[-1]).strip(". ") not in _CORP_TAIL:
        paired = re.search(r"\s(?:and|&)\s", body)
        keys = [entity_key(_clean_surface(p), label) for p in parts]
        # "University at Albany" stays: a preposition splits only where one side is a person's name
        if (paired and label == "PERSON" and len(parts) == 2) or (all(k in seen for k in keys) and (
            len(parts) == 2 and paired or any(seen[k]["PERSON"] for k in keys)
        )):
            return [p for part in parts for p in piece(part)]
    # a possessive inside a person's name: "Mr. Cosby's Jesus" is Cosby and Jesus
    if label == "PERSON":
        m = re.search(r"(?<=\w)['’]s\s+(?=[A-Z])", surface)
        if m:
            return piece(surface[: m.start()]) + piece(surface[m.end() :])
    return [(surface, label)]


def _unquote(text: str) -> str:
    """A quotation mark left open inside a span ("The “Sons of Anarchy") is dropped."""
    for o, c in (("“", "”"), ("‘", "’"), ('"', '"')):
        if o == c:
            if text.count(o) % 2:
                text = text.replace(o, "")
        elif text.count(o) != text.count(c) and o in text:
            text = text.replace(o, "").replace(c, "")
    return re.sub(r"\s+", " ", text).strip()


_CAP_BEFORE = re.compile(r"(?<![.!?:;\"“‘(]\s)\b([A-Z][a-z]+)\s+$")


def _tail_of_a_name(s: Sentence, at: int) -> bool:
    """Whether the word right before position `at` is a capitalised word (not a title, not opening
    the sentence) that no entity covers: the tagged word is then the end of a longer proper noun."""
    m = _CAP_BEFORE.search(s.text[max(0, at - 40) : at]) if at > 0 else None
    if m is None or m.start() == 0 and at <= 40:
        return False
    start = max(0, at - 40) + m.start(1)
    word = fold(m.group(1))
    if word in _TITLE_WORDS or word in _FACT_TITLES or word in STOPWORDS or not s.text[:start].strip(" \"'“‘(["):
        return False  # "Inspector Clouseau", "As Evan shared", a word opening the sentence
    return not any(e.start <= start < e.end for e in s.entities)


def entity_groups(
    articles: Sequence[AnnotatedArticle], outlet_of: dict[str, str] | None = None, *, types: Sequence[str] = TYPES
) -> list[EntityGroup]:
    """Canonical entities with their per-outlet mention counts (see the module docstring)."""
    outlet_of = outlet_of or {}
    # first pass: every mention, and the names the story writes plainly (to check junk spans against)
    mentions = []
    # words the story writes in lower case: a capitalised one opening a sentence before a full name
    # is a description, not a given name ("Billionaire Phillip Ruffin told", "Actor Tom Sizemore")
    lower = Counter(w for art in articles for s in art.sentences for w in LOWER_WORD.findall(s.text))
    seen: dict[tuple[str, ...], Counter[str]] = {}
    acronyms: dict[tuple[str, ...], set[tuple[str, ...]]] = {}  # "CDC" -> the names written before "(CDC)"
    for art in articles:
        for s in art.sentences:
            if s.boilerplate:
                continue  # a widget's "Add Donald Trump as an interest" is no mention
            for e in s.entities:
                if e.label not in types:
                    continue
                surface = _clean_surface(_unquote(e.text))
                marker = bool(re.match(r"[QA][.:]\s+[A-Z]", surface)) and not s.text[: e.start].strip(" \"'“‘")
                if marker:
                    surface = surface[2:].strip()  # an interview's "Q. Senate Democrats say..."
                if sum(c.isalpha() for c in surface) < 2:
                    continue
                words = surface.split()
                if (e.label == "PERSON" and len(words) >= 3 and words[0].isalpha() and words[0][1:].islower()
                        and words[0].lower() in lower and not s.text[: e.start].strip(" \"'“‘")):
                    surface = " ".join(words[1:])
                if len(surface.split()) == 1 and re.search(r"\bSecretar(?:y|ies) of\s+$", s.text[max(0, e.start - 16) : e.start]):
                    continue  # "State" cut from "Secretary of State"
                mentions.append((art, s, e, surface, marker))
                if _plain(surface, e.label) and not marker:
                    key = entity_key(surface, e.label)
                    seen.setdefault(key, Counter())[e.label] += 1
                    m = re.match(r"\s*\(\s*([A-Z][A-Z&.]{1,9})\s*\)", s.text[e.end :])
                    if m and len(key) > 1:
                        acronyms.setdefault(entity_key(m.group(1), "ORG"), set()).add(key)
    groups: dict[tuple[str, ...], EntityGroup] = {}
    order: list[tuple[str, ...]] = []
    for art, s, e, surface, marker in mentions:
        label = e.label
        if marker and entity_key(surface, label) in seen:  # the tag was for "Q. Senate": the story's label
            label = seen[entity_key(surface, label)].most_common(1)[0][0]
        for text, label in _pieces(surface, label, seen):
            key = entity_key(text, label)
            if not key:
                continue
            at = e.start + max(0, e.text.find(text))
            end = at + len(text) if text in e.text else e.end
            g = groups.get(key)
            if g is None:
                g = groups[key] = EntityGroup(key)
                order.append(key)
            g.labels[label] += 1
            g.forms[_strip_titles(text) if label == "PERSON" else text] += 1
            m = _TITLE_BEFORE.search(s.text[max(0, at - 24) : at])
            if m and label in {"PERSON", "ORG", "GPE", "NORP"}:
                g.titled[f"{' '.join(m.group(0).split())} {_strip_titles(text)}"] += 1
            if m or _SPEAKS_AFTER.match(s.text, end) or _SPEAKS_BEFORE.search(s.text[max(0, at - 12) : at]):
                g.person_cues += 1
            comma = re.match(r",[ \t]*", s.text[end:])
            if (comma and any(o.label == "GPE" and o.start == end + comma.end() and not _NOT_PLACE_AFTER.match(s.text, o.end)
                              and (_PLACE_CLOSES.match(s.text, o.end) or _STATE_ABBR.fullmatch(o.text)) for o in s.entities)) or _PLACE_BEFORE.search(
                    s.text[max(0, at - 40) : at]):
                g.place_cues += 1
            if len(key) == 1 and _tail_of_a_name(s, at):
                g.tails += 1
            if art.id not in g.articles:
                g.articles.append(art.id)
            g.outlets[outlet_of.get(art.id, art.id)] += 1
            g.mentions += 1
    for k in order:  # "marijuana", "n't", "west coast": lower case in every mention is no name
        if not any(c.isupper() for f in groups[k].forms for c in f):
            del groups[k]
        elif groups[k].tails == groups[k].mentions and groups[k].type == "PERSON":
            del groups[k]  # "Alert" of "Amber Alert" in every mention: the tail of another name, no person
    _merge_acronyms(groups, order, acronyms)
    _merge_partial_names(groups, order)
    for k in order:  # "Opposition leader", "the Hospital": a word the story writes in lower case twice as often
        if len(k) == 1 and k in groups and lower[k[0]] >= 2 * groups[k].mentions:
            del groups[k]
    out = [groups[k] for k in order if k in groups]
    first_seen = {k: i for i, k in enumerate(order)}
    out.sort(key=lambda g: (-len(g.articles), -g.mentions, first_seen[g.key]))
    return out


def _initials(form: str, *, every: bool = False) -> str:
    """The capitals that start the words of a name: "U.S. Olympic Committee" -> "USOC" (with `every`,
    the first letters of all its words, upper-cased)."""
    words = re.findall(r"[^\W\d_][\w'’&-]*", form)
    return "".join(w[0].upper() for w in words if every or w[0].isupper())


def _spells(acronym: str, form: str) -> bool:
    """`acronym` stands for `form`: its capitals, with or without a leading "The" ("DNC", "THR"), or,
    for one the text defines, letters taken in order from its words' initials ("CDC" for "Centers
    for Disease Control and Prevention"; not "AP" for the dateline "New Orleans (AP)")."""
    bare = re.sub(r"^[Tt]he\s+", "", form)
    return acronym in {_initials(form), _initials(bare)}


def _defines(acronym: str, form: str) -> bool:
    initials = iter(_initials(re.sub(r"^[Tt]he\s+", "", form), every=True))
    return acronym[:1] == _initials(re.sub(r"^[Tt]he\s+", "", form), every=True)[:1] and all(c in initials for c in acronym)


def _merge_acronyms(
    groups: dict[tuple[str, ...], EntityGroup], order: list[tuple[str, ...]],
    defined: dict[tuple[str, ...], set[tuple[str, ...]]],
) -> None:
    """Join an acronym to its long name: the one the text writes it after ("Centers for Disease
    Control and Prevention (CDC)"), else the one name of the story whose capitals spell it
    ("Democratic National Committee" for "DNC"). People's initials are left alone."""
    for k in order:
        g = groups.get(k)
        if g is None or g.labels["PERSON"] * 2 > g.mentions:
            continue
        if " ".join(k) in _SHORT_FORMS.values():
            continue  # "US" is the United States already
        top = g.forms.most_common(1)[0][0]
        spelled = {re.sub(r"[^A-Z]", "", top)} if re.fullmatch(r"[A-Z][A-Z&.]+", top) else set()
        spelled = {a for a in spelled if 2 <= len(a) <= 8}
        if not spelled:
            continue
        targets = [
            t for t in defined.get(k, ())
            if t in groups and t != k and any(_defines(a, f) for a in spelled for f in groups[t].forms if " " in f)
        ]
        if not targets:
            targets = [
                t for t in order
                if t in groups and t != k and len(t) > 1 and groups[t].type != "PERSON"
                and any(_spells(a, f) for a in spelled for f in groups[t].forms if " " in f)
            ]
        if len(targets) != 1:
            continue
        target = groups[targets[0]]
        labels = Counter(target.labels)  # the long name's tags type it: "UC" tagged GPE is a university
        target.absorb(groups.pop(k))
        target.labels = labels


def _merge_partial_names(groups: dict[tuple[str, ...], EntityGroup], order: list[tuple[str, ...]]) -> None:
    """Join 'Maduro' / 'Nicolás' to the one fuller person name of the story that contains it, and a
    newspaper's short name ('Post') to the one organisation whose name ends in it."""
    # A surname the tagger never called a person ("Bradford" as GPE) joins too when the text
    # writes it as a person's ("Bradford wrote in the memo") and only one person has that name.
    people = [k for k in order if k in groups and (groups[k].labels["PERSON"] > 0 or _surname_like(groups[k]))]
    # shorter keys first, so "Maduro" finds "Nicolas Maduro" before that one is itself looked at
    for k in sorted(people, key=len):
        if k not in groups:
            continue
        fuller = [f for f in order if f in groups and len(f) > len(k) and _part_of(k, f)]
        # the candidates are the fuller names tagged PERSON at least once, the maximal ones of them
        persons = [f for f in fuller if groups[f].labels["PERSON"] > 0]
        maximal = [f for f in persons if not any(g != f and len(g) > len(f) and _part_of(f, g) for g in persons)]
        if len(maximal) != 1:
            continue  # none, or ambiguous: Leslie Bogart and Stephen Bogart
        target = maximal[0]
        # a fuller name of another label that ends in the surname is still another bearer of it
        # ("Pablo Sánchez" tagged GPE); "Trump Tower" or a longer form of the target is not
        if any(
            f[-1] == k[-1] and len(f) <= 3 and not _part_of(target, f) and not _part_of(f, target)
            for f in fuller if f not in persons
        ):
            continue
        was_person = groups[target].type == "PERSON"
        g = groups.pop(k)
        groups[target].absorb(g)
        groups[target].person = groups[target].person or was_person
    # A person's name with a middle name the tagger gave another label ("Carlie Marie Trent" as an
    # organisation, "Carlie Trent" a person): one more word between the same first and last name.
    for k in [k for k in order if k in groups and len(k) >= 2 and groups[k].labels["PERSON"] > 0]:
        if k not in groups:
            continue
        middle = [f for f in order if f in groups and len(f) == len(k) + 1 and f[0] == k[0] and f[-1] == k[-1]
                  and _part_of(k, f) and groups[f].labels["PERSON"] == 0]
        if len(middle) == 1:
            groups[k].absorb(groups.pop(middle[0]))
    # A surname that stayed apart because several people of the story bear it ("Egeland": Shannon
    # and his son Rylan Egeland) is still a person's name, whatever the tagger called it ("Egeland"
    # tagged ORG 26 times), when the text writes it as a person's ("Egeland said", "Mr Egeland") or
    # tagged it a person at least once, and the story does not mostly call it a place.
    surnames = {k[-1] for k in order if k in groups and len(k) >= 2 and groups[k].type == "PERSON"}
    # not a company named after them ("Ford" with Henry and Bill Ford, when "Ford Motor Co." is written too)
    in_orgs = {t for k in order if k in groups and groups[k].type != "PERSON"
               for i, t in enumerate(k[:-1]) if any(w in _COMPANY_WORDS for w in k[i + 1 :])}
    for k in [k for k in order if k in groups and len(k) == 1 and k[0] in surnames and k[0] not in in_orgs]:
        g = groups[k]
        place = g.labels["GPE"] + g.labels["LOC"] + g.labels["NORP"]
        if (g.person_cues > 0 or g.labels["PERSON"] > 0) and place * 2 <= g.mentions and not any(f.isupper() for f in g.forms):
            g.person = True
    # "the Post" / "the Times" after "The Washington Post" / "The New York Times": a newspaper's
    # short name joins the one fuller name of the story that ends in it.
    for k in [k for k in order if k in groups and len(k) == 1 and k[0] in _PAPER_HEADS]:
        fuller = [f for f in order if f in groups and len(f) > 1 and f[-1] == k[0] and groups[f].type == "ORG"]
        if len(fuller) == 1:
            groups[fuller[0]].absorb(groups.pop(k))


# Words that make a family name a company's ("Ford Motor Co.", "Walt Disney Co.", "Tyson Foods").
_COMPANY_WORDS = frozenset(
    "co corp corporation company inc llc ltd plc motor motors group holdings industries enterprises foods brothers bros sons".split()
)

# Last words of newspaper names, which papers go by alone ("the Post", "the Times").
_PAPER_HEADS = frozenset(
    "post times journal herald tribune globe guardian telegraph independent chronicle observer examiner gazette "
    "inquirer courier dispatch mirror bulletin".split()
)


def _surname_like(g: EntityGroup) -> bool:
    """One word written as a person's at least once, never as an acronym ("NASA said")."""
    return len(g.key) == 1 and g.person_cues > 0 and not any(f.isupper() for f in g.forms)


def _part_of(part: tuple[str, ...], full: tuple[str, ...]) -> bool:
    """`part` names the same person as `full`: same surname (or a lone first name), all tokens in it,
    and the same middle initials where both give some ("George W. Bush" is no "George H.W. Bush")."""
    if not all(t in full for t in part):
        return False
    if part[-1] == full[-1]:
        mine, theirs = ([t for t in name[1:-1] if len(t) == 1] for name in (part, full))
        return not (mine and theirs and mine != theirs)
    return len(part) == 1 and part[0] == full[0]


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
