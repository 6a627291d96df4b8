"""Manifest rules of the checker: well-formed XML, the official XSDs, and the rules they miss."""
from __future__ import annotations

import re
from contextvars import ContextVar
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from scorm_builder.check.report import Finding, error, warning
from scorm_builder.check.container import MANIFEST, Package

CP = {"1.2": "http://www.imsproject.org/xsd/imscp_rootv1p1p2", "2004": "http://www.imsglobal.org/xsd/imscp_v1p1"}
ADLCP = {"1.2": "http://www.adlnet.org/xsd/adlcp_rootv1p2", "2004": "http://www.adlnet.org/xsd/adlcp_v1p3"}
SCORMTYPE = {"1.2": "scormtype", "2004": "scormType"}
IMSSS = "http://www.imsglobal.org/xsd/imsss"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
XML_NS = "http://www.w3.org/XML/1998/namespace"
XML_BASE = f"{{{XML_NS}}}base"
NCNAME = re.compile(r"[^\W\d][\w.\-]*\Z")
EXTERNAL = re.compile(r"([A-Za-z][A-Za-z0-9+.\-]*:|//)")
EXTENSION = re.compile(r"\.[A-Za-z0-9]+\Z")
UNUSUAL_PATH = re.compile(r"[%?#\\]|^/|//|(^|/)\.\.?(/|$)")  # anything _path must normalise


@dataclass
class Manifest:
    """What the readiness rules need from a parsed manifest."""

    version: str  # "1.2" or "2004"
    schemaversion: str
    root: Any  # lxml element
    resources: dict[str, Any] = field(default_factory=dict)  # identifier -> <resource>
    launched: list[tuple[Any, Any]] = field(default_factory=list)  # (<item>, <resource>) an item launches
    bases: str | None = None  # the xml:base of <manifest> and <resources>, joined (set on first use)

    def tag(self, name: str) -> str:
        return f"{{{self.root.nsmap.get(None) or CP[self.version]}}}{name}"

    def scormtype(self, resource: Any) -> str | None:
        return resource.get(f"{{{ADLCP[self.version]}}}{SCORMTYPE[self.version]}")

    def sco_items(self) -> list[tuple[Any, Any]]:
        return [(i, r) for i, r in self.launched if self.scormtype(r) == "sco"]


def check_manifest(package: Package, schemas: Path | None, findings: list[Finding]) -> Manifest | None:
    """Parse imsmanifest.xml and run every manifest rule; None when it can't be parsed."""
    if not package.has_manifest:
        return None
    data = package.read(MANIFEST, findings)
    if data is None:
        return None
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as err:
        line = err.lineno or None
        reason = re.sub(r", line \d+, column \d+$", "", err.msg or "")
        column = f" (column {err.position[1]})" if err.position and err.position[1] else ""
        findings.append(error("manifest-xml", f"the manifest is not well-formed XML: {reason}{column}",
                              "fix the XML near this line (an unclosed tag or a bare '&' is the usual cause)",
                              MANIFEST, line))
        return None
    _SOURCE.set(data.splitlines())
    manifest = _version(root, findings)
    if manifest is None:
        return None
    if schemas is not None:
        from scorm_builder.check.xsd import xsd_findings

        findings.extend(xsd_findings(root, manifest.version, Path(schemas)))
    for rule in (_metadata, _identifiers, _organizations, _resources, _files, _schema_location):
        rule(manifest, package, findings)
    return manifest


_SOURCE: ContextVar[list[bytes]] = ContextVar("manifest_lines", default=[])


def _at(el: Any) -> dict[str, Any]:
    """Where an element starts: libxml2 gives the line its start tag ends on, so look back for '<name'."""
    lines, end = _SOURCE.get(), el.sourceline
    if not end or end > len(lines):
        return {"entry": MANIFEST, "line": end}
    opening = ("<" + (f"{el.prefix}:" if el.prefix else "") + _local(el.tag)).encode()
    for number in range(end, 0, -1):
        if opening in lines[number - 1]:
            return {"entry": MANIFEST, "line": number}
    return {"entry": MANIFEST, "line": end}


