"""Reading the course data a scorm-builder player page carries, within bounds set before parsing.

The player's ``index.html`` holds the course as JSON in
``<script type="application/json" id="course-data">...</script>``: every page's head, and per
lesson the file (``"src"``) holding its pages' bodies, ``scormBuilder.lessonPages(i, [JSON]);``
(scorm_builder/render/page_files.py). :func:`page_course_data` reads both and merges them, so the
rules see each page whole. check reads them from any zip, so the JSON may be hostile: the size (of
the page's and the lesson files' JSON together) and nesting depth are measured on the raw bytes
before ``json.loads`` runs, so a small page can't exhaust memory or the recursion limit.
"""
from __future__ import annotations

import json
import posixpath
import re
from dataclasses import dataclass
from itertools import accumulate
from typing import Any, Callable

from scorm_builder.check.container import Package
from scorm_builder.check.findings import Findings

COURSE_DATA_TAG = b'<script type="application/json" id="course-data">'
SCRIPT_END = b"</script>"
MAX_BYTES = 4 * 1024 ** 2  # a real course's data is about 120 KB (a synthetic 5,000-page one 3.4 MB)
# a lesson file: the call, the lesson's index, then its pages' bodies as JSON, then ");"
LESSON_CALL = re.compile(rb"scormBuilder\.lessonPages\((0|[1-9][0-9]{0,5}), ")
MAX_DEPTH = 64  # a real course's data is nested 10 deep
# A JSON string, or an unterminated one running to the end: linear on any input (possessive, no
# backtracking), and quick on long text (runs of plain characters are taken whole).
JSON_STRING = re.compile(rb'"[^"\\]*+(?:\\.[^"\\]*+)*+(?:"|\\?\Z)', re.S)
NOT_A_BRACKET = bytes(b for b in range(256) if b not in b"[]{}")
STEP = [0] * 256
STEP[ord("[")] = STEP[ord("{")] = 1
STEP[ord("]")] = STEP[ord("}")] = -1


@dataclass(frozen=True)
class CourseData:
    """The parsed course data of a player page, and the line its <script> starts on."""

    data: Any
    line: int


class CourseDataError(ValueError):
    """The page has course data that can't be read: not JSON, or (``limit``) beyond the reader's bounds."""

    def __init__(self, reason: str, line: int, limit: bool = False):
        super().__init__(reason)
        self.reason = reason
        self.line = line
        self.limit = limit


def read_course_data(html: bytes | str, max_bytes: int = MAX_BYTES, max_depth: int = MAX_DEPTH) -> CourseData | None:
    """The course data of a player page; None when the page has none (another tool's page).

    Raises CourseDataError when the JSON is larger than ``max_bytes``, nested deeper than
    ``max_depth``, or not valid JSON.
    """
    page = html.encode("utf-8") if isinstance(html, str) else html
    start = page.find(COURSE_DATA_TAG)
    end = page.find(SCRIPT_END, start)
    if start < 0 or end < 0:
        return None
    line = page.count(b"\n", 0, start) + 1
    raw = page[start + len(COURSE_DATA_TAG):end]
    if len(raw) > max_bytes:
        raise CourseDataError(f"{len(raw)} bytes, more than the {max_bytes} this reader parses", line, limit=True)
    depth = nesting_depth(raw)
    if depth > max_depth:
        raise CourseDataError(f"nested {depth} levels deep, more than the {max_depth} this reader parses", line,
                              limit=True)
    try:
        return CourseData(json.loads(raw), line)
    except (ValueError, RecursionError) as err:  # UnicodeDecodeError is a ValueError
        raise CourseDataError(str(err), line) from None


def with_lesson_files(data: Any, read: Callable[[str], bytes | None], used: int = 0, max_bytes: int = MAX_BYTES,
                      max_depth: int = MAX_DEPTH) -> Any:
    """The course data with the bodies of each lesson's pages, read with ``read(src)`` (None: not in the
    package), merged into the pages' heads; data without lesson files comes back as it is. ``used``: the
    bytes of JSON read already (the page's), counted in ``max_bytes``.

    Raises CourseDataError (its ``line`` 0, its reason naming the file) when a file is missing, is not a
    lesson file of that lesson's pages, or the JSON together is beyond the bounds."""
    lessons = data.get("lessons") if isinstance(data, dict) else None
    if not isinstance(lessons, list):
        return data
    merged = []
    for index, lesson in enumerate(lessons):
        src = lesson.get("src") if isinstance(lesson, dict) else None
        if not isinstance(src, str):
            merged.append(lesson)
            continue
        bodies = _lesson_bodies(src, index, read(src), max_bytes - used, max_depth)
        used += bodies[1]
        pages = lesson.get("pages")
        if not isinstance(pages, list) or len(pages) != len(bodies[0]) or not all(isinstance(p, dict) for p in pages):
            raise CourseDataError(f"{src} holds {len(bodies[0])} pages' bodies, which don't match lesson {index + 1}'s "
                                  "pages", 0)
        merged.append({**lesson, "pages": [{**page, **body} for page, body in zip(pages, bodies[0], strict=True)]})
    return {**data, "lessons": merged}


