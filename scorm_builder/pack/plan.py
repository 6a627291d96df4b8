"""Stage 4: the package plan, every file of one SCORM package: rendered bytes, or an asset file sized before reading."""
from __future__ import annotations

import re
from pathlib import Path
from typing import Iterator, Mapping, Sequence

from scorm_builder import lms as lms_profiles
from scorm_builder import standards
from scorm_builder.course.asset_files import LIMIT_ENV, LMS_BUDGET, inspect_asset, package_limit, size_text
from scorm_builder.course.media_files import over_budget
from scorm_builder.course.model import Asset, Course
from scorm_builder.course.practice import cmi5_move_on
from scorm_builder.course.record import record
from scorm_builder.errors import BuilderError
from scorm_builder.pack.archive import Content, SourceFile
from scorm_builder.render import player_css
from scorm_builder.render.environment import environment, read_template_bytes
from scorm_builder.render.page_files import split_pages
from scorm_builder.render.player_data import player_data
from scorm_builder.render.player_js import package_features, player_script

PLAYER_STYLESHEET = "player/player.css"  # its whole-line comments left out; player/player.js is joined from its modules
DEFAULT_BRAND = {"primary": "#1f4fd1", "accent": "#0b3aa8"}  # the player's own colours (player.css)
LAUNCH = "index.html"


@record
class Plan:
    """What one package holds: file paths (posix, relative, sorted) mapped to their contents.

    ``entries`` holds rendered files as bytes and assets as :class:`SourceFile` (read in chunks
    when the zip is written); ``files`` shows every entry as bytes, reading assets on access.
    """

    course: Course
    standard: str
    entries: dict[str, Content]
    language: str = ""  # the translation it was built from (build --language), or ""
    lms: str = lms_profiles.DEFAULT  # the LMS profile it was built for (scorm_builder/lms.py)

    @property
    def name(self) -> str:
        company = f"-{self.course.company.id}" if self.course.company else ""
        language = f"-{self.language}" if self.language else ""
        return f"{self.course.id}{company}{language}-{self.course.version}-{self.standard}.zip"

    @property
    def files(self) -> Mapping[str, bytes]:
        return PackageFiles(self.entries)

    @property
    def size(self) -> int:
        """Bytes before compression, known before any asset is read."""
        return sum(_size(c) for c in self.entries.values())

    @property
    def warnings(self) -> list[str]:
        """What to tell the user before the package is written: media above the course's budget (lint's
        media-over-budget warning, at the media's line), a package above what an LMS accepts."""
        out = []
        media = over_budget(self.course)  # course/media_files.py
        if media is not None:
            out.append(f"{media.where}: {media.key}: [{media.rule}] {media.reason} \u2014 {media.fix}")
        if self.size <= LMS_BUDGET:
            return out
        name, largest = max(self.entries.items(), key=lambda item: (_size(item[1]), item[0]))
        return [*out, f"{self.name}: {size_text(self.size)} before compression (the largest file, {name}, is "
                f"{size_text(_size(largest))}), above the {size_text(LMS_BUDGET)} several LMSes accept for "
                "upload \u2014 keep video out of the package and stream it from your video platform"]


class PackageFiles(Mapping[str, bytes]):
    """A plan's entries as bytes: an asset is read when it is asked for (the preview serves them so)."""

    def __init__(self, entries: Mapping[str, Content]):
        self._entries = entries

    def __getitem__(self, name: str) -> bytes:
        content = self._entries[name]
        return content.path.read_bytes() if isinstance(content, SourceFile) else content

    def __iter__(self) -> Iterator[str]:
        return iter(self._entries)

    def __len__(self) -> int:
        return len(self._entries)


def course_file(course: Course) -> str:
    """The course file as messages show it (``course.source`` is a str, or a model Source with ``file``)."""
    return str(getattr(course.source, "file", course.source))


def _size(content: Content) -> int:
    return content.size if isinstance(content, SourceFile) else len(content)


def xml_id(*parts: str) -> str:
    """An xs:ID (NCName) made from parts: safe characters only, starting with a letter."""
    text = "-".join(parts)
    text = re.sub(r"[^A-Za-z0-9_.-]", "_", text)
    if not re.match(r"[A-Za-z_]", text):
        text = "id-" + text
    return text


