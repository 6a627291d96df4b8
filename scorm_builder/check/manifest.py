"""The parsed manifest the checker's rules read: its SCORM version, element lines and href paths."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import unquote

from lxml import etree

from scorm_builder import standards
from scorm_builder.check.container import MANIFEST, Package
from scorm_builder.check.findings import Findings

# check names a manifest's version as its messages do ("SCORM 1.2", "SCORM 2004"); standards by family.
FAMILY = {"1.2": "scorm12", "2004": "scorm2004"}
FAMILY_STANDARD = {v: next(s for s in standards.TABLE if s.family == f) for v, f in FAMILY.items()}
NAMESPACES = {v: dict(s.namespaces) for v, s in FAMILY_STANDARD.items()}
CP = {v: ns[""] for v, ns in NAMESPACES.items()}
ADLCP = {v: ns["adlcp"] for v, ns in NAMESPACES.items()}
IMSSS = NAMESPACES["2004"]["imsss"]
# the <schemaversion> values of each version, newest first
SCHEMA_VERSIONS = {v: tuple(sorted({s.schema_version for s in standards.TABLE if s.family == f}, reverse=True))
                   for v, f in FAMILY.items()}
SCORMTYPE = {"1.2": "scormtype", "2004": "scormType"}  # the attribute's spelling in each version
XSI = "http://www.w3.org/2001/XMLSchema-instance"
XML_NS = "http://www.w3.org/XML/1998/namespace"
XML_BASE = f"{{{XML_NS}}}base"
EXTERNAL = re.compile(r"([A-Za-z][A-Za-z0-9+.\-]*:|//)")
URL_IGNORED = re.compile(r"[\t\n\r]")  # browsers drop these anywhere in a URL ("java\tscript:")
UNUSUAL_PATH = re.compile(r"[%?#\\]|^/|//|(^|/)\.\.?(/|$)")  # anything entry_path must normalise


def is_external(href: str) -> bool:
    """Whether an href or xml:base names a scheme or a host, read the way a browser reads it."""
    return bool(EXTERNAL.match(URL_IGNORED.sub("", href).strip(" \x00-\x1f")))


def local_name(tag: Any) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def namespace(tag: Any) -> str | None:
    return tag[1:].split("}", 1)[0] if isinstance(tag, str) and tag.startswith("{") else None


def start_line(lines: list[bytes], el: Any) -> int | None:
    """Where an element starts: libxml2 gives the line its start tag ends on, so look back for '<name'."""
    end = el.sourceline
    if not end or end > len(lines):
        return end or None
    opening = ("<" + (f"{el.prefix}:" if el.prefix else "") + local_name(el.tag)).encode()
    for number in range(end, 0, -1):
        if opening in lines[number - 1]:
            return number
    return end


@dataclass
class Manifest:
    """A parsed imsmanifest.xml and what the rules learn from it as they run."""

    version: str  # "1.2" or "2004"
    schemaversion: str
    root: Any  # lxml element
    lines: list[bytes]  # the manifest's source lines, to find where an element starts
    resources: dict[str, Any] = field(default_factory=dict)  # identifier -> <resource>
    launched: list[tuple[Any, Any]] = field(default_factory=list)  # (<item>, <resource>) an item launches
    bases: str | None = None  # the xml:base of <manifest> and <resources>, joined (set on first use)

    @property
    def family(self) -> str:
        return FAMILY[self.version]

    def tag(self, name: str) -> str:
        return f"{{{self.root.nsmap.get(None) or CP[self.version]}}}{name}"

    def scormtype(self, resource: Any) -> str | None:
        return resource.get(f"{{{ADLCP[self.version]}}}{SCORMTYPE[self.version]}")

    def sco_items(self) -> list[tuple[Any, Any]]:
        return [(i, r) for i, r in self.launched if self.scormtype(r) == "sco"]

    def line_of(self, el: Any) -> int | None:
        return start_line(self.lines, el)

    def at(self, el: Any) -> dict[str, Any]:
        """The entry and line of a finding about an element (keyword arguments of Findings.error)."""
        return {"entry": MANIFEST, "line": self.line_of(el)}

    def entry_path(self, res: Any, href: str | None) -> str | None:
        """The zip entry an href names: xml:base applied, query and fragment dropped, %-escapes decoded."""
        if not href or is_external(href):
            return None
        if self.bases is None:
            resources = self.root.find(self.tag("resources"))
            own = (self.root.get(XML_BASE), resources.get(XML_BASE) if resources is not None else None)
            self.bases = "".join(b for b in own if b and not is_external(b))
        base = res.get(XML_BASE)
        joined = self.bases + (base if base and not is_external(base) else "") + href
        if not UNUSUAL_PATH.search(joined):
            return joined
        return normalised_path(unquote(re.split(r"[?#]", joined, maxsplit=1)[0]).replace("\\", "/").lstrip("/"))


def parse_manifest(package: Package, findings: Findings) -> Manifest | None:
    """Parse imsmanifest.xml (entities kept unexpanded, nothing fetched); None when it can't be parsed."""
    if not package.has_manifest:
        return None
    data = package.read(MANIFEST, findings)
    if data is None:
        return None
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as err:
        reason = re.sub(r", line \d+, column \d+$", "", err.msg or "")
        column = f" (column {err.position[1]})" if err.position and err.position[1] else ""
        findings.error("manifest-xml", f"the manifest is not well-formed XML: {reason}{column}",
                       "fix the XML near this line (an unclosed tag or a bare '&' is the usual cause)",
                       MANIFEST, err.lineno or None)
        return None
    except etree.LxmlError as err:  # libxml2 refuses some inputs with other errors (encodings, limits)
        findings.error("manifest-xml", f"the manifest cannot be parsed as XML: {err}",
                       "save it as plain UTF-8 XML", MANIFEST)
        return None
    manifest = _version(root, data.splitlines(), findings)
    if manifest is not None:
        _entities(manifest, findings)
    return manifest


