"""Lint rule markdown-dropped: Markdown the player shows as something else (an image, raw HTML), with the key to use.

The player renders Markdown with images and raw HTML off (see render/markdown.py): an image
shows as '!' and a link, and ``<b>`` shows as the characters ``<b>``. Each kind of tag is
reported once per text, at its first use, with what to write instead.
"""
from __future__ import annotations

from typing import Iterator

from scorm_builder.course.model import Course
from scorm_builder.course.text_position import position_of
from scorm_builder.course.texts import MarkdownText, markdown_texts
from scorm_builder.errors import Diagnostic, source_error
from scorm_builder.render.markdown import Dropped, dropped

RULE = "markdown-dropped"
IMAGE_ON_PAGE = "use the page's image: key instead (it puts the file in the package and asks for alt text)"
IMAGE_ELSEWHERE = "pictures go on a text page, under its image: key; here, describe the picture in words"
INSTEAD = {  # tag -> the Markdown to write instead
    "b": "write **bold** instead", "strong": "write **bold** instead",
    "i": "write *italic* instead", "em": "write *italic* instead",
    "br": "for a line break, end the line with a backslash (\\); for a new paragraph, leave an empty line",
    "p": "leave an empty line between paragraphs", "div": "leave an empty line between paragraphs",
    "a": "write a Markdown link: [the words](assets/file.pdf or https://...)",
    "ul": "write a list with one '- ' line per item", "ol": "write a numbered list with '1. ' lines",
    "li": "write a list with one '- ' line per item",
    "table": "write a Markdown table: '| a | b |' lines under a '| --- | --- |' line",
    "h1": "start the line with '#'", "h2": "start the line with '##'", "h3": "start the line with '###'",
    "code": "put `backticks` around code",
}


def dropped_markdown(course: Course) -> list[Diagnostic]:
    found: list[Diagnostic] = []
    for text in markdown_texts(course):
        found += _text(text)
    return found


def _text(item: MarkdownText) -> Iterator[Diagnostic]:
    seen: set[str] = set()
    for d in dropped(item.text):
        kind = d.tag or "image"
        if kind in seen:
            continue
        seen.add(kind)
        file, (line, column) = position_of(item.holder, item.key, item.text, d.snippet)
        reason, fix = _advice(d, item.on_text_page)
        yield source_error(RULE, file, line, column, item.holder.at(item.key).key, reason, fix, severity="warning")


def _advice(d: Dropped, on_text_page: bool) -> tuple[str, str]:
    picture_fix = IMAGE_ON_PAGE if on_text_page else IMAGE_ELSEWHERE
    if d.kind == "image":
        return (f"the Markdown image {d.snippet!r} shows as '!' and a link, not as a picture "
                "(Markdown images are off)", picture_fix)
    if d.tag == "img":
        return f"the HTML image {d.snippet!r} shows as text, not as a picture (raw HTML is off)", picture_fix
    return (f"the HTML tag {d.snippet!r} shows as text, not as formatting (raw HTML is off)",
            INSTEAD.get(d.tag, "use Markdown for formatting"))
