"""conflicts: where outlets give different values for the same thing.

No entailment (NLI) model can be had offline (../shared/MODELS.md), so the default checker is
built from alignment plus numeric, date, name and negation evidence. It sits behind the
`ConflictChecker` protocol: anything with `check(a, b, pair) -> list[Finding]` can replace it
(a local NLI model, say); `find_conflicts` does the pairing, the filtering against what each
outlet says elsewhere, the merging and the reporting.

    find_conflicts(cands, facts, outlet_of) -> list[Conflict]

Which sentences are compared: every two sentences of different outlets with a cosine of at
least 0.2 (or in one fact) when both carry figures or dates; for names and negation, only
aligned sentences (one fact, or close in meaning and wording, and neither grouped with another
sentence of the other's article).

What the rule checker reports:

- **number**: a figure about the same measured thing (money in one currency, a percentage, a
  count of one noun, a length, an age) whose values cannot both be right. "The same measured
  thing" is weighed from the words around each figure (the noun it counts, the words just
  before it; people/residents/citizens... are one class), content words both sentences share,
  their similarity, one fact holding both, whether the two figures sit in corresponding places
  of a word alignment of the sentences, the same hedge on both ("more than"), and how far apart
  the values are (disagreeing reports of one figure are usually close; a toll and a population
  are not). Two counts whose nouns are written as different plurals right after them ("97
  rockets" / "70 underground rocket-launching sites") count different things. Values are
  intervals that allow for rounding and hedges: "about 3,800" agrees with "3,750", "more than
  20" with "21", "$12m" with "about $12 million"; "more than 20" and "more than a dozen" do
  not agree, nor do two different upper bounds ("up to 2 ounces" / "up to 3 ounces"). Word numbers count; "dozens"/"thousands" are too loose to clash.
- **date**: a calendar date, a year or a weekday for the same event that differs.
- **entity**: aligned sentences that name different people, places or organisations in the
  same place ("said Fire Chief Renata Solberg" / "said Fire Chief Anna Holm"). Aliases,
  spellings, abbreviations (Va./Virginia), kin and parts of one place (Gaza City / Gaza Strip),
  appositive refinements (Omak, Washington / Omak, Okanogan County), news agencies ("told
  Reuters" / "told AP") and time zones are never a conflict. Paraphrases too (`RuleChecker.swaps`,
  for sentences from a cosine of 0.35): "X, 35, was arrested at the school" / "police said
  35-year-old Y was arrested at the school", when each name is missing from the other sentence,
  both are of one kind, the rest of the sentences agree (their other words, rare ones weighing
  more, and the names both mention) and the names fill one slot (corresponding places of a word
  alignment where names are placeholders, the same words around them, or each being its
  sentence's only new name of that kind). Not reported: transliterations (Morsi / Mursi),
  acronyms (CDC), a country's other names and capital (USA / United States / Washington),
  members of a list ("X and Y"), a county and a town (unless near-certain), a name in a
  sentence when each outlet gives both names in such sentences (several people charged), and
  a name found against several different names (only its strongest counterpart stays).
- **claim**: near-identical sentences that differ by negation ("did not", "never", "denied").

Not conflicts: two figures that merely share a unit ("sanctions that may cost $11 billion" /
"assets frozen worth $7 billion": their contexts differ); figures of sentences dated to
different years, months (also a month named alone: "through July" / "as of August") or days;
an outlet that itself states both values (a rise "from 10 to 12"; a figure restated elsewhere
in its article for the same measure); increments ("another 3,000 jobs"); a figure for one day against one for a stretch of time ("on
Friday" / "this year"); figures that different verbs say of them ("approved by 86%" / "59%
rejected"); a figure for a subgroup set by a threshold ("when women used it for 20 weeks or more");
a conversion in brackets ("2,000 km (1,240 miles)") when the first figures already disagree; and, unless the evidence is strong, a measure that takes several values within
one article (a running toll, this year's and last year's cases).

Each `Conflict` has `kind`, `about` (the words that name the measure, e.g. "nations",
"damage (USD)", or the slot of a name) and `values`: every sentence that states one of the
opposing values for that measure, each with its article and sentence index.
"""

from __future__ import annotations

import difflib
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from typing import Literal, Protocol, runtime_checkable

import numpy as np

from storyweave.facts import _TITLES, STOPWORDS, fact_of, fold, name_key, same_name, stem, words
from storyweave.records import Conflict, ConflictValue, Entity, Fact, Sentence
from storyweave.summarize import Candidates

Kind = Literal["number", "date", "entity", "claim"]

# ---------------------------------------------------------------- numbers
_UNITS_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
_TENS_WORDS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
_SCALES = {"hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12, "mn": 1e6, "bn": 1e9, "tn": 1e12}
_VAGUE = {  # plural round numbers: an interval, not a value
    "dozens": (24, 99), "scores": (40, 199), "hundreds": (200, 999), "thousands": (2_000, 9_999),
    "tens of thousands": (20_000, 99_999), "hundreds of thousands": (200_000, 999_999),
    "millions": (2e6, 9.99e6), "tens of millions": (2e7, 9.99e7), "hundreds of millions": (2e8, 9.99e8),
    "billions": (2e9, 9.99e9),
}
_CURRENCY_SYM = {"$": "USD", "us$": "USD", "£": "GBP", "€": "EUR", "¥": "JPY", "₹": "INR", "c$": "CAD", "a$": "AUD"}
_CURRENCY_WORD = {
    "dollar": "USD", "dollars": "USD", "euro": "EUR", "euros": "EUR", "pound": "GBP", "pounds": "GBP",
    "yuan": "CNY", "yen": "JPY", "rupees": "INR", "rubles": "RUB", "roubles": "RUB", "pesos": "MXN",
    "bolivars": "VES", "francs": "CHF", "won": "KRW",
}
_MEASURE_UNITS = {
    "%": "%", "percent": "%", "per cent": "%", "percentage point": "pp", "percentage points": "pp",
    "mile": "mile", "miles": "mile", "mi": "mile", "km": "km", "kilometer": "km", "kilometers": "km",
    "kilometre": "km", "kilometres": "km", "foot": "ft", "feet": "ft", "ft": "ft", "inch": "in", "inches": "in",
    "meter": "m", "meters": "m", "metre": "m", "metres": "m", "cm": "cm", "mm": "mm", "centimeters": "cm",
    "centimetres": "cm", "millimeters": "mm", "millimetres": "mm", "yard": "yd", "yards": "yd",
    "acre": "acre", "acres": "acre", "hectare": "ha", "hectares": "ha", "square miles": "sq mile",
    "ton": "ton", "tons": "ton", "tonne": "tonne", "tonnes": "tonne", "pound weight": "lb", "lb": "lb", "lbs": "lb",
    "kg": "kg", "kilograms": "kg", "kilogram": "kg", "grams": "g", "gram": "g", "ounce": "oz", "ounces": "oz", "oz": "oz", "gallons": "gal", "liters": "l", "litres": "l",
    "barrels": "barrel", "barrel": "barrel", "degrees": "deg", "degree": "deg", "mph": "mph", "km/h": "km/h",
    "knots": "kn", "magnitude": "magnitude",
    "year": "years", "years": "years", "month": "months", "months": "months", "week": "weeks", "weeks": "weeks",
    "day": "days", "days": "days", "hour": "hours", "hours": "hours", "minute": "minutes", "minutes": "minutes",
    "second": "seconds", "seconds": "seconds", "decade": "decades", "decades": "decades",
}
_ATTACHED_UNITS = {"ft": "ft", "in": "in", "m": "m", "km": "km", "cm": "cm", "mm": "mm", "kg": "kg", "mph": "mph", "mi": "mile", "%": "%", "oz": "oz", "g": "g", "lb": "lb", "lbs": "lb"}
_QUALIFIERS = [  # (phrase, kind): longest first when matching
    ("no fewer than", "min"), ("no less than", "min"), ("in excess of", "min"), ("upwards of", "min"),
    ("more than", "min"), ("greater than", "min"), ("at least", "min"), ("well over", "min"), ("just over", "min"),
    ("over", "min"), ("above", "min"), ("exceeding", "min"),
    ("fewer than", "max"), ("less than", "max"), ("at most", "max"), ("up to", "max"), ("as many as", "max"),
    ("as much as", "max"), ("under", "max"), ("below", "max"), ("just under", "near"), ("nearly", "near"),
    ("almost", "near"), ("close to", "near"), ("approaching", "near"),
    ("an estimated", "about"), ("estimated", "about"), ("about", "about"), ("around", "about"),
    ("approximately", "about"), ("roughly", "about"), ("some", "about"), ("approx", "about"), ("circa", "about"),
    ("more or less", "about"),
]
_QUAL_RE = re.compile(r"(?:" + "|".join(re.escape(q) for q, _ in sorted(_QUALIFIERS, key=lambda x: -len(x[0]))) + r")\s+$", re.I)
_QUAL_KIND = dict(_QUALIFIERS)
_MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7, "august": 8,
    "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}
_WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6}
_PEOPLE = frozenset(stem(w) for w in (
    "people persons person residents resident citizens citizen inhabitants villagers civilians evacuees "
    "individuals locals households families homeowners".split()))
_GENERIC = frozenset(stem(w) for w in (
    "year years time times number total percent cent day days week month today yesterday".split()))

_NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_WORDNUM = (
    r"(?:(?:" + "|".join(_TENS_WORDS) + r")(?:[-\s](?:" + "|".join(k for k in _UNITS_WORDS if _UNITS_WORDS[k] < 10) + r"))?"
    r"|" + "|".join(sorted(_UNITS_WORDS, key=len, reverse=True)) + r"|a dozen|half a dozen|a hundred|a thousand|dozen)"
)
_FIGURE_RE = re.compile(
    r"(?P<cur>US\$|C\$|A\$|\$|£|€|¥|₹)?\s?"
    r"(?:(?P<num>" + _NUM + r")|(?P<word>\b" + _WORDNUM + r"\b))"
    r"(?:(?P<sep>\s|-)?(?P<scale>hundred|thousand|million|billion|trillion|bn|mn|tn|m|k)\b)?",
    re.I,
)
_VAGUE_RE = re.compile(
    r"\b(?P<vague>(?:tens|hundreds) of (?:thousands|millions)|dozens|scores|hundreds|thousands|millions|billions)\s+of\b",
    re.I,
)


@dataclass(frozen=True)
class Quantity:
    """A figure in a sentence, as an interval of the values it allows."""

    start: int
    end: int
    text: str  # surface, qualifier included: "more than a dozen", "about $12 million"
    value: float
    lo: float
    hi: float
    kind: str  # money | percent | measure | count | year | age
    unit: str | None  # currency code, measure unit, or None for counts
    qualifier: str  # exact | about | min | max | near | vague | range


def _precision(num: str, value: float, scale: float) -> float:
    """Half-width a rounded figure allows: 3,800 -> 50 ... 4,000 -> 200 (never above a tenth of it)."""
    if "." in num:
        decimals = len(num.split(".")[1])
        step = 10.0 ** (-decimals) * scale
    else:
        digits = num.replace(",", "")
        tz = len(digits) - len(digits.rstrip("0")) if digits.strip("0") else 0
        step = (10.0 ** tz) * scale if value >= 100 else scale
    return min(step / 2, abs(value) / 10) if value else step / 2


def _interval(value: float, half: float, qualifier: str) -> tuple[float, float]:
    if qualifier == "about":
        w = max(half, 0.04 * value)
        return value - w, value + w
    if qualifier == "min":
        return value, value * 1.4 + half
    if qualifier == "max":
        return value / 1.5 - half, value
    if qualifier == "near":
        return value * 0.88 - half, value
    return value - half, value + half


def _word_value(word: str) -> float | None:
    w = word.lower().replace("-", " ")
    if w in {"a dozen", "dozen"}:
        return 12.0
    if w == "half a dozen":
        return 6.0
    if w == "a hundred":
        return 100.0
    if w == "a thousand":
        return 1000.0
    parts = w.split()
    if parts[0] in _TENS_WORDS:
        return float(_TENS_WORDS[parts[0]] + (_UNITS_WORDS.get(parts[1], 0) if len(parts) > 1 else 0))
    if parts[0] in _UNITS_WORDS:
        return float(_UNITS_WORDS[parts[0]])
    return None


_TIME_AFTER = re.compile(r"^\s?(?:a\.?m\b\.?|p\.?m\b\.?|o'clock|gmt|utc|[ecmp][sd]?t\b|local time|hrs\b|h\b)", re.I)
_ORDINAL_AFTER = re.compile(r"^(?:st|nd|rd|th)\b", re.I)
_YEAR_OLD = re.compile(r"^[\s-]*years?[\s-]*old\b|^[\s-]*year-old", re.I)
_IDENT_BEFORE = re.compile(r"(?:\b(?:no|nos|number|route|highway|interstate|flight|section|article|chapter|room|apartment|suite|unit|gate|level|phase|stage|category|class|grade|channel|channels|line|bus|routes|pages?|platform|district|ward|precinct|item|rule|amendment|proposition|prop|form|model|version|season|episode|week|game|round|top|par|hole|lap|track|volume|vol|issue|verse|psalm|act|resolution|bill|h\.r\.|s\.|par)\.?\s*#?|#)\s*$", re.I)


def quantities(text: str) -> list[Quantity]:
    """Figures of a sentence: money, percentages, measures, counts (digits and words), years, ages.

    Times of day, ordinals, parts of dates ("March 17"), identifiers ("Route 14", "Boeing 777",
    "COVID-19") and scores are left out.
    """
    out: list[Quantity] = []
    taken: list[tuple[int, int]] = []
    for m in _VAGUE_RE.finditer(text):
        lo, hi = _VAGUE[m.group("vague").lower()]
        out.append(Quantity(m.start(), m.end("vague"), m.group("vague"), float(lo), float(lo), float(hi), "count", None, "vague"))
        taken.append((m.start(), m.end()))
    for m in _FIGURE_RE.finditer(text):
        if any(a <= m.start() < b for a, b in taken):
            continue
        q = _figure(text, m)
        if q is not None and not any(a <= q.start < b or q.start <= a < q.end for a, b in taken):
            out.append(q)
            taken.append((q.start, q.end))
    out.sort(key=lambda q: q.start)
    return out


