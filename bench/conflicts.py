"""Conflicting figures, dates and names across outlets: injected conflicts and false alarms.

    python bench/conflicts.py                       # all of raw_dev: ~1.5 min warm, ~6.5 min cold
    python bench/conflicts.py --injections 300 --seed 7 --sample 30
    python bench/conflicts.py --limit 20            # quicker look

1. Untouched clusters: every raw_dev cluster goes through `pipeline.prepare`, then
   `facts.group_facts` and `conflicts.find_conflicts`; prints the number of conflicts reported
   per cluster and a sample of them (to read by hand: how many are real?).

2. Injected conflicts. In a cluster, two sentences of different articles that the fact grouping
   puts in one fact and that state the same number, date or name are a *site*. Headline sites
   also have a sentence cosine >= 0.7 and the item in the same role (the same word right before
   or after it, or two of the three words on either side); the other aligned sites are run too
   (--loose, default 60) and reported apart. At most --per-cluster (8) injections come from one
   cluster. One site is altered in ONE article:
   - a number: x1.5 or x2/3 (years +/- 1..3), written the way the original was (digits with
     commas, decimals, number words);
   - a date: another day of the same month (+3), or another month; a weekday: two days on;
   - a name: another name of the same entity type found in the cluster (one not in either
     sentence, not an alias or acronym of the original). A name's type is the label the cluster
     gives it most often (spaCy's tag of one mention is noisy: "Palin" tagged a place), and only
     whole names are altered, not a fragment spaCy split off a longer one ("Zeta" of "Zeta Beta
     Tau", "State" of "Secretary of State"): replacing those alters no name.
   A distinctive number or date ("4,200", "$12 million", "March 17") is changed wherever the
   altered article states it (an outlet that has a different figure states it consistently);
   small numbers ("two"), weekdays and names only in that sentence.
   The altered cluster goes through prepare + group_facts + find_conflicts again (only the
   altered article is re-annotated and only its changed sentences re-embedded; see `_Cache`).

   - recall: share of injections for which some reported conflict lists the altered value (in
     the altered article) AND the original value (in another article);
   - precision: of the conflicts reported in the altered cluster that list a value from an
     altered sentence, the share that list both the altered and the original value.
   Also printed: conflicts reported in an altered cluster that touch no altered sentence and
   were not reported for the untouched cluster (side effects of the alteration).

prepare() results of the untouched clusters are cached (pickle) under
$TMPDIR/storyweave-bench/conflicts/ keyed by the cluster's text; --no-cache ignores the cache.
"""

from __future__ import annotations

import argparse
import difflib
import hashlib
import pickle
import random
import re
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from storyweave import pipeline
from storyweave.conflicts import _is_media, _same_entity, dates, find_conflicts, quantities
from storyweave.embed import get_embedder
from storyweave.facts import _TITLES, NAME_LABELS, fold, group_facts, name_key, same_name
from storyweave.ingest import read_clusters
from storyweave.records import AnnotatedArticle, Conflict, RawArticle
from storyweave.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
ALIGNED = 0.7  # headline sites: the two sentences' cosine at least this
RAW_DEV = ROOT.parent / "shared" / "data" / "multinews" / "raw_dev.jsonl"
CACHE = Path(tempfile.gettempdir()) / "storyweave-bench" / "conflicts"

_WORDS = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven", 8: "eight", 9: "nine", 10: "ten",
          11: "eleven", 12: "twelve", 13: "thirteen", 14: "fourteen", 15: "fifteen", 16: "sixteen", 17: "seventeen",
          18: "eighteen", 19: "nineteen", 20: "twenty", 30: "thirty", 40: "forty", 50: "fifty", 60: "sixty",
          70: "seventy", 80: "eighty", 90: "ninety"}
_MONTH_NAMES = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
                "November", "December"]
_WEEKDAY_NAMES = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


# ---------------------------------------------------------------- caching prepare()
class _CachingEmbedder:
    """Wraps the real embedder; vectors of sentences already seen are reused."""

    def __init__(self, inner) -> None:
        self.inner, self.name, self.dim = inner, inner.name, inner.dim
        self.memo: dict[str, np.ndarray] = {}

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        todo = list(dict.fromkeys(t for t in texts if t not in self.memo))
        if todo:
            for t, v in zip(todo, self.inner.encode(todo)):
                self.memo[t] = v
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return np.vstack([self.memo[t] for t in texts]).astype(np.float32)


