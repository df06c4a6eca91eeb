"""Wire copies: articles that rewrite one source report are grouped, with evidence and origin.

The seeds (real articles, read from ../shared at run time) hold one such pair: 002 and 004
rewrite the same Reuters report. The bundled example story has a deliberate pair (02 and 04,
the fictional agency Meridian Press). The other texts below are fictional, written for these
tests.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from storyweave import wire
from storyweave.clean import clean
from storyweave.ingest import from_text

# ---------------------------------------------------------------- fictional texts
ORIGINAL = """\
HARBOURVALE (Reuters) - The port authority of Harbourvale closed its northern container terminal on Thursday after a crane collapsed onto a cargo ship during high winds, officials said.

Nobody was on board the Velmora Star when the 60-metre crane toppled at about 4:15 a.m., the authority's operations director, Petra Lindqvist, told Reuters.

"We lost one crane and we will lose a week of work, but we did not lose anyone, and that is what matters tonight," Lindqvist said.

Two dock workers were treated at the scene for minor cuts from flying glass.

The terminal handles about 40 percent of the port's container traffic, and shipping lines were told to divert vessels to the southern terminal until at least Monday.

Engineers from the crane's maker, Oskarsson Lift Systems, are due to arrive on Friday to inspect the remaining five cranes.

Wind gusts of up to 110 kilometres per hour were recorded at the harbour overnight, the national weather office said.

The port handled a record 2.3 million containers last year, according to its annual report.
"""

# The same report rewritten by another outlet: trimmed, reordered a little, lightly edited,
# with its own furniture and a credit line.
REWRITE = """\
Share this article

The port authority of Harbourvale shut its northern container terminal on Thursday after a crane collapsed onto a cargo ship during high winds, officials said.

Nobody was aboard the Velmora Star when the 60-metre crane toppled at around 4:15 a.m., operations director Petra Lindqvist told Reuters.

Two dock workers were treated at the scene for minor cuts from flying glass.

"We lost one crane and we will lose a week of work, but we did not lose anyone, and that is what matters tonight," Lindqvist said.

Advertisement

The terminal handles about 40% of the port's container traffic, and shipping lines were told to divert vessels to the southern terminal until at least Monday.

Engineers from the crane's maker, Oskarsson Lift Systems, are due to arrive Friday to inspect the remaining five cranes.

Reuters contributed to this report.
"""

# The same event reported independently, in the outlet's own words; it quotes the same
# statement and cites Reuters once, but shares no run of sentences with the report above.
INDEPENDENT = """\
A towering dockside crane came down on a moored freighter in Harbourvale early Thursday as a storm swept the coast, putting the port's busiest terminal out of action.

The collapse happened just after four in the morning, when the freighter Velmora Star was empty of crew.

Port operations chief Petra Lindqvist, speaking to Reuters, said the damage would cost the terminal about a week.

"We lost one crane and we will lose a week of work, but we did not lose anyone, and that is what matters tonight," she said.

Paramedics bandaged two stevedores cut by shattered cab windows; neither needed a hospital.

Container lines have been asked to use the port's southern berths, where managers added extra night shifts to absorb the traffic.

Local fishermen said they had never seen gusts like those that hit the breakwater overnight.

