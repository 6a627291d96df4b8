"""Offline validation of a manifest against the official SCORM XSDs (xml.xsd resolved locally)."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

from scorm_builder.check.report import Finding, error
from scorm_builder.check.manifest import ADLCP, CP, IMSSS, MANIFEST, _at
from scorm_builder.errors import BuilderError

# The XSD set for each version, under a schema folder laid out like shared/scorm-schemas.
XSD_IMPORTS = {
    "1.2": [(CP["1.2"], "scorm12/imscp_rootv1p1p2.xsd"), (ADLCP["1.2"], "scorm12/adlcp_rootv1p2.xsd")],
    "2004": [(CP["2004"], "scorm2004-4th/imscp_v1p1.xsd"), (ADLCP["2004"], "scorm2004-4th/adlcp_v1p3.xsd"),
             ("http://www.adlnet.org/xsd/adlseq_v1p3", "scorm2004-4th/adlseq_v1p3.xsd"),
             ("http://www.adlnet.org/xsd/adlnav_v1p3", "scorm2004-4th/adlnav_v1p3.xsd"),
             (IMSSS, "scorm2004-4th/imsss_v1p0.xsd"), ("http://ltsc.ieee.org/xsd/LOM", "scorm2004-4th/lom.xsd")],
}
W3C_XML_XSD = ("http://www.w3.org/2001/xml.xsd", "http://www.w3.org/2001/03/xml.xsd")


def xsd_findings(root: Any, version: str, folder: Path) -> list[Finding]:
    """One manifest-xsd error per distinct schema error, at the line libxml2 gives."""
    schema = compiled_schema(str(folder.resolve()), version)
    if schema.validate(root.getroottree()):
        return []
    out, seen = [], set()
    tree = root.getroottree()
    for e in schema.error_log:
        line = _start_line(tree, e.path) or e.line or None
        key = (line, e.message)
        if key not in seen:
            seen.add(key)
            out.append(error("manifest-xsd", f"the official SCORM {version} schema rejects this: {e.message}",
                             "fix the element as the message says", MANIFEST, line))
    return out


def _start_line(tree: Any, path: str | None) -> int | None:
    """The line where the element an XSD error is about starts (libxml2 gives where its tag ends)."""
    try:
        found = tree.xpath(path) if path else []
    except Exception:  # noqa: BLE001 - lxml raises several XPath error types; fall back to libxml2's line
        return None
    return _at(found[0])["line"] if len(found) == 1 and hasattr(found[0], "tag") else None


@lru_cache(maxsize=4)
def compiled_schema(folder: str, version: str) -> Any:
    """The official XSD set for one version, compiled offline (xml.xsd resolved to the local copy)."""
    from lxml import etree

    base = Path(folder)
    missing = [p for _, p in XSD_IMPORTS[version] if not (base / p).is_file()]
    if missing:
        raise BuilderError(f"schema folder {folder} has no {missing[0]} (expected the layout of the official "
                           "SCORM schema set: scorm12/ and scorm2004-4th/)")
    local_xml = base / "scorm2004-4th" / "xml.xsd"

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
    except (etree.XMLSchemaParseError, etree.XMLSyntaxError) as err:
        raise BuilderError(f"the schemas in {folder} do not compile: {err}") from err
