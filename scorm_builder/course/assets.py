"""The files a course's pages name or its text links to: each a safely named file inside the course folder.

What a file on disk must be to go into a package (readable, not too large, no link loop, its
content what its extension says) is asset_files.py's; the rules here are about the path as
written and where it leads. A page's ``image:`` names a file; a Markdown link such as
``[job aid](assets/job-aid.pdf)`` in any Markdown text links to one, and the file goes into the
package at the path the link names (so the link works as written). A link with a scheme
(``https:``, ``mailto:``) or to an anchor of the page (``#top``) is not a file of the course.
"""
from __future__ import annotations

import os
import posixpath
import re
from pathlib import Path
from typing import Any, Callable, Collection, Iterator
from urllib.parse import unquote

from scorm_builder.course.asset_files import AssetProblem, content_problem, resolve_asset
from scorm_builder.course.from_tree import source_of
from scorm_builder.course.media_files import check_captions, check_media_size, media_holders
from scorm_builder.course.model import Asset, Pos, Source
from scorm_builder.course.text_position import find, position_of
from scorm_builder.errors import Collector
from scorm_builder.format.course import COURSE, Line, TextOrLines
from scorm_builder.format.spec import ListOf, Obj, Spec, Str, Tagged
from scorm_builder.render.markdown import link_targets
from scorm_builder.source.loader import Map, display_path

SAFE_HREF = re.compile(r"[a-z0-9_][a-z0-9._/-]*")
FIX_INSIDE = "put the file in the course's assets/ folder and write a path such as assets/photo.png"
SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")
# What text may link to: documents, pictures, sound and video. A linked file opens as a page of the
# LMS's site, so nothing that runs there (HTML, SVG, scripts) or that a server would run (.php, ...).
LINKABLE = (".pdf", ".png", ".jpg", ".jpeg", ".gif", ".webp", ".mp3", ".m4a", ".wav", ".ogg", ".oga", ".mp4",
            ".m4v", ".webm", ".ogv", ".txt", ".csv", ".docx", ".xlsx", ".pptx", ".odt", ".ods", ".odp", ".zip")


def course_assets(clean: Map, root: Path, found: Collector) -> dict[str, Asset]:
    """Check every file the pages of a checked course tree name; each sound path as written -> its Asset."""
    assets: dict[str, Asset] = {}
    holders = [(page, f"lessons[{i}].pages[{j}]") for i, lesson in enumerate(_items(clean.get("lessons")))
               for j, page in enumerate(_items(lesson.get("pages") if isinstance(lesson, dict) else None))
               if isinstance(page, dict) and page.get("type") in ("text", "scenario", "reply")]
    assessment = clean.get("assessment")
    holders += [(q, f"assessment.questions[{k}]") for k, q in
                enumerate(_items(assessment.get("questions") if isinstance(assessment, dict) else None))
                if isinstance(q, dict)]
    holders += list(_node_holders(clean))
    for holder, path in holders:  # the images of text pages, scenarios, questions and dialogue nodes
        image = holder.get("image")
        if isinstance(image, dict) and isinstance(image.get("src"), str):
            asset = check_asset(image, "src", f"{path}.image.src", root, found)
            if asset is not None:
                assets[image["src"]] = asset
    for holder, path in _avatar_holders(clean):  # the customers' pictures (format/conversation.py AVATAR)
        picture = holder.get("avatar")
        if isinstance(picture, dict) and isinstance(picture.get("src"), str):
            asset = check_asset(picture, "src", f"{path}.avatar.src", root, found)
            if asset is not None:
                assets[picture["src"]] = asset
    _media_assets(clean, root, found, assets)
    return assets


def _node_holders(clean: Map) -> Iterator[tuple[Map, str]]:
    """The nodes of the dialogues, which may show an image, with their key paths."""
    for i, lesson in enumerate(_items(clean.get("lessons"))):
        for j, page in enumerate(_items(lesson.get("pages") if isinstance(lesson, dict) else None)):
            if isinstance(page, dict) and page.get("type") == "dialogue":
                yield from ((n, f"lessons[{i}].pages[{j}].nodes[{k}]") for k, n in enumerate(_items(page.get("nodes")))
                            if isinstance(n, dict))


