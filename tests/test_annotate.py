"""Tests of the annotate stage: sentences, entities, numbers with units, language."""

from __future__ import annotations

import pytest

from storyweave.annotate import annotate, annotate_many, english_score, parse_numbers, split_sentences
from storyweave.clean import clean
from storyweave.ingest import from_text
from storyweave.records import AnnotatedArticle

GERMAN = (
    "Die Bundesregierung hat am Montag neue Maßnahmen gegen die steigenden Energiepreise "
    "beschlossen. Nach Angaben des Ministeriums sollen die Haushalte im kommenden Winter "
    "entlastet werden. Die Opposition kritisierte das Paket als unzureichend und forderte "
    "weitere Hilfen für Familien mit geringem Einkommen."
)
SPANISH = (
    "El gobierno anunció el lunes nuevas medidas para reducir el precio de la energía. Según "
    "el ministerio, las familias recibirán ayudas durante el invierno. La oposición criticó el "
    "paquete y pidió más apoyo para los hogares con menos ingresos."
)
ENGLISH = (
    "Angela Merkel met regional leaders in Berlin on Monday to discuss the energy plan. "
    "She said the talks had gone well and that a deal was close.\n\n"
    "The government will spend $7 billion on the first phase, officials said."
)


def _annotate(text: str, name: str = "a.txt") -> AnnotatedArticle:
    return annotate(clean(from_text(text, input=name)))


def _num(text: str):
    found = parse_numbers(text)
    assert len(found) == 1, found
    return found[0]


@pytest.fixture(scope="module")
def english() -> AnnotatedArticle:
    return _annotate(ENGLISH)


def test_sentences_and_paragraphs(english: AnnotatedArticle) -> None:
    texts = [s.text for s in english.sentences]
    assert texts == [
        "Angela Merkel met regional leaders in Berlin on Monday to discuss the energy plan.",
        "She said the talks had gone well and that a deal was close.",
        "The government will spend $7 billion on the first phase, officials said.",
    ]
    assert [s.index for s in english.sentences] == [0, 1, 2]
    assert [s.paragraph for s in english.sentences] == [0, 0, 1]
    assert english.language == "en"
    assert english.id == english.article.raw.id


def test_person_and_gpe_entities(english: AnnotatedArticle) -> None:
    first = english.sentences[0]
    ents = {(e.text, e.label) for e in first.entities}
    assert ("Angela Merkel", "PERSON") in ents
    assert ("Berlin", "GPE") in ents
    for s in english.sentences:
        for e in s.entities:
            assert s.text[e.start : e.end] == e.text


def test_money_in_sentence(english: AnnotatedArticle) -> None:
    nums = english.sentences[2].numbers
    assert [(n.text, n.value, n.unit) for n in nums] == [("$7 billion", 7e9, "USD")]


def test_numbers_with_units() -> None:
    n = _num("Washington froze some $7 billion in assets.")
    assert (n.value, n.unit) == (7e9, "USD")
    n = _num("The US and more than 20 nations have backed him.")
    assert (n.value, n.unit) == (20, "nations")
    n = _num("It cost £12m to repair the bridge.")
    assert (n.value, n.unit) == (12e6, "GBP")
    n = _num("About 3,800 people were evacuated.")
    assert (n.value, n.unit) == (3800, "people")
    n = _num("Prices rose 8.2 percent last year.")
    assert (n.value, n.unit) == (8.2, "%")
    n = _num("the 35-year-old engineer")
    assert (n.value, n.unit) == (35, "years old")
    n = _num("The dam was completed in 1962.")
    assert (n.value, n.unit) == (1962, "year")
    n = _num("Parts of the county received 5.8 inches of rain.")
    assert (n.value, n.unit) == (5.8, "inches")


def test_times_and_dates_are_not_numbers() -> None:
    assert parse_numbers("at 11:40 p.m. on 2019/01/02") == []


@pytest.mark.parametrize("text", ["prices rose 8.2 % last year .", "Prices rose 8.2% last year.", "Prices rose 8.2%."])
def test_percent_sign_unit(text: str) -> None:
    n = _num(text)
    assert (n.value, n.unit) == (8.2, "%")


def test_number_offsets_delimit_the_mention() -> None:
    text = "The US and more than 20 nations have backed him."
    n = _num(text)
    assert n.text == "20"
    assert text[n.start : n.end] == n.text


def test_non_english_is_unknown() -> None:
    for text, name in ((GERMAN, "de.txt"), (SPANISH, "es.txt")):
        ann = _annotate(text, name)
        assert ann.language == "unknown", name
        assert ann.english_score < 0.5
        assert ann.sentences  # still split, just flagged
    assert english_score(ENGLISH) >= 0.5