def _figure(text: str, m: re.Match) -> Quantity | None:
    num, word, cur = m.group("num"), m.group("word"), m.group("cur")
    start, end = m.start("num") if num else m.start("word"), m.end()
    if cur:
        start = m.start("cur")
    before = text[: (m.start("num") if num else m.start("word"))]
    after = text[end:]
    prev_ch = before[-1:] if before else ""
    if num:
        if prev_ch and (prev_ch.isalpha() or prev_ch in "-/:.#") and not cur:  # COVID-19, F-35, 10:30, v2.0
            return None
        if after[:1] in {":", "/"} or _ORDINAL_AFTER.match(after) or re.match(r"^'?s\b", after):
            return None
        if re.match(r"^[-–]\d", after) and re.search(r"\b(?:score|won|beat|lost|defeated|victory|win|wins|draw|vote|votes|voted|ruling)\b", text, re.I):
            return None  # a score or a vote, 3-1, 5-4
        if _TIME_AFTER.match(after) or re.match(r"^\s(?:block|th\b|st\b)", after, re.I):
            return None
        # Parts of dates: "March 17", "17 March", "Jan. 10, 2019"
        if re.search(r"\b(?:" + "|".join(_MONTHS) + r")\.?\s*$", before, re.I) and float(num.replace(",", "") or 0) <= 31:
            return None
        if re.match(r"^\s?(?:of\s)?(?:" + "|".join(k for k in _MONTHS if len(k) > 3) + r"|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)\b", after, re.I) and float(num.replace(",", "")) <= 31 and not m.group("scale"):
            return None
        if re.search(r"\b(?:" + "|".join(_MONTHS) + r")\.?\s+\d{1,2},\s*$", before, re.I):
            return None  # the year of "March 17, 2026" belongs to the date
        if _IDENT_BEFORE.search(before) and not cur:
            return None
        # Phone numbers and codes: "(800) 222-TIPS", "1-800-824-3463", "222-8477"
        if re.search(r"\(\s*$", before) and re.match(r"^\s*\)\s*\d", after):
            return None
        if re.match(r"^-(?:\d|[A-Z]{2})", after) or (prev_ch == "-" and re.search(r"\d-$", before)):
            return None
        # A capitalised word right before a bare number is a name ("Boeing 777", "Windows 10"),
        # unless it begins the sentence or is a unit-less quantity word.
        pw = re.search(r"([A-Z][\w'’]*)\s$", before)
        if pw and not cur and pw.start(1) > 0 and pw.group(1).lower() not in _QUAL_KIND and pw.group(1).lower() not in {"about", "some", "over", "nearly", "almost", "around"}:
            if not re.match(r"^\s?(?:%|percent|per cent|million|billion|people|[a-z]+s\b)", after, re.I):
                return None
        raw_value = float(num.replace(",", ""))
    else:
        wv = _word_value(word)
        if wv is None:
            return None
        if word.lower() == "one":
            return None  # "one of", "no one": too ambiguous to compare
        if word.lower() in {"second"}:
            return None
        raw_value = wv
        if re.match(r"^[-\s]?(?:thirds?|halves|quarters?|fifths?|tenths?)\b", after, re.I):
            return None
    scale_word = (m.group("scale") or "").lower()
    scale = 1.0
    attached_unit: str | None = None
    if scale_word:
        if scale_word == "m" and not cur:
            # "7.5m" without a currency is metres; "$12m" is millions.
            if m.group("sep"):
                return None
            attached_unit = "m"
        elif scale_word == "k" and not cur:
            scale = 1e3
        else:
            scale = _SCALES.get(scale_word, 1e6 if scale_word == "m" else 1e3 if scale_word == "k" else 1.0)
    # "three million", "two hundred thousand"
    tail = re.match(r"^\s(hundred|thousand|million|billion|trillion)\b", after, re.I) if scale == 1.0 and not attached_unit else None
    if tail:
        scale = _SCALES[tail.group(1).lower()]
        end += tail.end()
        after = text[end:]
    # Ranges: "10-12 feet", "10 to 12 million", "between 10 and 12", "two to four weeks"
    range_hi: float | None = None
    if word and not tail:
        wr = re.match(r"^(?:\s?[-–]\s?|\sto\s|\sor\s)(" + _WORDNUM + r")\b", after, re.I)
        if wr and (v2w := _word_value(wr.group(1))) is not None and v2w > raw_value:
            range_hi = v2w
            end += wr.end()
            after = text[end:]
    if num and not scale_word and not tail:
        rng = re.match(r"^(?:\s?[-–]\s?|\sto\s)(" + _NUM + r")(?!\d)(?:\s(hundred|thousand|million|billion|trillion)\b)?", after)
        if not rng and re.search(r"\bbetween\s+(?:\$|£|€)?$", text[: m.start("num")], re.I):
            rng = re.match(r"^\sand\s(?:\$|£|€)?(" + _NUM + r")(?!\d)(?:\s(hundred|thousand|million|billion|trillion)\b)?", after)
        if rng:
            v2 = float(rng.group(1).replace(",", ""))
            sc2 = _SCALES[rng.group(2).lower()] if rng.group(2) else 1.0
            if v2 * sc2 > raw_value and not (1800 <= raw_value <= 2100 and v2 < 100):
                scale = sc2
                range_hi = v2 * sc2
                end += rng.end()
                after = text[end:]
    value = raw_value * scale
    half = _precision(num or "1", value, scale) if num else (0.5 * scale if raw_value != 12 else 0.5)

    qualifier = "exact"
    bare_start = start
    qm = _QUAL_RE.search(text[:start])
    if qm:
        qualifier = _QUAL_KIND[qm.group(0).strip().lower()]
        start = qm.start()
    # "another 3,000 jobs", "99 more", "an additional $10": an increment, not the total.
    if re.search(r"\b(?:another|additional|further|extra|more|other)\s+$", text[:start], re.I) or re.match(
        r"^\s(?:more|additional|extra|further|others)\b", text[end:], re.I
    ):
        qualifier = "increment"

    kind, unit = "count", None
    currency = _CURRENCY_SYM.get((cur or "").lower())
    um = re.match(r"^\s?(?:US\s)?([A-Za-z%][A-Za-z/]*(?:\s(?:points?|cent|miles|weight))?)", after)
    after_word = (um.group(1).lower() if um else "")
    if currency:
        kind, unit = "money", currency
    elif after_word in _CURRENCY_WORD and not re.match(r"^\s?pounds?\s(?:of|weight)", after, re.I):
        kind, unit = "money", _CURRENCY_WORD[after_word]
    elif attached_unit:
        kind, unit = "measure", attached_unit
    elif (
        _YEAR_OLD.match(after)
        or re.search(r"\baged\s*$", text[:start], re.I)
        or (num and raw_value < 120 and re.search(r"[A-Z][\w'’-]+,\s(?:now\s)?$", text[:start]) and re.match(r"^\s?(?:,|\.|\)|$)", after))
    ):
        kind, unit = "age", "years"
    elif um and after_word in _MEASURE_UNITS and not (after_word == "in" or after_word == "m"):
        unit = _MEASURE_UNITS[after_word]
        kind = "percent" if unit in {"%", "pp"} else "measure"
    elif um and after[:1] != " " and after_word in _ATTACHED_UNITS:
        unit = _ATTACHED_UNITS[after_word]
        kind = "percent" if unit == "%" else "measure"
    elif after[:1] == "%" or after[:2] == " %":
        kind, unit = "percent", "%"
    elif num and "," not in num and "." not in num and 1800 <= raw_value <= 2100 and scale == 1.0 and not cur:
        if not re.match(r"^\s(?:people|residents|troops|soldiers|[a-z]+s)\b", after):
            kind, unit = "year", None
            half = 0.5
            # "over 2013", "before 2015": a year is named, not hedged ("double over 2013" is not "after 2013")
            qualifier, start = "exact", bare_start
    lo, hi = _interval(value, half, qualifier)
    if range_hi is not None:
        qualifier = "range"
        lo, hi = value - half, range_hi + half
    if kind == "year" or kind == "age":
        lo, hi = (value - 0.5, value + 0.5) if qualifier == "exact" else (lo, hi)
    surface = text[start:end]
    if kind == "percent" and unit == "%":
        pm = re.match(r"^\s?(?:%|percent|per cent)", after, re.I)
        if pm:
            end += pm.end()
            surface = text[start:end]
    return Quantity(start, end, surface, value, lo, hi, kind, unit, qualifier)


def compatible(a: Quantity, b: Quantity) -> bool:
    """Whether two figures of one kind and unit can both be right (intervals overlap)."""
    if a.kind != b.kind or a.unit != b.unit:
        return True  # not comparable: no evidence of a clash
    if a.qualifier == b.qualifier == "max" and not math.isclose(a.value, b.value, rel_tol=1e-9):
        return False  # the same bound on different figures ("up to 2 ounces" / "up to 3 ounces"): two limits
    lo, hi = max(a.lo, b.lo), min(a.hi, b.hi)
    if lo < hi:
        return True
    # Two point-like values that are equal.
    return math.isclose(a.value, b.value, rel_tol=1e-9) and a.qualifier == b.qualifier


# ---------------------------------------------------------------- dates
@dataclass(frozen=True)
class DateMention:
    start: int
    end: int
    text: str
    year: int | None = None
    month: int | None = None
    day: int | None = None
    weekday: int | None = None

    def clashes(self, other: DateMention) -> bool | None:
        """True: they cannot be the same date; False: they agree; None: not comparable."""
        if self.weekday is not None or other.weekday is not None:
            if self.weekday is not None and other.weekday is not None:
                return self.weekday != other.weekday
            return None
        shared = [(x, y) for x, y in ((self.year, other.year), (self.month, other.month), (self.day, other.day)) if x is not None and y is not None]
        if not shared:
            return None
        # A day without its month cannot be compared.
        if self.day is not None and other.day is not None and (self.month is None or other.month is None):
            return None
        if (self.day is None) != (other.day is None) and (self.month is not None and other.month is not None) and self.month == other.month:
            return False
        return any(x != y for x, y in shared)


_MONTH_ALT = r"(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)"
_DATE_RES = [
    re.compile(r"\b(?P<month>" + _MONTH_ALT + r")\.?\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?\b(?:,?\s+(?P<year>(?:18|19|20)\d{2})\b)?"),
    re.compile(r"\b(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<month>" + _MONTH_ALT + r")\b\.?(?:,?\s+(?P<year>(?:18|19|20)\d{2})\b)?"),
    re.compile(r"\b(?P<month>January|February|March|April|June|July|August|September|October|November|December)\s+(?:of\s+)?(?P<year>(?:18|19|20)\d{2})\b"),
    re.compile(r"\b(?:on|last|next|this|since|until|by|from|early|late)\s+(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b|\b(?P<weekday2>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"),
]


def dates(text: str) -> list[DateMention]:
    """Calendar dates ("March 17, 2026", "17 March", "January 2019") and weekdays of a sentence."""
    out: list[DateMention] = []
    taken: list[tuple[int, int]] = []
    for rx in _DATE_RES:
        for m in rx.finditer(text):
            if any(a < m.end() and m.start() < b for a, b in taken):
                continue
            g = m.groupdict()
            wd = g.get("weekday") or g.get("weekday2")
            if wd:
                s = m.start("weekday") if g.get("weekday") else m.start("weekday2")
                e = s + len(wd)
                out.append(DateMention(s, e, wd, weekday=_WEEKDAYS[wd.lower()]))
                taken.append((s, e))
                continue
            month = _MONTHS.get(g["month"].lower().rstrip(".")) if g.get("month") else None
            if g["month"] == "May" and not g.get("day") and not g.get("year"):
                continue
            day = int(g["day"]) if g.get("day") else None
            if day is not None and not 1 <= day <= 31:
                continue
            year = int(g["year"]) if g.get("year") else None
            out.append(DateMention(m.start(), m.end(), m.group(0), year=year, month=month, day=day))
            taken.append((m.start(), m.end()))
    out.sort(key=lambda d: d.start)
    return out


# ---------------------------------------------------------------- statements and their context
_NEGATORS = frozenset("not n't never no none nobody nothing neither nor cannot denied denies deny denying".split())
# Heads that say nothing of a name's part in the story: speaking, reporting, being.
_SAY = frozenset(stem(w) for w in (
    "say says said tell tells told add adds added according report reports reported state states stated write writes "
    "wrote note notes noted explain explains explained announce announces announced comment comments commented "
    "speak speaks spoke ask asks asked quote quoted describe described confirm confirms confirmed "
    "agree agrees agreed believe believes believed think thinks thought know knew known want wants wanted "
    "get gets got make makes made go goes went come came take took include includes including "
    "decline declines declined refuse refuses refused respond responds responded reply replies replied "
    "warn warns warned urge urges urged argue argues argued insist insists insisted"
).split())
_AUX = frozenset("do does did done has have had having is are was were be been being will would shall should can could may might must".split())
_NUMBER_WORDS = frozenset(
    list(_UNITS_WORDS) + list(_TENS_WORDS) + list(_SCALES) + ["dozen", "dozens", "hundreds", "thousands", "millions", "billions", "tens", "scores", "half"]
)
_NOT_CONTEXT = _NUMBER_WORDS | frozenset(q for q, _ in _QUALIFIERS for q in q.split()) | frozenset(_MONTHS) | frozenset(_WEEKDAYS) | frozenset(
    "percent cent per us usd dollars dollar euros pounds estimated nearly almost roughly approximately old aged".split()
) | frozenset(k for k in _MEASURE_UNITS if " " not in k) | frozenset(_CURRENCY_WORD) | frozenset({"inches", "inch", "ft", "km", "mph"})
# News agencies and broadcasters: "told Reuters" / "told AP" is attribution, not a disagreement.
_MEDIA = frozenset(
    fold(x) for x in (
        "reuters", "ap", "associated press", "afp", "agence france-presse", "agence france presse", "bloomberg",
        "cnn", "bbc", "nbc", "abc", "cbs", "fox", "fox news", "msnbc", "npr", "pbs", "al jazeera", "xinhua",
        "tass", "ria novosti", "interfax", "dpa", "efe", "ansa", "kyodo", "yonhap", "upi", "the new york times",
        "new york times", "the washington post", "washington post", "the wall street journal", "wall street journal",
        "the guardian", "guardian", "the times", "usa today", "politico", "axios", "the hill", "cnbc", "sky news",
        "the telegraph", "daily mail", "the independent", "los angeles times", "la times", "time", "newsweek",
        "the atlantic", "vox", "huffpost", "huffington post", "buzzfeed", "buzzfeed news", "the daily beast",
        "tmz", "people", "variety", "deadline", "the hollywood reporter", "e! news", "us weekly", "page six",
        "abc news", "nbc news", "cbs news", "the associated press", "twitter", "facebook", "instagram", "youtube",
    )
)
_CLAUSE_BREAK = re.compile(r"[;:()\[\]—–]|,\s")
_JOIN = re.compile(r"\b(?:and|but|while|whereas|as|after|before|when|compared|versus|vs)\b", re.I)


