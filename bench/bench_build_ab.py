"""The CLI build of courses/empathy-essentials with two checkouts of the project, against the baseline, in one run.

Usage:  python bench/bench_build_ab.py --code BEFORE --code AFTER [--runs 15]

Each command is a fresh process, `python -c "...; from scorm_builder.cli import main; main()" build
CODE/courses/empathy-essentials` with the checkout CODE first on sys.path (both standards, then
`-s scorm12`), byte-code cached (PYTHONPYCACHEPREFIX in a temp folder), run from a temp folder;
one warm-up round, then the runs of every command interleaved with the baseline
`python -c "import jinja2, yaml, lxml.etree, click"`. Medians of wall and CPU time (user + system)
and their ratios to the baseline's.
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

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import machine  # noqa: E402

BASELINE = [sys.executable, "-c", "import jinja2, yaml, lxml.etree, click"]


def cli(code: Path, out: Path, *args: str) -> list[str]:
    run = f"import sys; sys.path.insert(0, {str(code)!r}); from scorm_builder.cli import main; main()"
    return [sys.executable, "-c", run, "build", str(code / "courses" / "empathy-essentials"), "-o", str(out), *args]


def cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--code", type=Path, action="append", required=True)
    ap.add_argument("--runs", type=int, default=15)
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="sb-bench-ab-"))
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(work / "pycache")
    commands = {"baseline `python -c \"import jinja2, yaml, lxml.etree, click\"`": BASELINE}
    for k, code in enumerate(c.resolve() for c in args.code):
        commands[f"[{k}] build (scorm12 + scorm2004-4)"] = cli(code, work / "out")
        commands[f"[{k}] build -s scorm12"] = cli(code, work / "out", "-s", "scorm12")
    times: dict[str, tuple[list[float], list[float]]] = {name: ([], []) for name in commands}
    load = os.getloadavg()
    try:
        for run in range(args.runs + 1):
            for name, cmd in commands.items():
                shutil.rmtree(work / "out", ignore_errors=True)
                start, used = time.perf_counter(), cpu()
                subprocess.run(cmd, env=env, cwd=work, check=True, capture_output=True)
                if run:  # the first round warms the byte-code and file caches
                    times[name][0].append(time.perf_counter() - start)
                    times[name][1].append(cpu() - used)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"- Machine: {machine()}")
    print(f"- Load average before: {', '.join(f'{x:.2f}' for x in load)}; after: "
          f"{', '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print(f"- Median of {args.runs} runs, interleaved; code: "
          + "; ".join(f"[{k}] {c}" for k, c in enumerate(args.code)) + "\n")
    print("| command | wall | CPU | wall ratio | CPU ratio |")
    print("|---|---:|---:|---:|---:|")
    base_wall, base_cpu = (statistics.median(x) for x in next(iter(times.values())))
    for name, (walls, cpus) in times.items():
        wall, used = statistics.median(walls), statistics.median(cpus)
        print(f"| {name} | {wall * 1000:.0f} ms | {used * 1000:.0f} ms | {wall / base_wall:.2f} | "
              f"{used / base_cpu:.2f} |")


if __name__ == "__main__":
    main()
