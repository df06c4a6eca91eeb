"""Tests of the clean stage: boilerplate removal with reasons and line numbers.

Real data: the seed articles in ../shared/seeds (read from there, never copied here). The
assertions name only generic boilerplate phrases, removal reasons and line numbers.
Synthetic cases below are written for these tests.
"""

from __future__ import annotations

import pytest

from storyweave.clean import classify_line, clean, clean_text
from storyweave.ingest import from_text

# Generic page furniture that must not survive cleaning of any seed article.
BOILERPLATE_PHRASES = [
    "Leave a Reply",
    "Your email address will not be published",
    "Image caption",
    "Image copyright",
    "Media playback is unsupported",
    "Media caption",
    "Get short URL",
    "Listen Live",
    "eligible to post comments",
    "reset your password",
    "Community standards",
]


def _by_name(seeds, seeds_clean, stem_prefix: str):
    for path, cleaned in zip(seeds, seeds_clean):
        if path.name.startswith(stem_prefix):
            return path, cleaned
    pytest.skip(f"seed {stem_prefix}* not available")


def _lines(cleaned) -> list[str]:
    return cleaned.raw.text.split("\n")


def _reasons(cleaned) -> dict[int, str]:
    return {r.line: r.reason for r in cleaned.removed}


def _norm(s: str) -> str:
    return " ".join(s.split())


# ---------------------------------------------------------------- the seeds
def test_seeds_boilerplate_phrases_gone(seeds_clean) -> None:
    for cleaned in seeds_clean:
        for phrase in BOILERPLATE_PHRASES:
            assert phrase.lower() not in cleaned.text.lower(), (cleaned.raw.input, phrase)


def test_seeds_every_removal_has_reason_and_right_line(seeds_clean) -> None:
    total = 0
    for cleaned in seeds_clean:
        lines = _lines(cleaned)
        for r in cleaned.removed:
            total += 1
            assert r.reason and r.reason.strip()
            assert 0 <= r.line < len(lines)
            if r.reason == "glued boilerplate":
                assert r.text in lines[r.line]
            else:
                assert lines[r.line].strip() == r.text, (cleaned.raw.input, r)
    assert total >= 30  # the seeds carry a fair amount of page furniture


def test_seeds_body_kept(seeds_clean) -> None:
    """Long prose lines are never dropped, and most of each article's words survive."""
    for cleaned in seeds_clean:
        removed_lines = {r.line for r in cleaned.removed}
        kept = cleaned.text
        for i, line in enumerate(_lines(cleaned)):
            if len(line.split()) > 30:
                assert i not in removed_lines, (cleaned.raw.input, i)
                assert _norm(line) in kept, (cleaned.raw.input, i)
        raw_words = len(cleaned.raw.text.split())
        assert len(kept.split()) >= 0.85 * raw_words, cleaned.raw.input
        # Kept text is paragraphs separated by blank lines, each paragraph one line.
        assert all(p.strip() == p and p for p in kept.split("\n\n"))


def test_seed_comment_prompts_image_credits_player_notices(seeds, seeds_clean) -> None:
    _, cleaned = _by_name(seeds, seeds_clean, "001_")
    lines = _lines(cleaned)
    removed = {r.text: r.reason for r in cleaned.removed}
    assert removed["Leave a Reply"] == "comment prompt"
    assert removed["Your email address will not be published."] == "comment prompt"
    assert removed["Media playback is unsupported on your device"] == "player notice"
    # Image credit lines: the bare credit and the agency line under it.
    assert removed["Image copyright"] == "image credit"
    assert removed["Getty Images"] == "image credit"
    assert removed["AFP/Getty Images"] == "image credit"
    # Every "Image caption" marker is removed, and so is the caption line that follows it.
    markers = [i for i, s in enumerate(lines) if s.strip() == "Image caption"]
    assert len(markers) == 2
    reasons = _reasons(cleaned)
    for m in markers:
        assert m in reasons
        nxt = next(i for i in range(m + 1, len(lines)) if lines[i].strip())
        assert reasons.get(nxt) == "image caption", nxt
        assert _norm(lines[nxt]) not in cleaned.text
    # The media caption glued to its marker ("Media caption<text>") goes too.
    assert any(r.reason == "player notice" and r.text.startswith("Media caption") for r in cleaned.removed)
    # A byline under a sub-heading.
    assert "byline" in reasons.values()
    # The first line is the headline: it becomes the title.
    assert reasons[0] == "title"
    assert cleaned.title == lines[0].strip()
    assert cleaned.title not in cleaned.text.split("\n\n")