Inspectors sent by Oskarsson Lift Systems, which built the crane, are expected by the end of the week.
"""


def _articles(texts: dict[str, str], settings) -> list:
    from storyweave.annotate import annotate_many

    raws = [from_text(t, input=f"{name}.txt", outlet=name) for name, t in texts.items()]
    return annotate_many([clean(r) for r in raws], settings)


def _groups(anns, embedder):
    vecs = [embedder.encode([s.text for s in a.sentences]) for a in anns]
    return wire.wire_groups(anns, vecs, ids=[a.article.raw.outlet for a in anns])


# ---------------------------------------------------------------- real stories
def test_seeds_have_exactly_the_reuters_pair(seeds_candidates, seeds_raw):
    groups = wire.find_wire_groups(seeds_candidates)
    name = {a.id: Path(a.input).name[:3] for a in seeds_raw}
    assert [sorted(name[i] for i in g.articles) for g in groups] == [["002", "004"]]
    g = groups[0]
    assert g.origin == "Reuters"
    assert any("near-identical" in e for e in g.evidence)
    assert any("Reuters" in e for e in g.evidence)


def test_example_story_wire_pair(example_articles, settings, embedder):
    from storyweave.annotate import annotate_many

    anns = annotate_many([clean(a) for a in example_articles], settings)
    groups, _ = _groups(anns, embedder)
    files = {a.article.raw.outlet: Path(a.article.raw.input).name[:2] for a in anns}
    assert [sorted(files[i] for i in g.articles) for g in groups] == [["02", "04"]]
    g = groups[0]
    assert g.origin == "Meridian Press"  # "(MP)" in 04 is read as the agency 02 spells out
    text = " ".join(g.evidence)
    assert "near-identical sentences" in text and "Meridian Press" in text


def test_rewrite_grouped_and_independent_report_not(settings, embedder):
    anns = _articles({"wire": ORIGINAL, "rewrite": REWRITE, "independent": INDEPENDENT}, settings)
    groups, pairs = _groups(anns, embedder)
    assert [g.articles for g in groups] == [["wire", "rewrite"]]
    assert groups[0].origin == "Reuters"
    assert any("both cite Reuters" in e for e in groups[0].evidence)
    # The independent report shares a quote and a Reuters cue with both, but no sentence run.
    for ev in pairs:
        if 2 in (ev.a, ev.b):
            assert not ev.is_wire
            assert "Reuters" in ev.agencies


def test_shared_cue_alone_is_not_enough(settings, embedder):
    anns = _articles({"wire": ORIGINAL, "independent": INDEPENDENT}, settings)
    groups, pairs = _groups(anns, embedder)
    assert groups == []
    assert pairs[0].near <= 1  # at most the shared quotation


def test_single_article_and_empty_inputs():
    assert wire.wire_groups([], []) == ([], [])


# ---------------------------------------------------------------- cues and quotes
@pytest.mark.parametrize(
    ("line", "agency", "kind"),
    [
        ("PORTMOUTH (Reuters) - The council voted on Tuesday.", "Reuters", "dateline"),
        ("LAKESIDE, Ore. (AP) — Crews worked through the night.", "AP", "dateline"),
        ("the minister told Reuters in an interview.", "Reuters", "told"),
        ("The figure was first reported by Bloomberg News.", "Bloomberg", "according to"),
        ("according to AFP, the talks stalled.", "AFP", "according to"),
        ("The Associated Press contributed to this report.", "AP", "contributed"),
        ("By Tamsin Orrell, Larkspur Press", "Larkspur Press", "byline"),
        ("Copyright 2026 The Associated Press. All rights reserved.", "AP", "copyright"),
    ],
)
def test_find_cues(line, agency, kind):
    cues = wire.find_cues(line)
    assert (agency, kind) in {(c.agency, c.kind) for c in cues}


@pytest.mark.parametrize(
    "line",
    ["The mayor told reporters the road would reopen.", "She spoke to the Daily Lantern on Monday.",
     "A press conference is planned.", "(AP Photo/Jo Smith)"],
)
def test_no_cue(line):
    assert wire.find_cues(line) == []


def test_quote_shares_carry_over_sentences():
    shares = wire.quote_shares(
        ["She said: “We stayed.", "Nobody left the building.", "We were fine.”", "Then it rained."],
        [0, 0, 0, 0],
    )
    assert shares[1] == 1.0 and shares[2] > 0.8 and shares[3] == 0.0


def test_pair_evidence_needs_order():
    """The same sentences in shuffled order are a weak chain; in order they are a strong one."""
    base = np.eye(10, dtype=np.float32)  # sentence k of one article matches sentence k of the other
    sim_in_order = wire._chain(base @ base.T, _fake_doc(10), _fake_doc(10))
    perm = [9, 4, 7, 1, 8, 0, 5, 2, 6, 3]
    shuffled = wire._chain(base @ base[perm].T, _fake_doc(10), _fake_doc(10))
    assert len(sim_in_order) == 10
    assert len(shuffled) == 3  # the longest run of the permutation that keeps its order


def _fake_doc(n: int) -> wire._Doc:
    return wire._Doc(sentences=list(range(n)), rows=np.arange(n), grams=[frozenset()] * n,
                     quote=np.zeros(n, dtype=bool), cues=[])


# ---------------------------------------------------------------- moved paragraphs, pasted sentences
# A fictional statement-heavy report: most of it is the mayor's words.
STATEMENT = """\
GLENMORROW (Reuters) - The mayor of Glenmorrow, Ilse Varga, said on Wednesday that the town's old tram depot would be turned into a public library by next spring.

