"""cmi5 rules of the checker: cmi5.xml (course structure, its XSD), each AU's url, IRIs, moveOn and masteryScore."""
from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, unquote, urlsplit

from lxml import etree

from scorm_builder import standards
from scorm_builder.check.container import COURSE_STRUCTURE, Package
from scorm_builder.check.course_data import page_course_data
from scorm_builder.check.findings import Findings
from scorm_builder.check.manifest import is_external, local_name, namespace, normalised_path, start_line
from scorm_builder.errors import BuilderError

ROW = standards.get("cmi5")
NS = dict(ROW.namespaces)[""]
XSD_NAME = "CourseStructure.xsd"
MOVE_ON = ("NotApplicable", "Passed", "Completed", "CompletedAndPassed", "CompletedOrPassed")
NEEDS_PASSED = ("Passed", "CompletedAndPassed")  # the AU is satisfied only once it sends "passed"
# An absolute IRI: a scheme, then no character an IRI can't hold (RFC 3987: no spaces, <>"{}|\^`).
IRI = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:[^\s<>\"{}|\\^`]+\Z")
SCORE = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)\Z")
# The names the LMS adds to an AU's url at launch (cmi5 section 8.1): the url's own query must not use them.
LAUNCH_PARAMETERS = ("endpoint", "fetch", "actor", "registration", "activityId")


def check_cmi5(package: Package, schemas: Path | None, findings: Findings) -> None:
    """The rules on cmi5.xml and the AUs it names, in order: XML, XSD (with ``schemas``), ids, AUs."""
    lines, root = _parse(package, findings)
    if root is None:
        return
    if local_name(root.tag) != "courseStructure" or namespace(root.tag) != NS:
        findings.error("cmi5-root", f"the root element of {COURSE_STRUCTURE} is <{local_name(root.tag)}> in "
                       f"namespace {namespace(root.tag)!r} (expected <courseStructure> in {NS})",
                       f"write the course structure as cmi5 section 13 describes, with xmlns=\"{NS}\"",
                       COURSE_STRUCTURE, start_line(lines, root))
        return
    if schemas is not None:
        _xsd(root, lines, Path(schemas), findings)
    _ids(root, lines, findings)
    aus = list(root.iter(f"{{{NS}}}au"))
    if not aus:
        findings.error("cmi5-au-missing", f"{COURSE_STRUCTURE} names no <au>, so the LMS has nothing to launch",
                       "add the course's assignable unit as an <au> with its <url>", COURSE_STRUCTURE,
                       start_line(lines, root))
    for au in aus:
        at = {"entry": COURSE_STRUCTURE, "line": start_line(lines, au)}
        entry = _au_url(au, package, findings, at)
        mastery = _mastery_score(au, findings, at)
        move_on = au.get("moveOn", "NotApplicable")
        if move_on not in MOVE_ON:
            findings.error("cmi5-move-on", f"AU moveOn {move_on!r} is not a cmi5 value (expected one of: "
                           f"{', '.join(MOVE_ON)})", "use one of the values listed", **at)
            move_on = None
        data = _player_data(package, entry, findings) if entry else None
        _consistency(move_on, mastery, data, entry, findings, at)


def _parse(package: Package, findings: Findings) -> tuple[list[bytes], Any]:
    """cmi5.xml's lines and root (entities unexpanded, nothing fetched); root None when it can't be read."""
    data = package.read(COURSE_STRUCTURE, findings)
    if data is None:
        return [], None
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as err:
        reason = re.sub(r", line \d+, column \d+$", "", err.msg or "")
        findings.error("cmi5-xml", f"{COURSE_STRUCTURE} is not well-formed XML: {reason}",
                       "fix the XML near this line (an unclosed tag or a bare '&' is the usual cause)",
                       COURSE_STRUCTURE, err.lineno or None)
        return [], None
    except etree.LxmlError as err:  # libxml2 refuses some inputs with other errors (encodings, limits)
        findings.error("cmi5-xml", f"{COURSE_STRUCTURE} cannot be parsed as XML: {err}", "save it as plain UTF-8 XML",
                       COURSE_STRUCTURE)
        return [], None
    refs = list(root.iter(etree.Entity))
    if refs:
        findings.error("cmi5-xml", f"{COURSE_STRUCTURE} uses the entity reference {refs[0].text}; LMS XML parsers "
                       "expand it, drop it or refuse the file, and entities are how XXE attacks work",
                       "write the text itself, and remove the <!DOCTYPE> that declares it", COURSE_STRUCTURE,
                       refs[0].sourceline or None)
        return [], None
    return data.splitlines(), root


