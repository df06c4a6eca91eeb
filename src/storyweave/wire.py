"""wire: articles that rewrite one source report (wire copies), with the evidence.

Outlets often publish an agency report (Reuters, AP, AFP, ...) as it came, trimmed, or
rewritten around their own additions. Two such articles are not two independent sources:
the brief lists them as a `WireGroup` with the evidence that ties them together.

Evidence, per pair of articles:

- **shared sentence runs**: sentences of one article matched one-to-one with sentences of the
  other (sentence-vector cosine, backed by word overlap), kept only where the matches follow
  the same order in both articles (a monotone chain, found by dynamic programming). A wire
  rewrite keeps the source's order; two outlets reporting the same facts in their own words
  share a few facts in shuffled order. Near-identical sentences (cosine >= 0.9 or nearly all
  words shared) weigh most; a shared quotation counts for less, since independent reports
  quote the same statement word for word.
- **cues**: phrases that name the agency a text comes from ("(Reuters) -", "told Reuters",
  "according to AP", "AFP contributed to this report", "By ..., Reuters"). A cue names the
  group's `origin`; on its own it never makes a group (two outlets can each quote Reuters
  once), it only lowers how many shared sentences are needed.

Pairs that pass are joined into groups (connected components). Cost: one matrix product per
story plus word-set overlaps of the candidate pairs, milliseconds for a few articles.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from storyweave.records import AnnotatedArticle, WireGroup

# ---------------------------------------------------------------- knobs
NEAR_COS = 0.90  # cosine at or above which two sentences count as near-identical
NEAR_OVERLAP = 0.80  # ... or this share of the shorter sentence's words shared (both long enough)
MATCH_COS = 0.70  # cosine at or above which two sentences may be linked in a chain
MATCH_OVERLAP = 0.55  # ... or this word overlap (with cosine >= MATCH_COS_FLOOR)
MATCH_COS_FLOOR = 0.55
MIN_WORDS = 5  # sentences shorter than this are not compared (headings, "No deaths were reported." is 4)
QUOTE_SHARE = 0.6  # a sentence with this share of its characters inside quotation marks is a quote

# ---------------------------------------------------------------- agencies and cues
# Canonical agency name -> pattern of its names (case-sensitive where the name is a common word).
AGENCIES: dict[str, str] = {
    "Reuters": r"Reuters|REUTERS",
    "AP": r"AP|Associated Press|ASSOCIATED PRESS",
    "AFP": r"AFP|Agence France[- ]Presse|Agence France Press",
    "Bloomberg": r"Bloomberg(?: News)?",
    "dpa": r"dpa|DPA|Deutsche Presse-Agentur",
    "UPI": r"UPI|United Press International",
    "PA": r"PA Media|Press Association",
    "ANSA": r"ANSA",
    "EFE": r"EFE",
    "Xinhua": r"Xinhua",
    "Kyodo": r"Kyodo(?: News)?",
    "Yonhap": r"Yonhap",
    "Tass": r"TASS|Tass",
    "CNA": r"Canadian Press|CP",
    "AAP": r"AAP|Australian Associated Press",
    "PTI": r"PTI|Press Trust of India",
    "IANS": r"IANS",
}
_AGENCY_ALT = "|".join(f"(?P<g{i}>{p})" for i, p in enumerate(AGENCIES.values()))
_AGENCY_NAMES = list(AGENCIES)
# A news agency not in the list: "<Capitalised words> Press|News Agency|Wire|Newswire".
_GENERIC_AGENCY = r"(?P<gx>(?:[A-Z][\w'’.-]+ ){0,3}(?:Press|News Agency|Newswire|Wire Service))"
_AG = rf"(?:the )?(?:{_AGENCY_ALT}|{_GENERIC_AGENCY})"

# (kind, pattern). Every pattern has the agency groups; `kind` goes into the evidence text.
_CUE_RULES: list[tuple[str, re.Pattern[str]]] = [
    ("dateline", re.compile(rf"^[A-Z][A-Za-z .,'’/-]{{1,60}}\s*\(\s*{_AG}\s*\)\s*[-–—:]")),
    ("dateline", re.compile(rf"^\(\s*{_AG}\s*\)\s*[-–—:]")),
    ("told", re.compile(rf"\b(?:told|tells|telling|said to|spoke to|speaking to|speaking with|in an interview with|confirmed to|divulged to|revealed to)\s+{_AG}\b")),
    ("reported", re.compile(rf"\b{_AG}\s+(?:reported|reports|has reported|had reported|said|says|learned|has learned|reported earlier|was first to report)\b")),
    ("according to", re.compile(rf"\b(?:according to|as reported by|first reported by|reported by|cited by|quoted by|seen by|obtained by)\s+{_AG}\b")),
    ("contributed", re.compile(rf"\b{_AG}\b[^.]{{0,80}}\bcontributed\b")),
    ("byline", re.compile(rf"^(?:By\s+)?[A-Z][\w'’.-]+(?: [A-Z][\w'’.-]+){{0,3}},?\s+(?:of\s+)?{_AG}\s*$")),
    ("byline", re.compile(rf"^(?:\(|\[)?\s*(?:(?:Additional )?[Rr]eporting|[Ww]riting|[Ee]diting|[Cc]ompiled) by\b.*\b{_AG}\b")),
    ("copyright", re.compile(rf"(?:©|\bCopyright\b)[^\n]{{0,40}}{_AG}")),
    ("wire credit", re.compile(rf"^\(?\s*{_AG}\s*\)?\s*$")),
]


@dataclass
class Cue:
    agency: str
    kind: str
    text: str


def _agency_of(m: re.Match[str]) -> str | None:
    for i, name in enumerate(_AGENCY_NAMES):
        if m.group(f"g{i}"):
            return name
    gx = m.groupdict().get("gx")
    if gx:
        name = gx.strip()
        if len(name.split()) >= 2:  # "Meridian Press", not a bare "Press"
            return name
    return None


def find_cues(text: str) -> list[Cue]:
    """Cue phrases in `text` that name a news agency as the source of the report."""
    out: list[Cue] = []
    seen: set[tuple[str, str]] = set()
    for line in text.splitlines():
        line = line.strip()
        if not line:
            continue
        for kind, rx in _CUE_RULES:
            for m in rx.finditer(line):
                agency = _agency_of(m)
                if not agency or (agency, kind) in seen:
                    continue
                seen.add((agency, kind))
                snippet = m.group(0).strip()
                out.append(Cue(agency, kind, snippet[:80]))
    return out


# ---------------------------------------------------------------- words
_TRANS = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "„": '"', "–": "-", "—": "-"})
_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
_STOP = frozenset(
    "the a an of to in on and or for at by with from as is are was were be been that this it its "
    "he she they his her their said says has have had will would".split()
)


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.translate(_TRANS))
    return "".join(ch for ch in text if not unicodedata.combining(ch)).lower()


def _words(text: str) -> frozenset[str]:
    folded = re.sub(r"(?<=\d),(?=\d{3})", "", _fold(text))
    return frozenset(w for w in _WORD.findall(folded) if w not in _STOP)


_QUOTED = re.compile(r"[\"“”„][^\"“”„]{8,}[\"“”„]|‘[^‘’]{8,}’")


def _quote_share(text: str) -> float:
    inside = sum(len(m.group(0)) for m in _QUOTED.finditer(text))
    return inside / max(1, len(text))


# ---------------------------------------------------------------- pair evidence
@dataclass
class _Doc:
    rows: np.ndarray  # indices into the vector matrix of the sentences compared
    words: list[frozenset[str]]
    quote: np.ndarray  # bool per compared sentence: mostly a quotation
    n: int  # number of content sentences
    cues: list[Cue]


@dataclass
class PairEvidence:
    """What ties two articles together; `is_wire` is the verdict."""

    a: int
    b: int
    chain: list[tuple[int, int, float, float]] = field(default_factory=list)  # (i, j, cos, overlap)
    near: int = 0  # near-identical sentences in the chain (quotes included)
    near_prose: int = 0  # ... of them, not mostly quotation
    close_prose: int = 0  # chain links that are not mostly quotation
    coverage: float = 0.0  # chain length / content sentences of the shorter article
    lead: bool = False  # the chain starts within the first three sentences of both
    shared_cues: list[str] = field(default_factory=list)
    score: float = 0.0
    is_wire: bool = False


def _doc(article: AnnotatedArticle, rows: np.ndarray) -> _Doc:
    keep: list[int] = []
    words: list[frozenset[str]] = []
    quote: list[bool] = []
    for k, s in enumerate(article.sentences):
        if s.boilerplate or len(s.text.split()) < MIN_WORDS:
            continue
        keep.append(k)
        words.append(_words(s.text))
        quote.append(_quote_share(s.text) >= QUOTE_SHARE)
    return _Doc(
        rows=rows[keep] if len(keep) else np.zeros(0, dtype=int),
        words=words,
        quote=np.array(quote, dtype=bool),
        n=len(keep),
        cues=find_cues(article.article.raw.text),
    )


def _overlap(x: frozenset[str], y: frozenset[str]) -> float:
    if not x or not y:
        return 0.0
    return len(x & y) / min(len(x), len(y))


def _chain(sim: np.ndarray, da: _Doc, db: _Doc) -> list[tuple[int, int, float, float]]:
    """The heaviest chain of sentence links in the same order in both articles.

    Each link (i, j) pairs sentence i of A with sentence j of B when they are similar enough;
    its weight grows with similarity (near-identical links weigh most). Dynamic programming over
    the candidate links in order of i gives the best chain with strictly increasing i and j.
    """
    links: list[tuple[int, int, float, float, float]] = []
    cand = np.argwhere(sim >= MATCH_COS_FLOOR)
    for i, j in cand:
        c = float(sim[i, j])
        ov = _overlap(da.words[i], db.words[j])
        if c >= MATCH_COS or ov >= MATCH_OVERLAP:
            near = c >= NEAR_COS or (ov >= NEAR_OVERLAP and min(len(da.words[i]), len(db.words[j])) >= 6)
            w = 1.0 if near else 0.35 + (c - MATCH_COS_FLOOR)
            if da.quote[i] and db.quote[j]:
                w *= 0.5
            links.append((int(i), int(j), c, ov, w))
    if not links:
        return []
    links.sort()
    best = [0.0] * len(links)
    prev = [-1] * len(links)
    for k, (i, j, _c, _o, w) in enumerate(links):
        best[k] = w
        for q in range(k):
            i2, j2 = links[q][0], links[q][1]
            if i2 < i and j2 < j and best[q] + w > best[k]:
                best[k] = best[q] + w
                prev[k] = q
    k = int(np.argmax(best))
    out: list[tuple[int, int, float, float]] = []
    while k >= 0:
        i, j, c, ov, _w = links[k]
        out.append((i, j, c, ov))
        k = prev[k]
    return out[::-1]


def pair_evidence(vectors: np.ndarray, da: _Doc, db: _Doc, a: int = 0, b: int = 1) -> PairEvidence:
    ev = PairEvidence(a, b)
    if not da.n or not db.n:
        return ev
    sim = vectors[da.rows] @ vectors[db.rows].T
    ev.chain = _chain(sim, da, db)
    for i, j, c, ov in ev.chain:
        near = c >= NEAR_COS or (ov >= NEAR_OVERLAP and min(len(da.words[i]), len(db.words[j])) >= 6)
        quote = bool(da.quote[i] and db.quote[j])
        ev.near += near
        ev.near_prose += near and not quote
        ev.close_prose += not quote
    ev.coverage = len(ev.chain) / min(da.n, db.n)
    ev.lead = bool(ev.chain) and ev.chain[0][0] < 3 and ev.chain[0][1] < 3
    ev.shared_cues = sorted({c.agency for c in da.cues} & {c.agency for c in db.cues})
    return ev
