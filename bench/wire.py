"""Wire-copy detection: synthetic rewrites of raw_dev articles, the untouched clusters, the seeds.

    python bench/wire.py [--rewrites 150] [--seed 7] [--strengths 0.3,0.6,1.0] [--min-sentences 8]
                         [--cache /tmp/storyweave-bench-wire] [--show 5]

What it measures
- Synthetic rewrites: an article of a raw_dev cluster is rewritten the way outlets rewrite a
  wire report (sentences partly reordered, some dropped, the tail cut, clauses trimmed, words
  swapped for synonyms, numbers reformatted, "said" -> "told reporters", boilerplate lines
  added, sometimes a "(Reuters) -" dateline or a "told Reuters"). Half the rewrites go back
  into their own cluster, the other half go with their source into another cluster. The pair
  (source, rewrite) must be reported; any other pair that involves the rewrite or the moved
  source is a false positive.
- Untouched clusters: every pair of original articles reported as a wire pair is listed. The
  pairs in NATURAL_WIRE were read and judged real copies of one source report (they count as
  true positives; any other reported natural pair counts as a false positive).
- Seeds: exactly one pair, 002 and 004, origin Reuters.

Precision, recall and F1 are over pairs. Articles are cleaned, annotated and embedded once
and cached under --cache (pickles keyed by content hash), so reruns take seconds.
"""

from __future__ import annotations

import argparse
import hashlib
import pickle
import random
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
RAW_DEV = SHARED / "data" / "multinews" / "raw_dev.jsonl"
SEEDS = SHARED / "seeds"
sys.path.insert(0, str(ROOT / "src"))

from storyweave import wire  # noqa: E402
from storyweave.annotate import annotate_many  # noqa: E402
from storyweave.clean import clean  # noqa: E402
from storyweave.embed import get_embedder  # noqa: E402
from storyweave.ingest import from_text, read_clusters, read_file  # noqa: E402
from storyweave.settings import Settings  # noqa: E402

# Natural pairs in raw_dev (cluster id, document a, document b), read and judged one source
# report published twice: a sheriff's office release printed by two outlets (759), a Hollywood
# Reporter story and a rewrite of it (1403), one AP story on two sites (1935). Pairs read and
# judged NOT copies though they share sentences: 4647 #0/#1 (a local report pasting three AP
# background sentences), 4557 #0/#2 (shared quotations), 4210 #1/#2 (a statement quoted whole),
# 427 #0/#3 (the same embedded tweets), 2738 #0/#1 (two retellings of one press release, no
# sentence kept).
NATURAL_WIRE = {("test-759", 0, 1), ("test-1403", 0, 1), ("test-1935", 0, 1)}

# ---------------------------------------------------------------- rewriting
SYNONYMS = {
    "said": ["stated", "told reporters", "added"], "says": ["notes", "stated"], "about": ["around", "roughly"],
    "more than": ["over"], "began": ["started"], "start": ["begin"], "because": ["as"], "however": ["but"],
    "people": ["individuals"], "told": ["informed"], "showed": ["indicated"], "shows": ["indicates"],
    "big": ["large"], "large": ["big"], "help": ["assist"], "buy": ["purchase"], "home": ["house"],
    "children": ["kids"], "car": ["vehicle"], "police": ["officers"], "killed": ["slain"], "died": ["was killed"],
    "announced": ["unveiled"], "several": ["a number of"], "also": ["additionally"], "after": ["following"],
    "before": ["prior to"], "near": ["close to"], "according to": ["per"], "officials": ["authorities"],
    "percent": ["%"], "U.S.": ["US"], "United States": ["U.S."], "million": ["m"], "women": ["females"],
    "major": ["key"], "expected": ["anticipated"], "try": ["attempt"], "need": ["require"], "show": ["demonstrate"],
}
_NUMWORDS = {"2": "two", "3": "three", "4": "four", "5": "five", "6": "six", "7": "seven", "8": "eight", "9": "nine"}
BOILERPLATE = [
    "Advertisement", "Share this article", "Sign up for our daily newsletter", "Follow us on Twitter",
    "Copyright 2019 Example Daily News. All rights reserved.", "Related: More stories from our news desk",
    "Image caption: A file picture", "Read more: Top stories this week", "Click here to subscribe",
    "Comments are closed.", "Story continues below advertisement",
]
CITIES = ["WASHINGTON", "NEW YORK", "LONDON", "LOS ANGELES", "CHICAGO", "PARIS"]