def _media_assets(clean: Map, root: Path, found: Collector, assets: dict[str, Asset]) -> None:
    """The sound and video files and their captions (media_files.py), into ``assets``; their size within the cap."""
    sizes: dict[str, tuple[int, Map, str]] = {}
    for media, path in media_holders(clean):
        if isinstance(media.get("src"), str) and (asset := check_asset(media, "src", f"{path}.src", root, found)):
            assets[media["src"]] = asset
            sizes.setdefault(asset.href, (asset.source.stat().st_size, media, path))
        captions = media.get("captions")
        if isinstance(captions, dict) and isinstance(captions.get("src"), str) and (
                asset := check_asset(captions, "src", f"{path}.captions.src", root, found)):
            assets[captions["src"]] = asset
            check_captions(captions, f"{path}.captions", asset, root / captions["src"], found)
    check_media_size(sizes, found)


def _avatar_holders(clean: Map) -> Iterator[tuple[Map, str]]:
    """The mappings that may hold an ``avatar:``: scenarios' customers and dialogues, with their key paths."""
    for i, lesson in enumerate(_items(clean.get("lessons"))):
        for j, page in enumerate(_items(lesson.get("pages") if isinstance(lesson, dict) else None)):
            path = f"lessons[{i}].pages[{j}]"
            if isinstance(page, dict) and page.get("type") in ("dialogue", "calibration"):
                yield page, path
            elif isinstance(page, dict) and isinstance(page.get("customer"), dict):
                yield page["customer"], f"{path}.customer"


def check_asset(node: Map, key: str, path: str, root: Path, found: Collector) -> Asset | None:
    """The Asset that the path ``node[key]`` names, or None after reporting why it can't go in the package."""

    def error(rule: str, reason: str, fix: str) -> None:
        found.error(node.where(key), path, reason, fix, rule=rule)

    return course_file(node[key], root, error)


def course_file(raw: str, root: Path, error: Callable[[str, str, str], None], link: bool = False,
                what: str = "") -> Asset | None:
    """The Asset of the course file at path ``raw``, or None after reporting (through ``error(rule, reason,
    fix)``) why it can't go in the package; ``link``: a file text links to, packaged at the path as
    written (so the link works as it is) and only of the LINKABLE types; ``what``: what messages call the file
    (default "linked file" or "asset")."""
    what = what or ("linked file" if link else "asset")
    if raw.startswith(("/", "\\")) or (len(raw) > 1 and raw[1] == ":") or "://" in raw:
        error("asset-absolute", f"the {what} path {raw!r} is absolute or a URL (expected a path inside the course "
              "folder)", FIX_INSIDE)
        return None
    if ".." in raw.replace("\\", "/").split("/"):
        error("asset-parent-path", f"the {what} path {raw!r} leaves the course folder (expected a path inside it)",
              FIX_INSIDE)
        return None
    if link and Path(raw).suffix.lower() not in LINKABLE:
        lead = "text can't link to" if what == "linked file" else f"a {what.split()[0]} can't be"  # a resource
        error("link-file-type", f"{lead} the file {raw!r} (expected a document, picture, sound or video: "
              f"{', '.join(e[1:] for e in LINKABLE)})", "link to a PDF or another file of those types")
        return None
    course_dir = root.resolve()
    file = root / raw
    if not file.exists() and not os.path.islink(file):
        error("asset-not-found", f"{what} not found: {raw!r} (expected a file at {display_path(file)})",
              "check the spelling and the folder, or add the file")
        return None
    real = resolve_asset(file, raw)
    if isinstance(real, AssetProblem):
        error(real.rule, real.reason, real.fix)
        return None
    if not real.is_relative_to(course_dir):
        error("asset-link-outside", f"the {what} {raw!r} is a link to a file outside the course folder "
              f"({display_path(real)})", "copy the file into the course folder instead of linking to it")
        return None
    if not real.is_file():
        error("asset-not-a-file", f"the {what} {raw!r} is not a file", "point at a file, not a folder")
        return None
    href = posixpath.normpath(raw) if link else real.relative_to(course_dir).as_posix()
    if not SAFE_HREF.fullmatch(href):
        # LMSes on case-sensitive or URL-decoding servers lose such files (SCORM-CONFORMANCE A1)
        error("asset-unsafe-name", f"the {what} name {href!r} has capitals, spaces or other special characters "
              "(expected lower-case letters, digits, '.', '-', '_' and '/')",
              "rename the file, e.g. assets/agent-headset.png, and update the path")
        return None
    mismatch = content_problem(real, raw)
    if mismatch is not None:
        error(mismatch.rule, mismatch.reason, mismatch.fix)
        return None
    return Asset(real, href)


