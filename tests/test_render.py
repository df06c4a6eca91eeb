"""Render stage: Markdown, JSON, HTML and terminal output of a Brief (fictional data)."""

from __future__ import annotations

import json
import re

import pytest
from rich.console import Console

from storyweave.records import (
    ArticleInfo,
    Brief,
    Conflict,
    ConflictValue,
    EntityInfo,
    Fact,
    Mention,
    Quote,
    QuoteMention,
    RemovedLine,
    StoryInfo,
    SummarySentence,
    TimelineEvent,
    WireGroup,
)
from storyweave.render import print_brief, render, to_html, to_json, to_markdown

XSS = '<script>alert(1)</script>"onerror=alert(2)'
XSS_ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt;"

S1 = "The Marlow ferry resumed service on Monday after a three-week repair."
S2 = "Officials said the new engine cost 1.2 million crowns."
S3 = "Commuters in Ostby welcomed the return of the morning crossing."
S4 = "A spare hull is due in early spring."
S5 = "The crossing takes forty minutes in calm weather."


def _articles(**over: dict) -> list[ArticleInfo]:
    """The three articles; `a2={...}` overrides fields of article a2."""
    removed = [
        RemovedLine(text="Sign up for our newsletter", reason="subscription", line=3),
        RemovedLine(text="Photo: Staff", reason="image credit", line=9),
    ]
    base = [
        {"id": "a1", "input": "tests/a1.txt", "outlet": "Harbor Daily", "title": "Ferry is back",
         "url": "https://harbor.example/ferry", "published": "2031-04-07", "words": 412,
         "removed": removed},
        {"id": "a2", "input": "tests/a2.txt", "outlet": "Valley Post",
         "title": "Marlow ferry returns", "url": "https://valley.example/news/1",
         "published": "2031-04-07T10:00:00", "words": 388},
        {"id": "a3", "input": "tests/a3.txt", "outlet": "Gazette Online",
         "title": "Bake sale record", "url": None, "words": 150, "status": "off_topic",
         "status_reason": "different story"},
    ]
    for key, extra in over.items():
        base[int(key[1:]) - 1].update(extra)
    return [ArticleInfo(**a) for a in base]


def _cross_source() -> dict:
    """One or more of each cross-source item."""
    proud = "We are proud of the crew"
    return {
        "facts": [
            Fact(id="f1", text=S1, support=2, outlets=["Harbor Daily", "Valley Post"],
                 mentions=[Mention(article="a1", sentence=0, text=S1),
                           Mention(article="a2", sentence=1, text="The ferry runs again.")]),
            Fact(id="f2", text=S5, support=1, outlets=["Harbor Daily"],
                 mentions=[Mention(article="a1", sentence=6, text=S5)]),
        ],
        "conflicts": [Conflict(kind="number", about="engine cost", values=[
            ConflictValue(value="1.2 million", article="a2", sentence=3, text=S2),
            ConflictValue(value="900,000", article="a1", sentence=4,
                          text="The engine cost 900,000 crowns."),
        ])],
        "quotes": [Quote(speaker="Ada Brenn", text=proud, mentions=[
            QuoteMention(article="a1", sentence=2, text=proud, verbatim=True),
            QuoteMention(article="a2", sentence=2, text="she was proud of the crew",
                         verbatim=False),
        ])],
        "entities": [EntityInfo(name="Ostby", type="GPE", aliases=["Ostby town"],
                                articles=["a1", "a2"], mentions=4)],
        "wire_groups": [WireGroup(articles=["a1", "a2"], origin="Nordwire",
                                  evidence=["shared 12-word passage"])],
        "timeline": [TimelineEvent(date="2031-04-07", text=S1, article="a1", sentence=0)],
    }


def make_brief(full: bool = True, **over: object) -> Brief:
    """A 3-article fictional brief; `full=False` leaves every cross-source section empty."""
    summary = [
        SummarySentence(text=S1, article="a1", sentence=0, supported_by=["a2"]),
        SummarySentence(text=S2, article="a2", sentence=3, supported_by=["a1", "a2"]),
        SummarySentence(text=S3, article="a1", sentence=5),
        SummarySentence(text=S4, article="zz9", sentence=1),
    ]
    fields: dict = {
        "story": StoryInfo(id="st1", title="Marlow ferry back in service",
                           outlets=["Harbor Daily", "Valley Post"], articles=3),
        "articles": _articles(),
        "summary": summary,
        "warnings": ["one article set aside as off topic"],
        **(_cross_source() if full else {}),
    }
    fields.update(over)
    return Brief(**fields)