def _local(tag: Any) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _ns(tag: Any) -> str | None:
    return tag[1:].split("}", 1)[0] if isinstance(tag, str) and tag.startswith("{") else None


def _version(root: Any, findings: list[Finding]) -> Manifest | None:
    """SCORM 1.2 or 2004, from schemaversion, else the adlcp namespace, else the CP namespace."""
    ns = _ns(root.tag)
    if _local(root.tag) != "manifest" or ns not in CP.values():
        findings.append(error("manifest-root", f"the root element is <{_local(root.tag)}> in namespace {ns!r} "
                              f"(expected <manifest> in {CP['1.2']} for SCORM 1.2 or {CP['2004']} for SCORM 2004)",
                              "export a SCORM manifest", **_at(root)))
        return None
    text = (root.findtext(f"{{{ns}}}metadata/{{{ns}}}schemaversion") or "").strip()
    used = {_ns(el.tag) for el in root.iter()} | {_ns(a) for el in root.iter() for a in el.attrib}
    if text == "1.2":
        version = "1.2"
    elif text.startswith("2004") or text == "CAM 1.3":
        version = "2004"
    elif ADLCP["2004"] in used or IMSSS in used:
        version = "2004"
    elif ADLCP["1.2"] in used:
        version = "1.2"
    else:
        version = "1.2" if ns == CP["1.2"] else "2004"
    if ns != CP[version]:
        findings.append(warning("manifest-namespace", f"a SCORM {version} manifest in the namespace {ns} (expected "
                                f"{CP[version]})", f"use xmlns=\"{CP[version]}\"", **_at(root)))
    return Manifest(version, text, root)


def _metadata(m: Manifest, package: Package, findings: list[Finding]) -> None:
    md = m.root.find(m.tag("metadata"))
    where = _at(md if md is not None else m.root)
    schema = md.find(m.tag("schema")) if md is not None else None
    if schema is None:
        make = error if m.version == "2004" else warning
        findings.append(make("manifest-schema", "the manifest has no <metadata><schema> (expected "
                             "<schema>ADL SCORM</schema>); LMSes read it to tell SCORM from plain IMS content",
                             "add <metadata><schema>ADL SCORM</schema><schemaversion>...</schemaversion></metadata>",
                             **where))
    elif (schema.text or "").strip() != "ADL SCORM":
        findings.append(error("manifest-schema", f"<schema> is {(schema.text or '').strip()!r} (expected 'ADL SCORM')",
                              "write <schema>ADL SCORM</schema>", **_at(schema)))
    sv = md.find(m.tag("schemaversion")) if md is not None else None
    expected = "'1.2'" if m.version == "1.2" else "'2004 4th Edition' or '2004 3rd Edition'"
    if sv is None:
        if schema is not None:
            findings.append(error("manifest-schemaversion", f"the manifest has no <schemaversion> (expected "
                                  f"{expected})", "add it after <schema>", **where))
        return
    text = (sv.text or "").strip()
    if m.version == "2004" and text == "CAM 1.3":
        findings.append(warning("manifest-schemaversion", "<schemaversion> is 'CAM 1.3' (SCORM 2004 2nd Edition); "
                                "the ADL test suite only warns, some LMSes treat it as 1.2",
                                "write <schemaversion>2004 4th Edition</schemaversion>", **_at(sv)))
    elif text not in (("1.2",) if m.version == "1.2" else ("2004 4th Edition", "2004 3rd Edition")):
        findings.append(error("manifest-schemaversion", f"<schemaversion> is {text!r} in a SCORM {m.version} "
                              f"manifest (expected {expected})", f"write <schemaversion>"
                              f"{'1.2' if m.version == '1.2' else '2004 4th Edition'}</schemaversion>", **_at(sv)))


