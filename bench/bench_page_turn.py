"""Player speed at any size: a page turn and the launch, in courses of 38, 1,000 and 5,000 pages.

Run from the repository root (needs what the browser tests need: Debian's chromium and
Playwright for Python):

    python bench/bench_page_turn.py                      # 30 turns, 15 launches per course
    python bench/bench_page_turn.py --turns 60 --launches 21 --pages 1000 5000

The courses: the shipped empathy-essentials (38 pages) and bench_scale.py's synthetic course
(lessons of 10 pages, 1 in 5 a scenario, a 10-question assessment) at 1,000 and 5,000 pages,
built for SCORM 1.2 and unpacked, opened from disk (`file://`) with no LMS in headless chromium
with the browser tests' flags (tests/browser/conftest.py CHROMIUM_ARGS).

1. **Page turn**: after Start, the player's Next button is clicked (`button.click()` in the
   page, so Playwright's own actionability checks are not timed) and `performance.now()` is
   noted at the click, when the click handler returned ("work": the player's synchronous work,
   the least load-sensitive figure) and in the next animation frame after the new page's `<h2>`
   is in the DOM ("to the next frame", the figure the targets are about). Only turns that land
   on a text page (prose, no form control) are kept, until N of them; at the last screen the
   first outline item leads back to the start (not timed). Headless chromium paces frames at 60 Hz, so a turn
   waits for the next frame boundary whatever its work: each turn starts a varying 0-16 ms after
   a frame (a fixed sequence), so the phase is sampled evenly. The **turn baseline**, measured
   interleaved the same way, is a page whose one button replaces an `<h2>` with a new one: the
   floor any page turn has in this browser on this machine. Median and p90 (nearest rank).
   Targets: median <= 16 ms and p90 <= 33 ms at every size.
2. **Launch**: from the navigation to the first animation frame after a `<button>` reading
   "Start" is in the DOM, as in bench_player.py, each launch in a fresh context; the **launch
   baseline** is a blank page holding one such button, interleaved with the courses' launches.
   Target: the 1,000-page course at most 2x the baseline (median).
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

TARGET_MEDIAN_MS = 16
TARGET_P90_MS = 33
TARGET_LAUNCH_RATIO = 2.0
# the turn baseline: one button that swaps the page's h2 for a new one, as a page turn does
TURN_BASELINE_HTML = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Turn baseline</title></head>
<body><main><div id="page"><h2>Page 0</h2></div><footer><button type="button" id="next">Next</button></footer></main>
<script src="turn.js"></script></body></html>
"""
TURN_BASELINE_JS = """(function () {
  var n = 0, page = document.getElementById("page");
  document.getElementById("next").onclick = function () {
    n++;
    while (page.firstChild) page.removeChild(page.firstChild);
    var h = document.createElement("h2"); h.textContent = "Page " + n; h.tabIndex = -1;
    page.appendChild(h); h.focus();
  };
}());
"""
# One turn, in the page: wait for a frame, then `delay` ms, click Next, note the times.
TURN_SCRIPT = """async ([delay, nextText]) => {
  await new Promise(r => requestAnimationFrame(() => setTimeout(r, delay)));
  const find = () => Array.from(document.querySelectorAll('footer button')).find(b => b.textContent.trim() === nextText);
  let next = find();
  if (!next || next.hidden || next.disabled) {  /* at the end: back to the first page (not timed) */
    document.querySelector('.outline-list button').click();
    await new Promise(r => requestAnimationFrame(() => setTimeout(r, delay)));
    next = find();
  }
  const before = document.querySelector('h2');
  const t0 = performance.now();
  next.click();
  const t1 = performance.now();
  const heading = document.querySelector('h2');
  if (!heading || heading === before) throw new Error('no new heading after Next');
  const t2 = await new Promise(r => requestAnimationFrame(() => r(performance.now())));
  const page = document.querySelector('.page');
  return {work: t1 - t0, frame: t2 - t0, title: heading.textContent,
    text: !!page && page.querySelector('.prose') !== null && page.querySelector('input, textarea, select, fieldset') === null};
}"""


def build_courses(work: Path, sizes: list[int]) -> dict[str, Path]:
    """{label: unpacked package folder}: empathy-essentials and the synthetic courses."""
    from scorm_builder.pack.pipeline import build

    sources = [REPO / "courses" / "empathy-essentials"]
    labels = ["38 pages (empathy-essentials)"]
    for n in sizes:
        sources.append(bench_scale.write_course(work / f"src-{n}", n, "one-file"))
        labels.append(f"{n:,} pages (synthetic)")
    out: dict[str, Path] = {}
    for label, source in zip(labels, sources, strict=True):
        built = build([source], ["scorm12"], work / "zip" / source.parent.parent.name)
        folder = work / "web" / label.split()[0].replace(",", "")
        with zipfile.ZipFile(built[0].path) as zf:
            zf.extractall(folder)
        out[label] = folder / "index.html"
    return out


