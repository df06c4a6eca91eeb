"""quotes: direct quotes, their speakers, and the same quote across outlets.

Small fictional articles exercise each attribution rule; the seeds (real articles, read from
../shared at run time) check the behaviour on real text. The spaCy model loads once (session
fixtures in conftest and one batched annotation here).
"""

from __future__ import annotations

import pytest

from storyweave.quotes import (
    QuoteSpan,
    extract_quotes,
    extract_quotes_many,
    find_marks,
    fold,
    group_quotes,
    group_spans,
    is_verbatim,
    name_key,
    normalise_wording,
)

# ---------------------------------------------------------------- fictional articles
LEDGER = """Calder Falls Mayor Maria Lopez opened the emergency meeting on Tuesday evening.

“We will rebuild the bridge before the spring floods arrive,” she said.

Daniel Okafor, the head of the regional transport board, has been critical of the plan. In a letter to the council, Mr Okafor writes: “The budget does not cover the cost of the steel, and nobody has explained where the money will come from.”

“It is a reckless promise,” said Okafor. “The people of this valley deserve the truth about the numbers.”

A senior city official said the council would vote next week. “We expect the vote to pass with a comfortable majority,” the official said.

The plan is the council’s best option, according to residents who spoke at the meeting.

“The river has flooded three times in ten years. We cannot wait any longer,” Lopez told the Ledger.

“Every family on the east bank has been cut off for a month, and the detour adds an hour to every trip.

“The bridge is the only road to the hospital,” she added."""

HERALD = """The mayor of Calder Falls, Maria Lopez, promised on Tuesday to rebuild the collapsed bridge before spring.

“We will rebuild the bridge before the spring floods arrive,” Lopez said at the meeting.

Transport official Daniel Okafor said: “The budget does not cover the cost of steel, and nobody has explained where the money comes from.”

The engineers’ report, which the council’s staff published on Monday, lists four options."""

DISPATCH = """Rescue crews in Wrenne Valley worked through the night, according to Fire Chief Samuel Reyes.

"We pulled eleven people out of the water before midnight," Chief Reyes told reporters. "Nobody is missing."

"The crews have been working for twenty hours without a break," according to Helen Park, a spokeswoman for the county.

Dr. Priya Natarajan, who runs the county hospital, was asked about the injured. Natarajan: "Most of them will go home tomorrow."

The hospital calls the ward its "quiet room" for families."""


@pytest.fixture(scope="module")
def fictional(settings):
    from storyweave.annotate import annotate_many
    from storyweave.clean import clean
    from storyweave.ingest import from_text

    raws = [
        from_text(LEDGER, input="ledger.txt", outlet="ledger"),
        from_text(HERALD, input="herald.txt", outlet="herald"),
        from_text(DISPATCH, input="dispatch.txt", outlet="dispatch"),
    ]
    anns = annotate_many([clean(r) for r in raws], settings)
    return raws, anns, extract_quotes_many(anns, settings=settings)


def _quote(spans: list[QuoteSpan], start: str) -> QuoteSpan:
    hits = [q for q in spans if q.text.startswith(start)]
    assert hits, f"no quote starting {start!r} in {[q.text[:30] for q in spans]}"
    return hits[0]


# ---------------------------------------------------------------- marks (no model)
def test_find_marks_curly_straight_backwards_and_apostrophes():
    spans = find_marks("“A b c,” he said. ”D e f.” It’s Maduro’s ‘G h i’ and 'J k l' plus \"M n o\"")
    texts = []
    t = "“A b c,” he said. ”D e f.” It’s Maduro’s ‘G h i’ and 'J k l' plus \"M n o\""
    for sp in spans:
        texts.append(t[sp.open + 1 : sp.close])
    assert texts == ["A b c,", "D e f.", "G h i", "J k l", "M n o"]


def test_find_marks_unclosed_runs_to_paragraph_end_and_nested_single_belongs_to_double():
    t = "“First part of a long quote that goes on"
    (sp,) = find_marks(t)
    assert sp.close is None
    t = "“When I sent a text, ‘Can you text?’ she answered,” he said."
    (sp,) = find_marks(t)
    assert t[sp.open + 1 : sp.close].startswith("When I sent") and "Can you text" in t[sp.open : sp.close]


