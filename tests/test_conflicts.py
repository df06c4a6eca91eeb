"""Tests of cross-source conflicts (storyweave.conflicts).

The stories here are fictional, written for these tests; the bundled example story is the
package's own fictional one (src/storyweave/examples/README.md lists its deliberate conflicts).
"""

from __future__ import annotations

import re

import numpy as np
import pytest

from storyweave.conflicts import (
    ConflictChecker,
    Finding,
    Pair,
    RuleChecker,
    Statement,
    _name_restated,
    compatible,
    dates,
    find_conflicts,
    quantities,
)
from storyweave.facts import group_facts
from storyweave.ingest import from_text
from storyweave.pipeline import prepare
from storyweave.records import Conflict, Entity


def _prep(docs: list[tuple[str, str]]):
    arts = [from_text(text, input=f"{outlet}-{k}.txt", outlet=outlet) for k, (outlet, text) in enumerate(docs)]
    p = prepare(arts)
    assert len(p.used) == len(docs), p.status
    return p, {a.id: a.outlet for a in p.raws}


def _conflicts(docs: list[tuple[str, str]]) -> list[Conflict]:
    p, outlet_of = _prep(docs)
    return find_conflicts(p.aligned(), group_facts(p.aligned(), outlet_of), outlet_of)


def _values(c: Conflict) -> list[str]:
    return [v.value for v in c.values]


def _with(conflicts: list[Conflict], *needles: str) -> list[Conflict]:
    return [c for c in conflicts if all(any(n in v for v in _values(c)) for n in needles)]


# ---------------------------------------------------------------- figures, parsed
def _q(text: str):
    qs = quantities(text)
    assert len(qs) == 1, qs
    return qs[0]


def test_quantities_parse_words_units_and_hedges() -> None:
    assert _q("more than a dozen nations").value == 12 and _q("more than a dozen nations").qualifier == "min"
    assert _q("twenty-one people").value == 21
    assert _q("about $12 million in damage").kind == "money"
    assert _q("$12m in damage").value == 12e6
    assert _q("a 35-year-old engineer").kind == "age"
    assert _q("8.2 percent of voters").kind == "percent"
    assert _q("24.6ft at the gauge").unit == "ft"
    assert _q("the reservoir, 7.5m deep").unit == "m"  # metres, not millions
    assert _q("completed in 1962").kind == "year"
    # times, identifiers, parts of dates and phone numbers are not figures
    for text in ("at 11:40 p.m.", "at 6 a.m.", "on Route 14", "a Boeing 777", "on March 17", "call 1-800-555-0100"):
        assert quantities(text) == [], text


def test_rounding_and_hedges_tolerated() -> None:
    assert compatible(_q("about 3,800 people"), _q("3,750 people"))
    assert compatible(_q("more than 20 nations"), _q("21 nations"))
    assert compatible(_q("about 60,000 people"), _q("58,000 people"))
    assert compatible(_q("$12m in damage"), _q("about $12 million in damage"))
    assert not compatible(_q("about 4,200 residents"), _q("about 3,800 residents"))
    assert not compatible(_q("more than 20 nations"), _q("more than a dozen nations"))
    assert not compatible(_q("$12 million"), _q("$15 million"))


def test_dates_parse_and_compare() -> None:
    a, b = dates("The summit opens on March 3, 2026."), dates("The summit opens on 5 March.")
    assert (a[0].month, a[0].day, a[0].year) == (3, 3, 2026)
    assert a[0].clashes(b[0]) is True
    assert a[0].clashes(dates("It opens on March 3.")[0]) is False
    assert dates("on Tuesday")[0].clashes(dates("on Wednesday")[0]) is True


# ---------------------------------------------------------------- conflicts in stories
COURIER = (
    "Crews battled a wildfire near Harlow Creek on Sunday as strong winds pushed the flames toward the town. "
    "Officials said about 4,200 residents were evacuated from homes east of the river. "
    "The fire has burned roughly 9,000 acres since it started late on Friday. "
    "Three firefighters suffered minor injuries, Fire Chief Renata Solberg said. "
    "The county opened two shelters at local schools."
)
GAZETTE = (
    "A wildfire driven by strong winds threatened Harlow Creek on Sunday. "
    "About 3,800 residents were evacuated from homes east of the river, officials said. "
    "The blaze has burned roughly 9,000 acres since it began late on Friday. "
    "Three firefighters were treated for minor injuries, Fire Chief Renata Solberg said. "
    "Two shelters opened at local schools."
)


def test_number_conflict_found_and_agreeing_figures_not() -> None:
    conflicts = _conflicts([("Valley Courier", COURIER), ("Dunmore Gazette", GAZETTE)])
    evac = _with(conflicts, "4,200", "3,800")
    assert len(evac) == 1, conflicts
    c = evac[0]
    assert c.kind == "number" and c.about
    assert {v.value.lower() for v in c.values} == {"about 4,200", "about 3,800"}
    assert {v.article for v in c.values} and all(v.text for v in c.values)
    # Figures that agree are not conflicts.
    for agreed in ("9,000", "Three", "two", "Two"):
        assert not _with(conflicts, agreed), conflicts
    assert len(conflicts) == 1, conflicts


