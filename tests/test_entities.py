"""entities: one canonical entity across outlets (accents, case, titles and partial names merged).

Fictional articles check each merge rule with the real NER; the seeds (read from ../shared at
run time) check the Guaidó and Maduro variants of a real story.
"""

from __future__ import annotations

import pytest

from storyweave.entities import canonical_entities, entity_groups, entity_key, fold

DAILY = """Opposition leader José Martínez said on Monday that talks with the army had begun. President Héctor Ramírez rejected the claim.

Mr Martínez told reporters in the capital that the army would not fire on protesters. Ramírez called the talks a fantasy.

The United Nations urged both sides to meet in Geneva."""

WIRE = """Jose Martinez, who leads the opposition, has met army officers, a spokesman for Mr. Martinez said.

President Hector Ramirez has the backing of the army. Martinez says the vote was rigged.

The U.N. has asked for calm."""

POST = """Two men named Sánchez are in the race: Luis Sánchez and Pablo Sánchez. Sánchez refused to comment."""


@pytest.fixture(scope="module")
def fictional(settings):
    from storyweave.annotate import annotate_many
    from storyweave.clean import clean
    from storyweave.ingest import from_text

    raws = [
        from_text(DAILY, input="daily.txt", outlet="daily"),
        from_text(WIRE, input="wire.txt", outlet="wire"),
        from_text(POST, input="post.txt", outlet="post"),
    ]
    anns = annotate_many([clean(r) for r in raws], settings)
    return raws, anns, {r.id: r.outlet for r in raws}


def _holding(ents, variant: str):
    f = fold(variant)
    return [e for e in ents if any(fold(a) == f for a in [e.name, *e.aliases])]


def test_entity_key_ignores_accents_case_titles_and_the():
    assert entity_key("Mr. Guaidó's", "PERSON") == ("guaido",)
    assert entity_key("GUAIDO", "PERSON") == entity_key("Guaidó", "PERSON")
    assert entity_key("the White House", "ORG") == ("white", "house")
    assert entity_key("U.S.", "GPE") == entity_key("the United States", "GPE")


def test_accent_and_title_variants_merge_into_the_full_name(fictional):
    raws, anns, outlet_of = fictional
    ents = canonical_entities(anns, outlet_of)
    (martinez,) = _holding(ents, "Jose Martinez")
    assert martinez.name == "José Martínez"  # the accented full form
    assert martinez.type == "PERSON"
    for variant in ("Martínez", "Martinez", "Mr Martínez", "Mr. Martinez"):
        assert _holding(ents, variant) == [martinez], variant
    assert set(martinez.articles) == {raws[0].id, raws[1].id}
    assert martinez.mentions >= 4
    (ramirez,) = _holding(ents, "Ramírez")  # surname only merges into the one full name
    assert ramirez.name == "Héctor Ramírez" and _holding(ents, "Hector Ramirez") == [ramirez]


def test_short_form_of_an_organisation_merges(fictional):
    _, anns, outlet_of = fictional
    ents = canonical_entities(anns, outlet_of)
    (un,) = _holding(ents, "United Nations")
    assert len(un.articles) == 2


def test_ambiguous_surname_is_not_merged(fictional):
    _, anns, outlet_of = fictional
    ents = canonical_entities(anns, outlet_of)
    luis = _holding(ents, "Luis Sánchez")
    assert luis and "Sánchez" not in luis[0].aliases  # Luis or Pablo: left apart


def test_sorted_by_articles_then_mentions_and_per_outlet_counts(fictional):
    _, anns, outlet_of = fictional
    ents = canonical_entities(anns, outlet_of)
    keys = [(-len(e.articles), -e.mentions) for e in ents]
    assert keys == sorted(keys)
    groups = entity_groups(anns, outlet_of)
    top = next(g for g in groups if g.key == ("jose", "martinez"))
    assert set(top.outlets) == {"daily", "wire"} and sum(top.outlets.values()) == top.mentions


def test_empty_input():
    assert canonical_entities([], {}) == []