def plan(course: Course, standard: str, template_dirs: Sequence[Path] = (),
         schemas: Path | None = None, language: str = "", lms: str | None = None) -> Plan:
    """Render the player and the manifest and gather the assets; ``language``: the translation the
    course was loaded in, for the package name; ``lms``: the LMS profile (None: ``build --lms``, else
    the company profile's ``lms:``, else generic)."""
    row = standards.get(standard)
    company = course.company
    profile = lms_profiles.get(lms) if lms else lms_profiles.chosen(company.lms if company else "")
    dirs = tuple(template_dirs)  # installed, trusted theme folders; a profile's theme is static files
    env = environment(dirs)
    files: dict[str, Content] = {}
    data = player_data(course, standard, dirs)
    data["lms"] = profile.for_package(data, standard, course_file(course))  # what the player does for this LMS
    data, lesson_files = split_pages(data)  # the pages' bodies in a file per lesson, loaded when shown
    files[LAUNCH] = env.get_template("player/index.html").render(
        course=course, data=data, standard=standard, connect_src=row.connect_src).encode("utf-8")
    files.update(lesson_files)
    features = package_features(course, row.family)
    files[PLAYER_STYLESHEET] = player_css.for_package(read_template_bytes(PLAYER_STYLESHEET, dirs), features)
    files["player/player.js"] = player_script(dirs, features)
    files["player/brand.css"] = env.get_template("player/brand.css").render(brand=_brand(course)).encode("utf-8")
    limit = package_limit()
    for asset in course.assets:
        files[asset.href] = source_file(asset, course_file(course), limit)
    for asset in company.theme if company else ():
        files[asset.href] = source_file(asset, company.source, limit)  # replaces the player's file at that path
    if company and company.logo:
        files[company.logo.href] = source_file(company.logo, company.source, limit)
    if schemas is not None and row.schemas_in_package:
        files.update(control_files(schemas, standard))
    # Identifiers never include the version, so an LMS can update a package in place; they include the
    # language of a --language build, so one course's packages in two languages can sit side by side.
    key = (course.id, *((company.id,) if company else ()), *((language,) if language else ()))
    ids = {"manifest": xml_id("MANIFEST", *key), "org": xml_id("ORG", *key),
           "item": xml_id("ITEM", *key), "resource": xml_id("RES", *key),
           "objective": xml_id("OBJ", *key)}
    manifest = env.get_template(row.manifest_template).render(
        course=course, ids=ids, launch=LAUNCH, files=sorted(files), standard=standard,
        schemaversion=row.schema_version, mastery=_mastery(course), cmi5=cmi5_structure(course, language),
        with_schemas=schemas is not None, masteryscore=_masteryscore(course, profile))
    files[row.manifest_name] = manifest.encode("utf-8")
    planned = Plan(course, standard, dict(sorted(files.items())), language, profile.name)
    if planned.size > limit:
        raise BuilderError(f"{course_file(course)}: the package {planned.name} would hold {size_text(planned.size)} "
                           f"before compression, above the {size_text(limit)} a package may hold \u2014 keep "
                           f"large media out of the package, or raise the limit with {LIMIT_ENV}=<megabytes>")
    return planned


def source_file(asset: Asset, source: str, limit: int) -> SourceFile:
    """An asset to copy into the package, sized and checked before any byte of it is read.

    The course checks found it readable; this catches a file changed since, and the logo and
    theme files of a profile. ``source`` is the file that named it, for the message.
    """
    size, problem = inspect_asset(asset.source, asset.href, limit)
    if problem is not None:
        raise BuilderError(f"{source}: {problem.reason} \u2014 {problem.fix}")
    return SourceFile(asset.source, size)


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


def _masteryscore(course: Course, profile: lms_profiles.Profile) -> bool:
    """SCORM 1.2: whether the manifest carries adlcp:masteryscore (the course asks, or the LMS profile)."""
    return bool(course.assessment) and (course.lms_mastery_score or profile.masteryscore_12.value == "always")


def cmi5_structure(course: Course, language: str = "") -> dict[str, str]:
    """What cmi5.xml says beyond the course: the course and AU ids, IRIs under the publisher's base
    that never include the version (an LMS then updates the course in place) and include the language
    of a --language build (``.../empathy-sales/harbor-health/es``), and the AU's moveOn."""
    base = (course.publisher_iri or standards.DEFAULT_PUBLISHER_IRI).rstrip("/")
    course_iri = "/".join([base, course.id] + ([course.company.id] if course.company else [])
                          + ([language] if language else []))
    return {"course_iri": course_iri, "au_iri": f"{course_iri}/au", "move_on": cmi5_move_on(course.completion)}


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

