"""The table of standards: what each standard we build means, in one place.

The command line's choices, packaging, check, preview, the player's adapter choice and
the tests all read this table; adding a standard is adding a row.
"""
from __future__ import annotations

from dataclasses import dataclass

from scorm_builder.errors import BuilderError


@dataclass(frozen=True)
class Standard:
    id: str  # what --standard takes and package names end with
    family: str  # scorm12 | scorm2004: which LMS adapter the player uses
    title: str  # as people name it
    schema_version: str  # <schemaversion> in the manifest
    manifest_template: str  # under templates/
    schema_folder: str  # under the official schema set (--schemas)
    suspend_limit: int  # characters of suspend_data an LMS must keep
    api_object: str  # the run-time API object the player looks for
    namespaces: tuple[tuple[str, str], ...]  # (prefix, uri) of the manifest


_NS_12 = (
    ("", "http://www.imsproject.org/xsd/imscp_rootv1p1p2"),
    ("adlcp", "http://www.adlnet.org/xsd/adlcp_rootv1p2"),
)
_NS_2004 = (
    ("", "http://www.imsglobal.org/xsd/imscp_v1p1"),
    ("adlcp", "http://www.adlnet.org/xsd/adlcp_v1p3"),
    ("adlseq", "http://www.adlnet.org/xsd/adlseq_v1p3"),
    ("adlnav", "http://www.adlnet.org/xsd/adlnav_v1p3"),
    ("imsss", "http://www.imsglobal.org/xsd/imsss"),
)

TABLE: tuple[Standard, ...] = (
    Standard("scorm12", "scorm12", "SCORM 1.2", "1.2", "scorm12/imsmanifest.xml", "scorm12", 4096, "API",
             _NS_12),
    Standard("scorm2004-3", "scorm2004", "SCORM 2004 3rd Edition", "2004 3rd Edition",
             "scorm2004/imsmanifest.xml", "scorm2004-4th", 64000, "API_1484_11", _NS_2004),
    Standard("scorm2004-4", "scorm2004", "SCORM 2004 4th Edition", "2004 4th Edition",
             "scorm2004/imsmanifest.xml", "scorm2004-4th", 64000, "API_1484_11", _NS_2004),
)

BY_ID = {s.id: s for s in TABLE}
IDS = tuple(BY_ID)
DEFAULT = ("scorm12", "scorm2004-4")  # what a build writes when no --standard is given
PREVIEW = ("scorm12", "scorm2004-4")  # one per family: what preview can switch between
# A manifest's family (as check reads it) to the limit an LMS must keep.
SUSPEND_LIMIT = {s.family: s.suspend_limit for s in TABLE}


def get(standard_id: str) -> Standard:
    try:
        return BY_ID[standard_id]
    except KeyError:
        raise BuilderError(f"unknown standard {standard_id!r} (expected one of: {', '.join(IDS)})") from None


def family_of(schema_version: str) -> str | None:
    """The family of a manifest's <schemaversion>, or None when no row has it."""
    for s in TABLE:
        if s.schema_version == schema_version:
            return s.family
    return None