def test_seed_timestamp_share_widgets_related_headlines(seeds, seeds_clean) -> None:
    _, cleaned = _by_name(seeds, seeds_clean, "004_")
    lines = _lines(cleaned)
    reasons = _reasons(cleaned)
    assert reasons[0] == "timestamp"
    by_text = {r.text: r.reason for r in cleaned.removed}
    assert by_text["Listen Live"] == "share widget"
    assert by_text["Get short URL"] == "share widget"
    # The run of related headlines at the end of the page is removed line by line.
    last_body = max(i for i, s in enumerate(lines) if len(s.split()) > 30)
    tail = [i for i in range(last_body + 1, len(lines)) if lines[i].strip()]
    assert len(tail) >= 6
    assert all(i in reasons for i in tail), [i for i in tail if i not in reasons]
    for i in tail:
        assert _norm(lines[i]) not in cleaned.text.split("\n\n")


def test_seed_subscription_comment_and_account_prompts(seeds, seeds_clean) -> None:
    _, cleaned = _by_name(seeds, seeds_clean, "000_")
    reasons = sorted(r.reason for r in cleaned.removed)
    assert reasons == ["account form", "comment prompt"]
    # Both are the last paragraphs of the page.
    lines = _lines(cleaned)
    last = [i for i, s in enumerate(lines) if s.strip()][-2:]
    assert sorted(r.line for r in cleaned.removed) == last


def test_seed_credit_line_and_title(seeds, seeds_clean) -> None:
    _, cleaned = _by_name(seeds, seeds_clean, "003_")
    by_reason = {r.reason: r for r in cleaned.removed}
    assert set(by_reason) == {"title", "credit line"}
    assert by_reason["title"].line == 0
    assert cleaned.title == by_reason["title"].text
    assert "contributed to this report" in by_reason["credit line"].text
    assert "contributed to this report" not in cleaned.text


def test_seed_without_blank_lines_keeps_paragraphs(seeds, seeds_clean) -> None:
    """002 has one paragraph per line and no blank lines: short sub-heads go, prose stays."""
    _, cleaned = _by_name(seeds, seeds_clean, "002_")
    lines = [s for s in _lines(cleaned) if s.strip()]
    assert {r.reason for r in cleaned.removed} == {"heading"}
    assert len(cleaned.removed) == 2
    assert len(cleaned.text.split("\n\n")) == len(lines) - 2
    assert cleaned.title is None  # a sub-head in the middle is not the title


# ---------------------------------------------------------------- synthetic cases
WRAPPED = """The city council voted on Tuesday night to approve a new budget for the
coming fiscal year, ending weeks of debate over how much money should go to
road repairs and how much to the public library system, which had asked for
more staff and longer opening hours in the evenings.

Council members said the final plan was a compromise that left no one fully
satisfied but kept the city on a sound financial footing for the year ahead."""


def test_hard_wrapped_prose_is_kept_and_joined() -> None:
    paragraphs, removed, title = clean_text(WRAPPED)
    assert removed == []
    assert title is None
    assert len(paragraphs) == 2
    assert paragraphs[0] == " ".join(line.strip() for line in WRAPPED.split("\n\n")[0].split("\n"))
    assert paragraphs[0].startswith("The city council voted") and paragraphs[0].endswith("in the evenings.")
    assert "\n" not in paragraphs[0]


