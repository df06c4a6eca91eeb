"""Quote precision and recall (with the correct speaker) against hand labels, and an entity-merge
check on the seeds.

Labels: bench/labels/quotes.jsonl (cluster, document, character offsets, speaker; no text),
described in bench/labels/quotes.md. Text: ../shared/seeds and
../shared/data/multinews/raw_dev.jsonl, read at run time.

    python bench/quotes.py [--errors] [--json] [--set NAME ...]

`--set NAME` scores only the labels of that set (dev, heldout, test, final, heldout2; repeatable),
e.g. a newly labeled set on its own before any fix is made from its errors.

Precision: extracted quotes (in the labeled documents) that are a labeled quote AND carry its
speaker. Recall: labeled quotes extracted with the correct speaker. A named speaker is correct
when its name tokens (accents, case and titles ignored) equal the label's; an unnamed speaker
when its phrase contains the label's head noun ("official", "insider", ...).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import defaultdict
from pathlib import Path

from storyweave.annotate import annotate_many, load_nlp
from storyweave.clean import clean
from storyweave.entities import canonical_entities
from storyweave.ingest import from_text
from storyweave.quotes import extract_quotes_many, fold, group_quotes, name_key
from storyweave.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
LABELS = ROOT / "bench" / "labels" / "quotes.jsonl"


def _norm_newlines(t: str) -> str:
    return t.replace("\r\n", "\n").replace("\r", "\n")


def load_docs(clusters: set[str]) -> dict[tuple[str, str], str]:
    docs: dict[tuple[str, str], str] = {}
    if "seeds" in clusters:
        for p in sorted((SHARED / "seeds").glob("*.txt")):
            docs[("seeds", p.name)] = _norm_newlines(p.read_text(encoding="utf-8"))
    with open(SHARED / "data/multinews/raw_dev.jsonl", encoding="utf-8") as f:
        for line in f:
            c = json.loads(line)
            if c["id"] in clusters:
                for i, d in enumerate(c["documents"]):
                    docs[(c["id"], str(i))] = _norm_newlines(d)
    return docs


def _words(s: str) -> str:
    return " ".join(re.findall(r"[a-z0-9]+", fold(s)))


def speaker_ok(label: dict, got: str | None) -> bool:
    if not got:
        return False
    if label["named"]:  # initials ignored: Donald J. Trump = Donald Trump; "alts": other correct names
        return any(name_key(got) == name_key(n) for n in [label["speaker"], *label.get("alts", [])])
    heads = label.get("heads") or [label["speaker"].split()[-1]]
    words = re.findall(r"[a-z][a-z-]*", fold(got))
    return any(w.startswith(h.lower()) for h in heads for w in words)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--errors", action="store_true", help="print every miss and every wrong extraction")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON too")
    ap.add_argument("--set", action="append", dest="sets", metavar="NAME",
                    help="score only the labels of this set (repeatable; default: all sets)")
    args = ap.parse_args()

    labels = [json.loads(l) for l in LABELS.read_text(encoding="utf-8").splitlines() if l.strip()]
    if args.sets:
        known = {r.get("set", "dev") for r in labels}
        unknown = sorted(set(args.sets) - known)
        if unknown:
            ap.error(f"unknown set(s) {', '.join(unknown)}; known: {', '.join(sorted(known))}")
        labels = [r for r in labels if r.get("set", "dev") in args.sets]
    by_doc: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for r in labels:
        by_doc[(r["cluster"], str(r["doc"]))].append(r)
    clusters = {k[0] for k in by_doc}
    docs = load_docs(clusters)

    # every document of every labeled cluster is read (a cluster is one story), but only the
    # documents that were labeled are scored; documents with no quote have no label row, so
    # all documents of the labeled clusters count (an extraction there is a false positive).
    settings = Settings()
    keys = sorted(docs)
    raws = [from_text(docs[k], input=f"{k[0]}#{k[1]}") for k in keys]
    load_nlp(settings.spacy_model)
    anns = annotate_many([clean(r) for r in raws], settings)
    t0 = time.perf_counter()
    spans = []
    for cluster in sorted({k[0] for k in keys}):  # one story at a time, as the pipeline calls it
        idx = [i for i, k in enumerate(keys) if k[0] == cluster]
        spans.extend(extract_quotes_many([anns[i] for i in idx]))
    t_extract = time.perf_counter() - t0

    set_of_cluster = {r["cluster"]: r.get("set", "dev") for r in labels}
    by_set: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])  # ext, ext ok, labels, labels ok
    tp_p = n_ext = tp_r = found_any = 0
    per_cluster: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])  # ext, ext ok, labels, labels ok
    errors: list[str] = []
    for key, ann, sp in zip(keys, anns, spans):
        text = docs[key]
        labs = by_doc.get(key, [])
        lab_keys = [(_words(text[r["start"] : r["key_end"]]), _words(text[r["start"] : r["end"]])) for r in labs]
        used: set[int] = set()
        matched_ok: set[int] = set()
        for q in sp:
            n_ext += 1
            per_cluster[key[0]][0] += 1
            by_set[set_of_cluster[key[0]]][0] += 1
            qw = _words(q.text)
            hit = None
            for i, (kw, full) in enumerate(lab_keys):
                if i in used:
                    continue
                if qw.startswith(kw) or kw in qw or (len(qw.split()) >= 3 and qw in full):
                    hit = i
                    break
            if hit is None:
                errors.append(f"FP  {key[0]}#{key[1]} s{q.sentence}: not a labeled quote: {q.text[:70]!r} ({q.speaker})")
                continue
            used.add(hit)
            if speaker_ok(labs[hit], q.speaker):
                tp_p += 1
                per_cluster[key[0]][1] += 1
                by_set[set_of_cluster[key[0]]][1] += 1
                matched_ok.add(hit)
            else:
                errors.append(f"SPK {key[0]}#{key[1]} s{q.sentence}: {q.text[:50]!r}: got {q.speaker!r} "
                              f"want {labs[hit]['speaker']!r} [{q.speaker_evidence}]")
        found_any += len(used)
        for i, r in enumerate(labs):
            per_cluster[key[0]][2] += 1
            by_set[set_of_cluster[key[0]]][2] += 1
            if i in matched_ok:
                tp_r += 1
                per_cluster[key[0]][3] += 1
                by_set[set_of_cluster[key[0]]][3] += 1
            elif i not in used:
                errors.append(f"FN  {key[0]}#{key[1]}: {text[r['start']:r['key_end']]!r}… ({r['speaker']})")

    n_lab = len(labels)
    precision = tp_p / n_ext if n_ext else 0.0
    recall = tp_r / n_lab if n_lab else 0.0
    print(f"labeled quotes: {n_lab} in {len(by_doc)} documents of {len(clusters)} clusters "
          f"({'seeds + ' if 'seeds' in clusters else ''}{len(clusters) - ('seeds' in clusters)} raw_dev)")
    print(f"extracted: {n_ext}   found (any speaker): {found_any}/{n_lab} = {found_any / n_lab:.3f}")
    print(f"precision (real quote AND correct speaker): {tp_p}/{n_ext} = {precision:.3f}")
    print(f"recall (labeled quote found with correct speaker): {tp_r}/{n_lab} = {recall:.3f}")
    for name, (e, eo, l, lo) in sorted(by_set.items()):
        print(f"  {name:8} labeled {l:3}  extracted {e:3}  precision {eo / max(e, 1):.3f}  recall {lo / max(l, 1):.3f}")
    print(f"extraction time: {t_extract:.3f} s for {len(keys)} documents (after annotation)")
    print("\nper cluster: extracted / correct / labeled / found correctly")
    for c, (e, eo, l, lo) in sorted(per_cluster.items()):
        print(f"  {c:10} {e:3} {eo:3} {l:3} {lo:3}")
    if args.errors:
        print("\nerrors:")
        for e in errors:
            print(" ", e)

    # ---------------------------------------------------------------- seeds: timing, groups, entities
    seed_keys = [k for k in keys if k[0] == "seeds"]
    if seed_keys:
        seed_anns = [a for k, a in zip(keys, anns) if k[0] == "seeds"]
        outlet_of = {a.id: k[1] for k, a in zip(seed_keys, seed_anns)}
        t0 = time.perf_counter()
        quotes = group_quotes(seed_anns, outlet_of)
        t_q = time.perf_counter() - t0
        t0 = time.perf_counter()
        ents = canonical_entities(seed_anns, outlet_of)
        t_e = time.perf_counter() - t0
        print(f"\nseeds: group_quotes {t_q:.3f} s, canonical_entities {t_e:.3f} s")
        print("seeds: quotes carried by more than one article:")
        for q in quotes:
            if len({m.article for m in q.mentions}) > 1:
                flags = ", ".join(f"{outlet_of[m.article][:3]}:{'verbatim' if m.verbatim else 'altered'}" for m in q.mentions)
                print(f"  {q.speaker}: {q.text[:60]!r}… [{flags}]")
        print("\nseeds: canonical entities (articles, mentions, type, aliases), top 15:")
        for e in ents[:15]:
            print(f"  {e.name:28} {len(e.articles)} {e.mentions:3} {e.type:7} {e.aliases}")
        checks = _entity_checks(ents)
        print("\nentity merge checks:")
        for name, ok in checks:
            print(f"  [{'ok' if ok else 'FAIL'}] {name}")
        if args.json:
            print(json.dumps({"labeled": n_lab, "extracted": n_ext, "precision": round(precision, 3),
                              "recall": round(recall, 3), "entity_checks_passed": sum(ok for _, ok in checks),
                              "entity_checks": len(checks)}))
        if not all(ok for _, ok in checks):
            sys.exit(1)


def _entity_checks(ents) -> list[tuple[str, bool]]:
    def holding(variant: str):
        f = fold(variant)
        return [e for e in ents if any(fold(a) == f for a in [e.name, *e.aliases])]

    out = []
    guaido = [e for e in ents if "guaido" in fold(e.name)]
    out.append(("one entity named like Guaidó", len(guaido) == 1))
    if guaido:
        g = guaido[0]
        al = {fold(a) for a in [g.name, *g.aliases]}
        out.append((f"Guaidó entity is 'Juan Guaidó'/'Juan Guaido' (got {g.name!r})", fold(g.name) == "juan guaido"))
        out.append(("Guaidó variants merge (guaido, juan guaido, mr guaido, mr. guaido)",
                    {"guaido", "juan guaido"} <= al and any(a.startswith("mr") for a in al)))
        out.append(("Guaidó is in all five seeds", len(g.articles) == 5))
        out.append(("Guaidó is a PERSON", g.type == "PERSON"))
    maduro = [e for e in ents if "maduro" == fold(e.name).split()[-1]]
    out.append(("one entity named like Maduro", len(maduro) == 1))
    if maduro:
        m = maduro[0]
        out.append((f"Maduro entity is 'Nicolás Maduro' (got {m.name!r})", fold(m.name) == "nicolas maduro"))
        al = {fold(a) for a in [m.name, *m.aliases]}
        out.append(("Maduro variants merge (maduro, mr maduro, nicolas maduro)", {"maduro", "nicolas maduro"} <= al))
        out.append(("Maduro is a PERSON", m.type == "PERSON"))
    out.append(("Venezuela is one GPE entity", len(holding("Venezuela")) == 1))
    return out


if __name__ == "__main__":
    main()
