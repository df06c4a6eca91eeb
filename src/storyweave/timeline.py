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

One event per sentence, dated by the phrase that belongs to its main clause: day and week
phrases before month and year ones (a weekday beats a year, resolved or not), and a year that is
background is passed over: one on a noun ("a friend's 2000 death", "the death of a friend in
2000", read from the entity's parse role), in a "who ..." clause or in brackets. A sentence
whose only dates are background has no event. Not dates at all: date words inside names ("USA
Today", "told TODAY", "Saturday Night Live"), recurring or indefinite days ("every Friday", "a
Sunday afternoon in October", "for the weekend"), years spoken of as ahead, asked about, compared
with or quoted ("by 2020 there will be", "a repeat of 2014", "like 1995", "since 2004", a year
inside a direct quote), captions and tweet signatures ("July 31, 2013 A woman waves ...", "He
appears with ... in 1978", "(@handle) December 28, 2016"), and the publication stamp of the page.

The same sentence twice in one article gives one event. Events with the same date whose
sentences say the same thing in several articles are kept once, from the earliest-published
article. Events are sorted by date (coarser dates before finer ones on the same start);
unresolved relative dates come after the dated ones, article by article in text order (without a
publication date there is nothing to order weekdays of different weeks by).
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
    r"\b(?:will|won't|shall|would|expects?|expected|plans? to|planned (?:to|for)|scheduled|set to|due to|is to|are to|going to|"
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
    found = _absolute(re.sub(r"^(?:late|early|mid|the end of|the start of|the beginning of)[\s-]+", "", p, flags=re.IGNORECASE), published)
    if found is None:
        found = _range_start(p, published)
    return found


def _range_start(p: str, published: date | None) -> Resolved | None:
    """A span of dates ("Jan. 1 to Aug. 31, 2016", "August to December 2014", "between 2001 and
    2011"): its start, taking the end's year when the start has none."""
    m = re.fullmatch(r"(?:from\s+|between\s+)?(.+?)\s*(?:\bto\b|\bthrough\b|\buntil\b|\band\b|[-–—])\s*(.+)", p, re.IGNORECASE)
    if not m:
        return None
    first, last = m.group(1).strip(" ,"), m.group(2).strip(" ,")
    year = re.search(r"\b(1[89]|20|21)\d\d\b", last)
    if year and not re.search(r"\b(1[89]|20|21)\d\d\b", first) and re.search(rf"(?i)\b{_MONTH}", first):
        first = f"{first} {year.group(0)}"
    res = _absolute(first, published)
    return Resolved(res.label, res.start, res.precision, p) if res else None


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


def _phrases(sentence) -> list[tuple[int, int, str, str | None]]:
    """Date phrases of a sentence: DATE entities (with their parse role), then pattern hits that
    no entity covers. A pattern hit inside another name ("USA Today", "Saturday Night Live" tagged
    ORG or WORK_OF_ART) is not a date."""
    spans = [(e.start, e.end, e.text, e.role) for e in sentence.entities
             if e.label == "DATE" and not _model_year(sentence, e.end, e.text)]
    names = [(e.start, e.end) for e in sentence.entities if e.label in _NAMES]
    for m in _FIND.finditer(sentence.text):
        if any(s < m.end() and m.start() < e for s, e, *_ in spans):
            continue
        if any(s <= m.start() and m.end() <= e for s, e in names):
            continue
        spans.append((m.start(), m.end(), m.group(0), None))
    return sorted(spans)


_NAMES = {"ORG", "WORK_OF_ART", "PERSON", "PRODUCT", "FAC", "EVENT", "NORP", "GPE", "LAW"}


# ---------------------------------------------------------------- which date phrase is the event's
def _name_date(text: str, start: int, end: int) -> bool:
    """A date word that is part of a capitalised name: "Today in the Sky", "told TODAY",
    "USA Today", "Saturday Night Live", "Monday Night Football"."""
    phrase = text[start:end]
    word = phrase.strip()
    before = text[:start]
    if re.fullmatch(r"(?i)today|tonight", word):
        if word.isupper() and len(word) > 1 and not re.fullmatch(r"[^a-z]*", text):
            return True  # "told TODAY": a programme's name in capitals
        if word[0].isupper() and re.search(r"[\w,;:]\s*$", before):
            return True  # capitalised mid-sentence: "... the blog Today in the Sky"
        if re.search(r"\bUSA\s*$", before):
            return True
    # A weekday starting a capitalised title: "Saturday Night Live", "Friday Night Lights".
    return bool(re.match(rf"(?i:{_WD})\s+(?:Night|Morning|Evening)\s+[A-Z]", phrase + text[end:end + 30])
                and re.match(r"[A-Z]", word))


_UNANCHORED_BEFORE = re.compile(
    r"\b(?:every|each|any|a|an|one|some|most|other|another|all)\s+$", re.IGNORECASE)


def _unanchored(text: str, start: int, end: int) -> bool:
    """A day that is not one day: recurring or indefinite ("every Friday", "on Fridays",
    "a Sunday afternoon in October", "keep him for the weekend")."""
    phrase = text[start:end]
    if re.match(rf"(?i)(?:on\s+)?(?:{_WD})s\b", phrase + text[end:end + 1]) and re.match(rf"(?i)(?:on\s+)?(?:{_WD})s", text[start:end + 1]):
        return True  # "on Fridays"
    if re.match(rf"(?i)(?:(?:on|in|at)\s+)?(?:{_WD}|weekend|day|night|morning|afternoon|evening)\b", phrase) \
            and (u := _UNANCHORED_BEFORE.search(text[:start])):
        if u.group(0).split()[0].lower() not in ("a", "an", "one", "some"):
            return True  # "every Friday", "each Sunday"
        # "a Sunday afternoon in October" (unanchored), not "a Tuesday news conference" (a noun's day).
        return not re.match(r"\s*(?:(?:morning|afternoon|evening|night)\s+)?[a-z]+\b(?<!\bin)(?<!\bof)(?<!\bwhen)(?<!\band)(?<!\bor)", text[end:]) \
            or bool(re.match(r"\s*(?:(?:morning|afternoon|evening|night)\s+)?(?:in|of|when|and|or)\b", text[end:]))
    return bool(re.search(r"(?i)\bfor\s+(?:the\s+)?$", text[:start]) and re.match(r"(?i)(?:the\s+)?weekend\b", phrase)) \
        or bool(re.match(r"(?i)for\s+the\s+weekend", phrase))


_YEAR = re.compile(r"\b(?:1[89]|20|21)\d\d\b")
_MODAL = r"(?:will|won['’]t|would|could|might|may|can|shall|should|must|['’]ll)"
_COMPARE_BEFORE = re.compile(
    r"(?<![-\w])(?:like|unlike|(?:a\s+)?repeat\s+of|similar\s+to|as\s+in|as\s+far\s+as|compared\s+(?:with|to))\b[^,;:.!?]{0,40}$"
    r"|\bthan\s+(?:in\s+)?$",
    re.IGNORECASE,
)
_SINCE_BEFORE = re.compile(r"\bsince\s+(?:(?:the\s+)?(?:early|late|mid)[\s-]+)?$", re.IGNORECASE)


def _in_quote(text: str, start: int) -> bool:
    before = text[:start]
    curly = before.rfind("“") > before.rfind("”")
    straight = before.count('"') % 2 == 1
    return curly or straight


def _hypothetical(text: str, start: int, end: int, phrase: str) -> bool:
    """A year spoken of as ahead, hoped for, asked about or compared with, not as the time of
    something that happened: "by 2020 there will be", "could foretell a repeat of 2014", "it felt
    like 1995 again", "going as far as 2016?", a year inside a direct quote. Only for years
    (a weekday ahead is a scheduled event and is kept, resolved forwards)."""
    if not _YEAR.search(phrase) or re.search(rf"(?i)\b{_MONTH}\s*\d{{1,2}}\b|\b\d{{1,2}}\s+{_MONTH}", phrase):
        return False  # only years and month-years ("by 2020", "in March 2016")
    before, after = text[:start], text[end:]
    if _COMPARE_BEFORE.search(before) or _SINCE_BEFORE.search(before):
        return True
    if _in_quote(text, start):
        return True
    if re.search(r"(?<![.?])\?[\"”’'\s]*$", after) and not re.search(r"[.!;]\s", after):
        return True  # asked about
    if re.search(r"(?i)\bby\s+(?:the\s+end\s+of\s+)?$", before) and re.search(rf"(?i)\b{_MODAL}\b", text):
        return True  # "by 2020 there will be", "can be eradicated by 2050"
    window = " ".join(before.split()[-10:])
    modal = None
    for modal in re.finditer(rf"(?i)\b{_MODAL}\b|{_FUTURE_MODAL.pattern}", window):
        pass
    if modal and not _SPEECH.search(window[modal.end():]) and not _PAST.search(window[modal.end():]):
        return True  # "the party may field as its candidate in 2012" (not "could be the illness detected in 2014")
    if _FUTURE_BEFORE.search(before) and not re.search(r"(?i)\bfor\s*$", before):
        return True  # "through 2016", "until 2020"
    # "In 2016, she almost certainly will not be ...": a modal right after, before any past verb.
    m = re.match(rf"(?i)\W*((?:[\w'’]+\s+){{1,3}}?){_MODAL}\s+(?!and\b|or\b|that\b|of\b)[a-z]", after)
    return bool(m and not _PAST.search(m.group(1)) and not re.search(r"(?i)\b(?:last|final|living|own|her|his|its|their|the|a)\s+$", m.group(1)))


_PAST = re.compile(r"(?i)\b\w+(?:ed|id|ew|ok|ent|old|ught|own|ung)\b|\b(?:was|were|had|did|came|became|began|won|lost|met|left|made|saw|ran|got|held|found|shot|hit)\b")


_NOUN_DEPS = {"nummod", "amod", "compound", "nmod", "poss", "quantmod", "det"}
_DETERMINERS = {"a", "an", "the", "his", "her", "its", "their", "our", "my", "your", "this", "that", "these", "those"}
_DASH = re.compile(r"\s[—–-]{1,2}\s")  # a spaced dash, as around an aside
_RELATIVE = re.compile(r"[,(\[—–]\s*(?:who|whom|whose)\b", re.IGNORECASE)
# A year on one of these nouns dates what was said or written: "told X in a 2011 interview".
_RECORDS = {"interview", "interviews", "email", "e-mail", "letter", "report", "statement", "memo", "speech", "filing",
            "testimony", "deposition", "book", "memoir", "article", "post", "tweet", "essay", "will", "lawsuit",
            "complaint", "ruling", "decision", "video", "podcast", "documentary", "study", "survey", "poll", "audit"}


def _background(text: str, start: int, end: int, role: str | None, phrase: str) -> bool:
    """A date that belongs to a noun or a side clause rather than to the sentence's main verb:
    "a friend's 2000 death", "the 2016 election", "the death of a friend in 2000" (its parse
    role hangs it on a noun), "[Rosenthal, who died in 2011]" (a relative clause, brackets or an
    aside between dashes),
    Only years and month-years: a weekday on a noun ("Thursday's hearing", "a Tuesday news
    conference") is the day of that event, and a full date is precise enough to be one."""
    if not _YEAR.search(phrase) or _precision(phrase) > 2:
        return False
    if role:
        dep, *rest = role.split(":")
        if dep in _NOUN_DEPS:
            noun = rest[-1] if rest else ""
            opening = len(text[:start].split()) <= 4  # "His 2008 conviction came ...", "At his 2008 sentencing, ..."
            return not (opening or noun in _RECORDS or re.match(rf"\s+{re.escape(noun)}\b", text[end:].lower()) and noun in _RECORDS)
        if dep == "pobj" and len(rest) == 2:
            head = rest[1]
            m = None
            for m in re.finditer(rf"(\S+)\s+{re.escape(head)}\b", text[:start], re.IGNORECASE):
                pass
            if m and (m.group(1).lower() in _DETERMINERS or re.search(r"['’]s$", m.group(1))) \
                    and not re.match(r"\s*[A-Z]", text[m.end(1):]):  # not "before the Committee in 2017"
                return True  # "in connection with the death of a friend in 2000"
    before = text[:start]
    # Inside brackets that open after the sentence's start.
    for o, c in (("(", ")"), ("[", "]")):
        at = before.rfind(o)
        if at > 0 and before.rfind(c) < at:
            return True
    # Inside an aside set off by a pair of dashes: "The Lima Group – a body set up in 2017 to … – has
    # opposed …" (an odd number of spaced dashes before the date, one more after it; a dateline's
    # single dash opens no aside).
    if len(_DASH.findall(before)) % 2 == 1 and _DASH.search(text[end:]):
        return True
    m = None
    for m in _RELATIVE.finditer(before):
        pass
    if m and not re.search(r"[,;)\]—–]", before[m.end():]):
        return True  # "..., who died in 2011"
    return False


def _caption(text: str, start: int, end: int, role: str | None, phrase: str) -> bool:
    """Photo captions, tweet signatures and credits: a dated year told in the present tense ("The
    rescue vessel sets out from Sanya on March 9, 2014."), a sentence opening with a bare full date
    ("July 31, 2013 A woman waves ..."), a date after a tweet handle ("(@handle) December 28, 2016")
    or followed by a clock time and zone ("July 15, 2014 at 2:54 PM ET")."""
    if not _YEAR.search(phrase):
        return False
    before, after = text[:start], text[end:]
    if re.search(r"\(@\w+\)\s*$", before):
        return True
    if re.match(r"\s*(?:at\s+)?\d{1,2}:\d\d\s*(?:[ap]\.?m\.?)?\s*(?:ET|EST|EDT|GMT|UTC|PT|PST|PDT|CT|BST)\b", after, re.IGNORECASE):
        return True
    if not before.strip(" \"“'‘—-") and re.match(r"\s+(?:[A-Z]\w*\s|at\b|with\b)", after):
        return True  # "July 31, 2013 A woman waves ...", "September 2016 at the direction of ..."
    past = re.search(r"(?i)\b(?:was|were|had|did|has been|have been)\b", text)
    if not past and (re.search(r"\b(?:is|are)\s+(?:pictured|shown|seen)\b", text) or re.match(
            r"(?:Here,\s*|Above,\s*|Left,\s*|Right,\s*)?(?:He|She|They|[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){0,2})\s+([a-z]{2,}[^su\W]s)\b", text)
            and not _SPEECH_PRESENT.search(text[:60])
            and not re.match(r"(?:The|A|An|Their|His|Her|Its|Our|My|Many|Some|Most|All|Both|Few|Several|These|Those|This|That|"
                             r"One|Two|Three|Four|Five|Six|Seven|Eight|Nine|Ten|Other|Such|No|Each|Every|In|On|At|By|With|For|From|"
                             r"After|Before|During|As|Under|Over|Among|Amid|Despite|Since|Until|When|While|If|Because|"
                             r"Although|Though|But|And|Or|So|Yet)\b", text)):
        return True  # "He appears with ... in 1978", "Simpson tries on ... on June 15, 1995", "X is pictured ..."
    if role and role.split(":")[0] == "pobj":
        head = role.split(":")[-1]
        if re.fullmatch(r"[a-z]{2,}[^su]s", head) and head not in _NOT_VERBS \
                and not re.search(r"(?i)\b(?:was|were|had|did|has been|have been)\b", text):
            m = None
            for m in re.finditer(rf"(\S+)\s+{re.escape(head)}\b", before):
                pass
            if m and m.group(1).lower() not in _DETERMINERS and not re.match(r"\d", m.group(1)):
                return True  # "He appears with ... in 1978", "The HMS Echo ... moves through ... on April 12, 2014"
    return False


_SPEECH_PRESENT = re.compile(
    r"\b(?:says|tells|writes|notes|adds|argues|claims|insists|recalls|explains|admits|believes|thinks|wants|remembers|"
    r"reports|estimates|expects|hopes|knows|agrees|denies|faces|remains|plans|calls)\b")
_NOT_VERBS = {"years", "months", "weeks", "days", "times", "elections", "games", "olympics", "news", "series"}


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


def _precision(phrase: str) -> int:
    """How fine a phrase is in itself (day 4 ... year 1), resolved or not: a weekday is a day
    even when there is no publication date to resolve it against."""
    r = resolve(phrase, date(2001, 6, 13))
    return r.precision if r is not None else 0


# Verbs of saying: a date on one of them in a sentence that opens with a quote dates the quote.
_OPENS_QUOTE = re.compile(r"^\s*[\"“‘']")
_SAY_VERBS = frozenset("said says say told tells added adds stated wrote writes explained noted insisted recalled tweeted".split())


def _sentence_event(sentence, published: date | None) -> tuple[Resolved, int, int] | None:
    """The date of a sentence's event: the date phrase attached to its main clause, the finest
    first (a weekday beats a year: "On Tuesday, X was sentenced ... for an assault in 2004");
    names, recurring days, hypothetical years and captions are no dates. A sentence whose only
    dates are background (a year on a noun, in a relative clause or brackets) has no event."""
    found: list[tuple[tuple, Resolved, int, int]] = []
    text = sentence.text
    for start, end, phrase, role in _phrases(sentence):
        future = _future(text, start, end)
        res = resolve(phrase, published, future=future)
        if res is None or _is_stamp(text, start, end):
            continue
        if _name_date(text, start, end) or _unanchored(text, start, end):
            continue
        if _hypothetical(text, start, end, phrase) or _caption(text, start, end, role, phrase):
            continue
        if _OPENS_QUOTE.match(text) and role and role.split(":")[-1].lower() in _SAY_VERBS:
            continue  # '"This is agonizing," Daniels said Wednesday': when a quote was said, not an event
        background = _background(text, start, end, role, phrase)
        # Day and week phrases first, then month and year ones; resolved before unresolved.
        found.append(((background, -min(_precision(phrase), 3), res.start is None, start), res, start, end))
    if not found:
        return None
    found.sort(key=lambda f: f[0])
    key, res, start, end = found[0]
    if key[0]:
        return None  # a sentence whose only dates are background gives no event
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
        seen: set[str] = set()  # a sentence repeated in one article (page furniture, galleries) gives one event
        for pos, s in enumerate(art.sentences):
            if s.boilerplate:
                continue
            same = " ".join(s.text.split()).casefold()
            if same in seen:
                continue
            seen.add(same)
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