def test_long_paragraph_with_subscribe_is_kept() -> None:
    text = (
        "Readers who subscribe to the local paper have long complained that delivery trucks arrive "
        "late on rainy mornings, and the publisher said on Monday that the company would hire more "
        "drivers, add a second printing shift and offer refunds to anyone whose copy arrives after "
        "seven o'clock in the morning during the winter months."
    )
    assert len(text.split()) > 40
    paragraphs, removed, _ = clean_text(text)
    assert paragraphs == [text]
    assert removed == []


def test_short_subscribe_prompt_is_removed() -> None:
    body = "The publisher said on Monday that the company would hire more drivers this winter."
    paragraphs, removed, _ = clean_text(f"{body}\n\nSubscribe now for unlimited digital access")
    assert paragraphs == [body]
    assert [(r.reason, r.line) for r in removed] == [("subscription prompt", 2)]


MULTI_NEWS_LIKE = (
    "the city council voted on tuesday to approve a new budget for the coming year . \" we are "
    "pleased , \" said the mayor , who added that road repairs would start in june . the vote was "
    "7 - 2 , with two members saying the plan spent too little on schools . the library will get "
    "$ 2 million more than last year , or about 8.2 % of the total . officials said the budget "
    "would be published online next week . subscribers can read the full budget document , and "
    "a file photo of the council chamber was shown at the meeting . the previous budget had been "
    "delayed by a dispute over police funding ."
)


def test_preprocessed_one_line_document_is_kept_whole() -> None:
    paragraphs, removed, title = clean_text(MULTI_NEWS_LIKE)
    assert paragraphs == [MULTI_NEWS_LIKE]
    assert removed == []
    assert title is None
    art = clean(from_text(MULTI_NEWS_LIKE, input="c#0", outlet="c#0", fmt="cluster"))
    assert art.text == MULTI_NEWS_LIKE


CAPTIONED = (
    "The Harbor Street bridge reopened to traffic on Tuesday after six months of repairs, officials said.\n"
    "\n"
    "Image caption\n"
    "\n"
    "Workers finished the deck in early March\n"
    "\n"
    "Engineers replaced corroded beams and resurfaced the deck before the reopening."
)


def test_image_caption_marker_and_caption_removed() -> None:
    paragraphs, removed, _ = clean_text(CAPTIONED)
    assert paragraphs == [CAPTIONED.split("\n")[0], CAPTIONED.split("\n")[-1]]
    assert [(r.text, r.line) for r in removed] == [
        ("Image caption", 2),
        ("Workers finished the deck in early March", 4),
    ]
    assert removed[1].reason == "image caption"
    assert all(r.reason for r in removed)


def test_image_caption_without_blank_lines() -> None:
    text = CAPTIONED.replace("\n\n", "\n")
    paragraphs, removed, _ = clean_text(text)
    assert len(paragraphs) == 2
    assert [r.line for r in removed] == [1, 2]
    lines = text.split("\n")
    assert all(lines[r.line].strip() == r.text for r in removed)


def test_title_line_becomes_title() -> None:
    text = (
        "Harbor bridge reopens after six months of repairs\n\n"
        "The Harbor Street bridge reopened to traffic on Tuesday morning after six months of repairs, officials said.\n\n"
        "Engineers replaced corroded steel beams and resurfaced the deck."
    )
    art = clean(from_text(text, input="bridge.txt"))
    assert art.title == "Harbor bridge reopens after six months of repairs"
    assert [(r.reason, r.line) for r in art.removed] == [("title", 0)]
    assert art.text.split("\n\n") == text.split("\n\n")[1:]


def test_title_from_metadata_wins() -> None:
    text = (
        "Harbor bridge reopens after six months of repairs\n\n"
        "The Harbor Street bridge reopened to traffic on Tuesday morning after six months of repairs, officials said."
    )
    art = clean(from_text(text, input="bridge.html", title="Bridge back in service"))
    assert art.title == "Bridge back in service"
    assert art.removed[0].reason == "title"


