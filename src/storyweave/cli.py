"""Command line: a thin layer over `storyweave.pipeline` (Typer + rich).

Exit codes: 0 ok, 2 bad input (one-line message on stderr), 3 a model package is missing.
"""

from __future__ import annotations

import json
import sys
from contextlib import contextmanager
from enum import Enum
from importlib import resources
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape

from storyweave.errors import InputError, ModelMissingError
from storyweave.records import Brief, RawArticle
from storyweave.settings import Settings

app = typer.Typer(
    name="storyweave",
    help="Cited, cross-source briefs from several news articles on one story.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
err = Console(stderr=True)


class Format(str, Enum):
    md = "md"
    json = "json"
    html = "html"


def _fail(message: str, code: int = 2) -> None:
    err.print(f"[bold red]error:[/] {escape(message)}", highlight=False, soft_wrap=True)
    raise typer.Exit(code)


def _warn(message: str) -> None:
    # Article-derived text: escaped so that "[...]" in it is not read as rich markup.
    err.print(f"[yellow]warning:[/] {escape(message)}", highlight=False, soft_wrap=True)


@contextmanager
def _errors():
    try:
        yield
    except InputError as e:
        _fail(str(e).splitlines()[0] if str(e) else type(e).__name__)
    except ModelMissingError as e:
        _fail(str(e), code=3)


def _settings(words: int | None, max_bytes: int | None) -> Settings:
    s = Settings()
    update = {k: v for k, v in {"words": words, "max_bytes": max_bytes}.items() if v is not None}
    return s.model_copy(update=update) if update else s


def _emit(brief: Brief, fmt: Format, out: Path | None) -> None:
    from storyweave.render import print_brief, render

    if out is None and fmt is Format.md and sys.stdout.isatty():
        print_brief(brief, Console())
        return
    text = render(brief, fmt.value)
    if out is None:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
    else:
        try:
            out.write_text(text if text.endswith("\n") else text + "\n", encoding="utf-8")
        except OSError as e:
            _fail(f"cannot write {out}: {e.strerror or e}")
        err.print(f"wrote {escape(str(out))}", highlight=False)


def _run_one(articles_or_paths, settings: Settings, skip_bad: bool) -> Brief:
    from storyweave.pipeline import brief_files, build_brief

    with err.status("reading", spinner="dots") as status:
        progress = lambda msg: status.update(msg)  # noqa: E731
        if articles_or_paths and isinstance(articles_or_paths[0], RawArticle):
            brief = build_brief(articles_or_paths, settings, progress=progress)
        else:
            brief = brief_files(articles_or_paths, settings, skip_bad=skip_bad, progress=progress)
    for w in brief.warnings:
        _warn(w)
    return brief


WordsOpt = Annotated[int | None, typer.Option("--words", "-w", min=20, max=5000, help="Word budget of the summary (default 250, or STORYWEAVE_WORDS).")]
FormatOpt = Annotated[Format, typer.Option("--format", "-f", help="Output format: md (terminal/Markdown), json (storyweave.brief/1), html.")]
OutOpt = Annotated[Path | None, typer.Option("--output", "-o", help="Write to this file instead of stdout.", dir_okay=False)]


@app.command()
def brief(
    files: Annotated[list[str] | None, typer.Argument(help="Article files: text, HTML or JSONL articles; '-' reads stdin.", show_default=False)] = None,
    fmt: FormatOpt = Format.md,
    words: WordsOpt = None,
    output: OutOpt = None,
    input_: Annotated[Path | None, typer.Option("--input", "-i", help="Multi-News-style clusters JSONL ({id, documents}); one JSON brief per line.", dir_okay=False)] = None,
    skip_bad: Annotated[bool, typer.Option("--skip-bad", help="Skip malformed JSONL lines instead of stopping.")] = False,
    max_bytes: Annotated[int | None, typer.Option("--max-bytes", min=1, help="Refuse input files larger than this many bytes (default 5 MB, or STORYWEAVE_MAX_BYTES).")] = None,
) -> None:
    """Make a brief of one story from FILES, or of every cluster in --input."""
    settings = _settings(words, max_bytes)
    with _errors():
        if input_ is not None:
            if files:
                _fail("give either FILES or --input, not both")
            _clusters(input_, settings, skip_bad, output)
            return
        if not files:
            _fail("no input files given (see storyweave brief --help)")
        _emit(_run_one(files, settings, skip_bad), fmt, output)


def _clusters(path: Path, settings: Settings, skip_bad: bool, output: Path | None) -> None:
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from storyweave.errors import NoInputError
    from storyweave.ingest import Problem, read_clusters
    from storyweave.pipeline import build_brief

    problems: list[Problem] = []
    # read_clusters checks the input file now: a bad --input must not truncate an existing -o file.
    clusters = read_clusters(str(path), settings, skip_bad=skip_bad, problems=problems)
    try:
        sink = open(output, "w", encoding="utf-8") if output else sys.stdout  # noqa: SIM115
    except OSError as e:
        _fail(f"cannot write {output}: {e.strerror or e}")
    done = 0
    try:
        with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), console=err, transient=True) as bar:
            task = bar.add_task("clusters", total=None)
            for cluster in clusters:
                articles = [a for a in cluster.articles if a.text.strip()]
                if not articles:
                    _warn(f"cluster {cluster.id}: no article text; skipped")
                    continue
                try:
                    b = build_brief(articles, settings)
                except NoInputError as e:
                    _warn(f"cluster {cluster.id}: {e}")
                    continue
                b = b.model_copy(update={"story": b.story.model_copy(update={"id": cluster.id})})
                sink.write(json.dumps(b.to_json_dict(), ensure_ascii=False) + "\n")
                done += 1
                bar.advance(task)
    finally:
        if output:
            sink.close()
    for p in problems:
        _warn(str(p))
    if done == 0:
        _fail(f"{path}: no clusters with article text")
    if output:
        err.print(f"wrote {done} briefs to {output}", highlight=False)


