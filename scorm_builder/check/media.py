"""The checker's media rules: every video has captions and every sound a transcript (WCAG 1.2.2, 1.2.1).

In a scorm-builder package the course data says which files the player plays (a media page's or a
scenario's ``media``): each must be in the zip, a video's captions too, starting with WEBVTT. In any
other HTML page of the zip, a ``<video>`` without a captions or subtitles ``<track>`` is a warning (a
sound's transcript can't be told from the markup, so ``<audio>`` is not judged there).
"""
from __future__ import annotations

import json
import re
from typing import Any, Iterator

from scorm_builder.check.container import Package
from scorm_builder.check.course_data import MAX_BYTES, MAX_DEPTH, nesting_depth, page_course_data
from scorm_builder.check.findings import Findings

MAX_PAGES = 200  # HTML entries read for <video>; a real package has a handful
VIDEO = re.compile(rb"<video\b.*?(?:</video\s*>|\Z)", re.S | re.I)
CAPTIONS_TRACK = re.compile(rb"<track\b[^>]*\bkind\s*=\s*[\"']?(?:captions|subtitles)\b", re.I)
LESSON_FILE = re.compile(r"course/lesson-\d{1,6}\.js")
LESSON_CALL = re.compile(rb"scormBuilder\.lessonPages\((\d{1,6}),\s*(.*)\);?", re.S)
WEBVTT = re.compile(rb"(?:\xef\xbb\xbf)?WEBVTT(?:[ \t\r\n]|\Z)")


def check_media(package: Package, findings: Findings) -> None:
    pages = [i.filename for i in package.files if i.filename.lower().endswith((".html", ".htm"))][:MAX_PAGES]
    for entry in pages:
        found = page_course_data(package, entry, Findings(findings.package), "")  # its problems: readiness's
        if found is not None:
            for where, media in _player_media(found.data, _lesson_files(package, entry)):
                _player_rules(package, entry, where, media, findings)
            continue
        html = package.read(entry, Findings(findings.package)) or b""
        for match in VIDEO.finditer(html):
            if not CAPTIONS_TRACK.search(match.group()):
                findings.warning("media-captions", f"a <video> in {entry} has no <track kind=\"captions\">: learners "
                                 "who can't hear it miss what is said (WCAG 1.2.2)", "add a WebVTT captions track to "
                                 "the video", entry, html.count(b"\n", 0, match.start()) + 1)


def _lesson_files(package: Package, entry: str) -> dict[int, list[Any]]:
    """The page bodies the player loads beside its page (``course/lesson-NNN.js``: lesson index -> pages)."""
    folder = entry.rpartition("/")[0]
    out: dict[int, list[Any]] = {}
    for name in sorted(package.names):
        inside = name[len(folder) + 1:] if folder and name.startswith(folder + "/") else "" if folder else name
        if not LESSON_FILE.fullmatch(inside):
            continue
        found = LESSON_CALL.fullmatch((package.read(name, Findings("")) or b"").strip())
        if found is None or len(found.group(2)) > MAX_BYTES or nesting_depth(found.group(2)) > MAX_DEPTH:
            continue  # not the player's, or beyond what the checker parses (readiness's bounds)
        try:
            pages = json.loads(found.group(2))
        except (ValueError, RecursionError):
            continue  # the player fails on it too; not this rule's to say
        if isinstance(pages, list):
            out[int(found.group(1))] = pages
    return out


def _player_media(data: Any, bodies: dict[int, list[Any]]) -> Iterator[tuple[str, dict[str, Any]]]:
    """(page id, media) of every media the player's data shows, in its page or in the page bodies beside it;
    shapes other than format 1's are skipped."""
    lessons = data.get("lessons") if isinstance(data, dict) else None
    for i, lesson in enumerate(lessons if isinstance(lessons, list) else ()):
        pages = lesson.get("pages") if isinstance(lesson, dict) else None
        for j, page in enumerate(pages if isinstance(pages, list) else ()):
            body = bodies.get(i, [])
            page = {**(body[j] if j < len(body) and isinstance(body[j], dict) else {}),
                    **(page if isinstance(page, dict) else {})}
            media = page.get("media")
            if isinstance(media, dict) and isinstance(media.get("src"), str):
                yield str(page.get("id"))[:80], media


def _player_rules(package: Package, entry: str, page: str, media: dict[str, Any], findings: Findings) -> None:
    src, kind, captions = media["src"], media.get("kind"), media.get("captions")
    what = f"the {'video' if kind == 'video' else 'sound'} {src[:120]!r} of page {page!r}"
    if src not in package.names:
        findings.error("media-missing", f"{what} is not in the package: the player shows an empty player",
                       "rebuild the package with scorm-builder", entry)
    if kind == "video" and not (isinstance(captions, dict) and isinstance(captions.get("src"), str)):
        findings.error("media-captions", f"{what} has no captions: learners who can't hear it miss what is said "
                       "(WCAG 1.2.2)", "add 'captions:' with a WebVTT file to the media, and rebuild", entry)
    elif kind == "video":
        vtt = captions["src"]
        head = package.read(vtt, findings) if vtt in package.names else None
        if head is None:
            findings.error("media-captions", f"the captions {vtt[:120]!r} of {what} are not in the package",
                           "rebuild the package with scorm-builder", entry)
        elif not WEBVTT.match(head):
            findings.error("media-captions", f"the captions {vtt!r} of {what} do not start with WEBVTT: the "
                           "browser shows none", "export the captions as WebVTT, and rebuild", vtt, 1)
    if kind != "video" and not str(media.get("transcript_html") or "").strip():
        findings.error("media-transcript", f"{what} has no transcript: learners who can't hear it get nothing of "
                       "it (WCAG 1.2.1)", "add 'transcript:' to the media, and rebuild", entry)
