"""Lint of a course's media: its sound and video within the course's budget (media-over-budget), and no video
whose captions run past a few minutes (media-long-video). The hard cap is validation's (course/media_files.py)."""
from __future__ import annotations

from typing import Iterator

from scorm_builder.course.media_files import captions_end, over_budget
from scorm_builder.course.model import Course
from scorm_builder.course.model_media import Media
from scorm_builder.errors import Diagnostic, source_error
from scorm_builder.format.media import LONG_VIDEO_MINUTES


def course_media(course: Course) -> Iterator[Media]:
    """Every media of the course, in page order: media pages' and scenarios'."""
    for page in course.pages:
        media = getattr(page, "media", None)
        if media is not None:
            yield media


def media_warnings(course: Course) -> list[Diagnostic]:
    found: list[Diagnostic] = []
    files = {a.href: a.source for a in course.assets}
    for media in course_media(course):
        if media.kind == "video" and media.captions and media.captions.src in files:
            minutes = captions_end(files[media.captions.src]) / 60000
            if minutes > LONG_VIDEO_MINUTES:
                where = media.source.at("src")
                found.append(source_error(
                    "media-long-video", where.file, where.line, where.column, where.key,
                    f"the video {media.src!r} runs {minutes:.0f} minutes by its captions, more than the "
                    f"{LONG_VIDEO_MINUTES} learners watch through", "split it into shorter clips, each on its own "
                    "page with what to look for, or stream it from your video platform", severity="warning"))
    budget = over_budget(course)  # course/media_files.py: build prints the same warning
    if budget is not None:
        found.append(budget)
    return found
