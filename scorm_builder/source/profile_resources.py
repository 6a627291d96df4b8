"""A company profile's resources (``resources:`` at its top level and under ``courses: <id>:``): files of the
profile's own folder added to the course's Resources list, and the company's titles for the course's own.

An item whose ``file:`` is the ``file:`` of one of the course's resources, as the course writes it (such as
``assets/job-aid.pdf``), gives that resource the item's title (and its description, when it has one). Any other
item adds a file of the profile's folder, after the course's resources, packaged at ``company/<path>``.

A profile is data that a client may write, so its files are checked as its logo and its theme are: a path
inside the profile's folder (not absolute, no ``..``, no link out of the folder), a document, picture, sound or
video that text could link to (course/assets.py LINKABLE), a regular readable file of at most MAX_BYTES, with a
name every LMS server keeps as it is, and first bytes that are those of its extension. Each problem is reported
at the item's ``file:`` in the profile.
"""
from __future__ import annotations

import posixpath
import sys
from pathlib import Path

from scorm_builder.course.asset_files import AssetProblem, content_problem, inspect_asset, resolve_asset, size_text
from scorm_builder.course.assets import LINKABLE, SAFE_HREF
from scorm_builder.course.model import Asset
from scorm_builder.format.spec import Ctx
from scorm_builder.source.loader import Map, Seq, display_path
from scorm_builder.source.profile_course import label

PACKAGE_FOLDER = "company"  # a profile's resource files go into the package under this folder
MAX_BYTES = 20 * 1024 * 1024  # per file: a job aid or a checklist, not a video library
FIX_INSIDE = "put the file in a folder next to the profile and write its path from there, e.g. acme/job-aid.pdf"


class ProfileFile(str):
    """A profile resource's ``file:`` as the course tree holds it: its path in the package, carrying the checked
    file (``asset``), which course/aids.py packages instead of looking for a file of the course."""

    asset: Asset


def merge_resources(course: Map, profile: Map, ctx: Ctx) -> None:
    """The profile's resources into the course tree's ``resources:`` list: a new list, with a copy of each of the
    course's resources it retitles (the course's own, or a batch's shared one, is never changed)."""
    items = profile.get("resources")
    if not isinstance(items, Seq) or not items:
        return
    folder = Path(profile.src).parent
    theirs = course.get("resources")
    merged = theirs.copy() if isinstance(theirs, Seq) else Seq((), *profile.where("resources"))
    by_file = {posixpath.normpath(r["file"]): k for k, r in enumerate(merged)
               if isinstance(r, Map) and isinstance(r.get("file"), str)}
    for i, item in enumerate(items):
        if not isinstance(item, Map) or not isinstance(item.get("file"), str):
            continue
        at = by_file.get(posixpath.normpath(item["file"]))
        if at is not None:  # the company's title for a resource of the course
            own = merged[at].copy()
            for key in ("title", "description"):
                if key in item:
                    own.put_from(key, item, key)
            merged[at] = own
            continue
        asset = profile_file(item, folder, f"{label(profile, 'resources', i)}.file", ctx)
        if asset is not None:
            added = item.copy()
            added.put_from("file", item, "file")
            added["file"] = packaged = ProfileFile(asset.href)
            packaged.asset = asset
            src, pos = items.where(i)
            merged.append_at(added, pos, src)
    if isinstance(theirs, Seq):
        course["resources"] = merged
    else:
        course.put("resources", merged, profile.key_pos.get("resources", profile.pos), merged.pos, profile.src)


def profile_file(item: Map, folder: Path, path: str, ctx: Ctx) -> Asset | None:
    """The Asset of the file of the profile's folder that ``item['file']`` names, or None after reporting why it
    can't go into a package, at that key; ``path``: its key path in the profile, for the message."""
    raw = item["file"]

    def error(rule: str, reason: str, fix: str) -> None:
        ctx.error(item.where("file"), path, reason, fix, rule=rule)

    parts = raw.replace("\\", "/").split("/")
    if raw.startswith(("/", "\\")) or (len(raw) > 1 and raw[1] == ":") or "://" in raw or ".." in parts:
        error("resource-outside-profile", f"the resource path {raw!r} leaves the profile's folder (expected a path "
              "inside it)", FIX_INSIDE)
        return None
    if Path(raw).suffix.lower() not in LINKABLE:
        error("resource-file-type", f"a resource can't be the file {raw!r} (expected a document, picture, sound or "
              f"video: {', '.join(e[1:] for e in LINKABLE)})", "make the resource a PDF or another file of those types")
        return None
    home, file = folder.resolve(), folder / raw
    if not file.exists() and not file.is_symlink():
        error("resource-not-found", f"resource file not found: {raw!r} (expected a file at {display_path(file)})",
              "check the path; it is relative to the profile's folder")
        return None
    real = resolve_asset(file, raw)
    if not isinstance(real, AssetProblem) and not real.is_relative_to(home):
        real = AssetProblem("resource-outside-profile", f"the resource {raw!r} is a link to a file outside the "
                            f"profile's folder ({display_path(real)})", "copy the file into the profile's folder "
                            "instead of linking to it")
    problem = real if isinstance(real, AssetProblem) else _file_problem(real, raw)
    if problem is not None:
        error(problem.rule, problem.reason, problem.fix)
        return None
    return Asset(real, f"{PACKAGE_FOLDER}/{posixpath.normpath(raw.replace(chr(92), '/'))}")


def _file_problem(real: Path, raw: str) -> AssetProblem | None:
    """What stops the file at ``real`` (inside the profile's folder) going into a package, or None."""
    size, problem = inspect_asset(real, raw, limit=sys.maxsize)  # the size is judged below
    if problem is not None:
        return problem
    if size > MAX_BYTES:
        return AssetProblem("resource-too-large", f"the resource {raw!r} is {size_text(size)}, above the "
                            f"{size_text(MAX_BYTES)} a profile's resource may be", "make the file smaller, or "
                            "link to it on the company's site from the course text")
    if not SAFE_HREF.fullmatch(posixpath.normpath(raw)):
        return AssetProblem("resource-file-name", f"the resource file name {raw!r} has capitals, spaces or other "
                            "special characters (expected lower-case letters, digits, '.', '-', '_' and '/')",
                            "rename the file, e.g. acme/job-aid.pdf, and update the path")
    return content_problem(real, raw)
