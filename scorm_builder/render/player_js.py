"""The player's script, joined from its modules: templates/player/js/*.js in the order of
templates/player/js/order.txt, one file a package ships as player/player.js.

The modules are plain scripts sharing one namespace object (window.scormBuilder), so joining
them in order is the whole build: no bundler, and the output is byte-for-byte deterministic.
Each module is preceded by a one-line banner naming it, so a line in a browser's stack trace
leads back to its module. A line of order.txt may end with ``when`` and features
(``lms-cmi5.js  when cmi5``): the module goes only into a package with one of them, a feature being
the package's standard family or something its course uses (:func:`package_features`), so a package
carries the code its course runs and no more. Packaging calls :func:`player_script`, which joins once per set of
module files (a change to a module, as in `preview`, joins again).
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Callable, Sequence

from scorm_builder.course.practice import uses_practice
from scorm_builder.render.environment import default_templates_dir, fixed_cache, read_template_bytes
from scorm_builder.render.player_css import WHEN_BLOCK

ORDER_FILE = "player/js/order.txt"
MODULE_DIR = "player/js/"
# a plain file name in player/js/: an order file (which a company theme may override) can't
# reach outside the folder
MODULE_NAME = re.compile(r"[a-z0-9][a-z0-9_.-]*\.js")
HEADER = (
    "/* scorm-builder player. GENERATED FILE, do not edit: the modules of templates/player/js/ joined in\n"
    "   the order of its order.txt by scorm_builder/render/player_js.py (join_player). Edit the modules,\n"
    "   then join again. Reference: docs/player.md */\n"
)


FEATURE = re.compile(r"[a-z][a-z0-9-]*")


def module_lines(order: bytes) -> list[tuple[str, frozenset[str] | None]]:
    """The modules of an order file with the features that call for each (None: every package); one
    a line, ``name.js`` or ``name.js when feature...``; blank lines and `#` comments skipped."""
    lines: list[tuple[str, frozenset[str] | None]] = []
    for number, line in enumerate(order.decode("utf-8").splitlines(), 1):
        name, *rest = line.split() or [""]
        if not name or name.startswith("#"):
            continue
        if not MODULE_NAME.fullmatch(name):
            raise ValueError(f"{ORDER_FILE}:{number}: {name!r} is not a module file name (expected e.g. state.js)")
        if name in (n for n, _ in lines):
            raise ValueError(f"{ORDER_FILE}:{number}: {name!r} is listed twice")
        if rest and (rest[0] != "when" or len(rest) < 2 or not all(map(FEATURE.fullmatch, rest[1:]))):
            raise ValueError(f"{ORDER_FILE}:{number}: after {name!r} comes 'when' and one or more features "
                             f"(expected e.g. {name} when cmi5)")
        lines.append((name, frozenset(rest[1:]) if rest else None))
    if not lines:
        raise ValueError(f"{ORDER_FILE}: lists no module")
    return lines


def module_names(order: bytes, features: frozenset[str] | None = None) -> list[str]:
    """The module file names of an order file that a package with ``features`` takes (None: all)."""
    return [name for name, when in module_lines(order)
            if when is None or features is None or when & features]


def package_features(course, family: str) -> frozenset[str]:
    """What calls for a gated module: the standard family and the page kinds the course uses."""
    kinds = {page.kind for lesson in course.lessons for page in lesson.pages}
    kinds |= {"reply" for page in course.pages if getattr(page, "reply", None)}  # a scenario's reply: view-reply.js
    kinds |= {"media" for page in course.pages if getattr(page, "media", None)}  # a scenario's media: view-media.js
    kinds |= {k for k in ("resources", "glossary", "certificate") if getattr(course.aids, k, None)}  # course/aids.py
    return frozenset({family, *kinds, *(("practice",) if uses_practice(course) else ())})  # course/practice.py


# The package's copy of a module leaves out its comments: those that fill whole lines (a block comment
# from the start of a line, after indentation, to a "*/" with nothing after it, or a "//" line) with
# their lines, and those after code with the spaces before them. The comments stay in the modules
# (templates/player/js/, the source to read); the package keeps the code, its indentation, names, line
# layout and module banners, unminified, within the 40 KB gzipped budget of JS and CSS (docs/player.md).
# A scan that knows strings and regular expression literals finds them (tests/test_player_js.py); the
# modules hold no template literal (tests/test_player_js.py checks it).
WHOLE_LINE_COMMENT = re.compile(rb"^[ \t]*(?:/\*[^*]*\*+(?:[^/*][^*]*\*+)*/|//[^\n]*)[ \t]*(?:\n|\Z)", re.M)
MARK = re.compile(rb"['\"/]")  # what can start a string, a comment or a regular expression literal
# what a "/" can follow when it starts a regular expression literal, not a division
REGEX_AFTER = re.compile(rb"(?:[(,=:\[!&|?{};+\-*%~^<>]|\b(?:return|typeof|case|in|of|new|delete|void|throw|else|do))[ \t\n]*\Z")


def without_comment_lines(body: bytes) -> bytes:
    """A module's code without its comments (the name is from when only whole-line ones went)."""
    return _without_comments(body)