def _identifiers(m: Manifest, package: Package, findings: list[Finding]) -> None:
    first: dict[str, int] = {}
    for el in m.root.iter(m.tag("manifest"), m.tag("organization"), m.tag("item"), m.tag("resource")):
        ident = el.get("identifier")
        name = _local(el.tag)
        if ident is None or not NCNAME.match(ident):
            got = "none" if ident is None else repr(ident)
            findings.append(error("identifier-format", f"<{name}> identifier is not an xs:ID (expected a name "
                                  f"starting with a letter or '_', without spaces or ':', got {got})",
                                  "use letters, digits, '_', '-' and '.', starting with a letter", **_at(el)))
        elif ident in first:
            findings.append(error("identifier-unique", f"<{name}> identifier {ident!r} is already used on line "
                                  f"{first[ident]}; identifiers must be unique in the manifest",
                                  "rename one of them", **_at(el)))
        else:
            first[ident] = el.sourceline
    for res in m.root.iter(m.tag("resource")):
        if res.get("identifier"):
            m.resources.setdefault(res.get("identifier"), res)


def _organizations(m: Manifest, package: Package, findings: list[Finding]) -> None:
    orgs_el = m.root.find(m.tag("organizations"))
    orgs = orgs_el.findall(m.tag("organization")) if orgs_el is not None else []
    if not orgs:
        findings.append(error("organization-default", "the manifest has no <organization>, so the LMS has "
                              "nothing to launch", "add an <organization> with an <item> that references "
                              "the SCO", **_at(orgs_el if orgs_el is not None else m.root)))
        return
    default = orgs_el.get("default")
    ids = [o.get("identifier") for o in orgs]
    if default is None:
        findings.append(warning("organization-default", "<organizations> has no default attribute; LMSes "
                                "differ in which organization they launch", f"add default=\"{ids[0]}\"",
                                **_at(orgs_el)))
    elif default not in ids:
        findings.append(error("organization-default", f"<organizations default={default!r}> names no organization "
                              f"(expected one of: {', '.join(map(str, ids))})", "set default to an organization "
                              "identifier", **_at(orgs_el)))
    for org in orgs:
        for item in org.iter(m.tag("item")):
            _item(m, item, findings)


def _item(m: Manifest, item: Any, findings: list[Finding]) -> None:
    ref = item.get("identifierref")
    ident = item.get("identifier")
    leaf = item.find(m.tag("item")) is None
    if leaf and not ref:
        findings.append(error("item-leaf", f"the leaf item {ident!r} has no identifierref, so it launches nothing",
                              "add identifierref=\"<resource identifier>\" or remove the item", **_at(item)))
    elif not leaf and ref:
        findings.append(error("item-leaf", f"the item {ident!r} has child items and an identifierref; only leaf "
                              "items may reference a resource", "move the reference to a child item", **_at(item)))
    if ref and ref not in m.resources:
        known = ", ".join(sorted(m.resources)) or "none"
        findings.append(error("item-identifierref", f"item {ident!r} has identifierref {ref!r}, which matches no "
                              f"resource (expected one of: {known})", "set identifierref to a resource identifier",
                              **_at(item)))
    elif ref and leaf:
        m.launched.append((item, m.resources[ref]))