def p90(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[max(0, math.ceil(0.9 * len(ordered)) - 1)]


def open_page(browser: Any, url: str) -> tuple[Any, Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-US")
    context.set_default_timeout(60_000)
    page = context.new_page()
    page.goto(url)
    return context, page


def launch_once(browser: Any, url: str) -> float:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-US")
    try:
        context.add_init_script(READY_SCRIPT)
        page = context.new_page()
        page.goto(url, wait_until="commit")
        page.wait_for_function("() => window.__benchReady !== undefined", polling="raf", timeout=60_000)
        return page.evaluate("window.__benchReady")
    finally:
        context.close()


def launches(browser: Any, targets: dict[str, str], runs: int) -> dict[str, list[float]]:
    for url in targets.values():  # warm-up: chromium's first-use costs
        launch_once(browser, url)
    got: dict[str, list[float]] = {name: [] for name in targets}
    for _ in range(runs):
        for name, url in targets.items():
            got[name].append(launch_once(browser, url))
    return got


def turns(browser: Any, targets: dict[str, str], count: int) -> dict[str, dict[str, list[float]]]:
    """Interleaved: one turn of each target in turn, until each has `count` turns onto a text page."""
    pages: dict[str, Any] = {}
    contexts = []
    for name, url in targets.items():
        context, page = open_page(browser, url)
        contexts.append(context)
        if name != "baseline":
            page.get_by_role("button", name="Start", exact=True).click()
            page.locator("h2").first.wait_for()
        pages[name] = page
    got: dict[str, dict[str, list[float]]] = {name: {"work": [], "frame": []} for name in targets}
    try:
        for page in pages.values():  # warm-up: two turns each, not kept
            for i in range(2):
                page.evaluate(TURN_SCRIPT, [i, "Next"])
        i = 0
        while any(len(g["frame"]) < count for g in got.values()):
            delay = (i * 7) % 17
            i += 1
            for name, page in pages.items():
                if len(got[name]["frame"]) >= count:
                    continue
                r = page.evaluate(TURN_SCRIPT, [delay, "Next"])
                if name == "baseline" or r["text"]:
                    got[name]["work"].append(r["work"])
                    got[name]["frame"].append(r["frame"])
    finally:
        for context in contexts:
            context.close()
    return got


def run(sizes: list[int], count: int, runs: int) -> int:
    from browser.conftest import CHROMIUM, CHROMIUM_ARGS
    from playwright.sync_api import sync_playwright

    load_before = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    with tempfile.TemporaryDirectory(prefix="bench-turn-") as tmp, sync_playwright() as pw:
        work = Path(tmp)
        courses = build_courses(work, sizes)
        base = work / "web" / "baseline"
        base.mkdir(parents=True)
        (base / "index.html").write_text(BASELINE_HTML, encoding="utf-8")
        (base / "turn.html").write_text(TURN_BASELINE_HTML, encoding="utf-8")
        (base / "turn.js").write_text(TURN_BASELINE_JS, encoding="utf-8")
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            version = browser.version
            turn = turns(browser, {"baseline": (base / "turn.html").as_uri(),
                                   **{k: v.as_uri() for k, v in courses.items()}}, count)
            launch = launches(browser, {"baseline": (base / "index.html").as_uri(),
                                        **{k: v.as_uri() for k, v in courses.items()}}, runs)
        finally:
            browser.close()
    load_after = ", ".join(f"{x:.2f}" for x in os.getloadavg())

    stamp = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    print(f"{stamp}; {common.machine()}; Chromium {version}; load average before {load_before}, "
          f"after {load_after}; {count} turns onto text pages and {runs} launches each\n")
    print("| page turn (no LMS) | work, median | to the next frame, median | p90 | ratio to baseline "
          f"(median) | target median <= {TARGET_MEDIAN_MS} ms, p90 <= {TARGET_P90_MS} ms |")
    print("|---|---|---|---|---|---|")
    ok = True
    base_frame = statistics.median(turn["baseline"]["frame"])
    for name, g in turn.items():
        med, high = statistics.median(g["frame"]), p90(g["frame"])
        met = med <= TARGET_MEDIAN_MS and high <= TARGET_P90_MS
        if name != "baseline":
            ok = ok and met
        print(f"| {name} | {statistics.median(g['work']):.1f} ms | {med:.1f} ms | {high:.1f} ms | "
              f"{med / base_frame:.2f} | {'' if name == 'baseline' else ('met' if met else '**missed**')} |")
    print(f"\n| launch (no LMS) | to the frame after Start, median | p90 | ratio to baseline (median) | "
          f"target <= {TARGET_LAUNCH_RATIO:g}x at 1,000 pages |")
    print("|---|---|---|---|---|")
    base_launch = statistics.median(launch["baseline"])
    for name, values in launch.items():
        ratio = statistics.median(values) / base_launch
        target = ""
        if name.startswith("1,000 "):
            target = "met" if ratio <= TARGET_LAUNCH_RATIO else "**missed**"
            ok = ok and ratio <= TARGET_LAUNCH_RATIO
        print(f"| {name} | {statistics.median(values):.1f} ms | {p90(values):.1f} ms | {ratio:.2f} | {target} |")
    print("\nAll targets met." if ok else "\nSome targets missed (see above).")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--pages", type=int, nargs="+", default=[1000, 5000], help="synthetic course sizes")
    parser.add_argument("--turns", type=int, default=30, help="page turns onto a text page per course")
    parser.add_argument("--launches", type=int, default=15, help="launches per course")
    args = parser.parse_args(argv)
    return run(args.pages, args.turns, args.launches)


if __name__ == "__main__":
    sys.exit(main())