# ---------------------------------------------------------------- JSON
def test_json_round_trips() -> None:
    brief = make_brief()
    s = to_json(brief)
    data = json.loads(s)
    assert data["schema"] == "storyweave.brief/1"
    assert Brief.model_validate(data) == brief
    one_line = to_json(brief, indent=None)
    assert "\n" not in one_line and json.loads(one_line) == data


def test_json_keeps_non_ascii() -> None:
    brief = make_brief(story=StoryInfo(id="x", title="Fähre in Malmö", outlets=[], articles=0))
    assert "Fähre in Malmö" in to_json(brief)


# ---------------------------------------------------------------- Markdown
def test_markdown_cites_each_sentence() -> None:
    lines = to_markdown(make_brief()).splitlines()
    assert f"{S1} [Harbor Daily, Valley Post]" in lines
    assert f"{S2} [Valley Post, Harbor Daily]" in lines  # taken-from first, deduped
    assert f"{S3} [Harbor Daily]" in lines
    assert f"{S4} [zz9]" in lines  # unknown article: its id


def test_markdown_sections_and_sources() -> None:
    md = to_markdown(make_brief())
    assert md.startswith("# Marlow ferry back in service\n")
    assert "3 articles from 2 outlets: Harbor Daily, Valley Post" in md
    for heading in ("Summary", "What all outlets report", "Reported by one outlet",
                    "Conflicting figures and claims", "Who said what", "Entities",
                    "Wire copies", "Timeline", "Sources", "Warnings"):
        assert f"\n## {heading}\n" in md, heading
    assert "## What some outlets report" not in md
    assert "Valley Post †" in md and "she was proud of the crew" in md
    assert "| Ostby (Ostby town) | GPE | 2 | 4 |" in md
    assert "**2031-04-07** — " + S1 + " [Harbor Daily]" in md
    assert "[Ferry is back](https://harbor.example/ferry)" in md
    assert "off topic (different story)" in md
    assert "2 lines removed as boilerplate" in md
    assert "0 lines removed as boilerplate" in md


def test_markdown_single_outlet_facts_are_capped_and_not_repeated() -> None:
    """A long story's single-outlet facts are every sentence of every article: the readable
    brief shows the first FACT_LIMITS["one"], says how many more, and skips summary sentences."""
    from storyweave.render._view import FACT_LIMITS

    limit = FACT_LIMITS["one"]
    assert limit is not None
    extra = [f"Harbor note number {k} describes the ferry timetable in detail." for k in range(limit + 5)]
    facts = [Fact(id="s3", text=S3, support=1, outlets=["Harbor Daily"],
                  mentions=[Mention(article="a1", sentence=5, text=S3)])]
    facts += [Fact(id=f"x{k}", text=t, support=1, outlets=["Harbor Daily"],
                   mentions=[Mention(article="a1", sentence=10 + k, text=t)]) for k, t in enumerate(extra)]
    brief = make_brief(facts=facts)
    md = to_markdown(brief)
    section = md.split("## Reported by one outlet\n", 1)[1].split("\n## ", 1)[0]
    assert S3 not in section  # already in the summary, with its citation
    shown = [t for t in extra if t in section]
    assert shown == extra[:limit]
    assert "… and 5 more" in section
    html = to_html(brief)
    assert "… and 5 more" in html and extra[limit] not in html
    assert len(json.loads(to_json(brief))["facts"]) == limit + 6  # the JSON keeps them all


def test_markdown_omits_empty_sections() -> None:
    md = to_markdown(make_brief(full=False, warnings=[]))
    headings = re.findall(r"^## (.+)$", md, flags=re.MULTILINE)
    assert headings == ["Summary", "Sources"]


def test_header_says_when_no_article_could_be_used() -> None:
    """Not '1 article from 0 outlets: ' when the only article was left out (not English, empty)."""
    lost = make_brief(full=False, summary=[], story=StoryInfo(id="st2", title="", outlets=[], articles=1),
                      articles=_articles()[2:])
    for text in (to_markdown(lost), to_html(lost)):
        assert "1 article; none could be used (see Sources)" in text
        assert "0 outlets" not in text
    assert "*3 articles from 2 outlets: Harbor Daily, Valley Post*" in to_markdown(make_brief())