def test_word_number_conflict() -> None:
    a = (
        "More than 20 nations have recognised Ilse Varga as the interim leader of Moravia. "
        "Varga called for new elections within six months. "
        "Her rival, Petr Hollan, still controls the army."
    )
    b = (
        "More than a dozen nations have recognised Ilse Varga as interim leader of Moravia. "
        "Varga, who leads the national assembly, wants new elections within six months. "
        "Petr Hollan retains the loyalty of the army."
    )
    conflicts = _conflicts([("Northern Ledger", a), ("Capital Wire", b)])
    hit = _with(conflicts, "more than 20", "more than a dozen") or _with(conflicts, "More than 20", "More than a dozen")
    assert len(hit) == 1, conflicts
    assert "nations" in hit[0].about
    assert not _with(conflicts, "six")


def test_same_unit_different_measure_is_not_a_conflict() -> None:
    a = (
        "The new sanctions on Moravia may cost the government $11 billion in lost oil exports over the next year. "
        "Officials in the capital called the measures illegal. "
        "Oil tankers were idle at the port of Brezno on Tuesday."
    )
    b = (
        "Western governments also froze Moravian state assets worth $7 billion held abroad. "
        "The government in the capital called the sanctions illegal. "
        "Several oil tankers sat idle at Brezno on Tuesday."
    )
    conflicts = _conflicts([("Northern Ledger", a), ("Capital Wire", b)])
    assert not _with(conflicts, "$11 billion"), conflicts
    assert not _with(conflicts, "$7 billion"), conflicts


def test_date_conflict() -> None:
    a = (
        "The regional trade summit will open on March 3 in the port city of Valmora, organisers said. "
        "Delegates from twelve countries are expected to attend."
    )
    b = (
        "The regional trade summit will open on March 5 in the port city of Valmora, the organisers said. "
        "Twelve countries are sending delegations."
    )
    conflicts = _conflicts([("Coast Herald", a), ("Trade Daily", b)])
    hit = _with(conflicts, "March 3", "March 5")
    assert len(hit) == 1 and hit[0].kind == "date", conflicts


def test_name_conflict_in_aligned_sentences() -> None:
    a = COURIER
    b = COURIER.replace("Fire Chief Renata Solberg", "Fire Chief Anna Holm").replace("Crews battled", "Firefighters fought")
    conflicts = _conflicts([("Valley Courier", a), ("Dunmore Gazette", b)])
    hit = [c for c in conflicts if c.kind == "entity"]
    assert len(hit) == 1, conflicts
    assert {v.value for v in hit[0].values} == {"Renata Solberg", "Anna Holm"}
    assert len(conflicts) == 1


def test_no_conflicts_between_identical_articles(embedder, settings) -> None:
    """Two outlets with the same text (prepare() would set one aside as a duplicate)."""
    from storyweave import align
    from storyweave.annotate import annotate_many
    from storyweave.clean import clean
    from storyweave.summarize import build_candidates

    raws = [
        from_text(COURIER, input="a.txt", outlet="Valley Courier"),
        from_text(COURIER, input="b.txt", outlet="Dunmore Gazette").model_copy(update={"id": "copy"}),
    ]
    annotated = annotate_many([clean(r) for r in raws], settings)
    texts = [s.text for a in annotated for s in a.sentences]
    cands = build_candidates(annotated, embedder.encode(texts))
    cands.support, cands.best_sim = align.support(cands.vectors, cands.article_of, threshold=0.72)
    outlet_of = {r.id: r.outlet for r in raws}
    facts = group_facts(cands, outlet_of)
    assert find_conflicts(cands, facts, outlet_of) == []
    assert all(f.support == 2 for f in facts)


def test_negation_claim() -> None:
    a = Statement("a", 0, "The mayor did not sign the evacuation order for the river district on Monday.", "A")
    b = Statement("b", 0, "The mayor signed the evacuation order for the river district on Monday.", "B")
    found = RuleChecker().negation(a, b, Pair(similarity=0.9, same_fact=True))
    assert len(found) == 1 and found[0].kind == "claim"
    assert "not" in found[0].a_value
    same = Statement("c", 0, "The mayor signed the evacuation order for the river district on Monday.", "C")
    assert RuleChecker().negation(b, same, Pair(similarity=1.0, same_fact=True)) == []


def test_checker_is_pluggable() -> None:
    class Contradicts:
        """A stand-in for a model: flags every aligned pair that mentions 'burned'."""

        def check(self, a: Statement, b: Statement, pair: Pair) -> list[Finding]:
            if "burned" in a.text and "burned" in b.text and pair.similarity > 0.5:
                return [Finding("claim", "acres burned", a.text, b.text, ("claim", a.article), ("claim", b.article))]
            return []

    assert isinstance(Contradicts(), ConflictChecker)
    assert isinstance(RuleChecker(), ConflictChecker)
    p, outlet_of = _prep([("Valley Courier", COURIER), ("Dunmore Gazette", GAZETTE)])
    conflicts = find_conflicts(p.aligned(), group_facts(p.aligned(), outlet_of), outlet_of, checker=Contradicts())
    assert len(conflicts) == 1
    assert conflicts[0].kind == "claim" and conflicts[0].about == "acres burned"
    assert {v.article for v in conflicts[0].values} == {a.id for a in p.aligned().articles}


