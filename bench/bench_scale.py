"""Scale benchmark: load, validate and build a synthetic course of N pages, each stage in a fresh process.

Usage:  python bench/bench_scale.py [--pages 100 1000 5000] [--layout one-file|includes] [--stages ...]
        python bench/bench_scale.py --write DIR --pages 5000   # only write the course, to profile it

The course (made in a temp folder) has lessons of 10 pages: text pages (a Markdown body with
``{{ company.name }}`` and ``{{ terms.agent }}``, a callout) and scenario pages (3 options and
feedback), 1 in 5 pages a scenario, and a 10-question assessment. ``one-file`` writes it all
in course.yaml; ``includes`` writes each lesson to its own file under lessons/, included from
course.yaml. Each stage runs in its own child process, so its figures are its own:

- **load**: ``load_yaml`` + ``expand_includes`` (YAML -> positioned tree, stage 1);
- **validate**: ``load_course`` (stage 1 + substitution + checks -> the Course model);
- **build**: ``pack.pipeline.build`` for SCORM 1.2 (load, validate, render, zip).

Printed per stage: CPU seconds (user + system) of the stage itself (imports excluded), wall
seconds, peak RSS of the child (MB, includes the ~50 MB of the interpreter and imports) and
CPU microseconds per page. The median of ``--runs`` runs. The build caches are off in the
children (``SCORM_BUILDER_CACHE_DIR=""``), so each run is a first build.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PAGES_PER_LESSON = 10
STAGES = ("load", "validate", "build")

HEAD = """\
id: bench
title: Scale benchmark
version: "1.0.0"
language: en
description: A synthetic course for the scale benchmark.
company_name: Example Mobile
terms: {agent: advisor}
principles:
  - id: timing
    title: Respond within seconds of the emotional cue
"""


def text_page(n: int) -> str:
    return f"""\
      - type: text
        id: page-{n}
        title: Page {n} at {{{{ company.name }}}}
        body: |
          Customers remember **how you made them feel** (page {n}).
          An {{{{ terms.agent }}}} names the feeling first, then solves the problem.

          - listen to the whole sentence
          - name the feeling in your own words
        callout:
          style: tip
          text: Acknowledge the feeling before you fix the problem.
"""


def scenario_page(n: int) -> str:
    return f"""\
      - type: scenario
        id: page-{n}
        title: The late refund {n}
        channel: chat
        customer:
          name: Sam
          says: I was promised my refund a week ago and it still isn't here!
          mood: upset
        prompt: What do you write first?
        principle: timing
        options:
          - text: A week is a long time to wait for your own money. Let me find out where it is right now.
            verdict: best
            feedback: It names the feeling at once and moves straight to action.
          - text: Can you confirm your order number?
            verdict: acceptable
            feedback: Needed, but it skips the frustration Sam just expressed.
          - text: I apologize for any inconvenience.
            verdict: poor
            feedback: A stock phrase that sounds scripted and doesn't address the wait.
"""


def lesson(index: int, first_page: int, count: int, indent: str = "  ") -> str:
    pages = "".join(scenario_page(n) if n % 5 == 4 else text_page(n)
                    for n in range(first_page, first_page + count))
    body = f"- id: lesson-{index}\n  title: Lesson {index}\n  pages:\n" + pages
    return "".join(indent + line if line.strip() else line for line in body.splitlines(keepends=True))


ASSESSMENT = "assessment:\n  pass_mark: 80\n  questions:\n" + "".join(f"""\
    - id: q-{i}
      type: single-choice
      text: When should you acknowledge a customer's emotion ({i})?
      choices:
        - text: Within seconds of the cue
          correct: true
        - text: At the end of the call
          feedback: By then the moment has passed.
