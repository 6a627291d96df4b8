"""Player speed and size: launch to the first interactive page, the player's bytes, suspend_data at the end.

Run from the repository root (needs what the browser tests need: Debian's chromium,
Playwright for Python, `bash scripts/install-test-deps.sh`):

    python bench/bench_player.py                 # 15 launches per measurement
    python bench/bench_player.py --runs 31

1. **Launch**: from the navigation to the first interactive page, in headless chromium with
   the browser tests' flags (tests/browser/conftest.py CHROMIUM_ARGS). The essentials course
   (SCORM 1.2 package, unpacked) is opened from disk (`file://`) and from a local HTTP server
   (`python -m http.server` on 127.0.0.1, in its own process); no LMS, so the player starts without one. Each launch
   uses a fresh browser context (empty cache and localStorage). "Interactive" means the title
   screen's Start button is in the page and a frame has been painted after it: an init script
   notes `performance.now()` (milliseconds since the navigation started) in the first animation
   frame after a `<button>` reading "Start" appears. The **baseline**, measured in the same run
   and the same way, is a blank page holding one such button (in the HTML, no script), from disk
   and over HTTP: what any page costs in this browser on this machine. The runs of the four
   pages are interleaved so a busy moment hits all of them alike. Median over N runs, plus the
   ratio to the baseline of the same transport, and the wall time seen from Python (goto until
   the button is visible) and the page's own main-thread work (DevTools Performance metrics
   ScriptDuration + LayoutDuration + RecalcStyleDuration: the least load-sensitive figure) for
   reference. Target: under 300 ms median.
2. **Size**: the player's own files, unminified, as they are in templates/player/ (player.js,
   player.css, brand.css; target under 60 KB together) and as packaged; then every example
   course's package, both standards (target under 150 KB for essentials). KB = 1,024 bytes.
3. **suspend_data at the end** of each example course, driven through from disk without an LMS
   by the browser tests' Learner (tests/browser/walkthrough.py), read with
   `window.scormPlayer.suspendData()`: after a pass at the first attempt (every page, best answers),
   and after the worst run (poor answers, every attempt failed). SCORM 1.2 allows 4,096 characters.
"""
from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import common  # noqa: E402  (bench/common.py)

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))  # the browser tests' helpers: browser.learner, browser.walkthrough

COURSES = ("empathy-essentials", "empathy-sales", "empathy-written-channels", "empathy-coaching")
STANDARDS = ("scorm12", "scorm2004-4")
PLAYER = REPO / "templates" / "player"
PLAYER_FILES = ("player.js", "player.css", "brand.css")
TARGET_LAUNCH_MS = 300
TARGET_PLAYER_KB = 60
TARGET_PACKAGE_KB = 150
SUSPEND_LIMIT = 4096
BASELINE_HTML = ("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Baseline</title></head>"
                 "<body><main><h1>Baseline</h1><button type=\"button\">Start</button></main></body></html>\n")
# Notes when the first "Start" button is in the document, then the next frame's start.
READY_SCRIPT = """(() => {
  const found = () => Array.from(document.querySelectorAll('button')).some(b => b.textContent.trim() === 'Start');
  const done = () => { window.__benchDom = performance.now();
    requestAnimationFrame(() => { window.__benchReady = performance.now(); }); };
  const check = () => { if (window.__benchDom === undefined && found()) { observer.disconnect(); done(); } };
  const observer = new MutationObserver(check);
  observer.observe(document, {childList: true, subtree: true});
  document.addEventListener('DOMContentLoaded', check);
})();"""