# ---------------------------------------------------------------- the bundled example story
@pytest.fixture(scope="module")
def example_conflicts(example_articles):
    p = prepare(example_articles)
    outlet_of = {a.id: a.outlet for a in p.raws}
    return p, find_conflicts(p.aligned(), group_facts(p.aligned(), outlet_of), outlet_of)


def test_example_story_deliberate_conflicts(example_conflicts) -> None:
    p, conflicts = example_conflicts
    outlet_of = {a.id: a.outlet for a in p.raws}
    evac = _with(conflicts, "4,200", "3,800")
    assert len(evac) == 1, conflicts
    outlets = {outlet_of[v.article] for v in evac[0].values}
    assert len(outlets) >= 3  # every outlet's figure is listed, not just one pair
    damage = [c for c in conflicts if any("12" in v for v in _values(c)) and any("15" in v for v in _values(c))]
    assert len(damage) == 1, conflicts
    assert damage[0].kind == "number"


def test_example_story_agreeing_figures_are_not_conflicts(example_conflicts) -> None:
    _, conflicts = example_conflicts
    values = [v for c in conflicts for v in _values(c)]
    for agreed in ("24.6", "37", "5.8", "1962", "23.1", "60,000", "48,000", "18", "nine", "6", "1979"):
        assert not any(agreed == v.split()[-1].strip("$") or agreed in v.split() for v in values), (agreed, conflicts)
    assert len(conflicts) <= 3, conflicts


def test_example_story_timing(example_conflicts) -> None:
    import time

    p, _ = example_conflicts
    outlet_of = {a.id: a.outlet for a in p.raws}
    t = time.perf_counter()
    facts = group_facts(p.aligned(), outlet_of)
    find_conflicts(p.aligned(), facts, outlet_of)
    assert time.perf_counter() - t < 2.0  # generous: about 0.2 s on 2 cores


def test_empty_input() -> None:
    from storyweave.summarize import build_candidates

    cands = build_candidates([], np.zeros((0, 384), dtype=np.float32))
    assert find_conflicts(cands, [], {}) == []


# ---------------------------------------------------------------- names swapped in paraphrases
def test_name_swapped_in_paraphrase_is_a_conflict() -> None:
    """One outlet names another person in the same role of a reworded sentence."""
    a = (
        "A teacher was arrested on Monday after a student was hurt at Brindle Lake Middle School. "
        "Police said 41-year-old Oren Vasko was arrested at Brindle Lake Middle School on an assault charge. "
        "The district closed the school for the rest of the week."
    )
    b = (
        "Students at Brindle Lake Middle School were sent home early on Monday. "
        "Tamsin Oduya, 41, was arrested at Brindle Lake Middle School the same day on an assault charge. "
        "The district said classes would resume next week."
    )
    conflicts = _conflicts([("Lakeside Post", a), ("County Record", b)])
    hit = [c for c in conflicts if c.kind == "entity"]
    assert len(hit) == 1, conflicts
    assert {v.value for v in hit[0].values} == {"Oren Vasko", "Tamsin Oduya"}
    assert all(v.text for v in hit[0].values)


def test_names_both_outlets_give_are_not_a_conflict() -> None:
    """Several people charged: each outlet lists both, in sentences of the same shape."""
    a = (
        "Two men were charged after the warehouse fire in Pellham. "
        "Ivo Marrin, 23, of Pellham, was charged with arson and conspiracy. "
        "Dario Quist, 25, of Pellham, was charged with arson. "
        "Both are held at the county jail."
    )
    b = (
        "Prosecutors charged two men over the Pellham warehouse fire. "
        "Dario Quist, 25, of Pellham, is charged with arson. "
        "Ivo Marrin, 23, of Pellham, is charged with arson and conspiracy. "
        "They remain in the county jail."
    )
    conflicts = _conflicts([("Lakeside Post", a), ("County Record", b)])
    assert not [c for c in conflicts if c.kind == "entity"], conflicts


def test_swapped_name_guards() -> None:
    """Spellings, acronyms, country names and list members are never a swapped name."""
    from storyweave.conflicts import _acronym, _country_alias, _spelling

    assert _spelling("Mr. Morsi", "Mursi") and not _spelling("Holm", "Vasko")
    assert _acronym("CDC", "Centers for Disease Control and Prevention") and _acronym("WHO", "World Health Organization")
    assert not _acronym("FBI", "Bureau of Prisons")
    assert _country_alias("USA", "the United States") and _country_alias("Washington", "U.S.")
    assert not _country_alias("Canada", "Mexico")
    from storyweave.records import Entity

    def stmt(art: str, text: str, *names: str) -> Statement:
        ents = [Entity(text=n, label="GPE", start=text.index(n), end=text.index(n) + len(n)) for n in names]
        return Statement(art, 0, text, art.upper(), ents)

    checker = RuleChecker()
    pair = Pair(similarity=0.9, same_fact=True)
    from storyweave.conflicts import _listed

    listed = stmt("a", "The eclipse will be visible from Norway and Canada on Friday.", "Norway", "Canada")
    assert _listed(listed, 0) and _listed(listed, 1)  # one of a list: a list is not a slot
    a = stmt("a", "The eclipse will be best seen from western Canada on Friday.", "Canada")
    b = stmt("b", "The eclipse will be best seen from western Mexico on Friday.", "Mexico")
    assert [(f.a_value, f.b_value) for f in checker.swaps(a, b, pair)] == [("Canada", "Mexico")]
    c = stmt("c", "The eclipse will be best seen from the western USA on Friday.", "USA")
    d = stmt("d", "The eclipse will be best seen from the western United States on Friday.", "United States")
    assert checker.swaps(c, d, pair) == []  # one country, two names


