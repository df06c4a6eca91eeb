"""Rebuild the off-topic article model (src/storyweave/models/offtopic.json), or report it.

Labels: Multi-News+ `irrelevant` document indices (>= 3 of 5 annotators) in train20k.
Features: storyweave.stories.topic_features over the same stages a brief runs (clean,
annotate, embed with the fast embedder), for every cluster of at least two live articles
(2-article clusters included). A LightGBM classifier; the probability cuts (one for pairs,
one for 3+ articles) are chosen to maximise F1 on a fixed slice of validation (the first
--tune clusters; the pair cut only among cuts that keep --pair-precision on pairs), then
stored in the model file (`threshold`, `threshold_pair`).

    python train/train_offtopic.py --limit 20000 --tune 1000 --cache /tmp/offtopic
    python train/train_offtopic.py --report --cache /tmp/offtopic      # P/R/F1, all validation

Scoring mirrors `storyweave eval`: per cluster the documents with text; an article with no
text left after cleaning or not in English counts as set aside (pipeline.prepare does so);
repeated texts are never off-topic; then `stories.off_topic` on the rest.
Annotation (spaCy, ~0.1 s a cluster) is cached under --cache (`<prefix>_<split>_ann.pkl`,
`<prefix>_<split>_vec.npz`), features in `<prefix>_<split>_feat.npz`.
Needs the train extra: pip install -e ".[train]".
"""

from __future__ import annotations

import argparse
import json
import pickle
import time
from pathlib import Path

import numpy as np

from storyweave.annotate import annotate_many
from storyweave.clean import clean
from storyweave.embed import get_fast_embedder
from storyweave.ingest import read_clusters
from storyweave.settings import Settings
from storyweave.stories import OFFTOPIC_FEATURES, OFFTOPIC_MODEL, decide, topic_features
from storyweave.trees import Forest, compact_trees

ROOT = Path(__file__).resolve().parents[1]
MN = ROOT.parent / "shared" / "data" / "multinews"


def _unique(articles):
    seen, dup = set(), []
    for i, a in enumerate(articles):
        if a.id in seen:
            dup.append(i)
        seen.add(a.id)
    return dup


def annotate_split(path: Path, limit: int, settings: Settings) -> list[dict]:
    """Per cluster: documents with text (`keep`), labels, repeated texts, annotated articles."""
    from rich.progress import track

    recs = []
    for g, cluster in track(enumerate(read_clusters(str(path), settings, skip_bad=True, problems=[])), total=limit, description=path.name):
        if g >= limit:
            break
        keep = [i for i, a in enumerate(cluster.articles) if a.text.strip()]
        arts = [cluster.articles[i] for i in keep]
        recs.append({"g": g, "id": cluster.id, "n_docs": len(cluster.articles), "keep": keep,
                     "irrelevant": cluster.irrelevant, "summary": bool(cluster.summary and cluster.summary.strip()),
                     "dup": _unique(arts), "ann": annotate_many([clean(a) for a in arts], settings) if arts else []})
    return recs


def cached_annotation(path: Path, limit: int, settings: Settings, prefix: str | None, tag: str):
    ann_f = Path(f"{prefix}_{tag}_ann.pkl") if prefix else None
    vec_f = Path(f"{prefix}_{tag}_vec.npz") if prefix else None
    if ann_f and ann_f.exists() and vec_f and vec_f.exists():
        with open(ann_f, "rb") as fh:
            recs = pickle.load(fh)
        z = np.load(vec_f)
        V, counts = z["V"], z["counts"]
    else:
        recs = annotate_split(path, limit, settings)
        counts = np.array([len(a.sentences) for r in recs for a in r["ann"]])
        texts = [s.text for r in recs for a in r["ann"] for s in a.sentences]
        V = get_fast_embedder(settings).encode(texts).astype(np.float16)
        if ann_f and vec_f:
            with open(ann_f, "wb") as fh:
                pickle.dump(recs, fh, protocol=5)
            np.savez(vec_f, V=V, counts=counts)
    recs = recs[:limit]
    starts = np.concatenate([[0], np.cumsum(counts)])
    per, k = [], 0
    for r in recs:
        per.append([V[starts[k + j] : starts[k + j + 1]].astype(np.float32) for j in range(len(r["ann"]))])
        k += len(r["ann"])
    return recs, per