def _version(root: Any, lines: list[bytes], findings: Findings) -> Manifest | None:
    """SCORM 1.2 or 2004, from schemaversion, else the adlcp namespace, else the CP namespace."""
    ns = namespace(root.tag)
    if local_name(root.tag) != "manifest" or ns not in CP.values():
        findings.error("manifest-root", f"the root element is <{local_name(root.tag)}> in namespace {ns!r} "
                       f"(expected <manifest> in {CP['1.2']} for SCORM 1.2 or {CP['2004']} for SCORM 2004)",
                       "export a SCORM manifest", MANIFEST, start_line(lines, root))
        return None
    text = (root.findtext(f"{{{ns}}}metadata/{{{ns}}}schemaversion") or "").strip()
    used = {namespace(el.tag) for el in root.iter()} | {namespace(a) for el in root.iter() for a in el.attrib}
    if text in SCHEMA_VERSIONS["1.2"]:
        version = "1.2"
    elif text.startswith("2004") or text == "CAM 1.3":
        version = "2004"
    elif ADLCP["2004"] in used or IMSSS in used:
        version = "2004"
    elif ADLCP["1.2"] in used:
        version = "1.2"
    else:
        version = "1.2" if ns == CP["1.2"] else "2004"
    manifest = Manifest(version, text, root, lines)
    if ns != CP[version]:
        findings.warning("manifest-namespace", f"a SCORM {version} manifest in the namespace {ns} (expected "
                         f"{CP[version]})", f"use xmlns=\"{CP[version]}\"", **manifest.at(root))
    return manifest


def _entities(m: Manifest, findings: Findings) -> None:
    """Entity references are left unexpanded here; LMS parsers expand, drop or refuse them."""
    refs = list(m.root.iter(etree.Entity))
    if refs:
        more = f" and {len(refs) - 1} more" if len(refs) > 1 else ""
        findings.error("manifest-entity", f"the manifest uses the entity reference {refs[0].text}{more}; LMS XML "
                       "parsers expand it, drop it or refuse the manifest, and entities are how XXE and 'billion "
                       "laughs' attacks work", "write the text itself instead of the entity, and remove the "
                       "<!DOCTYPE> that declares it", MANIFEST, refs[0].sourceline or None)


def normalised_path(path: str) -> str:
    """A zip path with '.', empty parts and '..' resolved (never above the root)."""
    parts: list[str] = []
    for part in path.split("/"):
        if part == "..":
            if parts:
                parts.pop()
        elif part not in (".", ""):
            parts.append(part)
    return "/".join(parts)
