"""Rebuild the shipped sentence scorer (src/storyweave/models/sentence_scorer.json).

1. features: every training cluster goes through the same stages as a brief
   (storyweave.pipeline.prepare: clean, annotate, embed, off-topic, support), then
   storyweave.scoring.features; cached in an .npz.
2. labels (--label): by default whether the greedy ROUGE oracle (storyweave.evaluate) picks the
   sentence for the reference summary; also kept: per-sentence ROUGE-1/2 precision and recall
   (rouge-score, stemming). Chosen on validation: oracle membership ranked best.
3. a LightGBM regressor; its trees are written as a compact JSON file the package evaluates
   with numpy (storyweave.scoring._Forest).

    python train/train_scorer.py --limit 1000            # ~15 min on 2 cores
    python train/train_scorer.py --cache /tmp/feats.npz  # reuse features
Needs the train and eval extras: pip install -e ".[train,eval]".
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

import numpy as np

from storyweave.ingest import read_clusters
from storyweave.pipeline import prepare
from storyweave.scoring import FEATURES, MODEL_FILE, features
from storyweave.trees import compact_trees
from storyweave.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data" / "multinews" / "train20k.jsonl.gz"


def build(path: Path, limit: int, settings: Settings) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    from rich.progress import track
    from rouge_score import rouge_scorer

    from storyweave.evaluate import Rouge, Sent, oracle_order

    rs = rouge_scorer.RougeScorer(["rouge1", "rouge2"], use_stemmer=True)
    rouge = Rouge()
    X, Y, G = [], [], []
    clusters = read_clusters(str(path), settings, skip_bad=True, problems=[])
    for g, cluster in track(enumerate(clusters), total=limit, description="features"):
        if g >= limit:
            break
        arts = [a for a in cluster.articles if a.text.strip()]
        if not arts or not cluster.summary:
            continue
        p = prepare(arts, settings)
        if not len(p.cands):
            continue
        X.append(features(p.cands))
        labels = []
        for t in p.cands.texts:
            sc = rs.score(cluster.summary, t)
            r1, r2 = sc["rouge1"], sc["rouge2"]
            labels.append([r1.precision, r2.precision, r1.recall, r2.recall, r1.fmeasure, r2.fmeasure, 0.0])
        sents = [Sent(int(a), int(i), 0, t) for a, i, t in zip(p.cands.article_of, p.cands.sentence_of, p.cands.texts)]
        for k in oracle_order(sents, cluster.summary, rouge, settings):
            labels[k][6] = 1.0
        Y.append(np.array(labels, dtype=np.float32))
        G.append(np.full(len(p.cands), g))
    return np.vstack(X), np.vstack(Y), np.concatenate(G)


LABELS = {
    "precision": lambda Y: 0.5 * Y[:, 0] + Y[:, 1],  # summary-worthy content per word
    "recall": lambda Y: 0.5 * Y[:, 2] + Y[:, 3],  # how much of the reference it covers
    "oracle": lambda Y: Y[:, 6],  # chosen by the greedy ROUGE oracle
    "mix": lambda Y: Y[:, 6] + 2.0 * (0.5 * Y[:, 2] + Y[:, 3]),
}


def label_of(Y: np.ndarray, name: str) -> np.ndarray:
    return LABELS[name](Y)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=DATA)
    ap.add_argument("--limit", type=int, default=1000, help="training clusters (first N of the file)")
    ap.add_argument("--cache", type=Path, default=None, help=".npz to reuse/write features and labels")
    ap.add_argument("--trees", type=int, default=300)
    ap.add_argument("--leaves", type=int, default=15)
    ap.add_argument("--label", choices=sorted(LABELS), default="oracle")
    ap.add_argument("--out", type=Path, default=ROOT / "src/storyweave/models" / MODEL_FILE)
    args = ap.parse_args()
    settings = Settings()
    t0 = time.time()
    if args.cache and args.cache.exists():
        z = np.load(args.cache)
        X, Y, G = z["X"], z["Y"], z["G"]
    else:
        X, Y, G = build(args.data, args.limit, settings)
        if args.cache:
            np.savez_compressed(args.cache, X=X, Y=Y, G=G)
    print(f"{len(X)} sentences from {len(set(G.tolist()))} clusters in {time.time() - t0:.0f} s")

    import lightgbm as lgb

    # Columns of Y: R1 P, R2 P, R1 R, R2 R, R1 F, R2 F (sentence vs reference), greedy-oracle member.
    y = label_of(Y, args.label)
    clusters = np.unique(G)
    rng = np.random.default_rng(0)
    held = set(rng.choice(clusters, size=max(1, len(clusters) // 10), replace=False).tolist())
    val = np.array([g in held for g in G])
    model = lgb.LGBMRegressor(
        n_estimators=args.trees, num_leaves=args.leaves, learning_rate=0.05, min_child_samples=40,
        subsample=0.8, subsample_freq=1, colsample_bytree=0.8, verbose=-1, random_state=0,
    )
    model.fit(X[~val], y[~val], eval_set=[(X[val], y[val])])
    pred = model.predict(X[val])
    corr = float(np.corrcoef(pred, y[val])[0, 1])
    print(f"held-out clusters: {len(held)}; Pearson r of predicted vs label: {corr:.3f}")
    dump = model.booster_.dump_model()
    dump["feature_names"] = FEATURES
    compact = compact_trees(dump)
    compact["trained_on"] = {"file": args.data.name, "clusters": int(len(clusters)), "sentences": int(len(X)),
                             "label": args.label, "heldout_r": round(corr, 3)}
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(compact, separators=(",", ":")), encoding="utf-8")
    imp = sorted(zip(model.feature_importances_, FEATURES), reverse=True)
    print("feature importance (splits):", ", ".join(f"{n}={v}" for v, n in imp))
    print(f"wrote {args.out} ({args.out.stat().st_size / 1024:.0f} KiB)")


if __name__ == "__main__":
    main()
