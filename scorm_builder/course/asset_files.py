"""Asset files on disk: links resolved safely, the file readable, its size within the limits before any byte is
read, and its first bytes those of the type its extension names."""
from __future__ import annotations

import errno
import os
import re
import stat
from pathlib import Path

from scorm_builder.errors import BuilderError

from .record import record

LMS_BUDGET = 50 * 1024 * 1024  # several LMSes refuse package uploads above about 50 MB
LIMIT_ENV = "SCORM_BUILDER_MAX_PACKAGE_MB"
DEFAULT_LIMIT_MB = 1024  # a package (before compression) above this is refused unless the user raises it
MB = 1024 * 1024
KINDS = {stat.S_IFDIR: "a folder", stat.S_IFIFO: "a named pipe (FIFO)", stat.S_IFSOCK: "a socket",
         stat.S_IFCHR: "a device", stat.S_IFBLK: "a device"}


@record
class AssetProblem:
    """Why an asset can't go into a package, for a positioned error at the asset's key."""

    rule: str  # asset-symlink-loop | asset-unreadable | asset-not-a-file | asset-too-large | asset-content-mismatch
    reason: str
    fix: str


def package_limit() -> int:
    """The largest package, in bytes before compression: SCORM_BUILDER_MAX_PACKAGE_MB, default 1024."""
    raw = os.environ.get(LIMIT_ENV, "").strip()
    if not raw:
        return DEFAULT_LIMIT_MB * MB
    if not raw.isdigit() or int(raw) == 0:
        raise BuilderError(f"{LIMIT_ENV}={raw!r} is not a whole number of megabytes above 0 (expected e.g. "
                           f"{DEFAULT_LIMIT_MB * 2}) \u2014 set it to the largest package size in MB, or unset it "
                           f"for {DEFAULT_LIMIT_MB}")
    return int(raw) * MB


def size_text(size: int) -> str:
    """1.5 GB, 62.0 MB, 12 KB: sizes in binary units, as file managers show them."""
    if size >= 1024 * MB:
        return f"{size / (1024 * MB):.1f} GB"
    if size >= MB:
        return f"{size / MB:.1f} MB"
    return f"{size / 1024:.0f} KB"


def resolve_asset(file: Path, raw: str) -> Path | AssetProblem:
    """``file`` with every link followed, or the problem that stops it (a link loop, a folder that can't be read)."""
    try:
        return file.resolve(strict=True)
    except RuntimeError:  # Python < 3.13 reports a link loop this way
        return _loop(raw)
    except OSError as err:
        if err.errno == errno.ELOOP:
            return _loop(raw)
        if err.errno == errno.ENOENT:  # a link to a file that isn't there
            return AssetProblem("asset-not-found", f"the asset {raw!r} is a link to a file that does not exist",
                                "point the link at an existing file, or put the file itself there")
        return _unreadable(raw, err)


def inspect_asset(real: Path, raw: str, limit: int | None = None) -> tuple[int, AssetProblem | None]:
    """The size of the asset at ``real`` (links already resolved) and what stops it going into a package.

    Checked without reading the contents: it is a regular file (a FIFO would hang the build, a
    device never ends), it can be opened for reading, and it fits the package limit.
    """
    limit = package_limit() if limit is None else limit
    try:
        info = os.stat(real)
    except OSError as err:
        return 0, _unreadable(raw, err)
    kind = KINDS.get(stat.S_IFMT(info.st_mode))
    if kind is not None or not stat.S_ISREG(info.st_mode):
        return 0, AssetProblem("asset-not-a-file", f"the asset {raw!r} is {kind or 'not a regular file'} "
                                                   "(expected a file)", "point at a regular file")
    try:
        os.close(os.open(real, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0)))
    except OSError as err:
        return info.st_size, _unreadable(raw, err)
    if info.st_size > limit:
        return info.st_size, AssetProblem(
            "asset-too-large", f"the asset {raw!r} is {size_text(info.st_size)}, above the {size_text(limit)} "
                               "a package may hold",
            f"keep large media out of the package (link to a video host), or raise the limit with "
            f"{LIMIT_ENV}=<megabytes>")
    return info.st_size, None


def _loop(raw: str) -> AssetProblem:
    return AssetProblem("asset-symlink-loop", f"the asset {raw!r} is a symbolic link that leads back to itself "
                                              "(a link loop)", "replace the link with the file it should point at")


def _unreadable(raw: str, err: OSError) -> AssetProblem:
    return AssetProblem("asset-unreadable", f"the asset {raw!r} cannot be read ({err.strerror or err})",
                        "let the user running the build read the file (e.g. chmod a+r), or replace it")


