"""Manifest rules of the checker: metadata, identifiers, organizations, resources, hrefs and files."""
from __future__ import annotations

import re
from typing import Any

from scorm_builder.check.container import MANIFEST, Package
from scorm_builder.check.findings import Findings
from scorm_builder.check.manifest import (
    ADLCP,
    SCHEMA_VERSIONS,
    SCORMTYPE,
    XML_BASE,
    XML_NS,
    XSI,
    Manifest,
    is_external,
    local_name,
    namespace,
)

NCNAME = re.compile(r"[^\W\d][\w.\-]*\Z")
EXTENSION = re.compile(r"\.[A-Za-z0-9]+\Z")
UNLISTED_SHOWN = 20  # file-unlisted lines before one line counts the rest


def check_manifest_rules(m: Manifest, package: Package, findings: Findings) -> None:
    """Every manifest rule, in order, on a parsed manifest."""
    for rule in (_metadata, _identifiers, _organizations, _resources, _files, _schema_location):
        rule(m, package, findings)


def _metadata(m: Manifest, package: Package, findings: Findings) -> None:
    md = m.root.find(m.tag("metadata"))
    where = m.at(md if md is not None else m.root)
    schema = md.find(m.tag("schema")) if md is not None else None
    if schema is None:
        make = findings.error if m.version == "2004" else findings.warning
        make("manifest-schema", "the manifest has no <metadata><schema> (expected <schema>ADL SCORM</schema>); "
             "LMSes read it to tell SCORM from plain IMS content",
             "add <metadata><schema>ADL SCORM</schema><schemaversion>...</schemaversion></metadata>", **where)
    elif (schema.text or "").strip() != "ADL SCORM":
        findings.error("manifest-schema", f"<schema> is {(schema.text or '').strip()!r} (expected 'ADL SCORM')",
                       "write <schema>ADL SCORM</schema>", **m.at(schema))
    sv = md.find(m.tag("schemaversion")) if md is not None else None
    known = SCHEMA_VERSIONS[m.version]
    expected = " or ".join(repr(v) for v in known)
    if sv is None:
        if schema is not None:
            findings.error("manifest-schemaversion", f"the manifest has no <schemaversion> (expected {expected})",
                           "add it after <schema>", **where)
        return
    text = (sv.text or "").strip()
    if m.version == "2004" and text == "CAM 1.3":
        findings.warning("manifest-schemaversion", "<schemaversion> is 'CAM 1.3' (SCORM 2004 2nd Edition); the ADL "
                         "test suite only warns, some LMSes treat it as 1.2",
                         f"write <schemaversion>{known[0]}</schemaversion>", **m.at(sv))
    elif text not in known:
        findings.error("manifest-schemaversion", f"<schemaversion> is {text!r} in a SCORM {m.version} manifest "
                       f"(expected {expected})", f"write <schemaversion>{known[0]}</schemaversion>", **m.at(sv))


def _identifiers(m: Manifest, package: Package, findings: Findings) -> None:
    first: dict[str, int] = {}
    for el in m.root.iter(m.tag("manifest"), m.tag("organization"), m.tag("item"), m.tag("resource")):
        ident = el.get("identifier")
        name = local_name(el.tag)
        if ident is None or not NCNAME.match(ident):
            got = "none" if ident is None else repr(ident)
            findings.error("identifier-format", f"<{name}> identifier is not an xs:ID (expected a name starting "
                           f"with a letter or '_', without spaces or ':', got {got})",
                           "use letters, digits, '_', '-' and '.', starting with a letter", **m.at(el))
        elif ident in first:
            findings.error("identifier-unique", f"<{name}> identifier {ident!r} is already used on line "
                           f"{first[ident]}; identifiers must be unique in the manifest", "rename one of them",
                           **m.at(el))
        else:
            first[ident] = el.sourceline
    for res in m.root.iter(m.tag("resource")):
        if res.get("identifier"):
            m.resources.setdefault(res.get("identifier"), res)


def _organizations(m: Manifest, package: Package, findings: Findings) -> None:
    orgs_el = m.root.find(m.tag("organizations"))
    orgs = orgs_el.findall(m.tag("organization")) if orgs_el is not None else []
    if not orgs:
        findings.error("organization-default", "the manifest has no <organization>, so the LMS has nothing to "
                       "launch", "add an <organization> with an <item> that references the SCO",
                       **m.at(orgs_el if orgs_el is not None else m.root))
        return
    default = orgs_el.get("default")
    ids = [o.get("identifier") for o in orgs]
    if default is None:
        findings.warning("organization-default", "<organizations> has no default attribute; LMSes differ in which "
                         "organization they launch", f"add default=\"{ids[0]}\"", **m.at(orgs_el))
    elif default not in ids:
        findings.error("organization-default", f"<organizations default={default!r}> names no organization "
                       f"(expected one of: {', '.join(map(str, ids))})", "set default to an organization "
                       "identifier", **m.at(orgs_el))
    for org in orgs:
        for item in org.iter(m.tag("item")):
            _item(m, item, findings)