def _resources(m: Manifest, package: Package, findings: list[Finding]) -> None:
    launched = {id(r) for _, r in m.launched}
    right = SCORMTYPE[m.version]
    _xml_base(m.root, findings)
    _xml_base(m.root.find(m.tag("resources")), findings)
    for res in m.root.iter(m.tag("resource")):
        ident = res.get("identifier")
        found = [(a, v) for a, v in res.attrib.items() if _local(a).lower() == "scormtype"]
        value = m.scormtype(res)
        if value is None:
            wrong = next((a for a, _ in found), None)
            if wrong is not None and _local(wrong) != right:
                msg = (f"resource {ident!r} spells the attribute adlcp:{_local(wrong)}; SCORM {m.version} "
                       f"spells it adlcp:{right}")
            elif wrong is not None:
                msg = (f"resource {ident!r} has {_local(wrong)} in the namespace {_ns(wrong)!r} (expected "
                       f"{ADLCP[m.version]})")
            else:
                msg = f"resource {ident!r} has no adlcp:{right} attribute (expected \"sco\" or \"asset\")"
            findings.append(error("resource-scormtype", msg, f"write adlcp:{right}=\"sco\" (or \"asset\")",
                                  **_at(res)))
        elif value not in ("sco", "asset"):
            findings.append(error("resource-scormtype", f"resource {ident!r} has adlcp:{right}={value!r} "
                                  "(expected 'sco' or 'asset', in lower case)", f"write adlcp:{right}=\"sco\"",
                                  **_at(res)))
        href = res.get("href")
        if (value == "sco" or id(res) in launched) and not href:
            findings.append(error("resource-href", f"resource {ident!r} is launched (a SCO or referenced by an "
                                  "item) but has no href", "add href=\"<launch file>\"", **_at(res)))
        _xml_base(res, findings)
        if href:
            _href(href, res, findings, sco=value == "sco")
            local = _path(m, res, href)
            files = {_path(m, res, f.get("href")) for f in res.findall(m.tag("file")) if f.get("href")}
            if local is not None and local not in files:
                findings.append(error("resource-file", f"resource {ident!r} launches {href!r} but has no <file "
                                      f"href={local!r}/>", f"add <file href=\"{local}\"/> to the resource",
                                      **_at(res)))
        for f in res.findall(m.tag("file")):
            if f.get("href"):
                _href(f.get("href"), f, findings, sco=False)


def _xml_base(el: Any, findings: list[Finding]) -> None:
    base = el.get(XML_BASE) if el is not None else None
    if base is None:
        return
    if EXTERNAL.match(base):
        findings.append(error("href-external", f"xml:base {base!r} points outside the package; the LMS API "
                              "can't be reached across origins", "use a relative folder", **_at(el)))
    elif "\\" in base or base.startswith("/") or not base.endswith("/"):
        findings.append(error("xml-base", f"xml:base {base!r} must be a relative folder ending in '/' "
                              "(no backslash, no leading '/')", "fix it, or drop xml:base and write full "
                              "relative hrefs", **_at(el)))


def _href(href: str, el: Any, findings: list[Finding], sco: bool) -> None:
    name = _local(el.tag)
    path = re.split(r"[?#]", href, maxsplit=1)[0]
    if EXTERNAL.match(href):
        if sco:
            findings.append(error("href-external", f"the SCO's href {href!r} is outside the package; the SCO "
                                  "could not reach the LMS API across origins", "put the launch page in the "
                                  "package", **_at(el)))
        else:
            findings.append(warning("href-external", f"<{name}> href {href!r} is outside the package (the "
                                    "package then depends on the network)", "put the file in the package",
                                    **_at(el)))
    elif "\\" in href or href.startswith("/"):
        findings.append(error("href-format", f"<{name}> href {href!r} must be relative with forward slashes "
                              "(no backslash, no leading '/')", "write the path as it is in the zip", **_at(el)))
    elif not EXTENSION.search(path.rsplit("/", 1)[-1]):
        findings.append(error("href-format", f"<{name}> href {href!r} has no file extension (the ADL test suite "
                              "rejects it)", "point to a file such as index.html", **_at(el)))