def features(recs: list[dict], per: list[list[np.ndarray]]) -> dict[str, np.ndarray]:
    """One row per document with text in a cluster with a reference summary (as `storyweave eval`).

    pre: set aside before the off-topic step (no text left / not English); live: goes to
    `off_topic`; X is NaN for rows that are not live; n_live: live articles in its cluster.
    """
    X, Y, G, pre, live, nlive = [], [], [], [], [], []
    width = len(OFFTOPIC_FEATURES)
    for r, vecs in zip(recs, per):
        if not r["summary"] or not r["keep"]:
            continue
        bad, dup = set(r["irrelevant"] or ()), set(r["dup"])
        status = []
        for j, a in enumerate(r["ann"]):
            status.append("dup" if j in dup else "pre" if (not a.sentences or a.language != "en") else "live")
        lv = [j for j, s in enumerate(status) if s == "live"]
        rows = np.full((len(status), width), np.nan, dtype=np.float32)
        if lv:
            rows[lv] = topic_features([r["ann"][j] for j in lv], [vecs[j] for j in lv])
        X.append(rows)
        Y += [r["keep"][j] in bad for j in range(len(status))]
        G += [r["g"]] * len(status)
        pre += [s == "pre" for s in status]
        live += [s == "live" for s in status]
        nlive += [len(lv)] * len(status)
    return {"X": np.vstack(X), "Y": np.array(Y), "G": np.array(G), "pre": np.array(pre),
            "live": np.array(live), "nlive": np.array(nlive)}


def cached_features(path: Path, limit: int, settings: Settings, prefix: str | None, tag: str, rebuild: bool):
    f = Path(f"{prefix}_{tag}_feat.npz") if prefix else None
    if f and f.exists() and not rebuild:
        z = np.load(f)
        if z["X"].shape[1] == len(OFFTOPIC_FEATURES) and int(z["limit"]) >= limit:
            d = {k: z[k] for k in z.files if k != "limit"}
            keep = d["G"] < limit
            return {k: v[keep] for k, v in d.items()}
    d = features(*cached_annotation(path, limit, settings, prefix, tag))
    if f:
        np.savez_compressed(f, limit=limit, **d)
    return d


def predict(d: dict[str, np.ndarray], forest: Forest, cut: float, cut2: float) -> np.ndarray:
    """Which documents would be set aside: `pre` ones plus `stories.decide` per cluster."""
    pred = d["pre"].copy()
    prob = np.zeros(len(pred))
    lv = d["live"]
    prob[lv] = 1.0 / (1.0 + np.exp(-forest.predict(d["X"][lv])))
    G = d["G"]
    bounds = np.flatnonzero(np.r_[True, G[1:] != G[:-1], True])
    for a, b in zip(bounds[:-1], bounds[1:]):
        idx = np.arange(a, b)[lv[a:b]]
        if len(idx):
            flags = decide(d["X"][idx], prob[idx], cut, cut2)
            pred[idx] = [f is not None for f in flags]
    return pred