@dataclass(frozen=True)
class _Context:
    head: frozenset[str]  # first content stems after the figure, within its clause: what it counts
    near: frozenset[str]  # head + a few content stems right before
    people: bool  # counts people (people, residents, citizens...)
    person: bool = False  # counts some kind of person (workers, soldiers, students...)
    noun: str | None = None  # the noun counted, if one is seen
    plural: bool = False  # the noun is written as a plural right after the figure ("70 launch sites"): surely what it counts


_PERSON_NOUNS = frozenset(stem(w) for w in (
    "men women children kids boys girls adults students workers employees soldiers troops officers police "
    "victims patients passengers migrants refugees protesters demonstrators activists members fans voters "
    "prisoners inmates detainees suspects militants fighters rebels civilians journalists teachers doctors "
    "nurses staff crew firefighters pilots athletes players tourists visitors customers users americans".split()))


def _plural_noun(st: str) -> bool:
    """A stem that looks like the noun a count counts (crudely: a plural, a people word)."""
    return st in _PEOPLE or st in _PERSON_NOUNS or (len(st) > 3 and not st.endswith(("ly", "ing")))


def _person_noun(st: str) -> bool:
    return st in _PEOPLE or st in _PERSON_NOUNS or st.endswith(("er", "or", "ist", "ant", "ent", "ian"))


@dataclass
class Statement:
    """A sentence as a checker sees it: where it is, its text, its named entities."""

    article: str
    sentence: int
    text: str
    outlet: str = ""
    entities: Sequence[Entity] = ()

    @classmethod
    def from_sentence(cls, s: Sentence, article: str, outlet: str = "") -> Statement:
        return cls(article=article, sentence=s.index, text=s.text, outlet=outlet, entities=tuple(s.entities))

    @cached_property
    def tokens(self) -> list[tuple[str, int, int]]:
        return words(self.text)

    @cached_property
    def folded(self) -> list[str]:
        """The tokens, folded (lower case, no accents): what word alignment compares."""
        return [fold(w) for w, _, _ in self.tokens]

    @cached_property
    def quantities(self) -> list[Quantity]:
        return quantities(self.text)

    @cached_property
    def dates(self) -> list[DateMention]:
        return dates(self.text)

    @cached_property
    def content(self) -> list[tuple[str, int, int]]:
        """(stem, start, end) of the content words."""
        out = []
        for w, s, e in self.tokens:
            f = fold(w)
            if f in STOPWORDS or f in _NOT_CONTEXT or f[:1].isdigit() or len(f) < 2 or f in _AUX:
                continue
            out.append((stem(f), s, e))
        return out

    @cached_property
    def period(self) -> tuple[bool, bool]:
        """(dated to a day: "on Friday", "on May 3"; dated to a stretch of time: "this year", "since ...")."""
        return any(d.weekday is not None or d.day is not None for d in self.dates), bool(_SPAN.search(self.text))

    @cached_property
    def stems(self) -> frozenset[str]:
        return frozenset(st for st, _, _ in self.content)

    @cached_property
    def names(self) -> list[_Name]:
        """Names of people, organisations, places and groups (titles and "the" dropped; news
        agencies, time zones, months left out)."""
        return _names_of(self)

    @cached_property
    def loose_names(self) -> list[_Name]:
        """Proper nouns spaCy left untagged (`_loose_names`)."""
        return _loose_names(self)

    @cached_property
    def with_loose(self) -> Statement:
        """This sentence with its untagged proper nouns counted among its names."""
        if not self.loose_names:
            return self
        other = Statement(self.article, self.sentence, self.text, self.outlet, self.entities)
        other.__dict__.update({k: v for k, v in self.__dict__.items() if k in {"tokens", "folded", "content", "stems"}})
        other.__dict__["names"] = sorted(self.names + self.loose_names, key=lambda n: n.start)
        other.__dict__["loose_names"] = []
        return other

    @cached_property
    def masked(self) -> tuple[list[str], list[int]]:
        """The folded tokens with each name collapsed to one placeholder, and for each token the
        index of its name in `names` (-1 for other words): what name slots are aligned on."""
        toks: list[str] = []
        owner: list[int] = []
        names = self.names
        for w, s0, _ in self.tokens:
            k = next((n for n, x in enumerate(names) if x.start <= s0 < x.end), -1)
            if k >= 0:
                if owner and owner[-1] == k:
                    continue
                toks.append("\x00")
            else:
                toks.append(fold(w))
            owner.append(k)
        return toks, owner

    @cached_property
    def plain(self) -> frozenset[str]:
        """Content stems outside the names: what two sentences share when a name is swapped."""
        names = self.names
        return frozenset(st for st, s0, _ in self.content if not any(x.start <= s0 < x.end for x in names))

    @cached_property
    def spans(self) -> list[tuple[int, int]]:
        """Where the figures and dates are (context never reaches across one)."""
        return sorted([(q.start, q.end) for q in self.quantities] + [(d.start, d.end) for d in self.dates])

    def context(self, start: int, end: int) -> _Context:
        """What a figure (or date) at text[start:end] is about: the words it counts and those before it."""
        text = self.text
        stop_after = min([s for s, _ in self.spans if s >= end] + [len(text)])
        stop_before = max([e for _, e in self.spans if e <= start] + [0])
        head: list[str] = []
        plural: str | None = None  # the first of them written as a plural ("underground rocket-launching sites")
        seen, e_prev = 0, end
        for st, s, e in self.content:
            if s < end:
                continue
            if s >= stop_after or _CLAUSE_BREAK.search(text[end:s]) or _JOIN.search(text[end:s]):
                break
            if len(head) >= 3 and (plural is not None or seen >= 5 or re.search(r"[^\w\s-]|\s\w+\s", text[e_prev:s])):
                break  # the plural is looked for a little further, within the noun phrase
            seen += 1
            e_prev = e
            if len(head) < 3:
                head.append(st)
            w = text[s:e].lower()
            if plural is None and len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is")):
                plural = st
        before: list[str] = []
        for st, s, e in reversed(self.content):
            if e > start:
                continue
            if e <= stop_before or len(before) >= 4 or re.search(r"[;()\[\]—–]", text[e:start]) or _JOIN.search(text[e:start]):
                break
            before.append(st)
        head_set = frozenset(h for h in head if h not in _GENERIC)
        near = frozenset(head_set | {b for b in before if b not in _GENERIC})
        people = bool(_PEOPLE & (frozenset(head) | frozenset(before[:2])))
        noun = plural or next((h for h in head if _plural_noun(h)), None)
        person = bool(noun and _person_noun(noun))
        return _Context(head_set - _PEOPLE, near - _PEOPLE, people, person, noun, plural is not None)


@dataclass(frozen=True)
class Pair:
    """What the pairing knows about two statements: their similarity and whether one fact holds both."""

    similarity: float
    same_fact: bool = False
    informative: frozenset[str] = frozenset()  # content stems rare enough in the story to be evidence
    rival: bool = False  # one of the two is grouped (same fact) with another sentence of the other's article
    mutual: bool = False  # each is the other's closest sentence in its article
    rare: frozenset[str] = frozenset()  # content stems in very few of the story's sentences
    idf: Mapping[str, float] = field(default_factory=dict)  # how rare each stem is in the story
    labels: Mapping[str, str] = field(default_factory=dict)  # name id -> the kind the story mostly tags it with
    names_only: bool = False  # compared only for swapped names (too far apart in meaning for the rest)


@dataclass(frozen=True)
class Finding:
    """One disagreement between statement `a` and statement `b`.

    `a_value`/`b_value` are what each says (surface text); `a_key`/`b_key` identify the value for
    merging findings into one conflict (equal keys = the same value); `strength` ranks findings.
    """

    kind: Kind
    about: str
    a_value: str
    b_value: str
    a_key: tuple = ()
    b_key: tuple = ()
    strength: float = 1.0
    a_span: tuple[int, int] | None = None  # where in a's text the value is, if known
    b_span: tuple[int, int] | None = None


@runtime_checkable
class ConflictChecker(Protocol):
    """Anything that says where two statements from different outlets disagree.

    A model-backed checker (a local NLI model, say) implements this and is passed to
    `find_conflicts(..., checker=...)`; it may return `Finding(kind="claim", ...)` for a
    contradiction it detects between the two sentences.
    """

    def check(self, a: Statement, b: Statement, pair: Pair) -> list[Finding]: ...


# ---------------------------------------------------------------- the rule-based checker
def _ratio(a: float, b: float) -> float:
    a, b = abs(a), abs(b)
    if min(a, b) == 0:
        return math.inf
    return max(a, b) / min(a, b)


def _show(q: Quantity) -> str:
    return q.text.strip()