def test_find_marks_mojibake_closing_mark():
    t = "“How much water did Mars have?\ufffd? said the scientist. “Now we know.\ufffd? he added."
    spans = find_marks(t)
    assert [t[s.open + 1 : s.close] for s in spans] == ["How much water did Mars have?", "Now we know."]


def test_no_marks_no_quotes():
    assert find_marks("No quotes here, only the council’s plan and the players’ union.") == []


# ---------------------------------------------------------------- attribution (fictional articles)
def test_pronoun_resolves_to_the_person_named_before(fictional):
    _, _, spans = fictional
    q = _quote(spans[0], "We will rebuild the bridge")
    assert q.speaker == "Maria Lopez"
    assert "she" in (q.speaker_evidence or "")


def test_mr_x_writes_resolves_to_full_name(fictional):
    _, _, spans = fictional
    q = _quote(spans[0], "The budget does not cover")
    assert q.speaker == "Daniel Okafor"
    assert "writes" in (q.speaker_evidence or "")


def test_said_x_and_second_quote_of_the_same_sentence(fictional):
    _, _, spans = fictional
    assert _quote(spans[0], "It is a reckless promise").speaker == "Daniel Okafor"
    assert _quote(spans[0], "The people of this valley").speaker == "Daniel Okafor"


def test_the_official_resolves_to_the_unnamed_descriptor_introduced_before(fictional):
    _, _, spans = fictional
    q = _quote(spans[0], "We expect the vote")
    assert q.speaker == "a senior city official"
    assert q.named is False


def test_x_told_outlet_and_surname_to_full_name(fictional):
    _, _, spans = fictional
    assert _quote(spans[0], "The river has flooded").speaker == "Maria Lopez"


def test_quote_continued_over_paragraphs_keeps_its_speaker(fictional):
    _, _, spans = fictional
    q = _quote(spans[0], "Every family on the east bank")
    assert q.speaker == "Maria Lopez"
    assert _quote(spans[0], "The bridge is the only road").speaker == "Maria Lopez"


def test_title_forms_according_to_and_colon(fictional):
    _, _, spans = fictional
    dispatch = spans[2]
    assert _quote(dispatch, "We pulled eleven people").speaker == "Samuel Reyes"  # "Chief Reyes told"
    assert _quote(dispatch, "Nobody is missing").speaker == "Samuel Reyes"
    assert _quote(dispatch, "The crews have been working").speaker == "Helen Park"  # according to
    assert _quote(dispatch, "Most of them will go home").speaker == "Priya Natarajan"  # "Natarajan: “…”"


def test_scare_quotes_apostrophes_and_short_names_are_not_quotes(fictional):
    _, _, spans = fictional
    texts = [q.text for lst in spans for q in lst]
    assert not any("quiet room" in t for t in texts)  # two words, no speaker
    assert not any("engineers" in t or "council’s" in t for t in texts)  # apostrophes


def test_offsets_point_at_the_quote_in_its_sentence(fictional):
    _, anns, spans = fictional
    sents = {(a.id, s.index): s.text for a in anns for s in a.sentences}
    for lst in spans:
        for q in lst:
            if q.end_sentence == q.sentence:
                assert sents[(q.article, q.sentence)][q.start : q.end] == q.text


def test_extract_quotes_one_article_matches_batch(fictional, settings):
    _, anns, spans = fictional
    single = extract_quotes(anns[2], settings=settings)
    assert [(q.text, q.speaker) for q in single] == [(q.text, q.speaker) for q in spans[2]]


# ---------------------------------------------------------------- grouping across outlets
def test_same_quote_across_two_articles_verbatim_and_altered(fictional):
    raws, anns, spans = fictional
    outlet_of = {r.id: r.outlet for r in raws}
    quotes = group_quotes(anns[:2], outlet_of, spans=spans[:2])
    rebuild = next(q for q in quotes if q.text.startswith("We will rebuild"))
    assert rebuild.speaker == "Maria Lopez"
    assert {m.article for m in rebuild.mentions} == {raws[0].id, raws[1].id}
    assert all(m.verbatim for m in rebuild.mentions)
    budget = next(q for q in quotes if q.text.startswith("The budget does not cover"))
    assert len(budget.mentions) == 2
    assert sorted(m.verbatim for m in budget.mentions) == [False, True]  # "the steel"/"will come" changed
    assert quotes[0].mentions and len({m.article for m in quotes[0].mentions}) == 2  # shared quotes first


