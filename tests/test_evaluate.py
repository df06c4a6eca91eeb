"""The evaluation harness on real Multi-News clusters (../shared/data/multinews/raw_dev.jsonl)."""

from __future__ import annotations

import json
import socket
from pathlib import Path

import pytest

from storyweave.evaluate import (
    BASELINES,
    SYSTEM,
    EvalReport,
    Rouge,
    SumyRanker,
    evaluate,
    fill_budget,
    format_table,
    lead_order,
    sentences_of,
    split_reference,
)
from storyweave.errors import InputError
from storyweave.ingest import read_clusters
from storyweave.settings import Settings

SHARED = Path(__file__).resolve().parents[2] / "shared"
RAW_DEV = SHARED / "data" / "multinews" / "raw_dev.jsonl"
VALIDATION = SHARED / "data" / "multinews" / "validation.jsonl"

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not RAW_DEV.exists(), reason="shared Multi-News data not present"),
]
N = 5


@pytest.fixture(scope="module")
def report() -> EvalReport:
    return evaluate(RAW_DEV, Settings(), limit=N)


@pytest.fixture(scope="module")
def cluster_sentences():
    """The first raw_dev cluster with at least two documents that have sentences, and its sentences."""
    for cluster in read_clusters(RAW_DEV, Settings()):
        articles = [a for a in cluster.articles if a.text.strip()]
        sents = sentences_of(articles, Settings())
        if len({s.doc for s in sents}) >= 2 and len(sents) >= 20:
            return cluster, sents
    pytest.skip("no multi-document cluster")


def test_every_system_scored_on_every_cluster(report: EvalReport) -> None:
    assert report.read == N
    assert report.clusters + len(report.skipped) == N
    assert [s.name for s in report.systems] == [SYSTEM, *BASELINES]
    for row in report.rows:
        assert set(row.scores) == {SYSTEM, *BASELINES}
        for sc in row.scores.values():
            assert 0 <= sc.r2 <= sc.r1 <= 100 and 0 <= sc.rlsum <= 100
            assert sc.seconds >= sc.select_seconds >= 0
            assert len(sc.picked) == sc.sentences
    for s in report.systems:
        assert s.clusters == report.clusters
        assert s.r1 > 10, s  # real summaries of real news share words with the reference


def test_every_system_within_budget(report: EvalReport) -> None:
    for row in report.rows:
        for name, sc in row.scores.items():
            assert 0 < sc.words <= report.words, (row.id, name)


def test_oracle_is_the_upper_bound(report: EvalReport) -> None:
    oracle = report.system("oracle")
    for s in report.systems:
        if s.name != "oracle":
            assert oracle.r1 >= s.r1, s.name
            assert oracle.r2 >= s.r2, s.name


def test_rouge_of_the_reference_itself_is_100() -> None:
    rouge = Rouge()
    for cluster in read_clusters(RAW_DEV, Settings()):
        ref = split_reference(cluster.summary or "")
        assert len(ref) > 1
        assert rouge.score(ref, ref) == pytest.approx((100.0, 100.0, 100.0))
        # The same words with other line breaks: R1 and R2 unchanged.
        r1, r2, _ = rouge.score([" ".join(ref)], ref)
        assert (r1, r2) == pytest.approx((100.0, 100.0))
        break
    assert rouge.score(["Completely unrelated words here."], ["The cat sat on the mat."]) == (0.0, 0.0, 0.0)


def test_lead_takes_the_first_sentences_in_turn(report: EvalReport, cluster_sentences) -> None:
    _, sents = cluster_sentences
    order = lead_order(sents)
    docs = sorted({s.doc for s in sents})
    # Round robin: sentence 0 of each document in turn, then sentence 1, ...
    assert [(sents[i].doc, sents[i].index) for i in order[: len(docs)]] == [(d, 0) for d in docs]
    assert sorted(order) == list(range(len(sents)))
    chosen = fill_budget(order, sents, Settings())
    assert chosen == [i for i in order if i in set(chosen)]  # taken in that order
    assert chosen[0] == order[0] or sents[order[0]].words > Settings().words
    # In the evaluation, lead's picks follow the round robin of each cluster.
    for row in report.rows:
        picks = row.scores["lead"].picked
        per_doc: dict[int, list[int]] = {}
        for d, k in picks:
            per_doc.setdefault(d, []).append(k)
        for ks in per_doc.values():
            assert ks == sorted(ks) and len(set(ks)) == len(ks)
        first_round = [d for d, k in picks if k == 0]
        assert picks[: len(first_round)] == [(d, 0) for d in first_round]


def test_sumy_baselines_run_offline(cluster_sentences, monkeypatch) -> None:
    def no_network(*_a, **_k):
        raise AssertionError("sumy tried to use the network")

    monkeypatch.setattr(socket.socket, "connect", no_network)
    _, sents = cluster_sentences
    for name in ("lexrank", "textrank", "lsa"):
        ranking = SumyRanker(name).rank(sents)
        assert sorted(ranking) == list(range(len(sents))), name  # a full ranking
        chosen = fill_budget(ranking, sents, Settings())
        assert chosen and sum(sents[i].words for i in chosen) <= Settings().words


def test_word_budget_is_the_settings_one(cluster_sentences) -> None:
    _, sents = cluster_sentences
    small = Settings(words=60)
    for order in (lead_order(sents), SumyRanker("lexrank").rank(sents)):
        chosen = fill_budget(order, sents, small)
        total = sum(sents[i].words for i in chosen)
        assert total <= 60
        left = [sents[i].words for i in order if i not in chosen and sents[i].text not in {sents[j].text for j in chosen}]
        # Filling stopped only when nothing else fitted or fewer than min_sentence_words were left.
        assert 60 - total < small.min_sentence_words or all(w > 60 - total for w in left)


def test_report_json_and_table(report: EvalReport) -> None:
    d = json.loads(report.to_json())
    assert d["clusters"] == report.clusters and len(d["rows"]) == report.clusters
    assert "rows" not in json.loads(report.to_json(rows=False))
    assert {s["name"] for s in d["systems"]} == {SYSTEM, *BASELINES}
    table = format_table(report)
    assert table.row_count == len(report.systems)
    assert "cross-source view" in str(table.caption)


def test_unknown_baseline_is_an_input_error() -> None:
    with pytest.raises(InputError, match="unknown baseline"):
        evaluate(RAW_DEV, Settings(), limit=1, baselines=("lead", "bogus"))


@pytest.mark.skipif(not VALIDATION.exists(), reason="validation split not present")
def test_off_topic_figures_when_labelled() -> None:
    rep = evaluate(VALIDATION, Settings(), limit=3, baselines=("lead",))
    ot = rep.off_topic
    assert ot is not None and ot.clusters == rep.clusters
    assert ot.true_positives <= min(ot.flagged, ot.labelled) and ot.labelled <= ot.documents
    assert 0 <= ot.precision <= 1 and 0 <= ot.recall <= 1
    for row in rep.rows:
        assert row.irrelevant is not None
        assert all(0 <= i < 20 for i in row.irrelevant + row.off_topic)
    assert evaluate(RAW_DEV, Settings(), limit=1, baselines=()).off_topic is None
