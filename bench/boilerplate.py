"""Precision and recall of boilerplate removal against the hand-labeled lines.

Labels: bench/labels/boilerplate.jsonl (cluster id + document + line number, no text).
Text: ../shared/seeds and ../shared/data/multinews/raw_dev.jsonl.

    python bench/boilerplate.py [--errors]
"""

from __future__ import annotations

import argparse
import json
from collections import Counter, defaultdict
from pathlib import Path

from storyweave.clean import clean_text

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


def load_docs() -> dict[tuple[str, str], str]:
    docs: dict[tuple[str, str], str] = {}
    for p in sorted((SHARED / "seeds").glob("*.txt")):
        docs[("seeds", p.name)] = p.read_text(encoding="utf-8")
    with open(SHARED / "data/multinews/raw_dev.jsonl", encoding="utf-8") as f:
        for line in f:
            c = json.loads(line)
            for i, d in enumerate(c["documents"]):
                docs[(c["id"], str(i))] = d
    return docs


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--errors", action="store_true", help="print every wrong line")
    args = ap.parse_args()
    labels: dict[tuple[str, str], dict[int, tuple[str, str]]] = defaultdict(dict)
    with open(ROOT / "bench/labels/boilerplate.jsonl", encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            labels[(r["cluster"], str(r["doc"]))][r["line"]] = (r["label"], r["kind"])
    docs = load_docs()
    tp = fp = fn = tn = 0
    missed: Counter[str] = Counter()
    for key, lab in sorted(labels.items()):
        text = docs[key].replace("\r\n", "\n")
        lines = text.split("\n")
        _, removed, _ = clean_text(text)
        # a "glued" removal cuts junk off a kept line: the line itself stays.
        dropped = {r.line: r.reason for r in removed if r.reason != "glued boilerplate"}
        for n, (label, kind) in lab.items():
            is_bp = label == "boilerplate"
            got = n in dropped
            if is_bp and got:
                tp += 1
            elif is_bp:
                fn += 1
                missed[kind] += 1
                if args.errors:
                    print(f"MISS {key[0]}/{key[1]}:{n} [{kind}] {lines[n][:120]}")
            elif got:
                fp += 1
                if args.errors:
                    print(f"FALSE {key[0]}/{key[1]}:{n} [{dropped[n]}] {lines[n][:120]}")
            else:
                tn += 1
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    print(f"labeled lines: {tp + fp + fn + tn} in {len(labels)} documents ({tp + fn} boilerplate)")
    print(f"boilerplate removal precision {p:.3f}  recall {r:.3f}  F1 {f1:.3f}  (tp={tp} fp={fp} fn={fn})")
    if missed:
        print("missed by kind:", dict(missed.most_common()))


if __name__ == "__main__":
    main()