def test_group_spans_keeps_different_speakers_apart():
    a = QuoteSpan("a", 0, "We will not give up on this town", 0, 10, "Maria Lopez", named=True)
    b = QuoteSpan("b", 0, "We will not give up on this town", 0, 10, "Daniel Okafor", named=True)
    c = QuoteSpan("c", 3, "we will not give up on this town.", 0, 10, "the mayor", named=False)
    groups = group_spans([a, b, c])
    assert len(groups) == 2


def test_wording_normalisation_and_verbatim():
    assert normalise_wording("We’re  still\u00a0here,") == "We're still here"
    assert is_verbatim("“We’re still here.”".strip("“”"), "We're still here")
    assert is_verbatim("found guilty of crimes", "all those who are found guilty of crimes.")
    assert not is_verbatim("found not guilty of crimes", "all those who are not found guilty of crimes")


def test_name_key_folds_accents_titles_and_initials():
    assert name_key("Mr. Guaidó's") == ("guaido",)
    assert name_key("Donald J. Trump") == name_key("Donald Trump")
    assert fold("Nicolás") == "nicolas"


def test_empty_input():
    assert extract_quotes_many([]) == []
    assert group_quotes([], {}) == []


# ---------------------------------------------------------------- seeds (real articles)
def test_seeds_speakers(seeds_annotated, settings):
    spans = [q for lst in extract_quotes_many(seeds_annotated, settings=settings) for q in lst]
    assert fold(_quote(spans, "We have been in talks").speaker) == "juan guaido"  # "Guaido said"
    writes = _quote(spans, "We have had clandestine meetings")  # "Mr Guaidó writes"
    assert writes.speaker == "Juan Guaidó" and "writes" in (writes.speaker_evidence or "")
    assert _quote(spans, "The military’s withdrawal").speaker == "Juan Guaidó"  # paragraph-long continuation
    assert _quote(spans, "We believe that no matter").speaker == "Geng Shuang"  # "he added"
    assert _quote(spans, "We have not received any").speaker == "Dmitry Peskov"  # "he told reporters"
    assert _quote(spans, "It depends on what they").speaker == "Eric Farnsworth"
    assert "official" in (_quote(spans, "We believe these to be").speaker or "")


def test_seeds_official_quote_grouped_across_the_wire_copies(seeds_annotated, seeds_raw, settings):
    outlet_of = {r.id: r.outlet for r in seeds_raw}
    quotes = group_quotes(seeds_annotated, outlet_of, settings=settings)
    pebbles = next(q for q in quotes if q.text.startswith("We believe these to be"))
    assert len({m.article for m in pebbles.mentions}) == 2
    assert all(m.verbatim for m in pebbles.mentions)
    assert "official" in (pebbles.speaker or "")
    # 001 quotes "found not guilty of …", 003 "all those who are not found guilty of …": altered
    amnesty = next(q for q in quotes if "crimes against humanity" in q.text)
    assert sorted(m.verbatim for m in amnesty.mentions) == [False, True]
    assert fold(amnesty.speaker or "") == "juan guaido"


def test_no_crash_on_quote_without_words(shared) -> None:
    """Regression: validation cluster 236 (preprocessed text) has a quote whose content is only
    quote marks; extracting quotes from it raised IndexError."""
    import itertools

    from storyweave.annotate import annotate_many
    from storyweave.clean import clean
    from storyweave.ingest import read_clusters
    from storyweave.quotes import extract_quotes_many
    from storyweave.settings import Settings

    s = Settings()
    path = shared / "data" / "multinews" / "validation.jsonl"
    cluster = next(itertools.islice(read_clusters(str(path), s), 236, None))
    assert cluster.id == "validation-236"
    ann = annotate_many([clean(a) for a in cluster.articles if a.text.strip()], s)
    spans = extract_quotes_many(ann, settings=s)
    assert len(spans) == len(ann)


