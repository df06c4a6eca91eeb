"""Wall-clock time of `storyweave brief` on the seed articles, as a user runs it (new process,
models loaded from scratch), median of N runs; with and without the cross-source view.

    python bench/timing.py [--runs 5] [--format json]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEEDS = sorted((ROOT.parent / "shared" / "seeds").glob("*.txt"))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--format", default="json")
    args = ap.parse_args()
    exe = Path(sys.executable).parent / "storyweave"
    cmd = [str(exe), "brief", *map(str, SEEDS), "--format", args.format, "-o", os.devnull]
    for label, env in (("full brief", {}), ("summary only (STORYWEAVE_CROSS_SOURCE=0)", {"STORYWEAVE_CROSS_SOURCE": "0"})):
        times = []
        for _ in range(args.runs):
            t = time.perf_counter()
            subprocess.run(cmd, check=True, capture_output=True, env={**os.environ, **env})
            times.append(time.perf_counter() - t)
        print(f"storyweave brief <5 seeds> --format {args.format}, {label}: median {statistics.median(times):.2f} s, "
              f"min {min(times):.2f} s, max {max(times):.2f} s over {args.runs} runs on {os.cpu_count()} cores")


if __name__ == "__main__":
    main()