def example_articles() -> list[RawArticle]:
    """The bundled fictional example story, with its metadata from manifest.json."""
    from storyweave.ingest import read_file

    root = resources.files("storyweave") / "examples"
    manifest = json.loads((root / "manifest.json").read_text(encoding="utf-8"))
    out: list[RawArticle] = []
    with resources.as_file(root) as folder:
        for entry in manifest:
            for art in read_file(Path(folder) / entry["file"], Settings()):
                meta = {k: entry[k] for k in ("outlet", "url", "title", "published") if entry.get(k)}
                out.append(art.model_copy(update={**meta, "input": f"examples/{entry['file']}"}))
    return out


@app.command()
def demo(fmt: FormatOpt = Format.md, words: WordsOpt = None, output: OutOpt = None) -> None:
    """Brief of the bundled example story (six fictional articles, one off-topic). No network."""
    settings = _settings(words, None)
    with _errors():
        _emit(_run_one(example_articles(), settings, False), fmt, output)


EvalBaselinesOpt = Annotated[
    str,
    typer.Option("--baselines", "-b", help="Comma-separated baselines to run beside storyweave: lead, lexrank, textrank, lsa, oracle ('' for none)."),
]


@app.command("eval")
def eval_(
    file: Annotated[Path, typer.Argument(help="Multi-News-style clusters JSONL ({id, documents, summary, irrelevant?}; .gz too).", dir_okay=False, show_default=False)],
    limit: Annotated[int | None, typer.Option("--limit", "-n", min=1, help="Read only the first N clusters of FILE (a fixed slice).")] = None,
    words: WordsOpt = None,
    baselines: EvalBaselinesOpt = "lead,lexrank,textrank,lsa,oracle",
    json_: Annotated[bool, typer.Option("--json", help="Print the report as JSON (without per-cluster rows) instead of the table.")] = False,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Also write the full JSON report, per-cluster rows included, to this file.", dir_okay=False)] = None,
    skip_bad: Annotated[bool, typer.Option("--skip-bad", help="Skip malformed JSONL lines instead of stopping.")] = False,
    full_brief: Annotated[bool, typer.Option("--full-brief", help="Make and time storyweave's whole brief, cross-source view included (the summary then also keeps one sentence per fact group: raw_dev ROUGE within 0.1).")] = False,
) -> None:
    """ROUGE-1/2/Lsum of storyweave's summaries against the references in FILE, beside Lead, LexRank, TextRank, LSA and a ROUGE oracle (needs the eval extra: pip install "storyweave[eval]")."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from storyweave.evaluate import evaluate, format_table

    settings = _settings(words, None)
    names = tuple(b.strip() for b in baselines.split(",") if b.strip())
    with _errors():
        with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), console=err, transient=True) as bar:
            task = bar.add_task("clusters", total=limit)
            report = evaluate(
                file, settings, limit=limit, baselines=names, skip_bad=skip_bad, full_brief=full_brief,
                progress=lambda done, _cid: bar.update(task, completed=done),
            )
    for p in report.problems:
        _warn(str(p))
    if json_:
        sys.stdout.write(report.to_json(rows=False, indent=2) + "\n")
    else:
        Console().print(format_table(report))
    if output is not None:
        output.write_text(report.to_json(rows=True, indent=2) + "\n", encoding="utf-8")
        err.print(f"wrote {output}", highlight=False)


@app.command()
def version() -> None:
    """Print the version."""
    from storyweave import __version__

    typer.echo(__version__)


def main() -> None:
    app()


if __name__ == "__main__":
    main()