def test_markdown_article_text_cannot_make_structure() -> None:
    bad = "# Not a heading\n## nor this\n- nor a list [x](javascript:alert(1))"
    brief = make_brief(story=StoryInfo(id="s", title="## Title", outlets=["A|B"], articles=1),
                       summary=[SummarySentence(text=bad, article="a1", sentence=0)])
    md = to_markdown(brief)
    assert not re.search(r"^#+ (Not|nor|Title)", md, flags=re.MULTILINE)
    assert not re.search(r"^- nor", md, flags=re.MULTILINE)
    assert not re.search(r"(?<!\\)\]\(javascript:", md)  # brackets escaped: no link
    assert "\\[x\\](javascript:" in md


# ---------------------------------------------------------------- HTML
def _xss_brief() -> Brief:
    return make_brief(
        story=StoryInfo(id="s", title=XSS, outlets=[XSS], articles=3),
        articles=_articles(
            a1={"outlet": XSS, "title": XSS, "removed": [RemovedLine(text=XSS, reason=XSS)]},
            a2={"url": "javascript:alert(3)"},
            a3={"status_reason": XSS, "url": " JavaScript:alert(4)"},
        ),
        summary=[SummarySentence(text=XSS, article="a1", sentence=0, supported_by=["a2"])],
    )


def test_html_escapes_article_strings() -> None:
    html = to_html(_xss_brief())
    assert "<script" not in html.lower()
    assert '"onerror=' not in html
    assert XSS_ESCAPED in html
    assert "&#34;onerror=alert(2)" in html
    # escaped in the title, the sentence, the outlet tag and the removed line
    assert f"<title>{XSS_ESCAPED}" in html
    assert f"<p>{XSS_ESCAPED}" in html
    assert re.search(r'<a class="tag" href="#src-1"[^>]*>' + re.escape(XSS_ESCAPED), html)
    assert re.search(r"<li>" + re.escape(XSS_ESCAPED) + r".*?<span class=\"reason\">"
                     + re.escape(XSS_ESCAPED), html)


def test_html_links_only_http_urls() -> None:
    html = to_html(_xss_brief())
    assert not re.search(r"href=\s*[\"']?\s*javascript:", html, flags=re.IGNORECASE)
    assert "javascript:alert(3)" in html  # shown as plain text
    assert '<a href="https://harbor.example/ferry" rel="noopener noreferrer">' in html
    for href in re.findall(r'href="([^"]*)"', html):
        assert href.startswith(("https://", "http://", "#")), href


def test_html_is_self_contained() -> None:
    html = to_html(make_brief())
    assert html.lstrip().startswith("<!DOCTYPE html>")
    assert '<meta charset="utf-8">' in html
    assert "<title>Marlow ferry back in service" in html
    low = html.lower()
    assert not re.search(r"\bsrc\s*=", low)
    assert "<link" not in low and "<script" not in low and "@import" not in low
    assert not re.search(r"url\(\s*['\"]?(https?:)?//", low)


def test_html_sections_and_details() -> None:
    html = to_html(make_brief())
    for heading in ("Summary", "What all outlets report", "Reported by one outlet",
                    "Conflicting figures and claims", "Who said what", "Entities",
                    "Wire copies", "Timeline", "Sources", "Warnings"):
        assert f"<h2>{heading}</h2>" in html, heading
    assert html.count("<details>") == 3
    assert "Sign up for our newsletter" in html and "subscription" in html
    assert 'class="tag reworded"' in html
    empty = to_html(make_brief(full=False, warnings=[]))
    assert re.findall(r"<h2>(.*?)</h2>", empty) == ["Summary", "Sources"]


# ---------------------------------------------------------------- terminal, dispatch
def test_print_brief_writes_summary() -> None:
    console = Console(record=True, width=100)
    print_brief(make_brief(), console=console)
    text = " ".join(console.export_text().split())
    for s in (S1, S2, S3, S4):
        assert s in text
    assert "Harbor Daily" in text


def test_render_dispatch() -> None:
    brief = make_brief()
    assert render(brief, "md") == to_markdown(brief)
    assert render(brief, "json") == to_json(brief)
    assert render(brief, "html") == to_html(brief)
    with pytest.raises(ValueError):
        render(brief, "pdf")  # type: ignore[arg-type]


