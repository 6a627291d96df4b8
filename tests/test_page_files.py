"""The pages' bodies in a file per lesson: index.html stays small, check reads each page whole."""
from __future__ import annotations

import json
import sys
import zipfile
from pathlib import Path

from conftest import REPO
from test_check import PKG, course_data, files_12, lines, player_page, scenario, write_zip

from scorm_builder.check.course_data import read_course_data, with_lesson_files
from scorm_builder.load import load_course
from scorm_builder.pack.pipeline import build
from scorm_builder.render.page_files import BODY_KEYS
from scorm_builder.render.player_data import player_data

sys.path.insert(0, str(REPO / "bench"))
import bench_scale  # noqa: E402  (the synthetic course of the launch bench)

EVERY_KIND = REPO / "tests" / "browser" / "fixtures" / "every-kind"
# index.html of the 1,000-page synthetic course (bench/bench_page_turn.py): 700,381 bytes when it held
# every page whole, 149,935 with the heads only (about 130 bytes a text page, 330 a scenario, and the
# strings and assessment, 14 KB). The bound leaves about 10 % for new small keys; a body back in the page
# (the text page's alone is 330 bytes) passes it at once.
INDEX_BOUND = 165_000


def package(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as zf:
        return {name: zf.read(name) for name in zf.namelist()}


def test_the_index_of_a_1000_page_course_stays_small(tmp_path):
    source = bench_scale.write_course(tmp_path / "src", 1000, "one-file")
    files = package(build([source], ["scorm12"], tmp_path / "out")[0].path)
    lessons = sorted(name for name in files if name.startswith("course/"))
    assert len(files["index.html"]) <= INDEX_BOUND
    assert lessons == [f"course/lesson-{n:03d}.js" for n in range(1, 101)]
    assert b"Customers remember" not in files["index.html"]  # no page's text
    assert all(b"Customers remember" in files[name] for name in lessons)
    data = read_course_data(files["index.html"]).data
    assert [lesson["src"] for lesson in data["lessons"]] == lessons
    assert {key for lesson in data["lessons"] for page in lesson["pages"] for key in page} & BODY_KEYS == {"options"}


def test_check_reads_every_page_whole_as_the_build_made_it(tmp_path):
    """The heads and the lesson files merged are the player data, page for page."""
    built = build([EVERY_KIND], ["scorm2004-4"], tmp_path / "out")[0]
    files = package(built.path)
    merged = with_lesson_files(read_course_data(files["index.html"]).data, files.get)
    whole = player_data(load_course(EVERY_KIND), "scorm2004-4")
    assert [[page for page in lesson["pages"]] for lesson in merged["lessons"]] == [
        lesson["pages"] for lesson in whole["lessons"]]
    assert [lesson["src"] for lesson in merged["lessons"]] == ["course/lesson-001.js", "course/lesson-002.js"]
    assert sorted(name for name in files if name.startswith("course/")) == ["course/lesson-001.js",
                                                                            "course/lesson-002.js"]
    scenario_head = read_course_data(files["index.html"]).data["lessons"][0]["pages"][1]
    assert scenario_head["options"] == [{"key": "a"}, {"key": "b"}, {"key": "c"}]  # what a saved answer needs


def lesson_package(tmp_path: Path, data: dict, lesson_files: dict[str, bytes]) -> Path:
    files = [(n, player_page(data) if n == "shared/launch.html" else d) for n, d in files_12()]
    return write_zip(tmp_path / PKG, files + sorted(lesson_files.items()))


def headed(bodies: list[dict], src: str = "lesson-001.js") -> dict:
    """A course of one lesson whose pages' bodies are in ``src`` (a path beside the launch page)."""
    data = course_data([{k: v for k, v in page.items() if k not in BODY_KEYS} for page in bodies])
    data["lessons"][0]["src"] = src
    return data


def lesson_file(index: int, bodies: list[dict]) -> bytes:
    return f"scormBuilder.lessonPages({index}, {json.dumps(bodies)});\n".encode()


def test_check_counts_what_is_in_the_lesson_files(tmp_path):
    """300 scenarios' options in the lesson file: the suspend_data bound needs them (their keys)."""
    pages = [scenario(n) for n in range(300)]
    bodies = [{"options": page["options"]} for page in pages]
    found = lines(lesson_package(tmp_path, headed(pages), {"shared/lesson-001.js": lesson_file(0, bodies)}))
    assert [line.split(" the saved state")[0] for line in found if "[suspend-data]" in line] == [
        f"{PKG}:shared/launch.html: error [suspend-data]"]


def test_a_missing_or_wrong_lesson_file_is_a_finding(tmp_path):
    pages = [scenario(1)]
    data = headed(pages)
    right = lesson_file(0, [{"options": pages[0]["options"]}])
    fix = " — rebuild the package with scorm-builder"
    unchecked = "; suspend_data and interactions not checked"
    cases = {
        "shared/other.js": "names the lesson file lesson-001.js, which the package doesn't hold",
        "shared/lesson-001.js": None,
    }
    for name, reason in cases.items():
        got = [line for line in lines(lesson_package(tmp_path, data, {name: right})) if "[player-data" in line]
        expected = [] if reason is None else [
            f"{PKG}:shared/launch.html: error [player-data] the course data in shared/launch.html {reason}{unchecked}{fix}"]
        assert got == expected
    wrong = {
        lesson_file(1, []): "names the lesson file lesson-001.js, which is not lesson 1's pages (expected "
                            "scormBuilder.lessonPages(0, [...]);)",
        b"alert(1);": "names the lesson file lesson-001.js, which is not lesson 1's pages (expected "
                      "scormBuilder.lessonPages(0, [...]);)",
        lesson_file(0, [{}, {}]): "lesson-001.js holds 2 pages' bodies, which don't match lesson 1's pages",
        b"scormBuilder.lessonPages(0, [{]);": "lesson-001.js: Expecting property name enclosed in double quotes: "
                                               "line 1 column 3 (char 2)",
    }
    for text, reason in wrong.items():
        got = [line for line in lines(lesson_package(tmp_path, data, {"shared/lesson-001.js": text}))
               if "[player-data" in line]
        assert got == [f"{PKG}:shared/launch.html: error [player-data] the course data in shared/launch.html "
                       f"{reason}{unchecked}{fix}"]
    deep = b"scormBuilder.lessonPages(0, [" + b"[" * 100 + b"]" * 100 + b"]);"
    assert [line for line in lines(lesson_package(tmp_path, data, {"shared/lesson-001.js": deep}))
            if "[player-data" in line] == [
        f"{PKG}:shared/launch.html: error [player-data-limit] the course data in shared/launch.html is nested 101 "
        f"levels deep in lesson-001.js, more than the 64 this reader parses{unchecked}{fix}"]