""" for i in range(10))


def write_course(folder: Path, pages: int, layout: str) -> Path:
    """The synthetic course of ``pages`` pages in ``folder``/courses/bench; returns that folder."""
    course = folder / "courses" / "bench"
    (course / "lessons").mkdir(parents=True, exist_ok=True)
    parts = [HEAD, "lessons:\n"]
    for index, first in enumerate(range(0, pages, PAGES_PER_LESSON)):
        count = min(PAGES_PER_LESSON, pages - first)
        if layout == "includes":
            text = lesson(index, first, count, indent="")
            (course / "lessons" / f"lesson-{index}.yaml").write_text(
                "lessons:\n" + "".join("  " + l if l.strip() else l for l in text.splitlines(keepends=True)),
                encoding="utf-8")
            parts.append(f"  - include: lessons/lesson-{index}.yaml\n")
        else:
            parts.append(lesson(index, first, count))
    parts.append(ASSESSMENT)
    (course / "course.yaml").write_text("".join(parts), encoding="utf-8")
    return course


CHILD = """\
import json, resource, sys, time
from pathlib import Path
sys.path.insert(0, {repo!r})
stage, course, out = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3])
from scorm_builder.load import load_course
from scorm_builder.errors import Collector
from scorm_builder.pack.pipeline import build
from scorm_builder.source.include import expand_includes
from scorm_builder.source.loader import load_yaml
def run():
    if stage == "load":
        ctx = Collector()
        expand_includes(load_yaml(course / "course.yaml"), course, ctx)
        assert not ctx.problems, ctx.problems[:3]
    elif stage == "validate":
        load_course(course)
    else:
        build([course], ["scorm12"], out)
usage = lambda: (lambda r: r.ru_utime + r.ru_stime)(resource.getrusage(resource.RUSAGE_SELF))
cpu, wall = usage(), time.perf_counter()
run()
cpu, wall = usage() - cpu, time.perf_counter() - wall
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({{"cpu": cpu, "wall": wall, "rss": rss}}))
"""


def measure(stage: str, course: Path, out: Path) -> dict[str, float]:
    """One run of ``stage`` in a child process: its CPU and wall seconds and peak RSS in MB."""
    # caches off (render/template_cache.py): every run parses every text, as a first build does
    env = {**os.environ, "PYTHONHASHSEED": "0", "SCORM_BUILDER_CACHE_DIR": ""}
    done = subprocess.run([sys.executable, "-c", CHILD.format(repo=str(REPO)), stage, str(course), str(out)],
                          capture_output=True, text=True, env=env, check=False)
    if done.returncode != 0:
        raise SystemExit(f"{stage} failed on {course}:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pages", type=int, nargs="+", default=[100, 1000, 5000])
    ap.add_argument("--layout", choices=("one-file", "includes"), default="one-file")
    ap.add_argument("--stages", nargs="+", choices=STAGES, default=list(STAGES))
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--write", type=Path, help="only write the course into this folder and print its path")
    args = ap.parse_args()
    if args.write:
        print(write_course(args.write, args.pages[0], args.layout))
        return
    print(f"layout: {args.layout}; median of {args.runs} runs; each stage in its own process")
    print(f"{'pages':>6} {'stage':<9} {'cpu s':>7} {'wall s':>7} {'peak MB':>8} {'cpu us/page':>12}")
    with tempfile.TemporaryDirectory(prefix="sb-bench-scale-") as tmp:
        for pages in args.pages:
            course = write_course(Path(tmp) / str(pages), pages, args.layout)
            for stage in args.stages:
                runs = [measure(stage, course, Path(tmp) / "out") for _ in range(args.runs)]
                cpu = statistics.median(r["cpu"] for r in runs)
                wall = statistics.median(r["wall"] for r in runs)
                rss = statistics.median(r["rss"] for r in runs)
                print(f"{pages:>6} {stage:<9} {cpu:>7.2f} {wall:>7.2f} {rss:>8.0f} {cpu / pages * 1e6:>12.0f}")


if __name__ == "__main__":
    main()
