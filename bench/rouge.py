"""ROUGE of storyweave's summaries against the references, next to Lead, LexRank, TextRank, LSA
and a greedy ROUGE oracle, on the same clusters, sentences and word budget (storyweave.evaluate).

    python bench/rouge.py ../shared/data/multinews/raw_dev.jsonl
    python bench/rouge.py ../shared/data/multinews/validation.jsonl --limit 300
    python bench/rouge.py FILE --words 200 --baselines lead,oracle --rows --json-out report.json

Prints the table (stderr-free, to stdout) and then the report as JSON (per-cluster rows only
with --rows; --json-out writes the full report, rows included, to a file).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from rich.console import Console

from storyweave.evaluate import BASELINES, evaluate, format_table
from storyweave.settings import Settings


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("file", type=Path, help="Multi-News-style clusters, JSONL (.gz too)")
    ap.add_argument("--limit", type=int, default=None, help="read only the first N clusters")
    ap.add_argument("--words", type=int, default=None, help="word budget [default: Settings().words]")
    ap.add_argument("--baselines", default=",".join(BASELINES), help=f"comma-separated subset of {','.join(BASELINES)}")
    ap.add_argument("--rows", action="store_true", help="include per-cluster rows in the printed JSON")
    ap.add_argument("--json-out", type=Path, default=None, help="write the full JSON report (with rows) here")
    args = ap.parse_args()

    settings = Settings()
    if args.words is not None:
        settings = settings.model_copy(update={"words": args.words})
    baselines = tuple(b.strip() for b in args.baselines.split(",") if b.strip())
    err = Console(stderr=True)
    t0 = time.perf_counter()

    def progress(done: int, cid: str) -> None:
        if done % 25 == 0:
            err.print(f"{done} clusters ({time.perf_counter() - t0:.0f} s)", highlight=False)

    report = evaluate(args.file, settings, limit=args.limit, baselines=baselines, progress=progress)
    Console(width=120).print(format_table(report))
    print(f"total wall-clock {time.perf_counter() - t0:.1f} s for {report.read} clusters read")
    print(report.to_json(rows=args.rows, indent=2))
    if args.json_out:
        args.json_out.write_text(report.to_json(rows=True, indent=2) + "\n", encoding="utf-8")
        print(f"wrote {args.json_out}", file=sys.stderr)


if __name__ == "__main__":
    main()