def test_seeds_guaido_and_maduro_variants(seeds_annotated, seeds_raw):
    outlet_of = {r.id: r.outlet for r in seeds_raw}
    ents = canonical_entities(seeds_annotated, outlet_of)
    guaido = [e for e in ents if "guaido" in fold(e.name)]
    assert len(guaido) == 1
    g = guaido[0]
    assert fold(g.name) == "juan guaido" and g.type == "PERSON" and len(g.articles) == 5
    forms = {fold(a) for a in g.aliases}
    assert {"guaido", "juan guaido"} <= forms and any(a.startswith("mr") for a in forms)
    maduro = [e for e in ents if fold(e.name).split()[-1] == "maduro"]
    assert len(maduro) == 1 and fold(maduro[0].name) == "nicolas maduro"
    assert ents[0].name in {g.name, maduro[0].name}  # the story's main people come first


def _tagged(sentences: list[tuple[str, list[tuple[str, str]]]]):
    """One article whose sentences carry the given (text, label) entities, as a tagger might tag them."""
    from storyweave.records import AnnotatedArticle, CleanArticle, Entity, RawArticle, Sentence

    sents = []
    for i, (text, ents) in enumerate(sentences):
        found = []
        for name, label in ents:
            at = text.index(name)
            found.append(Entity(text=name, label=label, start=at, end=at + len(name)))
        sents.append(Sentence(index=i, text=text, entities=found))
    raw = RawArticle(id="t1", input="t1.txt", outlet="t", text=" ".join(t for t, _ in sentences))
    return AnnotatedArticle(article=CleanArticle(raw=raw, text=raw.text), sentences=sents)


def test_surname_the_tagger_called_a_place_joins_the_person_when_written_as_a_person():
    # the small English model may tag a lone surname GPE; "Velder wrote" is the prosecutor
    art = _tagged([
        ("Prosecutor Tomas Velder asked for a longer sentence.", [("Tomas Velder", "PERSON")]),
        ("Velder wrote in the memo that the scheme was cruel.", [("Velder", "GPE")]),
        ("He is a menace, Velder added.", [("Velder", "ORG")]),
        ("NASA said the photo was taken by Ruth Omberg NASA staff.", [("NASA", "ORG"), ("Ruth Omberg NASA", "PERSON")]),
    ])
    ents = canonical_entities([art])
    velder = [e for e in ents if "Velder" in e.name]
    assert len(velder) == 1 and velder[0].name == "Tomas Velder"
    assert velder[0].type == "PERSON" and velder[0].mentions == 3
    # an acronym that "said" something is no surname, even at the end of a tagged name
    assert any(e.name == "NASA" and e.type == "ORG" for e in ents)


def test_lone_name_never_written_as_a_person_stays_apart():
    art = _tagged([
        ("Prosecutor Tomas Velder asked for a longer sentence.", [("Tomas Velder", "PERSON")]),
        ("The court in Velder heard the case.", [("Velder", "GPE")]),
        ("Reporters told Velder officials nothing.", [("Velder", "GPE")]),
    ])
    names = {e.name: e.type for e in canonical_entities([art])}
    assert names == {"Tomas Velder": "PERSON", "Velder": "GPE"}


def test_junk_spans_are_dropped_or_trimmed_to_the_name_the_story_writes():
    art = _tagged([
        ("Prosecutor Tomas Velder asked for a longer sentence.", [("Tomas Velder", "PERSON")]),
        ("Add Tomas Velder as an interest to stay up to date.", [("Add Tomas Velder", "PERSON")]),
        ("Whom Velder had met twice was not named.", [("Whom Velder", "PERSON")]),
        ("Velder said the harbour deal was cruel.", [("Velder", "PERSON")]),
        ("Velder's Harwick office confirmed it.", [("Velder's Harwick", "PERSON"), ("Harwick", "GPE")]),
        ("The Harwick council met.", [("Harwick", "GPE")]),
        ("Photo: Ida Marr/Harwick Post", [("Ida Marr/Harwick Post", "ORG")]),
        ("The Harwick Post?s editor, Bruce 0sterby, wrote it.", [("Harwick Post?s", "ORG"), ("Bruce 0sterby", "PERSON")]),
        ("Follow @velder on the app \u200bCastle.", [("@velder", "PERSON"), ("\u200bCastle", "ORG")]),
        ("He bought marijuana and a piggy bank.", [("marijuana", "PERSON"), ("piggy", "GPE")]),
        ("It was a deal for Harwick Smith and the port.", [("Harwick Smith and", "ORG")]),
        ("She won a Golden Orb for the role.", [("a Golden Orb", "FAC")]),
    ])
    ents = {e.name: e for e in canonical_entities([art])}
    # the glued lead words and the possessive go; the lone surname joins the one full name
    assert set(ents) == {"Tomas Velder", "Harwick"}, set(ents)
    velder = ents["Tomas Velder"]
    assert velder.type == "PERSON" and velder.mentions == 5
    assert set(velder.aliases) == {"Velder"}
    assert ents["Harwick"].type == "GPE" and ents["Harwick"].mentions == 3


