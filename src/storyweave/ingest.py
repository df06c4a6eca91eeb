"""Ingest stage: bytes, text, HTML, JSONL and Multi-News-style clusters -> `RawArticle`s.

Errors: a whole input that cannot be used raises `RefusedInput`; a malformed JSONL line
raises `BadRecordError`. With ``skip_bad=True`` malformed lines are skipped instead and
reported as `Problem`s: appended to the ``problems`` list when one is passed, else logged
as warnings on the ``storyweave.ingest`` logger. `read_inputs` gathers everything in an
`IngestResult`.
"""

from __future__ import annotations

import codecs
import gzip
import hashlib
import json
import logging
import re
import sys
import zlib
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import IO, Any, Literal
from urllib.parse import urlsplit

from storyweave.errors import BadRecordError, RefusedInput
from storyweave.records import Cluster, RawArticle
from storyweave.settings import Settings

log = logging.getLogger(__name__)

Format = Literal["text", "html", "jsonl", "cluster", "stdin"]

STDIN_SOURCE = "<stdin>"
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
HTML_SUFFIXES = {".html", ".htm"}
# File suffixes dropped when an outlet is derived from an input name.
_NAME_SUFFIXES = (
    JSONL_SUFFIXES | HTML_SUFFIXES | {".txt", ".text", ".json", ".gz", ".md"}
)

_BINARY_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "PDF document"),
    (b"PK\x03\x04", "ZIP archive"),
    (b"PK\x05\x06", "ZIP archive"),
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"\x1f\x8b", "gzip data"),
    (b"\xfd7zXZ\x00", "xz data"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip archive"),
    (b"\x7fELF", "executable"),
)
# C0 controls other than tab, newline, form feed and carriage return, plus DEL.
_CONTROL_BYTES = bytes([*range(0x09), 0x0B, *range(0x0E, 0x20), 0x7F])
_CONTROL_SHARE = 0.05
_SNIFF_BYTES = 64 * 1024

