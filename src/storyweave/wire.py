"""wire: articles that rewrite one source report (wire copies), with the evidence.

Outlets often publish an agency report (Reuters, AP, AFP, ...) as it came, trimmed, or
rewritten around their own additions. Two such articles are not two independent sources:
the brief lists them as a `WireGroup` with the evidence that ties them together.

Evidence, per pair of articles:

- **shared sentence runs**: sentences of one article linked to sentences of the other
  (sentence-vector cosine >= 0.7, or most word bigrams shared), kept only where the links
  follow the same order in both articles: the heaviest monotone chain, found by dynamic
  programming. A rewrite keeps the source's order; two outlets reporting the same facts in
  their own words share a few facts in shuffled order. A link is *near-identical* at cosine
  >= 0.9 or a bigram Dice >= 0.6; a link where either side is mostly a quotation counts as a
  quote, since independent reports quote the same statement word for word.
- **cues**: phrases that name the agency a text comes from ("(Reuters) -", "CITY (AP) —",
  "told Reuters", "according to AFP", "Bloomberg contributed to this report", "By ..., Reuters",
  "Copyright ... Associated Press"). They name the group's `origin`; on their own they never
  make a group (two outlets can each quote Reuters once).

A pair is a wire pair when (rules in `_verdict`, thresholds below):
1. copy: >= 3 near-identical non-quote sentences in order that are a quarter of the shorter
   article, or >= 8 of them;
2. copy of a quote-heavy article: >= 5 near-identical sentences in order, 60% of the shorter
   article, at least one of them not a quote;
3. copy with paragraphs moved: >= 4 near-identical sentences matched one to one in any order
   (`shared`), >= 3 of them in the chain, at least one not a quote, covering 40% of the shorter
   article (outlets move whole paragraphs of the report they republish);
4. rewrite: a chain of >= 5 linked sentences from the lead (both start within their first three
   sentences) covering 40% of the shorter article, at least one near-identical, at least two not
   quotations, and a cue in either article (a close paraphrase of a whole report, like an outlet
   retelling a Reuters story).

Rule 1 asks for coverage: an article that pastes a few background sentences of an agency report
into its own long story is not a copy of it, unless it pastes >= 8 of them.

Pairs are joined into groups (connected components). Cost: one matrix product per pair of
articles and a small dynamic programme, about 10 ms for five articles.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np

from storyweave.records import AnnotatedArticle, WireGroup

if TYPE_CHECKING:
    from storyweave.summarize import Candidates

# ---------------------------------------------------------------- knobs
NEAR_COS = 0.90  # cosine at or above which two sentences count as near-identical
NEAR_DICE = 0.60  # ... or this Dice coefficient of their word bigrams
MATCH_COS = 0.70  # cosine at or above which two sentences may be linked in a chain
MATCH_OVERLAP = 0.50  # ... or this share of the shorter one's bigrams (with cosine >= MATCH_COS_FLOOR)
MATCH_COS_FLOOR = 0.55
MIN_BIGRAMS = 4  # overlap is not measured on shorter sentences (cosine only)
MIN_WORDS = 5  # sentences shorter than this are not compared (headings, bylines)
QUOTE_SHARE = 0.6  # a sentence with this share of its characters inside quotation marks is a quote
PARAPHRASE_WEIGHT = 0.4  # weight of a paraphrase link in the chain (a near-identical link weighs 1)
MIN_SENTENCES = 3  # articles with fewer compared sentences are never grouped
COPY_MIN_NEAR_SHORT = 3  # near-identical non-quote sentences in order that make a copy when they are
COPY_MIN_SHARE = 0.25  # ... this share of the shorter article (near-identical sentences in order)
COPY_LONG = 8  # ... or this many, whatever the share (a whole report inside a long article)
COPY_MIN_NEAR = 4  # a copy made mostly of quotes: more than this many near-identical sentences,
COPY_WHOLE_SHARE = 0.60  # ... this share of the shorter article (quotations included)
MOVED_MIN_SHARED = 4  # a copy with paragraphs moved: this many near-identical sentences, any order,
MOVED_MIN_CHAIN = 3  # ... of them this many in order, at least one not a quote,
MOVED_MIN_SHARE = 0.40  # ... covering this share of the shorter article
REWRITE_MIN_LINKS = 5  # a rewrite: this many linked sentences in order, from the lead,
REWRITE_MIN_SHARE = 0.40  # covering this share of the shorter article, one near-identical, a cue,
REWRITE_MIN_PROSE = 2  # ... and this many links not quotations (a statement quoted whole is no rewrite)

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
_GENERIC_AGENCY = r"(?P<gx>(?:[A-Z][\w'’.-]+ ){1,3}(?:Press|News Agency|Newswire|Wire Service))"
_AG = rf"(?:[Tt]he )?(?:{_AGENCY_ALT}|{_GENERIC_AGENCY})"
# In a dateline, any short capitalised abbreviation in brackets is an agency: "CALDER FALLS (MP) —".
_AG_DATELINE = rf"(?:{_AGENCY_ALT}|{_GENERIC_AGENCY}|(?!(?:VIDEO|PHOTO|AUDIO|LIVE|MAP|UPD)\b)(?P<ab>[A-Z][A-Za-z]{{0,3}}[A-Z]))"

# (kind, pattern). Every pattern has the agency groups; `kind` goes into the evidence text.
_CUE_RULES: list[tuple[str, re.Pattern[str]]] = [
    ("dateline", re.compile(rf"^[A-Z][A-Za-z .,'’/-]{{1,60}}\s*\(\s*{_AG_DATELINE}\s*\)\s*[-–—:]")),
    ("dateline", re.compile(rf"^\(\s*{_AG_DATELINE}\s*\)\s*[-–—:]")),
    ("told", re.compile(rf"\b(?:told|tells|telling|said to|spoke to|speaking to|speaking with|in an interview with|confirmed to|divulged to|revealed to)\s+{_AG}\b")),
    ("reported", re.compile(rf"\b{_AG}\s+(?:reported|reports|has reported|had reported|said|says|learned|has learned|reported earlier|was first to report)\b")),
    ("according to", re.compile(rf"\b(?:according to|as reported by|first reported by|reported by|cited by|quoted by|seen by|obtained by)\s+{_AG}\b")),
    ("contributed", re.compile(rf"\b{_AG}\b[^.]{{0,80}}\bcontributed\b")),
    ("byline", re.compile(rf"^(?:By\s+)?[A-Z][\w'’.-]+(?: [A-Z][\w'’.-]+){{0,3}},?\s+(?:of\s+)?{_AG}\s*$")),
    ("byline", re.compile(rf"^(?:\(|\[)?\s*(?:(?:Additional )?[Rr]eporting|[Ww]riting|[Ee]diting|[Cc]ompiled) by\b.*\b{_AG}\b")),
    ("copyright", re.compile(rf"(?:©|\bCopyright\b)[^\n]{{0,40}}?{_AG}")),
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
    groups = m.groupdict()
    if groups.get("gx"):
        return re.sub(r"^[Tt]he ", "", groups["gx"].strip())
    if groups.get("ab"):
        return groups["ab"]
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
_WORD = re.compile(r"[a-z0-9]+")


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.translate(_TRANS))
    return "".join(ch for ch in text if not unicodedata.combining(ch)).lower()


def _bigrams(text: str) -> frozenset[tuple[str, str]]:
    """Word bigrams of a sentence, accents and case folded, thousands separators dropped."""
    words = _WORD.findall(re.sub(r"(?<=\d),(?=\d{3})", "", _fold(text)))
    return frozenset(zip(words, words[1:]))


# An embedded social-media post: its text is a quotation without quotation marks.
_EMBED = re.compile(r"\(@\w+\)|pic\.twitter\.com/|\bhttps?://t\.co/|—\s*\S+ \S+ \(@\w+\)")
_QUOTE_CHARS = re.compile(r"[\"“”„«»]")


def quote_shares(texts: Sequence[str], paragraphs: Sequence[int] | None = None) -> list[float]:
    """Per sentence, the share of its characters inside quotation marks.

    A quotation may run over several sentences: the state carries from one sentence to the
    next within a paragraph. Curly marks say which way they face; a straight mark toggles, except
    that a first mark right after punctuation closes a quotation that began before the sentence.
    """
    out: list[float] = []
    inside = False
    prev_par = None
    for k, text in enumerate(texts):
        par = paragraphs[k] if paragraphs is not None else None
        if par != prev_par:
            inside = False
        prev_par = par
        t = text.strip()
        count = 0
        seen_mark = False
        for pos, ch in enumerate(t):
            if ch in "“«„":
                inside = True
            elif ch in "”»":
                if not inside and not seen_mark:
                    count = pos  # the quotation began in an earlier sentence
                inside = False
            elif ch == '"':
                if not inside and not seen_mark and pos > 0 and t[pos - 1] in ".,!?—-…":
                    count = pos
                    inside = False
                else:
                    inside = not inside
            elif inside:
                count += 1
            if ch in "“”«»„\"":
                seen_mark = True
        out.append(count / max(1, len(t)))
    return out


# ---------------------------------------------------------------- pair evidence
@dataclass
class _Doc:
    sentences: list[int]  # indices (into the article's sentences) of the sentences compared
    rows: np.ndarray  # their rows in the vector matrix
    grams: list[frozenset[tuple[str, str]]]
    quote: np.ndarray  # bool per compared sentence: mostly a quotation (or an embedded post)
    cues: list[Cue]

    @property
    def n(self) -> int:
        return len(self.sentences)


@dataclass
class Link:
    i: int  # position among the compared sentences of A
    j: int
    cos: float
    overlap: float  # share of the shorter sentence's word bigrams found in the other
    near: bool
    quote: bool


@dataclass
class PairEvidence:
    """What ties two articles together; `is_wire` is the verdict, `reason` says which rule."""

    a: int
    b: int
    chain: list[Link] = field(default_factory=list)
    near: int = 0  # near-identical sentences in the chain (quotes included)
    near_prose: int = 0  # ... of them, not mostly quotation
    coverage: float = 0.0  # chain length / compared sentences of the shorter article
    near_coverage: float = 0.0  # near-identical links / compared sentences of the shorter article
    shared: int = 0  # near-identical sentences matched one to one in any order (moved paragraphs too)
    shared_prose: int = 0  # ... of them, not mostly quotation
    shared_coverage: float = 0.0  # shared / compared sentences of the shorter article
    lead: bool = False  # the chain starts within the first three sentences of both
    cues_a: list[Cue] = field(default_factory=list)
    cues_b: list[Cue] = field(default_factory=list)
    is_wire: bool = False
    reason: str = ""

    @property
    def agencies(self) -> list[str]:
        return list(dict.fromkeys(c.agency for c in [*self.cues_a, *self.cues_b]))


def _doc(article: AnnotatedArticle, rows: np.ndarray) -> _Doc:
    keep: list[int] = []
    for k, s in enumerate(article.sentences):
        if not s.boilerplate and len(s.text.split()) >= MIN_WORDS:
            keep.append(k)
    texts = [article.sentences[k].text for k in keep]
    shares = quote_shares([s.text for s in article.sentences], [s.paragraph for s in article.sentences])
    return _Doc(
        sentences=keep,
        rows=np.asarray(rows)[keep] if keep else np.zeros(0, dtype=int),
        grams=[_bigrams(t) for t in texts],
        quote=np.array([shares[k] >= QUOTE_SHARE or bool(_EMBED.search(article.sentences[k].text)) for k in keep], dtype=bool),
        cues=find_cues(article.article.raw.text),
    )


def _overlap(x: frozenset, y: frozenset) -> tuple[float, float]:
    """(containment of the smaller bigram set in the larger, Dice coefficient)."""
    small = min(len(x), len(y))
    if small < MIN_BIGRAMS:
        return 0.0, 0.0
    shared = len(x & y)
    return shared / small, 2 * shared / (len(x) + len(y))


def _links(sim: np.ndarray, da: _Doc, db: _Doc) -> list[Link]:
    """Every pair of sentences (i of A, j of B) similar enough to be linked."""
    links: list[Link] = []
    for i, j in np.argwhere(sim >= MATCH_COS_FLOOR):
        c = float(sim[i, j])
        ov, dice = _overlap(da.grams[i], db.grams[j])
        if c < MATCH_COS and ov < MATCH_OVERLAP:
            continue
        near = c >= NEAR_COS or dice >= NEAR_DICE
        links.append(Link(int(i), int(j), c, ov, near, bool(da.quote[i] or db.quote[j])))
    return links


def _shared(links: Sequence[Link]) -> list[Link]:
    """Near-identical links matched one to one (greedily, most similar first), in any order: the
    sentences two articles share even where one of them moved whole paragraphs."""
    used_i: set[int] = set()
    used_j: set[int] = set()
    out: list[Link] = []
    for lk in sorted((lk for lk in links if lk.near), key=lambda lk: (-lk.cos, -lk.overlap, lk.i, lk.j)):
        if lk.i in used_i or lk.j in used_j:
            continue
        used_i.add(lk.i)
        used_j.add(lk.j)
        out.append(lk)
    return out


def _chain(sim: np.ndarray, da: _Doc, db: _Doc, links_in: Sequence[Link] | None = None) -> list[Link]:
    """The heaviest chain of sentence links that keeps the same order in both articles.

    A link pairs sentence i of A with sentence j of B when they are similar enough; it weighs 1
    when near-identical, less for a paraphrase, half as much when both sides are quotations.
    Dynamic programming over the links sorted by i gives the best chain with i and j increasing.
    """
    if links_in is None:
        links_in = _links(sim, da, db)
    links = [(lk, (1.0 if lk.near else PARAPHRASE_WEIGHT) * (0.5 if lk.quote else 1.0)) for lk in links_in]
    if not links:
        return []
    links.sort(key=lambda lw: (lw[0].i, lw[0].j))
    n = len(links)
    best = np.array([w for _, w in links])
    prev = np.full(n, -1)
    ii = np.array([lk.i for lk, _ in links])
    jj = np.array([lk.j for lk, _ in links])
    for k in range(n):
        ok = np.flatnonzero((ii[:k] < ii[k]) & (jj[:k] < jj[k]))
        if len(ok):
            q = ok[np.argmax(best[ok])]
            best[k] = best[q] + links[k][1]
            prev[k] = q
    k = int(np.argmax(best))
    out: list[Link] = []
    while k >= 0:
        out.append(links[k][0])
        k = int(prev[k])
    return out[::-1]


def _verdict(ev: PairEvidence, n_short: int) -> tuple[bool, str]:
    if n_short < MIN_SENTENCES:
        return False, ""
    # Copied text: several near-identical narrative sentences in the same order, a fair share of
    # the shorter article (an article that pastes a few background sentences of an agency report
    # into its own long story, or quotes the same statement, is not a copy of it).
    if ev.near_prose >= COPY_LONG or (ev.near_prose >= COPY_MIN_NEAR_SHORT and ev.near_coverage >= COPY_MIN_SHARE):
        return True, "copy"
    # Copied text with paragraphs moved: near-identical sentences matched in any order cover much
    # of the shorter article, several of them in order, at least one narrative.
    if (
        ev.shared >= MOVED_MIN_SHARED
        and ev.near >= MOVED_MIN_CHAIN
        and ev.shared_prose >= 1
        and ev.shared_coverage >= MOVED_MIN_SHARE
    ):
        return True, "copy"
    # A quote-heavy article copied nearly whole: its quotations and the prose around them.
    if ev.near >= COPY_MIN_NEAR + 1 and ev.near_coverage >= COPY_WHOLE_SHARE and ev.near_prose >= 1:
        return True, "copy"
    # A rewrite: most of the shorter article follows the other sentence by sentence from the
    # lead, with at least one sentence kept near-identical, and a cue naming the report's source.
    if (
        len(ev.chain) >= REWRITE_MIN_LINKS
        and ev.coverage >= REWRITE_MIN_SHARE
        and ev.lead
        and ev.near >= 1
        and sum(not lk.quote for lk in ev.chain) >= REWRITE_MIN_PROSE
        and (ev.cues_a or ev.cues_b)
    ):
        return True, "rewrite"
    return False, ""


def pair_evidence(vectors: np.ndarray, da: _Doc, db: _Doc, a: int = 0, b: int = 1) -> PairEvidence:
    """Evidence that articles a and b (prepared with `_doc`) rewrite one report."""
    ev = PairEvidence(a, b, cues_a=da.cues, cues_b=db.cues)
    if not da.n or not db.n:
        return ev
    sim = vectors[da.rows] @ vectors[db.rows].T
    links = _links(sim, da, db)
    ev.chain = _chain(sim, da, db, links)
    shared = _shared(links)
    ev.shared = len(shared)
    ev.shared_prose = sum(not lk.quote for lk in shared)
    ev.near = sum(lk.near for lk in ev.chain)
    ev.near_prose = sum(lk.near and not lk.quote for lk in ev.chain)
    n_short = min(da.n, db.n)
    ev.coverage = len(ev.chain) / n_short
    ev.near_coverage = ev.near / n_short
    ev.shared_coverage = ev.shared / n_short
    ev.lead = bool(ev.chain) and ev.chain[0].i < 3 and ev.chain[0].j < 3
    ev.is_wire, ev.reason = _verdict(ev, n_short)
    return ev


# ---------------------------------------------------------------- groups
def _initials(name: str) -> str:
    return "".join(w[0] for w in name.split() if w[:1].isupper())


def _canonical(cues: Sequence[Cue]) -> dict[str, str]:
    """Agency name as cited -> the name to show: an abbreviation ("MP") becomes the full name
    ("Meridian Press") when another cue of the group spells it out."""
    full = {c.agency for c in cues if " " in c.agency}
    out: dict[str, str] = {}
    for c in cues:
        out[c.agency] = next((f for f in sorted(full) if _initials(f) == c.agency), c.agency)
    return out


# How strongly a cue says the article *is* the agency's report (a dateline or a byline), rather
# than that the agency reported one thing in it ("told Reuters").
_CUE_WEIGHT = {"dateline": 3, "byline": 3, "copyright": 3, "wire credit": 2, "contributed": 2,
               "told": 1, "reported": 1, "according to": 1}


def _origin(cues_by_article: Sequence[Sequence[Cue]]) -> str | None:
    """The agency the group's cues point to: per article its strongest cue for each agency,
    summed over the articles; the first named wins a tie."""
    flat = [c for cues in cues_by_article for c in cues]
    if not flat:
        return None
    canon = _canonical(flat)
    score: dict[str, int] = {}
    for cues in cues_by_article:
        best: dict[str, int] = {}
        for c in cues:
            name = canon[c.agency]
            best[name] = max(best.get(name, 0), _CUE_WEIGHT.get(c.kind, 1))
        for name, w in best.items():
            score[name] = score.get(name, 0) + w
    return max(score, key=lambda n: score[n])


def _short(text: str, words: int = 16) -> str:
    w = text.split()
    return " ".join(w[:words]) + (" …" if len(w) > words else "")


def _pair_evidence_text(ev: PairEvidence, names: Sequence[str], arts: Sequence[AnnotatedArticle], docs: Sequence[_Doc], many: bool) -> list[str]:
    tag = f"{names[ev.a]} and {names[ev.b]}: " if many else ""
    parts = []
    if ev.near:
        quoted = sum(lk.near and lk.quote for lk in ev.chain)
        parts.append(f"{ev.near} near-identical sentence{'s' if ev.near != 1 else ''}" + (f" ({quoted} of them quotations)" if quoted else ""))
    para = len(ev.chain) - ev.near
    if para:
        parts.append(f"{para} closely paraphrased sentence{'s' if para != 1 else ''}")
    out = [f"{tag}{' and '.join(parts)} in the same order, covering {ev.coverage:.0%} of the shorter article"]
    example = next((lk for lk in ev.chain if lk.near and not lk.quote), None) or next((lk for lk in ev.chain if lk.near), None)
    if example is not None:
        sent = arts[ev.a].sentences[docs[ev.a].sentences[example.i]]
        out.append(f"{tag}shared sentence: '{_short(sent.text)}'")
    return out


def _cue_evidence_text(members: Sequence[int], docs: Sequence[_Doc], names: Sequence[str]) -> list[str]:
    cues = [c for m in members for c in docs[m].cues]
    canon = _canonical(cues)
    by_agency: dict[str, dict[int, Cue]] = {}
    for m in members:
        for c in docs[m].cues:
            by_agency.setdefault(canon[c.agency], {}).setdefault(m, c)
    out = []
    for agency, per in by_agency.items():
        if len(per) == 1:
            m, c = next(iter(per.items()))
            out.append(f"{names[m]} cites {agency}: '{c.text}'")
        else:
            who = "both" if len(per) == 2 == len(members) else str(len(per))
            out.append(f"{who} cite {agency}: " + "; ".join(f"{names[m]} '{c.text}'" for m, c in per.items()))
    return out


def wire_groups(
    articles: Sequence[AnnotatedArticle],
    vectors: Sequence[np.ndarray],
    ids: Sequence[str] | None = None,
) -> tuple[list[WireGroup], list[PairEvidence]]:
    """Wire groups among `articles`; `vectors[k]` holds article k's sentence vectors (L2-normalised).

    Returns the groups and every pair's evidence (for inspection and benchmarks).
    """
    ids = list(ids) if ids is not None else [a.id for a in articles]
    names = [a.article.raw.outlet or ids[k] for k, a in enumerate(articles)]
    dim = next((v.shape[1] for v in vectors if v is not None and v.ndim == 2), 0)
    mats = [v if v is not None and len(v) else np.zeros((0, dim), dtype=np.float32) for v in vectors]
    allvec = np.vstack(mats) if mats else np.zeros((0, dim), dtype=np.float32)
    starts = np.cumsum([0] + [len(m) for m in mats])
    docs = [_doc(a, np.arange(starts[k], starts[k + 1])) for k, a in enumerate(articles)]
    pairs: list[PairEvidence] = []
    for a in range(len(docs)):
        for b in range(a + 1, len(docs)):
            pairs.append(pair_evidence(allvec, docs[a], docs[b], a, b))
    # Connected components of the wire pairs.
    parent = list(range(len(docs)))

    def root(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for ev in pairs:
        if ev.is_wire:
            parent[root(ev.a)] = root(ev.b)
    comps: dict[int, list[int]] = {}
    for k in range(len(docs)):
        comps.setdefault(root(k), []).append(k)
    groups: list[WireGroup] = []
    for members in comps.values():
        if len(members) < 2:
            continue
        members.sort()
        inside = [ev for ev in pairs if ev.is_wire and ev.a in members and ev.b in members]
        evidence = [t for ev in inside for t in _pair_evidence_text(ev, names, articles, docs, len(inside) > 1)]
        groups.append(
            WireGroup(
                articles=[ids[m] for m in members],
                origin=_origin([docs[m].cues for m in members]),
                evidence=evidence + _cue_evidence_text(members, docs, names),
            )
        )
    return groups, pairs


def find_wire_groups(cands: Candidates) -> list[WireGroup]:
    """Wire groups among the articles of a story's summary candidates (`Prepared.cands`).

    Candidates hold every sentence of every used article, in order, one vector row each.
    """
    vecs = [cands.vectors[cands.article_of == k] for k in range(len(cands.articles))]
    groups, _ = wire_groups(cands.articles, vecs)
    return groups