@dataclass
class RuleChecker:
    """Numbers, dates, names and negation, from the sentences' wording (no model).

    Evidence that two values are about the same thing: the words around each (the noun a count
    counts, the words just before), content words both sentences share, the sentences'
    similarity, one fact holding both, and, for sentences similar enough to be aligned word by
    word, whether the two values sit in corresponding places (a replaced span of the alignment).
    """

    near_duplicate: float = 0.8  # from this similarity negation is compared word by word
    align_from: float = 0.55  # from this similarity (or within one fact) sentences are aligned word by word
    min_count: float = 2.5  # evidence needed for a count (no unit)
    min_unit: float = 2.0  # ... for money, percentages, measures, ages
    min_date: float = 2.0  # ... for dates and years
    min_weekday: float = 2.5  # ... for weekdays (outlets publish on different days)
    min_name: float = 2.0  # ... for names
    names_from: float = 0.55  # sentences not grouped in one fact are compared for names from this similarity
    slot_from: float = 0.6  # ... and for names in the same slot of a paraphrase from this one
    swap_from: float = 0.35  # sentences are compared for swapped names from this similarity (or in one fact)
    swap_overlap: float = 0.3  # swapped names: the rest of the two sentences must share this much (weighted)
    swap_overlap_role: float = 0.15  # ... or this much, for names in the same part of the parse among the same words
    swap_dice: float = 0.4  # ... (Dice of their other words) unless close in meaning or one fact
    swap_dice_role: float = 0.3  # ... lower when the two names play the same part (both "was arrested")
    role_bonus: float = 0.5  # evidence for two names playing the same part in the parse
    swap_alone: float = 1.2  # ... agree this closely when only being each sentence's one new name puts them in one slot
    min_swap: float = 2.85  # ... and the evidence reach this
    figure_bonus: float = 0.4  # ... more when both sentences give one distinctive figure ("$5,000", "35-year-old")
    swap_same: float = 0.8  # ... names tagged as different kinds: the rest must agree this closely (Dice)
    sure_swap: float = 4.0  # ... this for places of different sizes (a county / a town)

    def check(self, a: Statement, b: Statement, pair: Pair) -> list[Finding]:
        if pair.names_only:
            return self.swaps(a, b, pair) if pair.similarity >= self.swap_from else []
        aligned = pair.same_fact or pair.similarity >= self.align_from
        segs = _replaced(a, b) if aligned or (a.quantities and b.quantities) else []
        found = self.numbers(a, b, pair, segs) + self.dates(a, b, pair, segs)
        if pair.same_fact or (not pair.rival and (pair.similarity >= self.names_from or pair.mutual)):
            share = _matched_share(a, b)
            # Sentences not grouped as one fact must share most of their words (or be close in
            # meaning and share half): a different name moves the embedding, not the wording.
            if pair.same_fact or share >= 0.65 or (share >= 0.5 and pair.similarity >= self.names_from):
                segs = segs or _replaced(a, b)
                by_diff = self.names(a, b, pair, segs)
            else:
                by_diff = []
            found += by_diff
            if not by_diff and pair.same_fact and pair.similarity >= self.slot_from:
                found += self.slot_names(a, b, pair, segs)
        if pair.same_fact or pair.similarity >= self.swap_from:
            taken = [f.a_span for f in found if f.kind == "entity"] + [f.b_span for f in found if f.kind == "entity"]
            for f in self.swaps(a, b, pair):
                if not any(t and (t[0] < f.a_span[1] and f.a_span[0] < t[1] or t[0] < f.b_span[1] and f.b_span[0] < t[1]) for t in taken):  # type: ignore[index]
                    found.append(f)
        if pair.similarity >= self.near_duplicate:
            found += self.negation(a, b, pair)
        return found

    # -- shared evidence that two spans measure the same thing
    def evidence(
        self, a: Statement, sa: tuple[int, int], b: Statement, sb: tuple[int, int], pair: Pair, segs: Sequence[_Seg] = ()
    ) -> tuple[float, bool, int, bool]:
        """(score, same head noun, shared near words, in corresponding places of the alignment)."""
        ca, cb = a.context(*sa), b.context(*sb)
        head = bool(ca.head & cb.head) or (ca.people and (cb.people or cb.person)) or (cb.people and ca.person)
        near = len(ca.near & cb.near)
        placed = _corresponding(sa, sb, segs)
        shared = (a.stems & b.stems & pair.informative) - (ca.near & cb.near) - _PEOPLE
        score = (1.0 if head else 0.0) + 0.5 * min(near, 3) + 0.35 * min(len(shared), 2)
        score += max(0.0, pair.similarity - 0.5) * 2.5
        if pair.same_fact:
            score += 0.5
        if placed:
            # in corresponding places of the word alignment: strong when the sentences are aligned
            score += 1.5 if (pair.same_fact or pair.similarity >= self.align_from) else 0.75
        return score, head, near, placed

    def numbers(self, a: Statement, b: Statement, pair: Pair, segs: Sequence[_Seg] = ()) -> list[Finding]:
        cands: list[tuple[float, int, int]] = []
        qa_list, qb_list = a.quantities, b.quantities
        other_times = _different_times(a, b) or _day_and_span(a, b)
        for i, qa in enumerate(qa_list):
            for j, qb in enumerate(qb_list):
                if qa.kind != qb.kind or qa.unit != qb.unit or compatible(qa, qb):
                    continue
                if other_times and qa.kind != "year":
                    continue  # figures for different periods ("in 2014, 121 cases" / "as of August, 50")
                if "increment" in (qa.qualifier, qb.qualifier) or "vague" in (qa.qualifier, qb.qualifier):
                    continue  # "another 3,000"; "dozens", "thousands": too loose to contradict anything
                if _projected(a, qa.start) != _projected(b, qb.start):
                    continue  # "if no one wins, it will rise to $950 million" / "rose to $586 million"
                if _other_subjects(a, qa.start, b, qb.start):
                    continue  # "Ashkelon, 10 miles north of Gaza" / "Kiryat Malachi, about 15 miles north of Gaza"
                if _other_predicates(a, qa, b, qb):
                    continue  # "approved by 86% of investors" / "59% of investors rejected"
                if _subgroup(a, qa) != _subgroup(b, qb):
                    continue  # "when women took it for 20 weeks or more, 50%" / "women who took it: 29%"
                pa, pb = _converted(a, i), _converted(b, j)
                if pa is not None and pb is not None and pa.unit == pb.unit and not compatible(pa, pb):
                    continue  # "2,000 km (1,240 miles)" / "1,700km (1,000 miles)": one disagreement, told by the first figures
                score = self.figure_evidence(a, qa, b, qb, pair, segs)
                if score is not None:
                    cands.append((score, i, j))
        out: list[Finding] = []
        used_a: set[int] = set()
        used_b: set[int] = set()
        for score, i, j in sorted(cands, reverse=True):
            if i in used_a or j in used_b:
                continue
            qa, qb = qa_list[i], qb_list[j]
            # Either sentence also states the other's value for the same thing: not a disagreement.
            if any(k != j and _agrees(q, qa) and _same_measure(a, (qa.start, qa.end), b, (q.start, q.end))
                   for k, q in enumerate(qb_list)):
                continue
            if any(k != i and _agrees(q, qb) and _same_measure(b, (qb.start, qb.end), a, (q.start, q.end))
                   for k, q in enumerate(qa_list)):
                continue
            used_a.add(i)
            used_b.add(j)
            kind: Kind = "date" if qa.kind == "year" else "number"
            out.append(Finding(kind, self.about(a, (qa.start, qa.end), b, (qb.start, qb.end), qa), _show(qa), _show(qb),
                               _qkey(qa), _qkey(qb), score, (qa.start, qa.end), (qb.start, qb.end)))
        return out

    def figure_evidence(
        self, a: Statement, qa: Quantity, b: Statement, qb: Quantity, pair: Pair, segs: Sequence[_Seg] = ()
    ) -> float | None:
        """How sure we are that two clashing figures measure the same thing (None: not enough)."""
        score, head, near, placed = self.evidence(a, (qa.start, qa.end), b, (qb.start, qb.end), pair, segs)
        # Reports of one figure that disagree are usually close (3,800 / 4,200); figures far apart
        # usually measure different things (a toll and a population).
        r = _ratio(qa.value, qb.value)
        score += 0.75 if r <= 1.3 else 0.25 if r <= 1.75 else -0.25 if r <= 3 else -0.75 if r <= 10 else -1.5
        if qa.qualifier == qb.qualifier and qa.qualifier in {"about", "min", "max", "near"}:
            score += 0.5  # the same hedge ("more than 20" / "more than a dozen"): the same running tally
        ca, cb = a.context(qa.start, qa.end), b.context(qb.start, qb.end)
        if ca.head & cb.head & pair.rare:
            score += 0.5  # they count the same, rarely mentioned thing ("nations", "athletes")
        close = pair.same_fact or pair.similarity >= 0.6
        dup = pair.similarity >= self.near_duplicate
        if qa.kind == "count":
            if placed and (pair.same_fact or pair.similarity >= self.align_from):
                # in corresponding places of aligned sentences; in loosely related sentences a
                # word alignment lines up figures by chance ("her three young children" / "a
                # mother to two young girls"), so those go through the checks below
                return score if score >= self.min_count else None
            na, nb = ca.noun, cb.noun
            if na and nb and na != nb and (not head or (ca.plural and cb.plural and not (ca.person and cb.person))):
                return None  # "seven cases" / "24 states"; "97 rockets" / "70 rocket-launching sites"
            small = max(qa.value, qb.value) <= 10
            if not (head or near >= 2 or (dup and near >= 1)) or (small and not close) or score < self.min_count:
                return None
        elif qa.kind == "age":
            if not ((head or placed or near >= 1) and close) or score < self.min_count:
                return None
        elif qa.kind == "year":
            aligned = pair.same_fact or pair.similarity >= self.align_from
            if not aligned or not (placed or (near >= 1 and (head or pair.same_fact))) or score < self.min_date:
                return None  # years: only within aligned sentences (a story mentions many years)
        elif (near < 1 and not head and not placed) or score < self.min_unit:
            return None
        return score

    def dates(self, a: Statement, b: Statement, pair: Pair, segs: Sequence[_Seg] = ()) -> list[Finding]:
        out: list[Finding] = []
        used_b: set[int] = set()
        for da in a.dates:
            best: tuple[float, int] | None = None
            agreed = False
            for j, db in enumerate(b.dates):
                clash = da.clashes(db)
                if clash is None:
                    continue
                if not clash:
                    if _same_measure(a, (da.start, da.end), b, (db.start, db.end)) or pair.similarity >= 0.8:
                        agreed = True  # b states a's date for the same event
                        break
                    continue
                if j in used_b:
                    continue
                score, head, near, placed = self.evidence(a, (da.start, da.end), b, (db.start, db.end), pair, segs)
                weekday = da.weekday is not None
                need = self.min_weekday if weekday else self.min_date
                if (near < 1 and not placed) or score < need or (weekday and not placed and pair.similarity < 0.7):
                    continue
                if best is None or score > best[0]:
                    best = (score, j)
            if agreed or best is None:
                continue
            db = b.dates[best[1]]
            if any(d.clashes(db) is False for d in a.dates if d is not da):
                continue  # a states b's date too
            used_b.add(best[1])
            out.append(Finding("date", self.about(a, (da.start, da.end), b, (db.start, db.end), None), da.text, db.text,
                               _dkey(da), _dkey(db), best[0], (da.start, da.end), (db.start, db.end)))
        return out

    def names(self, a: Statement, b: Statement, pair: Pair, segs: Sequence[_Seg] = ()) -> list[Finding]:
        """A name replaced by another in corresponding places of two aligned sentences."""
        ta, tb = a.tokens, b.tokens
        ents_a = [(e.start, e.end) for e in a.entities if e.label in _NAME_ENT]
        ents_b = [(e.start, e.end) for e in b.entities if e.label in _NAME_ENT]
        out: list[Finding] = []
        for seg in segs:
            spans = _name_spans(a, b, seg, ents_a, ents_b)
            if spans is None:
                continue
            i1, i2, j1, j2, equal_sides = spans
            if _appositive(a.text, ta, i1) or _appositive(b.text, tb, j1):
                continue  # "Omak, Washington" / "Omak, Okanogan County": a refinement, not another place
            i1, i2 = _trim(ta, i1, i2)
            j1, j2 = _trim(tb, j1, j2)
            seg_a = a.text[ta[i1][1] : ta[i2 - 1][2]]
            seg_b = b.text[tb[j1][1] : tb[j2 - 1][2]]
            if _alias(seg_a, seg_b):
                continue
            if "," in seg_a or "," in seg_b:
                continue  # a list of names, not a name
            ea = _entity_at(a, ta[i1][1], ta[i2 - 1][2])
            eb = _entity_at(b, tb[j1][1], tb[j2 - 1][2])
            if ea is None and eb is None:
                continue  # at least one must be a name spaCy recognises
            if ea is None or eb is None:
                # spaCy tags one of the two only (a name opening a quote, a shop name): the other
                # counts when it reads unmistakably as a proper noun in the very same place
                loose = _loose_name(a, i1, i2) if ea is None else _loose_name(b, j1, j2)
                if loose is None or equal_sides < 2 or not (pair.same_fact or pair.similarity >= self.slot_from):
                    continue
                ea = ea or (loose, eb[1])  # type: ignore[index]
                eb = eb or (loose, ea[1])
            if _label_class(ea[1]) != _label_class(eb[1]) and (equal_sides < 3 or pair.similarity < 0.75):
                continue  # of one kind (person, place, organisation), unless the slot is unmistakable
            name_a, name_b = ea[0], eb[0]
            if _alias(name_a, name_b) or _related(name_a, name_b) or _is_media(name_a) or _is_media(name_b):
                continue
            if _mentions(b.text, name_a) and _mentions(a.text, name_b):
                continue  # both names in both sentences: reordered, not replaced
            # The words around the two names must agree (same slot), and the sentences be close.
            ctx = self.evidence(a, (ta[i1][1], ta[i2 - 1][2]), b, (tb[j1][1], tb[j2 - 1][2]), pair, segs)
            score = ctx[0] + 0.25 * min(equal_sides, 4)
            opening = i1 == 0 and j1 == 0  # both sentences open with the name: only its right side can agree
            if score < self.min_name or equal_sides < (1 if opening or pair.similarity >= 0.75 else 2):
                continue
            left = " ".join(w for w, _, _ in ta[max(0, i1 - 3) : i1])
            right = " ".join(w for w, _, _ in ta[i2 : i2 + 2])
            about = f"name in “{left} … {right}”".replace("“ … ", "“… ").replace(" … ”", " …”")
            out.append(Finding("entity", about, name_a, name_b, ("entity", _name_id(name_a)), ("entity", _name_id(name_b)),
                               score, (ta[i1][1], ta[i2 - 1][2]), (tb[j1][1], tb[j2 - 1][2])))
        return out

    def slot_names(self, a: Statement, b: Statement, pair: Pair, segs: Sequence[_Seg] = ()) -> list[Finding]:
        """A name in one sentence and another name of the same kind in the same slot of its
        counterpart (same word right before or right after, or two of the three on either side),
        each missing from the other sentence: the paraphrase case the word alignment misses."""
        only_a = _unmatched(a, b)
        only_b = _unmatched(b, a)
        out: list[Finding] = []
        for ea in only_a:
            for eb in only_b:
                if ea.label != "PERSON" or eb.label != "PERSON":
                    continue  # places and organisations in parallel slots are too often both right
                if _alias(ea.text, eb.text) or _related(ea.text, eb.text) or _is_media(ea.text) or _is_media(eb.text):
                    continue
                if not _same_slot(a.text, (ea.start, ea.end), b.text, (eb.start, eb.end)):
                    continue
                ctx = self.evidence(a, (ea.start, ea.end), b, (eb.start, eb.end), pair, segs)
                if ctx[0] < self.min_name:
                    continue
                _, left, _ = _neighbour_words(a.text, ea.start, ea.end)
                about = f"name in “{' '.join(left[-3:])} …”"
                out.append(Finding("entity", about, ea.text, eb.text, ("entity", _name_id(ea.text)), ("entity", _name_id(eb.text)),
                                   ctx[0], (ea.start, ea.end), (eb.start, eb.end)))
                break
        return out

    def swaps(self, a: Statement, b: Statement, pair: Pair) -> list[Finding]:
        """A name in one sentence and another name in the same place of its counterpart, when the
        two sentences say the same thing but for the names ("X, 35, was arrested at the school" /
        "police said 35-year-old Y was arrested at the school").

        Each name must be missing from the other sentence and both be of one kind (person,
        organisation, place, group: the kind the story mostly gives the name). The rest of the two
        sentences must agree (`_swap_align`: their other words, rare ones weighing more, and the
        names they share), and the two names must fill the same slot: corresponding places of a
        word alignment in which names are placeholders, the same words right around them, or, in
        sentences that agree closely, being the only name of their kind that each sentence adds.
        Sentences sharing few words qualify only for names in the same part of the parse among the
        same words; one distinctive figure that both give ("$7,500") is evidence of one fact. A
        proper noun spaCy left untagged (`Statement.loose_names`) may stand against a tagged name
        in the same place of the alignment.
        """
        found = self._swaps(a, b, pair)
        # A name spaCy tagged on one side only: its counterpart may be an untagged proper noun.
        la = [n for n in a.loose_names if not _named_in(n, b)]
        lb = [n for n in b.loose_names if not _named_in(n, a)]
        if (la and any(not _named_in(n, a) for n in b.names)) or (lb and any(not _named_in(n, b) for n in a.names)):
            taken = [f.a_span for f in found] + [f.b_span for f in found]
            for f in self._swaps(a.with_loose, b.with_loose, pair, loose=True):
                if not any(t and (t[0] < f.a_span[1] and f.a_span[0] < t[1] or t[0] < f.b_span[1] and f.b_span[0] < t[1]) for t in taken):  # type: ignore[index]
                    found.append(f)
        return found

    def _swaps(self, a: Statement, b: Statement, pair: Pair, loose: bool = False) -> list[Finding]:
        """`swaps` over the names of a and b; `loose`: only pairs of a tagged name and an untagged
        proper noun (label ""), which must stand in the same place of the alignment."""
        # A capital standing for its country elsewhere in the other sentence ("tensions between
        # Islamabad and Washington") does not name the country of this slot ("Pakistan agreed …").
        only_a = [k for k, n in enumerate(a.names) if not _named_in(n, b, capitals=False)]
        only_b = [k for k, n in enumerate(b.names) if not _named_in(n, a, capitals=False)]
        if not only_a or not only_b:
            return []
        ov, dice = _swap_align(a, b, pair.idf)
        figure = _shared_figure(a, b)
        amount = figure and _shared_figure(a, b, amounts=True)
        # Reworded sentences that share few words: only a name in the same part of the parse and
        # among the same words ("the breach at X" / "the data breach at Y stores") stays a candidate.
        parallel: set[tuple[int, int]] = set()
        if ov < self.swap_overlap and not pair.same_fact and not figure:
            if ov < self.swap_overlap_role:
                return []
            parallel = {
                (x, y) for x in only_a for y in only_b
                if a.names[x].slot is not None and a.names[x].slot == b.names[y].slot
                and _same_slot(a.text, (a.names[x].start, a.names[x].end), b.text, (b.names[y].start, b.names[y].end))
            }
            if not parallel:
                return []
        ratio, placed = _name_slots(a, b)
        align = 0.75 * ov + 0.75 * dice + 0.5 * ratio
        kinds_a = {x: _kind_of(a.names[x], pair.labels) for x in only_a}
        kinds_b = {y: _kind_of(b.names[y], pair.labels) for y in only_b}
        cands: list[tuple[float, int, int]] = []
        for x in only_a:
            for y in only_b:
                na, nb = a.names[x], b.names[y]
                if _same_entity(na.text, nb.text):
                    continue  # "Washington imposed …" / "The United States imposed …": one country
                ka, kb = kinds_a[x], kinds_b[y]
                support = placed.get((x, y), -1)
                if loose:
                    if (na.label == "") == (nb.label == "") or support < 2:
                        continue  # one tagged name, one untagged, in the same place of the alignment
                    ka = kb = kb if na.label == "" else ka
                    if _lead(a.text, na.start) != _lead(b.text, nb.start):
                        continue  # "myelitis (AFM)" / "myelitis. Robin Roberts": not one place
                window = _same_slot(a.text, (na.start, na.end), b.text, (nb.start, nb.end))
                alone = ka == kb and sum(k == ka for k in kinds_a.values()) == 1 and sum(k == kb for k in kinds_b.values()) == 1
                role = na.slot is not None and na.slot == nb.slot  # both "was arrested", both "the breach at"
                if ka != kb and not (support >= 2 and ({ka, kb} <= {"person", "org"} or {ka, kb} <= {"org", "place"})) and not (
                        support >= 3 and dice >= self.swap_same and {ka, kb} <= {"person", "org", "place"}):
                    continue  # different kinds of name, unless in unmistakably the same place (the rest word for word)
                if parallel and ((x, y) not in parallel or not alone):
                    continue  # reworded: each sentence's one new name of the kind, in the same part
                if _listed(a, x) or _listed(b, y):
                    continue  # one of a list ("from Australia and western USA"): a list is not a slot
                if support < 1 and not window and not role and not (alone and (align >= self.swap_alone or amount) and dice >= 0.5 and (
                        pair.same_fact or pair.similarity >= 0.55 or (dice >= 0.7 and ratio >= 0.5))):
                    continue  # not in the same slot
                if dice < (self.swap_dice_role if role else self.swap_dice) and not pair.same_fact and not figure and pair.similarity < 0.55:
                    continue  # the rest of the sentences differ too much (two people quoted on one show)
                score = 2.0 * align + 0.25 * min(max(support, 0), 4) + (0.5 if window else 0.0) + (0.3 if alone else 0.0)
                score += self.role_bonus if role else 0.0
                score += max(0.0, pair.similarity - 0.4) + (0.3 if pair.same_fact else 0.0) + (self.figure_bonus if figure else 0.0)
                if ka == kb == "place" and _region(na.text) != _region(nb.text) and score < self.sure_swap:
                    continue  # a county and a town in it, a country and its city: both may be right
                if score >= self.min_swap:
                    cands.append((score, x, y))
        out: list[Finding] = []
        used_a: set[int] = set()
        used_b: set[int] = set()
        for score, x, y in sorted(cands, reverse=True):
            if x in used_a or y in used_b:
                continue
            used_a.add(x)
            used_b.add(y)
            na, nb = a.names[x], b.names[y]
            _, left, right = _neighbour_words(a.text, na.start, na.end)
            about = f"name in “{' '.join(left[-3:])} … {' '.join(right[:2])}”".replace("“ … ", "“… ").replace(" … ”", " …”")
            out.append(Finding("entity", about, na.text, nb.text, ("entity", _name_id(na.text)), ("entity", _name_id(nb.text)),
                               score, (na.start, na.end), (nb.start, nb.end)))
        return out

    def negation(self, a: Statement, b: Statement, pair: Pair) -> list[Finding]:
        ta, tb = a.tokens, b.tokens
        na = [_is_negator(w) for w, _, _ in ta]
        nb = [_is_negator(w) for w, _, _ in tb]
        if (sum(na) > 0) == (sum(nb) > 0):
            return []
        rest_a = {st for st, _, _ in a.content if fold(st) not in _NEGATORS}
        rest_b = {st for st, _, _ in b.content if fold(st) not in _NEGATORS}
        if not rest_a or not rest_b:
            return []
        jacc = len(rest_a & rest_b) / len(rest_a | rest_b)
        if jacc < 0.75:
            return []
        # The words around the negation on each side.
        neg, pos, nflags = (a, b, na) if sum(na) else (b, a, nb)
        k = nflags.index(True)
        fneg = [fold(w) for w, _, _ in neg.tokens]
        fpos = [fold(w) for w, _, _ in pos.tokens]
        sm = difflib.SequenceMatcher(None, fneg, fpos, autojunk=False)
        j_at = None
        for tag, i1, i2, j1, j2 in sm.get_opcodes():
            if i1 <= k < max(i2, i1 + 1) and tag != "equal":
                j_at = (j1, j2, i1, i2)
                break
        if j_at is None:
            return []
        j1, j2, i1, i2 = j_at
        neg_words = neg.tokens[i1 : i2 + 3]
        pos_words = pos.tokens[j1 : j2 + 3]
        neg_val = neg.text[neg_words[0][1] : neg_words[-1][2]] if neg_words else "not"
        pos_val = pos.text[pos_words[0][1] : pos_words[-1][2]] if pos_words else "(affirmed)"
        about = " ".join(_surface_content(neg)[:6])
        va, vb = (neg_val, pos_val) if neg is a else (pos_val, neg_val)
        return [Finding("claim", about or "claim", va, vb, ("claim", a.article, a.sentence), ("claim", b.article, b.sentence), 1.5)]

    def about(self, a: Statement, sa: tuple[int, int], b: Statement, sb: tuple[int, int], q: Quantity | None) -> str:
        """Short description of the measure: the words both contexts share, in a's order, else a's own."""
        ca, cb = a.context(*sa), b.context(*sb)
        shared = (ca.near & cb.near) | (a.stems & b.stems)
        picked: list[str] = []
        for w, s, e in a.tokens:
            f = fold(w)
            if s >= sa[0] - 60 and e <= sa[1] + 60 and not (sa[0] <= s < sa[1]):
                st = stem(f)
                if f in STOPWORDS or f in _NOT_CONTEXT or f[:1].isdigit() or len(f) < 2:
                    continue
                if (st in ca.near and st in shared) or (ca.people and cb.people and st in _PEOPLE):
                    if w not in picked:
                        picked.append(w)
        if not picked:
            picked = [w for w, s, _ in a.tokens if s >= sa[1] and fold(w) not in STOPWORDS][:2]
        label = " ".join(picked[:4])
        if q is not None and q.kind == "money":
            label = f"{label} ({q.unit})" if label else str(q.unit)
        elif q is not None and q.kind in {"percent", "measure", "age"} and q.unit:
            label = f"{label} ({q.unit})" if label else str(q.unit)
        return label or "figure"


