"""Check speed: `scorm-builder check` on a ~1 MB package, against a bare-import baseline.

Run from the repository root:

    python bench/bench_check.py            # 15 runs per measurement
    python bench/bench_check.py --runs 31 --markdown

The package: the largest course in courses/ (the scaffolded demo when there is none) built
for SCORM 1.2 and for SCORM 2004 4th Edition, each with 1 MB of incompressible "images"
(24 files of 42 KB, fixed seed) added to the zip and listed in the manifest, so the zip is
about 1 MB and its manifest lists every file as a real course with media would.

Measurements (medians; the process runs are interleaved, so a busy moment on the machine
hits all of them alike):

- process: ``scorm-builder check PKG`` for each package, and with ``--schemas`` (XSD
  validation on) when the official schema folder is found, through the console script;
- baseline: ``python -c "import zipfile, lxml.etree"``, plus a bare ``python -c pass``;
- in-process: ``check_package(PKG)`` after one warm-up (imports done, XSDs compiled).

Target (issue 6, section 4): under 0.3 s median for the process on the 1 MB package.
Nothing is written outside a temp folder.
"""
from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path
from typing import Callable

from common import console_script, machine  # noqa: E402  (bench/common.py)

REPO = Path(__file__).resolve().parent.parent
TARGET = 0.30
BASELINE = "import zipfile, lxml.etree"
MEDIA_FILES, MEDIA_SIZE = 24, 42 * 1024


def median_of(func: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return statistics.median(times)



def schemas() -> Path | None:
    folder = Path(os.environ.get("SCORM_SCHEMAS_DIR") or REPO.parent / "shared" / "scorm-schemas")
    return folder if (folder / "scorm12").is_dir() and (folder / "scorm2004-4th").is_dir() else None


def course(work: Path) -> Path:
    """The course in courses/ with the largest course.yaml, or a scaffolded demo."""
    found = sorted((p for p in (REPO / "courses").glob("*/course.yaml")), key=lambda p: p.stat().st_size)
    if found:
        return found[-1].parent
    from scorm_builder.tools.scaffold import scaffold

    return scaffold("demo", work / "courses").parent


def with_media(built: Path, target: Path) -> Path:
    """The built zip plus MEDIA_FILES incompressible files, each listed in the manifest."""
    rnd = random.Random(6)
    media = {f"assets/media/photo-{i:02d}.jpg": rnd.randbytes(MEDIA_SIZE) for i in range(MEDIA_FILES)}
    with zipfile.ZipFile(built) as src:
        files = {name: src.read(name) for name in src.namelist()}
    listing = "".join(f'      <file href="{name}"/>\n' for name in media)
    files["imsmanifest.xml"] = files["imsmanifest.xml"].replace(b"    </resource>", listing.encode() + b"    </resource>")
    files.update(media)
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zf:
        for name in sorted(files):
            zf.writestr(zipfile.ZipInfo(name, (2020, 1, 1, 0, 0, 0)), files[name], zipfile.ZIP_DEFLATED)
    return target


def packages(work: Path) -> dict[str, Path]:
    from scorm_builder.pack.pipeline import build

    source = course(work)
    built = build([source], ["scorm12", "scorm2004-4"], work / "built")
    return {b.plan.standard: with_media(b.path, work / f"{source.name}-{b.plan.standard}-1mb.zip") for b in built}


def processes(commands: dict[str, list[str]], runs: int, cwd: Path) -> dict[str, float]:
    """Median wall time of each command; one warm-up each, then the runs interleaved."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(cwd / "pycache")
    times: dict[str, list[float]] = {name: [] for name in commands}
    for cmd in commands.values():
        subprocess.run(cmd, capture_output=True, cwd=cwd, env=env)
    for _ in range(runs):
        for name, cmd in commands.items():
            start = time.perf_counter()
            done = subprocess.run(cmd, capture_output=True, cwd=cwd, env=env)
            times[name].append(time.perf_counter() - start)
            if done.returncode not in (0,):
                raise SystemExit(f"{' '.join(cmd)} exited {done.returncode}:\n{done.stdout.decode()}{done.stderr.decode()}")
    return {name: statistics.median(values) for name, values in times.items()}



def ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms" if seconds >= 0.0995 else f"{seconds * 1000:.1f} ms"


def run(runs: int, markdown: bool) -> int:
    from scorm_builder.check.report import check_package

    py, script, xsd = sys.executable, console_script(), schemas()
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    with tempfile.TemporaryDirectory(prefix="bench-check-") as tmp:
        work = Path(tmp)
        pkgs = packages(work)
        commands = {"baseline": [py, "-c", BASELINE], "python": [py, "-c", "pass"]}
        for std, path in pkgs.items():
            commands[f"check {std}"] = [*script, "check", str(path)]
            if xsd:
                commands[f"check --schemas {std}"] = [*script, "check", "--schemas", str(xsd), str(path)]
        proc = processes(commands, runs, work)
        inproc = {}
        for std, path in pkgs.items():
            check_package(path)
            inproc[std] = median_of(lambda path=path: check_package(path), runs)
            if xsd:
                check_package(path, xsd)
                inproc[f"{std} --schemas"] = median_of(lambda path=path: check_package(path, xsd), runs)
        source = next(iter(pkgs.values())).name.rsplit("-scorm", 1)[0]
        sizes = {std: path.stat().st_size for std, path in pkgs.items()}
        entries = {std: len(zipfile.ZipFile(path).namelist()) for std, path in pkgs.items()}

    base = proc["baseline"]
    rows = [(f'baseline `python -c "{BASELINE}"`', ms(base), "1.00", "")]
    rows.append(("`python -c pass`", ms(proc["python"]), f"{proc['python'] / base:.2f}", ""))
    worst = 0.0
    for name, value in proc.items():
        if name.startswith("check"):
            std = name.split()[-1]
            label = f"`scorm-builder {name.replace(std, '')}PKG` ({std}, {sizes[std] / 1e6:.2f} MB, {entries[std]} entries)"
            rows.append((label.replace("  ", " "), ms(value), f"{value / base:.2f}", "met" if value < TARGET else "MISSED"))
            worst = max(worst, value)
    for name, value in inproc.items():
        rows.append((f"in-process `check_package` {name}", ms(value), f"{value / base:.2f}", ""))
    header = ("measurement", "median", "ratio to baseline", f"target < {TARGET:.1f} s")
    if markdown:
        print("| " + " | ".join(header) + " |")
        print("|" + "---|" * len(header))
        for row in rows:
            print("| " + " | ".join(row) + " |")
    else:
        for row in rows:
            print(f"{row[0]:<95} {row[1]:>9} {row[2]:>6} {row[3]}")
    print(f"\ncourse {source} + {MEDIA_FILES} x {MEDIA_SIZE // 1024} KB media; {runs} runs each; {machine()}; "
          f"load average before: {load}; "
          f"schemas: {xsd if xsd else 'not found, --schemas not measured'}")
    return 0 if worst < TARGET else 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--markdown", action="store_true", help="print the table as Markdown for bench/README.md")
    args = parser.parse_args()
    return run(args.runs, args.markdown)


if __name__ == "__main__":
    sys.exit(main())
