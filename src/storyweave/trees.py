"""Small tree ensembles (LightGBM, trained offline) evaluated with numpy.

The models that ship in `storyweave/models/` are LightGBM models flattened to arrays by
`compact_trees`; `Forest` walks all rows through each tree at once. Importing lightgbm would
cost about a second of a brief's start-up, and LightGBM is only needed to train.
"""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import numpy as np


def compact_trees(dump: dict) -> dict:
    """Flatten a LightGBM `Booster.dump_model()` into arrays: the small file that ships."""
    trees = []
    for t in dump["tree_info"]:
        feat: list[int] = []
        thr: list[float] = []
        left: list[int] = []
        right: list[int] = []
        value: list[float] = []

        def visit(node: dict) -> int:
            i = len(feat)
            feat.append(-1)
            thr.append(0.0)
            left.append(i)
            right.append(i)
            value.append(0.0)
            if "leaf_value" in node:
                value[i] = round(float(node["leaf_value"]), 7)
                return i
            if node.get("decision_type", "<=") != "<=":
                raise ValueError("only numerical splits are supported")
            feat[i] = int(node["split_feature"])
            thr[i] = float(node["threshold"])
            left[i] = visit(node["left_child"])
            right[i] = visit(node["right_child"])
            return i

        visit(t["tree_structure"])
        trees.append([feat, thr, left, right, value])
    return {"format": "storyweave.trees/1", "features": dump.get("feature_names", []), "trees": trees}


class Forest:
    """Evaluates the shipped tree ensemble (see `compact_trees`) for all sentences at once.

    Written here because importing lightgbm costs about a second of a brief's start-up and
    LightGBM is needed only to train. Missing values are not produced by `features`.
    """

    def __init__(self, compact: dict) -> None:
        self.feature_names = compact.get("features", [])
        self.threshold: float | None = compact.get("threshold")
        trees = compact["trees"]
        width = max((len(t[0]) for t in trees), default=1)
        # Pad every tree to the same node count; padding nodes are leaves worth 0.
        shape = (len(trees), width)
        self.feat = np.full(shape, -1, dtype=np.int64)
        self.thr = np.zeros(shape)
        self.left = np.tile(np.arange(width), (len(trees), 1))
        self.right = self.left.copy()
        self.value = np.zeros(shape)
        for k, (feat, thr, left, right, value) in enumerate(trees):
            n = len(feat)
            self.feat[k, :n], self.thr[k, :n] = feat, thr
            self.left[k, :n], self.right[k, :n], self.value[k, :n] = left, right, value

    def predict(self, X: np.ndarray) -> np.ndarray:
        """Sum of the trees' leaf values per row (LightGBM's raw score)."""
        X = np.asarray(X, dtype=np.float64)
        n_trees = len(self.feat)
        if not n_trees or not len(X):
            return np.zeros(len(X))
        t = np.arange(n_trees)[:, None]  # (T, 1)
        node = np.zeros((n_trees, len(X)), dtype=np.int64)  # every row starts at each root
        rows = np.arange(len(X))[None, :]
        while True:
            f = self.feat[t, node]
            inner = f >= 0
            if not inner.any():
                break
            v = X[rows, np.where(inner, f, 0)]
            nxt = np.where(v <= self.thr[t, node], self.left[t, node], self.right[t, node])
            node = np.where(inner, nxt, node)
        return self.value[t, node].sum(axis=0)


def load_forest(name: str, features: list[str], path: str | Path | None = None) -> Forest | None:
    """A shipped model by file name (None if absent); checks it was trained on `features`."""
    if path:
        data = Path(path).read_text(encoding="utf-8")
    else:
        res = resources.files("storyweave") / "models" / name
        if not res.is_file():
            return None
        data = res.read_text(encoding="utf-8")
    compact = json.loads(data)
    if compact.get("features") and compact["features"] != features:
        raise ValueError(f"{name} was trained on other features; retrain it (see train/)")
    return Forest(compact)