_NAME_ENT = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW"})
_MAX_SEG = 6  # longest replaced span (tokens) that still counts as "the same place"


@dataclass(frozen=True)
class _Seg:
    """A replaced span of a word alignment: tokens a[i1:i2] stand where b[j1:j2] stand."""

    i1: int
    i2: int
    j1: int
    j2: int
    a_span: tuple[int, int]
    b_span: tuple[int, int]
    equal_left: int  # equal tokens right before (up to 3)
    equal_right: int  # equal tokens right after (up to 3)


def _replaced(a: Statement, b: Statement) -> list[_Seg]:
    """Short replaced spans of the word alignment of two sentences (where they say different things)."""
    ta, tb = a.tokens, b.tokens
    if not ta or not tb:
        return []
    ops = difflib.SequenceMatcher(None, a.folded, b.folded, autojunk=False).get_opcodes()
    out = []
    for k, (tag, i1, i2, j1, j2) in enumerate(ops):
        if tag != "replace":
            continue
        left = ops[k - 1] if k > 0 and ops[k - 1][0] == "equal" else None
        right = ops[k + 1] if k + 1 < len(ops) and ops[k + 1][0] == "equal" else None
        eq_l = min(3, left[2] - left[1]) if left else 0
        eq_r = min(3, right[2] - right[1]) if right else 0
        out.append(_Seg(i1, i2, j1, j2, (ta[i1][1], ta[i2 - 1][2]), (tb[j1][1], tb[j2 - 1][2]), eq_l, eq_r))
    return out


def _matched_share(a: Statement, b: Statement) -> float:
    """Share of the two sentences' words that the word alignment matches (1.0: the same words)."""
    if not a.folded or not b.folded:
        return 0.0
    return difflib.SequenceMatcher(None, a.folded, b.folded, autojunk=False).ratio()


def _corresponding(sa: tuple[int, int], sb: tuple[int, int], segs: Sequence[_Seg]) -> bool:
    """Whether two spans fall in one replaced span of the alignment, with equal words around it."""
    for seg in segs:
        if seg.equal_left + seg.equal_right < 1 or seg.i2 - seg.i1 > _MAX_SEG or seg.j2 - seg.j1 > _MAX_SEG:
            continue
        if sa[0] < seg.a_span[1] and seg.a_span[0] < sa[1] and sb[0] < seg.b_span[1] and seg.b_span[0] < sb[1]:
            return True
    return False
_NAME_JOINERS = frozenset({"de", "da", "del", "der", "van", "von", "bin", "al", "el", "la", "le", "di", "du", "of", "and", "&"})


_CONDITIONAL = re.compile(r"^\W*(?:If|Unless|Should)\b|\b(?:if|unless)\b[^.;:]{3,80},")


def _projected(s: Statement, start: int) -> bool:
    """Whether a figure is the outcome of a condition, not a reported value: the sentence opens
    with "If" / "Unless", or an "if ..." clause comes before the figure ("If no one wins on
    Tuesday, the jackpot will rise to $950 million"). (A modal alone is no sign: outlets report
    one plan as "will cut 2,000 jobs" and "plans to cut 2,000 jobs".)"""
    return bool(_CONDITIONAL.search(s.text[:start]))


_FIGURE_LABELS = frozenset({"CARDINAL", "MONEY", "PERCENT", "QUANTITY", "DATE"})


def _predicate(s: Statement, start: int, end: int) -> str | None:
    """The verb a figure is itself the subject or object of, from the parse (its entity's role:
    'subj:approved', 'subjpass:intercepted', 'dobj:raised'); None when the figure modifies a noun
    ("97 rockets") or hangs on a word of saying or being."""
    for e in s.entities:
        if e.label in _FIGURE_LABELS and e.role and e.start < end and start < e.end:
            dep, _, head = e.role.partition(":")
            if dep not in {"subj", "subjpass", "dobj"} or not head or ":" in head:
                return None
            h = fold(head)
            if h in _AUX or stem(h) in _SAY:
                return None
            return stem(h)
    return None


def _other_predicates(a: Statement, qa: Quantity, b: Statement, qb: Quantity) -> bool:
    """Whether the two figures are what different verbs say of them, each verb missing from the
    other sentence: "approved by around 86% of investors" / "59% of investors rejected the pay"."""
    va, vb = _predicate(a, qa.start, qa.end), _predicate(b, qb.start, qb.end)
    return va is not None and vb is not None and va != vb and va not in b.stems and vb not in a.stems


# A threshold that picks out a subgroup, in a clause of its own: "when women used it for 20 weeks
# or more", "among those aged 65 or older", "if they smoked 10 cigarettes a day or more".
_SUBGROUP = re.compile(
    r"\b(?:when|whenever|among|if|who|whose|those)\b[^.;:]{0,80}?"
    r"\b(?P<fig>[\d.,]+|[a-z]+)(?:\s+[a-z]+){0,3}\s+or\s+(?:more|longer|older|over|above|greater|higher)\b",
    re.I,
)


def _subgroup(s: Statement, q: Quantity) -> bool:
    """Whether the sentence holds its figure for a subgroup set by a threshold clause (not the
    figure's own hedge: "20 or more people were hurt")."""
    for m in _SUBGROUP.finditer(s.text):
        if not (m.start("fig") <= q.start < m.end() or q.start <= m.start("fig") < q.end):
            return True
    return False


_CONVERSION_GAP = re.compile(r"^[\s-]?[^\W\d]{0,12}\.?\s*[(\[]\s*$")


def _converted(s: Statement, k: int) -> Quantity | None:
    """The figure that the k-th figure of s converts to another unit, when it stands in brackets
    right after it: "about 2,000 kilometers (about 1,240 miles)", "£10m ($13m)"."""
    if k == 0:
        return None
    q, p = s.quantities[k], s.quantities[k - 1]
    if p.kind != q.kind or p.kind not in {"measure", "money"} or p.unit == q.unit:
        return None
    return p if _CONVERSION_GAP.match(s.text[p.end : q.start]) else None


def _other_subjects(a: Statement, start_a: int, b: Statement, start_b: int) -> bool:
    """Whether the two figures belong to different named things: the name right before each
    (within its clause, a few words back) differs, and neither sentence names the other's
    ("In Ashkelon, 10 miles north of Gaza" / "Kiryat Malachi, a town about 15 miles north of Gaza")."""
    na, nb = _name_before(a, start_a), _name_before(b, start_b)
    return na is not None and nb is not None and not _named_in(na, b) and not _named_in(nb, a)


def _name_before(s: Statement, start: int) -> _Name | None:
    for n in sorted(s.names, key=lambda n: -n.end):
        if n.end <= start:
            gap = s.text[n.end : start]
            # An apposition describes the name: "Ashkelon, about 10 miles north of Gaza".
            if gap.startswith(",") and len(gap) <= 60 and not re.search(r"[;.!?]|\b(?:said|says|told|and|but|while)\b", gap):
                return n
            return None
    return None


def _qkey(q: Quantity) -> tuple:
    return ("q", q.kind, q.unit, round(q.lo, 6), round(q.hi, 6))


def _dkey(d: DateMention) -> tuple:
    return ("d", d.year, d.month, d.day, d.weekday)


# A month named alone as the time of a figure ("through July, 32 cases"; "as of August").
_MONTH_ANCHOR = re.compile(
    r"\b(?i:in|through|thru|since|by|until|till|as of|during|last|this|early|late|mid-?|end of)\s+"
    r"(January|February|March|April|May|June|July|August|September|October|November|December)\b(?!\s+\d)"
)
_MONTH_NUMBER = {m: k for k, m in enumerate(
    "January February March April May June July August September October November December".split(), start=1)}


def _anchors(s: Statement) -> tuple[set[int], set[int], set[int]]:
    years = {int(q.value) for q in s.quantities if q.kind == "year"} | {d.year for d in s.dates if d.year}
    months = {d.month for d in s.dates if d.month} | {_MONTH_NUMBER[m] for m in _MONTH_ANCHOR.findall(s.text)}
    weekdays = {d.weekday for d in s.dates if d.weekday is not None}
    return years, months, weekdays  # type: ignore[return-value]


def _different_times(a: Statement, b: Statement) -> bool:
    """Both sentences are explicitly dated, and to different years, months or days."""
    return any(x and y and x.isdisjoint(y) for x, y in zip(_anchors(a), _anchors(b)))


