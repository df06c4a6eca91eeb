"""Rebuild the off-topic article model (src/storyweave/models/offtopic.json).

Labels: Multi-News+ `irrelevant` document indices (>= 3 of 5 annotators) in train20k.
Features: storyweave.stories.topic_features over the same stages a brief runs (clean,
annotate, embed). A LightGBM classifier; the probability cut is chosen to maximise F1 on
a fixed slice of validation (the first --tune clusters), then stored in the model file.

    python train/train_offtopic.py --limit 3000 --tune 500
Needs the train extra: pip install -e ".[train]".
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

import numpy as np

from storyweave.annotate import annotate_many
from storyweave.clean import clean
from storyweave.embed import get_embedder
from storyweave.ingest import read_clusters
from storyweave.settings import Settings
from storyweave.stories import OFFTOPIC_FEATURES, OFFTOPIC_MODEL, topic_features
from storyweave.trees import compact_trees

ROOT = Path(__file__).resolve().parents[1]
MN = ROOT.parent / "shared" / "data" / "multinews"


def build(path: Path, limit: int, settings: Settings) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    from rich.progress import track

    emb = get_embedder(settings)
    X, Y, G = [], [], []
    for g, cluster in track(enumerate(read_clusters(str(path), settings, skip_bad=True, problems=[])), total=limit, description=path.name):
        if g >= limit:
            break
        keep = [i for i, a in enumerate(cluster.articles) if a.text.strip()]
        if len(keep) < 3 or cluster.irrelevant is None:
            continue
        ann = annotate_many([clean(cluster.articles[i]) for i in keep], settings)
        keep2 = [k for k, a in enumerate(ann) if a.sentences]
        if len(keep2) < 3:
            continue
        ann = [ann[k] for k in keep2]
        docs = [keep[k] for k in keep2]
        vecs = emb.encode([s.text for a in ann for s in a.sentences])
        per, pos = [], 0
        for a in ann:
            per.append(vecs[pos : pos + len(a.sentences)])
            pos += len(a.sentences)
        X.append(topic_features(ann, per))
        bad = set(cluster.irrelevant)
        Y.append(np.array([d in bad for d in docs], dtype=np.float32))
        G.append(np.full(len(docs), g))
    return np.vstack(X), np.concatenate(Y), np.concatenate(G)


def cached(path: Path, limit: int, settings: Settings, cache: Path | None):
    if cache and cache.exists():
        z = np.load(cache)
        return z["X"], z["Y"], z["G"]
    X, Y, G = build(path, limit, settings)
    if cache:
        np.savez_compressed(cache, X=X, Y=Y, G=G)
    return X, Y, G


def prf(pred: np.ndarray, y: np.ndarray) -> tuple[float, float, float]:
    tp = float((pred & y).sum())
    p = tp / max(1.0, float(pred.sum()))
    r = tp / max(1.0, float(y.sum()))
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--limit", type=int, default=3000)
    ap.add_argument("--tune", type=int, default=500, help="validation clusters used to choose the cut")
    ap.add_argument("--cache", type=Path, default=None, help="prefix for .npz caches")
    ap.add_argument("--out", type=Path, default=ROOT / "src/storyweave/models" / OFFTOPIC_MODEL)
    args = ap.parse_args()
    settings = Settings()
    t0 = time.time()
    pre = str(args.cache) if args.cache else None
    X, Y, _ = cached(MN / "train20k.jsonl.gz", args.limit, settings, Path(pre + "_train.npz") if pre else None)
    Xv, Yv, _ = cached(MN / "validation.jsonl", args.tune, settings, Path(pre + "_val.npz") if pre else None)
    print(f"train: {len(X)} articles ({int(Y.sum())} off-topic); tune: {len(Xv)} ({int(Yv.sum())}); {time.time() - t0:.0f} s")

    import lightgbm as lgb

    model = lgb.LGBMClassifier(n_estimators=200, num_leaves=15, learning_rate=0.05, min_child_samples=30,
                               subsample=0.8, subsample_freq=1, verbose=-1, random_state=0)
    model.fit(X, Y.astype(int))
    prob = model.predict_proba(Xv)[:, 1]
    yv = Yv.astype(bool)
    best = max((prf(prob >= c, yv)[2], c) for c in np.arange(0.1, 0.9, 0.02))
    p, r, f = prf(prob >= best[1], yv)
    print(f"tuned cut {best[1]:.2f} on {args.tune} validation clusters: precision {p:.3f} recall {r:.3f} F1 {f:.3f}")
    dump = model.booster_.dump_model()
    dump["feature_names"] = OFFTOPIC_FEATURES
    compact = compact_trees(dump)
    compact["threshold"] = round(float(best[1]), 3)
    compact["trained_on"] = {"train_articles": int(len(X)), "tune_clusters": args.tune,
                             "label": "Multi-News+ irrelevant (>= 3 votes)"}
    args.out.write_text(json.dumps(compact, separators=(",", ":")), encoding="utf-8")
    print(f"wrote {args.out} ({args.out.stat().st_size / 1024:.0f} KiB)")


if __name__ == "__main__":
    main()