class _Cache:
    """Annotation reuse: an article whose cleaned text was annotated before is not sent to spaCy again."""

    def __init__(self) -> None:
        self.by_text: dict[str, AnnotatedArticle] = {}
        self._orig = pipeline.annotate_many

    def remember(self, annotated: Sequence[AnnotatedArticle]) -> None:
        for a in annotated:
            self.by_text[a.article.text] = a

    def annotate_many(self, cleaned, settings=None):
        todo = [c for c in cleaned if c.text not in self.by_text]
        if todo:
            self.remember(self._orig(todo, settings))
        out = []
        for c in cleaned:
            hit = self.by_text[c.text]
            out.append(hit.model_copy(update={"article": c}))
        return out

    def __enter__(self):
        pipeline.annotate_many = self.annotate_many
        return self

    def __exit__(self, *exc) -> None:
        pipeline.annotate_many = self._orig


def _key(articles: Sequence[RawArticle]) -> str:
    return hashlib.sha1("\x00".join(a.text for a in articles).encode()).hexdigest()[:16]


def _prepare(articles, settings, embedder):
    """pipeline.prepare, with `cands` replaced by the aligned candidates (alignment-embedder
    vectors), which is what facts and conflicts run on in a brief."""
    p = pipeline.prepare(articles, settings, embedder=embedder)
    p.cands = p.aligned()
    p.embedder = p._aligned = None  # picklable; nothing else needs it
    return p


def prepared(cluster, settings, embedder, use_cache: bool):
    path = CACHE / f"{cluster.id}-{_key(cluster.articles)}.pkl"
    if use_cache and path.exists():
        try:
            return pickle.loads(path.read_bytes())
        except Exception:  # noqa: BLE001 - a stale or broken cache file is rebuilt
            pass
    p = _prepare(cluster.articles, settings, embedder)
    CACHE.mkdir(parents=True, exist_ok=True)
    path.write_bytes(pickle.dumps(p))
    return p


def analyse(p):
    outlet_of = {a.id: a.outlet for a in p.raws}
    t = time.perf_counter()
    facts = group_facts(p.cands, outlet_of)
    conflicts = find_conflicts(p.cands, facts, outlet_of)
    return facts, conflicts, time.perf_counter() - t


# ---------------------------------------------------------------- injection sites
@dataclass
class Site:
    cluster: str
    kind: str  # number | date | name
    article: int  # index into cluster.articles of the article to alter
    sentence_text: str  # the sentence in the altered article
    other_article: int
    original: str  # surface to replace
    replacement: str
    other_text: str
    same_role: bool = True  # the item has the same neighbouring words in both sentences
    cosine: float = 1.0  # the two sentences' similarity (MiniLM)

    @property
    def headline(self) -> bool:
        """Same fact by meaning (cosine >= ALIGNED) and the item in the same role."""
        return self.same_role and self.cosine >= ALIGNED

    def describe(self) -> str:
        return f"{self.cluster} {self.kind}: {self.original!r} -> {self.replacement!r} in doc {self.article}"


def _fmt_like(orig: str, value: float) -> str:
    num = re.search(r"\d[\d,]*(?:\.\d+)?", orig)
    if num is None:  # a number word
        v = int(round(value))
        word = _WORDS.get(v)
        if word is None:
            return str(v)
        lead = orig.strip().split()[0]
        return word.capitalize() if lead[:1].isupper() else word
    raw = num.group()
    decimals = len(raw.split(".")[1]) if "." in raw else 0
    text = f"{value:,.{decimals}f}" if "," in raw else f"{value:.{decimals}f}"
    return orig[: num.start()] + text + orig[num.end() :]


_QUALIFIER_PREFIX = re.compile(
    r"^(?:no fewer than|no less than|in excess of|upwards of|more than|greater than|at least|well over|just over|over|"
    r"above|exceeding|fewer than|less than|at most|up to|as many as|as much as|under|below|just under|nearly|almost|"
    r"close to|approaching|an estimated|estimated|about|around|approximately|roughly|some|approx|circa)\s+",
    re.I,
)


