"""timeline: dated events of a story, from the sentences that carry a date.

Dates come from the DATE entities that annotate found (spaCy), plus a pattern pass for the
forms it misses (weekdays and month-day dates in lowercased text). Each date phrase is resolved:

- absolute dates are parsed with `dateutil` and written ISO: ``2026-03-17``, or ``2026-03`` /
  ``1979`` when only the month or the year is given; a day and month without a year take the
  year that puts them nearest before the article's publication date;
- relative dates are resolved against the article's `published` date when it is known:
  ``yesterday`` is the day before, a weekday ("on Monday", "late Monday", "Tuesday night") is the
  most recent such day on or before publication, or the next one on or after it when the
  sentence speaks of the future ("until Thursday", "will meet on Friday"); ``last month`` and
  ``this year`` give ``YYYY-MM`` and ``YYYY``; ``last week`` and ``the weekend`` give the ISO week
  (``2026-W11``);
- without a publication date a relative phrase stays as it is, marked: ``Monday (relative)``.

One event per sentence (its most precise resolvable date; a date that is only the publication
stamp of the page is skipped, as is page furniture). Events with the same date whose sentences
say the same thing in several articles are kept once, from the earliest-published article.
Events are sorted by date (coarser dates before finer ones on the same start); unresolved
relative dates come after the dated ones, in article order.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

import numpy as np
from dateutil import parser as dateparser

from storyweave.records import AnnotatedArticle, TimelineEvent

if TYPE_CHECKING:
    from storyweave.summarize import Candidates

DUPLICATE_COS = 0.85  # two same-date sentences at or above this cosine are one event
DUPLICATE_WORDS = 0.6  # ... or sharing this share of their words (Jaccard), when no vectors
MAX_WORDS = 60  # longer sentences are cut around the date phrase
MAX_EVENTS = 200

_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_WD = r"(?:mon|tues|wednes|thurs|fri|satur|sun)day"
_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_PART = r"(?:\s+(?:morning|afternoon|evening|night|overnight))?"
_NUMS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
         "eight": 8, "nine": 9, "ten": 10, "several": 3, "a few": 3, "few": 3}

# Phrases found by pattern (in addition to DATE entities), case-insensitive.
_FIND = re.compile(
    rf"\b(?:(?:last|this|next|this past|late|early)\s+)?{_WD}\b{_PART}"
    rf"|\b{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?\b"
    rf"|\b\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH}(?:,?\s+\d{{4}})?\b"
    rf"|\b(?:yesterday|today|tonight|tomorrow)\b"
    rf"|\b(?:last|this|next)\s+(?:week|month|year|weekend)\b"
    rf"|\b\d{{4}}-\d{{2}}-\d{{2}}\b",
    re.IGNORECASE,
)
_FUTURE_BEFORE = re.compile(
    r"\b(?:until|till|through|next|as early as|at least|no later than|for)\s*$", re.IGNORECASE
)
_FUTURE_MODAL = re.compile(
    r"\b(?:will|won't|shall|would|expects?|expected|plans?|planned|scheduled|set to|due to|is to|are to|going to|"
    r"intends?|hopes? to|aims? to)\b",
    re.IGNORECASE,
)
_SPEECH = re.compile(r"\b(?:said|says|told|announced|reported|wrote|tweeted|stated|added)\b", re.IGNORECASE)
_STAMP = re.compile(r"^\W*(?:published|updated|posted|last updated|first published|modified|date)\b|\((?:published|updated)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Resolved:
    """A date phrase resolved: `label` is what the timeline shows, `start` sorts it."""

    label: str
    start: date | None  # None: relative, not resolved
    precision: int  # 4 day, 3 week, 2 month, 1 year, 0 unresolved
    phrase: str


# ---------------------------------------------------------------- resolving one phrase
def parse_published(value: str | None) -> date | None:
    """The publication date of an article (ISO date or datetime), None when unknown or bad."""
    if not value:
        return None
    try:
        return dateparser.isoparse(value.strip()).date()
    except (ValueError, OverflowError):
        try:
            return dateparser.parse(value, fuzzy=True).date()
        except (ValueError, OverflowError):
            return None


def _iso_week(d: date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y}-W{w:02d}"


def _monday(d: date) -> date:
    return d - timedelta(days=d.weekday())


def _add_months(d: date, months: int) -> date:
    m = d.month - 1 + months
    return date(d.year + m // 12, m % 12 + 1, 1)


def _day(d: date, phrase: str) -> Resolved:
    return Resolved(d.isoformat(), d, 4, phrase)


def _week(d: date, phrase: str) -> Resolved:
    return Resolved(_iso_week(d), _monday(d), 3, phrase)


def _month(d: date, phrase: str) -> Resolved:
    return Resolved(f"{d.year:04d}-{d.month:02d}", date(d.year, d.month, 1), 2, phrase)


def _year(y: int, phrase: str) -> Resolved:
    return Resolved(f"{y:04d}", date(y, 1, 1), 1, phrase)


def _relative(phrase: str) -> Resolved:
    shown = re.sub(r"^(?:(?:on|in|at|by|since|from|during|until|till|through|as of|of)\s+)+", "", phrase, flags=re.IGNORECASE)
    return Resolved(f"{shown or phrase} (relative)", None, 0, phrase)


_LEAD = re.compile(
    r"^(?:(?:on|in|at|by|since|from|during|over|until|till|through|of|as of|as early as|at least|no later than|"
    r"earlier|later|late|early|mid|the|this past|sometime|some time)[\s-]+)+",
    re.IGNORECASE,
)
_TAIL = re.compile(r"(?:[\s,]+(?:morning|afternoon|evening|night|overnight|local time))+$", re.IGNORECASE)


def _normalise(phrase: str) -> str:
    p = " ".join(phrase.replace("’", "'").split()).strip(" ,.;:()")
    p = _TAIL.sub("", p)
    return p


def _nearest_year(month: int, day: int | None, ref: date) -> int:
    """The year that puts month/day nearest to `ref`, a date before it counting as nearer
    (news mostly tells what happened): cost = days before, or three times the days after."""
    def cost(y: int) -> float:
        try:
            diff = (date(y, month, day or 1) - ref).days
        except ValueError:
            return float("inf")
        return -diff if diff <= 0 else 3 * diff

    return min((ref.year - 1, ref.year, ref.year + 1), key=cost)


def _absolute(p: str, ref: date | None) -> Resolved | None:
    low = p.lower()
    if re.fullmatch(r"\d{4}", low):
        y = int(low)
        return _year(y, p) if 1800 <= y <= 2100 else None
    numeric = re.fullmatch(r"\d{4}-\d{2}-\d{2}|\d{1,2}/\d{1,2}/\d{2,4}", low)
    if not numeric and not re.search(rf"\b{_MONTH}(?![a-z])", low):
        return None
    text = re.sub(rf"\b{_WD}\b,?", "", p, flags=re.IGNORECASE).strip(" ,")
    try:
        a = dateparser.parse(text, default=datetime(1, 1, 1))
        b = dateparser.parse(text, default=datetime(2, 2, 2))
    except (ValueError, OverflowError, TypeError):
        return None
    has_year, has_month, has_day = a.year == b.year, a.month == b.month, a.day == b.day
    if not has_month:
        return None
    year = a.year if has_year else None
    if year is None:
        if ref is None:
            return None  # a month without a year and no publication date: leave it out
        year = _nearest_year(a.month, a.day if has_day else None, ref)
    if not 1800 <= year <= 2100:
        return None
    try:
        d = date(year, a.month, a.day if has_day else 1)
    except ValueError:
        return None
    return _day(d, p) if has_day else _month(d, p)


def resolve(phrase: str, published: date | None, *, future: bool = False) -> Resolved | None:
    """Resolve one date phrase against the publication date; None when it is not a date.

    `future`: the sentence speaks of something after publication (a weekday then means the next
    such day on or after publication).
    """
    raw = _normalise(phrase)
    if not raw:
        return None
    p = _LEAD.sub("", raw).strip()
    low = p.lower()
    last = bool(re.match(r"(?:last|this past)\b", low))
    nxt = bool(re.match(r"next\b", low))
    low = re.sub(r"^(?:last|this past|next|this|late|early)\s+", "", low) if re.match(r"(?:last|this past|next|this|late|early)\s+" + _WD, low) else low

    # Weekdays.
    m = re.fullmatch(rf"({_WD})", low)
    if m:
        wd = _WEEKDAYS.index(m.group(1))
        if published is None:
            return _relative(raw)
        if nxt or (future and not last):
            delta = (wd - published.weekday()) % 7
            if nxt and delta == 0:
                delta = 7
            return _day(published + timedelta(days=delta), raw)
        delta = (published.weekday() - wd) % 7
        if last and delta == 0:
            delta = 7
        return _day(published - timedelta(days=delta), raw)

    # Days around publication.
    offsets = {"today": 0, "tonight": 0, "this morning": 0, "this afternoon": 0, "this evening": 0,
               "yesterday": -1, "last night": -1, "the day before yesterday": -2, "tomorrow": 1}
    whole = raw.lower()
    untrimmed = " ".join(phrase.split()).strip(" ,.;:()").lower()
    for key in (untrimmed, whole, low):
        if key in offsets:
            shown = untrimmed if untrimmed in offsets else raw
            return _day(published + timedelta(days=offsets[key]), shown) if published else _relative(shown)

    # Weeks, weekends, months, years relative to publication.
    m = re.fullmatch(r"(?:(last|this|next|the|this past)\s+)?(?:(earlier|later)\s+)?(?:(this|last|next)\s+)?(week|weekend|month|year)", whole)
    m = m or re.fullmatch(r"(?:(last|this|next|the|this past)\s+)?(week|weekend|month|year)", low)
    m = m or re.fullmatch(r"(?:(?:late|early|mid|earlier|later)[\s-]+)?(?:(last|this|next|this past)\s+)(week|weekend|month|year)", whole)
    if m:
        groups = [g for g in m.groups() if g]
        unit = groups[-1]
        which = next((g for g in groups[:-1] if g in ("last", "this", "next", "this past", "the")), None)
        if unit != "weekend" and which in (None, "the"):
            return None  # "year", "the week": a duration or a vague reference, not a date
        if published is None:
            return _relative(raw)
        shift = {"last": -1, "this past": -1, "next": 1}.get(which, 0)
        if unit == "week":
            return _week(published + timedelta(weeks=shift), raw)
        if unit == "weekend":
            # The weekend on or before publication; "next weekend" or a future sentence: the coming one.
            sat = published - timedelta(days=(published.weekday() - 5) % 7)
            if shift > 0 or (future and which != "last"):
                sat = sat + timedelta(days=7) if sat < published - timedelta(days=1) else sat
            elif shift < 0 and published.weekday() >= 5:
                sat -= timedelta(days=7)
            return Resolved(_iso_week(sat), sat, 3, raw)
        if unit == "month":
            return _month(_add_months(published, shift), raw)
        return _year(published.year + shift, raw)

    # "three days ago", "two weeks ago".
    m = re.fullmatch(r"(a|an|one|two|three|four|five|six|seven|eight|nine|ten|several|a few|\d+)\s+(day|week|month|year)s?\s+ago", whole)
    if m:
        if published is None:
            return _relative(raw)
        n = int(m.group(1)) if m.group(1).isdigit() else _NUMS.get(m.group(1), 1)
        unit = m.group(2)
        if unit == "day":
            return _day(published - timedelta(days=n), raw)
        if unit == "week":
            return _week(published - timedelta(weeks=n), raw)
        if unit == "month":
            return _month(_add_months(published, -n), raw)
        return _year(published.year - n, raw)

    # "late January", "April 1979", "March 17, 2026", "2019-02-01".
    return _absolute(re.sub(r"^(?:late|early|mid|the end of|the start of|the beginning of)[\s-]+", "", p, flags=re.IGNORECASE), published)


# ---------------------------------------------------------------- sentences -> events
def _future(sentence: str, start: int, end: int) -> bool:
    """Whether the date at sentence[start:end] is spoken of as ahead of the article's writing."""
    if re.match(r"['’]s\b", sentence[end:]):
        return False  # "Monday's attack": an event that happened
    before = sentence[:start]
    if _FUTURE_BEFORE.search(before):
        return True
    words = before.split()[-10:]
    window = " ".join(words)
    fm = None
    for fm in _FUTURE_MODAL.finditer(window):
        pass
    if fm is None:
        return False
    return not _SPEECH.search(window[fm.end():])