# A figure summed over a stretch of time ("this year", "so far", "since the war began").
_SPAN = re.compile(
    r"\b(?:(?:so far )?this (?:year|month|season|decade)|so far|to date|in recent (?:years|months|weeks)"
    r"|(?:in )?the (?:past|last) (?:\w+ )?(?:years?|months?|weeks?|decades?)|since (?:the|its|it|their|he|she|they)\b)",
    re.I,
)


def _day_and_span(a: Statement, b: Statement) -> bool:
    """One sentence dates its figures to a day ("on Friday", "on May 3") and the other to a stretch
    of time ("this year", "since the conflict began"): counts over different periods."""
    (da, sa), (db, sb) = a.period, b.period
    return (da and not sa and sb and not db) or (db and not sb and sa and not da)


def _agrees(q: Quantity, other: Quantity) -> bool:
    """q states other's value (same kind and unit, compatible, and not merely a vague range)."""
    return (
        q.kind == other.kind and q.unit == other.unit and compatible(q, other)
        and q.qualifier not in {"vague", "increment"} and other.qualifier != "vague"
    )


def _is_negator(w: str) -> bool:
    f = fold(w)
    return f in _NEGATORS or f.endswith("n't")


def _surface_content(s: Statement) -> list[str]:
    return [s.text[b:e] for _, b, e in s.content]


def _name_like(toks: list[tuple[str, int, int]], i1: int, i2: int, ents: list[tuple[int, int]]) -> bool:
    """Tokens that read as a name: capitalised words (initials, titles and joiners allowed), not a
    month or weekday, not a sentence's first word unless spaCy tagged it as a name."""
    seg = toks[i1:i2]
    if not seg:
        return False
    real = 0
    for k, (w, _, _) in enumerate(seg):
        f = fold(w)
        if (f in _NAME_JOINERS and 0 < k < len(seg) - 1) or (len(w) == 1 and w.isupper()) or f in _TITLES:
            continue
        if not w[:1].isupper() or f in _MONTHS or f in _WEEKDAYS or f in STOPWORDS:
            return False
        real += 1
    if not real:
        return False
    in_ent = any(a <= seg[0][1] and seg[-1][2] <= b for a, b in ents)
    return in_ent or i1 > 0


_GENERIC_NAME_WORDS = frozenset(
    "city county state states district province region republic kingdom united university college school "
    "department ministry office agency police court house center centre park street road river lake national "
    "international new north south east west northern southern eastern western saint st al el la de".split()
)


def _name_spans(a: Statement, b: Statement, seg: _Seg, ents_a, ents_b) -> tuple[int, int, int, int, int] | None:
    """The names that a replaced span swaps: the whole span when it is a name on both sides, else
    the run of name words at its start (after equal words) or at its end (before equal words, or
    at the end of a sentence). Returns (i1, i2, j1, j2, equal words around) or None."""
    ta, tb = a.tokens, b.tokens
    i1, i2, j1, j2 = seg.i1, seg.i2, seg.j1, seg.j2
    if i2 - i1 <= _MAX_SEG and j2 - j1 <= _MAX_SEG and _name_like(ta, i1, i2, ents_a) and _name_like(tb, j1, j2, ents_b):
        return i1, i2, j1, j2, seg.equal_left + seg.equal_right
    if seg.equal_left >= 1:
        ra, rb = _run(a.text, ta, i1, i2, 1), _run(b.text, tb, j1, j2, 1)
        if ra > i1 and rb > j1 and _name_like(ta, i1, ra, ents_a) and _name_like(tb, j1, rb, ents_b):
            return i1, ra, j1, rb, seg.equal_left
    ends = i2 == len(ta) or j2 == len(tb)  # a sentence ends right after the name
    if seg.equal_right >= 1 or ends:
        ra, rb = _run(a.text, ta, i2 - 1, i1 - 1, -1), _run(b.text, tb, j2 - 1, j1 - 1, -1)
        if ra < i2 - 1 and rb < j2 - 1 and _name_like(ta, ra + 1, i2, ents_a) and _name_like(tb, rb + 1, j2, ents_b):
            return ra + 1, i2, rb + 1, j2, max(seg.equal_right, 1)
    return None


def _run(text: str, toks: list[tuple[str, int, int]], start: int, stop: int, step: int) -> int:
    """Walk capitalised words (not "The", "In"...; not across punctuation) from `start` towards
    `stop`, at most 5; where the run ends."""
    k, n = start, 0
    while k != stop and n < 5 and toks[k][0][:1].isupper() and (fold(toks[k][0]) not in STOPWORDS or fold(toks[k][0]) in _TITLES):
        if n:
            prev = toks[k - step]
            gap = text[prev[2] : toks[k][1]] if step > 0 else text[toks[k][2] : prev[1]]
            if gap.strip(" .-'’"):
                break
        k += step
        n += 1
    return k


def _unmatched(a: Statement, b: Statement) -> list[Entity]:
    """Names in `a` (people, places, organisations) that `b` does not mention in any form."""
    out = []
    for e in a.entities:
        if e.label not in {"PERSON", "ORG", "GPE", "LOC", "FAC"} or not e.text[:1].isupper():
            continue
        if _mentions(b.text, e.text) or any(_alias(e.text, o.text) for o in b.entities if o.label in _NAME_ENT):
            continue
        out.append(e)
    return out


_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")


def _neighbour_words(text: str, start: int, end: int) -> tuple[str | None, list[str], list[str]]:
    toks = [m.group().lower() for m in _WORD.finditer(text[:start])][-3:]
    right = [m.group().lower() for m in _WORD.finditer(text[end:])][:3]
    return (toks[-1] if toks else None), toks, right


def _same_slot(ta: str, sa: tuple[int, int], tb: str, sb: tuple[int, int]) -> bool:
    """Two of: the same word right before, the same word right after, two more shared among the
    three words on either side."""
    la, left_a, right_a = _neighbour_words(ta, *sa)
    lb, left_b, right_b = _neighbour_words(tb, *sb)
    ra = right_a[0] if right_a else None
    rb = right_b[0] if right_b else None
    votes = int((la is not None and la == lb and la not in {"the", "a", "an", "and", "of", "in", "to"}) or (la is None and lb is None))
    votes += int(ra is not None and ra == rb)
    shared = (set(left_a) | set(right_a)) & (set(left_b) | set(right_b))
    voted = ({la} if la == lb else set()) | ({ra} if ra == rb else set())  # counted once (and either way round)
    # Both open their sentence with the same words right before the name ("Liberty-based X" /
    # "Liberty-based Y"): the whole left side agrees, however short.
    whole = len(left_a) >= 2 and left_a == left_b and len(_WORD.findall(ta[: sa[0]])) == len(_WORD.findall(tb[: sb[0]])) == len(left_a)
    votes += int(len(shared - voted) >= 2 or whole)
    return votes >= 2


def _trim(toks: list[tuple[str, int, int]], i1: int, i2: int) -> tuple[int, int]:
    """Drop stray single letters at the edges of a span ("Todd Rutherford (R" -> "Todd Rutherford")."""
    while i2 - i1 > 1 and len(toks[i2 - 1][0]) == 1:
        i2 -= 1
    while i2 - i1 > 1 and len(toks[i1][0]) == 1:
        i1 += 1
    return i1, i2


def _entity_at(s: Statement, start: int, end: int) -> tuple[str, str] | None:
    """The name at a span: the span joined with the named entity that overlaps it most (text
    without leading titles, label), if spaCy found one."""
    best, overlap = None, 0
    for e in s.entities:
        if e.label not in _NAME_ENT:
            continue
        o = min(end, e.end) - max(start, e.start)
        if o > overlap and o >= 0.5 * min(end - start, e.end - e.start):
            text = s.text[min(start, e.start) : max(end, e.end)]
            words_ = text.split()
            while len(words_) > 1 and (fold(words_[0]).strip(".") in _TITLES or fold(words_[0]) in {"the", "fire", "police"}):
                words_ = words_[1:]
            best, overlap = (" ".join(words_), e.label), o
    return best


def _loose_name(s: Statement, i1: int, i2: int) -> str | None:
    """The text of tokens i1:i2 when they read as a proper noun that spaCy left untagged: no
    entity of any kind overlaps them, each word is capitalised (joiners, initials and titles
    allowed, at least one other word), and they are not a sentence's capitalised first word alone."""
    toks = s.tokens[i1:i2]
    if not toks:
        return None
    start, end = toks[0][1], toks[-1][2]
    if any(e.start < end and start < e.end for e in s.entities):
        return None
    real = [w for w, _, _ in toks if fold(w).strip(".") not in _TITLES and fold(w) not in _NAME_JOINERS and not (len(w) == 1 and w.isupper())]
    if not real or any(not w[:1].isupper() or fold(w) in STOPWORDS or fold(w) in _MONTHS or fold(w) in _WEEKDAYS for w in real):
        return None
    if all(fold(w) in _GENERIC_NAME_WORDS for w in real):
        return None
    lead = _lead(s.text, start)
    before = s.tokens[i1 - 1][0] if i1 > 0 else ""
    abbrev = lead == "." and (fold(before) in _TITLES or (len(before) <= 3 and before[:1].isupper()))  # "Mr. Ames", "St. Paul"
    opening = not s.text[:start].strip(" \"'“‘(") or (lead[-1:] in {".", "!", "?", ":", ";", "-", "—", "–"} and not abbrev)
    if opening and len(real) < 2:
        return None  # "Officials said ..." / "Police said ...": any sentence's first word is capitalised
    return s.text[start:end]


def _shared_figure(a: Statement, b: Statement, amounts: bool = False) -> bool:
    """Both sentences give one distinctive figure, to the digit: an amount of money, a measure, a
    percentage, an age, a count of at least 100 (not a year: a story dates many things to one year).
    `amounts`: only an amount of money, a measure or a percentage (an age describes a person, and
    names of a person and of where they come from sit around it alike)."""
    return any(
        _agrees(qa, qb) and qa.value == qb.value and qa.kind != "year" and (qa.kind != "count" or qa.value >= 100)
        and (not amounts or qa.kind in {"money", "measure", "percent"})
        for qa in a.quantities for qb in b.quantities
    )


def _lead(text: str, start: int) -> str:
    """The punctuation right before a word (quotes and spaces aside): "(", ",", "." or ""."""
    m = re.search(r"[^\w]*$", re.sub(r"(?i)\b(?:the|a|an)\s+$", "", text[:start]))
    return re.sub(r"[\s\"'“”‘’]", "", m.group()) if m else ""


def _loose_names(s: Statement) -> list[_Name]:
    """Runs of capitalised words (not across punctuation; leading "The" and titles dropped) that
    no entity of any kind overlaps and that `_loose_name` accepts: names spaCy missed, such as a
    name opening a quote ("“Harbor Trust gave us the boat,” she said")."""
    toks = s.tokens
    out: list[_Name] = []
    k = 0
    while k < len(toks):
        if not toks[k][0][:1].isupper():
            k += 1
            continue
        end = k + 1
        while end < len(toks) and end - k < 6:
            w = toks[end][0]
            gap = s.text[toks[end - 1][2] : toks[end][1]]
            if gap.strip(" .-'’") or not (w[:1].isupper() or (fold(w) in _NAME_JOINERS and end + 1 < len(toks) and toks[end + 1][0][:1].isupper())):
                break
            end += 1
        i1 = k
        while i1 < end - 1 and (fold(toks[i1][0]) in {"the", "a", "an"} or fold(toks[i1][0]) in _TITLES):
            i1 += 1
        text = _loose_name(s, i1, end)
        if text is not None:
            m = re.search(r"['’]s?$", text)
            stop = toks[end - 1][2] - (len(m.group()) if m else 0)
            text = s.text[toks[i1][1] : stop]
            if not _is_media(text):
                out.append(_Name(text, "", toks[i1][1], stop))
        k = end
    return out


def _label_class(label: str) -> str:
    return {"GPE": "place", "LOC": "place", "FAC": "place", "PERSON": "agent", "ORG": "agent"}.get(label, label)


def _related(a: str, b: str) -> bool:
    """Names that share a distinctive word: kin ("Bashar al-Assad" / "Hafez al-Assad") or parts of
    one place ("Gaza City" / "Gaza Strip"). Not reported: too often both are right."""
    ka = {t for t in name_key(a.replace("-", " ")) if t not in _GENERIC_NAME_WORDS and len(t) > 1}
    kb = {t for t in name_key(b.replace("-", " ")) if t not in _GENERIC_NAME_WORDS and len(t) > 1}
    return bool(ka & kb)


def _appositive(text: str, toks: list[tuple[str, int, int]], i: int) -> bool:
    return i > 0 and text[toks[i - 1][2] : toks[i][1]].strip() == "," and toks[i - 1][0][:1].isupper()


def _close(a: str, b: str, cut: float) -> bool:
    """difflib's similarity ratio of a and b reaches `cut`, its cheap upper bounds tried first
    (the documented idiom: most name pairs differ in length or letters and stop there)."""
    sm = difflib.SequenceMatcher(None, a, b)
    return sm.real_quick_ratio() >= cut and sm.quick_ratio() >= cut and sm.ratio() >= cut


def _alias(a: str, b: str) -> bool:
    """Same entity: one name within the other, or one an acronym of the other (ISD, U.N.)."""
    if same_name(a, b):
        return True
    ka, kb = name_key(a), name_key(b)
    if _close(" ".join(ka), " ".join(kb), 0.85):
        return True  # spelling variants: Defence / Defense, Guaido / Guaidó
    if len(ka) == len(kb) == 1 and min(len(ka[0]), len(kb[0])) >= 2:
        short, long_ = sorted((ka[0].replace(".", ""), kb[0].replace(".", "")), key=len)
        if len(short) <= 5 and short[0] == long_[0] and _subsequence(short, long_):
            return True  # abbreviations: Va. / Virginia, Calif. / California
    if ka and kb and min(len(ka[-1]), len(kb[-1])) >= 5 and _close(ka[-1], kb[-1], 0.85):
        return True  # one surname spelt two ways: Gardner / Garner
    sa, sb = set(ka), set(kb)
    ra = [t for t in ka if t not in sb and t not in {"of", "the", "and", "for"}]
    rb = [t for t in kb if t not in sa and t not in {"of", "the", "and", "for"}]
    for x, y in ((ra, rb), (rb, ra)):
        if len(x) == 1 and len(y) >= 2 and x[0].replace(".", "") == "".join(t[0] for t in y):
            return True
    return False


_SWAP_CLASS = {"PERSON": "person", "ORG": "org", "GPE": "place", "LOC": "place", "FAC": "place", "NORP": "group"}