# ---------------------------------------------------------------- held-out fixes (fictional)
HARBOUR = """Marcus Vell, the former harbour master of Port Wendle, appeared before the review board on Monday.

“I have always done what the charter asked of me,” Vell said.

Vell’s sister, Tamsin Vell, told the board she had seen him work through every storm season.

“I regret the night of the fire more than anything,” Vell said. “Nobody should have been on that pier.”

Deejays Nora and Felix from the local station had asked him about the pier last year.

“We never got a straight answer about the lights,” said Nora.

The pier lights were switched off “for the winter refit” in October, said Ilse Carrow, an engineer who inspected them.

“The logs show three missing inspections,” said Wendle flack Petra Osk. “We are reviewing every one of them.”

The head of the regional harbour agency said the cables were “older than anyone had recorded.”

Photos: The harbour fire Firefighters on the pier, as the chief said “We are losing the east end.” Hide Caption 1 of 2 Photos: The harbour fire The pier the next morning. Hide Caption 2 of 2"""


@pytest.fixture(scope="module")
def harbour(settings):
    from storyweave.annotate import annotate_many
    from storyweave.clean import clean
    from storyweave.ingest import from_text

    (ann,) = annotate_many([clean(from_text(HARBOUR, input="harbour.txt", outlet="harbour"))], settings)
    return extract_quotes(ann, settings=settings)


def test_surname_keeps_the_person_it_was_used_for_before_a_relative_came_in(harbour):
    # "Vell" meant Marcus Vell before his sister Tamsin Vell was named: it still means him after
    assert _quote(harbour, "I have always done").speaker == "Marcus Vell"
    assert _quote(harbour, "I regret the night").speaker == "Marcus Vell"
    assert _quote(harbour, "Nobody should have been").speaker == "Marcus Vell"


def test_names_joined_by_and_are_not_one_person(harbour):
    assert _quote(harbour, "We never got a straight").speaker == "Nora"


def test_comma_said_name_after_a_mid_sentence_quote(harbour):
    assert _quote(harbour, "for the winter refit").speaker == "Ilse Carrow"


def test_role_noun_between_two_names_the_speaker_is_the_head_name(harbour):
    assert _quote(harbour, "The logs show three").speaker == "Petra Osk"


def test_described_role_is_not_resolved_to_the_organisation_in_its_of_phrase(harbour):
    q = _quote(harbour, "older than anyone had recorded")
    assert not q.named and "head" in q.speaker


def test_photo_gallery_captions_give_no_quotes(harbour):
    assert not [q for q in harbour if q.text.startswith("We are losing")]


def test_title_with_initials_is_not_a_quote():
    from storyweave.quotes import _is_title

    assert _is_title("A.B.: The Long Road Home.")
    assert not _is_title("We will be fine. Thank you.")


WIRE_MARKS = """Prosecutor Alma Rusk called Tobias Wend's scheme ``a betrayal of every depositor,'' and asked for a longer term.

Rusk described Wend in a memo as a "danger to the public,'' who has been defrauding investors since 2011.

``I understand what I did to my family,'' Wend said. ``It will stay with me.''"""


@pytest.fixture(scope="module")
def wire_marks(settings):
    from storyweave.annotate import annotate_many
    from storyweave.clean import clean
    from storyweave.ingest import from_text

    (ann,) = annotate_many([clean(from_text(WIRE_MARKS, input="wire.txt", outlet="wire"))], settings)
    return extract_quotes(ann, settings=settings)


def test_two_apostrophes_close_a_quote_as_in_old_wire_copy(wire_marks):
    # `"danger to the public,'' who has been ...`: the quote ends at the two apostrophes
    q = _quote(wire_marks, "danger to the public")
    assert q.text.rstrip(",") == "danger to the public" and q.speaker == "Alma Rusk"
    assert _quote(wire_marks, "a betrayal of every depositor").text.rstrip(",") == "a betrayal of every depositor"


def test_speaker_name_never_keeps_a_possessive(wire_marks):
    # "Tobias Wend's scheme" is how the article first names him; the speaker is "Tobias Wend"
    q = _quote(wire_marks, "I understand what I did")
    assert q.speaker == "Tobias Wend"