def _number_core(q_text: str) -> str:
    """The figure itself, without its qualifier ("more than 20" -> "20"; "$12 million" kept whole)."""
    return _QUALIFIER_PREFIX.sub("", q_text.strip()).strip()


def _alter_number(q, rng: random.Random) -> str | None:
    core = _number_core(q.text)
    if q.kind == "year":
        return _fmt_like(core, q.value + rng.choice([-3, -2, -1, 1, 2, 3]))
    num = re.search(r"\d[\d,]*(?:\.\d+)?", core)
    up = rng.random() < 0.5
    if num is None:  # number words
        parsed = quantities(core)
        if not parsed:
            return None
        v = parsed[0].value
        new = round(v * 1.5) if up or v < 3 else round(v * 2 / 3)
        if new == v:
            new = v + 2
        word = _WORDS.get(int(new))
        if word is None:
            return str(int(new))
        return word.capitalize() if core[:1].isupper() else word
    shown = float(num.group().replace(",", ""))
    factor = 1.5 if up or shown < 3 else 2 / 3
    decimals = len(num.group().split(".")[1]) if "." in num.group() else 0
    new = round(shown * factor, decimals)
    if new == shown:
        new = shown + 10 ** (-decimals) * 2
    return _fmt_like(core, new)


def _alter_date(d, rng: random.Random) -> str:
    text = d.text
    if d.weekday is not None:
        return _WEEKDAY_NAMES[(d.weekday + 2) % 7]
    if d.day is not None and rng.random() < 0.6:
        new_day = d.day + 3 if d.day <= 25 else d.day - 3
        return re.sub(r"\b%d\b" % d.day, str(new_day), text, count=1)
    if d.month is not None:
        month_re = re.compile(r"\b(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\b\.?")
        new_month = _MONTH_NAMES[(d.month + 1) % 12]
        return month_re.sub(new_month, text, count=1)
    return text


def _neighbours(text: str, start: int, end: int) -> tuple[str | None, str | None, set[str]]:
    """The word right before, the word right after, and the 3 words on each side (lower case)."""
    toks = [(m.group().lower(), m.start(), m.end()) for m in re.finditer(r"[^\W_]+(?:['’][^\W_]+)*", text)]
    left = [t for t, _, e in toks if e <= start][-3:]
    right = [t for t, s, _ in toks if s >= end][:3]
    return (left[-1] if left else None), (right[0] if right else None), set(left) | set(right)


def same_role(a_text: str, a_span: tuple[int, int], b_text: str, b_span: tuple[int, int]) -> bool:
    """The item has the same neighbours in both sentences: the word right before or right after
    it is the same, or two of the three words on either side are."""
    la, ra, na = _neighbours(a_text, *a_span)
    lb, rb, nb = _neighbours(b_text, *b_span)
    return (la is not None and la == lb) or (ra is not None and ra == rb) or len(na & nb) >= 2