def test_names_in_the_same_part_of_the_parse_weigh_more() -> None:
    """Two names that play the same part ("X was arrested" / "Y was arrested") are more likely one
    slot; being the subject of "said" says nothing of that."""
    from storyweave.records import Entity

    def stmt(art: str, text: str, name: str, role: str | None) -> Statement:
        start = text.index(name)
        return Statement(art, 0, text, art.upper(), [Entity(text=name, label="PERSON", start=start, end=start + len(name), role=role)])

    a_text = "Tomas Velder, 35, was arrested at Harwick Middle School the very next day."
    b_text = ("On Monday, deputies said 35-year-old Ilse Marrow was arrested on a burglary charge at Harwick Middle "
              "School, where she is employed as a caretaker.")
    checker, pair = RuleChecker(), Pair(similarity=0.45)
    a = stmt("a", a_text, "Tomas Velder", "subjpass:arrested")
    same_part = checker.swaps(a, stmt("b", b_text, "Ilse Marrow", "subjpass:arrested"), pair)
    unknown = checker.swaps(a, stmt("b", b_text, "Ilse Marrow", None), pair)
    speaking = checker.swaps(stmt("a", a_text, "Tomas Velder", "subj:said"), stmt("b", b_text, "Ilse Marrow", "subj:said"), pair)
    assert [(f.a_value, f.b_value) for f in same_part] == [("Tomas Velder", "Ilse Marrow")]
    assert same_part[0].strength == pytest.approx(unknown[0].strength + checker.role_bonus)
    assert speaking[0].strength == pytest.approx(unknown[0].strength)


def test_a_condition_outcome_and_two_places_distances_are_no_conflict() -> None:
    """A jackpot that "will rise to" a sum if no one wins is no report of today's jackpot; two
    towns' distances from one city are two measures."""
    a = (
        "The Harwick lottery jackpot rose to $410 million on Monday after no ticket matched all six numbers. "
        "If no one wins on Wednesday, the jackpot will rise to at least $520 million for Saturday's draw. "
        "In Osterby, about 16 kilometers (10 miles) north of the border, officials opened two shelters for families."
    )
    b = (
        "The Harwick lottery jackpot climbed to $410 million on Monday, the lottery said. "
        "The jackpot stood at $410 million for Wednesday's draw, and officials expect ticket sales to rise. "
        "Families fled Brannock, a farming town of 9,000 about 15 miles north of the border, after officials opened two shelters."
    )
    conflicts = _conflicts([("Lakeside Post", a), ("County Record", b)])
    assert not _with(conflicts, "520"), conflicts
    assert not _with(conflicts, "10", "15"), conflicts


# ---------------------------------------------------------------- real data (../shared/data/multinews/raw_dev.jsonl)
def _stmt(article: str, k: int, text: str, names: dict[str, str]) -> Statement:
    ents = [Entity(text=n, label=lab, start=text.index(n), end=text.index(n) + len(n)) for n, lab in names.items()]
    return Statement(article=article, sentence=k, text=text, outlet=article, entities=tuple(ents))