# ---------------------------------------------------------------- non-sources, relatives, split and partial quotes
FAMILY = """Teenager Lina Marsh, 15, was found alive on Monday after two days in the hills above Harwick.

It was Lina Marsh, calling from a clinic, telling her father, Colm Marsh, that she was safe.

Lina was tired but unhurt, doctors said. Lina asked for her dog first.

“I just can’t believe she walked all that way,” the 48-year-old father said late Monday.

Lina had walked along the river to a farm road, the rescuers said.

“I hear there’s a bakery down the hill,” Marsh said. “I’m going to get her a pie.”

Ada Brill, 19, died in the fire, and her father, Joel Brill, was told on Sunday morning.

Ada Brill wanted to become a nurse; when she missed her shift, Joel Brill knew something was wrong.

“It wasn't like Ada,” he said. “I knew something had happened.”"""

VALLEY = """Thousands of people watched the debate online, with Mayor Tomas Velder at one point tweeting, “Harwick is watching tonight.”

On the campaign page, part of the message posted on Friday said, “You did it, Harwick, you saved the mill.”

A page for a “lantern walk for the mill” has 412 people who say they will take part on Friday.

Harwick Jones' agent, Ilsa Marr, said, “He is training again and he is feeling strong.”

Senator Ida Corran blocked the bill on Thursday, and Senator Aldous Penn spoke after her. Corran, Penn said, “She invented a crisis about the mill when there is no crisis.”

The Brask Front, which the council regards as a terrorist group, rejected the plan. The group said, “The council is pushing the valley toward ruin.”

Harwick Guild spokesman Oren Tash said the guild would appeal. Later, the spokesman for the Lindqvist mayor said the mayor wanted “to offer all possible help to the mill workers.”

The deal that saved Pell Orrin, Senator Maud Kiss said on Monday, was part of what she called a “specific series of steps” to calm the valley.

“If you start something,” Velder told the workers, “you finish it, whatever the weather.”

Penn said the plan was “a menace to the valley” and would not last."""


@pytest.fixture(scope="module")
def valley(settings):
    from storyweave.annotate import annotate_many
    from storyweave.clean import clean
    from storyweave.ingest import from_text

    raws = [from_text(FAMILY, input="family.txt", outlet="family"), from_text(VALLEY, input="valley.txt", outlet="valley")]
    anns = annotate_many([clean(r) for r in raws], settings)
    return anns, extract_quotes_many(anns, settings=settings)


def test_quantity_part_and_crowd_subjects_are_no_speakers(valley):
    _, (_, spans) = valley
    # "Thousands of people watched …, with Mayor Tomas Velder … tweeting": the absolute's noun speaks
    assert _quote(spans, "Harwick is watching").speaker == "Tomas Velder"
    # "part of the message … said", "412 people who say": no speaker rather than a wrong one
    assert all(q.speaker not in {"part", "412 people"} for q in spans)
    assert not [q for q in spans if q.text.startswith(("You did it", "lantern walk"))]


def test_possessor_is_not_the_speaker_the_appositive_name_is(valley):
    _, (_, spans) = valley
    assert _quote(spans, "He is training again").speaker == "Ilsa Marr"  # "Harwick Jones' agent, Ilsa Marr, said"


def test_fronted_topic_is_not_the_speaker(valley):
    _, (_, spans) = valley
    assert _quote(spans, "She invented a crisis").speaker == "Aldous Penn"  # "Corran, Penn said, …"


def test_predicate_noun_and_other_organisations_spokesman_are_no_antecedents(valley):
    _, (_, spans) = valley
    assert _quote(spans, "The council is pushing").speaker == "the group"  # not "a terrorist group"
    q = _quote(spans, "to offer all possible help")
    assert q.speaker != "Oren Tash" and "Lindqvist" in q.speaker


def test_object_of_a_verb_is_not_a_pronouns_antecedent(valley):
    _, (_, spans) = valley
    assert _quote(spans, "specific series of steps").speaker == "Maud Kiss"  # not "Pell Orrin" ("saved Pell Orrin")


def test_shared_surname_the_relative_called_by_first_name_is_not_the_surname(valley):
    _, (spans, _) = valley
    # the paper calls the daughter "Lina": "Marsh said" and "the father" are Colm Marsh
    assert _quote(spans, "I just can’t believe").speaker == "Colm Marsh"
    assert _quote(spans, "I hear there’s a bakery").speaker == "Colm Marsh"
    assert _quote(spans, "I’m going to get her a pie").speaker == "Colm Marsh"


