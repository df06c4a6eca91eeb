"""Tests of fact grouping (storyweave.facts): paraphrases grouped, outlets counted, furniture left out.

The short stories here are fictional, written for these tests; the seeds are read from ../shared.
"""

from __future__ import annotations

import pytest

from storyweave.facts import content_stems, fold, group_facts, name_key, same_name, stem, supported_by
from storyweave.ingest import from_text
from storyweave.pipeline import prepare


def _prep(docs: list[tuple[str, str]]):
    """prepare() over (outlet, text) pairs; returns (Prepared, outlet_of)."""
    arts = [from_text(text, input=f"{outlet}-{k}.txt", outlet=outlet) for k, (outlet, text) in enumerate(docs)]
    p = prepare(arts)
    return p, {a.id: a.outlet for a in p.raws}


# A fictional story told by three outlets, two of them the same outlet.
COURIER = (
    "The opposition leader Tomas Verrel held secret meetings with the military last week, his aides said. "
    "Verrel wants the army to back a transitional council before the spring elections. "
    "The city council of Ostrava Nova also approved a new budget for its public library on Monday."
)
GAZETTE = (
    "Aides to Tomas Verrel said the opposition leader had covert talks with officers of the armed services last week. "
    "Verrel is seeking the support of the army for a transitional council ahead of the spring vote. "
    "A bakery in the port district won a regional prize for its rye bread."
)
COURIER_LATE = (
    "Tomas Verrel, the opposition leader, met the military in secret last week, according to his aides. "
    "He hopes the army will support a transitional council before the spring elections."
)


@pytest.fixture(scope="module")
def story():
    return _prep([("Valley Courier", COURIER), ("Harbour Gazette", GAZETTE), ("Valley Courier", COURIER_LATE)])


def _fact_with(facts, needle: str):
    hits = [f for f in facts if any(needle in m.text for m in f.mentions)]
    assert hits, f"no fact mentions {needle!r}"
    return hits[0]


def test_paraphrases_grouped_and_outlets_counted(story) -> None:
    p, outlet_of = story
    facts = group_facts(p.aligned(), outlet_of)
    meetings = _fact_with(facts, "held secret meetings with the military")
    texts = " | ".join(m.text for m in meetings.mentions)
    assert "covert talks with officers of the armed services" in texts
    # Three articles carry it, but two are the same outlet: support counts outlets.
    assert len({m.article for m in meetings.mentions}) == len(meetings.mentions)
    assert meetings.support == len(set(meetings.outlets)) == len({outlet_of[m.article] for m in meetings.mentions})
    assert meetings.support == 2
    assert set(meetings.outlets) == {"Valley Courier", "Harbour Gazette"}
    # The representative text is one of the mentions.
    assert meetings.text in {m.text for m in meetings.mentions}


def test_unrelated_sentences_stay_apart(story) -> None:
    p, outlet_of = story
    facts = group_facts(p.aligned(), outlet_of)
    library = _fact_with(facts, "public library")
    bakery = _fact_with(facts, "rye bread")
    assert library.support == 1 and len(library.mentions) == 1
    assert bakery.support == 1 and len(bakery.mentions) == 1
    assert library.id != bakery.id
    meetings = _fact_with(facts, "held secret meetings")
    assert not any("rye bread" in m.text or "library" in m.text for m in meetings.mentions)


def test_facts_sorted_ids_and_one_mention_per_article(story) -> None:
    p, outlet_of = story
    facts = group_facts(p.aligned(), outlet_of)
    supports = [f.support for f in facts]
    assert supports == sorted(supports, reverse=True)
    assert [f.id for f in facts] == [f"f{k + 1}" for k in range(len(facts))]
    for f in facts:
        arts = [m.article for m in f.mentions]
        assert len(arts) == len(set(arts))
    # Every mention points at the sentence it quotes.
    sentences = {(a.id, s.index): s.text for a in p.aligned().articles for s in a.sentences}
    for f in facts:
        for m in f.mentions:
            assert sentences[(m.article, m.sentence)] == m.text


def test_supported_by_lists_the_other_articles(story) -> None:
    p, outlet_of = story
    facts = group_facts(p.aligned(), outlet_of)
    meetings = _fact_with(facts, "held secret meetings")
    first = meetings.mentions[0]
    others = supported_by(facts, first.article, first.sentence)
    assert sorted(others) == sorted(m.article for m in meetings.mentions[1:])
    assert first.article not in others
    library = _fact_with(facts, "public library")
    m = library.mentions[0]
    assert supported_by(facts, m.article, m.sentence) == []
    assert supported_by(facts, "no-such-article", 0) == []


