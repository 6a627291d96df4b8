"""XLIFF 1.2 files read and written through translate-toolkit (``translate.storage.xliff``).

One ``<file original="...">`` per YAML file the texts come from (``course.yaml``,
``pages/timing.yaml``), one ``<trans-unit>`` per text. A unit's placeholders are ``<ph>``
elements (so is a Markdown block's inline markup: ``**``, ``[``, ``](target)``), its context
``<note from="developer">``s, its length limit ``maxwidth`` (characters),
and the sha256 of its source a ``<context-group purpose="x-scorm-builder">``. States: a unit
with no target is missing; ``needs-review-*`` needs review; ``new``/``needs-*`` is a draft
(missing); any other target (``translated``, ``signed-off``, ``final``, or no state) is translated.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from lxml import etree
from translate.storage import xliff
from translate.storage.placeables import StringElem
from translate.storage.placeables.xliff import Ph

from scorm_builder.errors import BuilderError
from scorm_builder.source.loader import display_path
from scorm_builder.translate.placeholders import PLACEHOLDER, split
from scorm_builder.translate.segments import protected_split

NS = "urn:oasis:names:tc:xliff:document:1.2"
SKELETON = (f'<?xml version="1.0" encoding="UTF-8"?>\n<xliff version="1.2" xmlns="{NS}"><file original="NoName" '
            'source-language="en" datatype="plaintext"><body/></file></xliff>').encode()
PURPOSE = "x-scorm-builder"
HASH = "x-source-sha256"
NOTE_FROM = "developer"  # the notes extract writes, and rewrites each time
REVIEW_FROM = "scorm-builder"  # the note that says what changed, kept while the unit needs review
TRANSLATED, REVIEW, MISSING = "translated", "needs-review", "missing"
STATE_ATTR = {TRANSLATED: "translated", REVIEW: "needs-review-translation"}
DRAFT_STATES = ("new", "needs-translation", "needs-adaptation", "needs-l10n")


def source_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Entry:
    """A unit as a file holds it."""

    section: str  # the <file original="..."> it is in
    id: str
    source: str
    target: str  # placeholders as text; "" when there is none
    state: str  # translated | needs-review | missing
    hash: str
    line: int
    notes: tuple[tuple[str, str], ...] = ()  # (from, text) of every note
    maxwidth: int | None = None
    markdown: bool = False  # its source protects Markdown markup (a <ph> that is not a {{ placeholder }})


@dataclass(frozen=True)
class Out:
    """A unit to write."""

    id: str
    source: str
    notes: tuple[str, ...]
    maxwidth: int | None
    target: str = ""
    state: str = MISSING
    kept_notes: tuple[tuple[str, str], ...] = ()
    markdown: bool = False  # a Markdown block: its inline markup becomes <ph>s too


def read(path: Path) -> tuple[str, dict[tuple[str, str], Entry]]:
    """(target language, {(section, id): entry}) of an XLIFF file; a file that isn't one is a BuilderError."""
    try:
        store = xliff.xlifffile.parsestring(path.read_bytes())
    except OSError as err:
        raise BuilderError(f"{display_path(path)}: can't read it ({err.strerror})") from None
    except Exception as err:  # lxml's and translate-toolkit's own errors: the file is not XLIFF
        raise BuilderError(f"{display_path(path)}: not an XLIFF file ({err}) \u2014 extract it again with "
                           "`scorm-builder translate extract`, or fix the XML") from None
    out: dict[tuple[str, str], Entry] = {}
    for unit in store.getunits():
        section, _, uid = unit.getid().rpartition("\x04")
        out[(section, uid)] = _entry(unit, section, uid)
    root = store.document.getroot()
    files = list(root.iterchildren(f"{{{store.namespace}}}file"))
    return (files[0].get("target-language", "") if files else ""), out