@dataclass(frozen=True)
class _Name:
    """A name in a sentence: its text (titles, "the" and a possessive dropped), spaCy's label, where."""

    text: str
    label: str
    start: int
    end: int
    role: str | None = None  # its place in the parse (`Entity.role`)

    @property
    def slot(self) -> tuple[str, str] | None:
        """(relation, stemmed head word) of a name whose head says something of it ("was
        arrested", "the breach at"); None for heads that say nothing (said, told, is, has)."""
        if not self.role:
            return None
        parts = self.role.split(":")
        head = stem(parts[-1])
        if len(parts) < 2 or not head.isalpha() or head in _SAY or head in STOPWORDS or head in _AUX:
            return None
        return ":".join(parts[:-1]), head


def _names_of(s: Statement) -> list[_Name]:
    out: list[_Name] = []
    for e in s.entities:
        if e.label not in _SWAP_CLASS:
            continue
        start, end = e.start, e.end
        text = s.text[start:end]
        while True:  # leading "the" and titles: "the Rev. Ann Lee" -> "Ann Lee"
            m = re.match(r"([^\W\d_][\w.]*)\s+", text)
            if not m or not (fold(m.group(1)).strip(".") in _TITLES or fold(m.group(1)) == "the") or len(text) == m.end():
                break
            start += m.end()
            text = text[m.end():]
        m = re.search(r"['’]s?$", text)
        if m:
            end -= len(m.group())
            text = text[: m.start()]
        if not text[:1].isupper() or _is_media(text):
            continue
        key = name_key(text)
        if not key or all(k in _MONTHS or k in _WEEKDAYS or k in _TITLES for k in key):
            continue
        out.append(_Name(text, e.label, start, end, getattr(e, "role", None)))
    return out


def _named_in(n: _Name, s: Statement, capitals: bool = True) -> bool:
    """Whether sentence `s` names `n` in some form (alias, part, abbreviation, kin, a spelling;
    with `capitals`, a capital standing for its country)."""
    return _named_in_text(n.text, s.text, tuple(o.text for o in s.names), capitals)


@lru_cache(maxsize=65536)
def _named_in_text(name: str, text: str, names: tuple[str, ...], capitals: bool = True) -> bool:
    if _mentions(text, name) or _mentions(text.replace(".", ""), name.replace(".", "")):
        return True
    return any(_same_entity(name, o, capitals) for o in names)


@lru_cache(maxsize=65536)
def _same_entity(a: str, b: str, capitals: bool = True) -> bool:
    return _alias(a, b) or _related(a, b) or _spelling(a, b) or _country_alias(a, b, capitals) or _acronym(a, b)


def _acronym(a: str, b: str) -> bool:
    """One name the initials of the other, a trailing word's initial allowed to be left out
    (CDC / Centers for Disease Control and Prevention)."""
    short, long_ = sorted((a, b), key=len)
    sk = re.sub(r"[^a-z]", "", fold(short))
    toks = [t for t in re.findall(r"[^\W\d_]+", fold(long_)) if t not in {"of", "the", "and", "for", "on", "in", "de"}]
    if len(short.split()) != 1 or len(sk) < 2 or len(toks) < 2:
        return False
    initials = "".join(t[0] for t in toks)
    return sk == initials or (len(sk) >= 3 and initials.startswith(sk) and len(initials) - len(sk) == 1)


# Common other names of a few countries (the capital standing for the government included):
# general usage, "Washington imposed tariffs" / "the United States imposed tariffs".
_COUNTRY_ALIASES = [
    {"us", "usa", "united states", "united states of america", "america", "washington", "u s", "u s a"},
    {"uk", "britain", "great britain", "united kingdom", "london", "u k", "england"},
    {"china", "beijing", "prc"}, {"russia", "moscow", "kremlin"}, {"japan", "tokyo"}, {"france", "paris"},
    {"germany", "berlin"}, {"iran", "tehran"}, {"israel", "jerusalem"}, {"syria", "damascus"},
    {"north korea", "pyongyang", "dprk"}, {"south korea", "seoul"}, {"india", "new delhi", "delhi"},
    {"pakistan", "islamabad"}, {"egypt", "cairo"}, {"ukraine", "kiev", "kyiv"}, {"turkey", "ankara"},
    {"saudi arabia", "riyadh"}, {"venezuela", "caracas"}, {"cuba", "havana"}, {"mexico", "mexico city"},
    {"canada", "ottawa"}, {"australia", "canberra"}, {"italy", "rome"}, {"spain", "madrid"},
    {"afghanistan", "kabul"}, {"iraq", "baghdad"}, {"european union", "eu", "brussels"}, {"united nations", "un"},
]


_CAPITALS = frozenset({
    "washington", "london", "beijing", "moscow", "kremlin", "tokyo", "paris", "berlin", "tehran", "jerusalem", "damascus",
    "pyongyang", "seoul", "new delhi", "delhi", "islamabad", "cairo", "kiev", "kyiv", "ankara", "riyadh", "caracas",
    "havana", "mexico city", "ottawa", "canberra", "rome", "madrid", "kabul", "baghdad", "brussels",
})


def _country_alias(a: str, b: str, capitals: bool = True) -> bool:
    fa = re.sub(r"[^a-z ]", " ", fold(a)).split()
    fb = re.sub(r"[^a-z ]", " ", fold(b)).split()
    ka, kb = " ".join(t for t in fa if t != "the"), " ".join(t for t in fb if t != "the")
    return any(ka in g and kb in g and (capitals or not ({ka, kb} & _CAPITALS)) for g in _COUNTRY_ALIASES)


def _spelling(a: str, b: str) -> bool:
    """Two spellings of one name: a transliteration (Morsi / Mursi) or a dropped letter, in the surname."""
    ka, kb = name_key(a.replace(".", "")), name_key(b.replace(".", ""))
    if not ka or not kb:
        return False
    x, y = ka[-1], kb[-1]
    if x == y:
        return True
    if min(len(x), len(y)) < 4 or x[0] != y[0] or abs(len(x) - len(y)) > 1:
        return False
    return difflib.SequenceMatcher(None, x, y).ratio() >= 0.75


def _swap_align(a: Statement, b: Statement, idf: Mapping[str, float]) -> tuple[float, float]:
    """How far two sentences agree apart from the names only one of them has: the IDF-weighted
    overlap coefficient and Dice coefficient of their other content words plus the names both
    mention."""
    shared_names = {_name_id(n.text) for n in a.names if _named_in(n, b)}
    wa = sum(idf.get(x, 1.0) for x in a.plain)
    wb = sum(idf.get(x, 1.0) for x in b.plain)
    both = sum(idf.get(x, 1.0) for x in a.plain & b.plain)
    w_name = sum(idf.get(x, 2.0) for x in shared_names)
    wa, wb, both = wa + w_name, wb + w_name, both + w_name
    small = min(wa, wb)
    if small <= 0:
        return 0.0, 0.0
    return both / small, 2 * both / (wa + wb)


def _name_slots(a: Statement, b: Statement) -> tuple[float, dict[tuple[int, int], int]]:
    """Word alignment of two sentences with every name collapsed to one placeholder: its ratio,
    and for each pair (name of a, name of b) that the alignment puts in one place, how much their
    surroundings agree (the same word right before, right after, shared words within three)."""
    ta, oa = a.masked
    tb, ob = b.masked
    sm = difflib.SequenceMatcher(None, ta, tb, autojunk=False)
    placed: dict[tuple[int, int], int] = {}

    def around(toks: list[str], k: int) -> tuple[str | None, str | None, set[str]]:
        left = toks[k - 1] if k > 0 else None
        right = toks[k + 1] if k + 1 < len(toks) else None
        near = {t for t in toks[max(0, k - 3) : k] + toks[k + 1 : k + 4] if t != "\x00" and t not in STOPWORDS}
        return left, right, near

    def put(i: int, j: int) -> None:
        x, y = oa[i], ob[j]
        la, ra, na = around(ta, i)
        lb, rb, nb = around(tb, j)
        support = int(la is not None and la == lb and la != "\x00") + int(ra is not None and ra == rb and ra != "\x00")
        support += min(2, len(na & nb))
        placed[(x, y)] = max(placed.get((x, y), 0), support)

    for tag, i1, i2, j1, j2 in sm.get_opcodes():
        if tag == "equal":
            for d in range(i2 - i1):
                if oa[i1 + d] >= 0 and ob[j1 + d] >= 0:
                    put(i1 + d, j1 + d)
        elif tag == "replace" and i2 - i1 <= 3 and j2 - j1 <= 3:
            for i in range(i1, i2):
                for j in range(j1, j2):
                    if oa[i] >= 0 and ob[j] >= 0:
                        put(i, j)
    return sm.ratio(), placed


_REGION_WORDS = frozenset("county province state region district territory parish oblast prefecture governorate".split())


def _region(name: str) -> bool:
    return bool(set(re.findall(r"[a-z]+", fold(name))) & _REGION_WORDS)


def _listed(s: Statement, k: int) -> bool:
    """Whether name k of a sentence is one of a list of names ("X and Y", "X, Y")."""
    toks, owner = s.masked
    pos = [p for p, o in enumerate(owner) if o == k]
    if not pos:
        return False
    p = pos[0]
    for step in (1, -1):
        q = p + step
        if 0 <= q + step < len(toks) and toks[q] in {"and", "or", "&"} and toks[q + step] == "\x00":
            return True
    return False


def _kind_of(n: _Name, labels: Mapping[str, str]) -> str:
    """The kind of a name: spaCy's label for this mention; where the story mostly tags the name
    a person, a person (one-off tags of a surname as a place or an organisation are common)."""
    if labels.get(_name_id(n.text)) == "PERSON":
        return "person"
    return _SWAP_CLASS.get(n.label, "other")


def _subsequence(short: str, long_: str) -> bool:
    it = iter(long_)
    return all(ch in it for ch in short)


_NOT_NAMES = frozenset("et est edt pt pst pdt ct cst cdt mt mst mdt gmt utc bst cet am pm".split())


def _is_media(name: str) -> bool:
    """A news outlet or agency (attribution, not a party to the story), or a time zone."""
    f = fold(name).strip().strip(".")
    f = re.sub(r"^the\s+", "", f)
    return f in _MEDIA or f"the {f}" in _MEDIA or f in _NOT_NAMES


def _mentions(text: str, name: str) -> bool:
    key = name_key(name)
    ft = fold(text)
    return bool(key) and all(re.search(r"\b" + re.escape(k) + r"\b", ft) for k in key)


def _name_id(name: str) -> str:
    key = name_key(name)
    return key[-1] if key else fold(name)


# ---------------------------------------------------------------- pairing, merging, reporting
PAIR_FLOOR = 0.2  # sentences less similar than this are never compared
MAX_VALUES = 3  # more distinct values than this for one "measure": it varies, it is not a disagreement
STRONG = 3.5  # ... unless the finding is this strong (near-identical sentences, same context)
RARE_SHARE = 0.25  # a stem in more than this share of the story's sentences is no evidence
VERY_RARE_SHARE = 0.05  # a counted noun in at most this share is a distinctive measure


def statements(cands: Candidates, outlet_of: Mapping[str, str]) -> list[Statement | None]:
    """One `Statement` per candidate row (None for page furniture)."""
    out: list[Statement | None] = []
    for r in range(len(cands)):
        art = cands.articles[int(cands.article_of[r])]
        s = art.sentences[int(cands.sentence_of[r])]
        out.append(None if s.boilerplate else Statement.from_sentence(s, art.id, outlet_of.get(art.id, art.id)))
    return out


def _informative(stmts: Sequence[Statement | None], share: float = RARE_SHARE) -> frozenset[str]:
    """Content stems found in at most `share` of the story's sentences (at least 2)."""
    live = [s for s in stmts if s is not None]
    df: dict[str, int] = {}
    for s in live:
        for st in s.stems:
            df[st] = df.get(st, 0) + 1
    cap = max(2.0, share * len(live))
    return frozenset(st for st, n in df.items() if n <= cap)


def _idf(stmts: Sequence[Statement | None]) -> dict[str, float]:
    """Inverse document frequency of each content stem over the story's sentences."""
    df: dict[str, int] = {}
    live = [s for s in stmts if s is not None]
    for s in live:
        for st in s.stems:
            df[st] = df.get(st, 0) + 1
    n = max(1, len(live))
    return {st: math.log((n + 1) / (c + 0.5)) for st, c in df.items()}


def _story_labels(stmts: Sequence[Statement | None]) -> dict[str, str]:
    """Name id -> the label spaCy gives it most often in the story (one sentence's tag is noisy)."""
    votes: dict[str, dict[str, int]] = {}
    for s in stmts:
        if s is None:
            continue
        for nm in s.names:
            v = votes.setdefault(_name_id(nm.text), {})
            v[nm.label] = v.get(nm.label, 0) + 1
    return {k: max(v, key=lambda lab: (v[lab], lab)) for k, v in votes.items()}