def sites(cluster, p, facts, rng: random.Random) -> list[Site]:
    """Aligned sentence pairs (one fact, two articles) that share a number, date or name."""
    arts = p.cands.articles
    by_id = {a.id: k for k, a in enumerate(arts)}
    raw_index = {raw.id: i for i, raw in enumerate(p.raws)}
    # Replacement names: names of people, organisations and places that the cluster mentions at
    # least twice (spaCy's one-off tags are often not names), capitalised, not a news outlet. A
    # name's type is the label the cluster gives it most often (one mention's tag is noisy: a
    # surname tagged as a place), so that a person is replaced by a person.
    votes: dict[tuple[str, ...], Counter] = {}
    for a in arts:
        for s in a.sentences:
            for e in s.entities:
                if e.label in NAME_LABELS and name_key(e.text):
                    votes.setdefault(name_key(e.text)[-1:], Counter())[e.label] += 1

    def type_of(name: str) -> str | None:
        v = votes.get(name_key(name)[-1:])
        return max(v, key=lambda lab: (v[lab], lab)) if v else None

    seen_names: dict[str, list[str]] = {}
    for a in arts:
        for s in a.sentences:
            for e in s.entities:
                text = re.sub(r"['’]s?$", "", e.text)
                label = type_of(text)
                if label in {"PERSON", "ORG", "GPE"} and name_key(text) and len(text) > 2 and text[:1].isupper():
                    seen_names.setdefault(label, []).append(text)
    names_by_label: dict[str, list[str]] = {}
    for label, found in seen_names.items():
        for n in found:
            if _is_media(n) or sum(same_name(n, x) for x in found) < 2:
                continue
            if not any(same_name(n, x) for x in names_by_label.get(label, [])):
                names_by_label.setdefault(label, []).append(n)
    row_of = {(p.cands.articles[int(a)].id, int(si)): r for r, (a, si) in enumerate(zip(p.cands.article_of, p.cands.sentence_of))}
    out: list[Site] = []
    for f in facts:
        if f.support < 2:
            continue
        ms = f.mentions
        for x in range(len(ms)):
            for y in range(len(ms)):
                if x == y:
                    continue
                ma, mb = ms[x], ms[y]
                sa = arts[by_id[ma.article]].sentences[ma.sentence]
                sb = arts[by_id[mb.article]].sentences[mb.sentence]
                ia, ib = raw_index[ma.article], raw_index[mb.article]
                cos = float(p.cands.vectors[row_of[(ma.article, ma.sentence)]] @ p.cands.vectors[row_of[(mb.article, mb.sentence)]])
                n_before = len(out)
                qa, qb = quantities(sa.text), quantities(sb.text)
                for q in qa:
                    if q.qualifier in {"vague", "increment", "range"}:
                        continue
                    match = [o for o in qb if o.kind == q.kind and o.unit == q.unit and abs(o.value - q.value) < 1e-9]
                    if match:
                        new = _alter_number(q, rng)
                        core = _number_core(q.text)
                        if new and new != core:
                            kind = "date" if q.kind == "year" else "number"
                            role = any(same_role(sa.text, (q.start, q.end), sb.text, (o.start, o.end)) for o in match)
                            out.append(Site(cluster.id, kind, ia, sa.text, ib, core, new, sb.text, role))
                da, db = dates(sa.text), dates(sb.text)
                for d in da:
                    match = [o for o in db if o.clashes(d) is False and (o.weekday, o.month, o.day) == (d.weekday, d.month, d.day)]
                    if match:
                        new = _alter_date(d, rng)
                        if new != d.text:
                            role = any(same_role(sa.text, (d.start, d.end), sb.text, (o.start, o.end)) for o in match)
                            out.append(Site(cluster.id, "date", ia, sa.text, ib, d.text, new, sb.text, role))
                for e in sa.entities:
                    label = type_of(e.text)
                    if e.label not in NAME_LABELS or label not in names_by_label or len(e.text) <= 2 or _fragment(sa.text, e.start, e.end, label):
                        continue  # a whole name (not "State" of "Secretary of State"), of a type the cluster agrees on
                    match = [o for o in sb.entities if same_name(e.text, o.text)]
                    if not match:
                        continue
                    pool = [n for n in names_by_label[label] if not same_name(n, e.text) and not _same_entity(n, e.text)
                            and not _mentioned(sa.text, n) and not _mentioned(sb.text, n)]
                    if pool:
                        role = any(same_role(sa.text, (e.start, e.end), sb.text, (o.start, o.end)) for o in match)
                        out.append(Site(cluster.id, "name", ia, sa.text, ib, e.text, rng.choice(pool), sb.text, role))
                for site in out[n_before:]:
                    site.cosine = cos
    # One site per (article, original): keep the first.
    seen: set[tuple[int, str, str]] = set()
    unique = []
    for s in out:
        k = (s.article, s.original, s.sentence_text)
        if k not in seen:
            seen.add(k)
            unique.append(s)
    return unique