"This building carried our grandparents to work, and now it will carry our children into books," Varga told a meeting of the town council.

"We have found the money, we have found the builders, and we have found the will," she said.

"Nobody should have to take two buses to borrow a novel in a town of this size."

The council approved the plan by seven votes to two after a debate that lasted three hours.

"The roof alone will cost more than the whole library budget of the last decade," said councillor Bram Holt, who voted against.

"I am not against books, I am against promises we cannot keep," Holt added.

Construction is due to start in October and the depot's tram tracks will be kept under glass in the reading room.
"""

# Another outlet's copy: its own headline and lead, the paragraphs reordered (the objection
# first), the statement kept word for word, its own context paragraphs, no agency cue.
STATEMENT_MOVED = """\
Tram depot to become a library

Glenmorrow's long-empty tram depot is getting a second life, and not everyone is happy about it.

"The roof alone will cost more than the whole library budget of the last decade," said councillor Bram Holt, who voted against.

"I am not against books, I am against promises we cannot keep," Holt added.

Share this article

"This building carried our grandparents to work, and now it will carry our children into books," Varga told a meeting of the town council.

"We have found the money, we have found the builders, and we have found the will," she said.

"Nobody should have to take two buses to borrow a novel in a town of this size."

Construction is due to start in October and the depot's tram tracks will be kept under glass in the reading room.

The depot closed in 1987 when the last tram line was replaced by buses.

Local historians have campaigned for years to keep the building standing.
"""

# An independent report of the same council meeting: the same three sentences of the mayor's
# statement, everything else in its own words and order.
STATEMENT_INDEPENDENT = """\
Readers of Glenmorrow will soon be able to borrow books where trams were once repaired.

After a three-hour debate, councillors voted seven to two for the conversion of the brick depot on Quay Street.

"This building carried our grandparents to work, and now it will carry our children into books," Varga told a meeting of the town council.

Opponents questioned the cost of repairing the depot's leaking roof and asked for an independent survey.

"We have found the money, we have found the builders, and we have found the will," she said.

The library service currently runs from two rooms above the post office, open three days a week.

"Nobody should have to take two buses to borrow a novel in a town of this size."