def _model_year(sentence, end: int, phrase: str) -> bool:
    """A bare year naming a make's model ("a 2007 Hyundai Sonata", "a 2007 four-door Hyundai",
    "his 1967 Ford"): no event date."""
    if not re.fullmatch(r"(?:19|20)\d\d", phrase.strip()):
        return False
    nxt = re.match(r"\s+(?:[a-z]+-[a-z-]+\s+)?", sentence.text[end:])  # "a 2007 four-door Hyundai"
    at = end + (nxt.end() if nxt else 0)
    return bool(nxt) and any(e.start == at and e.label in _MAKERS for e in sentence.entities)


_MAKERS = {"ORG", "PRODUCT", "PERSON"}  # the tagger's labels for a make or model right after a year


def _phrases(sentence) -> list[tuple[int, int, str]]:
    """Date phrases of a sentence: DATE entities, then pattern hits that no entity covers."""
    spans = [(e.start, e.end, e.text) for e in sentence.entities
             if e.label == "DATE" and not _model_year(sentence, e.end, e.text)]
    for m in _FIND.finditer(sentence.text):
        if not any(s < m.end() and m.start() < e for s, e, _ in spans):
            spans.append((m.start(), m.end(), m.group(0)))
    return sorted(spans)


def _is_stamp(sentence_text: str, start: int, end: int) -> bool:
    rest = (sentence_text[:start] + " " + sentence_text[end:]).strip()
    if _STAMP.search(sentence_text):
        return True
    return len(re.findall(r"[A-Za-z]{2,}", rest)) <= 3


