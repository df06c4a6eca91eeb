"""Property tests (hypothesis): arbitrary input through ingest -> clean -> annotate.

Only documented input errors (`storyweave.errors.InputError` and its subclasses) may
escape; whatever comes out must keep the records' invariants.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from storyweave.annotate import annotate_many
from storyweave.clean import _INVISIBLE_RE, clean
from storyweave.errors import InputError
from storyweave.ingest import from_html, from_text, read_clusters, read_file, read_jsonl_articles
from storyweave.records import RawArticle
from storyweave.settings import Settings

SETTINGS = Settings()
PROPS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Lines that look like news text and page furniture, to build article-shaped inputs.
LINES = st.sampled_from(
    [
        "The council approved the new budget on Tuesday after weeks of debate, officials said.",
        "Engineers replaced corroded beams and resurfaced the deck of the bridge.",
        "the city council voted on tuesday to approve a new budget . \" we are pleased , \" said the mayor .",
        "Leave a Reply",
        "Image caption",
        "Share this article",
        "Advertisement",
        "Updated 14:32 GMT",
        "By Jane Doe, Staff Writer",
        "Tags: budget, council",
        "Harbor bridge reopens after repairs",
        "Media playback is unsupported on your device",
        "The mayor said the bridge would reopen on Monday.Image copyright Getty Images",
        "$7 billion, 8.2 % and more than 20 nations",
        "<p>Not really HTML</p>",
        "",
        "   ",
    ]
)
ARTICLE_TEXT = st.one_of(
    st.text(max_size=300),
    st.lists(st.one_of(LINES, st.text(max_size=60)), max_size=12).map("\n".join),
)


@pytest.fixture(scope="module")
def workdir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("props")


def _check(articles: list[RawArticle]) -> None:
    """clean + annotate must not raise, and their outputs keep their invariants."""
    cleaned = [clean(a) for a in articles]
    annotated = annotate_many(cleaned, SETTINGS)
    assert len(annotated) == len(articles)
    for raw, c, ann in zip(articles, cleaned, annotated):
        assert c.raw is raw or c.raw == raw
        lines = raw.text.split("\n")
        removed_lines = {r.line for r in c.removed}
        for r in c.removed:
            assert r.reason
            assert 0 <= r.line < len(lines)
            if r.reason != "glued boilerplate":
                # One removal per original line, with that line's own text.
                assert r.text == lines[r.line].strip(), r
        # Nothing is lost silently: every line is kept (maybe joined) or recorded as removed.
        # (Not checked when glued junk was cut from a hard-wrapped paragraph: see test_clean.)
        glued = any(r.reason == "glued boilerplate" for r in c.removed)
        for i, line in enumerate(lines if not glued else []):
            norm = " ".join(_INVISIBLE_RE.sub("", line).split())  # soft hyphens, zero-width characters: dropped on purpose
            if norm and i not in removed_lines:
                assert norm in c.text, (i, line)
        assert ann.language in ("en", "unknown")
        assert [s.index for s in ann.sentences] == list(range(len(ann.sentences)))
        for s in ann.sentences:
            assert s.text and s.text == s.text.strip()
            for e in s.entities:
                assert s.text[e.start : e.end] == e.text


@PROPS
@given(text=ARTICLE_TEXT)
def test_arbitrary_text(text: str) -> None:
    _check([from_text(text, input="x.txt")])


@PROPS
@given(html=st.one_of(st.text(max_size=300), LINES.map(lambda s: f"<html><body><p>{s}</p></body></html>")))
@example(html="AA\xad;")  # a soft hyphen: clean drops it, which loses nothing
def test_arbitrary_html(html: str) -> None:
    _check([from_html(html, input="x.html")])


@PROPS
@given(data=st.binary(max_size=400), name=st.sampled_from(["a.txt", "a.html", "a.jsonl", "a.md"]))
def test_arbitrary_bytes_in_a_file(workdir: Path, data: bytes, name: str) -> None:
    path = workdir / name
    path.write_bytes(data)
    for skip_bad in (False, True):
        try:
            articles = read_file(path, SETTINGS, skip_bad=skip_bad, problems=[])
        except InputError:
            continue
        _check(articles)


@PROPS
@given(
    data=st.one_of(
        st.binary(max_size=300),
        st.lists(st.one_of(st.text(max_size=40), LINES), max_size=5).map(lambda ls: "\n".join(ls).encode()),
    ).map(lambda b: b"\xef\xbb\xbf" + b if b[:1] == b"\x00" else b)
)
def test_arbitrary_bytes_with_text_around(workdir: Path, data: bytes) -> None:
    """Article-shaped text with arbitrary bytes spliced in, as a .txt file."""
    path = workdir / "spliced.txt"
    path.write_bytes(b"The council approved the budget on Tuesday.\n\n" + data + b"\n\nLeave a Reply\n")
    try:
        articles = read_file(path, SETTINGS)
    except InputError:
        return
    _check(articles)


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=80) | LINES,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=6,
)
JSON_RECORDS = st.dictionaries(
    st.sampled_from(["id", "text", "html", "url", "outlet", "title", "published", "documents", "summary", "x"]),
    JSON_VALUES,
    max_size=5,
)
JSONL = st.one_of(
    st.text(max_size=300),
    st.lists(st.one_of(JSON_RECORDS.map(json.dumps), st.text(max_size=30)), max_size=5).map("\n".join),
)


@PROPS
@given(text=JSONL)
def test_arbitrary_jsonl_text(text: str) -> None:
    problems: list = []
    try:
        articles = read_jsonl_articles(text, "x.jsonl")
    except InputError:
        articles = read_jsonl_articles(text, "x.jsonl", skip_bad=True, problems=problems)
    _check(articles)


@PROPS
@given(data=st.one_of(st.binary(max_size=300), JSONL.map(str.encode)))
def test_arbitrary_cluster_stream(data: bytes) -> None:
    try:
        clusters = list(read_clusters("-", SETTINGS, stdin=io.BytesIO(data)))
    except InputError:
        return
    _check([a for c in clusters for a in c.articles])