def test_person_named_by_first_name_in_the_quote_is_not_its_speaker(valley):
    _, (spans, _) = valley
    assert _quote(spans, "It wasn't like Ada").speaker == "Joel Brill"
    assert _quote(spans, "I knew something had happened").speaker == "Joel Brill"


def test_quote_split_by_its_attribution_is_one_quote_in_the_brief(valley):
    anns, (_, spans) = valley
    # extract_quotes keeps the two parts (the labels count them apart); the brief joins them
    assert _quote(spans, "If you start something").text.rstrip(",") == "If you start something"
    quotes = group_quotes(anns[1:], {anns[1].id: "valley"}, spans=[spans])
    joined = [q for q in quotes if q.text.startswith("If you start something")]
    assert len(joined) == 1 and joined[0].text == "If you start something, you finish it, whatever the weather."
    assert joined[0].speaker == "Tomas Velder" and not joined[0].partial
    assert not [q for q in quotes if q.text.startswith("you finish it")]


def test_partial_quote_is_flagged_with_its_sentence(valley):
    anns, (_, spans) = valley
    assert _quote(spans, "a menace to the valley").partial
    assert not _quote(spans, "He is training again").partial  # "said, “…”" introduces a full statement
    quotes = group_quotes(anns[1:], {anns[1].id: "valley"}, spans=[spans])
    q = next(q for q in quotes if q.text == "a menace to the valley")
    assert q.partial and q.context == "Penn said the plan was “a menace to the valley” and would not last."
    full = next(q for q in quotes if q.text.startswith("He is training"))
    assert not full.partial and full.context is None


def test_a_part_of_a_place_is_not_its_fuller_name() -> None:
    """'Southern Veldra' in the article does not make 'Veldra told ...' a quote by Southern Veldra;
    a person's full name is still found from the surname."""
    from storyweave.quotes import fullest_name

    runs = [(3, "Southern Veldra"), (5, "Upper Marsh"), (1, "Anna Kellgren")]
    assert fullest_name("Veldra", [], runs) == "Veldra"
    assert fullest_name("Marsh", [], runs) == "Marsh"
    assert fullest_name("Kellgren", [(1, "Anna Kellgren")], runs) == "Anna Kellgren"


PROFILE = """The harbour deal made Orrin Talbeck, a billionaire who owns half the waterfront, the most powerful man in Lessing.

Dana Pratt, who worked for him for ten years, remembers the early days. Says Pratt: “He wanted his name on every building in town.”

Billionaire Orrin Talbeck told friends that the deal was the best of his life. “I would do it again tomorrow,” Talbeck told the Gazette.

The governor explained that Mr Lind and Ada Voss, a former governor of the central bank, “had to give up a lot to take these jobs”."""


@pytest.fixture(scope="module")
def profile(settings):
    from storyweave.annotate import annotate_many
    from storyweave.clean import clean
    from storyweave.ingest import from_text

    anns = annotate_many([clean(from_text(PROFILE, input="profile.txt", outlet="gazette"))], settings)
    return anns, extract_quotes_many(anns, settings=settings)[0]


def test_speech_verb_put_first_is_not_part_of_the_name(profile):
    """'Says Pratt:' is Dana Pratt speaking, not a person called 'Says Pratt'."""
    _, spans = profile
    assert _quote(spans, "He wanted his name").speaker == "Dana Pratt"


def test_description_opening_a_sentence_is_not_a_given_name(profile):
    """'Billionaire Orrin Talbeck told…' (the story writes 'billionaire' in lower case): the speaker
    of 'Talbeck told' is Orrin Talbeck, and the entity table says so too."""
    from storyweave.entities import entity_groups

    anns, spans = profile
    assert _quote(spans, "I would do it again").speaker == "Orrin Talbeck"
    names = {g.name for g in entity_groups(anns)}
    assert "Orrin Talbeck" in names and not any(n.startswith("Billionaire") for n in names)


def test_descriptor_is_not_resolved_to_a_phrase_after_it(profile):
    """'The governor explained that … Ada Voss, a former governor of the central bank, “…”': the
    speaker is neither 'a former governor' nor Ada Voss, named after the subject: it stays 'the governor'."""
    _, spans = profile
    assert _quote(spans, "had to give up").speaker == "the governor"