def test_a_name_is_restated_only_by_a_sentence_that_says_the_same() -> None:
    """Each outlet names both people elsewhere (the teacher and the student). A sentence that
    shares only the name with the arrest sentence does not restate the arrest: the swap stays a
    conflict. A place that each outlet names elsewhere is dropped when the evidence is weak
    (the story happens in both; one outlet gives the town, the other the county)."""
    stmts = [
        _stmt("a", 0, "Police said Mark Delaney, 41, was arrested at the middle school on an assault charge.",
              {"Mark Delaney": "PERSON"}),
        _stmt("a", 1, "Laura Hensley, a seventh grader, was treated for a broken wrist.", {"Laura Hensley": "PERSON"}),
        _stmt("b", 0, "Laura Hensley, 41, was arrested at the middle school on an assault charge, police said.",
              {"Laura Hensley": "PERSON"}),
        _stmt("b", 1, "Mark Delaney, a science teacher, has worked there since 2009.", {"Mark Delaney": "PERSON"}),
    ]
    sims = np.eye(4)
    sims[0, 2] = sims[2, 0] = 0.7  # the two arrest sentences
    sims[0, 3] = sims[3, 0] = 0.65  # close in meaning only through the shared name
    sims[2, 1] = sims[1, 2] = 0.65
    rows_of = {"a": [0, 1], "b": [2, 3]}
    a, b = stmts[0], stmts[2]
    span_a = (a.text.index("Mark"), a.text.index(","))
    span_b = (0, len("Laura Hensley"))

    def finding(strength: float) -> Finding:
        return Finding("entity", "name", "Mark Delaney", "Laura Hensley", ("entity", "delaney"), ("entity", "hensley"),
                       strength, span_a, span_b)

    labels = {"delaney": "PERSON", "hensley": "PERSON"}
    assert not _name_restated(stmts, sims, rows_of, 0, 2, finding(6.0), labels)
    assert not _name_restated(stmts, sims, rows_of, 0, 2, finding(3.0), labels)  # people: kept though weak
    # each outlet has a sentence that says what the other's says: restated (two people arrested)
    stmts[1] = _stmt("a", 1, "Laura Hensley, 39, was also arrested at the middle school on an assault charge.",
                     {"Laura Hensley": "PERSON"})
    stmts[3] = _stmt("b", 1, "Mark Delaney, 41, was arrested at the middle school on an assault charge as well.",
                     {"Mark Delaney": "PERSON"})
    assert _name_restated(stmts, sims, rows_of, 0, 2, finding(6.0), labels)
    # two places each outlet names elsewhere, weak evidence: dropped
    places = [
        _stmt("a", 0, "He was arraigned on the charge in Marlow on Friday.", {"Marlow": "GPE"}),
        _stmt("a", 1, "Prosecutors in Dunmore County filed the charge.", {"Dunmore County": "GPE"}),
        _stmt("b", 0, "He was arraigned on the charge in Dunmore County on Friday.", {"Dunmore County": "GPE"}),
        _stmt("b", 1, "He grew up in Marlow.", {"Marlow": "GPE"}),
    ]
    pa, pb = places[0], places[2]
    weak = Finding("entity", "name", "Marlow", "Dunmore County", ("entity", "marlow"), ("entity", "dunmore county"), 3.0,
                   (pa.text.index("Marlow"), pa.text.index("Marlow") + 6), (pb.text.index("Dunmore"), pb.text.index(" on F")))
    assert _name_restated(places, np.eye(4), rows_of, 0, 2, weak, {"marlow": "GPE", "dunmore county": "GPE"})


def _raw_dev_cluster(raw_dev, cluster_id: str):
    from storyweave.ingest import read_clusters
    from storyweave.settings import Settings

    return next(c for c in read_clusters(raw_dev, Settings()) if c.id == cluster_id)


def _cluster_conflicts(articles) -> list[Conflict]:
    p = prepare(articles)
    outlet_of = {a.id: a.outlet for a in p.raws}
    cands = p.aligned()
    return find_conflicts(cands, group_facts(cands, outlet_of), outlet_of)


def test_different_people_doing_alike_things_are_no_name_conflict(raw_dev) -> None:
    """raw_dev test-3662: two officials who each "declined to" do different things are not one
    slot (the rest of the sentences differ), so no name conflict is reported."""
    cluster = _raw_dev_cluster(raw_dev, "test-3662")
    assert not [c for c in _cluster_conflicts(list(cluster.articles)) if c.kind == "entity"]


def test_counts_of_different_plural_nouns_are_not_one_measure(raw_dev) -> None:
    """raw_dev test-4079: a count of rockets fired and a count of rocket-launching sites share
    the word "rocket" but count different things; nor may a count of targets be listed in a
    conflict about rockets."""
    cluster = _raw_dev_cluster(raw_dev, "test-4079")
    conflicts = [c for c in _cluster_conflicts(list(cluster.articles)) if c.kind == "number"]
    assert not _with(conflicts, "97", "70"), conflicts
    for c in conflicts:
        counted = {re.sub(r"[^a-z]", "", v.text[v.text.find(v.value) + len(v.value):].split()[0].lower()) for v in c.values}
        assert not ({"rockets", "targets"} <= counted), c


def test_figures_dated_to_different_months_are_not_a_conflict() -> None:
    """A count "through July" and one "as of September" are two points of a running tally."""
    a = ("Through July, 32 cases of Marlow fever had been confirmed in the province, health officials said. "
         "The province opened two new clinics.")
    b = ("As of September, 50 cases of Marlow fever had been confirmed in the province, health officials said. "
         "Two new clinics have opened in the province.")
    assert not _conflicts([("Northern Ledger", a), ("Capital Wire", b)])
    # the same sentences without their months disagree
    undated = [("Northern Ledger", a.replace("Through July, 32", "So far, 32")),
               ("Capital Wire", b.replace("As of September, 50", "So far, 50"))]
    assert _with(_conflicts(undated), "32", "50")


def _tagged(art: str, text: str, *names: tuple[str, str]) -> Statement:
    """A statement with the given (name, label) entities, as spaCy might have tagged them."""
    ents = [Entity(text=n, label=lab, start=text.index(n), end=text.index(n) + len(n)) for n, lab in names]
    return Statement(art, 0, text, art.upper(), ents)