def find_conflicts(
    cands: Candidates,
    facts: Sequence[Fact],
    outlet_of: Mapping[str, str],
    *,
    checker: ConflictChecker | None = None,
    pair_floor: float = PAIR_FLOOR,
) -> list[Conflict]:
    """Conflicting figures, dates, names and claims across the outlets of a story.

    Every two sentences of different outlets that are similar enough (or in one fact) go to
    `checker` (default `RuleChecker`); its findings are merged into conflicts (findings that
    share a sentence's value, or that oppose the same two values, are one conflict), and each
    conflict lists every value with its article and sentence.
    """
    checker = checker or RuleChecker()
    n = len(cands)
    if n == 0:
        return []
    stmts = statements(cands, outlet_of)
    informative = _informative(stmts)
    rare = _informative(stmts, VERY_RARE_SHARE)
    index = fact_of(facts)
    row_of = {(s.article, s.sentence): r for r, s in enumerate(stmts) if s is not None}
    partner: dict[tuple[int, str], int] = {}  # (row, other article) -> the row of that article in the row's fact
    for f in facts:
        rows = [row_of.get((m.article, m.sentence)) for m in f.mentions]
        for r in rows:
            for m, o in zip(f.mentions, rows):
                if r is not None and o is not None and o != r:
                    partner[(r, m.article)] = o
    fact_id = [
        (f.id if (f := index.get((s.article, s.sentence))) is not None and f.support > 1 else None) if s else None
        for s in stmts
    ]
    outlets = np.array([s.outlet if s else "" for s in stmts], dtype=object)
    sims = cands.vectors @ cands.vectors.T
    # Each sentence's closest sentence in every other article (mutual closest = aligned).
    arts = np.asarray(cands.article_of)
    live = np.array([s is not None for s in stmts])
    masked = np.where(live[None, :], sims, -np.inf)
    closest: dict[tuple[int, int], int] = {}
    for a in np.unique(arts):
        cols = np.flatnonzero(arts == a)
        if len(cols):
            best = cols[np.argmax(masked[:, cols], axis=1)]
            for i in range(n):
                closest[(i, int(a))] = int(best[i])
    rule = isinstance(checker, RuleChecker)
    has_fig = np.array([bool(s and (s.quantities or s.dates)) for s in stmts]) if rule else np.ones(n, dtype=bool)
    has_name = np.array([bool(s and (s.names or s.loose_names)) for s in stmts]) if rule else np.ones(n, dtype=bool)
    align_from = checker.align_from if rule else -1.0
    swap_from = checker.swap_from if rule else -1.0
    idf = _idf(stmts)
    labels = _story_labels(stmts)

    findings: list[tuple[int, int, Finding]] = []
    for i in range(n):
        if stmts[i] is None:
            continue
        for j in range(i + 1, n):
            if stmts[j] is None or outlets[i] == outlets[j]:
                continue
            sim = float(sims[i, j])
            same = fact_id[i] is not None and fact_id[i] == fact_id[j]
            if sim < pair_floor and not same:
                continue
            mutual = closest.get((i, int(arts[j]))) == j and closest.get((j, int(arts[i]))) == i
            names_only = False
            if not (has_fig[i] and has_fig[j]) and sim < align_from and not same and not mutual:
                if not (has_name[i] and has_name[j] and sim >= swap_from):
                    continue  # only names and negation left to compare: those need aligned sentences
                names_only = True
            rival = partner.get((i, stmts[j].article), j) != j or partner.get((j, stmts[i].article), i) != i
            pair = Pair(similarity=sim, same_fact=same, informative=informative, rival=rival, mutual=mutual, rare=rare,
                        idf=idf, labels=labels, names_only=names_only)
            for f in checker.check(stmts[i], stmts[j], pair):
                findings.append((i, j, f))
    by_article: dict[str, list[Statement]] = {}
    for st in stmts:
        if st is not None:
            by_article.setdefault(st.article, []).append(st)
    rows_of: dict[str, list[int]] = {}
    for r, st in enumerate(stmts):
        if st is not None:
            rows_of.setdefault(st.article, []).append(r)
    findings = [
        (i, j, f) for i, j, f in findings
        if f.kind != "entity" or not _name_restated(stmts, sims, rows_of, i, j, f, labels)
    ]
    findings = _one_counterpart(findings)
    kept = [
        (i, j, f)
        for i, j, f in findings
        if not _restated(by_article[stmts[j].article], stmts[i], f.a_span)  # type: ignore[union-attr]
        and not _restated(by_article[stmts[i].article], stmts[j], f.b_span)  # type: ignore[union-attr]
        and (
            f.strength >= STRONG
            or not (
                _varies(by_article[stmts[i].article], stmts[i], f.a_span)  # type: ignore[union-attr]
                or _varies(by_article[stmts[j].article], stmts[j], f.b_span)  # type: ignore[union-attr]
            )
        )
    ]
    return _merge(cands, stmts, kept)


NAME_RESTATED = 0.1  # a sentence (nearly: this much less) as close to a conflict's sentence as its counterpart ...
NAME_RESTATED_FLOOR = 0.6  # ... and at least this close (cosine), that names the other name, restates it
NAME_RESTATED_WORDS = 0.5  # ... and shares at least this share of the words (besides names) its counterpart shares with it
NAME_KNOWN_STRENGTH = 3.1  # a name finding this weak is dropped when each outlet names both names somewhere


def _plain_dice(a: Statement, b: Statement) -> float:
    """Dice coefficient of two sentences' content words outside their names."""
    x, y = a.plain, b.plain
    return 2 * len(x & y) / (len(x) + len(y)) if x or y else 0.0


def _name_restated(
    stmts: Sequence[Statement | None], sims: np.ndarray, rows_of: Mapping[str, list[int]], i: int, j: int, f: Finding,
    labels: Mapping[str, str] | None = None,
) -> bool:
    """Whether each outlet also gives the other's name in such a sentence: another sentence of b's
    article names a's name and is (nearly) as close to a's sentence as b's is, and the other way
    round. Both outlets then name both (several people charged, two officials quoted)."""
    a, b = stmts[i], stmts[j]
    assert a is not None and b is not None
    restated = known = True
    for (row, st, span, other) in ((i, a, f.a_span, b), (j, b, f.b_span, a)):
        if span is None:
            return False
        name = _Name(st.text[span[0] : span[1]], "", span[0], span[1])
        partner = j if row == i else i
        named = [r for r in rows_of.get(other.article, ()) if r != partner and (o := stmts[r]) is not None and _named_in(name, o)]
        known = known and bool(named)
        # ... and says what this sentence says besides the name about as fully as the partner
        # does (a sentence that only shares the name is close to it in meaning because of the name)
        base = _plain_dice(st, other)
        restated = restated and any(
            sims[row, r] >= max(sims[i, j] - NAME_RESTATED, NAME_RESTATED_FLOOR)
            and _plain_dice(st, stmts[r]) >= NAME_RESTATED_WORDS * base  # type: ignore[arg-type]
            for r in named
        )
    if restated:
        return True
    # Places that each outlet names both of elsewhere: only sentences that agree closely disagree
    # on the place (the story happens in both; one outlet gives the city, another the state).
    if not known or f.strength >= NAME_KNOWN_STRENGTH:
        return False
    if labels is None:
        return True
    kinds = {_kind_of(n, labels) for st, span in ((a, f.a_span), (b, f.b_span)) for n in st.names if n.start == span[0]}  # type: ignore[index]
    return "place" in kinds or not kinds


def _one_counterpart(findings: list[tuple[int, int, Finding]]) -> list[tuple[int, int, Finding]]:
    """A name in a sentence stands against one other name: where it is found against several (in
    sentences of several articles), only those against the name of its strongest finding stay."""
    best: dict[tuple[int, tuple[int, int] | None], tuple[float, tuple]] = {}
    for i, j, f in findings:
        if f.kind != "entity":
            continue
        for node, other in (((i, f.a_span), f.b_key), ((j, f.b_span), f.a_key)):
            if node not in best or f.strength > best[node][0]:
                best[node] = (f.strength, other)
    return [
        (i, j, f) for i, j, f in findings
        if f.kind != "entity" or (_kcompat(best[(i, f.a_span)][1], f.b_key) and _kcompat(best[(j, f.b_span)][1], f.a_key))
    ]


def _varies(article: Sequence[Statement], st: Statement, span: tuple[int, int] | None) -> bool:
    """Whether the article itself gives other, clashing values for the figure's measure (a toll that
    rises, this year's and last year's cases, several tranches): then a third value elsewhere is
    more likely another point of the series than a disagreement."""
    if span is None:
        return False
    q = next((x for x in st.quantities if (x.start, x.end) == span), None)
    if q is None:
        return False
    cq = st.context(q.start, q.end)
    for other in article:
        for oq in other.quantities:
            if other is st and (oq.start, oq.end) == span:
                continue
            if oq.kind != q.kind or oq.unit != q.unit or compatible(oq, q) or oq.qualifier == "vague":
                continue
            if _ratio(oq.value, q.value) > 4:
                continue  # another order of magnitude: another measure (a population, a total)
            co = other.context(oq.start, oq.end)
            if (cq.head & co.head) or (cq.people and co.people) or (cq.noun and cq.noun == co.noun):
                return True
    return False


def _restated(article: Sequence[Statement], st: Statement, span: tuple[int, int] | None) -> bool:
    """Whether some sentence of `article` states the value at `span` of `st` for the same measure.

    An outlet that gives both figures (a rise "from 10 to 12", an old and a new toll) does not
    disagree with an outlet that gives one of them.
    """
    if span is None:
        return False
    q = next((x for x in st.quantities if (x.start, x.end) == span), None)
    d = None if q is not None else next((x for x in st.dates if (x.start, x.end) == span), None)
    if q is None and d is None:
        return False
    for other in article:
        if q is not None:
            for oq in other.quantities:
                if _agrees(oq, q) and _same_measure(st, span, other, (oq.start, oq.end), strict=True):
                    return True
        else:
            for od in other.dates:
                if od.clashes(d) is False and _same_measure(st, span, other, (od.start, od.end), strict=True):  # type: ignore[arg-type]
                    return True
    return False


def _same_measure(a: Statement, sa: tuple[int, int], b: Statement, sb: tuple[int, int], *, strict: bool = False) -> bool:
    """Whether two spans plausibly measure the same thing, from the words around them. `strict`:
    people counts must share a word too (a story may count the people of several events)."""
    ca, cb = a.context(*sa), b.context(*sb)
    near = len(ca.near & cb.near)
    if strict:
        return bool(ca.head & cb.head) or near >= 1
    return bool(ca.head & cb.head) or (ca.people and cb.people) or near >= 1


def _merge(cands: Candidates, stmts: Sequence[Statement | None], findings: list[tuple[int, int, Finding]]) -> list[Conflict]:
    """Findings -> conflicts: one conflict per measure and pair of opposing values, every mention listed."""
    if not findings:
        return []
    # Components: findings that share a value in one sentence, or that oppose the same two values.
    parent = list(range(len(findings)))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    by_node: dict[tuple, int] = {}
    for k, (i, j, f) in enumerate(findings):
        for node in ((i, f.a_key), (j, f.b_key)):
            if node in by_node:
                parent[find(k)] = find(by_node[node])
            else:
                by_node[node] = k
    for k, (_, _, f) in enumerate(findings):
        for m in range(k):
            g = findings[m][2]
            if f.kind == g.kind != "claim" and _same_pair(f, g):
                parent[find(k)] = find(m)
    components: dict[int, list[int]] = {}
    for k in range(len(findings)):
        components.setdefault(find(k), []).append(k)

    conflicts: list[tuple[tuple, Conflict]] = []
    for members in components.values():
        keys = [findings[k][2].a_key for k in members] + [findings[k][2].b_key for k in members]
        classes: list[tuple] = []
        for key in keys:
            if not any(_kcompat(key, c) for c in classes):
                classes.append(key)
        if len(classes) > MAX_VALUES:
            # A measure that takes many values in the story (a running toll, several tranches):
            # only near-certain findings stand.
            members = [k for k in members if findings[k][2].strength >= STRONG]
        left = sorted(members, key=lambda k: -findings[k][2].strength)
        while left:
            core = findings[left[0]][2]
            group = [k for k in left if _same_pair(findings[k][2], core)]
            left = [k for k in left if k not in group]
            conflict = _conflict(cands, stmts, [findings[k] for k in group], core)
            if conflict is not None:
                conflicts.append(conflict)
    conflicts.sort(key=lambda kv: kv[0])
    return [c for _, c in conflicts]


def _conflict(cands: Candidates, stmts: Sequence[Statement | None], group: list[tuple[int, int, Finding]], core: Finding):
    nodes: dict[tuple[int, str], ConflictValue] = {}
    seeds: list[tuple[int, tuple[int, int] | None, tuple]] = []
    for i, j, f in group:
        for row, value, span, key in ((i, f.a_value, f.a_span, f.a_key), (j, f.b_value, f.b_span, f.b_key)):
            st = stmts[row]
            assert st is not None
            if (row, value) not in nodes:
                nodes[(row, value)] = ConflictValue(value=value, article=st.article, sentence=st.sentence, text=st.text)
                seeds.append((row, span, key))
    # Every other sentence that states one of the values for the same measure joins the conflict.
    for row, value in _gather(stmts, seeds):
        st = stmts[row]
        if st is not None and (row, value) not in nodes and not any(r == row for r, _ in nodes):
            nodes[(row, value)] = ConflictValue(value=value, article=st.article, sentence=st.sentence, text=st.text)
    outlets = {stmts[r].outlet for r, _ in nodes if stmts[r] is not None}  # type: ignore[union-attr]
    if len(outlets) < 2:
        return None
    ordered = sorted(nodes, key=lambda n: (int(cands.article_of[n[0]]), int(cands.sentence_of[n[0]])))
    first = min((int(cands.sentence_of[r]), int(cands.article_of[r])) for r, _ in nodes)
    return (-len(outlets), first), Conflict(kind=core.kind, about=core.about, values=[nodes[n] for n in ordered])


def _gather(stmts: Sequence[Statement | None], seeds: list[tuple[int, tuple[int, int] | None, tuple]]) -> list[tuple[int, str]]:
    """(row, value) of the sentences that restate a conflict's values (figures and dates) for the
    same measure: so that the conflict lists every outlet's value, not only the pairs compared."""
    found: list[tuple[int, str]] = []
    for row, span, key in seeds:
        st = stmts[row]
        if st is None or span is None or key[:1] not in {("q",), ("d",)}:
            continue
        for r, other in enumerate(stmts):
            if other is None or r == row:
                continue
            if key[0] == "q":
                items = [((q.start, q.end), _qkey(q), _show(q)) for q in other.quantities if q.qualifier not in {"vague", "increment"}]
            else:
                items = [((d.start, d.end), _dkey(d), d.text) for d in other.dates]
            for ospan, okey, shown in items:
                if not _kcompat(key, okey):
                    continue
                ca, co = st.context(*span), other.context(*ospan)
                if key[0] == "q" and ca.noun and co.noun and ca.noun != co.noun and not (
                        (ca.people or ca.person) and (co.people or co.person)):
                    continue  # it counts something else ("more than 250 targets" / "around 300 rockets")
                if (ca.head & co.head) or (ca.people and co.people) or len(ca.near & co.near) >= 2:
                    found.append((r, shown))
                    break
    return found


def _kcompat(x: tuple, y: tuple) -> bool:
    """Two value keys that stand for the same value."""
    if x[:1] == y[:1] == ("q",):
        return x[1:3] == y[1:3] and (max(x[3], y[3]) < min(x[4], y[4]) or (x[3], x[4]) == (y[3], y[4]))
    if x[:1] == y[:1] == ("d",):
        pairs = [(a, b) for a, b in zip(x[1:], y[1:])]
        shared = [(a, b) for a, b in pairs if a is not None and b is not None]
        return bool(shared) and all(a == b for a, b in shared)
    if x[:1] == y[:1] == ("entity",):
        return x[1] == y[1]
    return x == y


def _same_pair(f: Finding, g: Finding) -> bool:
    return (_kcompat(f.a_key, g.a_key) and _kcompat(f.b_key, g.b_key)) or (
        _kcompat(f.a_key, g.b_key) and _kcompat(f.b_key, g.a_key)
    )
