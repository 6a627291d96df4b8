"""Manifest checks for tests: XSD validation against the official schemas, and the rules the XSDs miss.

The structural rules follow SCORM-CONFORMANCE.md section A and the pipeline issue (section 4).
``structural_problems`` returns a list of readable problems; an empty list means the package passes.
"""
from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from lxml import etree

from scorm_builder import standards

CP12 = "http://www.imsproject.org/xsd/imscp_rootv1p1p2"
ADLCP12 = "http://www.adlnet.org/xsd/adlcp_rootv1p2"
CP2004 = "http://www.imsglobal.org/xsd/imscp_v1p1"
ADLCP2004 = "http://www.adlnet.org/xsd/adlcp_v1p3"
IMSSS = "http://www.imsglobal.org/xsd/imsss"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
XML_NS = "http://www.w3.org/XML/1998/namespace"
NCNAME = re.compile(r"[A-Za-z_][A-Za-z0-9_.-]*")
SCHEMA_VERSION = {s.id: s.schema_version for s in standards.TABLE}
ENTRY_XSD = {"scorm12": "scorm12-manifest.xsd", "scorm2004-3": "scorm2004-4th-manifest.xsd",
             "scorm2004-4": "scorm2004-4th-manifest.xsd"}


class _LocalXmlXsd(etree.Resolver):
    """Serve http://www.w3.org/2001/xml.xsd from the schema folder: no network."""

    def __init__(self, folder: Path):
        super().__init__()
        self.folder = folder

    def resolve(self, url, pubid, context):
        if url == "http://www.w3.org/2001/xml.xsd":
            return self.resolve_filename(str(self.folder / "scorm2004-4th" / "xml.xsd"), context)
        return None


@lru_cache(maxsize=4)
def xml_schema(folder: Path, standard: str) -> etree.XMLSchema:
    parser = etree.XMLParser(no_network=True)
    parser.resolvers.add(_LocalXmlXsd(folder))
    return etree.XMLSchema(etree.parse(str(folder / ENTRY_XSD[standard]), parser))


def xsd_errors(manifest: bytes, folder: Path, standard: str) -> list[str]:
    """Messages from validating ``manifest`` against the official XSDs (empty when valid)."""
    schema = xml_schema(folder, standard)
    doc = etree.parse(io.BytesIO(manifest), etree.XMLParser(no_network=True))
    if schema.validate(doc):
        return []
    return [f"line {e.line}: {e.message}" for e in schema.error_log]


@dataclass(frozen=True)
class Expect:
    """What the course asks of its manifest."""

    title: str
    pass_mark: int | None  # None: the course has no assessment
    lms_mastery_score: bool = False
    with_schemas: bool = False