def _fragment(text: str, start: int, end: int, label: str) -> bool:
    """Whether an entity is part of a longer proper noun spaCy split ("Zeta" of "Zeta Beta Tau",
    "State" of "Secretary of State"): a capitalised word right before it (not a title, not the
    sentence's first word; through "of" only for a non-place: "Governor of Texas" names Texas), or
    right after it. Replacing such a fragment does not alter a name."""
    before = re.search(r"([^\W\d_][\w.]*)(\s+(?:of|de|du|van|von))?\s+$", text[:start])
    if before and before.group(1)[:1].isupper() and before.start() > 0:
        if before.group(2) and label != "GPE":
            return True
        if not before.group(2) and fold(before.group(1)).strip(".") not in _TITLES:
            return True
    after = re.match(r"\s+(?:of\s+)?([^\W\d_][\w]*)", text[end:])
    return bool(after and after.group(1)[:1].isupper())


def _mentioned(text: str, name: str) -> bool:
    # (?<!\w)/(?!\w), not \b: "U.S." ends in a dot, after which \b never matches
    return all(re.search(r"(?<!\w)" + re.escape(k) + r"(?!\w)", text, re.I) for k in name.split())


def _pattern(surface: str) -> re.Pattern:
    return re.compile(r"(?<![\w$£€])(?<![\d][.,])" + re.escape(surface) + r"(?![\w%]|[.,]\d)")


def apply(cluster, site: Site) -> list[RawArticle] | None:
    """The cluster's articles with the site altered in its article (None if the text cannot be found)."""
    arts = list(cluster.articles)
    raw = arts[site.article]
    text = raw.text
    pos = _find_sentence(text, site.sentence_text)
    if pos is None:
        return None
    start, end = pos
    pat = _pattern(site.original)
    if not pat.search(text[start:end]):
        return None
    if site.kind == "name" or not _distinctive(site.original):  # only in that sentence
        new_text = text[:start] + pat.sub(site.replacement, text[start:end], count=1) + text[end:]
    else:  # a distinctive figure or date: wherever this article states it
        new_text = pat.sub(site.replacement, text)
    arts[site.article] = raw.model_copy(update={"text": new_text, "id": hashlib.sha1(new_text.encode()).hexdigest()[:16]})
    return arts


def _distinctive(surface: str) -> bool:
    """A figure or date specific enough that its other occurrences in the article are the same
    figure ("4,200", "$12 million", "March 17"), unlike "two" or "Tuesday"."""
    if re.search(r"[$£€%]|\d{3}|\d[.,]\d", surface):
        return True
    return bool(re.search(r"\d", surface)) and bool(re.search(r"[A-Za-z]{3}", surface))


def _find_sentence(text: str, sentence: str) -> tuple[int, int] | None:
    i = text.find(sentence)
    if i >= 0:
        return i, i + len(sentence)
    # cleaning may have joined wrapped lines: match with flexible whitespace
    toks = sentence.split()
    if not toks:
        return None
    m = re.search(r"\s+".join(re.escape(t) for t in toks), text)
    return (m.start(), m.end()) if m else None


def _same(value: str, surface: str, kind: str) -> bool:
    """Whether a reported value is the given surface (a figure compared by value, a name by name)."""
    if kind == "name":
        return same_name(value, surface)
    if re.search(r"\b" + re.escape(surface.lower()) + r"\b", value.lower()):
        return True
    qa, qb = quantities(value), quantities(surface)
    if qa and qb:
        return any(abs(x.value - qb[0].value) < 1e-6 for x in qa)
    da, db = dates(value), dates(surface)
    if da and db:
        return any(x.clashes(db[0]) is False for x in da)
    return False


def judge(site: Site, p, conflicts: list[Conflict]) -> tuple[bool, int, int, list[Conflict]]:
    """(hit, conflicts touching an altered sentence, of those correct, the touching conflicts)."""
    art_id = p.raws[site.article].id
    ann = next((a for a in p.cands.articles if a.id == art_id), None)
    if ann is None:
        return False, 0, 0, []
    pat = _pattern(site.replacement)
    altered = {s.index for s in ann.sentences if pat.search(s.text)}
    if site.kind == "name" and altered:
        expected = _pattern(site.original).sub(site.replacement, site.sentence_text, count=1)
        best = max(altered, key=lambda i: difflib.SequenceMatcher(None, ann.sentences[i].text, expected).ratio())
        altered = {best}
    touching, correct, hit = [], 0, False
    for c in conflicts:
        if not any(v.article == art_id and v.sentence in altered for v in c.values):
            continue
        touching.append(c)
        mine = [v.value for v in c.values if v.article == art_id and v.sentence in altered]
        others = [v.value for v in c.values if v.article != art_id]
        ok = any(_same(v, site.replacement, site.kind) for v in mine) and any(_same(v, site.original, site.kind) for v in others)
        correct += ok
        hit |= ok
    return hit, len(touching), correct, touching