COURT_A = """Assistant District Attorney Mara Lind told the court on Tuesday that the fraud ran for six years.

“The evidence is overwhelming,” Lind said. President Hal Brandt of the bar association watched from the gallery."""

COURT_B = """A Wendle businessman was jailed for six years on Tuesday.

“He knew exactly what he was doing,” the assistant district attorney said.

“Justice has been served,” the president said."""


def test_a_description_takes_the_one_person_the_story_titles_so(settings):
    """'the assistant district attorney' in an article that never names her is the one person the
    other article titles so (Mara Lind); a one-word title ('the president') is left as written."""
    from storyweave.annotate import annotate_many
    from storyweave.clean import clean
    from storyweave.ingest import from_text

    raws = [from_text(COURT_A, input="a.txt", outlet="a"), from_text(COURT_B, input="b.txt", outlet="b")]
    anns = annotate_many([clean(r) for r in raws], settings)
    _, spans_b = extract_quotes_many(anns, settings=settings)
    knew = _quote(spans_b, "He knew exactly")
    assert knew.speaker == "Mara Lind" and knew.named
    assert _quote(spans_b, "Justice has been served").speaker == "the president"
    # alone, the article has nobody to give the description to
    (alone,) = extract_quotes_many(anns[1:], settings=settings)
    assert _quote(alone, "He knew exactly").speaker == "the assistant district attorney"


QUOTED = """The Harbour Gazette interviewed several people who worked on the film.

Transport CS James Odera said the ferry would stay closed.

“We will review every permit,” Odera said on Monday.

The paper quoted production manager Ilse Varn recalling that the "crew had no idea what was going on that night."

The paper also quoted the director as saying the set was "always open to parents."

The Gazette quoted the crew's memo and added: "The studio has failed its own staff."

"I never saw the logs," DJ Kool Vee told the Gazette. """


def test_the_person_a_paper_quoted_is_the_speaker_not_the_paper(settings):
    """'The paper quoted X recalling that "…"': X speaks (the parse makes X the subject of
    'recalling'); 'quoted the director as saying' keeps working."""
    from storyweave.annotate import annotate_many
    from storyweave.clean import clean
    from storyweave.ingest import from_text

    (ann,) = annotate_many([clean(from_text(QUOTED, input="q.txt", outlet="q"))], settings)
    spans = extract_quotes(ann, settings=settings)
    assert _quote(spans, "crew had no idea").speaker == "Ilse Varn"
    assert "director" in _quote(spans, "always open").speaker
    assert _quote(spans, "We will review").speaker == "James Odera"  # "CS", a title's abbreviation, is no name
    assert "memo" not in (_quote(spans, "The studio has failed").speaker or "")  # "quoted the memo and added": not the memo
    assert _quote(spans, "I never saw the logs").speaker == "DJ Kool Vee"  # a stage name keeps its "DJ"


HARDWARE = """On Bridge Street, many merchants spent Monday moving stock to upper floors. Sam Whitley, whose grandfather opened Whitley Hardware in 1952, said he sold his last pump on Monday evening.

"I had customers lining up out the door for two days, and now I'm the one who needs the pump," Whitley said.

Some owners said the order came too late. Mayor Ines Calloway said on Wednesday that the city had acted as fast as conditions allowed. In her first briefing on Tuesday, Calloway urged residents not to delay.

"We're not going to wait for the water to make the decision for us," she said."""


def test_she_is_not_the_man_quoted_before(settings):
    """'she said' after a paragraph about the mayor is not Sam Whitley, the man quoted before: the
    article shows he is a man ('said he sold'), even when the tagger misses the mayor's name."""
    from storyweave.annotate import annotate_many
    from storyweave.clean import clean
    from storyweave.ingest import from_text

    (ann,) = annotate_many([clean(from_text(HARDWARE, input="h.txt", outlet="h"))], settings)
    spans = extract_quotes(ann, settings=settings)
    assert _quote(spans, "I had customers").speaker == "Sam Whitley"
    assert _quote(spans, "We're not going to wait").speaker == "Ines Calloway"
