"""Tests of the ingest stage on real files written to tmp_path (and the shared data)."""

from __future__ import annotations

import gzip
import io
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from storyweave.errors import BadRecordError, InputError, RefusedInput
from storyweave.ingest import (
    IngestResult,
    Problem,
    article_id,
    decode_bytes,
    from_html,
    from_text,
    looks_binary,
    read_clusters,
    read_file,
    read_inputs,
    read_jsonl_articles,
)
from storyweave.settings import Settings

SHARED = Path(__file__).resolve().parents[2] / "shared"
PNG_HEADER = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x06"
)

PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Harbor bridge reopens after repairs | The Lakeside Courier</title>
<meta property="og:site_name" content="The Lakeside Courier">
<meta property="og:title" content="Harbor bridge reopens after repairs">
<meta property="article:published_time" content="2024-03-05T08:30:00Z">
<link rel="canonical" href="https://www.lakesidecourier.example/news/harbor-bridge">
</head>
<body>
<nav><ul>
  <li><a href="/">Home</a></li><li><a href="/news">News</a></li>
  <li><a href="/sport">Sport</a></li><li><a href="/weather">Weather</a></li>
</ul></nav>
<header><h1>Harbor bridge reopens after repairs</h1></header>
<article>
<p>The Harbor Street bridge reopened to traffic on Tuesday morning after six months of
repairs that cost the city about 4.2 million dollars, officials said.</p>
<p>Mayor Dana Whitfield cut a ribbon at the east end of the span and said the work had
“made the crossing safe for another fifty years.”</p>
<p>Engineers replaced corroded steel beams and resurfaced the deck. Cyclists will now have
a separate lane on the north side of the bridge.</p>
<p>Commuters who had used the detour through Mill Road said their trips had been twenty
minutes longer during the closure.</p>
</article>
<section id="comments">
  <h3>Leave a comment</h3>
  <form action="/comments" method="post">
    <textarea name="comment"></textarea><button type="submit">Post comment</button>
  </form>
</section>
<footer>
  <p>© 2024 The Lakeside Courier. All rights reserved.</p>
  <a href="/privacy">Privacy policy</a> <a href="/subscribe">Subscribe today</a>