def _entry(unit: xliff.xliffunit, section: str, uid: str) -> Entry:
    element = unit.xmlelement
    ns = f"{{{element.nsmap.get(None, NS)}}}"
    source_el, target_el = element.find(f"{ns}source"), element.find(f"{ns}target")
    phs = _placeholders_of(source_el)
    source = _flat(source_el, phs) if source_el is not None else ""
    target = _flat(target_el, phs) if target_el is not None else ""
    state = target_el.get("state", "") if target_el is not None else ""
    if not target.strip() or state in DRAFT_STATES:
        status = MISSING
    elif state.startswith("needs-review"):
        status = REVIEW
    else:
        status = TRANSLATED
    groups = unit.getcontextgroupsbyattribute("purpose", PURPOSE)
    hashes = [text for group in groups for kind, text in group if kind == HASH]
    notes = tuple((n.get("from", ""), "".join(n.itertext())) for n in element.iterchildren(f"{ns}note"))
    width = element.get("maxwidth", "")
    markdown = any(not PLACEHOLDER.fullmatch(text) for text in phs.values())
    return Entry(section, uid, source, target, status, hashes[0] if hashes else "", element.sourceline or 0, notes,
                 int(width) if width.isdigit() else None, markdown)


def _placeholders_of(element) -> dict[str, str]:
    """id -> the native text of each <ph> (and <x equiv-text>) of a source."""
    if element is None:
        return {}
    out = {}
    for child in element.iter():
        name = etree.QName(child).localname
        if name == "ph":
            out[child.get("id", "")] = "".join(child.itertext())
        elif name == "x" and child.get("equiv-text"):
            out[child.get("id", "")] = child.get("equiv-text")
    return out


def _flat(element, phs: dict[str, str]) -> str:
    """The text of a source or target, each inline element as its native text: a <ph>'s content, or
    for an empty <ph>/<x> (some tools write them so) the source's placeholder of the same id."""
    parts = [element.text or ""]
    for child in element:
        if not isinstance(child.tag, str):  # a comment
            parts.append(child.tail or "")
            continue
        inner = "".join(child.itertext())
        if etree.QName(child).localname in ("ph", "x") and not inner:
            inner = phs.get(child.get("id", ""), "")
        parts.extend((inner, child.tail or ""))
    return "".join(parts)


def write(path: Path, source_language: str, target_language: str, sections: dict[str, list[Out]]) -> bytes:
    """Write the units, section by section in the order given; returns the bytes written."""
    store = xliff.xlifffile.parsestring(SKELETON)
    store.sourcelanguage, store.targetlanguage = source_language, target_language
    for section, units in sections.items():
        store.switchfile(section, createifmissing=True)
        for out in units:
            _add(store, out)
    root = store.document.getroot()
    etree.cleanup_namespaces(root)
    data = bytes(store)
    path.parent.mkdir(parents=True, exist_ok=True)
    temp = path.with_name(f".{path.name}.tmp")
    temp.write_bytes(data)
    temp.replace(path)
    return data


def _add(store: xliff.xlifffile, out: Out) -> None:
    unit = store.UnitClass("")
    ids: dict[str, list[str]] = {}
    unit.rich_source = [_rich(out.source, ids, True, out.markdown)]
    store.addunit(unit)
    unit.setid(out.id)
    if out.maxwidth:
        unit.xmlelement.set("maxwidth", str(out.maxwidth))
        unit.xmlelement.set("size-unit", "char")
    if out.target:
        unit.rich_target = [_rich(out.target, ids, False, out.markdown)]
        state = STATE_ATTR.get(out.state, "needs-translation")  # a draft without a state: kept as a draft
        unit.xmlelement.find(f"{{{store.namespace}}}target").set("state", state)
    for note in out.notes:
        unit.addnote(note, origin=NOTE_FROM)
    for origin, note in out.kept_notes:
        unit.addnote(note, origin=origin or None)
    unit.createcontextgroup("source", [(HASH, source_hash(out.source))], purpose=PURPOSE)


def _rich(text: str, ids: dict[str, list[str]], fresh: bool, markdown: bool = False) -> StringElem:
    """``text`` with each placeholder (and a Markdown block's inline markup) a <ph>; a source numbers
    them, a target reuses the source's ids."""
    parts: list = []
    used: dict[str, int] = {}
    for is_placeholder, part in (protected_split(text) if markdown else split(text)):
        if not is_placeholder:
            parts.append(part)
            continue
        if fresh:
            ids.setdefault(part, []).append(str(sum(len(v) for v in ids.values()) + 1))
        known = ids.get(part, [])
        n = used.get(part, 0)
        used[part] = n + 1
        pid = known[n] if n < len(known) else f"x{len(used)}-{n + 1}"
        parts.append(Ph(id=pid, sub=[part]))
    return StringElem(parts)