def _lesson_bodies(src: str, index: int, raw: bytes | None, max_bytes: int, max_depth: int) -> tuple[list[dict], int]:
    """(the bodies of a lesson file, the bytes of their JSON)."""
    if raw is None:
        raise CourseDataError(f"names the lesson file {src}, which the package doesn't hold", 0)
    call, end = LESSON_CALL.match(raw), raw.rstrip()
    if call is None or int(call.group(1)) != index or not end.endswith(b");"):
        raise CourseDataError(f"names the lesson file {src}, which is not lesson {index + 1}'s pages "
                              f"(expected scormBuilder.lessonPages({index}, [...]);)", 0)
    text = end[call.end():-2]
    if len(text) > max_bytes:
        raise CourseDataError(f"more than the {MAX_BYTES} bytes this reader parses with its lesson files, at {src}",
                              0, limit=True)
    depth = nesting_depth(text)
    if depth > max_depth:
        raise CourseDataError(f"nested {depth} levels deep in {src}, more than the {max_depth} this reader parses", 0,
                              limit=True)
    try:
        bodies = json.loads(text)
    except (ValueError, RecursionError) as err:
        raise CourseDataError(f"{src}: {err}", 0) from None
    if not isinstance(bodies, list) or not all(isinstance(b, dict) for b in bodies):
        raise CourseDataError(f"{src} holds no list of pages' bodies", 0)
    return bodies, len(text)


def nesting_depth(raw: bytes) -> int:
    """How deep the arrays and objects of JSON text nest (brackets inside strings don't count)."""
    brackets = JSON_STRING.sub(b"", raw).translate(None, NOT_A_BRACKET)
    return max(accumulate(map(STEP.__getitem__, brackets)), default=0)


def page_course_data(package: Package, entry: str, findings: Findings, unchecked: str) -> CourseData | None:
    """The scorm-builder player's data of a launch page, format 1, or None: the page is another tool's, or
    a finding says why not (``unchecked``: what is then not checked, for its message)."""
    html = package.read(entry, Findings(findings.package)) or b""  # a damaged page is reported already
    try:
        found = read_course_data(html)
        if found is not None:
            found = CourseData(with_lesson_files(found.data, _reader(package, entry, findings.package), _island_size(html)), found.line)
    except CourseDataError as err:
        line = err.line or None  # a lesson file's problem: the page's own line is not where it is
        if err.limit:
            findings.error("player-data-limit", f"the course data in {entry} is {err.reason}; {unchecked}",
                           "rebuild the package with scorm-builder", entry, line)
        elif err.line:
            findings.error("player-data", f"the course data in {entry} is not valid JSON ({err.reason})",
                           "rebuild the package with scorm-builder", entry, line)
        else:
            findings.error("player-data", f"the course data in {entry} {err.reason}; {unchecked}",
                           "rebuild the package with scorm-builder", entry)
        return None
    if found is None:
        return None
    if not isinstance(found.data, dict) or found.data.get("format") != 1:
        got = found.data.get("format") if isinstance(found.data, dict) else type(found.data).__name__
        findings.warning("player-data", f"the course data in {entry} has format {got!r}, which this checker "
                         f"doesn't know (expected 1); {unchecked}", "check it with the scorm-builder that built it",
                         entry, found.line)
        return None
    return found


def _reader(package: Package, entry: str, shown: str) -> Callable[[str], bytes | None]:
    """read(src): a lesson file named relative to the launch page, None when the package has none by that
    name (b"" when it can't be read: the zip rules report that)."""
    folder = posixpath.dirname(entry)

    def read(src: str) -> bytes | None:
        name = posixpath.normpath(posixpath.join(folder, src))
        if src.startswith("/") or name.startswith("../") or name not in package.names:
            return None
        return package.read(name, Findings(shown)) or b""
    return read


def _island_size(html: bytes) -> int:
    start = html.find(COURSE_DATA_TAG)
    return max(0, html.find(SCRIPT_END, start) - start - len(COURSE_DATA_TAG))
