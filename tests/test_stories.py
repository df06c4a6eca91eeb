"""Off-topic article detection (storyweave.stories), on short fictional articles."""

from __future__ import annotations

import numpy as np
import pytest

from storyweave import stories
from storyweave.annotate import annotate_many
from storyweave.clean import clean
from storyweave.embed import get_fast_embedder
from storyweave.records import RawArticle
from storyweave.settings import Settings
from storyweave.stories import OFFTOPIC_FEATURES, TopicVerdict, decide, off_topic, topic_features

BRIDGE = [
    "The Harlow River footbridge in Quenby reopened on Tuesday after eight months of repairs, the town council said. "
    "Engineers replaced the rusted steel cables that had forced the closure last spring. "
    "Mayor Odile Frant said the bridge carries about 4,000 walkers and cyclists a day. "
    "\"We are glad to give the crossing back to the people of Quenby,\" Frant told reporters at the ribbon cutting.",
    "Quenby's footbridge over the Harlow River is open again. The council spent 2.1 million pounds on new cables "
    "and a repainted deck after inspectors found corrosion last April. Mayor Odile Frant cut a ribbon on Tuesday "
    "morning as cyclists lined up to cross. Local shops near the bridge said trade had fallen during the closure.",
    "After months of repair work, the Harlow River footbridge reopened to walkers and cyclists in Quenby on Tuesday. "
    "Inspectors had closed the span when they found corroded cables. The town council said the repairs cost "
    "2.1 million pounds. Mayor Odile Frant thanked the engineers who finished the job ahead of schedule.",
]
MARATHON = (
    "The Velmont City marathon drew a record 31,000 runners on Sunday. Kenyan runner Amos Kiprey won the men's race "
    "in two hours and six minutes, while Lisa Dornbach took the women's title. Organisers said hot weather led to "
    "dozens of runners being treated for exhaustion near the finish line in Velmont Park."
)
FURNITURE = (
    "We use cookies to improve your experience. By continuing to browse you agree to our use of cookies.\n\n"
    "Please enable JavaScript in your browser to view this page.\n\n"
    "Subscribe to our newsletter. Sign in. Register. Privacy policy. Terms of use.\n\n"
    "Share on Facebook. Share on Twitter. Email this article. Print.\n\n"
    "Advertisement"
)


def _prepare(texts: list[str]):
    settings = Settings()
    raws = [RawArticle(id=f"a{i}", input=f"a{i}", outlet=f"outlet{i}", text=t) for i, t in enumerate(texts)]
    ann = annotate_many([clean(r) for r in raws], settings)
    live = [a for a in ann if a.sentences]
    emb = get_fast_embedder(settings)
    return live, [emb.encode([s.text for s in a.sentences]) for a in live]


@pytest.fixture(scope="module")
def bridge_and_marathon():
    return _prepare([*BRIDGE, MARATHON])


def test_features_shape_and_ranges(bridge_and_marathon) -> None:
    ann, vecs = bridge_and_marathon
    X = topic_features(ann, vecs)
    assert X.shape == (4, len(OFFTOPIC_FEATURES))
    assert np.isfinite(X).all()
    col = {n: X[:, k] for k, n in enumerate(OFFTOPIC_FEATURES)}
    for name in ("boiler_share", "removed_share", "unterminated", "short_share", "core_names", "bow_loo"):
        assert ((col[name] >= 0) & (col[name] <= 1)).all(), name
    # The marathon piece shares neither words nor names with the bridge pieces.
    assert col["bow_loo"][3] < col["bow_loo"][:3].min()
    assert col["core_names"][3] < col["core_names"][:3].min()
    assert col["loo_sim"][3] < col["loo_sim"][:3].min()


def test_unrelated_article_set_aside(bridge_and_marathon) -> None:
    ann, vecs = bridge_and_marathon
    verdicts = off_topic(ann, vecs)
    assert all(isinstance(v, TopicVerdict) for v in verdicts)
    assert [v.on_topic for v in verdicts] == [True, True, True, False]
    assert verdicts[3].reason and verdicts[3].reason.startswith("unlike the other articles")
    assert all(v.reason is None for v in verdicts[:3])


def test_single_article_never_set_aside() -> None:
    ann, vecs = _prepare([MARATHON])
    assert [v.on_topic for v in off_topic(ann, vecs)] == [True]
    assert decide(np.zeros((1, len(OFFTOPIC_FEATURES))), np.array([0.99]), 0.1, 0.1) == [None]


def test_pair_of_same_story_both_kept() -> None:
    ann, vecs = _prepare(BRIDGE[:2])
    assert [v.on_topic for v in off_topic(ann, vecs)] == [True, True]


def test_pair_sets_aside_at_most_one() -> None:
    X = np.zeros((2, len(OFFTOPIC_FEATURES)), dtype=np.float32)
    reasons = decide(X, np.array([0.97, 0.95]), 0.3, 0.5)
    assert reasons[0] is not None and reasons[1] is None
    assert "the other article " in reasons[0] + " "
    assert decide(X, np.array([0.4, 0.3]), 0.3, 0.5) == [None, None]


def test_min_articles_keeps_everything(bridge_and_marathon) -> None:
    ann, vecs = bridge_and_marathon
    assert all(v.on_topic for v in off_topic(ann, vecs, min_articles=5))


def test_page_furniture_reason() -> None:
    X = np.zeros((3, len(OFFTOPIC_FEATURES)), dtype=np.float32)
    X[:, 0] = 0.8
    X[2, OFFTOPIC_FEATURES.index("boiler_share")] = 0.8
    reasons = decide(X, np.array([0.05, 0.1, 0.9]), 0.3, 0.5)
    assert reasons[:2] == [None, None]
    assert reasons[2] and reasons[2].startswith("looks like page furniture, not an article")


def test_never_all_set_aside() -> None:
    X = np.zeros((3, len(OFFTOPIC_FEATURES)), dtype=np.float32)  # similarity 0 < FAR for all
    reasons = decide(X, np.array([0.9, 0.8, 0.95]), 0.3, 0.5)
    assert sum(r is None for r in reasons) == 1 and reasons[1] is None


def test_furniture_next_to_articles() -> None:
    ann, vecs = _prepare([*BRIDGE[:2], FURNITURE])
    verdicts = off_topic(ann, vecs)
    assert verdicts[0].on_topic and verdicts[1].on_topic
    if len(verdicts) == 3:  # the cleaner may already have removed all of it
        assert not verdicts[2].on_topic


def test_shipped_model_has_cuts() -> None:
    assert stories._model() is not None
    assert 0 < stories._model().threshold < 1
    assert 0 < stories._pair_cut() < 1