# -- what a file's first bytes say it is ---------------------------------------------------------------
HEAD_BYTES = 4096  # enough for every signature below, and for an SVG's XML declaration and comments
TYPE_NAMES = {"png": "a PNG image", "jpeg": "a JPEG image", "gif": "a GIF image", "webp": "a WebP image",
              "svg": "an SVG image", "pdf": "a PDF document", "mp3": "an MP3 sound", "mp4": "an MP4 video or sound",
              "webm": "a WebM video", "ogg": "an Ogg sound or video", "wav": "a WAV sound", "woff": "a WOFF font",
              "woff2": "a WOFF2 font", "zip": "a ZIP archive (or an Office document)", "html": "an HTML page",
              "vtt": "a WebVTT captions file"}
TYPE_OF_EXTENSION = {".png": "png", ".jpg": "jpeg", ".jpeg": "jpeg", ".gif": "gif", ".webp": "webp", ".svg": "svg",
                     ".pdf": "pdf", ".mp3": "mp3", ".mp4": "mp4", ".m4a": "mp4", ".m4v": "mp4", ".webm": "webm",
                     ".ogg": "ogg", ".oga": "ogg", ".ogv": "ogg", ".wav": "wav", ".woff": "woff", ".woff2": "woff2",
                     ".zip": "zip", ".docx": "zip", ".xlsx": "zip", ".pptx": "zip", ".odt": "zip", ".ods": "zip",
                     ".odp": "zip", ".vtt": "vtt"}
_WEBVTT = re.compile(rb"WEBVTT(?:[ \t\r\n]|\Z)")
_MARKUP_START = re.compile(rb"\s*(?:<\?xml[^>]*>\s*|<!--.*?-->\s*|<!DOCTYPE[^>]*>\s*)*<(svg|html)\b", re.S | re.I)


def content_type(head: bytes) -> str | None:
    """The type the first bytes of a file show (a key of TYPE_NAMES), or None when they show none of them."""
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head.startswith((b"GIF87a", b"GIF89a")):
        return "gif"
    if head.startswith(b"RIFF") and head[8:12] in (b"WEBP", b"WAVE"):
        return "webp" if head[8:12] == b"WEBP" else "wav"
    if b"%PDF-" in head[:1024]:  # readers accept a few bytes of junk before the header
        return "pdf"
    if head[4:8] == b"ftyp":
        return "mp4"
    for signature, kind in ((b"\x1a\x45\xdf\xa3", "webm"), (b"OggS", "ogg"), (b"wOFF", "woff"), (b"wOF2", "woff2"),
                            (b"PK\x03\x04", "zip"), (b"ID3", "mp3")):
        if head.startswith(signature):
            return kind
    if len(head) > 1 and head[0] == 0xFF and head[1] & 0xE0 == 0xE0:  # an MPEG audio frame without ID3 tags
        return "mp3"
    if _WEBVTT.match(head.removeprefix(b"\xef\xbb\xbf")):  # captions: the first line is WEBVTT, then text or none
        return "vtt"
    markup = _MARKUP_START.match(head.removeprefix(b"\xef\xbb\xbf"))
    return markup.group(1).decode().lower() if markup else None


def content_problem(real: Path, raw: str) -> AssetProblem | None:
    """Why the file at ``real`` is not what its extension says (an SVG renamed .png), or None.

    Only the first bytes are read; an extension outside TYPE_OF_EXTENSION is not checked, and a
    file that can't be read is left to :func:`inspect_asset` to report.
    """
    wanted = TYPE_OF_EXTENSION.get(real.suffix.lower()) or TYPE_OF_EXTENSION.get(Path(raw).suffix.lower())
    if wanted is None:
        return None
    try:
        with open(real, "rb") as handle:
            head = handle.read(HEAD_BYTES)
    except OSError:
        return None
    found = content_type(head)
    if found == wanted:
        return None
    ext = Path(raw).suffix or real.suffix
    if not head:
        return AssetProblem("asset-content-mismatch", f"the asset {raw!r} is empty (expected {TYPE_NAMES[wanted]})",
                            f"replace it with the real {ext} file")
    if wanted == "vtt":
        first = head.removeprefix(b"\xef\xbb\xbf").splitlines()[0][:40].decode("utf-8", "replace") if head else ""
        return AssetProblem("asset-content-mismatch", f"the captions file {raw!r} does not start with WEBVTT (its "
                            f"first line is {first!r})", "put the line WEBVTT and a blank line at the top, or export "
                            "the captions again as WebVTT (.vtt)")
    if found is None:
        return AssetProblem("asset-content-mismatch", f"the asset {raw!r} is not {TYPE_NAMES[wanted]}: its first "
                            f"bytes are not those of a {ext} file", f"export the file again as {ext}, or give it the "
                            "extension of what it really is")
    real_ext = next(e for e, kind in TYPE_OF_EXTENSION.items() if kind == found) if found != "html" else ".html"
    return AssetProblem("asset-content-mismatch", f"the asset {raw!r} is {TYPE_NAMES[found]}, not "
                        f"{TYPE_NAMES[wanted]} as its extension says",
                        f"rename it to {Path(raw).with_suffix(real_ext).as_posix()} (and the path that names it), "
                        f"or convert it to {ext}")
