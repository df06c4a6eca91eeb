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