LONG_BODY = (
    "The mayor said on Tuesday that the bridge over the harbor would reopen to all traffic on "
    "Monday after six months of work by crews who replaced corroded beams and resurfaced the deck."
)


def test_glued_boilerplate_cut_from_prose_line() -> None:
    text = f"{LONG_BODY}Image copyright Getty Images\n\nEngineers replaced the corroded beams on the span."
    paragraphs, removed, _ = clean_text(text)
    assert paragraphs[0] == LONG_BODY
    assert [(r.reason, r.line) for r in removed] == [("glued boilerplate", 0)]
    assert removed[0].text == "Image copyright Getty Images"
    assert removed[0].text in text.split("\n")[removed[0].line]


def test_glued_boilerplate_cut_from_short_prose_line() -> None:
    body = "The mayor said the bridge would reopen to traffic on Monday after six months of work."
    text = f"{body}Image copyright Getty Images\n\nEngineers replaced the corroded beams on the span."
    paragraphs, removed, _ = clean_text(text)
    assert paragraphs[0] == body
    assert [(r.reason, r.text) for r in removed] == [("glued boilerplate", "Image copyright Getty Images")]


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("Leave a Reply", "comment prompt"),
        ("Your email address will not be published. Required fields are marked *", "comment prompt"),
        ("Share this article", "share widget"),
        ("Get short URL", "share widget"),
        ("Media playback is unsupported on your device", "player notice"),
        ("Image copyright", "image credit"),
        ("Advertisement", "advert"),
        ("Tags: flooding, weather, city council", "tag list"),
        ("Related Coverage", "related links"),
        ("Updated 14:32 GMT", "timestamp"),
        ("Published March 17, 2026", "timestamp"),
        ("By Jane Doe, Staff Writer", "byline"),
        ("Sign up for our daily newsletter", "subscription prompt"),
        ("© 2026 The Example Courier. All rights reserved.", "credit line"),
    ],
)
def test_classify_generic_boilerplate(line: str, reason: str) -> None:
    verdict = classify_line(line)
    assert not verdict.keep
    assert verdict.reason == reason


def test_classify_keeps_prose() -> None:
    line = "The mayor said on Tuesday that the bridge would reopen to traffic next week after repairs."
    assert classify_line(line).keep


def test_empty_and_blank_text() -> None:
    assert clean_text("") == ([], [], None)
    assert clean_text("\n\n   \n") == ([], [], None)
    art = clean(from_text("", input="empty.txt"))
    assert art.text == "" and art.removed == [] and art.title is None


def test_repeated_boilerplate_line_numbers() -> None:
    body = "The council approved the new budget on Tuesday after weeks of debate."
    text = f"Share this article\n\n{body}\n\nShare this article"
    paragraphs, removed, _ = clean_text(text)
    assert paragraphs == [body]
    assert [(r.line, r.reason) for r in removed] == [(0, "share widget"), (4, "repeated line")]


def test_repeated_wrapped_block_removed_line_by_line() -> None:
    block = (
        "The mayor said on Tuesday that the city council would soon\n"
        "reopen the old harbor bridge to all traffic."
    )
    text = f"{block}\n\nEngineers replaced corroded beams over six months of work on the span.\n\n{block}"
    _, removed, _ = clean_text(text)
    assert removed  # the repeat is dropped
    lines = text.split("\n")
    for r in removed:
        assert lines[r.line].strip() == r.text, r


def test_removed_text_is_the_line_even_with_odd_whitespace() -> None:
    body = "The bridge reopened on Tuesday after six months of repair work, the city said."
    text = f"{body}\n\nShare\u00a0this article\n\nLeave a  Reply"
    paragraphs, removed, _ = clean_text(text)
    assert paragraphs == [body]
    assert [r.line for r in removed] == [2, 4]
    lines = text.split("\n")
    for r in removed:
        assert lines[r.line].strip() == r.text, r


