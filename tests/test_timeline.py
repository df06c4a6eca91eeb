"""Timeline: dated events, relative dates resolved against the publication date.

All texts are fictional, written for these tests.
"""

from __future__ import annotations

from datetime import date

import pytest

from storyweave.records import AnnotatedArticle, CleanArticle, Entity, RawArticle, Sentence
from storyweave.timeline import build_timeline, parse_published, resolve

WED = date(2026, 3, 18)  # a Wednesday


def _article(sentences: list[str], published: str | None, aid: str = "a1", dates: dict[int, list[str]] | None = None,
             boilerplate: set[int] = frozenset()) -> AnnotatedArticle:
    """An annotated article by hand; `dates` gives DATE entity texts per sentence (found by search)."""
    raw = RawArticle(id=aid, input=f"{aid}.txt", outlet=aid, text="\n\n".join(sentences), published=published)
    sents = []
    for k, text in enumerate(sentences):
        ents = []
        for d in (dates or {}).get(k, []):
            start = text.index(d)
            ents.append(Entity(text=d, label="DATE", start=start, end=start + len(d)))
        sents.append(Sentence(index=k, text=text, entities=ents, boilerplate="tag list" if k in boilerplate else None))
    return AnnotatedArticle(article=CleanArticle(raw=raw, text=raw.text), sentences=sents)


# ---------------------------------------------------------------- resolving phrases
@pytest.mark.parametrize(
    ("phrase", "future", "label"),
    [
        ("on Monday", False, "2026-03-16"),
        ("Monday", False, "2026-03-16"),
        ("late Monday", False, "2026-03-16"),
        ("Tuesday night", False, "2026-03-17"),
        ("Wednesday", False, "2026-03-18"),  # the day of publication
        ("Thursday", False, "2026-03-12"),  # most recent Thursday on or before publication
        ("Thursday", True, "2026-03-19"),  # "will ... on Thursday": the coming one
        ("next Monday", False, "2026-03-23"),
        ("last Wednesday", False, "2026-03-11"),
        ("yesterday", False, "2026-03-17"),
        ("today", False, "2026-03-18"),
        ("tomorrow", False, "2026-03-19"),
        ("last month", False, "2026-02"),
        ("late last month", False, "2026-02"),
        ("earlier this month", False, "2026-03"),
        ("last year", False, "2025"),
        ("last week", False, "2026-W11"),
        ("three days ago", False, "2026-03-15"),
    ],
)
def test_relative_dates_resolved(phrase, future, label):
    r = resolve(phrase, WED, future=future)
    assert r is not None and r.label == label


@pytest.mark.parametrize(
    ("phrase", "label"),
    [
        ("March 17, 2026", "2026-03-17"),
        ("17 March 2026", "2026-03-17"),
        ("Tuesday 17 March", "2026-03-17"),
        ("Thursday, March 19, 2026", "2026-03-19"),
        ("Jan. 14, 2017", "2017-01-14"),
        ("April 1979", "1979-04"),
        ("late January", "2026-01"),
        ("10 January", "2026-01-10"),
        ("2017", "2017"),
        ("2026-02-01", "2026-02-01"),
    ],
)
def test_absolute_dates_iso(phrase, label):
    r = resolve(phrase, WED)
    assert r is not None and r.label == label


def test_month_day_without_year_takes_the_year_before_publication():
    assert resolve("December 28", date(2026, 1, 5)).label == "2025-12-28"


@pytest.mark.parametrize("phrase", ["48 hours", "six-year", "35-year-old", "several days", "the day", "weeks", "71", "1950s"])
def test_not_dates(phrase):
    assert resolve(phrase, WED) is None


def test_unresolved_without_publication_date():
    assert resolve("on Monday", None).label == "Monday (relative)"
    assert resolve("last month", None).label == "last month (relative)"
    assert resolve("March 17, 2026", None).label == "2026-03-17"


def test_parse_published():
    assert parse_published("2026-03-18") == WED
    assert parse_published("2026-03-18T21:05:00+00:00") == WED
    assert parse_published(None) is None
    assert parse_published("not a date") is None