def _fmt_conflict(c: Conflict, width: int = 150) -> str:
    lines = [f"  [{c.kind}] {c.about}"]
    for v in c.values:
        lines.append(f"      {v.value!r:28} {v.article[:8]}:{v.sentence:<3} {v.text[:width]}")
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("file", nargs="?", type=Path, default=RAW_DEV)
    ap.add_argument("--limit", type=int, default=None, help="first N clusters only")
    ap.add_argument("--injections", type=int, default=260, help="injections at same-role sites (spread over clusters)")
    ap.add_argument("--loose", type=int, default=60, help="injections at other aligned sites, reported apart")
    ap.add_argument("--per-cluster", type=int, default=8, help="at most this many injections from one cluster")
    ap.add_argument("--kinds", default="number,date,name", help="which injections to run")
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--sample", type=int, default=25, help="untouched-cluster conflicts to print")
    ap.add_argument("--misses", type=int, default=15, help="missed / wrong injections to print")
    ap.add_argument("--no-cache", action="store_true")
    args = ap.parse_args()

    settings = Settings()
    embedder = _CachingEmbedder(get_embedder(settings))
    rng = random.Random(args.seed)
    t0 = time.perf_counter()
    clusters = []
    for i, c in enumerate(read_clusters(args.file, settings)):
        if args.limit is not None and i >= args.limit:
            break
        clusters.append(c)

    # ---- untouched clusters
    cache = _Cache()
    base: dict[str, tuple] = {}
    n_conf, times, kinds = 0, [], Counter()
    for c in clusters:
        p = prepared(c, settings, embedder, not args.no_cache)
        cache.remember(p.annotated)
        if len(p.cands):
            for t, v in zip(p.cands.texts, p.cands.vectors):
                embedder.memo.setdefault(t, v)
        facts, conflicts, dt = analyse(p)
        times.append(dt)
        base[c.id] = (c, p, facts, conflicts)
        n_conf += len(conflicts)
        kinds.update(x.kind for x in conflicts)
    n = len(clusters)
    print(f"untouched: {n} clusters, {n_conf} conflicts reported = {n_conf / max(1, n):.2f} per cluster "
          f"(by kind: {dict(kinds)}); facts+conflicts {1000 * np.mean(times):.0f} ms mean, "
          f"{1000 * max(times):.0f} ms max per cluster")
    sample = [(cid, x) for cid, (_, _, _, cs) in base.items() for x in cs]
    print(f"\nsample of untouched-cluster conflicts ({min(args.sample, len(sample))} of {len(sample)}):")
    for cid, x in sample[: args.sample]:
        print(f" {cid}\n{_fmt_conflict(x)}")

    # ---- injections
    all_sites: dict[str, list[Site]] = {}
    for cid, (c, p, facts, _) in base.items():
        if len(p.used) < 2:
            continue
        s = sites(c, p, facts, rng)
        rng.shuffle(s)
        if s:
            all_sites[cid] = s
    kinds = set(args.kinds.split(","))
    strict = {cid: [x for x in v if x.headline and x.kind in kinds] for cid, v in all_sites.items()}
    loose = {cid: [x for x in v if not x.headline and x.kind in kinds] for cid, v in all_sites.items()}
    chosen = _spread(strict, args.injections, args.per_cluster)
    chosen_loose = _spread(loose, args.loose, args.per_cluster)
    for label, pool in ((f"headline (same role, cosine >= {ALIGNED})", strict), ("other aligned", loose)):
        avail = Counter(x.kind for v in pool.values() for x in v)
        print(f"\ninjection sites, {label}: {sum(avail.values())} {dict(avail)} in {sum(1 for v in pool.values() if v)} clusters")

    results = run_injections(chosen + chosen_loose, base, cache, settings, embedder, t0)
    main_res = [(s, r) for s, r in results if s.headline]
    loose_res = [(s, r) for s, r in results if not s.headline]
    report(f"injections at headline sites (one fact, cosine >= {ALIGNED}, item in the same role)", main_res)
    if loose_res:
        report("injections at other aligned sites (looser paraphrase or the item's neighbours differ; for reference)", loose_res)
    ms = [r[5] for _, r in results if r is not None]
    if ms:
        print(f"facts+conflicts on altered clusters: {1000 * np.mean(ms):.0f} ms mean")

    done = [(s, r) for s, r in main_res if r is not None]
    misses = [(s, r) for s, r in done if not r[0] or r[1] > r[2]]
    if misses and args.misses:
        print(f"\nmissed or wrong, headline sites ({min(args.misses, len(misses))} of {len(misses)}):")
        for s, r in misses[: args.misses]:
            print(f" {s.describe()}  hit={r[0]} reported={r[1]} correct={r[2]}")
            print(f"    before alteration: {s.sentence_text[:160]}")
            print(f"    other article:     {s.other_text[:160]}")
            for x in r[4]:
                print(_fmt_conflict(x, 100))
    print(f"\ntotal wall-clock {time.perf_counter() - t0:.0f} s")


