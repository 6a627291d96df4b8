"""The load step that builds a course in another language: each translated text put into the tree.

It runs after the includes and before the placeholders are filled (``load.py``, step 2b), so a
translation keeps ``{{ terms.agent }}`` and every later problem still points at the YAML. A unit
is used when it is translated and its source is the text the course has now (the sha256 the
file recorded); the others keep the source text and are counted in one warning (an error with
``strict``). A translation whose placeholders differ from its source's, or that is longer than
the course format allows, is an error at its line of the XLIFF file; so is a Markdown block whose
inline markup or link targets differ from its source's. A Markdown text's translated blocks are
put back into its skeleton (``segments``) once the walk is done. The course's ``language``
becomes the translation's, so the player's own words and ``lang`` follow; a pseudo-locale
(``qps``, ``qps-...``) keeps the course's, as the player has no words for it.
"""
from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from scorm_builder.errors import Collector, Diagnostic, Where, count
from scorm_builder.source.loader import display_path
from scorm_builder.source.tree import Map
from scorm_builder.translate.catalogs import catalog_of, translation_file
from scorm_builder.translate.placeholders import difference
from scorm_builder.translate.segments import markup
from scorm_builder.translate.units import Unit, course_units
from scorm_builder.translate.xlf import REVIEW, TRANSLATED, Entry, read, source_hash

LANGUAGE = re.compile(r"[a-z]{2}(-[A-Z]{2})?")  # the course format's language codes
PSEUDO = re.compile(r"qps(-[A-Za-z0-9]+)?")


def is_pseudo(language: str) -> bool:
    return PSEUDO.fullmatch(language) is not None


class Translation:
    """One language to build a course in; after :meth:`apply`, ``warnings`` and ``counts`` say how it went."""

    def __init__(self, language: str, strict: bool = False):
        self.language, self.strict = language, strict
        self.warnings: list[str] = []
        self.counts: Counter = Counter()  # translated | needs-review | missing
        self._files: dict[Path, dict[tuple[str, str], Entry]] = {}

    def apply(self, tree: Map, course_dir: Path, found: Collector) -> None:
        """Put the translation into ``tree`` (in place); problems go to ``found``."""
        own = translation_file(course_dir.resolve(), self.language)
        if not self._language_ok(tree, own, found):
            return
        if not own.is_file():
            found.problems.append(Diagnostic(
                "error", "translation-missing", Where(display_path(own)), f"no translation into {self.language}",
                f"write it with `scorm-builder translate extract {display_path(course_dir)} --to {self.language}`"))
            return
        untranslated: list[tuple[Path, Unit]] = []
        blocks: dict[int, tuple[Unit, list[str | None]]] = {}  # a Markdown text's translated blocks
        for unit in course_units(tree):
            root, section = catalog_of(unit.file, course_dir)
            file = translation_file(root, self.language)
            entry = self._entries(file, found).get((section, unit.id))
            state = _state(unit, entry)
            self.counts[state] += 1
            if state != TRANSLATED:
                untranslated.append((file, unit))
            elif not self._fits(unit, entry, file, found):
                pass
            elif unit.whole is None:
                unit.holder[unit.key] = entry.target
            else:
                texts = blocks.setdefault(id(unit.whole), (unit, [None] * len(unit.whole.slots)))[1]
                texts[unit.index] = entry.target
        for unit, texts in blocks.values():  # after the walk, which reads the texts as written
            unit.holder[unit.key] = unit.whole.join(texts)
        if untranslated:
            self._report(untranslated, found)
        if not is_pseudo(self.language):
            src, pos = tree.where("language")
            tree.put("language", self.language, tree.key_pos.get("language", tree.pos), pos, src)

    def _language_ok(self, tree: Map, own: Path, found: Collector) -> bool:
        if LANGUAGE.fullmatch(self.language) or is_pseudo(self.language):
            return True
        found.problems.append(Diagnostic(
            "error", "translation-language", Where(display_path(own)),
            f"'{self.language}' is not a language code a course can have (expected a code such as fr, "
            "de or pt-BR, or the pseudo-locale qps)", "name the translation file with such a code"))
        return False

    def _entries(self, file: Path, found: Collector) -> dict[tuple[str, str], Entry]:
        if file not in self._files:
            self._files[file] = {}
            if file.is_file():
                try:
                    self._files[file] = read(file)[1]
                except Exception as err:  # BuilderError: a file that is not XLIFF
                    found.problems.append(Diagnostic("error", "translation-unreadable", Where(display_path(file)),
                                                     str(getattr(err, "message", err)).split(": ", 1)[-1]))
        return self._files[file]

    def _fits(self, unit: Unit, entry: Entry, file: Path, found: Collector) -> bool:
        """Whether the translation keeps the source's placeholders and the format's length limit."""
        where = Where(display_path(file), entry.line, None, f"unit {unit.id}")
        changed = difference(unit.text, entry.target)
        if changed:
            found.problems.append(Diagnostic(
                "error", "translation-placeholders", where, f"the translation {changed} (expected the "
                f"placeholders of the source, each exactly once as often as there)",
                "copy each {{ ... }} of the source into the translation unchanged"))
            return False
        changed = difference(unit.text, entry.target, markup) if unit.markdown else ""
        if changed:
            found.problems.append(Diagnostic(
                "error", "translation-markup", where, f"the translation {changed} (expected the Markdown "
                "markup of the source: as many **, *, ` `, [ and ](target), and the same link targets)",
                "keep the source's markup around the translated words, and each link's target unchanged"))
            return False
        if unit.hard and unit.maxwidth and len(entry.target) > unit.maxwidth:
            found.problems.append(Diagnostic(
                "error", "translation-too-long", where, f"the translation is {len(entry.target)} characters, "
                f"more than the {unit.maxwidth} allowed (maxwidth)", "shorten the translation"))
            return False
        return True

    def _report(self, untranslated: list[tuple[Path, Unit]], found: Collector) -> None:
        files = sorted({display_path(file) for file, _ in untranslated})
        review, missing = self.counts[REVIEW], self.counts["missing"]
        parts = [f"{missing} missing"] if missing else []
        parts += [f"{review} needing review"] if review else []
        total = sum(self.counts.values())
        message = (f"{count(len(untranslated), 'text')} of {total} not translated into {self.language} "
                   f"({', '.join(parts)}) in {', '.join(files)}")
        first = ", ".join(unit.id for _, unit in untranslated[:3]) + (", ..." if len(untranslated) > 3 else "")
        if self.strict:
            found.problems.append(Diagnostic(
                "error", "translation-incomplete", Where(files[0]), f"{message}: {first}",
                "translate them (or review them and mark them translated), or build without --strict"))
        else:
            self.warnings.append(f"{message}; they show in the source language (first: {first})")


def _state(unit: Unit, entry: Entry | None) -> str:
    """translated | needs-review | missing, for the unit's text as the course has it now."""
    if entry is None or entry.state not in (TRANSLATED, REVIEW):
        return "missing"
    current = entry.hash == source_hash(unit.text) if entry.hash else entry.source == unit.text
    return entry.state if current else REVIEW
