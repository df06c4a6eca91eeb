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