def serve(folder: Path) -> tuple[subprocess.Popen, str]:
    """`python -m http.server` on 127.0.0.1 in its own process, so serving never waits for this
    process's Python (which drives the browser); returns (the process, its base URL)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server = subprocess.Popen([sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1",
                               "--directory", str(folder)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 10
    while True:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                break
        except OSError as err:
            if time.monotonic() > deadline or server.poll() is not None:
                server.kill()
                raise SystemExit(f"the local HTTP server did not start on port {port}") from err
            time.sleep(0.05)
    return server, f"http://127.0.0.1:{port}/"


def build_all(out: Path) -> dict[tuple[str, str], Path]:
    """Every example course in both standards, as zips in `out`."""
    from scorm_builder.pack.pipeline import build

    built = build([REPO / "courses" / c for c in COURSES], list(STANDARDS), out)
    return {(b.plan.course.id, b.plan.standard): b.path for b in built}


def unpack(zip_path: Path, folder: Path) -> Path:
    with zipfile.ZipFile(zip_path) as zf:
        zf.extractall(folder)
    return folder


# -- 1. launch ----------------------------------------------------------------------------------
def launch_once(browser: Any, url: str) -> tuple[float, float, float, float]:
    """(ms to the Start button in the DOM, ms to the frame after it, wall ms seen from Python,
    ms of the page's script + layout + style work, from the DevTools Performance metrics)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-US")
    try:
        context.add_init_script(READY_SCRIPT)
        page = context.new_page()
        cdp = context.new_cdp_session(page)
        cdp.send("Performance.enable")
        start = time.perf_counter()
        page.goto(url, wait_until="commit")
        # a function, not a string: the player's Content-Security-Policy forbids eval
        page.wait_for_function("() => window.__benchReady !== undefined", polling="raf", timeout=10_000)
        wall = (time.perf_counter() - start) * 1000
        dom, ready = page.evaluate("[window.__benchDom, window.__benchReady]")
        metrics = {m["name"]: m["value"] for m in cdp.send("Performance.getMetrics")["metrics"]}
        work = 1000 * sum(metrics.get(k, 0.0) for k in ("ScriptDuration", "LayoutDuration", "RecalcStyleDuration"))
        return dom, ready, wall, work
    finally:
        context.close()


def launches(browser: Any, targets: dict[str, str], runs: int) -> dict[str, dict[str, float]]:
    for url in targets.values():  # one warm-up each: chromium's own first-use costs
        launch_once(browser, url)
    samples: dict[str, list[tuple[float, float, float, float]]] = {name: [] for name in targets}
    for _ in range(runs):
        for name, url in targets.items():
            samples[name].append(launch_once(browser, url))
    return {name: {"dom": statistics.median(s[0] for s in got), "ready": statistics.median(s[1] for s in got),
                   "wall": statistics.median(s[2] for s in got), "work": statistics.median(s[3] for s in got),
                   "max": max(s[1] for s in got)}
            for name, got in samples.items()}


# -- 2. size ------------------------------------------------------------------------------------
def player_sizes(essentials_folder: Path) -> list[tuple[str, int, int]]:
    """(file, bytes in templates/player/, bytes in the essentials package)."""
    from scorm_builder.render.player_js import player_script

    def source_size(name: str) -> int:  # player.js is joined from templates/player/js/ at package time
        return len(player_script()) if name == "player.js" else (PLAYER / name).stat().st_size

    return [(name, source_size(name), (essentials_folder / "player" / name).stat().st_size)
            for name in PLAYER_FILES]


# -- 3. suspend_data ----------------------------------------------------------------------------
def suspend_data_lengths(browser: Any, folders: dict[str, Path]) -> dict[str, dict[str, int]]:
    from browser.walkthrough import Walk, Walker, best_choice, best_option, key_for, other_choice, poor_option

    from scorm_builder.load import load_course

    out: dict[str, dict[str, int]] = {}
    for course_id, folder in folders.items():
        course = load_course(REPO / "courses" / course_id)
        out[course_id] = {}
        for path in ("pass", "fail"):
            context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-US",
                                          reduced_motion="reduce")
            context.set_default_timeout(10_000)
            try:
                page = context.new_page()
                page.goto((folder / "index.html").as_uri())
                learner = Walker(page, key_for(course))
                learner.start()
                walk = Walk(learner, course, "scorm12")
                if path == "pass":
                    walk.pages_from(0, None, best_option, best_choice)
                    walk.attempt(lambda n: True, 1, "Start assessment")
                else:
                    walk.pages_from(0, None, poor_option, other_choice)
                    for attempt in range(1, course.assessment.attempts + 1):
                        walk.attempt(lambda n: False, attempt, "Start assessment" if attempt == 1 else "Retry")
                learner.finish()
                out[course_id][path] = page.evaluate("window.scormPlayer.suspendData().length")
            finally:
                context.close()
    return out


# -- report -------------------------------------------------------------------------------------
def machine(browser_version: str) -> str:
    return f"{common.machine()}; Chromium {browser_version}"


def kb(n: int) -> str:
    return f"{n / 1024:.1f} KB"


def verdict(ok: bool) -> str:
    return "met" if ok else "**missed**"


