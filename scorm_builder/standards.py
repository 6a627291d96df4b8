"""The table of standards: what each standard we build means, in one place.

The command line's choices, packaging, check, preview, the player's adapter choice and
the tests all read this table; adding a standard is adding a row.
"""
from __future__ import annotations

from scorm_builder.course.record import record
from scorm_builder.errors import BuilderError


@record
class Standard:
    id: str  # what --standard takes and package names end with
    family: str  # scorm12 | scorm2004 | cmi5: which LMS adapter the player uses
    title: str  # as people name it
    schema_version: str  # <schemaversion> in the manifest ("" for cmi5, whose cmi5.xml has none)
    manifest_template: str  # under templates/
    schema_folder: str  # under the official schema set (--schemas)
    suspend_limit: int  # characters of suspend_data (cmi5: of the player's state document) an LMS must keep
    api_object: str  # the run-time API object the player looks for ("" for cmi5, which talks to an LRS)
    namespaces: tuple[tuple[str, str], ...]  # (prefix, uri) of the manifest
    manifest_name: str = "imsmanifest.xml"  # the manifest's name at the zip root
    schemas_in_package: bool = True  # `build --schemas` copies the schema files to the package root
    connect_src: str = ""  # what the player page's CSP lets it connect to ("": nothing); a cmi5 AU reaches
    # an LRS known only at launch


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

CMI5_NAMESPACE = "https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd"

TABLE: tuple[Standard, ...] = (
    Standard("scorm12", "scorm12", "SCORM 1.2", "1.2", "scorm12/imsmanifest.xml", "scorm12", 4096, "API",
             _NS_12),
    Standard("scorm2004-3", "scorm2004", "SCORM 2004 3rd Edition", "2004 3rd Edition",
             "scorm2004/imsmanifest.xml", "scorm2004-4th", 64000, "API_1484_11", _NS_2004),
    Standard("scorm2004-4", "scorm2004", "SCORM 2004 4th Edition", "2004 4th Edition",
             "scorm2004/imsmanifest.xml", "scorm2004-4th", 64000, "API_1484_11", _NS_2004),
    # The cmi5 working group's files are laid out as v1/CourseStructure.xsd (../shared/cmi5);
    # the spec needs no schema file in the package, and the AU must reach the LMS's LRS.
    Standard("cmi5", "cmi5", "cmi5", "", "cmi5/cmi5.xml", "v1", 64000, "", (("", CMI5_NAMESPACE),),
             manifest_name="cmi5.xml", schemas_in_package=False, connect_src="http: https:"),
)

BY_ID = {s.id: s for s in TABLE}
IDS = tuple(BY_ID)
DEFAULT = ("scorm12", "scorm2004-4")  # what a build writes when no --standard is given
PREVIEW = ("scorm12", "scorm2004-4", "cmi5")  # one per family: what preview can switch between
# A manifest's family (as check reads it) to the limit an LMS must keep.
SUSPEND_LIMIT = {s.family: s.suspend_limit for s in TABLE}

# cmi5 (docs/player.md, section 13): the AU's moveOn for each completion rule of the course, and the
# base of the course and AU ids (IRIs) when neither the course nor the profile sets publisher_iri:
# an .invalid host (RFC 2606) never resolves and is never anyone's, so the ids are unique to
# scorm-builder but say nothing about the publisher; set your own.
CMI5_MOVE_ON = {"lessons": "Completed", "assessment": "Passed", "both": "CompletedAndPassed"}
DEFAULT_PUBLISHER_IRI = "https://scorm-builder.invalid/courses"


def get(standard_id: str) -> Standard:
    try:
        return BY_ID[standard_id]
    except KeyError:
        raise BuilderError(f"unknown standard {standard_id!r} (expected one of: {', '.join(IDS)})") from None


def family_of(schema_version: str) -> str | None:
    """The family of a manifest's <schemaversion>, or None when no row has it."""
    for s in TABLE:
        if s.schema_version and s.schema_version == schema_version:
            return s.family
    return None
