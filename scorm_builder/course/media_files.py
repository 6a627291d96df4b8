"""The files of a course's media: where ``media:`` is written, the WebVTT captions checked cue by cue (each
problem at its own line of the .vtt file), how long captions run, and the hard cap on the media's size.

assets.py checks each path as it checks images (inside the course, readable, content as the extension
says: a .vtt starts with WEBVTT); the rules here are the ones only media have.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Iterator

from scorm_builder.course.asset_files import MB, size_text
from scorm_builder.course.model import Asset
from scorm_builder.errors import Collector, Diagnostic, source_error
from scorm_builder.format.media import MEDIA_CAP_MB
from scorm_builder.source.loader import Map, display_path

TIME = r"(?:(\d{2,}):)?([0-5]\d):([0-5]\d)\.(\d{3})"
TIMING = re.compile(rf"{TIME}[ \t]+-->[ \t]+{TIME}(?:[ \t].*)?")
TIMING_HELP = "start --> end, each as [hours:]minutes:seconds.milliseconds, e.g. 00:01.000 --> 00:04.500"
MAX_REPORTED = 5  # timing problems reported per captions file; the rest are the same mistake


def media_holders(clean: Map) -> Iterator[tuple[Map, str]]:
    """Every ``media:`` mapping of a checked course tree (media pages and scenarios), with its key path."""
    for i, lesson in enumerate(_items(clean.get("lessons"))):
        for j, page in enumerate(_items(lesson.get("pages") if isinstance(lesson, dict) else None)):
            if isinstance(page, dict) and isinstance(page.get("media"), dict):
                yield page["media"], f"lessons[{i}].pages[{j}].media"


def cue_times(text: str) -> Iterator[tuple[int, str, int | None, int | None]]:
    """(line number, line, start ms, end ms) of every line of WebVTT text that holds '-->'; the times are None
    when the line is not a cue timing."""
    for number, line in enumerate(text.splitlines(), 1):
        if "-->" not in line:
            continue
        match = TIMING.fullmatch(line.strip())
        if match is None:
            yield number, line, None, None
        else:
            g = match.groups()
            yield number, line, _ms(g[:4]), _ms(g[4:])


def captions_end(path: Path) -> int:
    """When the last cue of a checked captions file ends, in milliseconds (0 for none)."""
    text = path.read_bytes().decode("utf-8", "replace")
    return max((end for _, _, _, end in cue_times(text) if end is not None), default=0)


def check_captions(captions: Map, path: str, asset: Asset, raw_file: Path, found: Collector) -> None:
    """The cues of a captions file that passed the asset checks (so it starts with WEBVTT): UTF-8, at least one
    cue, and each timing well formed with its end after its start; ``raw_file``: the file as the course names
    it, for the positions."""
    shown = display_path(raw_file)
    try:
        text = asset.source.read_bytes().decode("utf-8")
    except UnicodeDecodeError as err:
        found.error(captions.where("src"), f"{path}.src", f"the captions file {captions['src']!r} is not UTF-8 "
                    f"text (byte {err.start + 1}); WebVTT files are always UTF-8",
                    "save the file again as UTF-8", rule="captions-encoding")
        return
    reported, cues = 0, 0
    for number, line, start, end in cue_times(text.removeprefix("\ufeff")):
        if start is not None and end is not None and end > start:
            cues += 1
            continue
        if reported < MAX_REPORTED:
            if start is None:
                reason, fix = (f"invalid cue timing {line.strip()!r} (expected {TIMING_HELP})",
                               "write each time with a '.' before the milliseconds (not a ',' as in SRT files)")
            else:
                reason, fix = f"the cue ends at or before it starts: {line.strip()!r}", "give the cue a later end"
            found.error((shown, (number, 1)), f"{path}.src", reason, fix, rule="captions-timing")
        reported += 1
    if not cues and not reported:
        found.error(captions.where("src"), f"{path}.src", f"the captions file {captions['src']!r} has no cues "
                    "(expected timed lines such as 00:01.000 --> 00:04.500 followed by the words)",
                    "write the captions, or export them again from your captioning tool", rule="captions-empty")


def check_media_size(sizes: dict[str, tuple[int, Map, str]], found: Collector) -> None:
    """The course's media (each file once: path -> size, the mapping naming it, its key path) within the cap."""
    total = sum(size for size, _, _ in sizes.values())
    if total <= MEDIA_CAP_MB * MB:
        return
    src, (size, media, path) = max(sizes.items(), key=lambda item: (item[1][0], item[0]))
    found.error(media.where("src"), f"{path}.src", f"the course's sound and video add up to {size_text(total)}, "
                f"above the {MEDIA_CAP_MB} MB cap on a course's media (the largest, {src!r}, is {size_text(size)})",
                "stream long videos from your video platform and link to them, or make the files smaller (e.g. "
                "ffmpeg -crf 28, or a lower resolution)", rule="media-too-large")


def over_budget(course) -> Diagnostic | None:
    """The warning (media-over-budget) when the course's sound and video (each file once) add up to more than its
    ``media_budget_mb``, at the ``src:`` of the largest; lint shows it, and build prints it before the package is
    written (pack/plan.py ``Plan.warnings``)."""
    sizes: dict[str, tuple[int, object]] = {}
    for page in course.pages:
        media = getattr(page, "media", None)
        if media is not None:
            sizes.setdefault(media.src, (media.size, media))
    total, budget = sum(size for size, _ in sizes.values()), course.media_budget_mb
    if total <= budget * MB:
        return None
    src, (size, media) = max(sizes.items(), key=lambda item: (item[1][0], item[0]))
    where = media.source.at("src")
    return source_error(
        "media-over-budget", where.file, where.line, where.column, where.key,
        f"the course's sound and video add up to {size_text(total)}, above its media budget of {budget} MB "
        f"(the largest, {src!r}, is {size_text(size)})", "make the files smaller (e.g. ffmpeg -crf 28, or "
        "mono sound at 32 kbit/s), stream long videos from your video platform, or raise 'media_budget_mb'",
        severity="warning")


def _ms(parts: tuple[str | None, ...]) -> int:
    hours, minutes, seconds, millis = (int(p) if p else 0 for p in parts)
    return ((hours * 60 + minutes) * 60 + seconds) * 1000 + millis


def _items(value) -> list:
    return value if isinstance(value, list) else []
