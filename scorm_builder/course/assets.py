"""The files a course's pages name: each must be a safely named file inside the course folder.

What a file on disk must be to go into a package (readable, not too large, no link loop) is
asset_files.py's; the rules here are about the path as written and where it leads.
"""
from __future__ import annotations

import os
import re
from pathlib import Path

from scorm_builder.course.asset_files import AssetProblem, resolve_asset
from scorm_builder.course.model import Asset
from scorm_builder.errors import Collector
from scorm_builder.source.loader import Map, display_path

SAFE_HREF = re.compile(r"[a-z0-9_][a-z0-9._/-]*")
FIX_INSIDE = "put the file in the course's assets/ folder and write a path such as assets/photo.png"


def course_assets(clean: Map, root: Path, found: Collector) -> dict[str, Asset]:
    """Check every file the pages of a checked course tree name; each sound path as written -> its Asset."""
    assets: dict[str, Asset] = {}
    for i, lesson in enumerate(_items(clean.get("lessons"))):
        for j, page in enumerate(_items(lesson.get("pages") if isinstance(lesson, dict) else None)):
            image = page.get("image") if isinstance(page, dict) and page.get("type") == "text" else None
            if isinstance(image, dict) and isinstance(image.get("src"), str):
                asset = check_asset(image, "src", f"lessons[{i}].pages[{j}].image.src", root, found)
                if asset is not None:
                    assets[image["src"]] = asset
    return assets


def check_asset(node: Map, key: str, path: str, root: Path, found: Collector) -> Asset | None:
    """The Asset that the path ``node[key]`` names, or None after reporting why it can't go in the package."""
    raw = node[key]

    def error(rule: str, reason: str, fix: str) -> None:
        found.error(node.where(key), path, reason, fix, rule=rule)

    if raw.startswith(("/", "\\")) or (len(raw) > 1 and raw[1] == ":") or "://" in raw:
        error("asset-absolute", f"the asset path {raw!r} is absolute or a URL (expected a path inside the course "
              "folder)", FIX_INSIDE)
        return None
    if ".." in raw.replace("\\", "/").split("/"):
        error("asset-parent-path", f"the asset path {raw!r} leaves the course folder (expected a path inside it)",
              FIX_INSIDE)
        return None
    course_dir = root.resolve()
    file = root / raw
    if not file.exists() and not os.path.islink(file):
        error("asset-not-found", f"asset not found: {raw!r} (expected a file at {display_path(file)})",
              "check the spelling and the folder, or add the file")
        return None
    real = resolve_asset(file, raw)
    if isinstance(real, AssetProblem):
        error(real.rule, real.reason, real.fix)
        return None
    if not real.is_relative_to(course_dir):
        error("asset-link-outside", f"the asset {raw!r} is a link to a file outside the course folder "
              f"({display_path(real)})", "copy the file into the course folder instead of linking to it")
        return None
    if not real.is_file():
        error("asset-not-a-file", f"the asset {raw!r} is not a file", "point at a file, not a folder")
        return None
    href = real.relative_to(course_dir).as_posix()
    if not SAFE_HREF.fullmatch(href):
        # LMSes on case-sensitive or URL-decoding servers lose such files (SCORM-CONFORMANCE A1)
        error("asset-unsafe-name", f"the asset name {href!r} has capitals, spaces or other special characters "
              "(expected lower-case letters, digits, '.', '-', '_' and '/')",
              "rename the file, e.g. assets/agent-headset.png, and update the path")
        return None
    return Asset(real, href)


def _items(value) -> list:
    return value if isinstance(value, list) else []
