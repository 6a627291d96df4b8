"""Reading the course data a scorm-builder player page carries, within bounds set before parsing.

The player's ``index.html`` holds the course as JSON in
``<script type="application/json" id="course-data">...</script>``. check reads it from any
zip, so the JSON may be hostile: its size and nesting depth are measured on the raw bytes
before ``json.loads`` runs, so a small page can't exhaust memory or the recursion limit.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from itertools import accumulate
from typing import Any

from scorm_builder.check.container import Package
from scorm_builder.check.findings import Findings

COURSE_DATA_TAG = b'<script type="application/json" id="course-data">'
SCRIPT_END = b"</script>"
MAX_BYTES = 4 * 1024 ** 2  # a real course's data is about 120 KB
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
    except CourseDataError as err:
        if err.limit:
            findings.error("player-data-limit", f"the course data in {entry} is {err.reason}; {unchecked}",
                           "rebuild the package with scorm-builder", entry, err.line)
        else:
            findings.error("player-data", f"the course data in {entry} is not valid JSON ({err.reason})",
                           "rebuild the package with scorm-builder", entry, err.line)
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