def _xsd(root: Any, lines: list[bytes], folder: Path, findings: Findings) -> None:
    """One cmi5-xsd error per distinct message of the working group's CourseStructure.xsd."""
    schema = course_structure_schema(str(folder.resolve()))
    tree = root.getroottree()
    try:
        if schema.validate(tree):
            return
    except etree.LxmlError as err:  # libxml2 gives up on some inputs
        findings.error("cmi5-xsd", f"CourseStructure.xsd could not validate {COURSE_STRUCTURE} "
                       f"({type(err).__name__}: {err})", "fix its other errors first, then check it again",
                       COURSE_STRUCTURE)
        return
    seen = set()
    for e in schema.error_log:
        try:
            found = tree.xpath(e.path) if e.path else []
        except etree.LxmlError:  # an XPath lxml can't evaluate: libxml2's own line then
            found = []
        line = start_line(lines, found[0]) if len(found) == 1 and hasattr(found[0], "tag") else e.line or None
        if (line, e.message) not in seen:
            seen.add((line, e.message))
            findings.error("cmi5-xsd", f"the cmi5 schema (CourseStructure.xsd) rejects this: {e.message}",
                           "fix the element as the message says", COURSE_STRUCTURE, line)


@lru_cache(maxsize=4)
def course_structure_schema(folder: str) -> Any:
    """CourseStructure.xsd from <folder>/v1/ (the layout of the cmi5 working group's files), compiled offline."""
    path = Path(folder) / ROW.schema_folder / XSD_NAME
    if not path.is_file():
        raise BuilderError(f"schema folder {folder} has no {ROW.schema_folder}/{XSD_NAME} (expected the layout of "
                           f"the cmi5 working group's files, as in ../shared/cmi5: {ROW.schema_folder}/{XSD_NAME})")
    try:
        return etree.XMLSchema(etree.parse(str(path), etree.XMLParser(no_network=True)))
    except etree.LxmlError as err:
        raise BuilderError(f"{path} does not compile as an XML schema: {err}") from err


def _ids(root: Any, lines: list[bytes], findings: Findings) -> None:
    """Course, block, AU and objective ids are absolute IRIs, and unique within the structure."""
    seen: dict[str, int | None] = {}
    for el in root.iter(*(f"{{{NS}}}{name}" for name in ("course", "block", "au", "objective"))):
        ident = el.get("id")
        if ident is None:
            continue  # an objective reference (idref) or a missing id, which the XSD reports
        line, kind = start_line(lines, el), local_name(el.tag)
        if not IRI.match(ident.strip()):
            findings.error("cmi5-id", f"the {kind} id {ident!r} is not an IRI (expected an absolute IRI such as "
                           "https://courses.example.com/cmi5/my-course, with a scheme and no spaces)",
                           "give it an IRI under a domain the publisher owns", COURSE_STRUCTURE, line)
        elif ident.strip() in seen and kind != "course":
            findings.error("cmi5-id", f"the {kind} id {ident!r} is also used on line {seen[ident.strip()]}; ids "
                           "must be unique within the course structure", "give each one its own IRI",
                           COURSE_STRUCTURE, line)
        seen.setdefault(ident.strip(), line)


def _au_url(au: Any, package: Package, findings: Findings, at: dict[str, Any]) -> str | None:
    """The zip entry an AU's relative url names, or None (an external AU, or a finding was made)."""
    url = (au.findtext(f"{{{NS}}}url") or "").strip()
    if not url:
        findings.error("cmi5-au-url", "the AU has no <url>, so the LMS can't launch it",
                       "give the path of its launch page in the zip, e.g. <url>index.html</url>", **at)
        return None
    parts = urlsplit(url)
    taken = sorted({name for name, _ in parse_qsl(parts.query)} & set(LAUNCH_PARAMETERS))
    if taken:
        findings.error("cmi5-au-url", f"the AU url {url!r} has the query parameter {taken[0]!r}, a name the LMS "
                       "adds at launch (cmi5 section 8.1); the AU then reads the wrong value",
                       "rename that parameter", **at)
    if is_external(url):
        return None  # a fully qualified url: an AU outside the package, which the spec allows
    path = unquote(parts.path)
    if path.startswith("/") or "\\" in path:
        findings.error("cmi5-au-url", f"the AU url {url!r} is not relative to {COURSE_STRUCTURE} (it starts with "
                       "'/' or holds '\\'), so the LMS looks for it outside the package",
                       "give the launch page's path inside the zip, with '/' between folders", **at)
        return None
    entry = normalised_path(path)
    if entry not in package.names:
        findings.error("cmi5-au-url", f"the AU url {url!r} names {entry!r}, which the zip doesn't hold",
                       "add the launch page to the package, or correct the url", **at)
        return None
    return entry