def test_a_name_spacy_missed_in_aligned_sentences_is_a_conflict() -> None:
    """A proper noun spaCy left untagged (a shop's name) in the place of a tagged name of an
    aligned sentence; a sentence's capitalised first word alone is no name."""
    from storyweave.conflicts import _replaced

    checker, pair = RuleChecker(), Pair(similarity=0.8, same_fact=True)
    a = _tagged("a", "A lost dog was found inside the loading bay of a garden store in Brackwell on Sunday, and "
                   "volunteers think it may be the terrier missing since May.", ("Brackwell", "GPE"))
    b = _tagged("b", "A lost dog was found inside the loading bay of a garden store in PlantHaus on Sunday, and "
                   "volunteers think it may be the terrier missing since May.")
    assert [(f.a_value, f.b_value) for f in checker.names(a, b, pair, _replaced(a, b))] == [("Brackwell", "PlantHaus")]
    c = _tagged("c", "Volunteers said the terrier had been missing since May.")
    d = _tagged("d", "Ostrava said the terrier had been missing since May.", ("Ostrava", "GPE"))
    assert checker.names(c, d, pair, _replaced(c, d)) == []


def test_an_untagged_name_opening_a_quote_is_a_swapped_name() -> None:
    """'"Harbor Rescue Trust lent us the boat," she said' / '"Coastwatch lent us the boat.': the
    untagged name stands where the other sentence's name stands; not so across a full stop."""
    checker, pair = RuleChecker(), Pair(similarity=0.5)
    a = _tagged("a", "\"Harbor Rescue Trust lent us the boat,\" Ms. Ardine told the Bayside Ledger.", ("Bayside Ledger", "ORG"))
    b = _tagged("b", "\"Coastwatch lent us the boat.", ("Coastwatch", "ORG"))
    assert [(f.a_value, f.b_value) for f in checker.swaps(a, b, pair)] == [("Harbor Rescue Trust", "Coastwatch")]
    c = _tagged("c", "Crews searched the bay after the storm (Coastwatch) overnight.", ("Coastwatch", "ORG"))
    d = _tagged("d", "Crews searched the bay after the storm. Mira Colter overnight.")
    assert checker.swaps(c, d, pair) == []


def test_names_tagged_as_different_kinds_in_word_for_word_sentences_are_swapped() -> None:
    """spaCy tags a surname a place in one sentence: the rest agreeing word for word, the two
    names in the very same place are still one slot."""
    checker, pair = RuleChecker(), Pair(similarity=0.6)
    a = _tagged("a", "\"It was a reckless and cruel act,\" Dorran Vesk wrote in the sentencing memo.", ("Dorran Vesk", "PERSON"))
    b = _tagged("b", "\"It was a reckless and cruel act,\" Tallin wrote in the sentencing memo.", ("Tallin", "GPE"))
    assert [(f.a_value, f.b_value) for f in checker.swaps(a, b, pair)] == [("Dorran Vesk", "Tallin")]
    c = _tagged("c", "\"It was a reckless act,\" Dorran Vesk wrote in a memo to the court on Friday.", ("Dorran Vesk", "PERSON"))
    d = _tagged("d", "\"It was a cruel act,\" Tallin prosecutors told the court.", ("Tallin", "GPE"))
    assert checker.swaps(c, d, pair) == []  # the rest reworded: a person and a place are two things


def test_reworded_sentences_with_names_in_the_same_part_of_the_parse() -> None:
    """Sentences that share few words ("the power outage at X" / "the lengthy power outage at Y
    plants") still swap a name when both names are the object of the same words."""
    def stmt(art: str, text: str, name: str, role: str | None) -> Statement:
        start = text.index(name)
        return Statement(art, 0, text, art.upper(), [Entity(text=name, label="ORG", start=start, end=start + len(name), role=role)])

    a_text = "The weekend power outage at Norvale Mills disrupted shipments across several counties, officials said."
    b_text = "An engineer hired to investigate the lengthy power outage at Kestrel Foods plants described a failed transformer."
    checker, pair = RuleChecker(), Pair(similarity=0.7)
    found = checker.swaps(stmt("a", a_text, "Norvale Mills", "pobj:at:outage"), stmt("b", b_text, "Kestrel Foods", "pobj:at:outage"), pair)
    assert [(f.a_value, f.b_value) for f in found] == [("Norvale Mills", "Kestrel Foods")]
    assert checker.swaps(stmt("a", a_text, "Norvale Mills", None), stmt("b", b_text, "Kestrel Foods", None), pair) == []


def test_same_slot_reads_the_same_either_way_round() -> None:
    """Whether two names stand among the same words does not depend on which sentence comes first
    ("Mara Quell, general counsel for ..." / "Ivo Brandt, the general counsel for ...")."""
    from storyweave.conflicts import _same_slot

    a = "Mara Quell, general counsel for the Tern Valley Growers Association, confirmed Thursday she represents them."
    b = "Ivo Brandt, the general counsel for the Tern Valley Growers Association, declined to comment."
    sa, sb = (0, len("Mara Quell")), (0, len("Ivo Brandt"))
    assert _same_slot(a, sa, b, sb) and _same_slot(b, sb, a, sa)
    checker, pair = RuleChecker(), Pair(similarity=0.5)
    x = _tagged("a", a, ("Mara Quell", "PERSON"), ("Tern Valley Growers Association", "ORG"))
    y = _tagged("b", b, ("Ivo Brandt", "PERSON"), ("Tern Valley Growers Association", "ORG"))
    assert [(f.a_value, f.b_value) for f in checker.swaps(x, y, pair)] == [("Mara Quell", "Ivo Brandt")]
    assert [(f.a_value, f.b_value) for f in checker.swaps(y, x, pair)] == [("Ivo Brandt", "Mara Quell")]