Builders are expected on site in the autumn, and the town hopes to open the doors in April.
"""


def test_copy_with_moved_paragraphs_grouped_and_same_quotes_not(settings, embedder):
    anns = _articles({"wire": STATEMENT, "moved": STATEMENT_MOVED, "independent": STATEMENT_INDEPENDENT},
                     settings)
    groups, pairs = _groups(anns, embedder)
    assert [g.articles for g in groups] == [["wire", "moved"]]
    assert groups[0].origin == "Reuters"
    ev = next(e for e in pairs if (e.a, e.b) == (0, 1))
    # The moved paragraphs break the chain in order, but the sentences are shared all the same.
    assert ev.shared > ev.near >= wire.MOVED_MIN_CHAIN
    assert ev.reason == "copy"
    # The independent report quotes the same statement: quotations alone never make a copy.
    for e in pairs:
        if 2 in (e.a, e.b):
            assert not e.is_wire
            assert e.shared_prose == 0


def test_shared_sentences_any_order():
    """Whole blocks moved: the chain in order keeps the longest ordered part, `_shared` all."""
    base = np.eye(10, dtype=np.float32)
    moved = [6, 7, 8, 9, 0, 1, 2, 3, 4, 5]  # the last four sentences put first
    sim = base @ base[moved].T
    da, db = _fake_doc(10), _fake_doc(10)
    links = wire._links(sim, da, db)
    assert len(wire._chain(sim, da, db, links)) == 6
    shared = wire._shared(links)
    assert len(shared) == 10
    assert sorted((lk.i, lk.j) for lk in shared) == sorted((m, k) for k, m in enumerate(moved))


def test_shared_is_one_to_one():
    """A sentence repeated in one article is matched once, to its most similar counterpart."""
    a = np.array([[1.0, 0.0], [0.0, 1.0]], dtype=np.float32)
    b = np.array([[1.0, 0.0], [0.96, 0.28], [0.0, 1.0]], dtype=np.float32)
    links = wire._links(a @ b.T, _fake_doc(2), _fake_doc(3))
    shared = wire._shared(links)
    assert sorted((lk.i, lk.j) for lk in shared) == [(0, 0), (1, 2)]


def _evidence(near_prose: int, n_short: int, chain: int | None = None, **kw) -> wire.PairEvidence:
    links = [wire.Link(k, k, 1.0, 1.0, True, False) for k in range(chain if chain is not None else near_prose)]
    ev = wire.PairEvidence(0, 1, chain=links, near=len(links), near_prose=near_prose,
                           coverage=len(links) / n_short, near_coverage=len(links) / n_short,
                           shared=len(links), shared_prose=near_prose, shared_coverage=len(links) / n_short,
                           lead=False)
    for k, v in kw.items():
        setattr(ev, k, v)
    return ev


def test_few_pasted_sentences_in_a_long_article_are_not_a_copy():
    # Four background sentences of an agency report pasted into a 24-sentence local story.
    assert wire._verdict(_evidence(4, 24), 24) == (False, "")
    # The same four are a copy when they are a fair share of the shorter article.
    assert wire._verdict(_evidence(4, 12), 12) == (True, "copy")
    # A whole report (COPY_LONG narrative sentences in order) inside a long article is a copy.
    assert wire._verdict(_evidence(wire.COPY_LONG, 60), 60) == (True, "copy")


def test_moved_copy_needs_order_and_narrative():
    # Shared in any order, 5 of 8 sentences, 3 of them in order, one narrative: a copy.
    ev = _evidence(1, 8, chain=3, shared=5, shared_prose=1, shared_coverage=5 / 8)
    assert wire._verdict(ev, 8) == (True, "copy")
    # Only quotations shared (the same statement quoted whole): not a copy.
    ev = _evidence(0, 8, chain=3, shared=5, shared_prose=0, shared_coverage=5 / 8)
    assert wire._verdict(ev, 8) == (False, "")
    # Shared sentences scattered with no run in order: not a copy.
    ev = _evidence(1, 8, chain=2, shared=5, shared_prose=1, shared_coverage=5 / 8)
    assert wire._verdict(ev, 8) == (False, "")


def test_rewrite_rule_needs_narrative_links():
    """A statement quoted whole by two articles, one of them citing an agency, is not a rewrite."""
    cue = [wire.Cue("Reuters", "dateline", "(Reuters) -")]
    quotes = [wire.Link(k, k, 0.95, 0.9, True, True) for k in range(8)]
    ev = wire.PairEvidence(0, 1, chain=quotes, near=8, near_prose=0, coverage=1.0, near_coverage=1.0,
                           shared=8, shared_prose=0, shared_coverage=1.0, lead=True, cues_a=cue)
    assert wire._verdict(ev, 8) == (False, "")
    # The same chain with narrative paraphrase links around two quotations is a rewrite.
    mixed = [wire.Link(k, k, 0.8, 0.3, False, False) for k in range(4)] + quotes[4:6]
    ev = wire.PairEvidence(0, 1, chain=mixed, near=2, near_prose=0, coverage=0.5, near_coverage=2 / 12,
                           shared=2, shared_prose=0, shared_coverage=2 / 12, lead=True, cues_a=cue)
    assert wire._verdict(ev, 12) == (True, "rewrite")
