"""Batch build benchmark: `scorm-builder build COURSE --company '*'` for N generated companies x 2 standards.

Usage:  python bench/bench_batch.py [--companies 500] [--runs 3] [--small 1,2,3,4,8] [--jobs 1,2,default]
                                   [--code DIR [--code DIR]]

Each measurement is a fresh process of the command line (`scorm_builder.cli:main`, byte-code
cached), as a user runs it: wall time, and CPU time of the process and its workers. Medians of
--runs, the commands of one table interleaved so a busy moment hits all of them alike. The
baseline, measured in the same run, is `python -c "import jinja2, yaml, lxml.etree, click"`.
Profiles are generated in a temp folder (nothing is written in the repository). --code DIR runs
another checkout of the project (e.g. `git archive HEAD` unpacked); given twice, the two are
measured in the same run, interleaved, for before/after figures.
"""
from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "bench"))

from common import machine  # noqa: E402

PALETTE = ["#0b5394", "#2e6b3a", "#7a1f5c", "#5b3a8c", "#1f4e79", "#8a3b12", "#264653", "#6a040f"]
BASELINE = [sys.executable, "-c", "import jinja2, yaml, lxml.etree, click"]
STANDARDS = 2  # scorm12 and scorm2004-4, the default


def make_profiles(folder: Path, count: int) -> list[Path]:
    """A library-like profile per company: colour, font, a term, a pass mark, an override using {{ }}."""
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


def subset(profiles: list[Path], count: int, folder: Path) -> Path:
    """A companies folder holding the first ``count`` profiles."""
    folder.mkdir(parents=True)
    for path in profiles[:count]:
        shutil.copy(path, folder / path.name)
    return folder


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def measure(commands: dict[str, list[str]], runs: int, env: dict[str, str], work: Path) -> dict[str, tuple]:
    """Median (wall, CPU) of each command, one warm-up each, the runs interleaved; output folders emptied."""
    walls: dict[str, list[float]] = {name: [] for name in commands}
    cpus: dict[str, list[float]] = {name: [] for name in commands}
    for run in range(runs + 1):
        for name, cmd in commands.items():
            out = work / "out"
            shutil.rmtree(out, ignore_errors=True)
            start, cpu = time.perf_counter(), children_cpu()
            done = subprocess.run([*cmd, *(["-o", str(out)] if cmd is not BASELINE else [])],
                                  capture_output=True, text=True, env=env, cwd=work)
            wall, used = time.perf_counter() - start, children_cpu() - cpu
            if done.returncode:
                raise SystemExit(f"{' '.join(cmd)} failed ({done.returncode}):\n{done.stderr[-2000:]}")
            if run:  # the first round warms the byte-code and file caches
                walls[name].append(wall)
                cpus[name].append(used)
    return {name: (statistics.median(walls[name]), statistics.median(cpus[name])) for name in commands}


def build_command(code: Path, companies: Path, jobs: int | None) -> list[str]:
    """The command line of a batch build with the checkout ``code`` (put first on sys.path)."""
    course = code / "courses" / "empathy-essentials"
    run = f"import sys; sys.path.insert(0, {str(code)!r}); from scorm_builder.cli import main; main()"
    return [sys.executable, "-c", run, "build", str(course), "--company", "*", "--companies-dir", str(companies),
            *([] if jobs is None else ["-j", str(jobs)])]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--companies", type=int, default=500)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--small", default="1,2,3,4,8", help="company counts for the small-batch table")
    ap.add_argument("--jobs", default="1,2,default", help="the -j values of the large table (default: the default)")
    ap.add_argument("--code", type=Path, action="append",
                    help="checkout of the project to run; give it twice (before, after) to compare in one run")
    args = ap.parse_args()
    codes = [c.resolve() for c in args.code or [REPO]]
    work = Path(tempfile.mkdtemp(prefix="sb-bench-batch-"))
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(work / "pycache")
    try:
        profiles = make_profiles(work / "all", args.companies)
        loads = [os.getloadavg()]
        big: dict[str, list[str]] = {"baseline": BASELINE}
        for k, code in enumerate(codes):
            for j in big_jobs(args):
                big[f"{k} {j}"] = build_command(code, work / "all", j)
        got = measure(big, args.runs, env, work)
        small_counts = [int(n) for n in args.small.split(",") if n]
        small: dict[str, list[str]] = {}
        for n in small_counts:
            folder = subset(profiles, n, work / f"some-{n}")
            for k, code in enumerate(codes):
                small.update({f"{k} {n} {j}": build_command(code, folder, j) for j in (1, 2, None)})
        got_small = measure(small, args.runs, env, work)
        loads.append(os.getloadavg())
        report(args, codes, got, got_small, small_counts, loads)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def big_jobs(args) -> list[int | None]:
    return [None if j == "default" else int(j) for j in args.jobs.split(",") if j]


def report(args, codes: list[Path], got: dict, got_small: dict, small_counts: list[int], loads: list) -> None:
    packages = args.companies * STANDARDS
    base_wall, base_cpu = got["baseline"]
    print(f"- Machine: {machine()}")
    print(f"- Load average before: {', '.join(f'{x:.2f}' for x in loads[0])}; after: "
          f"{', '.join(f'{x:.2f}' for x in loads[1])}")
    print(f"- Median of {args.runs} runs, every command of a table interleaved; code: "
          + "; ".join(f"[{k}] {code}" for k, code in enumerate(codes)) + "\n")
    print("| command | wall | CPU | CPU per package | wall ratio | CPU ratio |")
    print("|---|---:|---:|---:|---:|---:|")
    print(f"| baseline `python -c \"import jinja2, yaml, lxml.etree, click\"` | {base_wall:.2f} s | {base_cpu:.2f} s "
          "|  | 1.0 | 1.0 |")
    for k in range(len(codes)):
        for j in big_jobs(args):
            wall, cpu = got[f"{k} {j}"]
            print(f"| [{k}] {args.companies} companies x {STANDARDS} standards, {f'-j {j}' if j else 'default -j'} "
                  f"| {wall:.2f} s | {cpu:.2f} s | {cpu / packages * 1000:.1f} ms | {wall / base_wall:.1f} | "
                  f"{cpu / base_cpu:.1f} |")
    print("\n| code | companies (packages) | -j 1 wall | -j 2 wall | default -j wall | default / -j 1 |")
    print("|---|---|---:|---:|---:|---:|")
    for k in range(len(codes)):
        for n in small_counts:
            one, two, auto = (got_small[f"{k} {n} {j}"][0] for j in (1, 2, None))
            print(f"| [{k}] | {n} ({n * STANDARDS}) | {one * 1000:.0f} ms | {two * 1000:.0f} ms | "
                  f"{auto * 1000:.0f} ms | {auto / one:.2f} |")


if __name__ == "__main__":
    main()