# ---------------------------------------------------------------- building the timeline
def test_timeline_resolves_against_publication_and_sorts():
    art = _article(
        [
            "The ferry service resumed on Monday after a two-week strike, the operator said.",
            "The strike began in late February when talks on overtime pay broke down.",
            "Union members will vote on the new contract on Friday.",
            "The company was founded in 1987.",
        ],
        "2026-03-18",
        dates={1: ["late February"], 3: ["1987"]},
    )
    events = build_timeline([art])
    assert [(e.date, e.sentence) for e in events] == [
        ("1987", 3),
        ("2026-02", 1),
        ("2026-03-16", 0),
        ("2026-03-20", 2),
    ]
    assert events[2].article == "a1"
    assert events[2].text.startswith("The ferry service resumed on Monday")


def test_unresolved_relative_dates_come_after_dated_ones():
    art = _article(
        ["Crews repaired the bridge on Tuesday.", "The bridge opened in May 1998, records show."],
        None,
        dates={1: ["May 1998"]},
    )
    events = build_timeline([art])
    assert [e.date for e in events] == ["1998-05", "Tuesday (relative)"]


def test_furniture_and_publication_stamps_skipped():
    art = _article(
        [
            "Published March 17, 2026",
            "Tags: ferries, strikes, March 2026",
            "The harbour master said on Monday that the channel was clear.",
        ],
        "2026-03-18",
        dates={0: ["March 17, 2026"], 1: ["March 2026"]},
        boilerplate={1},
    )
    events = build_timeline([art])
    assert [(e.date, e.sentence) for e in events] == [("2026-03-16", 2)]


def test_same_event_in_two_articles_kept_once_from_the_earliest():
    text = "The ferry service resumed on Monday after a two-week strike, the operator said."
    later = _article([text], "2026-03-19", aid="late")
    earlier = _article([text.replace("the operator said", "its operator said")], "2026-03-17", aid="early")
    events = build_timeline([later, earlier])
    assert [(e.date, e.article) for e in events] == [("2026-03-16", "early")]


def test_future_spoken_weekday_and_possessive():
    art = _article(
        [
            "Schools will stay closed until Thursday, the district said.",
            "Investigators are still examining Monday's collapse of the pier.",
        ],
        "2026-03-18",
    )
    events = {e.sentence: e.date for e in build_timeline([art])}
    assert events == {0: "2026-03-19", 1: "2026-03-16"}


def test_with_spacy_annotation(settings):
    from storyweave.annotate import annotate_many
    from storyweave.clean import clean
    from storyweave.ingest import from_text

    raw = from_text(
        "The Marlow Creek bridge reopened to traffic on Monday, nine days after a barge struck one of its piers.\n\n"
        "The bridge was built in 1964 and last rebuilt in August 2009, according to the county.\n\n"
        "Repairs cost about $2 million, county engineer Ilse Brandt said last week.",
        input="bridge.txt",
        published="2026-03-18",
    )
    events = build_timeline(annotate_many([clean(raw)], settings))
    # One event per sentence, its most precise date: August 2009 rather than 1964.
    assert [e.date for e in events] == ["2009-08", "2026-W11", "2026-03-16"]


def test_example_story_timeline(example_articles, settings):
    """The bundled fictional story: relative dates resolved per article, wire copies once."""
    from storyweave.annotate import annotate_many
    from storyweave.clean import clean

    on_topic = [a for a in example_articles if "perrin" not in a.input]
    anns = annotate_many([clean(a) for a in on_topic], settings)
    events = build_timeline(anns)
    by_text = {e.text: e.date for e in events}
    spillway = [d for t, d in by_text.items() if "11:40 p.m. Monday" in t]
    assert spillway and set(spillway) == {"2026-03-16"}  # Monday before the 17 March articles
    assert any(d == "2026-02" and "$4.3m" in t for t, d in by_text.items())  # "Last month" in an 18 March article
    assert any(d == "1979-04" for d in by_text.values())
    # The Meridian Press lead appears verbatim in two articles: one event.
    assert sum("Thousands of people were ordered from their homes" in t for t in by_text) == 1
    assert all(not d.endswith("(relative)") for d in by_text.values())  # every article has a date


def test_model_year_of_a_car_is_no_event(settings):
    """"a 2007 Hyundai Sonata" names a model, not when something happened; "in 2014" does."""
    from storyweave.annotate import annotate_many
    from storyweave.clean import clean
    from storyweave.ingest import from_text

    raw = from_text(
        "The couple came to look at a white 2007 Hyundai Sonata advertised for sale online.\n\n"
        "Police said a 2011 four-door Toyota Camry was found abandoned near the scene.\n\n"
        "The same dealer was fined in 2014 for selling stolen cars.",
        input="cars.txt",
        published="2026-03-18",
    )
    events = build_timeline(annotate_many([clean(raw)], settings))
    assert [e.date for e in events] == ["2014"]


