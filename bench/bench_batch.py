"""Batch build benchmark: N companies x 2 standards of the essentials course, 1 and 2 worker processes.

Usage:  python bench/bench_batch.py [--companies 100] [--runs 3]
Prints the median wall time per worker count, the time per package and the speed-up.
"""
from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from scorm_builder.pack.batch import build_matrix  # noqa: E402

PALETTE = ["#0b5394", "#2e6b3a", "#7a1f5c", "#5b3a8c", "#1f4e79", "#8a3b12", "#264653", "#6a040f"]


def make_profiles(folder: Path, count: int) -> list[Path]:
    """A library-like profile per company (same course copied beside them so includes resolve)."""
    folder.mkdir(parents=True)
    paths = []
    for i in range(count):
        path = folder / f"co{i:03d}.yaml"
        path.write_text(
            f"id: co{i:03d}\nname: Company {i}\nbranding:\n  primary: \"{PALETTE[i % len(PALETTE)]}\"\n"
            f"  font: {('system', 'humanist', 'transitional')[i % 3]}\n"
            f"terms: {{agent: advisor {i}}}\npass_mark: {70 + i % 20}\n"
            "overrides:\n  - id: timing-on-hold\n    set: {title: \"On hold at {{ company.name }}\"}\n",
            encoding="utf-8")
        paths.append(path)
    return paths


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--companies", type=int, default=100)
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="sb-bench-batch-"))
    try:
        profiles = make_profiles(work / "companies", args.companies)
        course = REPO / "courses" / "empathy-essentials"
        packages = args.companies * 2
        medians = {}
        for workers in (1, 2):
            times = []
            for run in range(args.runs):
                out = work / f"out-{workers}-{run}"
                start = time.perf_counter()
                entries, failures = build_matrix([course], profiles, ["scorm12", "scorm2004-4"], out, workers=workers)
                times.append(time.perf_counter() - start)
                assert not failures and len(entries) == packages, failures[:1]
                shutil.rmtree(out)
            medians[workers] = statistics.median(times)
            print(f"workers={workers}: median {medians[workers]:.2f} s for {packages} packages "
                  f"({medians[workers] / packages * 1000:.1f} ms per package; runs: "
                  f"{', '.join(f'{t:.2f}' for t in times)})")
        print(f"speed-up from 1 to 2 workers: {medians[1] / medians[2]:.2f}x on {os.cpu_count()} cores")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