def run(runs: int, launch_only: bool = False) -> int:
    from browser.conftest import CHROMIUM, CHROMIUM_ARGS
    from playwright.sync_api import sync_playwright

    load_before = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    with tempfile.TemporaryDirectory(prefix="bench-player-") as tmp, sync_playwright() as pw:
        work = Path(tmp)
        zips = build_all(work / "zip")
        essentials = unpack(zips[("empathy-essentials", "scorm12")], work / "web" / "essentials")
        (work / "web" / "baseline").mkdir(parents=True)
        (work / "web" / "baseline" / "index.html").write_text(BASELINE_HTML, encoding="utf-8")
        server, base = serve(work / "web")
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            targets = {
                "baseline, disk": (work / "web" / "baseline" / "index.html").as_uri(),
                "essentials, disk": (essentials / "index.html").as_uri(),
                "baseline, HTTP": base + "baseline/index.html",
                "essentials, HTTP": base + "essentials/index.html",
            }
            launch = launches(browser, targets, runs)
            folders = {c: unpack(zips[(c, "scorm12")], work / "web" / c) for c in COURSES}
            lengths = {} if launch_only else suspend_data_lengths(browser, folders)
            version = browser.version
        finally:
            browser.close()
            server.terminate()
            server.wait(timeout=10)
        sizes = player_sizes(essentials)
        packages = {key: path.stat().st_size for key, path in zips.items()}
        launch_pages = {}
        for (course_id, standard), path in zips.items():
            with zipfile.ZipFile(path) as zf:
                launch_pages[(course_id, standard)] = zf.getinfo("index.html").file_size

    stamp = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    print(f"{stamp}; {machine(version)}; load average before: {load_before}; {runs} launches each\n")
    print("| launch (no LMS) | to Start in the DOM | to the next frame (median) | ratio to baseline | slowest | "
          f"script + layout + style | wall from Python | target < {TARGET_LAUNCH_MS} ms |")
    print("|---|---|---|---|---|---|---|---|")
    for name, m in launch.items():
        base_name = "baseline, disk" if "disk" in name else "baseline, HTTP"
        ratio = m["ready"] / launch[base_name]["ready"]
        target = "" if name.startswith("baseline") else verdict(m["ready"] < TARGET_LAUNCH_MS)
        print(f"| {name} | {m['dom']:.1f} ms | {m['ready']:.1f} ms | {ratio:.2f} | {m['max']:.1f} ms | "
              f"{m['work']:.1f} ms | {m['wall']:.1f} ms | {target} |")
    total_t = sum(s[1] for s in sizes)
    print("\n| player file | templates/player/ | in the essentials package |")
    print("|---|---|---|")
    for name, t, p in sizes:
        print(f"| {name} | {t:,} B ({kb(t)}) | {p:,} B ({kb(p)}) |")
    total_p = sum(s[2] for s in sizes)
    print(f"| **total** (target < {TARGET_PLAYER_KB} KB: {verdict(total_t < TARGET_PLAYER_KB * 1024)}) | "
          f"{total_t:,} B ({kb(total_t)}) | {total_p:,} B ({kb(total_p)}) |")
    print("\n| course | package scorm12 | package scorm2004-4 | index.html (page + course data), unzipped "
          "| suspend_data, pass | suspend_data, every attempt failed |")
    print("|---|---|---|---|---|---|")
    small = all(packages[("empathy-essentials", s)] < TARGET_PACKAGE_KB * 1024 for s in STANDARDS)
    for c in COURSES:
        note = f" (target < {TARGET_PACKAGE_KB} KB: {verdict(small)})" if c == "empathy-essentials" else ""
        print(f"| {c}{note} | {packages[(c, 'scorm12')]:,} B ({kb(packages[(c, 'scorm12')])}) | "
              f"{packages[(c, 'scorm2004-4')]:,} B ({kb(packages[(c, 'scorm2004-4')])}) | "
              f"{kb(launch_pages[(c, 'scorm12')])} | "
              + (f"{lengths[c]['pass']} chars | {lengths[c]['fail']} chars |" if lengths else "- | - |"))
    worst = max((v for d in lengths.values() for v in d.values()), default=0)
    if lengths:
        print(f"\nLongest suspend_data: {worst} characters of SCORM 1.2's {SUSPEND_LIMIT:,} "
              f"({verdict(worst < SUSPEND_LIMIT)}).")
    ok = (all(m["ready"] < TARGET_LAUNCH_MS for n, m in launch.items() if not n.startswith("baseline"))
          and total_t < TARGET_PLAYER_KB * 1024 and small and worst < SUSPEND_LIMIT)
    print("\nAll targets met." if ok else "\nSome targets missed (see above).")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--runs", type=int, default=15, help="launches per page (at least 15)")
    parser.add_argument("--launch-only", action="store_true", help="only part 1 (launch) and part 2 (size)")
    args = parser.parse_args(argv)
    if args.runs < 15:
        parser.error(f"--runs must be at least 15 (got {args.runs})")
    return run(args.runs, args.launch_only)


if __name__ == "__main__":
    sys.exit(main())