def _mastery_score(au: Any, findings: Findings, at: dict[str, Any]) -> Decimal | None:
    """The AU's masteryScore as a Decimal; None when absent or invalid (with a finding)."""
    text = au.get("masteryScore")
    if text is None:
        return None
    try:
        value = Decimal(text.strip()) if SCORE.match(text.strip()) else None
    except InvalidOperation:
        value = None
    places = -value.as_tuple().exponent if value is not None else 0
    if value is None or not 0 <= value <= 1 or places > 4:
        findings.error("cmi5-mastery-score", f"masteryScore {text!r} is not a decimal from 0 to 1 with at most 4 "
                       "decimal places (cmi5 section 13.1.4)", "write the pass mark as a fraction, e.g. 0.8 "
                       "for 80%", **at)
        return None
    return value


def _player_data(package: Package, entry: str, findings: Findings) -> dict[str, Any] | None:
    """The course data of a scorm-builder player page, or None (another tool's page, or a finding was made)."""
    found = page_course_data(package, entry, findings, "moveOn and masteryScore not compared with it")
    if found is None:
        return None
    if found.data.get("standard") != ROW.family:
        findings.error("cmi5-player", f"{entry} holds a player built for {found.data.get('standard')!r}, which "
                       "looks for a SCORM API and never talks to the LMS's LRS", "build the course with "
                       "--standard cmi5", entry, found.line)
        return None
    return found.data


def _consistency(move_on: str | None, mastery: Decimal | None, data: dict[str, Any] | None, entry: str | None,
                 findings: Findings, at: dict[str, Any]) -> None:
    """moveOn and masteryScore agree with each other and with what a scorm-builder AU can send."""
    if move_on == "NotApplicable" and mastery is not None:
        findings.warning("cmi5-move-on-mastery", f"moveOn is NotApplicable, so the LMS counts the AU satisfied "
                         f"from the start and masteryScore {mastery} decides nothing", "set moveOn to Passed or "
                         "CompletedAndPassed, or remove masteryScore", **at)
    assessment = data.get("assessment") if data else None
    if data is None or move_on is None:
        return
    if not isinstance(assessment, dict):
        if move_on in NEEDS_PASSED:
            findings.error("cmi5-move-on-mastery", f"moveOn is {move_on}, but the course in {entry} has no "
                           "assessment, so the AU never sends \"passed\" and the learner can never satisfy it",
                           "set moveOn to Completed, or add an assessment", **at)
        if mastery is not None:
            findings.warning("cmi5-move-on-mastery", f"masteryScore {mastery} is set, but the course in {entry} "
                             "has no assessment to score", "remove masteryScore", **at)
        return
    pass_mark = assessment.get("pass_mark")
    if mastery is None and move_on != "NotApplicable":
        findings.warning("cmi5-move-on-mastery", f"the course in {entry} has an assessment but the AU has no "
                         "masteryScore, so the LMS can neither know nor change its pass mark",
                         f"set masteryScore=\"{Decimal(pass_mark) / 100 if isinstance(pass_mark, int) else 0.8}\"",
                         **at)
    elif mastery is not None and isinstance(pass_mark, int) and mastery * 100 != pass_mark:
        findings.warning("cmi5-move-on-mastery", f"masteryScore {mastery} differs from the course's pass mark "
                         f"({pass_mark}%) in {entry}; the AU passes the learner at the masteryScore the LMS "
                         "sends, so the course's own mark is not used", "rebuild the package, or set "
                         f"masteryScore=\"{Decimal(pass_mark) / 100}\"", **at)