def test_interview_marker_and_two_names_run_together_are_split():
    art = _tagged([
        ("Q. Senate leaders say the vote is close?", [("Q. Senate", "PERSON")]),
        ("The Senate votes on Friday.", [("Senate", "ORG")]),
        ("Interest in Velder for Osterby's death grew.", [("Velder for Osterby", "ORG")]),
        ("Tomas Velder denied it.", [("Tomas Velder", "PERSON")]),
        ("Velder said he never met her.", [("Velder", "PERSON")]),
        ("Ines Osterby died in 2001.", [("Ines Osterby", "PERSON")]),
        ("Osterby had written a book.", [("Osterby", "PERSON")]),
        ("The partners were Lina Rask, Harwick Bank and Oda Fenn.", [("Lina Rask, Harwick Bank", "ORG")]),
        ("Lina Rask called.", [("Lina Rask", "PERSON")]),
    ])
    ents = {e.name: e for e in canonical_entities([art])}
    assert ents["Senate"].type == "ORG" and ents["Senate"].mentions == 2
    assert ents["Tomas Velder"].mentions == 3 and ents["Ines Osterby"].mentions == 3
    assert ents["Lina Rask"].mentions == 2 and ents["Lina Rask"].type == "PERSON"
    assert "Harwick Bank" in ents
    assert not any(" for " in n or "," in n or n.startswith("Q.") for n in ents)


def test_name_suffix_is_ignored_and_middle_initials_must_agree():
    art = _tagged([
        ("Anton Merle Jr. was arrested on Monday.", [("Anton Merle Jr.", "PERSON")]),
        ("Merle told the court he was innocent.", [("Merle", "PERSON")]),
        ("Former governor Piet W. Harle spoke first.", [("Piet W. Harle", "PERSON")]),
        ("His father, Piet H.W. Harle, was governor before him.", [("Piet H.W. Harle", "PERSON")]),
    ])
    ents = {e.name: e for e in canonical_entities([art])}
    assert ents["Anton Merle Jr"].mentions == 2 and ents["Anton Merle Jr"].aliases == ["Merle"]
    assert ents["Piet W. Harle"].mentions == 1 and ents["Piet H.W. Harle"].mentions == 1


def test_acronym_joins_the_name_it_stands_for():
    art = _tagged([
        ("The Harwick Water and Sewerage Department (HWSD) raised rates.", [("Harwick Water and Sewerage Department", "ORG")]),
        ("HWSD said the rise was needed.", [("HWSD", "ORG")]),
        ("The Velder Transit Authority runs the buses.", [("Velder Transit Authority", "ORG")]),
        ("The VTA will cut two lines.", [("VTA", "ORG")]),
        ("HARWICK (AP) — The port closed.", [("HARWICK", "GPE")]),
        ("The Associated Press could not reach the mayor.", [("Associated Press", "ORG")]),
        ("Tomas Velder runs it; TV said so.", [("Tomas Velder", "PERSON"), ("TV", "ORG")]),
    ])
    ents = {e.name: e for e in canonical_entities([art])}
    assert ents["Harwick Water and Sewerage Department"].aliases == ["HWSD"]
    assert ents["Velder Transit Authority"].aliases == ["VTA"]
    assert ents["Tomas Velder"].aliases == []  # a person's initials are left alone
    assert "HARWICK" in ents and ents["Associated Press"].mentions == 1  # "HARWICK (AP)" is a dateline


def test_type_is_the_majority_over_the_story():
    art = _tagged([
        ("Harwick lies on the coast.", [("Harwick", "GPE")]),
        ("Harwick voted on Monday.", [("Harwick", "ORG")]),
        ("Ships left Harwick at dawn.", [("Harwick", "GPE")]),
        ("In Harwick, prices rose.", [("In Harwick", "ORG")]),
    ])
    ents = canonical_entities([art])
    assert [(e.name, e.type, e.mentions) for e in ents] == [("Harwick", "GPE", 4)]