def _edit_sentence(s: str, rng: random.Random, strength: float) -> str:
    # Synonym swaps.
    keys = [k for k in SYNONYMS if re.search(rf"\b{re.escape(k)}\b", s)]
    rng.shuffle(keys)
    for k in keys[: rng.randint(0, 1 + int(3 * strength))]:
        s = re.sub(rf"\b{re.escape(k)}\b", rng.choice(SYNONYMS[k]), s, count=1)
    # Number formatting.
    if rng.random() < 0.5:
        s = re.sub(r"(?<=\d),(?=\d{3})", "", s)
    if rng.random() < 0.4:
        s = re.sub(r"\b([2-9])\b(?![.,:]\d)", lambda m: _NUMWORDS[m.group(1)], s, count=1)
    # Trim a trailing or leading clause.
    if rng.random() < 0.35 * strength:
        parts = s.rsplit(", ", 1)
        if len(parts) == 2 and len(parts[0].split()) >= 6 and not re.search(r"[\"“”]", parts[1]):
            s = parts[0].rstrip(",;") + "."
    if rng.random() < 0.2 * strength:
        m = re.match(r"^(?:On|In|At|By|After|Earlier|Meanwhile|However)[^,]{0,40}, (\w)(.*)$", s)
        if m:
            s = m.group(1).upper() + m.group(2)
    return s


def rewrite(sentences: list[str], rng: random.Random, agency: str | None, strength: float) -> tuple[str, dict]:
    """A rewritten article (plain text, paragraphs) and the operations applied.

    `strength` scales every edit: 0.3 light, 1.0 the heaviest of the default mix, 2.0 a stress
    test (up to 2/3 of the sentences dropped, many moves, most clauses trimmed).
    """
    n = len(sentences)
    keep = list(range(n))
    # Cut the tail (wire copies are often trimmed from the bottom).
    if rng.random() < 0.5:
        keep = keep[: max(6, int(n * rng.uniform(0.5, 0.9)))]
    # Drop some sentences (never the lead).
    drop = int(len(keep) * rng.uniform(0.0, 0.3 * strength + 0.05))
    for k in rng.sample(keep[1:], min(drop, max(0, len(keep) - 6))):
        keep.remove(k)
    # Partial reordering: move a few sentences, swap neighbours.
    moves = rng.randint(0, 1 + int(3 * strength))
    for _ in range(moves):
        if len(keep) < 4:
            break
        a = rng.randrange(1, len(keep))
        x = keep.pop(a)
        keep.insert(max(1, min(len(keep), a + rng.randint(-4, 4))), x)
    out = [_edit_sentence(sentences[k], rng, strength) for k in keep]
    ops = {"strength": strength, "kept": len(keep), "of": n, "moves": moves}
    # Agency cues.
    if agency and rng.random() < 0.5:
        out[0] = f"{rng.choice(CITIES)} ({agency}) - {out[0]}"
        ops["dateline"] = agency
    if agency and rng.random() < 0.4:
        for k, s in enumerate(out):
            if re.search(r"\bsaid\b", s):
                out[k] = re.sub(r"\bsaid\b", f"told {agency}", s, count=1)
                ops["told"] = agency
                break
    # Paragraphs of one or two sentences, boilerplate lines between them.
    paras: list[str] = []
    k = 0
    while k < len(out):
        step = 1 if rng.random() < 0.6 else 2
        paras.append(" ".join(out[k : k + step]))
        k += step
    for _ in range(rng.randint(1, 4)):
        paras.insert(rng.randrange(1, len(paras) + 1), rng.choice(BOILERPLATE))
    if agency and rng.random() < 0.3:
        paras.append(f"{agency} contributed to this report.")
    return "\n\n".join(paras), ops