@lru_cache(maxsize=256)  # the standards of one build share most modules, byte for byte
def _without_comments(body: bytes) -> bytes:
    body = WHOLE_LINE_COMMENT.sub(b"", body)
    out, start, n = [], 0, len(body)
    i = _next_mark(body, 0)
    while i < n:
        c = body[i:i + 1]
        if c in (b"'", b'"'):
            i = _string_end(body, i)
        elif body.startswith(b"/*", i) or body.startswith(b"//", i):
            end = body.find(b"*/", i + 2) + 2 if body[i + 1:i + 2] == b"*" else _line_end(body, i)
            if end < 2:
                raise ValueError("a block comment is not closed")
            starts_line = not body[body.rfind(b"\n", 0, i) + 1:i].strip(b" \t")
            # one that starts a line (after its indentation) takes the spaces after it; one after code,
            # the spaces before it; one over lines leaves a line break (automatic semicolons)
            before = body[start:i] if starts_line else body[start:i].rstrip(b" \t")
            out.append(before + b"\n" if b"\n" in body[i:end] and not starts_line else before)
            start = end
            while starts_line and start < n and body[start] in b" \t":
                start += 1
            i = start
        elif c == b"/" and REGEX_AFTER.search(body, max(0, i - 40), i):
            i = _regex_end(body, i)
        else:
            i += 1
        i = _next_mark(body, i)
    out.append(body[start:])
    return WHOLE_LINE_COMMENT.sub(b"", b"".join(out))


def _next_mark(body: bytes, i: int) -> int:
    """Where the next quote or slash is (all else is copied as it is), or the end."""
    found = MARK.search(body, i)
    return found.start() if found else len(body)


def _line_end(body: bytes, i: int) -> int:
    end = body.find(b"\n", i)
    return len(body) if end < 0 else end


def _string_end(body: bytes, i: int) -> int:
    quote, i = body[i], i + 1
    while i < len(body) and body[i] != quote:
        if body[i] == 0x0A:
            raise ValueError("a string is not closed on its line")
        i += 2 if body[i] == 0x5C else 1
    return i + 1


def _regex_end(body: bytes, i: int) -> int:
    i, in_class = i + 1, False
    while i < len(body) and (in_class or body[i] != 0x2F):
        if body[i] == 0x0A:
            raise ValueError("a regular expression is not closed on its line")
        in_class = (in_class and body[i] != 0x5D) or body[i] == 0x5B
        i += 2 if body[i] == 0x5C else 1
    return i + 1


def for_features(body: bytes, features: frozenset[str] | None) -> bytes:
    """A module with its feature blocks (lines between ``/* when scorm12 */`` and ``/* end when */``,
    as in player.css) kept when ``features`` (None: all) include one of those named, else left out."""
    def block(match: re.Match) -> bytes:
        keep = features is None or set(match.group(1).decode().split()) & features
        return match.group(2) if keep else b""
    return WHEN_BLOCK.sub(block, body)


def join_player(read: Callable[[str], bytes], features: frozenset[str] | None = None) -> bytes:
    """player/player.js from the modules a package with ``features`` takes (None: all), with their
    feature blocks for ``features`` and without their comments; read(name) gives a template file's bytes, name relative to the template
    folder (e.g. "player/js/order.txt")."""
    parts = [HEADER.encode("utf-8")]
    for name in module_names(read(ORDER_FILE), features):
        body = without_comment_lines(for_features(read(MODULE_DIR + name), features))
        parts.append(f"/* --- {name} --- */\n".encode("utf-8"))
        parts.append(body if body.endswith(b"\n") else body + b"\n")
    return b"".join(parts)


_JOINED: dict[tuple, bytes] = {}


def player_script(dirs: Sequence[Path] = (), features: frozenset[str] | None = None) -> bytes:
    """player/player.js for a package with ``features`` (None: every module), from the first theme
    folder that has each file."""
    memo = fixed_cache()
    if memo is not None:  # a batch: joined once per set of features
        key = ("player.js", tuple(map(str, dirs)), features)
        if key not in memo:
            memo[key] = _joined(dirs, features)
        return memo[key]
    return _joined(dirs, features)


def _joined(dirs: Sequence[Path], features: frozenset[str] | None) -> bytes:
    folders = [*dirs, default_templates_dir()]
    signature = (tuple(map(str, folders)), features) + tuple(_stamp(folders, name) for name in _names(dirs))
    if signature not in _JOINED:
        if len(_JOINED) > 32:
            _JOINED.clear()
        _JOINED[signature] = join_player(lambda name: read_template_bytes(name, dirs), features)
    return _JOINED[signature]


def _names(dirs: Sequence[Path]) -> list[str]:
    return [ORDER_FILE] + [MODULE_DIR + n for n in module_names(read_template_bytes(ORDER_FILE, dirs))]


def _stamp(folders: Sequence[Path], name: str) -> tuple:
    for folder in folders:
        path = Path(folder) / name
        if path.is_file():
            stat = path.stat()
            return (name, str(path), stat.st_size, stat.st_mtime_ns)
    return (name, None)
