"""A company profile's theme folder: static files only, inside the profile's folder, no network.

A profile is data that a client may write, so its theme never runs as a template: it may
replace or add CSS, images and fonts at the player's paths (player/player.css, player/brand.css,
player/<anything>.png ...). Scripts, HTML and manifests come only from the installed theme.
"""
from __future__ import annotations

import re
from pathlib import Path

from scorm_builder.course.model import Asset
from scorm_builder.errors import Collector
from scorm_builder.source.loader import Map

STATIC = (".css", ".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp", ".woff", ".woff2")
MAX_FILES = 200
MAX_BYTES = 5 * 1024 * 1024  # per file: a theme is CSS, a few images and fonts
# url(http://...), url(//host/...), @import "https://..." : anything that would leave the package
NETWORK = re.compile(rb"""(?:url\(\s*['"]?|@import\s+['"])\s*(?:[a-z][a-z0-9+.-]*:|//)""", re.I)
SAFE_NAME = re.compile(r"[a-z0-9_][a-z0-9._/-]*")  # what every LMS server keeps as it is
DATA_URL = re.compile(rb"""url\(\s*['"]?\s*data:""", re.I)


def load_theme(profile: Map, folder: Path, ctx: Collector) -> tuple[Asset, ...]:
    """The theme's files as assets at their package paths, or () with the problems recorded."""
    raw = profile["templates"]
    where = profile.where("templates")
    home = folder.resolve()
    theme = (folder / raw).resolve()
    if not theme.is_relative_to(home):
        ctx.error(where, "templates", f"the theme folder {raw!r} is outside the profile's folder "
                  f"(expected a folder next to the profile)", "put the theme folder next to the profile",
                  rule="theme-outside-profile")
        return ()
    if not theme.is_dir():
        ctx.error(where, "templates", f"template folder not found: {raw!r}",
                  "create the folder next to the profile, or remove the key", rule="theme-not-found")
        return ()
    files = sorted(p for p in theme.rglob("*") if not p.is_dir())
    if len(files) > MAX_FILES:
        ctx.error(where, "templates", f"the theme folder holds {len(files)} files (expected at most {MAX_FILES})",
                  "keep only the CSS, images and fonts the theme uses", rule="theme-too-large")
        return ()
    out = []
    for file in files:
        asset = _theme_file(file, theme, home, raw, where, ctx)
        if asset is not None:
            out.append(asset)
    return tuple(out)


def _theme_file(file: Path, theme: Path, home: Path, raw: str, where, ctx: Collector) -> Asset | None:
    shown = f"{raw}/{file.relative_to(theme).as_posix()}"
    real = file.resolve()
    if not real.is_relative_to(home) or not real.is_file():
        ctx.error(where, "templates", f"the theme file {shown!r} is a link to a file outside the profile's "
                  "folder", "copy the file into the theme folder instead of linking to it",
                  rule="theme-outside-profile")
        return None
    if file.suffix.lower() not in STATIC:
        ctx.error(where, "templates", f"the theme file {shown!r} is not a static file (a profile's theme may "
                  f"hold only CSS, images and fonts: {' '.join(STATIC)})",
                  "remove it; scripts and page templates come only from the installed theme",
                  rule="theme-file-type")
        return None
    size = real.stat().st_size
    if size > MAX_BYTES:
        ctx.error(where, "templates", f"the theme file {shown!r} is {size} bytes (expected at most {MAX_BYTES})",
                  "compress the image or font", rule="theme-too-large")
        return None
    if file.suffix.lower() in (".css", ".svg"):
        body = real.read_bytes()
        if NETWORK.search(DATA_URL.sub(b"", body)):
            ctx.error(where, "templates", f"the theme file {shown!r} loads something from the network (url() or "
                      "@import with an address); nothing in a package may reach the network",
                      "put the file in the theme folder and refer to it by a relative path",
                      rule="theme-network")
            return None
    href = file.relative_to(theme).as_posix()
    if not SAFE_NAME.fullmatch(href):
        ctx.error(where, "templates", f"the theme file name {shown!r} has capitals, spaces or other special "
                  "characters (expected lower-case letters, digits, '.', '-', '_' and '/')",
                  "rename the file, e.g. player/acme-logo.png", rule="theme-file-name")
        return None
    return Asset(real, href)