def prf(pred: np.ndarray, y: np.ndarray) -> tuple[float, float, float]:
    tp = float((pred & y).sum())
    p = tp / max(1.0, float(pred.sum()))
    r = tp / max(1.0, float(y.sum()))
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def report(d: dict[str, np.ndarray], pred: np.ndarray, title: str) -> None:
    y = d["Y"].astype(bool)
    # cluster size as `storyweave eval` sees it: documents with text
    G = d["G"]
    _, inv, cnt = np.unique(G, return_inverse=True, return_counts=True)
    size = cnt[inv]
    print(f"{title}: {len(np.unique(G))} clusters, {len(y)} documents, {int(y.sum())} labelled irrelevant")
    for name, m in [("all", np.ones(len(y), bool)), ("1-doc", size == 1), ("2-doc", size == 2), ("3+-doc", size >= 3)]:
        p, r, f = prf(pred[m], y[m])
        print(f"  {name:7s} docs {int(m.sum()):6d} labelled {int(y[m].sum()):5d} flagged {int(pred[m].sum()):5d}  "
              f"precision {p:.3f} recall {r:.3f} F1 {f:.3f}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--limit", type=int, default=20000, help="train20k clusters to train on")
    ap.add_argument("--tune", type=int, default=1000, help="validation clusters used to choose the cuts")
    ap.add_argument("--trees", type=int, default=300)
    ap.add_argument("--leaves", type=int, default=15)
    ap.add_argument("--pair-precision", type=float, default=0.8,
                    help="least precision on live articles of 2-article clusters when choosing the pair cut")
    ap.add_argument("--cache", type=str, default=None, help="prefix for annotation/feature caches")
    ap.add_argument("--rebuild-features", action="store_true", help="recompute features from cached annotation")
    ap.add_argument("--report", action="store_true", help="only print P/R/F1 of the shipped model on all validation")
    ap.add_argument("--model", type=Path, default=ROOT / "src/storyweave/models" / OFFTOPIC_MODEL)
    args = ap.parse_args()
    settings = Settings()
    t0 = time.time()
    val = cached_features(MN / "validation.jsonl", 10**9, settings, args.cache, "val", args.rebuild_features)
    if args.report:
        compact = json.loads(args.model.read_text(encoding="utf-8"))
        forest = Forest(compact)
        pred = predict(val, forest, compact["threshold"], compact.get("threshold_pair", compact["threshold"]))
        report(val, pred, f"validation, {args.model.name} (cuts {compact['threshold']} / pairs {compact.get('threshold_pair')})")
        tune = val["G"] < args.tune
        report({k: v[tune] for k, v in val.items()}, pred[tune], f"tuning slice (first {args.tune})")
        rest = ~tune
        report({k: v[rest] for k, v in val.items()}, pred[rest], "held-out rest of validation")
        return
    tr = cached_features(MN / "train20k.jsonl.gz", args.limit, settings, args.cache, "tr", args.rebuild_features)
    m = tr["live"] & (tr["nlive"] >= 2)
    X, Y = tr["X"][m], tr["Y"][m].astype(int)
    print(f"train: {len(X)} articles in {len(np.unique(tr['G'][m]))} clusters ({int(Y.sum())} off-topic); {time.time() - t0:.0f} s")

    import lightgbm as lgb

    model = lgb.LGBMClassifier(n_estimators=args.trees, num_leaves=args.leaves, learning_rate=0.04, min_child_samples=40,
                               subsample=0.8, subsample_freq=1, colsample_bytree=0.8, reg_lambda=1.0,
                               verbose=-1, random_state=0)
    model.fit(X, Y)
    dump = model.booster_.dump_model()
    dump["feature_names"] = OFFTOPIC_FEATURES
    compact = compact_trees(dump)
    forest = Forest(compact)
    tune = val["G"] < args.tune
    tv = {k: v[tune] for k, v in val.items()}
    y = tv["Y"].astype(bool)
    grid = np.round(np.arange(0.2, 0.96, 0.02), 2)
    best = (-1.0, 0.5, 0.5)
    for c in grid:  # 3+ cut first with pairs at a strict cut, then the pair cut
        f = prf(predict(tv, forest, c, 0.99), y)[2]
        best = max(best, (f, c, 0.99))
    pair = tv["nlive"] == 2
    for c2 in grid:  # pairs: a user with two articles expects both kept unless the evidence is strong
        pred = predict(tv, forest, best[1], c2)
        live_pair = pair & tv["live"]
        if prf(pred[live_pair], y[live_pair])[0] < args.pair_precision:
            continue
        best = max(best, (prf(pred, y)[2], best[1], c2))
    compact["threshold"], compact["threshold_pair"] = float(best[1]), float(best[2])
    compact["trained_on"] = {"train_clusters": args.limit, "train_articles": int(len(X)), "tune_clusters": args.tune,
                             "label": "Multi-News+ irrelevant (>= 3 votes)"}
    pred = predict(val, forest, best[1], best[2])
    report(tv, pred[tune], f"tuning slice (first {args.tune}), cuts {best[1]} / pairs {best[2]}")
    report(val, pred, "all validation")
    args.model.write_text(json.dumps(compact, separators=(",", ":")), encoding="utf-8")
    print(f"wrote {args.model} ({args.model.stat().st_size / 1024:.0f} KiB)")


if __name__ == "__main__":
    main()