def test_full_name_with_a_middle_name_tagged_otherwise_joins_the_person():
    """'Ilka Maren Sovik' tagged an organisation is the person 'Ilka Sovik' with her middle name;
    'Ilka Sovik Foundation' (another last word) stays apart."""
    art = _tagged([
        ("Searchers are looking for Ilka Sovik, who was last seen on Friday.", [("Ilka Sovik", "PERSON")]),
        ("Ilka Sovik is nine years old.", [("Ilka Sovik", "PERSON")]),
        ("A reward is offered for the return of Ilka Maren Sovik.", [("Ilka Maren Sovik", "ORG")]),
        ("The Ilka Sovik Foundation was set up by neighbours.", [("Ilka Sovik Foundation", "ORG")]),
    ])
    ents = {e.name: (e.type, e.mentions) for e in canonical_entities([art])}
    sovik = {n: v for n, v in ents.items() if "Sovik" in n and "Foundation" not in n}
    assert len(sovik) == 1 and list(sovik.values())[0] == ("PERSON", 3), ents
    assert "Ilka Sovik Foundation" in ents


def test_a_word_tagged_person_that_always_ends_a_longer_name_is_dropped():
    """'Warning' of 'Tidal Warning' tagged a person in every mention is the tail of another name;
    a surname after a title or opening the sentence is still a person."""
    art = _tagged([
        ("A Coastal Tidal Warning remains in effect until Sunday.", [("Warning", "PERSON")]),
        ("Officials said the Tidal Warning would be lifted once the water fell.", [("Warning", "PERSON")]),
        ("Inspector Varga said the harbour was closed.", [("Varga", "PERSON")]),
        ("Varga added that boats should stay in port.", [("Varga", "PERSON")]),
    ])
    names = {e.name for e in canonical_entities([art])}
    assert "Warning" not in names and "Varga" in names


def test_a_common_word_the_story_writes_in_lower_case_is_no_entity():
    """'Opposition leader Ann Roe' tags 'Opposition'; the story writes 'opposition' in lower case
    more than twice as often, so it is a word, not a name. A name whose lower-case form only
    appears in web addresses ('velmont.com') stays, as does 'Harbour Trust' (two words)."""
    art = _tagged([
        ("Opposition leader Ann Roe called for a vote.", [("Opposition", "ORG"), ("Ann Roe", "PERSON")]),
        ("The opposition wants the vote in May, and the opposition says it has the numbers.", []),
        ("Ann Roe said the opposition would not wait for the Harbour Trust.", [("Ann Roe", "PERSON"), ("Harbour Trust", "ORG")]),
        ("Velmont first reported the plan, on velmont.com, velmont.com/vote and www.velmont.org.", [("Velmont", "ORG")]),
        ("The trust said the harbour was closed, Kellgren told the Post.", [("Kellgren", "PERSON"), ("Post", "ORG")]),
    ])
    names = {e.name for e in canonical_entities([art])}
    assert "Opposition" not in names
    assert {"Ann Roe", "Harbour Trust", "Velmont", "Kellgren"} <= names


def test_a_newspapers_short_name_joins_its_one_full_name():
    """'the Post' after 'The Harbour Post' is that paper; with two '… Post' papers it stays apart."""
    one = _tagged([
        ("Mayor Ann Roe told The Harbour Post that the vote would wait.", [("Ann Roe", "PERSON"), ("The Harbour Post", "ORG")]),
        ("Roe later told the Post that she had changed her mind.", [("Roe", "PERSON"), ("Post", "ORG")]),
    ])
    ents = {e.name: e for e in canonical_entities([one])}
    assert "Post" not in ents and ents["Harbour Post"].mentions == 2
    two = _tagged([
        ("Mayor Ann Roe told The Harbour Post and the Lakeside Post that the vote would wait.",
         [("Ann Roe", "PERSON"), ("The Harbour Post", "ORG"), ("Lakeside Post", "ORG")]),
        ("Roe later told the Post that she had changed her mind.", [("Roe", "PERSON"), ("Post", "ORG")]),
    ])
    assert "Post" in {e.name for e in canonical_entities([two])}