# ---------------------------------------------------------------- annotate + embed, cached
class Cache:
    def __init__(self, folder: Path, settings: Settings) -> None:
        self.folder = folder
        folder.mkdir(parents=True, exist_ok=True)
        self.settings = settings
        self._emb = None

    def _key(self, raw) -> Path:
        h = hashlib.sha1((raw.input + "\0" + raw.text).encode()).hexdigest()[:20]
        return self.folder / f"{h}.pkl"

    def get_many(self, raws: list) -> list[tuple]:
        out: list[tuple | None] = [None] * len(raws)
        todo = []
        for k, raw in enumerate(raws):
            p = self._key(raw)
            if p.exists():
                out[k] = pickle.loads(p.read_bytes())
            else:
                todo.append(k)
        if todo:
            if self._emb is None:
                self._emb = get_embedder(self.settings)
            anns = annotate_many([clean(raws[k]) for k in todo], self.settings)
            for k, ann in zip(todo, anns):
                vec = self._emb.encode([s.text for s in ann.sentences])
                out[k] = (ann, vec)
                self._key(raws[k]).write_bytes(pickle.dumps((ann, vec)))
        return out  # type: ignore[return-value]


# ---------------------------------------------------------------- scoring
def _pairs(groups) -> set[tuple[int, int]]:
    return {p for g in groups for p in _combos(g)}


def _combos(members: list[int]) -> list[tuple[int, int]]:
    return [(a, b) for i, a in enumerate(members) for b in members[i + 1 :]]