def test_glued_rule_does_not_cut_rest_of_one_line_document() -> None:
    doc = (
        "the city council voted on tuesday to approve a new budget for the coming year . "
        "advertisement the mayor said road repairs would start in june and finish before the "
        "winter . the vote was 7 - 2 , with two members saying the plan spent too little on "
        "schools . officials said the budget would be published online next week ."
    )
    paragraphs, _, _ = clean_text(doc)
    kept = " ".join(paragraphs)
    assert "officials said the budget would be published online next week ." in kept
    assert "the vote was 7 - 2" in kept


def test_glued_junk_in_wrapped_paragraph_cuts_only_the_junk() -> None:
    text = (
        "The council voted on Tuesday night to approve the budget, the mayor said.Advertisement\n"
        "Council members said the final plan was a compromise that left no one fully\n"
        "satisfied but kept the city on a sound financial footing for the year ahead."
    )
    paragraphs, removed, _ = clean_text(text)
    kept = " ".join(paragraphs)
    assert "the mayor said." in kept
    assert "for the year ahead." in kept
    assert [(r.text, r.line) for r in removed] == [("Advertisement", 0)]


def test_widgets_tweet_signatures_and_dated_captions() -> None:
    """Follow buttons, form errors, photo bylines and gallery captions that open with their date
    go; prose that opens with a date stays."""
    from storyweave.clean import clean_text

    junk = [
        "Add Harwick Council as an interest",
        "Invalid Email",
        "Photo by Anna Kessel",
        "This story appears in the March 4, 2019 issue of Harwick Monthly. Subscribe",
        "July 31, 2013 A woman waves a flag outside the Harwick town hall during a rally.",
    ]
    prose = [
        "March 10, 2012, was the day the bridge reopened to traffic after years of repairs, officials said.",
        "On July 31, 2013 a woman waved a flag outside the Harwick town hall during a rally, police said.",
    ]
    kept, removed, _ = clean_text("\n\n".join(junk + prose))
    assert kept == prose
    assert [r.text for r in removed] == junk


def test_soft_hyphens_and_zero_width_characters_are_dropped() -> None:
    """Invisible characters inside words go from kept text; a removed line keeps its own text."""
    prompt = "Sub\u00adscribe now for unlimited digital access"
    text = (
        "\u200bThe harbor bridge re\u00adopened on Tuesday after six months of \u00adrepairs, "
        "Harwick\u200d officials said.\ufeff\n\n" + prompt
    )
    paragraphs, removed, _ = clean_text(text)
    assert paragraphs == ["The harbor bridge reopened on Tuesday after six months of repairs, Harwick officials said."]
    assert [(r.reason, r.text, r.line) for r in removed] == [("subscription prompt", prompt, 2)]
    art = clean(from_text(text, input="bridge.txt"))
    assert "\u00ad" not in art.text and "\u200b" not in art.text


def test_a_headline_in_sentence_case_is_the_title() -> None:
    """'Calder Falls flood shuts food plant as damage estimate reaches $15 million' (no sentence end,
    mostly lower case) opening the text is its headline, not the lede; a text that is only such a
    line keeps it, and a first line that ends like a sentence stays the lede."""
    head = "Ostby flood shuts the food plant and the rail line as the county's damage estimate reaches $15 million"
    body = "Flooding along the river has shut down one of the county's biggest employers, officials said on Tuesday."
    paragraphs, removed, title = clean_text(f"{head}\n\n{body}\n\nThe plant employs 220 people.")
    assert title == head and paragraphs[0] == body
    assert [(r.reason, r.line) for r in removed] == [("title", 0)]
    assert clean_text(head)[0] == [head]  # nothing after it: keep what there is
    lede = f"{head}."
    assert clean_text(f"{lede}\n\n{body}")[0][0] == lede