def linked_assets(clean: Map, root: Path, found: Collector, skip: Collection[int] = ()) -> list[Asset]:
    """The files the Markdown texts of a checked course tree link to, each checked; a problem is reported at the
    link's own line. ``skip``: ids of mappings and lists known to hold no link to a file (course/reuse.py)."""
    linked: dict[str, Asset] = {}
    for node, key, path, text in markdown_values(clean, skip):
        for href in dict.fromkeys(link_targets(text)):
            raw = local_path(href)
            if raw is None:
                continue
            where = _link_position(source_of(node, path.rpartition(".")[0]), key, text, href, raw)

            def error(rule: str, reason: str, fix: str, where: tuple[str, Pos] = where, path: str = path) -> None:
                found.error(where, path, reason, fix, rule=rule)

            asset = course_file(raw, root, error, link=True)
            if asset is not None:
                linked[asset.href] = asset
    return [linked[href] for href in sorted(linked)]


def _link_position(holder: Source, key: str, text: str, href: str, raw: str) -> tuple[str, Pos]:
    """Where the link's path is written: after its '](' (or '](<'), else at the text itself."""
    for phrase, offset in ((f"]({href}", 2), (f"](<{raw}", 3), (f"]({raw}", 2), (raw, 0)):
        found = find(holder, key, text, phrase, offset)
        if found is not None:
            return holder.at(key).file, found
    return position_of(holder, key, text, "")


def markdown_values(tree: Map, skip: Collection[int] = ()) -> Iterator[tuple[Map, str, str, str]]:
    """(mapping, key, key path, text) of every Markdown text of a checked course tree: the keys the course
    format marks Markdown, wherever they are, except under the mappings and lists whose ids are in ``skip``."""
    stack: list[tuple[Spec, Any, str]] = [(COURSE, tree, "")]
    while stack:
        spec, node, path = stack.pop()
        if skip and id(node) in skip:
            continue
        if isinstance(spec, TextOrLines) and isinstance(node, list):  # a debrief of lines
            spec = spec.lines
        elif isinstance(spec, Line):
            spec = spec.obj
        if isinstance(spec, Tagged) and isinstance(node, dict) and node.get(spec.tag) in spec.variants:
            stack.append((spec.variants[node[spec.tag]], node, path))
        elif isinstance(spec, Obj) and isinstance(node, Map):
            for key, field in spec.fields.items():
                sub, value = f"{path}.{key}" if path else key, node.get(key)
                if isinstance(field.spec, Str) and field.spec.markdown and isinstance(value, str):
                    yield node, key, sub, value
                elif value is not None:
                    stack.append((field.spec, value, sub))
        elif isinstance(spec, ListOf) and isinstance(node, list):
            stack.extend((spec.item, item, f"{path}[{i}]") for i, item in reversed(list(enumerate(node))))


def local_path(href: str) -> str | None:
    """The course file a link's href names (query and anchor dropped, %-escapes decoded), or None when it names
    none: an anchor of the page, or an address with a scheme or a host."""
    if not href or href.startswith(("#", "//")) or SCHEME.match(href):
        return None
    return unquote(href.split("#", 1)[0].split("?", 1)[0]) or None


def _items(value) -> list:
    return value if isinstance(value, list) else []