def test_partial_quotes_come_last_with_the_sentence_that_carries_them() -> None:
    """A phrase quoted inside the reporter's sentence is shown with that sentence (alone it can
    read as its opposite), after the full statements; the sentence is escaped in HTML."""
    carrier = 'Brenn said she did not sail "to win <b>any</b> prize" that year.'
    partial = Quote(speaker="Ada Brenn", text="to win <b>any</b> prize", partial=True, context=carrier,
                    mentions=[QuoteMention(article="a1", sentence=7, text="to win <b>any</b> prize", verbatim=True)])
    b = make_brief()
    b = b.model_copy(update={"quotes": [partial, *b.quotes]})
    md = to_markdown(b)
    full_at, partial_at = md.index("We are proud of the crew"), md.index("to win")
    assert full_at < partial_at
    assert "Phrases quoted in the reporting" in md[full_at:partial_at]
    assert "  - in: “Brenn said she did not sail" in md
    html = to_html(b)
    assert "<b>any</b>" not in html
    assert 'class="context">in: <q>Brenn said she did not sail &#34;to win &lt;b&gt;any&lt;/b&gt; prize&#34; that year.</q>' in html
    assert html.index("We are proud of the crew") < html.index("Phrases quoted in the reporting")


def test_pronoun_speaker_shown_in_brackets_and_escaped() -> None:
    """A summary sentence whose quote is attributed only by "he said" shows the resolved speaker
    after the pronoun in Markdown and HTML (escaped there); JSON keeps the outlet's text and the
    speaker apart."""
    quote = '"We will run the crossing every hour from Monday," he said.'
    inverted = '"The engine is sound," said she, pointing at the hull.'
    brief = make_brief(summary=[
        SummarySentence(text=quote, article="a1", sentence=0, speaker="Ilse <Brandt>"),
        SummarySentence(text=inverted, article="a2", sentence=1, speaker="Mara Holm"),
        SummarySentence(text=S3, article="a1", sentence=5, speaker="Mara Holm"),  # no pronoun attribution
    ])
    md = to_markdown(brief)
    assert "he \\[Ilse \\<Brandt\\>\\] said." in md  # Markdown-escaped
    assert re.search(r"said she \\?\[Mara Holm\\?\], pointing", md)
    assert "Ostby welcomed the return of the morning crossing." in md and "crossing. [Mara" not in md
    html = to_html(brief)
    assert "he [Ilse &lt;Brandt&gt;] said" in html
    data = json.loads(to_json(brief))
    assert data["summary"][0]["text"] == quote and data["summary"][0]["speaker"] == "Ilse <Brandt>"


def test_given_names_shown_in_brackets_before_a_bare_surname() -> None:
    brief = make_brief(summary=[
        SummarySentence(text="Kestrel's crew said Kestrel was right.", article="a1", sentence=0,
                        full_names={"Kestrel": "Ada Kestrel"}),
    ])
    md = to_markdown(brief)
    assert "\\[Ada\\] Kestrel's crew said Kestrel was right." in md
    assert "[Ada] Kestrel&#39;s crew" in to_html(brief) or "[Ada] Kestrel's crew" in to_html(brief)
    assert json.loads(to_json(brief))["summary"][0]["text"] == "Kestrel's crew said Kestrel was right."


def test_a_quotation_the_splitter_cut_in_two_is_one_item() -> None:
    """'"We will not wait.' / 'Leave now," she said.' (two facts, both from a1 and a2, one right after
    the other in each) are listed as one item; a half another outlet does not carry right after stays apart."""
    q1, q2 = '"We will not wait for the water.', 'Leave now and take your pets," the mayor said.'
    lone = '"The pier is closed.'
    facts = [
        Fact(id="q1", text=q1, support=2, outlets=["Harbor Daily", "Valley Post"],
             mentions=[Mention(article="a1", sentence=3, text=q1), Mention(article="a2", sentence=7, text=q1)]),
        Fact(id="q2", text=q2, support=2, outlets=["Harbor Daily", "Valley Post"],
             mentions=[Mention(article="a1", sentence=4, text=q2), Mention(article="a2", sentence=8, text=q2)]),
        Fact(id="q3", text=lone, support=2, outlets=["Harbor Daily", "Valley Post"],
             mentions=[Mention(article="a1", sentence=10, text=lone), Mention(article="a2", sentence=12, text=lone)]),
        Fact(id="q4", text='It opens on Friday," he said.', support=1, outlets=["Harbor Daily"],
             mentions=[Mention(article="a1", sentence=11, text='It opens on Friday," he said.')]),
    ]
    md = to_markdown(make_brief(facts=facts))
    assert f"- {q1} {q2} [Harbor Daily, Valley Post]" in md, md
    assert md.count("Leave now") == 1
    assert "The pier is closed. It opens" not in md  # a2 does not carry the second half