def test_empty_text_gives_no_sentences() -> None:
    ann = _annotate("")
    assert ann.sentences == []
    assert split_sentences("") == []
    assert annotate_many([]) == []


def test_quote_flag() -> None:
    ann = _annotate('"We are not going to wait," the mayor told reporters on Tuesday morning.')
    assert len(ann.sentences) == 1
    assert ann.sentences[0].has_quote


def test_annotate_many_matches_annotate_one_by_one(seeds_clean, seeds_annotated) -> None:
    """The batched pass gives each article the same sentences as annotating it alone."""
    for cleaned, batched in zip(seeds_clean[:2], seeds_annotated[:2]):
        alone = annotate(cleaned)
        assert [s.text for s in alone.sentences] == [s.text for s in batched.sentences]


def test_seed_sentences_come_from_the_clean_text(seeds_annotated) -> None:
    for ann in seeds_annotated:
        assert ann.language == "en"
        assert len(ann.sentences) >= 10
        assert [s.index for s in ann.sentences] == list(range(len(ann.sentences)))
        paragraphs = ann.article.text.split("\n\n")
        for s in ann.sentences:
            assert s.text == s.text.strip() and s.text
            assert s.text in paragraphs[s.paragraph]
            for e in s.entities:
                assert s.text[e.start : e.end] == e.text


def test_entity_roles_from_the_parse() -> None:
    """Each name carries its relation and head word: what it does or what it is part of."""
    art = _annotate(
        "Deputies said Tomas Velder, 35, was arrested at Harwick Middle School on Tuesday. "
        "The fire at Harwick Pharmacy was reported by Maria Keller."
    )
    roles = {e.text: e.role for s in art.sentences for e in s.entities}
    assert roles["Tomas Velder"] == "subjpass:arrested"
    assert roles["Harwick Middle School"] == "pobj:at:arrested"
    assert roles["Harwick Pharmacy"] == "pobj:at:fire"
    assert roles["Maria Keller"] == "subj:reported"


# ---------------------------------------------------------------- sentence boundaries
@pytest.mark.parametrize(
    "text",
    [
        "The scaffold was slippery after the rain, Harwick Police Department Sgt. Dana Kowal said.",
        '"We have no plans to close the park," Harwick Cmdr. Ellis Varga said.',
        "The mayor sent a letter on Friday to Pres. Lena Ortiz asking for federal help.",
        '"The drill will go on," the army\'s spokesman, Brig. Gen. Tomas Ruiz, told reporters.',
        "Around 11:30 a.m. Wednesday, two people were hurt at a warehouse in Harwick, police said.",
        "Harwick Det. Rosa Kline said the car was stolen from a lot near the harbor.",
    ],
)
def test_no_split_after_abbreviation_before_name_or_number(text: str) -> None:
    assert split_sentences(text) == [text]


def test_joined_title_keeps_entity_offsets_and_roles() -> None:
    ann = _annotate("Harwick Det. Rosa Kline said the car was stolen from a lot near the harbor.")
    assert len(ann.sentences) == 1
    s = ann.sentences[0]
    kline = [e for e in s.entities if e.label == "PERSON" and "Rosa Kline" in e.text]
    assert len(kline) == 1
    for e in s.entities:
        assert s.text[e.start : e.end] == e.text
    assert kline[0].role == "subj:said"


def test_sentences_glued_without_space_are_split() -> None:
    assert split_sentences("The plant opened in 2014.Officials say it will close next year.") == [
        "The plant opened in 2014.",
        "Officials say it will close next year.",
    ]
    assert split_sentences('The fire chief spoke first."Nobody was hurt," he said.') == [
        "The fire chief spoke first.",
        '"Nobody was hurt," he said.',
    ]


def test_abbreviation_joins_but_real_sentence_ends_stay() -> None:
    """Abbreviations that often end a sentence (p.m., Jr.) still do before a new sentence, while a
    title before a name does not."""
    text = (
        "The store on Quill St. closed at 9 p.m. The owner, Harold Wexley Jr., left through the back door, "
        "Harwick Police Department Sgt. Dana Kowal said."
    )
    assert split_sentences(text) == [
        "The store on Quill St. closed at 9 p.m.",
        "The owner, Harold Wexley Jr., left through the back door, Harwick Police Department Sgt. Dana Kowal said.",
    ]


def test_joined_fragments_keep_the_paragraph_text() -> None:
    """Pieces the parser splits off are joined as the paragraph's own text (no space added)."""
    para = 'She wrote to the board on Monday......we never heard back from them, the owner said.'
    ann = _annotate(para)
    assert [s.text for s in ann.sentences] == [para]