# ---------------------------------------------------------------- which date is the event's
def _tagged(sentences: list[tuple[str, list[tuple[str, str, str | None]]]], published: str | None = None,
            aid: str = "a1") -> AnnotatedArticle:
    """An article whose sentences carry entities with labels and parse roles: (text, [(entity, label, role)])."""
    raw = RawArticle(id=aid, input=f"{aid}.txt", outlet=aid, text="\n\n".join(t for t, _ in sentences), published=published)
    sents = []
    for k, (text, ents) in enumerate(sentences):
        found = []
        for etext, label, role in ents:
            start = text.index(etext)
            found.append(Entity(text=etext, label=label, start=start, end=start + len(etext), role=role))
        sents.append(Sentence(index=k, text=text, entities=found))
    return AnnotatedArticle(article=CleanArticle(raw=raw, text=raw.text), sentences=sents)


def _dates(art: AnnotatedArticle) -> dict[int, str]:
    return {e.sentence: e.date for e in build_timeline([art])}


def test_names_with_date_words_are_no_dates():
    art = _tagged([
        ("The recipes first ran in a Harwick Today column that went up before the launch.", [("Harwick Today", "ORG", "pobj:in:ran")]),
        ("Saturday Night Revue opened the show with a sketch about Tomas Velder.", [("Saturday Night Revue", "WORK_OF_ART", "subj:opened")]),
        ("“He never gave up,” Mira Osk, now 52, told TODAY.", [("TODAY", "DATE", "dobj:told")]),
        ("She writes the travel blog Today in the Harbour, at Harwick.com.", [("Today", "DATE", "npadvmod:writes")]),
        ("Friday Night Lanterns drew a crowd of reporters.", []),
        ("Tonight, Mira Osk is holding her son a little tighter.", [("Tonight", "DATE", "npadvmod:holding")]),
    ])
    assert _dates(art) == {5: "tonight (relative)"}


def test_recurring_and_unanchored_days_are_no_events():
    art = _tagged([
        ("Protests have been held outside the Harwick depot every Friday since the cuts began.", [("Friday", "DATE", "npadvmod:held")]),
        ("Tomas Velder called the paper on a Sunday afternoon in October to talk about money.", [("Sunday", "DATE", "pobj:on:called")]),
        ("His aunt asked if the teacher could keep him for the weekend.", [("weekend", "DATE", "pobj:for:keep")]),
        ("The ferry runs on Fridays only.", []),
        ("Velder spoke during a Tuesday news conference in Harwick.", [("Tuesday", "DATE", "compound:conference")]),
    ])
    assert _dates(art) == {4: "Tuesday (relative)"}


def test_weekday_beats_a_background_year():
    art = _tagged([
        ("On Tuesday, Tomas Velder was sentenced for an assault at his home in 2004.",
         [("Tuesday", "DATE", "pobj:on:sentenced"), ("2004", "DATE", "pobj:in:assaulting")]),
        ("A Harwick judge on Wednesday sentenced Velder in a friend's 2000 death.",
         [("Wednesday", "DATE", "pobj:on:judge"), ("2000", "DATE", "nummod:death")]),
    ], published="2026-03-18")
    assert _dates(art) == {0: "2026-03-17", 1: "2026-03-18"}


def test_year_on_a_noun_or_side_clause_is_background():
    art = _tagged([
        ("Velder's tweet followed an interview about the 2016 election.", [("2016", "DATE", "nummod:election")]),
        ("Velder will answer a charge linked to the death of a neighbour in 2000.", [("2000", "DATE", "pobj:in:death")]),
        ("[Producer Ansel Brook, who died in 2011], was livid himself.", [("2011", "DATE", "pobj:in:died")]),
        ("His 2008 conviction came years after the first trial.", [("2008", "DATE", "nummod:conviction")]),
        ("“I never liked boats,” Velder told the Harwick Courier in a 2011 interview.", [("2011", "DATE", "nummod:interview")]),
        ("Velder was convicted in 2009 of fraud.", [("2009", "DATE", "pobj:in:convicted")]),
    ])
    assert _dates(art) == {3: "2008", 4: "2011", 5: "2009"}