def test_one_distinctive_figure_in_both_sentences_ties_a_name_swap() -> None:
    """Two reworded sentences that give the same amount to the dollar report one donation: the
    donors named differently are a conflict; with different amounts they may be two donations."""
    checker, pair = RuleChecker(), Pair(similarity=0.5)
    a = _tagged("a", "Liberty-based Harlow Fuel has given $7,500 to the Crime Stoppers fund.", ("Harlow Fuel", "ORG"))
    text_b = "Liberty-based Quarry Gas announced on Thursday that it had contributed {} toward a reward for the robbers."
    same = _tagged("b", text_b.format("$7,500"), ("Quarry Gas", "ORG"))
    other = _tagged("b", text_b.format("$2,000"), ("Quarry Gas", "ORG"))
    assert [(f.a_value, f.b_value) for f in checker.swaps(a, same, pair)] == [("Harlow Fuel", "Quarry Gas")]
    assert checker.swaps(a, other, pair) == []


# ---------------------------------------------------------------- figures that measure different things
def _fig(art: str, text: str, *ents: tuple[str, str, str]) -> Statement:
    """A statement with figure entities (text, label, role) as annotate.py tags them."""
    es = [Entity(text=t, label=lab, start=text.index(t), end=text.index(t) + len(t), role=role) for t, lab, role in ents]
    return Statement(art, 0, text, art.upper(), es)


def test_a_unit_conversion_in_brackets_is_not_a_second_conflict() -> None:
    a = _fig("a", "The search zone lies about 2,000 kilometers (about 1,240 miles) west of the port of Harlow.")
    b = _fig("b", "The search zone lies about 1,700 kilometers (1,050 miles) west of the port of Harlow.")
    found = RuleChecker().check(a, b, Pair(similarity=0.9, same_fact=True))
    assert [(f.a_value, f.b_value) for f in found] == [("about 2,000", "about 1,700")], found


def test_figures_lined_up_by_chance_in_loosely_related_sentences() -> None:
    """A word alignment of sentences about different things puts "her three" where "to two" is."""
    a = _fig("a", "At one point, Marlow said, her mother left her three young children in the back of her van.")
    b = _fig("b", "That was before Marlow began her career, when she was already a mother to two young girls.")
    assert RuleChecker().check(a, b, Pair(similarity=0.48, informative=a.stems & b.stems)) == []


def test_a_figure_for_a_subgroup_set_by_a_threshold() -> None:
    a = _fig("a", "Women who took the pill had a 29 percent higher risk of migraines, the study found.")
    b = _fig("b", "When women took the pill for 20 weeks or more, they had a 50 percent higher risk of migraines, the study found.")
    checker, pair = RuleChecker(), Pair(similarity=0.8)
    assert checker.numbers(a, b, pair) == []
    b2 = _fig("b", "Women who took the pill had a 50 percent higher risk of migraines, the study found.")
    assert [(f.a_value, f.b_value) for f in checker.numbers(a, b2, pair)] == [("29 percent", "50 percent")]


def test_figures_of_different_verbs_are_different_measures() -> None:
    a = _fig("a", "The merger was approved by around 86% of shareholders.", ("around 86%", "PERCENT", "subj:approved"))
    b = _fig("b", "Around 59% of shareholders rejected the merger.", ("Around 59%", "PERCENT", "subj:rejected"))
    checker, pair = RuleChecker(), Pair(similarity=0.6)
    assert checker.numbers(a, b, pair) == []
    b2 = _fig("b", "Around 59% of shareholders approved the merger.", ("Around 59%", "PERCENT", "subj:approved"))
    assert len(checker.numbers(a, b2, pair)) == 1


def test_a_count_for_one_day_and_a_count_for_a_stretch_of_time() -> None:
    a = _fig("a", "The army said 97 shells hit the border town on Friday.")
    b = _fig("b", "The army said more than 750 shells have hit the border town this year.")
    checker, pair = RuleChecker(), Pair(similarity=0.8, same_fact=True)
    assert checker.numbers(a, b, pair) == []
    b2 = _fig("b", "The army said more than 750 shells hit the border town.")
    assert len(checker.numbers(a, b2, pair)) == 1


