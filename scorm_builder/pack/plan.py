"""Stage 4: the package plan, every file of one SCORM package as {path in zip: bytes}."""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

from scorm_builder import standards
from scorm_builder.errors import BuilderError
from scorm_builder.course.model import Course
from scorm_builder.render.environment import environment, read_template_bytes
from scorm_builder.render.player_data import player_data

PLAYER_FILES = ("player/player.css", "player/player.js")
DEFAULT_BRAND = {"primary": "#1f4fd1", "accent": "#0b3aa8"}  # the player's own colours (player.css)
LAUNCH = "index.html"


@dataclass(frozen=True)
class Plan:
    """What one package holds: file paths (posix, relative) mapped to their bytes."""

    course: Course
    standard: str
    files: dict[str, bytes]

    @property
    def name(self) -> str:
        company = f"-{self.course.company.id}" if self.course.company else ""
        return f"{self.course.id}{company}-{self.course.version}-{self.standard}.zip"


def xml_id(*parts: str) -> str:
    """An xs:ID (NCName) made from parts: safe characters only, starting with a letter."""
    text = "-".join(parts)
    text = re.sub(r"[^A-Za-z0-9_.-]", "_", text)
    if not re.match(r"[A-Za-z_]", text):
        text = "id-" + text
    return text


def plan(course: Course, standard: str, template_dirs: Sequence[Path] = (),
         schemas: Path | None = None) -> Plan:
    """Render the player and the manifest and gather the assets."""
    row = standards.get(standard)
    company = course.company
    dirs = tuple(template_dirs)  # installed, trusted theme folders; a profile's theme is static files
    env = environment(dirs)
    files: dict[str, bytes] = {}
    data = player_data(course, standard, dirs)
    files[LAUNCH] = env.get_template("player/index.html").render(
        course=course, data=data, standard=standard).encode("utf-8")
    for name in PLAYER_FILES:
        files[name] = read_template_bytes(name, dirs)
    files["player/brand.css"] = env.get_template("player/brand.css").render(brand=_brand(course)).encode("utf-8")
    for asset in course.assets:
        files[asset.href] = asset.source.read_bytes()
    for asset in company.theme if company else ():
        files[asset.href] = asset.source.read_bytes()  # replaces the player's file at that path
    if company and company.logo:
        files[company.logo.href] = company.logo.source.read_bytes()
    if schemas is not None:
        files.update(control_files(schemas, standard))
    # Identifiers never include the version, so an LMS can update a package in place.
    key = (course.id, company.id) if company else (course.id,)
    ids = {"manifest": xml_id("MANIFEST", *key), "org": xml_id("ORG", *key),
           "item": xml_id("ITEM", *key), "resource": xml_id("RES", *key),
           "objective": xml_id("OBJ", *key)}
    manifest = env.get_template(row.manifest_template).render(
        course=course, ids=ids, launch=LAUNCH, files=sorted(files), standard=standard,
        schemaversion=row.schema_version, mastery=_mastery(course),
        with_schemas=schemas is not None)
    files["imsmanifest.xml"] = manifest.encode("utf-8")
    return Plan(course, standard, dict(sorted(files.items())))


def _brand(course: Course) -> dict[str, str]:
    """What player/brand.css needs; empty for a course built without a company profile."""
    company = course.company
    if not company:
        return {"company": ""}
    return {"company": company.id, "primary": company.primary or DEFAULT_BRAND["primary"],
            "accent": company.accent or DEFAULT_BRAND["accent"], "font": company.font}


def _mastery(course: Course) -> dict | None:
    if not course.assessment:
        return None
    return {"percent": course.assessment.pass_mark,
            "scaled": f"{course.assessment.pass_mark / 100:.2f}".rstrip("0").rstrip(".") or "0"}


def control_files(folder: Path, standard: str) -> dict[str, bytes]:
    """The official XSD/DTD files for the package root, read from a folder the user gives."""
    wanted = standards.get(standard).schema_folder
    source = Path(folder) / wanted
    if not source.is_dir():
        raise BuilderError(f"schema folder {folder} has no {wanted}/ folder "
                           f"(expected the layout of the official SCORM schema set)")
    out = {}
    for path in sorted(source.rglob("*")):
        if path.is_file() and path.suffix.lower() in (".xsd", ".dtd"):
            out[path.relative_to(source).as_posix()] = path.read_bytes()
    return out

