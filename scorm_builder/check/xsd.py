"""Offline validation of a manifest against the official SCORM XSDs (xml.xsd resolved locally)."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

from lxml import etree

from scorm_builder.check.findings import Findings
from scorm_builder.check.manifest import ADLCP, CP, FAMILY_STANDARD, IMSSS, MANIFEST, NAMESPACES, Manifest
from scorm_builder.errors import BuilderError

# The official file of each namespace, in the version's folder of the schema set (standards.schema_folder).
XSD_FILES = {
    "1.2": [(CP["1.2"], "imscp_rootv1p1p2.xsd"), (ADLCP["1.2"], "adlcp_rootv1p2.xsd")],
    "2004": [(CP["2004"], "imscp_v1p1.xsd"), (ADLCP["2004"], "adlcp_v1p3.xsd"),
             (NAMESPACES["2004"]["adlseq"], "adlseq_v1p3.xsd"), (NAMESPACES["2004"]["adlnav"], "adlnav_v1p3.xsd"),
             (IMSSS, "imsss_v1p0.xsd"), ("http://ltsc.ieee.org/xsd/LOM", "lom.xsd")],
}
XSD_IMPORTS = {v: [(ns, f"{FAMILY_STANDARD[v].schema_folder}/{name}") for ns, name in files]
               for v, files in XSD_FILES.items()}
SCHEMA_FOLDERS = " and ".join(f"{s.schema_folder}/" for s in FAMILY_STANDARD.values())
W3C_XML_XSD = ("http://www.w3.org/2001/xml.xsd", "http://www.w3.org/2001/03/xml.xsd")


def xsd_findings(m: Manifest, folder: Path, findings: Findings) -> None:
    """One manifest-xsd error per distinct schema error, at the line where its element starts."""
    schema = compiled_schema(str(folder.resolve()), m.version)
    tree = m.root.getroottree()
    try:
        if schema.validate(tree):
            return
    except etree.LxmlError as err:  # libxml2 gives up on some inputs (an entity reference, for one)
        findings.error("manifest-xsd-failed", f"the official SCORM {m.version} schema could not validate the "
                       f"manifest ({type(err).__name__}: {err})", "fix the manifest's other errors first; "
                       "then check it again", MANIFEST)
        return
    seen = set()
    for e in schema.error_log:
        line = _start_line(m, tree, e.path) or e.line or None
        if (line, e.message) not in seen:
            seen.add((line, e.message))
            findings.error("manifest-xsd", f"the official SCORM {m.version} schema rejects this: {e.message}",
                           "fix the element as the message says", MANIFEST, line)


def _start_line(m: Manifest, tree: Any, path: str | None) -> int | None:
    """The line where the element an XSD error is about starts (libxml2 gives where its tag ends)."""
    try:
        found = tree.xpath(path) if path else []
    except Exception:  # noqa: BLE001 - lxml raises several XPath error types; fall back to libxml2's line
        return None
    return m.line_of(found[0]) if len(found) == 1 and hasattr(found[0], "tag") else None


@lru_cache(maxsize=4)
def compiled_schema(folder: str, version: str) -> Any:
    """The official XSD set for one version, compiled offline (xml.xsd resolved to the local copy)."""
    base = Path(folder)
    missing = [p for _, p in XSD_IMPORTS[version] if not (base / p).is_file()]
    if missing:
        raise BuilderError(f"schema folder {folder} has no {missing[0]} (expected the layout of the official "
                           f"SCORM schema set: {SCHEMA_FOLDERS})")
    local_xml = base / FAMILY_STANDARD["2004"].schema_folder / "xml.xsd"

    class _Local(etree.Resolver):
        def resolve(self, url, pubid, context):  # noqa: ANN001 - lxml's signature
            if url in W3C_XML_XSD and local_xml.is_file():
                return self.resolve_filename(str(local_xml), context)
            return None

    parser = etree.XMLParser(no_network=True)
    parser.resolvers.add(_Local())
    imports = "".join(f'<xs:import namespace="{ns}" schemaLocation="{path}"/>' for ns, path in XSD_IMPORTS[version])
    entry = (f'<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:x-scorm-builder:'
             f'check-{version}" elementFormDefault="qualified">{imports}</xs:schema>')
    try:
        doc = etree.fromstring(entry.encode(), parser, base_url=str(base / "entry.xsd"))
        return etree.XMLSchema(doc)
    except etree.LxmlError as err:
        raise BuilderError(f"the schemas in {folder} do not compile: {err}") from err