def test_furniture_is_not_a_fact() -> None:
    text = (
        "Flood waters closed the Marrow Street bridge in Ellisford on Tuesday, the city said. "
        "Share this article\n\n"
        "Engineers expect to reopen the bridge by Friday once the river falls."
    )
    other = (
        "The Marrow Street bridge in Ellisford was closed by flood waters on Tuesday, according to the city. "
        "Engineers hope the bridge can reopen on Friday when the river drops."
    )
    p, outlet_of = _prep([("Ellisford Post", text), ("River Times", other)])
    facts = group_facts(p.aligned(), outlet_of)
    furniture = {(a.id, s.index) for a in p.aligned().articles for s in a.sentences if s.boilerplate}
    assert not any((m.article, m.sentence) in furniture for f in facts for m in f.mentions)
    bridge = _fact_with(facts, "closed the Marrow Street bridge")
    assert bridge.support == 2


def test_empty_candidates() -> None:
    from storyweave.summarize import build_candidates
    import numpy as np

    cands = build_candidates([], np.zeros((0, 384), dtype=np.float32))
    assert group_facts(cands, {}) == []


def test_seeds_paraphrase(seeds_candidates, seeds_raw) -> None:
    """The real seed story: one outlet's quote about meetings with the armed forces and another
    outlet's report of the same meetings with the Venezuelan military are one fact."""
    outlet_of = {a.id: a.outlet for a in seeds_raw}
    facts = group_facts(seeds_candidates, outlet_of)
    fact = _fact_with(facts, "armed forces")
    assert any("clandestine meetings" in m.text for m in fact.mentions)
    assert fact.support >= 2
    assert any("Venezuelan military" in m.text for m in fact.mentions)
    assert all(f.support >= 1 for f in facts)
    assert len(facts) <= len(seeds_candidates)


def test_text_helpers() -> None:
    assert fold("Guaidó") == "guaido"
    assert name_key("Mr. Juan Guaidó") == ("juan", "guaido")
    assert same_name("Juan Guaidó", "Mr Guaido")
    assert not same_name("Juan Guaidó", "Nicolás Maduro")
    assert stem("evacuated") == stem("evacuation")
    assert content_stems("The residents were evacuated") == [stem("residents"), stem("evacuated")]


def test_a_mention_with_clashing_figures_is_another_claim() -> None:
    """One fact group (same topic) whose mentions give other figures for the same count: the
    mention that agrees with none is split off, with the mention that agrees with it; a mention
    without figures, and one whose figure is only rounded differently, stay."""
    from types import SimpleNamespace

    from storyweave.conflicts import compatible, quantities
    from storyweave.facts import split_by_figures
    from storyweave.records import Fact, Mention

    texts = {
        "a": "The army said 84 rockets fired from the south hit the coast on Friday and 91 were shot down.",
        "b": "Officials said militants had fired more than 300 rockets at the coast since the fighting began.",
        "c": "The army said about 85 rockets struck the coast on Friday.",
        "d": "Rockets from the south kept hitting the coast on Friday, the army said.",
        "e": "Militants have launched around 300 rockets in all, the officials said.",
    }
    mentions = [Mention(article=k, sentence=3, text=t) for k, t in texts.items()]
    fact = Fact(id="f1", text=texts["a"], support=5, outlets=[f"Outlet {k}" for k in texts], mentions=mentions)
    lone = Fact(id="f2", text="The port stayed open.", support=1, outlets=["Outlet a"],
                mentions=[Mention(article="a", sentence=5, text="The port stayed open.")])
    cands = SimpleNamespace(articles=[SimpleNamespace(id=k) for k in texts])
    outlet_of = {k: f"Outlet {k}" for k in texts}
    out = split_by_figures([fact, lone], cands, outlet_of, quantities, compatible)
    groups = {frozenset(m.article for m in f.mentions): f for f in out}
    assert set(groups) == {frozenset("acd"), frozenset("be"), frozenset("a")}
    assert groups[frozenset("acd")].text == texts["a"] and groups[frozenset("acd")].support == 3
    assert groups[frozenset("be")].support == 2 and groups[frozenset("be")].outlets == ["Outlet b", "Outlet e"]
    assert [f.id for f in out] == ["f1", "f2", "f3"] and out[0].support == 3
    # nothing clashes: the fact is kept whole
    same = split_by_figures([fact.model_copy(update={"mentions": mentions[:1] + mentions[2:4]})], cands, outlet_of,
                            quantities, compatible)
    assert len(same) == 1 and len(same[0].mentions) == 3
