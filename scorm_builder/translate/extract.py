"""``translate extract``: the course's texts into XLIFF files, keeping what is already translated.

Each run writes every unit afresh from the course (new units added, removed ones gone, notes
rewritten) and carries over each old unit's translation: as it was when its source is unchanged,
marked needs-review when the source changed since. The shared library's file keeps the sections
of the pieces this course does not include (another course does) while their YAML files exist.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from scorm_builder.errors import BuilderError
from scorm_builder.load import find_course_file, load_course, read_expanded
from scorm_builder.source.loader import display_path
from scorm_builder.translate.catalogs import catalog_of, translation_file
from scorm_builder.translate.units import Unit, course_units
from scorm_builder.translate.xlf import (
    MISSING,
    NOTE_FROM,
    REVIEW,
    REVIEW_FROM,
    TRANSLATED,
    Entry,
    Out,
    read,
    source_hash,
    write,
)

Fill = Callable[[Unit], str]  # a machine translation of a unit (the pseudo-locale)


@dataclass(frozen=True)
class Written:
    path: Path
    counts: Counter  # units by what happened: kept, new, review, removed

    def summary(self) -> str:
        c = self.counts
        total = c["kept"] + c["new"] + c["review"] + c["filled"]
        parts = [f"{c[k]} {label}" for k, label in (("new", "new"), ("review", "need review"),
                                                    ("removed", "removed"), ("filled", "filled")) if c[k]]
        return f"wrote {display_path(self.path)}: {total} units" + (f" ({', '.join(parts)})" if parts else "")


def course_language(tree) -> str:
    value = tree.get("language")
    return value if isinstance(value, str) else "en"


def extract(course: Path, language: str, fill: Fill | None = None) -> list[Written]:
    """Write the translation files of ``course`` into ``language``; with ``fill``, every unit is
    (re)translated by it and marked translated."""
    path = find_course_file(Path(course))
    load_course(path)  # a course with problems is reported as a build would report it
    tree = read_expanded(path)
    source = course_language(tree)
    if language == source:
        raise BuilderError(f"{display_path(path)}: the course is written in {language}; "
                           f"give --to the language to translate it into")
    grouped = group(list(course_units(tree)), path.parent)
    out = []
    for root, sections in grouped.items():
        file = translation_file(root, language)
        old = read(file)[1] if file.exists() else {}
        counts: Counter = Counter()
        merged = {name: [merge(u, old.get((name, u.id)), counts, fill) for u in units]
                  for name, units in sections.items()}
        if root != path.parent.resolve():
            merged = _with_other_sections(merged, old, root)
        counts["removed"] = len(set(old) - _keys(merged))
        write(file, source, language, merged)
        out.append(Written(file, counts))
    return out


def group(units: list[Unit], course_dir: Path) -> dict[Path, dict[str, list[Unit]]]:
    """{catalog folder: {section: units}}, the course's own first, each in course order; a text met
    twice (a piece included twice) once, two different texts under one id an error."""
    grouped: dict[Path, dict[str, dict[str, Unit]]] = {course_dir.resolve(): {}}
    for unit in units:
        root, section = catalog_of(unit.file, course_dir)
        seen = grouped.setdefault(root, {}).setdefault(section, {})
        if unit.id in seen and seen[unit.id].text != unit.text:
            raise BuilderError(f"{unit.file}: two texts have the unit id {unit.id} \u2014 give the pieces "
                               "that hold them different ids")
        seen.setdefault(unit.id, unit)
    return {root: {name: list(units.values()) for name, units in sections.items()}
            for root, sections in grouped.items()}


def merge(unit: Unit, old: Entry | None, counts: Counter, fill: Fill | None) -> Out:
    """The unit to write: the course's text and notes, with the old unit's translation and state."""
    base = dict(id=unit.id, source=unit.text, notes=unit.notes, maxwidth=unit.maxwidth, markdown=unit.markdown)
    if fill is not None:
        counts["filled"] += 1
        return Out(**base, target=fill(unit), state=TRANSLATED)
    if old is None or not old.target:
        counts["new" if old is None else "kept"] += 1
        return Out(**base)
    kept = tuple(n for n in old.notes if n[0] not in (NOTE_FROM, REVIEW_FROM))
    review_notes = tuple(n for n in old.notes if n[0] == REVIEW_FROM)
    unchanged = old.hash == source_hash(unit.text) if old.hash else old.source == unit.text
    if unchanged:
        counts["review" if old.state == REVIEW else "kept"] += 1
        return Out(**base, target=old.target, state=old.state,
                   kept_notes=kept + (review_notes if old.state == REVIEW else ()))
    counts["review"] += 1
    if not review_notes or old.state != REVIEW:  # the first change since it was translated
        review_notes = ((REVIEW_FROM, f"The source changed since this was translated. It was: {old.source}"),)
    return Out(**base, target=old.target, state=REVIEW if old.state != MISSING else MISSING,
               kept_notes=kept + review_notes)


def _with_other_sections(merged: dict[str, list[Out]], old: dict[tuple[str, str], Entry],
                         root: Path) -> dict[str, list[Out]]:
    """A shared library's file: this course's sections, and the others it had whose YAML file is still there."""
    others: dict[str, list[Out]] = {}
    for (section, _uid), entry in old.items():
        if section not in merged and (root / section).is_file():
            others.setdefault(section, []).append(_as_is(entry))
    both = {**merged, **others}
    return {name: both[name] for name in sorted(both)}


def _as_is(entry: Entry) -> Out:
    notes = tuple(text for origin, text in entry.notes if origin == NOTE_FROM)
    kept = tuple(n for n in entry.notes if n[0] != NOTE_FROM)
    return Out(entry.id, entry.source, notes, entry.maxwidth, entry.target, entry.state, kept, entry.markdown)


def _keys(merged: dict[str, list[Out]]) -> set[tuple[str, str]]:
    return {(name, out.id) for name, units in merged.items() for out in units}
