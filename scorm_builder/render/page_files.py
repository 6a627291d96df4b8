"""The player's data as package files: index.html carries the heads, each lesson's pages a file of their own.

A launch reads, parses and walks only what the title screen, the outline and the saved state need
(docs/player.md, "What the package holds"): the course, the strings, the assessment, and per page
its head: everything but ``BODY_KEYS`` (a scenario's options as their keys only). The body, the text
and media that only the page's own view reads, is in ``course/lesson-NNN.js``, one file per
lesson, which the player loads with a plain
``<script src>`` when a page of that lesson (or of the one before or after it) is shown
(templates/player/js/page-loader.js). The file is a call, ``scormBuilder.lessonPages(i, [...])``,
whose second argument is JSON: ``check`` reads it back (scorm_builder/check/course_data.py).
"""
from __future__ import annotations

import json
from typing import Any

# what goes to the lesson file: the large fields that only a page's view reads. Everything else
# (kind, id, title, hashes, scored, principle, a dialogue's start and scores, and any key a newer page
# kind adds) stays in index.html, where the outline and the saved state (state.js) read it at launch.
BODY_KEYS = frozenset({"body_html", "image", "callout", "quote", "stats", "customer", "prompt", "options",
                       "intro_html", "nodes", "media"})
LESSON_FILE = "course/lesson-{:03d}.js"
CALL = "scormBuilder.lessonPages({}, "  # then the JSON of the bodies, then ");\n"

_LAST: list[tuple[Any, list[dict[str, Any]], dict[str, bytes]]] = []  # the other standards of the same data


def split_pages(data: dict[str, Any]) -> tuple[dict[str, Any], dict[str, bytes]]:
    """(the data for index.html, {path: bytes} of the lesson files). ``data`` is not changed; the
    heads and files of the same lessons list are made once (the standards of one course share it)."""
    lessons, last = data["lessons"], (_LAST[0] if _LAST else None)  # one reference (the preview's threads)
    if not (last and last[0] is lessons):
        heads, files = [], {}
        for index, lesson in enumerate(lessons):
            src = LESSON_FILE.format(index + 1)
            heads.append({"id": lesson["id"], "title": lesson["title"], "src": src,
                          "pages": [page_head(page) for page in lesson["pages"]]})
            bodies = [page_body(page) for page in lesson["pages"]]
            text = json.dumps(bodies, ensure_ascii=False, separators=(",", ":"))
            text = text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")  # line ends to older JS
            files[src] = (CALL.format(index) + text + ");\n").encode("utf-8")
        last = (lessons, heads, files)
        _LAST[:] = [last]
    head = type(data)(data)  # a SharedParts stays one (render.environment.dumps)
    head["lessons"] = last[1]
    return head, dict(last[2])


def page_head(page: dict[str, Any]) -> dict[str, Any]:
    out = {key: value for key, value in page.items() if key not in BODY_KEYS}
    if page["kind"] == "scenario":  # what a saved answer is checked against before the body is in (state.js)
        out["options"] = [{"key": option["key"]} for option in page["options"]]
    return out


def page_body(page: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in page.items() if key in BODY_KEYS}
