"""Launch of the player at 38, 1,000 and 5,000 pages: the pages' bodies in lesson files against inline.

Run from the repository root (needs what the browser tests need: Debian's chromium and
Playwright for Python):

    python bench/bench_launch.py                       # 21 launches of each page
    python bench/bench_launch.py --launches 31 --pages 1000

What it measures: from the navigation to the first animation frame after a `<button>` reading
"Start" is in the DOM (bench_player.py's READY_SCRIPT), each launch in a fresh browser context,
SCORM 1.2 packages unpacked and opened from disk (`file://`) with no LMS in headless chromium with
the browser tests' flags. The courses: empathy-essentials (38 pages) and bench_scale.py's
synthetic course (lessons of 10 pages, 1 in 5 a scenario, a 10-question assessment). Each is
built twice in the same run:

- **lesson files** (the build as it is): index.html carries the pages' heads, each lesson's
  bodies are in course/lesson-NNN.js, loaded after the first frame (page-loader.js);
- **inline** (the layout before it): the same player, with the build's ``split_pages`` made to
  return the data whole, so index.html carries every page whole and no lesson file is made
  (page-loader.js then finds every page in).

The **baseline** is bench_player.py's page holding one Start button. Every page is launched in
turn, so a busy moment hits all of them alike; one warm-up launch each; median and p90 (nearest
rank), and the ratio of the median to the baseline's. Two ways of waiting for the figure, each
measured for every page:

- ``wait_for_function`` (as bench_player.py and bench_page_turn.py do): Playwright polls for the
  figure from the moment the navigation commits, which compiles its injected script in the page
  while the page loads (about 30 ms of the main thread in a trace, landing on the pages that are
  still loading and seldom on the baseline, which is often done by then);
- ``after load``: wait for the load event, then read the figure: nothing of the driver's runs in
  the page before the figure is taken.

Target (issue 11, "Speed of the player"): the 1,000-page course at most 2x the baseline.
"""
from __future__ import annotations

import argparse
import math
import os
import statistics
import sys
import tempfile
import zipfile
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import bench_scale  # noqa: E402  (bench/bench_scale.py: the synthetic course writer)
import common  # noqa: E402  (bench/common.py)
from bench_player import BASELINE_HTML, READY_SCRIPT

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))  # browser.conftest: CHROMIUM, CHROMIUM_ARGS

TARGET_RATIO = 2.0
READ_AFTER_LOAD = ("() => new Promise(r => { const c = () => window.__benchReady !== undefined ? "
                   "r(window.__benchReady) : setTimeout(c, 20); c(); })")
PROBES = ("wait_for_function", "after load")


def build_courses(work: Path, sizes: list[int]) -> dict[str, Path]:
    """{label: index.html}: each course with lesson files and inline."""
    from scorm_builder.pack import plan
    from scorm_builder.pack.pipeline import build

    sources = [("38 pages", REPO / "courses" / "empathy-essentials")]
    sources += [(f"{n:,} pages", bench_scale.write_course(work / f"src-{n}", n, "one-file")) for n in sizes]
    out: dict[str, Path] = {}
    split = plan.split_pages
    for layout in ("lesson files", "inline"):
        plan.split_pages = split if layout == "lesson files" else (lambda data: (data, {}))
        try:
            for label, source in sources:
                name = f"{label.split()[0].replace(',', '')}-{layout.split()[0]}"
                built = build([source], ["scorm12"], work / "zip" / name)
                with zipfile.ZipFile(built[0].path) as zf:
                    zf.extractall(work / "web" / name)
                out[f"{label}, {layout}"] = work / "web" / name / "index.html"
        finally:
            plan.split_pages = split
    return out


def p90(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[max(0, math.ceil(0.9 * len(ordered)) - 1)]


def launch_once(browser: Any, url: str, probe: str) -> float:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-US")
    try:
        context.add_init_script(READY_SCRIPT)
        page = context.new_page()
        if probe == "after load":
            page.goto(url, wait_until="load")
            return page.evaluate(READ_AFTER_LOAD)
        page.goto(url, wait_until="commit")
        page.wait_for_function("() => window.__benchReady !== undefined", polling="raf", timeout=60_000)
        return page.evaluate("window.__benchReady")
    finally:
        context.close()


def launches(browser: Any, targets: dict[str, str], runs: int) -> dict[tuple[str, str], list[float]]:
    for url in targets.values():  # warm-up: chromium's first-use costs
        for probe in PROBES:
            launch_once(browser, url, probe)
    got: dict[tuple[str, str], list[float]] = {(name, probe): [] for probe in PROBES for name in targets}
    for _ in range(runs):
        for probe in PROBES:
            for name, url in targets.items():
                got[(name, probe)].append(launch_once(browser, url, probe))
    return got


def run(sizes: list[int], runs: int) -> int:
    from browser.conftest import CHROMIUM, CHROMIUM_ARGS
    from playwright.sync_api import sync_playwright

    load_before = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    with tempfile.TemporaryDirectory(prefix="bench-launch-") as tmp, sync_playwright() as pw:
        work = Path(tmp)
        courses = build_courses(work, sizes)
        base = work / "web" / "baseline"
        base.mkdir(parents=True)
        (base / "index.html").write_text(BASELINE_HTML, encoding="utf-8")
        targets = {"baseline (one Start button)": base / "index.html", **courses}
        sizes_kb = {name: path.stat().st_size / 1024 for name, path in targets.items()}
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            version = browser.version
            got = launches(browser, {name: path.as_uri() for name, path in targets.items()}, runs)
        finally:
            browser.close()
    load_after = ", ".join(f"{x:.2f}" for x in os.getloadavg())

    stamp = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    print(f"{stamp}; {common.machine()}; Chromium {version}; load average before {load_before}, after "
          f"{load_after}; {runs} launches of each page with each probe, interleaved\n")
    ok = True
    for probe in PROBES:
        base_median = statistics.median(got[(next(iter(targets)), probe)])
        print(f"| launch, probe: {probe} | index.html | to the frame after Start, median | p90 | ratio to "
              f"baseline | target <= {TARGET_RATIO:g}x at 1,000 pages |")
        print("|---|---|---|---|---|---|")
        for name in targets:
            values = got[(name, probe)]
            ratio = statistics.median(values) / base_median
            verdict = ""
            if name == "1,000 pages, lesson files":
                verdict = "met" if ratio <= TARGET_RATIO else "**missed**"
                ok = ok and ratio <= TARGET_RATIO
            print(f"| {name} | {sizes_kb[name]:,.0f} KB | {statistics.median(values):.1f} ms | {p90(values):.1f} ms "
                  f"| {ratio:.2f} | {verdict} |")
        print()
    print("Target met with both probes." if ok else "Target missed with at least one probe (see above).")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--pages", type=int, nargs="+", default=[1000, 5000], help="synthetic course sizes")
    parser.add_argument("--launches", type=int, default=21, help="launches of each page with each probe")
    args = parser.parse_args(argv)
    return run(args.pages, args.launches)


if __name__ == "__main__":
    sys.exit(main())