def _item(m: Manifest, item: Any, findings: Findings) -> None:
    ref = item.get("identifierref")
    ident = item.get("identifier")
    leaf = item.find(m.tag("item")) is None
    if leaf and not ref:
        findings.error("item-leaf", f"the leaf item {ident!r} has no identifierref, so it launches nothing",
                       "add identifierref=\"<resource identifier>\" or remove the item", **m.at(item))
    elif not leaf and ref:
        findings.error("item-leaf", f"the item {ident!r} has child items and an identifierref; only leaf items may "
                       "reference a resource", "move the reference to a child item", **m.at(item))
    if ref and ref not in m.resources:
        known = ", ".join(sorted(m.resources)) or "none"
        findings.error("item-identifierref", f"item {ident!r} has identifierref {ref!r}, which matches no resource "
                       f"(expected one of: {known})", "set identifierref to a resource identifier", **m.at(item))
    elif ref and leaf:
        m.launched.append((item, m.resources[ref]))


def _resources(m: Manifest, package: Package, findings: Findings) -> None:
    launched = {id(r) for _, r in m.launched}
    _xml_base(m, m.root, findings)
    _xml_base(m, m.root.find(m.tag("resources")), findings)
    for res in m.root.iter(m.tag("resource")):
        value = m.scormtype(res)
        _scormtype(m, res, value, findings)
        href = res.get("href")
        if (value == "sco" or id(res) in launched) and not href:
            findings.error("resource-href", f"resource {res.get('identifier')!r} is launched (a SCO or referenced "
                           "by an item) but has no href", "add href=\"<launch file>\"", **m.at(res))
        _xml_base(m, res, findings)
        if href:
            _href(m, href, res, findings, launch=value == "sco" or id(res) in launched)
            local = m.entry_path(res, href)
            files = {m.entry_path(res, f.get("href")) for f in res.findall(m.tag("file")) if f.get("href")}
            if local is not None and local not in files:
                findings.error("resource-file", f"resource {res.get('identifier')!r} launches {href!r} but has no "
                               f"<file href={local!r}/>", f"add <file href=\"{local}\"/> to the resource",
                               **m.at(res))
        for f in res.findall(m.tag("file")):
            if f.get("href"):
                _href(m, f.get("href"), f, findings, launch=False)


def _scormtype(m: Manifest, res: Any, value: str | None, findings: Findings) -> None:
    ident = res.get("identifier")
    right = SCORMTYPE[m.version]
    if value is None:
        wrong = next((a for a in res.attrib if local_name(a).lower() == "scormtype"), None)
        if wrong is not None and local_name(wrong) != right:
            msg = (f"resource {ident!r} spells the attribute adlcp:{local_name(wrong)}; SCORM {m.version} "
                   f"spells it adlcp:{right}")
        elif wrong is not None:
            msg = (f"resource {ident!r} has {local_name(wrong)} in the namespace {namespace(wrong)!r} (expected "
                   f"{ADLCP[m.version]})")
        else:
            msg = f"resource {ident!r} has no adlcp:{right} attribute (expected \"sco\" or \"asset\")"
        findings.error("resource-scormtype", msg, f"write adlcp:{right}=\"sco\" (or \"asset\")", **m.at(res))
    elif value not in ("sco", "asset"):
        findings.error("resource-scormtype", f"resource {ident!r} has adlcp:{right}={value!r} (expected 'sco' or "
                       "'asset', in lower case)", f"write adlcp:{right}=\"sco\"", **m.at(res))


def _xml_base(m: Manifest, el: Any, findings: Findings) -> None:
    base = el.get(XML_BASE) if el is not None else None
    if base is None:
        return
    if is_external(base):
        findings.error("href-external", f"xml:base {base!r} points outside the package; the LMS API can't be "
                       "reached across origins", "use a relative folder", **m.at(el))
    elif "\\" in base or base.startswith("/") or not base.endswith("/"):
        findings.error("xml-base", f"xml:base {base!r} must be a relative folder ending in '/' (no backslash, no "
                       "leading '/')", "fix it, or drop xml:base and write full relative hrefs", **m.at(el))