_UTF8_BOM = b"\xef\xbb\xbf"
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
_UTF32_BOMS = (b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")
_CP1252_UNDEFINED = frozenset(b"\x81\x8d\x8f\x90\x9d")
# Non-letter characters common in English/Western news text encoded as cp1252.
_LATIN_PUNCT = frozenset("‘’“”–—…•€£¥¢°©®™§¶«»¿¡·½¼¾±×÷\u00a0´¨¯¸ªº¹²³µ†‡‰‹›")
_HTML_SNIFF = re.compile(r"<!doctype\s+html|<html[\s>]|<body[\s>]", re.IGNORECASE)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
_XML_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _cp1252_fallback(exc: UnicodeError) -> tuple[str, int]:
    """Codec error handler: decode each invalid byte as cp1252, else U+FFFD."""
    if not isinstance(exc, UnicodeDecodeError):
        raise exc
    bad = exc.object[exc.start : exc.end]
    out = "".join(
        "\ufffd" if b in _CP1252_UNDEFINED else bytes([b]).decode("cp1252", "replace")
        for b in bad
    )
    return out, exc.end


codecs.register_error("storyweave.cp1252", _cp1252_fallback)


@dataclass(frozen=True)
class Problem:
    """A skipped record or ignored article; `line` is 1-based when it is about a line."""

    source: str
    line: int | None
    reason: str

    def __str__(self) -> str:
        if self.line is None:
            return f"{self.source}: {self.reason}"
        return f"{self.source}: skipped line {self.line}: {self.reason}"


@dataclass
class IngestResult:
    """What `read_inputs` read: the articles, skipped records, and refused inputs."""

    articles: list[RawArticle] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    refused: list[RefusedInput] = field(default_factory=list)


# ---------------------------------------------------------------- bytes -> text
def _binary_kind(data: bytes) -> str | None:
    """Why `data` looks binary (a short description), or None if it looks like text."""
    if not data:
        return None
    for magic, kind in _BINARY_MAGIC:
        if data.startswith(magic):
            return kind
    encoding = _bom_encoding(data)
    if encoding in ("utf-16", "utf-32"):
        text = data[:_SNIFF_BYTES].decode(encoding, "replace")
        controls = sum(1 for ch in text if _is_control(ch))
        too_many = controls > _CONTROL_SHARE * max(len(text), 1)
        return "control characters" if too_many else None
    if b"\x00" in data:
        return "NUL bytes"
    sample = data[:_SNIFF_BYTES]
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    if controls > _CONTROL_SHARE * len(sample):
        return "control characters"
    return None


def _is_control(ch: str) -> bool:
    return (ch < " " and ch not in "\t\n\r\f") or ch == "\x7f"


def looks_binary(data: bytes) -> bool:
    """True for data that is not text: known binary magic, NUL bytes, many control bytes.

    Text with a UTF-16 or UTF-32 byte order mark is judged on its decoded characters.
    """
    return _binary_kind(data) is not None


def _normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")


def _looks_latin_cp1252(data: bytes) -> bool:
    """True when `data` reads as Western text in cp1252: mostly ASCII letters."""
    if any(b in _CP1252_UNDEFINED for b in data):
        return False
    text = data.decode("cp1252", "replace")
    ascii_letters = other_letters = 0
    for ch in text:
        if ch < "\x80":
            ascii_letters += ch.isalpha()
        elif ch.isalpha():
            # Latin-1 Supplement and Latin Extended-A letters only.
            if not ("\u00c0" <= ch <= "\u017f" or ch in "ƒŠŽšžŸŒœ"):
                return False
            other_letters += 1
        elif ch not in _LATIN_PUNCT:
            return False
    return ascii_letters > 0 and ascii_letters >= 0.7 * (ascii_letters + other_letters)


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode text of unknown encoding; returns ``(text, encoding name)``. Never raises.

    Order: BOM (UTF-32/16/8), strict UTF-8, mostly-UTF-8 (invalid bytes read as cp1252
    or U+FFFD), cp1252 for Western text, charset-normalizer's guess, UTF-8 with
    replacement. Newlines become ``\\n``; NUL characters are dropped.
    """
    text, encoding = _decode(data)
    return _normalise_newlines(text), encoding


def _bom_encoding(data: bytes) -> str | None:
    """The encoding named by a byte order mark at the start of `data`, if any."""
    if data.startswith(_UTF32_BOMS):
        try:  # FF FE 00 00 may also be UTF-16-LE text starting with U+0000
            data[: len(data) // 4 * 4].decode("utf-32")
            if len(data) % 4 == 0:
                return "utf-32"
        except UnicodeDecodeError:
            pass
    if data.startswith(_UTF16_BOMS):
        return "utf-16"
    if data.startswith(_UTF8_BOM):
        return "utf-8-sig"
    return None


def _decode(data: bytes) -> tuple[str, str]:
    encoding = _bom_encoding(data)
    if encoding == "utf-8-sig":
        return data[3:].decode("utf-8", "storyweave.cp1252"), encoding
    if encoding is not None:
        return data.decode(encoding, "replace"), encoding
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    # UTF-8 with some bad bytes: any valid multi-byte sequence is strong evidence for UTF-8
    # (cp1252 text almost never forms one by accident).
    loose = data.decode("utf-8", "replace")
    bad = loose.count("\ufffd") - data.count("\ufffd".encode())
    good = sum(1 for ch in loose if ch > "\x7f" and ch != "\ufffd")
    if good > 0:
        return data.decode("utf-8", "storyweave.cp1252"), "utf-8"
    if _looks_latin_cp1252(data):
        return data.decode("cp1252"), "cp1252"
    guess = _charset_guess(data)
    if guess is not None:
        return guess
    return loose, "utf-8"


def _charset_guess(data: bytes) -> tuple[str, str] | None:
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(data).best()
        if best is None:
            return None
        return str(best), best.encoding
    except Exception:  # a third-party detector on arbitrary bytes; fall back quietly
        log.debug("charset-normalizer failed", exc_info=True)
        return None


# ---------------------------------------------------------------- records
def article_id(text: str) -> str:
    """Stable content hash: ``"a"`` + 11 hex digits of SHA-1 of whitespace-normalised text."""
    norm = " ".join(text.split())
    return "a" + hashlib.sha1(norm.encode("utf-8", "surrogatepass")).hexdigest()[:11]


def _domain(url: str | None) -> str | None:
    if not url:
        return None
    url = url.strip()
    try:
        host = urlsplit(url if "//" in url else "//" + url).hostname
    except ValueError:
        return None
    if not host:
        return None
    host = host.lower().rstrip(".")
    return host.removeprefix("www.") or None


def _has_name_suffix(name: str) -> bool:
    return Path(name).suffix.lower() in _NAME_SUFFIXES


def _outlet_from_input(source: str) -> str:
    """Outlet name for an input: file stem, or '<name>#<n>' for a record of a JSONL file."""
    base, sep, frag = source.rpartition("#")
    if not sep or not frag or "/" in frag or "\\" in frag or _has_name_suffix(frag):
        base, frag = source, ""
    if base == STDIN_SOURCE or base == "-":
        name = "stdin"
    else:
        path = Path(base.rstrip("/\\") or base)
        name = path.name
        while _has_name_suffix(name) and Path(name).stem:
            name = Path(name).stem
    name = name or base or "unknown"
    return f"{name}#{frag}" if frag else name


def _clean(value: str | None) -> str | None:
    if value is None:
        return None
    value = " ".join(value.split())
    return value or None


def from_text(
    text: str,
    *,
    input: str,
    outlet: str | None = None,
    title: str | None = None,
    url: str | None = None,
    published: str | None = None,
    fmt: Format = "text",
    warnings: Sequence[str] = (),
) -> RawArticle:
    """Build a `RawArticle` from plain text.

    The outlet is `outlet` if given, else the URL's domain (no ``www.``), else the name of
    `input` without its suffix (``'<cluster>#<n>'`` inputs are kept as they are).
    """
    text = _normalise_newlines(text).strip()
    url = _clean(url)
    outlet = _clean(outlet) or _domain(url) or _outlet_from_input(input)
    return RawArticle(
        id=article_id(text),
        input=input,
        outlet=outlet,
        title=_clean(title),
        url=url,
        published=_clean(published),
        text=text,
        format=fmt,
        warnings=list(warnings),
    )


def looks_like_html(text: str) -> bool:
    """True when the start of `text` has ``<!doctype html``, ``<html`` or ``<body``."""
    return _HTML_SNIFF.search(text[:2048]) is not None


def _date_params() -> dict[str, Any]:
    # Only dates from metadata and URLs: free-text date guesses are often wrong.
    return {
        "original_date": True,
        "extensive_search": False,
        "max_date": datetime.now().astimezone().strftime("%Y-%m-%d"),
    }


def _element_text(el: Any) -> str:
    return " ".join("".join(el.itertext()).split())


def _paragraphs_from_body(body: Any) -> list[str]:
    """Paragraph texts of trafilatura's extracted tree (one per block; list items apart)."""
    paragraphs: list[str] = []
    for child in body:
        if not isinstance(child.tag, str):
            continue
        items = list(child.iter("item")) if child.tag == "list" else [child]
        for item in items:
            text = _element_text(item)
            if text:
                paragraphs.append(text)
    return paragraphs


def _extract_html(html: str) -> tuple[str, dict[str, str | None]]:
    """Main text (paragraphs split by blank lines) and metadata of an HTML page."""
    import trafilatura

    doc = trafilatura.bare_extraction(
        html,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        include_images=False,
        date_extraction_params=_date_params(),
    )
    if doc is None:
        return "", {}

    def get(key: str) -> Any:  # trafilatura 1.x returns a dict, 2.x a Document
        return doc.get(key) if isinstance(doc, dict) else getattr(doc, key, None)

    body = get("body")
    paragraphs = _paragraphs_from_body(body) if body is not None else []
    if not paragraphs:
        raw = get("text") or ""
        paragraphs = [" ".join(p.split()) for p in raw.split("\n") if p.strip()]
    keys = ("title", "sitename", "hostname", "url", "date")
    meta = {key: _clean(get(key)) for key in keys}
    return "\n\n".join(paragraphs), meta


_BLOCK_TAGS = (
    "p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table",
    "section", "article", "header", "footer", "blockquote", "pre", "dd", "dt", "figure",
    "figcaption", "aside", "nav", "main", "form",
)  # fmt: skip


def _html_to_plain_text(html: str) -> tuple[str, str | None]:
    """Text of an HTML string with its tags removed (blocks as paragraphs), and its <title>."""
    import lxml.html
    from lxml import etree

    try:
        root = lxml.html.document_fromstring(html)
    except (etree.ParserError, ValueError):
        return "", None
    title_el = root.find(".//title")
    title = _element_text(title_el) if title_el is not None else None
    for el in root.xpath("//script|//style|//noscript|//template|//head"):
        el.drop_tree()
    for el in root.iter(*_BLOCK_TAGS):
        el.tail = "\n\n" + (el.tail or "")
    text = root.text_content()
    lines = (" ".join(line.split()) for line in text.split("\n"))
    text = re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()
    return text, title or None


def from_html(
    html: str,
    *,
    input: str,
    url: str | None = None,
    outlet: str | None = None,
    title: str | None = None,
    published: str | None = None,
    fmt: Format = "html",
) -> RawArticle:
    """Build a `RawArticle` from an HTML page: main text by trafilatura, plus metadata.

    Title, date, site name (or host) and URL come from the page's metadata unless given.
    If no main text is found, the text of the page without tags is used and a warning added.
    """
    html = _XML_UNSAFE.sub("", _normalise_newlines(html))
    # lxml refuses a str that declares an encoding.
    html = _XML_DECLARATION.sub("", html, count=1)
    warnings: list[str] = []
    try:
        text, meta = _extract_html(html)
    except Exception as exc:  # trafilatura/lxml on arbitrary markup; use the fallback
        log.debug("trafilatura failed on %s", input, exc_info=True)
        text, meta = "", {}
        warnings.append(f"HTML extraction failed ({type(exc).__name__})")
    if not text.strip():
        text, fallback_title = _html_to_plain_text(html)
        meta["title"] = meta.get("title") or fallback_title
        warnings.append("no main text found in the HTML; used all of its text")
    url = _clean(url) or meta.get("url")
    site = meta.get("sitename") or meta.get("hostname")
    if site and "." in site and " " not in site:
        site = _domain(site) or site
    return from_text(
        text,
        input=input,
        outlet=_clean(outlet) or site or _domain(url),
        title=_clean(title) or meta.get("title"),
        url=url,
        published=_clean(published) or meta.get("date"),
        fmt=fmt,
        warnings=warnings,
    )


def _from_document(
    content: str,
    *,
    input: str,
    fmt: Format,
    outlet: str | None = None,
    **meta: str | None,
) -> RawArticle:
    if looks_like_html(content):
        return from_html(content, input=input, outlet=outlet, fmt=fmt, **meta)
    return from_text(content, input=input, outlet=outlet, fmt=fmt, **meta)


# ---------------------------------------------------------------- JSONL
class _Bad(Exception):
    """A malformed record; turned into BadRecordError or a Problem by the caller."""


def _report(problem: Problem, problems: list[Problem] | None) -> None:
    if problems is None:
        log.warning("%s", problem)
    else:
        problems.append(problem)


def _parse_line(line: str) -> dict[str, Any]:
    try:
        obj = json.loads(line)
    except (ValueError, RecursionError) as exc:
        reason = (
            exc.msg
            if isinstance(exc, json.JSONDecodeError)
            else str(exc) or "bad value"
        )
        raise _Bad(f"invalid JSON: {reason}") from None
    if not isinstance(obj, dict):
        raise _Bad(f"not a JSON object but {type(obj).__name__}")
    return obj


def _opt_str(obj: dict[str, Any], key: str) -> str | None:
    value = obj.get(key)
    if value is None or isinstance(value, str):
        return value
    raise _Bad(f"{key!r} must be a string, not {type(value).__name__}")


def _record_id(obj: dict[str, Any]) -> str | None:
    value = obj.get("id")
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise _Bad(f"'id' must be a string or an integer, not {type(value).__name__}")
    return str(value).strip() or None


def _cluster_from_obj(
    obj: dict[str, Any],
    line_no: int,
    settings: Settings | None,
    fmt: Format = "cluster",
) -> Cluster:
    cluster_id = _record_id(obj) or f"line{line_no}"
    docs = obj.get("documents")
    if not isinstance(docs, list) or not all(isinstance(d, str) for d in docs):
        raise _Bad("'documents' must be a list of strings")
    if settings is not None and len(docs) > settings.max_articles:
        raise _Bad(
            f"{len(docs)} documents, more than max_articles={settings.max_articles}"
        )
    summary = obj.get("summary")
    if isinstance(summary, list) and all(isinstance(s, str) for s in summary):
        summary = "\n".join(summary)
    if summary is not None and not isinstance(summary, str):
        raise _Bad(f"'summary' must be a string, not {type(summary).__name__}")
    irrelevant = obj.get("irrelevant")
    if irrelevant is not None and not (
        isinstance(irrelevant, list)
        and all(isinstance(i, int) and not isinstance(i, bool) for i in irrelevant)
    ):
        raise _Bad("'irrelevant' must be a list of integers")
    articles = []
    for n, doc in enumerate(docs):
        name = f"{cluster_id}#{n}"
        article = _from_document(doc, input=name, outlet=name, fmt=fmt)
        if not article.text:
            article.warnings.append("empty document")
        articles.append(article)
    return Cluster(
        id=cluster_id, articles=articles, summary=summary, irrelevant=irrelevant
    )


def _article_from_obj(obj: dict[str, Any], source: str, index: int) -> RawArticle:
    rid = _record_id(obj)
    meta = {key: _opt_str(obj, key) for key in ("url", "title", "published")}
    outlet = _opt_str(obj, "outlet")
    text, html = _opt_str(obj, "text"), _opt_str(obj, "html")
    name = f"{source}#{rid if rid is not None else index}"
    if text and text.strip():
        return from_text(text, input=name, outlet=outlet, fmt="jsonl", **meta)
    if html and html.strip():
        return from_html(html, input=name, outlet=outlet, fmt="jsonl", **meta)
    if text is None and html is None:
        raise _Bad("no 'text' or 'html' field")
    raise _Bad("'text'/'html' is empty")


def read_jsonl_articles(
    lines: Iterable[str] | str,
    source: str,
    *,
    skip_bad: bool = False,
    problems: list[Problem] | None = None,
) -> list[RawArticle]:
    """Articles from JSONL: one ``{"id"?, "text"|"html", "url", "outlet", "title",
    "published"}`` per line; a line with ``"documents"`` is a cluster, expanded.

    `input` is ``f"{source}#{id}"``, or ``f"{source}#{n}"`` (n: 0-based index among the
    non-blank lines) without an id. A malformed line raises `BadRecordError` (1-based line);
    with `skip_bad` it is skipped and reported as a `Problem` (see module docstring).
    """
    if isinstance(lines, str):
        lines = _normalise_newlines(lines).split("\n")
    articles: list[RawArticle] = []
    index = 0
    for line_no, line in enumerate(lines, start=1):
        line = line.lstrip("\ufeff").strip()
        if not line:
            continue
        try:
            obj = _parse_line(line)
            if "documents" in obj:
                articles.extend(_cluster_from_obj(obj, line_no, None).articles)
            else:
                articles.append(_article_from_obj(obj, source, index))
        except _Bad as exc:
            if not skip_bad:
                raise BadRecordError(source, line_no, str(exc)) from None
            _report(Problem(source, line_no, str(exc)), problems)
        index += 1
    return articles


# ---------------------------------------------------------------- files
def _refuse_path(path: Path, source: str) -> None:
    try:
        if path.is_dir():
            raise RefusedInput(source, "is a directory")
        if not path.exists():
            raise RefusedInput(source, "no such file")
    except OSError as exc:
        raise RefusedInput(source, f"cannot read: {exc.strerror or exc}") from None


def _read_limited(path: Path, source: str, max_bytes: int) -> bytes:
    """The bytes of `path`, refusing it when larger than `max_bytes` (checked before reading)."""
    _refuse_path(path, source)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise RefusedInput(source, f"too large ({size} bytes, limit {max_bytes})")
        with path.open("rb") as f:
            data = f.read(max_bytes + 1)
    except OSError as exc:
        raise RefusedInput(source, f"cannot read: {exc.strerror or exc}") from None
    if len(data) > max_bytes:
        raise RefusedInput(source, f"too large (over {max_bytes} bytes)")
    return data


def _refuse_binary(data: bytes, source: str) -> None:
    kind = _binary_kind(data)
    if kind is not None:
        raise RefusedInput(source, f"not a text file ({kind})")


def _articles_from_bytes(
    data: bytes,
    source: str,
    *,
    as_jsonl: bool | None,
    fmt: Format,
    skip_bad: bool,
    problems: list[Problem] | None,
) -> list[RawArticle]:
    _refuse_binary(data, source)
    text, _ = decode_bytes(data)
    if not text.strip():
        return []
    if as_jsonl is None:  # sniff: JSONL when every non-blank line starts with "{"
        stripped = [
            line.lstrip("\ufeff \t") for line in text.split("\n") if line.strip()
        ]
        as_jsonl = all(line.startswith("{") for line in stripped)
    if as_jsonl:
        return read_jsonl_articles(text, source, skip_bad=skip_bad, problems=problems)
    if fmt == "html" or looks_like_html(text):
        return [
            from_html(text, input=source, fmt="stdin" if fmt == "stdin" else "html")
        ]
    return [from_text(text, input=source, fmt=fmt)]


def read_file(
    path: str | Path,
    settings: Settings,
    *,
    skip_bad: bool = False,
    problems: list[Problem] | None = None,
) -> list[RawArticle]:
    """Articles of one file: JSONL (``.jsonl``/``.ndjson``), HTML (suffix or sniffed), or text.

    Raises `RefusedInput` for a missing, unreadable, directory, too large (> max_bytes) or
    binary file, `BadRecordError` for a malformed JSONL line unless `skip_bad`.
    An empty or whitespace-only file gives ``[]``.
    """
    source = str(path)
    path = Path(path)
    data = _read_limited(path, source, settings.max_bytes)
    suffix = path.suffix.lower()
    return _articles_from_bytes(
        data,
        source,
        as_jsonl=suffix in JSONL_SUFFIXES,
        fmt="html" if suffix in HTML_SUFFIXES else "text",
        skip_bad=skip_bad,
        problems=problems,
    )


def _iter_lines(stream: IO[bytes], max_line: int) -> Iterator[bytes | None]:
    """Lines of a binary stream; None for a line longer than `max_line` (its rest skipped)."""
    while True:
        line = stream.readline(max_line + 1)
        if not line:
            return
        if len(line) > max_line and not line.endswith(b"\n"):
            while (rest := stream.readline(max_line + 1)) and not rest.endswith(b"\n"):
                pass
            yield None
        else:
            yield line


def _decode_line(line: bytes) -> str:
    try:
        return line.decode("utf-8")
    except UnicodeDecodeError:
        return decode_bytes(line)[0]


def _open_clusters(path: Path, source: str) -> IO[bytes]:
    _refuse_path(path, source)
    try:
        if path.suffix.lower() == ".gz":
            return gzip.open(path, "rb")
        return path.open("rb")
    except OSError as exc:
        raise RefusedInput(source, f"cannot read: {exc.strerror or exc}") from None


def read_clusters(
    path: str | Path,
    settings: Settings,
    *,
    skip_bad: bool = False,
    problems: list[Problem] | None = None,
    stdin: IO[bytes] | None = None,
) -> Iterator[Cluster]:
    """Stream Multi-News-style clusters, one ``{"id", "documents", "summary"?,
    "irrelevant"?}`` per line, from a file (``.gz`` too) or ``"-"`` (stdin).

    Document n of cluster c becomes a `RawArticle` with input and outlet ``"c#n"``; HTML
    documents go through `from_html`. No ``"id"``: ``"line{N}"``. The file is checked
    (exists, not binary) when this is called; lines are read lazily. Each line may be at
    most ``settings.max_bytes`` long. A malformed line raises `BadRecordError`; with
    `skip_bad` it is skipped and reported as a `Problem` (appended to `problems`, or logged).
    """
    source = STDIN_SOURCE if str(path) == "-" else str(path)
    if str(path) == "-":
        stream: IO[bytes] = stdin if stdin is not None else sys.stdin.buffer
        own = False
    else:
        path = Path(path)
        stream = _open_clusters(path, source)
        own = True
        try:
            head = (
                stream.peek(_SNIFF_BYTES)[:_SNIFF_BYTES]
                if hasattr(stream, "peek")
                else b""
            )
            _refuse_binary(head, source)
        except (OSError, EOFError, zlib.error) as exc:
            stream.close()
            raise RefusedInput(source, f"cannot read: {exc}") from None
        except RefusedInput:
            stream.close()
            raise
    return _cluster_stream(stream, own, source, settings, skip_bad, problems)


def _cluster_stream(
    stream: IO[bytes],
    own: bool,
    source: str,
    settings: Settings,
    skip_bad: bool,
    problems: list[Problem] | None,
) -> Iterator[Cluster]:
    try:
        lines = _iter_lines(stream, settings.max_bytes)
        line_no = 0
        while True:
            try:
                raw = next(lines)
            except StopIteration:
                return
            except (OSError, EOFError, zlib.error) as exc:
                raise RefusedInput(
                    source, f"cannot read after line {line_no}: {exc}"
                ) from None
            line_no += 1
            try:
                if raw is None:
                    raise _Bad(f"line longer than max_bytes={settings.max_bytes}")
                text = _decode_line(raw).lstrip("\ufeff").strip()
                if not text:
                    continue
                obj = _parse_line(text)
                if "documents" not in obj:
                    raise _Bad("no 'documents' field")
                cluster = _cluster_from_obj(obj, line_no, settings)
            except _Bad as exc:
                if not skip_bad:
                    raise BadRecordError(source, line_no, str(exc)) from None
                _report(Problem(source, line_no, str(exc)), problems)
                continue
            yield cluster
    finally:
        if own:
            stream.close()


def read_inputs(
    paths: Sequence[str],
    settings: Settings,
    *,
    skip_bad: bool = False,
    stdin: IO[bytes] | None = None,
) -> IngestResult:
    """Read many inputs; ``"-"`` is stdin (JSONL if every non-blank line starts with "{").

    A refused input is collected in ``result.refused`` and the others still read;
    `BadRecordError` propagates unless `skip_bad`. Articles beyond ``settings.max_articles``
    are dropped, each input that loses some noted in ``result.problems``.
    """
    result = IngestResult()
    limit = settings.max_articles
    for name in paths:
        room = limit - len(result.articles)
        if room <= 0:
            result.problems.append(
                Problem(
                    name, None, f"not read: already {limit} articles (max_articles)"
                )
            )
            continue
        try:
            if name == "-":
                articles = _read_stdin(stdin, settings, skip_bad, result.problems)
            else:
                articles = read_file(
                    name, settings, skip_bad=skip_bad, problems=result.problems
                )
        except RefusedInput as exc:
            result.refused.append(exc)
            continue
        if len(articles) > room:
            dropped = len(articles) - room
            result.problems.append(
                Problem(
                    STDIN_SOURCE if name == "-" else name,
                    None,
                    f"{dropped} article(s) ignored: more than max_articles={limit}",
                )
            )
            articles = articles[:room]
        result.articles.extend(articles)
    return result


def _read_stdin(
    stdin: IO[bytes] | None, settings: Settings, skip_bad: bool, problems: list[Problem]
) -> list[RawArticle]:
    stream = stdin if stdin is not None else sys.stdin.buffer
    try:
        data = stream.read(settings.max_bytes + 1)
    except OSError as exc:
        raise RefusedInput(
            STDIN_SOURCE, f"cannot read: {exc.strerror or exc}"
        ) from None
    if len(data) > settings.max_bytes:
        raise RefusedInput(STDIN_SOURCE, f"too large (over {settings.max_bytes} bytes)")
    return _articles_from_bytes(
        data,
        STDIN_SOURCE,
        as_jsonl=None,
        fmt="stdin",
        skip_bad=skip_bad,
        problems=problems,
    )