# ---------------------------------------------------------------- recall: bounds, years, slots
def test_the_same_upper_bound_on_different_figures_disagrees() -> None:
    """"up to 2 ounces" / "up to 3 ounces": two different limits, not overlapping ranges; lower
    bounds ("more than 250" / "more than 300") stay compatible (a running tally)."""
    assert not compatible(_q("possession of up to 2 ounces of resin"), _q("possession of up to 3 ounces of resin"))
    assert not compatible(_q("less than 5 percent of its people"), _q("less than 8 percent of its people"))
    assert compatible(_q("up to 3 ounces of resin"), _q("up to 3 ounces of resin"))
    assert compatible(_q("more than 250 targets"), _q("more than 300 targets"))
    checker, pair = RuleChecker(), Pair(similarity=0.8, same_fact=True)
    a = Statement("a", 0, "The new law makes possession of up to 2 ounces of resin a petty offense in Norvale.", "A")
    b = Statement("b", 0, "Lawmakers passed a bill that makes possession of up to 3 ounces of resin a petty offense in Norvale.", "B")
    assert [(f.a_value, f.b_value) for f in checker.check(a, b, pair) if f.kind == "number"] == [("up to 2", "up to 3")]


def test_a_year_after_over_is_named_not_hedged() -> None:
    """"nearly double over 2013": the year 2013, not "after 2013" (which would agree with 2015)."""
    q = _q("That is nearly double over 2013, the first year of the survey.")
    assert (q.kind, q.qualifier, q.text) == ("year", "exact", "2013")
    checker, pair = RuleChecker(), Pair(similarity=0.75, same_fact=True)
    a = Statement("a", 0, "That is nearly double over 2013, when 14 cases of the fever were reported in Harlow.", "A")
    b = Statement("b", 0, "That is more than double compared to 2015, when 14 cases of the fever were confirmed in Harlow.", "B")
    assert [(f.a_value, f.b_value) for f in checker.check(a, b, pair) if f.kind == "date"] == [("2013", "2015")]


def test_a_shared_amount_ties_each_sentences_one_new_name() -> None:
    """Reworded sentences that give the same amount of money, each adding one new name of a kind
    in a different part of the parse: the names fill one slot. An age alone does not tie them
    (a person and the town they come from sit around it alike)."""
    checker, pair = RuleChecker(), Pair(similarity=0.6)
    a = _tagged("a", "It was more than the award for Oren Vasko, chief executive at Norvale Mills, whose salary package fell "
                     "from 14.2 million euros in 2014 to 5.5 million euros last year.", ("Oren Vasko", "PERSON"), ("Norvale Mills", "ORG"))
    b = _tagged("b", "Although Norvale chief executive Tamsin Oduya pocketed 14.2 million euros (16 million dollars) in 2014, "
                     "this figure fell to 5.6 million euros last year, the annual report of the group showed on Tuesday evening.",
                ("Norvale", "ORG"), ("Tamsin Oduya", "PERSON"))
    assert [(f.a_value, f.b_value) for f in checker.swaps(a, b, pair)] == [("Oren Vasko", "Tamsin Oduya")]
    c = _tagged("a", "One of the two people hurt in the crash at the Harlow fair was a 9-year-old boy from Pellham.",
                ("Harlow", "GPE"), ("Pellham", "PERSON"))
    d = _tagged("b", "Nine-year-old Ivo Marrin was the first of the two people hurt in the crash to be named.", ("Ivo Marrin", "PERSON"))
    assert checker.swaps(c, d, pair) == []


def test_names_after_the_same_opening_words_fill_one_slot() -> None:
    """"Liberty-based X has ..." / "Liberty-based Y announced ...": the whole left side of each
    name is the same words, however few: one slot."""
    from storyweave.conflicts import _same_slot

    a = "Bayside-based Harlow Fuel has made a $5,000 gift to the Crime Stoppers fund."
    b = "Bayside-based Quarry Gas said on Thursday that it had contributed $5,000 toward a reward for the robbers."
    sa, sb = (a.index("Harlow Fuel"), a.index("Harlow Fuel") + 11), (b.index("Quarry Gas"), b.index("Quarry Gas") + 10)
    assert _same_slot(a, sa, b, sb) and _same_slot(b, sb, a, sa)
    c = "The Bayside-based " + a[len("Bayside-based "):]
    assert not _same_slot(c, (sa[0] + 4, sa[1] + 4), b, sb)  # "the bayside based" / "bayside based": not the whole left side


def test_a_capital_elsewhere_in_the_sentence_does_not_name_the_country_of_the_slot() -> None:
    """'Islamabad' standing for Pakistan in a side clause does not stop 'Afghanistan agreed' /
    'Pakistan agreed' being a swap; a country and its capital in one slot are one name."""
    checker, pair = RuleChecker(), Pair(similarity=0.85, same_fact=True)
    a = _tagged("a", "Afghanistan has agreed to return the tail of the helicopter damaged in the raid, easing tensions "
                     "between Islamabad and Washington.", ("Afghanistan", "GPE"), ("Islamabad", "GPE"), ("Washington", "GPE"))
    b = _tagged("b", "Pakistan has agreed to return the tail of the helicopter damaged in the raid, easing tensions "
                     "with the United States.", ("Pakistan", "GPE"), ("the United States", "GPE"))
    assert [(f.a_value, f.b_value) for f in checker.swaps(a, b, pair)] == [("Afghanistan", "Pakistan")]
    c = _tagged("c", "Washington imposed 25 percent tariffs on $34 billion of goods in July.", ("Washington", "GPE"))
    d = _tagged("d", "The United States imposed 25 percent tariffs on $34 billion of goods in July.", ("The United States", "GPE"))
    assert checker.swaps(c, d, pair) == []