def test_a_surname_two_people_share_is_a_person_whatever_the_tagger_said():
    """'Velder' stays apart from Marta and Jonas Velder (which one is meant is unclear), but it is a
    person's name: the story writes 'Velder said'. A surname the story mostly tags as a place
    ('Hollis', the town) keeps its type."""
    art = _tagged([
        ("Marta Velder, 43, and her son Jonas Velder were charged on Friday.", [("Marta Velder", "PERSON"), ("Jonas Velder", "PERSON")]),
        ("Velder told the court she had not planned the fire.", [("Velder", "ORG")]),
        ("Velder said the insurer had refused to pay.", [("Velder", "ORG")]),
        ("Prosecutors called Velder a danger to the public.", [("Velder", "ORG")]),
        ("Ben Hollis and Ada Hollis live near Hollis.", [("Ben Hollis", "PERSON"), ("Ada Hollis", "PERSON"), ("Hollis", "GPE")]),
        ("The fire spread to Hollis, where Hollis said the roads were closed.", [("Hollis", "GPE"), ("Hollis", "GPE")]),
    ])
    types = {e.name: e.type for e in canonical_entities([art])}
    assert types["Velder"] == "PERSON", types
    assert types["Hollis"] == "GPE", types
    assert types["Marta Velder"] == types["Jonas Velder"] == "PERSON"
    # a company named after the family ("Arlo Brandt and Ines Brandt … Brandt Motor Co. … Brandt said") stays a company
    firm = _tagged([
        ("Arlo Brandt founded the firm; his granddaughter Ines Brandt runs it.", [("Arlo Brandt", "PERSON"), ("Ines Brandt", "PERSON")]),
        ("Brandt Motor Co. recalled 40,000 vans.", [("Brandt Motor Co.", "ORG")]),
        ("Brandt said it would repair them for free.", [("Brandt", "ORG")]),
    ])
    assert {e.name: e.type for e in canonical_entities([firm])}["Brandt"] == "ORG"


def test_a_town_written_as_a_place_is_a_place_whatever_the_tagger_said():
    """'in Marlow, Idaho' and '30 miles west of Tesk' make towns of names tagged ORG / PERSON; a
    comma before a list ('Jesper, Rocky and Ida') or a possessor ('Velcor, Japan's…') does not."""
    art = _tagged([
        ("The shooting happened on a roadside in Marlow, Idaho, about 30 miles west of Tesk.",
         [("Marlow", "ORG"), ("Idaho", "GPE"), ("Tesk", "PERSON")]),
        ("Marlow police closed the road.", [("Marlow", "ORG")]),
        ("Fans of Jesper, Rocky and Ida queued for hours.", [("Jesper", "PERSON"), ("Rocky", "GPE"), ("Ida", "PERSON")]),
        ("Velcor, Japan's largest carmaker, will pay for the road.", [("Velcor", "ORG"), ("Japan", "GPE")]),
        ("In a deal with Ostrava, Norland agreed to buy ten ferries.", [("Ostrava", "ORG"), ("Norland", "GPE")]),
        ("Ada Roe, 19, of Pell, NC is charged with arson.", [("Ada Roe", "PERSON"), ("Pell", "ORG"), ("NC", "GPE")]),
    ])
    types = {e.name: e.type for e in canonical_entities([art])}
    assert types["Marlow"] == "GPE" and types["Tesk"] == "GPE" and types["Pell"] == "GPE", types
    assert types["Jesper"] == "PERSON" and types["Velcor"] == "ORG", types
    assert types["Ostrava"] == "ORG", types  # the place opens the next clause: no "Town, State" pair


def test_a_title_abbreviation_before_a_full_name_is_no_part_of_it():
    """'DAG Mara Lind' (deputy attorney general) is Mara Lind; 'AJ Varn' keeps its initials."""
    art = _tagged([
        ("DAG Mara Lind signed the order on Friday.", [("DAG Mara Lind", "PERSON")]),
        ("Lind said the inquiry would go on.", [("Lind", "PERSON")]),
        ("AJ Varn, the team's coach, agreed.", [("AJ Varn", "PERSON")]),
        ("EJ Sorel Jr and TAM ROLF VANE signed too.", [("EJ Sorel Jr", "PERSON"), ("TAM ROLF VANE", "PERSON")]),
    ])
    names = {e.name: e.mentions for e in canonical_entities([art])}
    assert names.get("Mara Lind") == 2, names
    assert {"AJ Varn", "EJ Sorel Jr", "TAM ROLF VANE"} <= set(names), names