def _spread(pool: dict[str, list[Site]], target: int, per_cluster: int = 8) -> list[Site]:
    """Round-robin over clusters, and over kinds within a cluster, until `target` sites are taken
    (at most `per_cluster` from one cluster, so that no one story dominates)."""
    queues: dict[str, list[Site]] = {}
    for cid, v in pool.items():
        by_kind: dict[str, list[Site]] = {}
        for x in v:
            by_kind.setdefault(x.kind, []).append(x)
        order = []
        while any(by_kind.values()):
            for k in ("number", "date", "name"):
                if by_kind.get(k):
                    order.append(by_kind[k].pop(0))
        queues[cid] = order[:per_cluster]
    chosen: list[Site] = []
    while len(chosen) < target and any(queues.values()):
        for cid in list(queues):
            if queues[cid] and len(chosen) < target:
                chosen.append(queues[cid].pop(0))
    return chosen


def run_injections(chosen, base, cache, settings, embedder, t0):
    results = []
    with cache:
        for k, site in enumerate(chosen):
            c, _, _, base_conf = base[site.cluster]
            arts = apply(c, site)
            if arts is None:
                results.append((site, None))
                continue
            p = _prepare(arts, settings, embedder)
            facts, conflicts, dt = analyse(p)
            hit, touching, correct, touched = judge(site, p, conflicts)
            before = {(x.kind, tuple(sorted(v.value for v in x.values))) for x in base_conf}
            extra = [x for x in conflicts if x not in touched and (x.kind, tuple(sorted(v.value for v in x.values))) not in before]
            results.append((site, (hit, touching, correct, len(extra), touched, dt)))
            if (k + 1) % 50 == 0:
                print(f"  {k + 1} injections ({time.perf_counter() - t0:.0f} s)", file=sys.stderr)
    return results


def report(title: str, results) -> None:
    done = [(s, r) for s, r in results if r is not None]
    skipped = len(results) - len(done)
    print(f"\n{title}: {len(done)} run (skipped, text not found: {skipped})")
    print(f"{'kind':8} {'n':>5} {'recall':>8} {'precision':>10} {'reported':>9} {'other new':>10}")
    for kind in ("number", "date", "name", "all"):
        sel = [(s, r) for s, r in done if kind == "all" or s.kind == kind]
        if not sel:
            continue
        hits = sum(r[0] for _, r in sel)
        touching = sum(r[1] for _, r in sel)
        correct = sum(r[2] for _, r in sel)
        extra = sum(r[3] for _, r in sel)
        prec = correct / touching if touching else float("nan")
        print(f"{kind:8} {len(sel):5d} {hits / len(sel):8.3f} {prec:10.3f} {touching:9d} {extra:10d}")
    print("(recall: injections whose altered and original values are both listed in one reported conflict; "
          "precision: of reported conflicts listing an altered sentence, those listing both values; "
          "'other new': conflicts elsewhere in the altered cluster not reported for the untouched one)")


if __name__ == "__main__":
    main()