def test_year_in_an_aside_between_dashes_is_background():
    """A year inside a dash-delimited aside describes something else; a dateline's one dash opens no aside."""
    art = _tagged([
        ("The Harwick Guild – a body of ferry owners set up in 2017 to settle disputes – has opposed the plan.",
         [("2017", "DATE", "pobj:in:set")]),
        ("HARWICK — Velder was convicted in 2009 of fraud.", [("2009", "DATE", "pobj:in:convicted")]),
        ("The council — a rival of the guild — approved the plan in 2021.", [("2021", "DATE", "pobj:in:approved")]),
    ])
    assert _dates(art) == {1: "2009", 2: "2021"}


def test_forward_looking_and_hypothetical_years_are_left_out():
    art = _tagged([
        ("It is possible that by 2030 there will be no more ferries in Harwick.", [("2030", "DATE", "pobj:by:be")]),
        ("Officials said the rising count could foretell a repeat of 2019.", [("2019", "DATE", "pobj:of:repeat")]),
        ("But for one afternoon, it felt like 1999 again.", [("1999", "DATE", "pobj:like:felt")]),
        ("Mira Osk asked: \"Even as far as 2028?\"", [("2028", "DATE", "pobj:as:far")]),
        ("But in 2028, Velder almost certainly will not be mayor.", [("2028", "DATE", "pobj:in:be")]),
        ("Questions remain over whom the league could pick to field as its host in 2027.", [("2027", "DATE", "pobj:in:field")]),
        ("Velder has run the harbour board since 1998.", [("1998", "DATE", "pobj:since:run")]),
        ("In 2005, the Harwick ferry company bought two boats.", [("2005", "DATE", "pobj:in:bought")]),
        ("Velder said the bridge he had built in 2010 would stand.", [("2010", "DATE", "pobj:in:built")]),
    ])
    assert _dates(art) == {7: "2005", 8: "2010"}


def test_captions_and_tweet_signatures_are_no_events():
    art = _tagged([
        ("July 31, 2013 A woman waves a flag outside the Harwick town hall.", [("July 31, 2013", "DATE", "npadvmod:waves")]),
        ("The ferries are safe — Tomas Velder (@tvelder) December 28, 2016 and cheap.", [("December 28, 2016", "DATE", "npadvmod:safe")]),
        ("Velder appears with Mira Osk at the harbour in 1998.", [("1998", "DATE", "pobj:in:appears")]),
        ("The Harwick ferry sank on March 9, 2014.", [("March 9, 2014", "DATE", "pobj:on:sank")]),
    ])
    assert _dates(art) == {3: "2014-03-09"}


def test_same_sentence_twice_in_an_article_gives_one_event():
    text = "Tomas Velder met the harbour board on Tuesday."
    art = _article([text, "The board met again on Thursday.", text, text], None)
    events = build_timeline([art])
    assert [(e.sentence, e.date) for e in events] == [(0, "Tuesday (relative)"), (1, "Thursday (relative)")]


def test_dated_in_date_order_relative_ones_in_text_order():
    a = _article(["The pier closed on Thursday.", "It had reopened on Monday.", "The pier was built in May 1998."],
                 None, aid="a", dates={2: ["May 1998"]})
    b = _article(["Repairs on the old Harwick pier began in 1990.", "Divers inspected it on Sunday."], None, aid="b", dates={0: ["1990"]})
    events = build_timeline([a, b])
    assert [(e.article, e.date) for e in events] == [
        ("b", "1990"), ("a", "1998-05"),
        ("a", "Thursday (relative)"), ("a", "Monday (relative)"), ("b", "Sunday (relative)"),
    ]


def test_range_resolves_to_its_start():
    assert resolve("Jan. 1 to Aug. 31, 2016", WED).label == "2016-01-01"
    assert resolve("August to December 2014", WED).label == "2014-08"


def test_the_day_a_quote_was_said_is_not_an_event() -> None:
    """'"…," X said Wednesday' dates a quote, not an event; a date on the reported action stays,
    and so does the day of a statement without a quote."""
    from storyweave.ingest import from_text
    from storyweave.pipeline import prepare
    from storyweave.timeline import build_timeline

    text = ("“We will keep the ferry running,” harbour master Ines Varga said Wednesday. "
            "The ferry ran aground off Skerry Point on Monday, the coast guard said. "
            "On Tuesday, the operator said repairs would take a month.")
    p = prepare([from_text(text, input="a.txt", outlet="Harbour Post")])
    events = build_timeline(p.annotated)
    dates = {e.date for e in events}
    texts = " ".join(e.text for e in events)
    assert "ran aground" in texts and "repairs would take a month" in texts
    assert "keep the ferry running" not in texts, dates
