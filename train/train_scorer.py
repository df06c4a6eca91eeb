"""Rebuild the shipped sentence scorer (src/storyweave/models/sentence_scorer.json).

1. features: every training cluster goes through the same stages as a brief
   (storyweave.pipeline.prepare: clean, annotate, embed, off-topic, support), then
   storyweave.scoring.features; cached in an .npz.
2. labels (--label): by default whether the greedy ROUGE oracle (storyweave.evaluate) picks the
   sentence for the reference summary; also kept: per-sentence ROUGE-1/2 precision and recall
   (rouge-score, stemming). Chosen on validation: oracle membership ranked best.
3. a LightGBM regressor; its trees are written as a compact JSON file the package evaluates
   with numpy (storyweave.scoring._Forest).

    python train/train_scorer.py --limit 3000 --val 300   # ~10 min on 2 cores
    python train/train_scorer.py --cache /tmp/feats      # reuse features (writes /tmp/feats_*.npz/.pkl)

--val N also prepares the first N validation clusters and prints the ROUGE of the trained
model's summaries on them next to Lead (same sentences, same budget): the figure used to
choose the label, the objective and the settings. The model is always trained on train20k.
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
VAL = ROOT.parent / "shared" / "data" / "multinews" / "validation.jsonl"


def build_val(path: Path, limit: int, settings: Settings) -> list[tuple]:
    """(candidates, features, reference sentences) of the first `limit` validation clusters."""
    from itertools import islice

    from rich.progress import track

    from storyweave.evaluate import split_reference

    out = []
    for cluster in track(islice(read_clusters(str(path), settings, skip_bad=True, problems=[]), limit), total=limit, description="validation"):
        arts = [a for a in cluster.articles if a.text.strip()]
        if not arts or not cluster.summary:
            continue
        p = prepare(arts, settings)
        if len(p.cands):
            out.append((p.cands, features(p.cands), split_reference(cluster.summary)))
    return out


def validate(predict, val: list[tuple], settings: Settings) -> dict[str, float]:
    """Mean ROUGE-1/2 F1 (x100) of select(model scores) and of Lead on the validation items."""
    from storyweave.evaluate import Rouge
    from storyweave.summarize import select

    rouge = Rouge()
    r1 = r2 = l1 = l2 = 0.0
    for cands, X, ref in val:
        rows = select(cands, predict(X), settings)
        a, b, _ = rouge.score([cands.texts[r] for r in rows], ref)
        lead = select(cands, -cands.sentence_of.astype(float) - 0.01 * cands.article_of, settings)
        c, d, _ = rouge.score([cands.texts[r] for r in lead], ref)
        r1, r2, l1, l2 = r1 + a, r2 + b, l1 + c, l2 + d
    n = max(1, len(val))
    return {"r1": r1 / n, "r2": r2 / n, "lead_r1": l1 / n, "lead_r2": l2 / n}


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
    ap.add_argument("--objective", choices=["regression", "lambdarank"], default="regression")
    ap.add_argument("--lr", type=float, default=0.05)
    ap.add_argument("--val", type=int, default=0, help="validation clusters to report ROUGE on (0: none)")
    ap.add_argument("--out", type=Path, default=ROOT / "src/storyweave/models" / MODEL_FILE)
    args = ap.parse_args()
    settings = Settings()
    t0 = time.time()
    train_cache = Path(f"{args.cache}_train{args.limit}.npz") if args.cache else None
    if train_cache and train_cache.exists():
        z = np.load(train_cache)
        X, Y, G = z["X"], z["Y"], z["G"]
    else:
        X, Y, G = build(args.data, args.limit, settings)
        if train_cache:
            np.savez_compressed(train_cache, X=X, Y=Y, G=G)
    val: list[tuple] = []
    if args.val:
        import pickle

        val_cache = Path(f"{args.cache}_val{args.val}.pkl") if args.cache else None
        if val_cache and val_cache.exists():
            val = pickle.loads(val_cache.read_bytes())
        else:
            val = build_val(VAL, args.val, settings)
            if val_cache:
                val_cache.write_bytes(pickle.dumps(val))
    print(f"{len(X)} sentences from {len(set(G.tolist()))} clusters in {time.time() - t0:.0f} s")

    import lightgbm as lgb

    # Columns of Y: R1 P, R2 P, R1 R, R2 R, R1 F, R2 F (sentence vs reference), greedy-oracle member.
    y = label_of(Y, args.label)
    clusters = np.unique(G)
    rng = np.random.default_rng(0)
    held = set(rng.choice(clusters, size=max(1, len(clusters) // 10), replace=False).tolist())
    heldout = np.array([g in held for g in G])
    common = dict(n_estimators=args.trees, num_leaves=args.leaves, learning_rate=args.lr, min_child_samples=40,
                  subsample=0.8, subsample_freq=1, colsample_bytree=0.8, verbose=-1, random_state=0)
    if args.objective == "lambdarank":
        # Rows of one cluster are contiguous (build() appends cluster by cluster).
        tr = ~heldout
        _, sizes = np.unique(G[tr], return_counts=True)
        order_ok = np.all(np.diff(G[tr]) >= 0)
        assert order_ok, "rows must be grouped by cluster"
        model = lgb.LGBMRanker(objective="lambdarank", **common)
        model.fit(X[tr], (y[tr] > 0).astype(int) if args.label == "oracle" else np.round(3 * y[tr] / max(1e-9, y.max())).astype(int), group=sizes)
    else:
        model = lgb.LGBMRegressor(**common)
        model.fit(X[~heldout], y[~heldout])
    pred = model.predict(X[heldout])
    corr = float(np.corrcoef(pred, y[heldout])[0, 1])
    print(f"held-out train clusters: {len(held)}; Pearson r of predicted vs label: {corr:.3f}")
    if val:
        v = validate(model.predict, val, settings)
        print(f"validation ({len(val)} clusters): R1 {v['r1']:.2f} R2 {v['r2']:.2f}  |  lead R1 {v['lead_r1']:.2f} R2 {v['lead_r2']:.2f}")
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