def structural_problems(zip_bytes: bytes, standard: str, expect: Expect) -> list[str]:
    """Every rule the XSDs don't check, for one built package."""
    out: list[str] = []
    zf = zipfile.ZipFile(io.BytesIO(zip_bytes))
    names = zf.namelist()
    if "imsmanifest.xml" not in names:
        return ["imsmanifest.xml is not at the zip root"]
    root = etree.fromstring(zf.read("imsmanifest.xml"))
    v12 = standard == "scorm12"
    cp, adlcp = (CP12, ADLCP12) if v12 else (CP2004, ADLCP2004)
    q = lambda tag: f"{{{cp}}}{tag}"  # noqa: E731

    if root.tag != q("manifest"):
        out.append(f"root element is {root.tag}, expected {q('manifest')}")
        return out

    # A2: exactly one metadata; schema then schemaversion, exact values; 1.2 has nothing else inline.
    metadata = root.findall(q("metadata"))
    if len(metadata) != 1:
        out.append(f"expected exactly 1 <metadata>, got {len(metadata)}")
    else:
        kids = [c for c in metadata[0] if isinstance(c.tag, str)]
        tags = [c.tag for c in kids]
        if tags[:2] != [q("schema"), q("schemaversion")]:
            out.append(f"metadata children must start with schema, schemaversion; got {tags}")
        else:
            if kids[0].text != "ADL SCORM":
                out.append(f"schema is {kids[0].text!r}, expected 'ADL SCORM'")
            if kids[1].text != SCHEMA_VERSION[standard]:
                out.append(f"schemaversion is {kids[1].text!r}, expected {SCHEMA_VERSION[standard]!r}")
        extra = [t for t in tags[2:] if t != f"{{{adlcp}}}location"]
        if v12 and extra:
            out.append(f"SCORM 1.2 metadata must hold no inline metadata, got {extra}")
    if v12 and any("imsmd" in (el.tag if isinstance(el.tag, str) else "") or "LOM" in str(el.tag)
                   for el in root.iter()):
        out.append("SCORM 1.2 manifest holds inline imsmd/LOM metadata")

    # A3: identifiers are xs:ID and unique; references resolve.
    ids: list[str] = [el.get("identifier") for el in root.iter() if el.get("identifier") is not None]
    for ident in ids:
        if not NCNAME.fullmatch(ident):
            out.append(f"identifier {ident!r} is not an xs:ID (NCName)")
    if len(ids) != len(set(ids)):
        out.append(f"identifiers are not unique: {sorted(ids)}")
    if not root.get("identifier"):
        out.append("<manifest> has no identifier")
    orgs = root.find(q("organizations"))
    org_ids = {o.get("identifier") for o in orgs.findall(q("organization"))} if orgs is not None else set()
    if orgs is None or orgs.get("default") not in org_ids:
        out.append("organizations/@default does not name an organization")
    resources = {r.get("identifier"): r for r in root.iter(q("resource"))}
    for org in root.iter(q("organization")):
        if len(org.findall(q("title"))) != 1:
            out.append(f"organization {org.get('identifier')} needs exactly 1 <title>")
        elif org.find(q("title")).text != expect.title:
            out.append(f"organization title is {org.find(q('title')).text!r}, expected {expect.title!r}")
        if not org.findall(q("item")):
            out.append(f"organization {org.get('identifier')} has no <item>")
    launched = set()
    for item in root.iter(q("item")):
        if len(item.findall(q("title"))) != 1:
            out.append(f"item {item.get('identifier')} needs exactly 1 <title>")
        ref = item.get("identifierref")
        leaf = item.find(q("item")) is None
        if leaf and not ref:
            out.append(f"leaf item {item.get('identifier')} has no identifierref")
        if not leaf and ref:
            out.append(f"item {item.get('identifier')} has children and an identifierref")
        if ref is not None and ref not in resources:
            out.append(f"identifierref {ref!r} resolves to no resource")
        if ref in resources:
            launched.add(ref)
    depended = set()
    for dep in root.iter(q("dependency")):
        depended.add(dep.get("identifierref"))
        if dep.get("identifierref") not in resources:
            out.append(f"dependency identifierref {dep.get('identifierref')!r} resolves to no resource")
    for ident in sorted(set(resources) - launched - depended):
        out.append(f"resource {ident} is referenced by no item or dependency")
    for title in root.iter(q("title")):
        if not (title.text or "").strip() or len(title.text) > 200:
            out.append(f"title {title.text!r} is empty or longer than 200 characters")
    if len(root.get("version") or "") > 20:
        out.append(f"manifest version {root.get('version')!r} is longer than 20 characters")

    # A4: scormtype spelling per version, SCO href with a matching <file>, safe hrefs, files <-> zip.
    good_attr = f"{{{adlcp}}}{'scormtype' if v12 else 'scormType'}"
    listed: set[str] = set()
    for ident, res in resources.items():
        wrong = [a for a in res.attrib if a.lower().endswith("scormtype") and a != good_attr]
        if wrong:
            out.append(f"resource {ident} has {wrong}, expected only {good_attr}")
        if res.get(good_attr) not in ("sco", "asset"):
            out.append(f"resource {ident} has {good_attr}={res.get(good_attr)!r}, expected 'sco' or 'asset'")
        if res.get("type") != "webcontent":
            out.append(f"resource {ident} has type {res.get('type')!r}, expected 'webcontent'")
        files = [f.get("href") for f in res.findall(q("file"))]
        listed.update(files)
        href = res.get("href")
        if ident in launched and not href:
            out.append(f"resource {ident} is launched by an item but has no href")
        if href and href.split("?")[0] not in files:
            out.append(f"resource {ident} href {href!r} has no matching <file>")
        for h in [href, *files]:
            if h is None:
                continue
            if "\\" in h or h.startswith("/") or h.startswith("file:") or "://" in h:
                out.append(f"href {h!r} is not a plain relative path")
            if "." not in h.rsplit("/", 1)[-1]:
                out.append(f"href {h!r} has no file extension")
    in_zip = {n for n in names if not n.endswith("/")} - {"imsmanifest.xml"}
    for name in sorted(in_zip - listed):
        out.append(f"{name} is in the zip but no <file> lists it")
    for name in sorted(listed - in_zip):
        out.append(f"<file href={name!r}> is not in the zip")
    if any(n.startswith("/") or ".." in n.split("/") or "\\" in n for n in names):
        out.append(f"zip entry names must be relative and inside the package: {names}")

    # With --schemas, namespaces in use are all paired in xsi:schemaLocation and the files are at the
    # root; without, the manifest names no schema file it doesn't ship (issue 12, item 9).
    location = root.get(f"{{{XSI}}}schemaLocation")
    if not expect.with_schemas:
        if location is not None:
            out.append(f"xsi:schemaLocation names files the package doesn't ship: {location}")
        location = None
    tokens = (location or "").split()
    if len(tokens) % 2:
        out.append("xsi:schemaLocation has an odd number of tokens")
    located = dict(zip(tokens[::2], tokens[1::2], strict=False))
    used = {etree.QName(el).namespace for el in root.iter() if isinstance(el.tag, str)}
    used |= {etree.QName(a).namespace for el in root.iter() if isinstance(el.tag, str) for a in el.attrib}
    for ns in sorted(n for n in used - {None, XSI, XML_NS} if n not in located and expect.with_schemas):
        out.append(f"namespace {ns} is used but not paired in xsi:schemaLocation")
    if expect.with_schemas:
        for path in located.values():
            if path not in names:
                out.append(f"control file {path} named in xsi:schemaLocation is not at the package root")

    # Scoring: 1.2 masteryscore only when asked; 2004 primary objective and delivery controls.
    mastery = root.findall(f".//{{{ADLCP12}}}masteryscore") + root.findall(f".//{{{ADLCP2004}}}masteryscore")
    if v12:
        want = [str(expect.pass_mark)] if expect.lms_mastery_score and expect.pass_mark is not None else []
        if [m.text for m in mastery] != want:
            out.append(f"adlcp:masteryscore is {[m.text for m in mastery]}, expected {want}")
    else:
        if mastery:
            out.append("adlcp:masteryscore is SCORM 1.2 only")
        for item in root.iter(q("item")):
            if item.get("identifierref") not in resources:
                continue
            seq = item.find(f"{{{IMSSS}}}sequencing")
            if seq is None:
                out.append(f"item {item.get('identifier')} has no imsss:sequencing")
                continue
            dc = seq.find(f"{{{IMSSS}}}deliveryControls")
            if dc is None or dc.get("completionSetByContent") != "true" or dc.get("objectiveSetByContent") != "true":
                out.append("deliveryControls must set completionSetByContent and objectiveSetByContent to true")
            primary = seq.find(f"{{{IMSSS}}}objectives/{{{IMSSS}}}primaryObjective")
            if expect.pass_mark is None:
                if primary is not None and primary.get("satisfiedByMeasure") == "true":
                    out.append("a course without assessment must not be satisfied by measure")
                continue
            if primary is None or primary.get("satisfiedByMeasure") != "true":
                out.append("primaryObjective with satisfiedByMeasure='true' is missing")
                continue
            mnm = primary.find(f"{{{IMSSS}}}minNormalizedMeasure")
            if mnm is None or float(mnm.text) != expect.pass_mark / 100:
                got = None if mnm is None else mnm.text
                out.append(f"minNormalizedMeasure is {got!r}, expected {expect.pass_mark / 100}")
            if not NCNAME.fullmatch(primary.get("objectiveID") or ""):
                out.append(f"objectiveID {primary.get('objectiveID')!r} is not a safe identifier")
    return out