def _path(m: Manifest, res: Any, href: str | None) -> str | None:
    """The zip entry an href names: xml:base applied, query and fragment dropped, %-escapes decoded."""
    if not href or EXTERNAL.match(href):
        return None
    if m.bases is None:
        resources = m.root.find(m.tag("resources"))
        m.bases = "".join(b for b in (m.root.get(XML_BASE), resources.get(XML_BASE) if resources is not None else None)
                          if b and not EXTERNAL.match(b))
    own = res.get(XML_BASE)
    joined = m.bases + (own if own and not EXTERNAL.match(own) else "") + href
    if not UNUSUAL_PATH.search(joined):
        return joined
    path = unquote(re.split(r"[?#]", joined, maxsplit=1)[0]).replace("\\", "/").lstrip("/")
    parts: list[str] = []
    for part in path.split("/"):
        if part == "..":
            if parts:
                parts.pop()
        elif part not in (".", ""):
            parts.append(part)
    return "/".join(parts)


def _files(m: Manifest, package: Package, findings: list[Finding]) -> None:
    """Launch files and listed files present; every zip file listed."""
    lower = {n.lower(): n for n in package.names}
    launch_missing = set()

    def hint(path: str) -> str:
        other = lower.get(path.lower())
        return f" (the zip has {other!r}, which differs in case; LMS servers are case-sensitive)" if other else ""

    for item, res in m.launched:
        path = _path(m, res, res.get("href"))
        if path is not None and path not in package.names:
            launch_missing.add(path)
            findings.append(error("launch-missing", f"item {item.get('identifier')!r} launches {path!r}, which is "
                                  f"not in the zip{hint(path)}", "add the file or fix the resource href",
                                  **_at(res)))
    listed = set()
    for res in m.root.iter(m.tag("resource")):
        for f in res.findall(m.tag("file")):
            path = _path(m, res, f.get("href"))
            if path is None:
                continue
            listed.add(path)
            if path not in package.names and path not in launch_missing:
                findings.append(error("file-missing", f"<file href={f.get('href')!r}> is listed but not in the "
                                      f"zip{hint(path)}", "add the file or remove the <file> element", **_at(f)))
    control = {n for n in package.names if "/" not in n and n.lower().endswith((".xsd", ".dtd"))}
    unlisted = [i.filename for i in package.files
                if i.filename not in listed and i.filename != MANIFEST and i.filename not in control]
    for name in unlisted[:20]:
        findings.append(warning("file-unlisted", f"{name} is in the zip but in no <file> of the manifest; some "
                                "LMSes don't copy unlisted files", "list it in its resource, or remove it", name))
    if len(unlisted) > 20:
        findings.append(warning("file-unlisted", f"{len(unlisted) - 20} more files are in the zip but in no "
                                "<file> of the manifest", "list them in their resource"))


def _schema_location(m: Manifest, package: Package, findings: list[Finding]) -> None:
    raw = m.root.get(f"{{{XSI}}}schemaLocation")
    tokens = (raw or "").split()
    if len(tokens) % 2:
        findings.append(error("schemalocation", f"xsi:schemaLocation has {len(tokens)} values; it must hold "
                              "'namespace file' pairs", "give each namespace its schema file", **_at(m.root)))
    mapped = dict(zip(tokens[::2], tokens[1::2]))
    used: dict[str, Any] = {}
    for el in m.root.iter():
        for ns in [_ns(el.tag), *(_ns(a) for a in el.attrib)]:
            if ns and ns not in (XSI, XML_NS) and ns not in used:
                used[ns] = el
    for ns, el in used.items():
        if ns not in mapped:
            findings.append(error("schemalocation", f"the namespace {ns} is used but not mapped in "
                                  "xsi:schemaLocation (the ADL test suite fails the package)",
                                  f"add '{ns} <schema file>.xsd' to xsi:schemaLocation", **_at(el)))
    absent = [f for f in mapped.values() if not EXTERNAL.match(f) and f not in package.names]
    if absent:
        findings.append(warning("schemalocation-file", f"xsi:schemaLocation names {len(absent)} schema files that "
                                f"are not at the package root ({', '.join(absent)}); the ADL test suite fails "
                                "the package, most LMSes don't mind", "build with --schemas to copy the "
                                "official schema files in", **_at(m.root)))
