"""The course format's media keys: a sound or video file of the course with its captions or transcript, the
``type: media`` page that shows one, and the size budget of a course's media.

format/course.py puts MEDIA on scenarios (``media:``) and media_page() among the page types. A video needs
captions (WCAG 1.2.2, captions prerecorded) and a sound alone needs a transcript (WCAG 1.2.1, audio-only);
both are checked here, at the media's own position, from the file's extension.
"""
from __future__ import annotations

from pathlib import PurePosixPath
from typing import Callable

from scorm_builder.format.spec import F, Int, Obj, Str
from scorm_builder.source.loader import Map

# What each extension plays as, and the MIME type the player's <source> names.
AUDIO = {".mp3": "audio/mpeg", ".m4a": "audio/mp4", ".wav": "audio/wav", ".ogg": "audio/ogg", ".oga": "audio/ogg"}
VIDEO = {".mp4": "video/mp4", ".m4v": "video/mp4", ".webm": "video/webm", ".ogv": "video/ogg"}
MEDIA_BUDGET_MB = 25  # the default budget: the course's media together above it is a lint warning
MEDIA_CAP_MB = 200  # the hard cap: the course's media together above it is an error, whatever the budget
LONG_VIDEO_MINUTES = 6  # lint: a video whose captions run longer is worth splitting
LANGUAGE = r"[a-z]{2,3}(-[A-Z]{2})?"


def media_kind(src: str) -> str:
    """audio, video, or "" for an extension that is neither."""
    ext = PurePosixPath(src).suffix.lower()
    return "audio" if ext in AUDIO else "video" if ext in VIDEO else ""


def mime_type(src: str) -> str:
    ext = PurePosixPath(src).suffix.lower()
    return AUDIO.get(ext) or VIDEO.get(ext, "")


def _media_rules(media: Map, key: str, ctx) -> None:
    """The file's kind from its extension; a video has captions, a sound a transcript (and no captions, which
    browsers don't show for sound)."""
    src = media.get("src")
    if not isinstance(src, str):
        return
    kind = media_kind(src)
    if not kind:
        ctx.error(media.where("src"), f"{key}.src", f"the media file {src!r} is neither sound nor video a browser "
                  f"plays (expected audio: {', '.join(e[1:] for e in AUDIO)}; or video: "
                  f"{', '.join(e[1:] for e in VIDEO)})", "convert it, e.g. to MP3 for sound or MP4 (H.264 and AAC) "
                  "for video", rule="media-type")
    elif kind == "video" and "captions" not in media:
        ctx.error(media.where(), f"{key}.captions", "a video needs captions (WCAG 1.2.2): missing key 'captions'",
                  "add 'captions: {src: assets/<name>.vtt, language: en}' with a WebVTT file of what is said and "
                  "heard", rule="media-no-captions")
    elif kind == "audio" and "transcript" not in media:
        ctx.error(media.where(), f"{key}.transcript", "a recording of sound alone needs a transcript (WCAG 1.2.1): "
                  "missing key 'transcript'", "add 'transcript:' with everything the recording says, who says it "
                  "and the sounds that matter", rule="media-no-transcript")
    elif kind == "audio" and "captions" in media:
        ctx.error(media.where("captions"), f"{key}.captions", "browsers show no captions for sound alone",
                  "remove 'captions:' and put the words in 'transcript:'", rule="media-audio-captions")


CAPTIONS = Obj("captions", {
    "src": F(Str("Path of the WebVTT file inside the course's assets/ folder, e.g. assets/caller.vtt",
                 pattern=r".+\.vtt", pattern_help="a path to a WebVTT file, ending in .vtt",
                 example="assets/caller.vtt"), True),
    "language": F(Str("The language of the captions, e.g. en or pt-BR", pattern=LANGUAGE,
                      pattern_help="a language code such as en, es or pt-BR", example="en"), True),
    "label": F(Str("The captions' name in the player's captions menu, e.g. English; default: the player's word "
                   "for captions and the language code", max_len=60)),
}, "The captions of a video: a WebVTT file (it starts with WEBVTT) and its language")

MEDIA = Obj("media", {
    "src": F(Str("Path of the sound or video file inside the course's assets/ folder: sound as .mp3, .m4a, "
                 ".wav, .ogg or .oga, video as .mp4, .m4v, .webm or .ogv", example="assets/caller.mp3"), True),
    "title": F(Str("What the recording is, the player's accessible name, e.g. 'Voicemail from Dana'; default: "
                   "the page's or scenario's title", max_len=200)),
    "captions": F(CAPTIONS),
    "transcript": F(Str("Everything the recording says (who says it) and the sounds that matter, shown under the "
                        "player: required for sound, recommended for video", markdown=True)),
}, "A sound or video file of the course; a video has captions, a sound a transcript", post=_media_rules)


def media_page(make_id: Callable[[str], Str]) -> Obj:
    """The ``type: media`` page; ``make_id``: format/course.py's maker of id specs."""
    return Obj("media page", {
        "id": F(make_id("Page id; optional, derived from the lesson id and position when left out")),
        "title": F(Str("Page heading", max_len=200), True),
        "body": F(Str("Text shown above the player, e.g. what to listen for", markdown=True)),
        "media": F(MEDIA, True),
    }, "A page with a recording to watch or listen to: counted as seen when opened, like a text page")


MEDIA_BUDGET = F(Int(f"Megabytes of sound and video the course's package should hold at most: more is a lint "
                     f"warning (media-over-budget); above {MEDIA_CAP_MB} MB is an error whatever the budget",
                     minimum=1, maximum=MEDIA_CAP_MB), default=MEDIA_BUDGET_MB)
