"""Build speed: in-process build, the whole `scorm-builder build` process, against a bare-import baseline.

Run from the repository root:

    python bench/bench_build.py            # 15 runs per measurement
    python bench/bench_build.py --runs 31 --markdown

Measurements, each the median of N runs of wall time and, beside it, of CPU time (user +
system; it hardly changes when other programs share the machine, so it shows the
program's own cost). The runs of the process measurements are interleaved, so a busy
moment on the machine hits all of them alike:

- in-process: ``build.build([course], [standard], tmp)`` = load + plan + zip, after one
  warm-up build (imports done, Jinja environment cached), plus the three stages apart;
- process: ``scorm-builder build COURSE -s scorm12`` and ``scorm-builder build COURSE``
  (both default standards), run through the installed console script;
- baseline: ``python -c "import jinja2, yaml, lxml.etree, click"``, plus a bare
  ``python -c pass`` for reference.

Courses: the scaffolded demo (``scorm-builder new demo`` in a temp folder) and
courses/empathy-essentials when the checkout has it. Nothing is written outside a
temp folder. Targets are those of issue 2, section 6: in-process < 30 ms, one standard
< 0.25 s, both < 0.3 s. Each gets two verdicts: the wall time against the target, and the
CPU time's ratio to the baseline's CPU time against the target's ratio to the 0.1 s the
issue gives for the baseline (x0.3, x2.5, x3.0), which still means something when other
jobs load the machine. The exit status is 1 when a ratio is missed.
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
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable, Sequence

from common import console_script, machine  # noqa: E402  (bench/common.py)

REPO = Path(__file__).resolve().parent.parent
EXTRA_COURSES = ("empathy-essentials",)
TARGET_IN_PROCESS = 0.030
TARGET_ONE = 0.25
TARGET_BOTH = 0.30
ASSUMED_BASELINE = 0.100  # "Python itself costs about 0.1 s here to start and import ..." (issue 2)
BASELINE = "import jinja2, yaml, lxml.etree, click"


Timing = tuple[float, float]  # median seconds: wall, CPU


def median_of(func: Callable[[], object], runs: int) -> Timing:
    walls, cpus = [], []
    for _ in range(runs):
        start, cpu = time.perf_counter(), time.process_time()
        func()
        walls.append(time.perf_counter() - start)
        cpus.append(time.process_time() - cpu)
    return statistics.median(walls), statistics.median(cpus)



def shim() -> str | None:
    """The `scorm-builder` found first on PATH, when it is a different file (a version-manager shim)."""
    found = shutil.which("scorm-builder")
    if found and Path(found).resolve() != Path(console_script()[0]).resolve():
        return found
    return None


def courses(work: Path) -> list[Path]:
    demo_parent = work / "courses"
    subprocess.run([*console_script(), "new", "demo", "-d", str(demo_parent)], check=True,
                   capture_output=True, cwd=work)
    found = [demo_parent / "demo"]
    found += [REPO / "courses" / name for name in EXTRA_COURSES if (REPO / "courses" / name / "course.yaml").is_file()]
    return found


def in_process(course: Path, out: Path, runs: int) -> dict[str, Timing]:
    """Median seconds of a whole in-process build and of each stage, for one standard.

    One warm-up build first (imports, the Jinja environment and its compiled templates,
    the Markdown parser). The per-process caches of parsed YAML files and rendered
    Markdown are emptied before every run, so each run reads and renders the course as
    a first build (or a build after an edit) would; "again" keeps them, as a second
    build of the same unchanged course in one process.
    """
    from scorm_builder.load import load_course
    from scorm_builder.pack.pipeline import build
    from scorm_builder.pack.plan import plan
    from scorm_builder.pack.writer import zip_bytes_to
    from scorm_builder.render import markdown
    from scorm_builder.source import loader

    def forget() -> None:
        # whichever of these the measured code has: rendered Markdown (per text), parsed YAML (per file)
        for name in ("_parsed", "_rendered"):
            cached = getattr(getattr(markdown, name, None), "cache_clear", None)
            if cached is not None:
                cached()
        for clear in (getattr(loader, "clear_cache", None), getattr(getattr(loader, "_PARSED", None), "clear", None)):
            if clear is not None:
                clear()

    build([course], ["scorm12"], out)
    loaded = load_course(course)
    planned = plan(loaded, "scorm12")
    target = out / planned.name
    return {
        "build": median_of(lambda: (forget(), build([course], ["scorm12"], out)), runs),
        "again": median_of(lambda: build([course], ["scorm12"], out), runs),
        "load": median_of(lambda: (forget(), load_course(course)), runs),
        "plan": median_of(lambda: (forget(), plan(loaded, "scorm12")), runs),
        "zip": median_of(lambda: zip_bytes_to(planned.files, target), runs),
    }


def bytecode_env(cache: Path) -> dict[str, str]:
    """The environment with byte-code caching on, as after a normal install.

    PYTHONDONTWRITEBYTECODE=1 (set in some sandboxes) would make every run compile the
    project's modules again; PYTHONPYCACHEPREFIX keeps the cache in the temp folder.
    """
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(cache)
    return env


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def processes(commands: dict[str, list[str]], runs: int, cwd: Path,
              env: dict[str, str] | None = None) -> dict[str, Timing]:
    """Median wall and CPU time of each command; one warm-up each, then the runs interleaved."""
    walls: dict[str, list[float]] = {name: [] for name in commands}
    cpus: dict[str, list[float]] = {name: [] for name in commands}
    for cmd in commands.values():
        warm = subprocess.run(cmd, capture_output=True, text=True, cwd=cwd, env=env)
        if warm.returncode:
            raise SystemExit(f"{' '.join(cmd)} failed (exit status {warm.returncode}):\n{warm.stderr}")
    for _ in range(runs):
        for name, cmd in commands.items():
            start, cpu = time.perf_counter(), _children_cpu()
            subprocess.run(cmd, check=True, capture_output=True, cwd=cwd, env=env)
            walls[name].append(time.perf_counter() - start)
            cpus[name].append(_children_cpu() - cpu)
    return {name: (statistics.median(walls[name]), statistics.median(cpus[name])) for name in commands}



def load_average() -> str:
    try:
        return ", ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        return "n/a"


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms" if seconds >= 0.0995 else f"{seconds * 1000:.1f} ms"


def verdict(value: Timing, target: float, base: Timing) -> str:
    """The wall time against the absolute target, and the CPU time as a ratio to the
    baseline's against the same target as a ratio to the 0.1 s the issue assumed for the
    baseline: the second holds on a machine shared with other jobs, where wall times
    stretch with the load."""
    wall = "met" if value[0] < target else "missed"
    ratio = "met" if value[1] / base[1] < target / ASSUMED_BASELINE else "MISSED"
    return f"wall {wall}; CPU ratio {ratio}"


def run(runs: int, markdown: bool) -> int:
    py = sys.executable
    script = console_script()
    load_before = load_average()
    with tempfile.TemporaryDirectory(prefix="bench-build-") as tmp:
        work = Path(tmp)
        found = courses(work)
        commands: dict[str, list[str]] = {"baseline": [py, "-c", BASELINE], "python": [py, "-c", "pass"]}
        for course in found:
            out = str(work / "out" / course.name)
            commands[f"{course.name}:one"] = [*script, "build", str(course), "-s", "scorm12", "-o", out]
            commands[f"{course.name}:both"] = [*script, "build", str(course), "-o", out]
        started = time.perf_counter()
        inproc = {course.name: in_process(course, work / "in" / course.name, runs) for course in found}
        proc = processes(commands, runs, work, bytecode_env(work / "pycache"))
        extra: dict[str, Timing] = {}
        first_one = commands[f"{found[0].name}:one"]
        if os.environ.get("PYTHONDONTWRITEBYTECODE"):
            as_is = processes({"baseline": commands["baseline"], "one": first_one}, runs, work)
            extra.update({f"nobytecode:{k}": v for k, v in as_is.items()})
        front = shim()
        if front:
            via = processes({"baseline": commands["baseline"], "one": [front, *first_one[len(script):]]},
                            runs, work, bytecode_env(work / "pycache"))
            extra.update({f"shim:{k}": v for k, v in via.items()})
        last = found[-1].name  # empathy-essentials when the checkout has it
        cold_env = {**bytecode_env(work / "pycache"), "SCORM_BUILDER_CACHE_DIR": ""}
        cold = processes({"baseline": commands["baseline"], "one": commands[f"{last}:both"]}, runs, work, cold_env)
        extra.update({f"cold:{k}": v for k, v in cold.items()})
        elapsed = time.perf_counter() - started

    base, base_cpu = proc["baseline"]
    rows: list[tuple[str, ...]] = [
        (f"baseline `python -c \"{BASELINE}\"`", ms(base), ms(base_cpu), "1.00", "1.00", "", ""),
        ("bare `python -c pass` (reference)", *_cells(proc["python"], proc["baseline"]), "", ""),
    ]
    missed = False
    for course in found:
        name, stages = course.name, inproc[course.name]
        ok = verdict(stages["build"], TARGET_IN_PROCESS, proc["baseline"])
        missed |= "MISSED" in ok
        rows.append((f"{name}: in-process build, scorm12 (load {ms(stages['load'][0])}, plan "
                     f"{ms(stages['plan'][0])}, zip {ms(stages['zip'][0])})",
                     *_cells(stages["build"], proc["baseline"]), "< 30 ms, x0.3", ok))
        rows.append((f"{name}: in-process build again, unchanged course (parsed YAML and Markdown cached)",
                     *_cells(stages["again"], proc["baseline"]), "", ""))
        for kind, label, target, shown in (("one", "-s scorm12", TARGET_ONE, "< 0.25 s, x2.5"),
                                           ("both", "(scorm12 + scorm2004-4)", TARGET_BOTH, "< 0.3 s, x3.0")):
            value = proc[f"{name}:{kind}"]
            ok = verdict(value, target, proc["baseline"])
            missed |= "MISSED" in ok
            rows.append((f"{name}: `scorm-builder build {label}` process", *_cells(value, proc["baseline"]),
                         shown, ok))
    for key, command, label in (
            ("nobytecode", f"{found[0].name}: `scorm-builder build -s scorm12`", "with PYTHONDONTWRITEBYTECODE=1 "
             "as set here: the project's modules compiled on every run"),
            ("shim", f"{found[0].name}: `scorm-builder build -s scorm12`", f"through the PATH shim {front}"),
            ("cold", f"{found[-1].name}: `scorm-builder build (scorm12 + scorm2004-4)`", "with the build caches off "
             "(SCORM_BUILDER_CACHE_DIR=\"\"): a first build, every template compiled and every text parsed")):
        if f"{key}:one" in extra:
            own_base = extra[f"{key}:baseline"]
            rows.append((f"{command} {label} (not counted; ratios to its own baseline run, {ms(own_base[0])})",
                         *_cells(extra[f"{key}:one"], own_base), "", ""))

    stamp = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    header = [
        f"Date: {stamp}",
        f"Machine: {machine()}",
        f"Load average (1, 5, 15 min) before: {load_before}; after: {load_average()}",
        f"Command: `python bench/bench_build.py --runs {runs}" + (" --markdown" if markdown else "") + "`",
        f"Console script: `{' '.join(script)}`",
        f"Median of {runs} runs each, process runs interleaved; wall time {elapsed:.0f} s.",
    ]
    titles = ("measurement", "wall", "CPU", "wall ratio", "CPU ratio", "target", "verdict")
    if markdown:
        print("\n".join(f"- {line}" for line in header))
        print()
        print("| " + " | ".join(titles) + " |")
        print("|---|---:|---:|---:|---:|---|---|")
        for row in rows:
            print("| " + " | ".join(row) + " |")
    else:
        print("\n".join(header).replace("`", ""))
        print()
        width = max(len(r[0]) for r in rows)
        for what, wall, cpu, wall_ratio, cpu_ratio, target, ok in [titles, *rows]:
            print(f"{what.replace('`', ''):<{width}}  {wall:>8}  {cpu:>8}  {wall_ratio:>10}  {cpu_ratio:>9}  "
                  f"{target:<16} {ok}")
    return 1 if missed else 0


def _cells(value: Timing, base: Timing) -> tuple[str, str, str, str]:
    return ms(value[0]), ms(value[1]), f"{value[0] / base[0]:.2f}", f"{value[1] / base[1]:.2f}"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=15, help="runs per measurement (median); default 15")
    parser.add_argument("--markdown", action="store_true", help="print a Markdown table for bench/README.md")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(REPO))
    return run(max(1, args.runs), args.markdown)


if __name__ == "__main__":
    sys.exit(main())
