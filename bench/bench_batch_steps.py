"""Where a batch job's CPU goes: load, plan and zip of each package, in-process, for N generated companies.

Usage:  python bench/bench_batch_steps.py [--companies 60] [--rounds 3] [--code DIR [--code DIR]]

Each round runs, for each checkout given with --code (default: this one) and in turn, a fresh
process that builds courses/empathy-essentials for the companies of bench_batch.py's
``make_profiles`` to SCORM 1.2 and SCORM 2004 4th, as a batch job does: the course loaded for
each company (through the batch's loader when the checkout has one, pack/batch_load.py), then
``plan`` and the zip of each standard written to a temp file. The first 5 companies warm the
caches and are not counted; the figure is the CPU time (``time.process_time``) of each step
summed over the other companies, per package (a company's load counted half to each of its two
packages). The median of the rounds is printed for each checkout, so a before/after pair is
measured under the same load.
"""
from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "bench"))

from bench_batch import make_profiles  # noqa: E402
from common import machine  # noqa: E402

STANDARDS = ("scorm12", "scorm2004-4")
WARM = 5


def child(code: Path, companies: int) -> dict[str, float]:
    """The steps' CPU per package, in this process, with the checkout ``code`` first on sys.path."""
    sys.path.insert(0, str(code))
    from scorm_builder.pack.plan import plan
    from scorm_builder.pack.writer import discard, stage

    try:
        from scorm_builder.pack.batch_load import CourseLoader
        load = CourseLoader().load
    except ImportError:  # a checkout from before the batch loader
        from scorm_builder.load import load_course as load
    try:
        from scorm_builder.render.environment import templates_fixed
    except ImportError:
        from contextlib import nullcontext as templates_fixed
    work = Path(tempfile.mkdtemp(prefix="sb-bench-steps-"))
    (work / "out").mkdir()
    profiles = make_profiles(work / "companies", companies)
    course = code / "courses" / "empathy-essentials"
    spent = {"load": 0.0, "plan": 0.0, "zip": 0.0}
    with templates_fixed():
        for i, profile in enumerate(profiles):
            t0 = time.process_time()
            loaded = load(course, profile)
            t1 = time.process_time()
            plans = [plan(loaded, standard) for standard in STANDARDS]
            t2 = time.process_time()
            discard([stage(work / "out" / p.name, p.entries) for p in plans])
            t3 = time.process_time()
            if i >= WARM:
                for name, took in (("load", t1 - t0), ("plan", t2 - t1), ("zip", t3 - t2)):
                    spent[name] += took
    packages = (companies - WARM) * len(STANDARDS)
    return {name: took / packages * 1000 for name, took in spent.items()}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--companies", type=int, default=60)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--code", type=Path, action="append")
    ap.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        print(json.dumps(child(args.child, args.companies)))
        return
    codes = [c.resolve() for c in args.code or [REPO]]
    got: dict[Path, list[dict[str, float]]] = {code: [] for code in codes}
    for _ in range(args.rounds):
        for code in codes:
            done = subprocess.run([sys.executable, __file__, "--child", str(code), "--companies", str(args.companies)],
                                  capture_output=True, text=True, check=True, cwd=code)
            got[code].append(json.loads(done.stdout))
    print(f"- Machine: {machine()}")
    print(f"- {args.companies - WARM} companies x {len(STANDARDS)} standards counted, median of {args.rounds} rounds\n")
    print("| code | load | plan | zip and write | total, CPU per package |")
    print("|---|---:|---:|---:|---:|")
    for k, code in enumerate(codes):
        med = {name: statistics.median(r[name] for r in got[code]) for name in ("load", "plan", "zip")}
        print(f"| [{k}] {code} | {med['load']:.1f} ms | {med['plan']:.1f} ms | {med['zip']:.1f} ms | "
              f"{sum(med.values()):.1f} ms |")


if __name__ == "__main__":
    main()