def _trim(text: str, start: int, end: int) -> str:
    words = text.split()
    if len(words) <= MAX_WORDS:
        return text
    at = len(text[:start].split())
    lo = max(0, min(at - MAX_WORDS // 2, len(words) - MAX_WORDS))
    hi = lo + MAX_WORDS
    return ("… " if lo else "") + " ".join(words[lo:hi]) + (" …" if hi < len(words) else "")


@dataclass
class _Event:
    resolved: Resolved
    text: str
    article: int
    sentence: int
    order: int
    published: date | None
    pos: int  # position of the sentence in its article (row of its vector)


def _sentence_event(sentence, published: date | None) -> tuple[Resolved, int, int] | None:
    found: list[tuple[tuple, Resolved, int, int]] = []
    for start, end, phrase in _phrases(sentence):
        res = resolve(phrase, published, future=_future(sentence.text, start, end))
        if res is None or _is_stamp(sentence.text, start, end):
            continue
        found.append(((res.start is None, -res.precision, start), res, start, end))
    if not found:
        return None
    found.sort(key=lambda f: f[0])
    _, res, start, end = found[0]
    return res, start, end


def _words(text: str) -> set[str]:
    return set(re.findall(r"[a-z0-9]+", text.lower()))


def build_timeline(
    articles: Sequence[AnnotatedArticle],
    vectors: Sequence[np.ndarray] | None = None,
) -> list[TimelineEvent]:
    """Dated events of the story told by `articles` (use the ones the brief draws on).

    `vectors[k]`, when given, holds article k's sentence vectors (L2-normalised) and is used to
    merge same-date events that say the same thing in other words; without it, word overlap.
    """
    pubs = [parse_published(a.article.raw.published) for a in articles]
    events: list[_Event] = []
    order = 0
    for k, art in enumerate(articles):
        for pos, s in enumerate(art.sentences):
            if s.boilerplate:
                continue
            found = _sentence_event(s, pubs[k])
            if found is None:
                continue
            res, start, end = found
            events.append(_Event(res, _trim(s.text, start, end), k, s.index, order, pubs[k], pos))
            order += 1

    # Earliest-published first, so the kept copy of a repeated event is the earliest one.
    def seniority(e: _Event) -> tuple:
        return (e.published is None, e.published or date.min, e.article, e.sentence)

    kept: list[_Event] = []
    for e in sorted(events, key=seniority):
        dup = False
        for other in kept:
            if other.resolved.label != e.resolved.label or other.article == e.article:
                continue
            if vectors is not None:
                va, vb = vectors[e.article], vectors[other.article]
                ia, ib = e.pos, other.pos
                if ia < len(va) and ib < len(vb) and float(va[ia] @ vb[ib]) >= DUPLICATE_COS:
                    dup = True
            if not dup:
                wa, wb = _words(e.text), _words(other.text)
                if wa and wb and len(wa & wb) / len(wa | wb) >= DUPLICATE_WORDS:
                    dup = True
            if dup:
                break
        if not dup:
            kept.append(e)

    dated = sorted((e for e in kept if e.resolved.start is not None),
                   key=lambda e: (e.resolved.start, e.resolved.precision, e.order))
    undated = sorted((e for e in kept if e.resolved.start is None), key=lambda e: e.order)
    ids = [a.id for a in articles]
    return [
        TimelineEvent(date=e.resolved.label, text=e.text, article=ids[e.article], sentence=e.sentence)
        for e in [*dated, *undated][:MAX_EVENTS]
    ]


def timeline_from_candidates(cands: Candidates) -> list[TimelineEvent]:
    """The timeline of a story's summary candidates (`Prepared.cands`: the used articles)."""
    vecs = [cands.vectors[cands.article_of == k] for k in range(len(cands.articles))]
    return build_timeline(cands.articles, vecs)
