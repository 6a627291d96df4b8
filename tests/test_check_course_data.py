"""read_course_data: the one reader of a player page's course data, bounded before it parses."""
from __future__ import annotations

import json
import subprocess
import sys
import zipfile

import pytest

from scorm_builder.check.course_data import CourseData, CourseDataError, nesting_depth, read_course_data

TAG = '<script type="application/json" id="course-data">'


def page(raw: str) -> str:
    return f"<!DOCTYPE html>\n<html><body>\n{TAG}{raw}</script></body></html>"


def test_reads_a_built_player_page(demo_course, build_into):
    path = build_into(demo_course, ("scorm12",))["scorm12"]
    html = zipfile.ZipFile(path).read("index.html")
    found = read_course_data(html)
    assert (found.data["format"], found.data["course"]["id"], found.data["standard"]) == (1, "demo-course", "scorm12")
    assert found.line == html[:html.index(TAG.encode())].count(b"\n") + 1
    assert read_course_data(html.decode("utf-8")) == found


def test_text_and_bytes_and_the_line_of_the_script():
    assert read_course_data(page('{"format": 1}')) == CourseData({"format": 1}, 3)
    assert read_course_data(page('{"format": 1}').encode()) == CourseData({"format": 1}, 3)


@pytest.mark.parametrize("html", ["<html><body>another tool's page</body></html>", f"<html>{TAG}{{}} no end"])
def test_a_page_without_course_data_gives_none(html):
    assert read_course_data(html) is None


def error_of(html: str, **limits: int) -> tuple[str, int, bool]:
    with pytest.raises(CourseDataError) as caught:
        read_course_data(html, **limits)
    return caught.value.reason, caught.value.line, caught.value.limit


def test_invalid_json():
    assert error_of(page('{"format": 1, "lessons": [')) == ("Expecting value: line 1 column 27 (char 26)", 3, False)


def test_larger_than_the_bound_is_refused_before_parsing():
    assert error_of(page('{"format": 1}'), max_bytes=12) == ("13 bytes, more than the 12 this reader parses", 3, True)


def test_deeper_than_the_bound_is_refused_before_parsing():
    raw = '{"a": [[{"b": []}]]}'
    assert read_course_data(page(raw), max_depth=5).data == json.loads(raw)
    assert error_of(page(raw), max_depth=4) == ("nested 5 levels deep, more than the 4 this reader parses", 3, True)


@pytest.mark.parametrize("raw, depth", [
    ('{"a": "[[[[{{{{"}', 1),  # brackets in strings don't count
    ('["\\"[[[", "\\\\", ["x"]]', 2),  # nor after escaped quotes and backslashes
    ('"unterminated [[[[', 0),
    ("", 0),
    ("[" * 100, 100),
])
def test_nesting_depth(raw, depth):
    assert nesting_depth(raw.encode()) == depth


def test_nesting_depth_is_linear_on_hostile_strings():
    """Escaped quotes and a dangling backslash over 4 MB: a backtracking scan would take hours."""
    code = ("from scorm_builder.check.course_data import nesting_depth\n"
            "print(nesting_depth(b'\"' + b'\\\\\"[' * 1_400_000), nesting_depth(b'\"' + b'\\\\' * 4_000_000))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert (done.returncode, done.stdout, done.stderr) == (0, "0 0\n", "")