</footer>
</body>
</html>
"""


def write(path: Path, data: bytes | str) -> Path:
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def one(path: Path, **kwargs: object) -> str:
    articles = read_file(path, Settings(), **kwargs)  # type: ignore[arg-type]
    assert len(articles) == 1
    return articles[0].text


# ---------------------------------------------------------------- encodings
def test_utf8_and_bom_and_newlines(tmp_path: Path) -> None:
    text = "Le café “Zoë” a fermé.\r\nSecond line\rThird"
    assert (
        one(write(tmp_path / "a.txt", text))
        == "Le café “Zoë” a fermé.\nSecond line\nThird"
    )
    bom = write(tmp_path / "b.txt", b"\xef\xbb\xbf" + "Ünïcode text".encode())
    assert one(bom) == "Ünïcode text"
    assert decode_bytes(b"\xef\xbb\xbfx")[1] == "utf-8-sig"


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_with_bom(tmp_path: Path, codec: str) -> None:
    text = "Crème brûlée — “quoted” in Zürich."
    data = text.encode(codec)
    if codec != "utf-16":
        bom = "\ufeff".encode(codec)
        data = bom + data
    assert not looks_binary(data)
    assert one(write(tmp_path / "u16.txt", data)) == text


def test_cp1252_smart_quotes_and_accents(tmp_path: Path) -> None:
    text = "The mayor said \u201cit\u2019s done\u201d \u2014 at the caf\u00e9 on Rue d\u2019Été."
    data = text.encode("cp1252")
    assert b"\x93" in data and b"\x92" in data
    assert decode_bytes(data) == (text, "cp1252")
    assert one(write(tmp_path / "w.txt", data)) == text
    assert decode_bytes("café".encode("latin-1"))[0] == "café"
    assert decode_bytes("Voilà, un résumé très français.".encode("latin-1"))[0] == (
        "Voilà, un résumé très français."
    )


def test_invalid_bytes_in_utf8_keep_valid_chars(tmp_path: Path) -> None:
    data = "Müller sagte im Café: „naïve Pläne“ für Zürich. ".encode() + b"\xff\xfe end"
    text = one(write(tmp_path / "mixed.txt", data))
    assert text.startswith("Müller sagte im Café: „naïve Pläne“ für Zürich.")
    assert text.endswith(" end")
    assert "Ã" not in text


def test_other_encodings_are_guessed() -> None:
    text = "Правительство объявило о новых мерах поддержки экономики страны."
    assert decode_bytes(text.encode("cp1251"))[0] == text


# ---------------------------------------------------------------- refusals
def test_looks_binary() -> None:
    assert looks_binary(PNG_HEADER)
    assert looks_binary(b"%PDF-1.7\n...")
    assert looks_binary(b"PK\x03\x04rest")
    assert looks_binary(b"\xff\xd8\xff\xe0JFIF")
    assert looks_binary(b"GIF89a....")
    assert looks_binary(gzip.compress(b"hello"))
    assert looks_binary(b"plain text with a \x00 NUL")
    assert looks_binary(bytes(range(1, 32)) * 4 + b"some text")
    assert not looks_binary(b"")
    assert not looks_binary("Plain text, “quoted”.\n\tIndented\r\n".encode())


def test_binary_refused_and_others_still_read(tmp_path: Path) -> None:
    png = write(tmp_path / "photo.txt", PNG_HEADER)
    nul = write(tmp_path / "nul.txt", b"abc\x00\x00\x00def")
    good = write(tmp_path / "good.txt", "A real article about the harbor bridge.")
    with pytest.raises(RefusedInput, match="PNG"):
        read_file(png, Settings())
    result = read_inputs([str(png), str(good), str(nul)], Settings())
    assert isinstance(result, IngestResult)
    assert [a.text for a in result.articles] == [
        "A real article about the harbor bridge."
    ]
    assert [r.source for r in result.refused] == [str(png), str(nul)]
    assert all(isinstance(r, InputError) for r in result.refused)


def test_too_large_missing_and_directory_refused(tmp_path: Path) -> None:
    big = write(tmp_path / "big.txt", "word " * 100)
    small = write(tmp_path / "small.txt", "short text")
    tight = Settings(max_bytes=100)
    with pytest.raises(RefusedInput, match="too large"):
        read_file(big, tight)
    with pytest.raises(RefusedInput, match="no such file"):
        read_file(tmp_path / "missing.txt", tight)
    with pytest.raises(RefusedInput, match="directory"):
        read_file(tmp_path, tight)
    result = read_inputs([str(big), str(small)], tight)
    assert [a.text for a in result.articles] == ["short text"]
    assert result.refused[0].source == str(big)


def test_empty_files_give_nothing(tmp_path: Path) -> None:
    assert read_file(write(tmp_path / "e.txt", b""), Settings()) == []
    assert read_file(write(tmp_path / "w.txt", " \n\t\r\n "), Settings()) == []
    assert read_file(write(tmp_path / "e.jsonl", "\n\n"), Settings()) == []


# ---------------------------------------------------------------- text records
def test_article_id_stable_and_whitespace_insensitive() -> None:
    aid = article_id("Bridge  reopens\n\nafter repairs.")
    assert aid == article_id(" Bridge reopens after repairs. ")
    assert aid.startswith("a") and len(aid) == 12
    int(aid[1:], 16)
    assert aid != article_id("Bridge reopens after repair.")


def test_from_text_outlets() -> None:
    assert from_text("x", input="in/seed.txt").outlet == "seed"
    assert from_text("x", input="test-35#0").outlet == "test-35#0"
    assert from_text("x", input="a.txt", outlet="The Courier").outlet == "The Courier"
    url = "https://WWW.Lakeside-Courier.example/news/1"
    art = from_text(
        "Body.", input="a.txt", url=url, title=" A  title ", published="2024-01-02"
    )
    assert (art.outlet, art.url, art.title, art.published) == (
        "lakeside-courier.example",
        url,
        "A title",
        "2024-01-02",
    )
    assert art.format == "text" and art.id == article_id("Body.")


def test_plain_text_file_record(tmp_path: Path) -> None:
    path = write(tmp_path / "story.txt", "First paragraph.\n\nSecond paragraph.\n")
    [art] = read_file(str(path), Settings())
    assert art.input == str(path)
    assert art.outlet == "story"
    assert art.format == "text"
    assert art.text == "First paragraph.\n\nSecond paragraph."


# ---------------------------------------------------------------- HTML
def test_html_file_main_text_and_metadata(tmp_path: Path) -> None:
    [art] = read_file(write(tmp_path / "page.html", PAGE), Settings())
    assert art.format == "html"
    assert art.title == "Harbor bridge reopens after repairs"
    assert art.outlet == "The Lakeside Courier"
    assert art.url == "https://www.lakesidecourier.example/news/harbor-bridge"
    assert art.published == "2024-03-05"
    paragraphs = art.text.split("\n\n")
    assert paragraphs[0].startswith("The Harbor Street bridge reopened to traffic")
    assert "repairs that cost the city" in paragraphs[0]  # line break inside <p> joined
    assert any(p.startswith("Mayor Dana Whitfield") for p in paragraphs)
    assert paragraphs[-1].endswith("longer during the closure.")
    for boilerplate in (
        "Leave a comment",
        "Post comment",
        "Privacy policy",
        "Weather",
        "©",
    ):
        assert boilerplate not in art.text
    assert art.warnings == []


def test_html_sniffed_in_txt_file_and_fallback(tmp_path: Path) -> None:
    [art] = read_file(write(tmp_path / "saved.txt", PAGE), Settings())
    assert art.format == "html" and art.title == "Harbor bridge reopens after repairs"
    tiny = "<html><head><title>Note</title><script>var x = 1;</script></head>"
    tiny += "<body><footer><p>Short note.</p><p>Second.</p></footer></body></html>"
    art = from_html(tiny, input="note.html")
    assert art.text == "Short note.\n\nSecond."
    assert art.title == "Note"
    assert art.warnings and "no main text" in art.warnings[0]
    assert from_html("", input="empty.html").text == ""


def test_html_outlet_from_url_when_no_site_name() -> None:
    body = "".join(
        f"<p>Paragraph {i} of a long enough story about the river flood.</p>"
        for i in range(8)
    )
    art = from_html(f"<html><body><article>{body}</article></body></html>", input="x.html",
                    url="https://news.example.org/a/1")  # fmt: skip
    assert art.outlet == "news.example.org"
    assert art.url == "https://news.example.org/a/1"


# ---------------------------------------------------------------- JSONL articles
def jsonl(*records: object) -> str:
    return "\n".join(r if isinstance(r, str) else json.dumps(r) for r in records) + "\n"


def test_jsonl_articles(tmp_path: Path) -> None:
    path = write(
        tmp_path / "arts.jsonl",
        jsonl(
            {"id": "x1", "text": "Text one.", "outlet": "Courier", "title": "One",
             "url": "https://courier.example/1", "published": "2024-05-01"},
            "",
            {"text": "Text two.", "url": "https://www.Daily.example/2"},
            {"html": PAGE, "id": 7},
            {"text": "Text four."},
        ),
    )  # fmt: skip
    arts = read_file(path, Settings())
    assert [a.input for a in arts] == [
        f"{path}#x1",
        f"{path}#1",
        f"{path}#7",
        f"{path}#3",
    ]
    assert [a.outlet for a in arts] == [
        "Courier",
        "daily.example",
        "The Lakeside Courier",
        "arts#3",
    ]
    assert arts[0].title == "One" and arts[0].published == "2024-05-01"
    assert arts[0].url == "https://courier.example/1"
    assert arts[0].id == article_id("Text one.")
    assert arts[2].text.startswith("The Harbor Street bridge")
    assert {a.format for a in arts} == {"jsonl"}


@pytest.mark.parametrize(
    ("bad", "reason"),
    [
        ("{not json", "invalid JSON"),
        ("[1, 2]", "not a JSON object"),
        ('{"title": "no body"}', "no 'text' or 'html'"),
        ('{"text": 5}', "'text' must be a string"),
        ('{"text": "ok", "url": ["x"]}', "'url' must be a string"),
        ('{"documents": "nope"}', "'documents' must be a list"),
    ],
)
def test_jsonl_bad_line(tmp_path: Path, bad: str, reason: str) -> None:
    path = write(
        tmp_path / "bad.jsonl", jsonl({"text": "fine"}, "", bad, {"text": "after"})
    )
    with pytest.raises(BadRecordError) as info:
        read_file(path, Settings())
    assert info.value.line == 3
    assert info.value.source == str(path)
    assert reason in info.value.reason
    problems: list[Problem] = []
    arts = read_file(path, Settings(), skip_bad=True, problems=problems)
    assert [a.text for a in arts] == ["fine", "after"]
    assert [(p.line, p.source) for p in problems] == [(3, str(path))]
    assert str(problems[0]).startswith(f"{path}: skipped line 3:")


def test_jsonl_skip_bad_through_read_inputs(tmp_path: Path) -> None:
    path = write(tmp_path / "a.ndjson", jsonl({"text": "one"}, "oops", {"text": "two"}))
    with pytest.raises(BadRecordError):
        read_inputs([str(path)], Settings())
    result = read_inputs([str(path)], Settings(), skip_bad=True)
    assert [a.text for a in result.articles] == ["one", "two"]
    assert [p.line for p in result.problems] == [2]


def test_jsonl_lines_iterable_and_cluster_line() -> None:
    lines = [json.dumps({"id": "c9", "documents": ["Doc zero.", "Doc one."]}), ""]
    arts = read_jsonl_articles(lines, "mem")
    assert [(a.input, a.outlet, a.format) for a in arts] == [
        ("c9#0", "c9#0", "cluster"),
        ("c9#1", "c9#1", "cluster"),
    ]


# ---------------------------------------------------------------- clusters
def test_clusters_from_raw_dev() -> None:
    raw_dev = SHARED / "data" / "multinews" / "raw_dev.jsonl"
    if not raw_dev.exists():
        pytest.skip("shared data not available")
    clusters = []
    for cluster in read_clusters(raw_dev, Settings()):
        clusters.append(cluster)
        if len(clusters) == 3:
            break
    assert [c.id for c in clusters] == ["test-35", "test-42", "test-57"]
    assert [len(c.articles) for c in clusters] == [2, 2, 3]
    assert [a.input for a in clusters[0].articles] == ["test-35#0", "test-35#1"]
    assert [a.outlet for a in clusters[2].articles] == [
        "test-57#0",
        "test-57#1",
        "test-57#2",
    ]
    assert all(c.summary for c in clusters)
    assert all(a.text and a.format == "cluster" for c in clusters for a in c.articles)
    assert len({a.id for c in clusters for a in c.articles}) == 7


def test_clusters_bad_lines_missing_id_html_and_gzip(tmp_path: Path) -> None:
    content = jsonl(
        {"id": "s1", "documents": ["Plain doc.", PAGE], "summary": "Sum.", "irrelevant": [1],
         "irrelevant_votes": [0, 3]},
        "not json",
        {"documents": ["No id here."]},
        {"id": "s4", "documents": [1, 2]},
        {"id": "s5", "documents": ["Last."]},
    )  # fmt: skip
    path = write(tmp_path / "c.jsonl", content)
    it = read_clusters(path, Settings())
    first = next(it)
    assert first.id == "s1" and first.summary == "Sum." and first.irrelevant == [1]
    assert first.articles[1].title == "Harbor bridge reopens after repairs"
    assert first.articles[1].input == "s1#1" and first.articles[1].outlet == "s1#1"
    with pytest.raises(BadRecordError) as info:
        next(it)
    assert info.value.line == 2

    problems: list[Problem] = []
    got = list(read_clusters(path, Settings(), skip_bad=True, problems=problems))
    assert [c.id for c in got] == ["s1", "line3", "s5"]
    assert got[1].articles[0].input == "line3#0"
    assert [p.line for p in problems] == [2, 4]

    gz = write(tmp_path / "c.jsonl.gz", gzip.compress(content.encode()))
    assert [
        c.id for c in read_clusters(gz, Settings(), skip_bad=True, problems=[])
    ] == [
        "s1",
        "line3",
        "s5",
    ]


def test_clusters_refusals(tmp_path: Path) -> None:
    with pytest.raises(RefusedInput):
        read_clusters(tmp_path / "nope.jsonl", Settings())
    with pytest.raises(RefusedInput):
        read_clusters(write(tmp_path / "img.jsonl", PNG_HEADER), Settings())
    big = write(tmp_path / "big.jsonl", jsonl({"id": "b", "documents": ["x" * 500]}))
    with pytest.raises(BadRecordError, match="longer than max_bytes"):
        list(read_clusters(big, Settings(max_bytes=100)))


def test_clusters_from_stdin() -> None:
    data = jsonl({"id": 12, "documents": ["One.", "Two."]}).encode()
    [cluster] = read_clusters("-", Settings(), stdin=io.BytesIO(data))
    assert cluster.id == "12" and [a.input for a in cluster.articles] == [
        "12#0",
        "12#1",
    ]


# ---------------------------------------------------------------- many inputs
def test_seed_articles_have_distinct_stable_ids() -> None:
    seeds = sorted((SHARED / "seeds").glob("*.txt"))
    if not seeds:
        pytest.skip("shared seeds not available")
    paths = [str(p) for p in seeds]
    first = read_inputs(paths, Settings())
    assert len(first.articles) == 5 and not first.refused and not first.problems
    ids = [a.id for a in first.articles]
    assert len(set(ids)) == 5
    assert [a.id for a in read_inputs(paths, Settings()).articles] == ids
    assert [a.input for a in first.articles] == paths
    assert all(len(a.text.split()) > 100 for a in first.articles)


def test_max_articles(tmp_path: Path) -> None:
    paths = [
        str(write(tmp_path / f"{i}.txt", f"Article number {i}.")) for i in range(3)
    ]
    result = read_inputs(paths, Settings(max_articles=2))
    assert [a.text for a in result.articles] == [
        "Article number 0.",
        "Article number 1.",
    ]
    assert len(result.problems) == 1 and "max_articles" in str(result.problems[0])
    arts = write(tmp_path / "many.jsonl", jsonl(*({"text": f"T{i}"} for i in range(5))))
    result = read_inputs([str(arts)], Settings(max_articles=3))
    assert (
        len(result.articles) == 3
        and "2 article(s) ignored" in result.problems[0].reason
    )


def test_stdin_text_html_and_jsonl() -> None:
    result = read_inputs(
        ["-"], Settings(), stdin=io.BytesIO("Piped “text”.\r\n".encode("cp1252"))
    )
    [art] = result.articles
    assert (art.text, art.input, art.outlet, art.format) == (
        "Piped “text”.",
        "<stdin>",
        "stdin",
        "stdin",
    )

    result = read_inputs(["-"], Settings(), stdin=io.BytesIO(PAGE.encode()))
    assert result.articles[0].title == "Harbor bridge reopens after repairs"

    data = jsonl({"text": "A."}, "", {"text": "B.", "id": "k"}).encode()
    result = read_inputs(["-"], Settings(), stdin=io.BytesIO(data))
    assert [(a.text, a.input, a.format) for a in result.articles] == [
        ("A.", "<stdin>#0", "jsonl"),
        ("B.", "<stdin>#k", "jsonl"),
    ]

    result = read_inputs(["-"], Settings(), stdin=io.BytesIO(PNG_HEADER))
    assert result.articles == [] and result.refused[0].source == "<stdin>"


# ---------------------------------------------------------------- properties
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    data=st.binary(max_size=400),
    suffix=st.sampled_from([".txt", ".jsonl", ".html", ""]),
)
def test_arbitrary_bytes_only_input_errors(
    tmp_path_factory: pytest.TempPathFactory, data: bytes, suffix: str
) -> None:
    path = tmp_path_factory.getbasetemp() / f"fuzz{suffix}"
    path.write_bytes(data)
    small = Settings(max_bytes=300)
    try:
        read_file(path, small)
    except InputError:
        pass
    try:
        result = read_inputs([str(path), "-"], small, stdin=io.BytesIO(data))
    except BadRecordError:
        pass
    else:
        assert len(result.articles) + len(result.refused) >= 0
    try:
        list(read_clusters(path, small, skip_bad=True, problems=[]))
    except RefusedInput:
        pass


@settings(max_examples=200, deadline=None)
@given(text=st.text(max_size=300))
def test_arbitrary_text_never_raises(text: str) -> None:
    art = from_text(text, input="fuzz.txt")
    assert art.id == article_id(text.replace("\x00", "")) and "\r" not in art.text
    decoded, encoding = decode_bytes(text.encode("utf-8", "surrogatepass"))
    assert isinstance(decoded, str) and encoding
    expected = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")
    if not text.startswith("\x00"):  # else FF FE 00 00 reads as a UTF-32 BOM
        assert decode_bytes(text.encode("utf-16"))[0] == expected


@settings(max_examples=40, deadline=None)
@given(body=st.text(max_size=200))
def test_arbitrary_html_never_raises(body: str) -> None:
    art = from_html(f"<html><body><p>{body}</p></body></html>", input="fuzz.html")
    assert isinstance(art.text, str)