def _run(items: list[tuple]) -> tuple[list[list[int]], list]:
    anns = [x[0] for x in items]
    vecs = [x[1] for x in items]
    ids = [str(k) for k in range(len(items))]
    groups, pairs = wire.wire_groups(anns, vecs, ids=ids)
    return [[int(i) for i in g.articles] for g in groups], pairs


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rewrites", type=int, default=150)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--cache", type=Path, default=Path("/tmp/storyweave-bench-wire"))
    ap.add_argument("--min-sentences", type=int, default=8, help="shortest source article (content sentences)")
    ap.add_argument("--strengths", default="0.3,0.6,1.0", help="edit strengths to draw from (2.0 = stress test)")
    ap.add_argument("--show", type=int, default=5, help="print this many missed rewrites and false pairs")
    args = ap.parse_args()
    settings = Settings()
    cache = Cache(args.cache, settings)
    rng = random.Random(args.seed)
    strengths = [float(x) for x in args.strengths.split(",")]
    t0 = time.perf_counter()

    clusters = [c for c in read_clusters(RAW_DEV, settings)]
    clusters = [(c.id, [a for a in c.articles if a.text.strip()]) for c in clusters]
    items = {cid: cache.get_many(arts) for cid, arts in clusters}
    t_prep = time.perf_counter() - t0

    # ---- untouched clusters
    nat_tp = nat_fp = 0
    nat_reported: list[tuple[str, int, int, str]] = []
    t_detect = 0.0
    n_detect = 0
    for cid, arts in clusters:
        live = [k for k, (ann, vec) in enumerate(items[cid]) if ann.sentences]
        t = time.perf_counter()
        groups, _ = _run([items[cid][k] for k in live])
        t_detect += time.perf_counter() - t
        n_detect += 1
        for a, b in _pairs(groups):
            key = (cid, live[a], live[b])
            ok = key in NATURAL_WIRE
            nat_tp += ok
            nat_fp += not ok
            nat_reported.append((cid, live[a], live[b], "labelled copy" if ok else "NOT labelled"))
    nat_fn = len(NATURAL_WIRE - {(c, a, b) for c, a, b, _ in nat_reported})

    # ---- synthetic rewrites
    sources = []
    for cid, arts in clusters:
        for k, (ann, vec) in enumerate(items[cid]):
            content = [s.text for s in ann.sentences if not s.boilerplate and len(s.text.split()) >= 5]
            if len(content) >= args.min_sentences:
                sources.append((cid, k, content))
    rng.shuffle(sources)
    chosen = [sources[i % len(sources)] for i in range(args.rewrites)]
    raws = []
    specs = []
    for n, (cid, k, content) in enumerate(chosen):
        agency = rng.choice([None, None, "Reuters", "AP", "AFP"])
        text, ops = rewrite(content, rng, agency, rng.choice(strengths))
        raws.append(from_text(text, input=f"rewrite#{n}", outlet=f"rewrite-{n}"))
        other = rng.choice([c for c, _ in clusters if c != cid]) if n % 2 else cid
        specs.append((cid, k, other, ops))
    rw_items = cache.get_many(raws)
    t_prep = time.perf_counter() - t0

    tp = fp = fn = 0
    missed: list[str] = []
    false: list[str] = []
    by_strength: dict[float, list[int]] = {}
    for n, ((cid, k, other, ops), rw) in enumerate(zip(specs, rw_items)):
        base = [items[other][j] for j in range(len(items[other])) if items[other][j][0].sentences]
        if other == cid:
            src_pos = [j for j in range(len(items[cid])) if items[cid][j][0].sentences].index(k)
            pool = base + [rw]
        else:
            src_pos = len(base)
            pool = base + [items[cid][k], rw]
        rw_pos = len(pool) - 1
        t = time.perf_counter()
        groups, pairs = _run(pool)
        t_detect += time.perf_counter() - t
        n_detect += 1
        found = _pairs(groups)
        want = (min(src_pos, rw_pos), max(src_pos, rw_pos))
        hit = want in found
        tp += hit
        fn += not hit
        by_strength.setdefault(ops["strength"], []).append(int(hit))
        involved = {src_pos, rw_pos} if other != cid else {rw_pos}
        # A natural copy of the source is a copy of the rewrite too (same cluster only).
        partners = {src_pos, rw_pos}
        if other == cid:
            live = [j for j in range(len(items[cid])) if items[cid][j][0].sentences]
            partners |= {live.index(j) for (c, a, b) in NATURAL_WIRE if c == cid and k in (a, b)
                         for j in (a, b) if j in live}
        extra = [p for p in found if p != want and (p[0] in involved or p[1] in involved)
                 and not (p[0] in partners and p[1] in partners)]
        fp += len(extra)
        if not hit:
            ev = next(e for e in pairs if (e.a, e.b) == want)
            missed.append(f"rewrite#{n} of {cid}#{k} in {other} {ops}: chain {len(ev.chain)}, near {ev.near} "
                          f"({ev.near_prose} prose), coverage {ev.coverage:.2f}")
        for p in extra:
            false.append(f"rewrite#{n} in {other}: pair {p}")

    # ---- seeds
    seed_raws = [read_file(p, settings)[0] for p in sorted(SEEDS.glob("*.txt"))]
    seed_items = cache.get_many(seed_raws)
    t = time.perf_counter()
    sg, _ = wire.wire_groups([x[0] for x in seed_items], [x[1] for x in seed_items],
                             ids=[Path(r.input).name[:3] for r in seed_raws])
    t_seeds = time.perf_counter() - t

    p, r, f = prf(tp, fp, fn)
    print(f"synthetic rewrites: {len(specs)} ({sum(1 for s in specs if s[0] == s[2])} in their own cluster, "
          f"{sum(1 for s in specs if s[0] != s[2])} moved with their source to another cluster)")
    print(f"  pairs: TP {tp}  FP {fp}  FN {fn}  ->  precision {p:.3f}  recall {r:.3f}  F1 {f:.3f}")
    for s in sorted(by_strength):
        v = by_strength[s]
        print(f"  recall at edit strength {s}: {sum(v)}/{len(v)} = {sum(v) / len(v):.3f}")
    print(f"untouched raw_dev clusters: {len(clusters)}; pairs reported {len(nat_reported)} "
          f"(labelled copies found {nat_tp}/{len(NATURAL_WIRE)}, unlabelled {nat_fp})")
    for row in sorted(nat_reported):
        print(f"  {row[0]} #{row[1]} ~ #{row[2]}: {row[3]}")
    P, R, F = prf(tp + nat_tp, fp + nat_fp, fn + nat_fn)
    print(f"all pairs (synthetic + natural): precision {P:.3f}  recall {R:.3f}  F1 {F:.3f}")
    seed_pairs = [g.articles for g in sg]
    ok = seed_pairs == [["002", "004"]] and sg[0].origin == "Reuters"
    print(f"seeds: groups {seed_pairs}, origin {[g.origin for g in sg]} -> {'OK' if ok else 'WRONG'}")
    print(f"detection time: {1000 * t_detect / max(1, n_detect):.1f} ms per cluster on average "
          f"({n_detect} clusters), seeds {1000 * t_seeds:.1f} ms; preparation (clean/annotate/embed, cached) "
          f"{t_prep:.0f} s")
    for line in missed[: args.show]:
        print("  missed:", line)
    for line in false[: args.show]:
        print("  false:", line)


if __name__ == "__main__":
    main()
