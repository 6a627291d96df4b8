"""Media as the player's data: a sound or video file with its captions track and transcript (view-media.js
shows it), and the ``type: media`` page around one."""
from __future__ import annotations

from typing import Any

from scorm_builder.course.model_media import Media, MediaPage
from scorm_builder.render.markdown import markdown


def media_data(media: Media) -> dict[str, Any]:
    """The media; "captions" is None for sound (its words are the transcript)."""
    c = media.captions
    return {"kind": media.kind, "src": media.src, "type": media.mime, "title": media.title,
            "captions": {"src": c.src, "language": c.language, "label": c.label} if c else None,
            "transcript_html": markdown(media.transcript)}


def media_page(page: MediaPage) -> dict[str, Any]:
    return {"body_html": markdown(page.body), "media": media_data(page.media)}