def _href(m: Manifest, href: str, el: Any, findings: Findings, launch: bool) -> None:
    """One href; ``launch`` when it is the page an LMS opens (a SCO's, or one an item references)."""
    name = local_name(el.tag)
    path = re.split(r"[?#]", href, maxsplit=1)[0]
    if is_external(href):
        if launch:
            findings.error("launch-external", f"resource {el.get('identifier')!r} launches {href!r}, outside the "
                           "package; the LMS cannot serve it, and a page from another origin cannot reach the "
                           "SCORM API", "put the launch page in the package", **m.at(el))
        else:
            findings.warning("href-external", f"<{name}> href {href!r} is outside the package (the package then "
                             "depends on the network)", "put the file in the package", **m.at(el))
    elif "\\" in href or href.startswith("/"):
        findings.error("href-format", f"<{name}> href {href!r} must be relative with forward slashes (no "
                       "backslash, no leading '/')", "write the path as it is in the zip", **m.at(el))
    elif not EXTENSION.search(path.rsplit("/", 1)[-1]):
        findings.error("href-format", f"<{name}> href {href!r} has no file extension (the ADL test suite rejects "
                       "it)", "point to a file such as index.html", **m.at(el))


def _files(m: Manifest, package: Package, findings: Findings) -> None:
    """Launch files and listed files present; every zip file listed."""
    lower = {n.lower(): n for n in package.names}
    launch_missing = set()

    def hint(path: str) -> str:
        other = lower.get(path.lower())
        return f" (the zip has {other!r}, which differs in case; LMS servers are case-sensitive)" if other else ""

    for item, res in m.launched:
        path = m.entry_path(res, res.get("href"))
        if path is not None and path not in package.names:
            launch_missing.add(path)
            findings.error("launch-missing", f"item {item.get('identifier')!r} launches {path!r}, which is not in "
                           f"the zip{hint(path)}", "add the file or fix the resource href", **m.at(res))
    listed = set()
    for res in m.root.iter(m.tag("resource")):
        for f in res.findall(m.tag("file")):
            path = m.entry_path(res, f.get("href"))
            if path is None:
                continue
            listed.add(path)
            if path not in package.names and path not in launch_missing:
                findings.error("file-missing", f"<file href={f.get('href')!r}> is listed but not in the "
                               f"zip{hint(path)}", "add the file or remove the <file> element", **m.at(f))
    control = {n for n in package.names if "/" not in n and n.lower().endswith((".xsd", ".dtd"))}
    unlisted = [i.filename for i in package.files
                if i.filename not in listed and i.filename != MANIFEST and i.filename not in control]
    for name in unlisted[:UNLISTED_SHOWN]:
        findings.warning("file-unlisted", f"{name} is in the zip but in no <file> of the manifest; some LMSes don't "
                         "copy unlisted files", "list it in its resource, or remove it", name)
    if len(unlisted) > UNLISTED_SHOWN:
        findings.warning("file-unlisted", f"{len(unlisted) - UNLISTED_SHOWN} more files are in the zip but in no "
                         "<file> of the manifest", "list them in their resource")


def _schema_location(m: Manifest, package: Package, findings: Findings) -> None:
    """A manifest without xsi:schemaLocation is fine for LMSes (they don't read it) and gets no finding, so a
    default build (which ships no schema files and names none) checks clean; one that names schemas must map
    every namespace it uses (the ADL test suite fails it otherwise) and ship the files it names."""
    location = m.root.get(f"{{{XSI}}}schemaLocation")
    if location is None:
        return
    tokens = location.split()
    if len(tokens) % 2:
        findings.error("schemalocation", f"xsi:schemaLocation has {len(tokens)} values; it must hold 'namespace "
                       "file' pairs", "give each namespace its schema file", **m.at(m.root))
    mapped = dict(zip(tokens[::2], tokens[1::2], strict=False))
    used: dict[str, Any] = {}
    for el in m.root.iter():
        for ns in [namespace(el.tag), *(namespace(a) for a in el.attrib)]:
            if ns and ns not in (XSI, XML_NS) and ns not in used:
                used[ns] = el
    for ns, el in used.items():
        if ns not in mapped:
            findings.error("schemalocation", f"the namespace {ns} is used but not mapped in xsi:schemaLocation (the "
                           "ADL test suite fails the package)", f"add '{ns} <schema file>.xsd' to "
                           "xsi:schemaLocation", **m.at(el))
    absent = [f for f in mapped.values() if not is_external(f) and f not in package.names]
    if absent:
        findings.warning("schemalocation-file", f"xsi:schemaLocation names {len(absent)} schema files that are not "
                         f"at the package root ({', '.join(absent)}); the ADL test suite fails the package, most "
                         "LMSes don't mind", "build with --schemas to copy the official schema files in",
                         **m.at(m.root))
