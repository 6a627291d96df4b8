"""The model of media: a sound or video file with its captions or transcript (on a scenario or a media page),
and the ``type: media`` page. Frozen like the rest of the model (model.py); from_tree.py makes them."""
from __future__ import annotations

from typing import ClassVar

from scorm_builder.course.model import Source

from .record import record


@record
class Captions:
    src: str  # the WebVTT file's path inside the package (an Asset's href)
    language: str
    label: str  # or "": the player's word for captions, with the language
    source: Source


@record
class Media:
    kind: str  # audio | video
    src: str  # the file's path inside the package (an Asset's href)
    mime: str  # e.g. audio/mpeg
    title: str  # the player's accessible name: the media's own title, else its page's
    captions: Captions | None  # always there for video (format/media.py)
    transcript: str  # Markdown, or "" (always there for audio)
    size: int  # bytes, for the course's media budget (lint media-over-budget)
    source: Source


@record
class MediaPage:
    kind: ClassVar[str] = "media"
    id: str  # the page's own id, or the automatic one (lesson id and position)
    title: str
    body: str  # Markdown, or ""
    media: Media
    source: Source

