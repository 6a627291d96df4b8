"""What a company profile changed in a course, next to the original, and lint rule override-drift.

``lint --company`` loads the course twice, as written and as the profile customizes it. A
value counts as changed by the profile when the profile's file is where it was written (an
override's ``set:``, an added page or question, ``pass_mark``); text that only reads
differently because the profile's terms fill its placeholders is not listed. A removed piece
is one the customized course no longer has.

avoid-word: ``lint.avoid_words`` of the profile (top level and the course's section) names words the
company doesn't use, each with what to write instead ("customer: member"); each one in the text of
the company's build (a word, its plural or possessive, any case) is a warning at its line and column.

override-drift: an override replaced a customer's words (a scenario's ``customer.says``, a
dialogue node's ``customer``), but an option, a choice or feedback of the same piece that the
profile did not change still quotes the words that were replaced ("full trolley" after the
customer was made to say "full basket").
"""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator

from scorm_builder.course import record
from scorm_builder.course.model import Course, DialoguePage, ScenarioPage, Source
from scorm_builder.errors import Diagnostic, source_error
from scorm_builder.source.loader import LoadError, Map, load_yaml
from scorm_builder.source.profile_course import for_course
from scorm_builder.source.text_lines import locate

RULE = "override-drift"
AVOID_RULE = "avoid-word"
# Values of a piece that are settings or ids, not text a learner reads.
NOT_TEXT = frozenset({"verdict", "type", "channel", "principle", "mood", "src", "language", "next", "kind",
                      "standard", "lms", "navigation", "version", "publisher_iri", "score", "scores"})
# Words too common to show that an option quotes the customer: the most frequent English words.
COMMON = frozenset("""a about after again all also am an and any are as ask asked at back be because been before
being but by call called can come could day did do does done down each even every first for from get give go going
good got had has have he her here him his how i if in into is it its just know last let like look made make many
me more most much must my need never new no not now of off on one only or other our out over please put really
right said same say see she should so some still such take tell than that the their them then there these they
thing think this those through time to today told too try two up us very want was way we well were what when where
which who why will with would yes yet you your""".split())
WORD = re.compile(r"[^\W_][\w'\u2019-]*")


@dataclass(frozen=True)
class Value:
    """One value of a piece: its text (numbers and booleans written out) and where it was written."""

    text: str
    where: Source  # of the value itself (Source.at of its key)


@dataclass(frozen=True)
class Change:
    """A value the profile changed, added or removed, with where the profile says so."""

    piece: str  # the piece's id, 'assessment' or 'course'
    key: str  # the value's key in the piece (customer.says, options[b].text), '' for a whole piece
    before: str | None  # None: the profile added the piece; "": the course had no such value
    after: str | None  # None: the profile removed it
    where: Source  # in the profile, when known; else where the course has the piece


def pieces(course: Course) -> dict[str, dict[str, Value]]:
    """Every piece a profile can change (pages, questions, lessons, the assessment's settings, the course's
    own settings), by id, as {key: value}."""
    out: dict[str, dict[str, Value]] = {"course": dict(_values(course, "", skip=("lessons", "assessment", "assets",
                                                                                  "company", "principles", "lint")))}
    for lesson in course.lessons:
        out[lesson.id] = dict(_values(lesson, "", skip=("pages",)))
        for page in lesson.pages:
            out[page.id] = dict(_values(page, ""))
    if course.assessment:
        out["assessment"] = dict(_values(course.assessment, "", skip=("questions",)))
        for question in course.assessment.questions:
            out[question.id] = dict(_values(question, ""))
    return out


def _values(obj: Any, prefix: str, skip: tuple[str, ...] = ()) -> Iterator[tuple[str, Value]]:
    """(key, value) of every plain value under a model object, nested objects by their id or letter."""
    for f in record.fields(obj):
        if f.name in ("source", "id", "key", *skip):
            continue
        value, key = getattr(obj, f.name), f"{prefix}{f.name}"
        if record.is_record(value):
            yield from _values(value, f"{key}.")
        elif isinstance(value, tuple) and value and record.is_record(value[0]):
            for item in value:
                yield from _values(item, f"{key}[{getattr(item, 'id', None) or getattr(item, 'key', '')}].")
        elif isinstance(value, (str, int, bool)) or value is None or isinstance(value, tuple):
            yield key, Value(_text(value), obj.source.at(f.name))


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, tuple):
        return ", ".join(_pair(v) if isinstance(v, tuple) else str(v) for v in value)
    return "" if value is None else str(value)


def _pair(pair: tuple) -> str:
    """An effect (score, change) as 'trust +2'; a label (score, words) as 'trust: Trust in you'."""
    name, value = pair
    return f"{name} {value:+d}" if isinstance(value, int) else f"{name}: {value}"


def profile_changes(original: Course, customized: Course) -> list[Change]:
    """Every value the profile wrote into the course, next to what the course had there, then the pieces it
    removed; in the order of the profile's file."""
    profile = customized.company.source
    before, after = pieces(original), pieces(customized)
    changes: list[Change] = []
    for piece, values in after.items():
        mine = {k: v for k, v in values.items() if v.where.file == profile}
        if piece not in before and mine:
            first = min(mine.values(), key=lambda v: (v.where.line, v.where.column)).where
            changes.append(Change(piece, "", None, _title(values), first))
            continue
        for key, value in mine.items():
            old = before.get(piece, {}).get(key)
            if old is None or old.text != value.text:
                changes.append(Change(piece, key, old.text if old else "", value.text, value.where))
    for piece, values in before.items():
        if piece not in after:
            first = min(values.values(), key=lambda v: (v.where.line, v.where.column)).where
            changes.append(Change(piece, "", _title(values), None, first))
    return sorted(changes, key=lambda c: (c.after is None, c.where.line, c.where.column, c.piece, c.key))


def _title(values: dict[str, Value]) -> str:
    return values["title"].text if "title" in values else values["text"].text if "text" in values else ""


def change_lines(changes: list[Change]) -> list[str]:
    """The listing ``lint --company`` prints: each change at its place, the course's value beside the profile's."""
    lines = []
    for c in changes:
        where = f"{c.where.file}:{c.where.line}:{c.where.column}"
        if c.before is None:
            lines.append(f"{where}: {c.piece}: added by the profile ({c.after!r})")
        elif c.after is None:
            lines.append(f"{where}: {c.piece}: removed by the profile ({c.before!r})")
        else:
            lines += [f"{where}: {c.piece}.{c.key}: changed by the profile",
                      *_shown("course: ", c.before), *_shown("profile:", c.after)]
    return lines


def _shown(label: str, text: str) -> list[str]:
    first, *rest = text.splitlines() or [""]
    return [f"    {label} {first}".rstrip(), *(f"             {line}".rstrip() for line in rest)]


def drift(changes: list[Change], customized: Course) -> list[Diagnostic]:
    """override-drift warnings: replaced customer words that the piece's unchanged options still quote."""
    by_id = {p.id: p for p in customized.pages}
    found: list[Diagnostic] = []
    for c in changes:
        page = by_id.get(c.piece)
        if c.before is None or c.after is None or page is None:
            continue
        if isinstance(page, ScenarioPage) and c.key == "customer.says":
            quoting = [(f"option {o.key}", o.source, name, getattr(o, name))
                       for o in page.options for name in ("text", "feedback")]
        elif isinstance(page, DialoguePage) and re.fullmatch(r"nodes\[[^\]]+\]\.customer", c.key):
            quoting = [(f"choice {n.id}.{ch.key}", ch.source, name, getattr(ch, name))
                       for n in page.nodes for ch in n.choices for name in ("text", "feedback")]
        else:
            continue
        found += _stale(c, quoting, customized.company.source)
    return found


def _stale(change: Change, quoting: list[tuple[str, Source, str, str]], profile: str) -> Iterator[Diagnostic]:
    replaced = replaced_words(change.before or "", change.after or "")
    for label, source, name, text in quoting:
        if source.at(name).file == profile or not text:
            continue  # the profile rewrote this text too
        said = {w.casefold() for w in WORD.findall(text)}
        for old, new, gone in replaced:
            stale = [w for w in gone if w.casefold() in said]
            if stale:
                at = source.at(name)
                yield source_error(
                    RULE, change.where.file, change.where.line, change.where.column, f"{change.piece}.{change.key}",
                    f"the override {f'changes the customer words {old!r} to {new!r}' if new else f'drops the customer words {old!r}'}, "
                    f"but {label}'s {name} ({at.file}:{at.line}) still says {stale[0]!r}",
                    f"override {label}'s {name} too (the same 'set:'), or keep the customer's words",
                    severity="warning")
                break


def replaced_words(before: str, after: str) -> list[tuple[str, str, list[str]]]:
    """(old words, new words, the words gone) of each stretch of ``before`` that ``after`` replaced or dropped,
    as written; the words gone are those of the stretch that are not common ones and that ``after`` no
    longer has, and a stretch without any is left out."""
    old, new = WORD.findall(before), WORD.findall(after)
    kept = {w.casefold() for w in new}
    out = []
    matcher = difflib.SequenceMatcher(a=[w.casefold() for w in old], b=[w.casefold() for w in new], autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        gone = [w for w in old[i1:i2] if _content(w) and w.casefold() not in kept]
        if tag in ("replace", "delete") and gone:
            out.append((" ".join(old[i1:i2]), " ".join(new[j1:j2]), gone))
    return out


def _content(word: str) -> bool:
    """A word that shows a quote: not a common one, not a contraction (I'm, don't), at least 3 letters or a number."""
    folded = word.casefold()
    return folded not in COMMON and "'" not in folded and "\u2019" not in folded and (len(word) >= 3 or word.isdigit())


def avoided(customized: Course, profile: Path) -> list[Diagnostic]:
    """avoid-word warnings: each word of the profile's ``lint.avoid_words`` in the customized course's text."""
    try:
        tree = load_yaml(Path(profile))
    except LoadError:
        return []  # load_course has reported it
    words = (for_course(tree, customized.id).get("lint") or {}).get("avoid_words")
    if not isinstance(words, Map) or not words:
        return []
    patterns = [(word, str(instead), words.where(word), _word_pattern(word)) for word, instead in words.items()]
    found: list[Diagnostic] = []
    for values in pieces(customized).values():
        for key, value in values.items():
            if re.sub(r"\[[^\]]*\]", "", key).rsplit(".", 1)[-1] not in NOT_TEXT and value.text:
                found += _avoided_in(value, patterns, customized.company.name)
    return sorted(set(found), key=Diagnostic.order)


def _word_pattern(word: str) -> re.Pattern:
    body = r"\s+".join(re.escape(w) for w in word.split())
    return re.compile(rf"(?<!\w){body}(?:s|es)?(?:['\u2019]s?)?(?!\w)", re.IGNORECASE)


def _avoided_in(value: Value, patterns, company: str) -> Iterator[Diagnostic]:
    where, text = value.where, value.text
    for _word, instead, (src, (line, column)), pattern in patterns:
        for match in pattern.finditer(text):
            said = match.group(0)
            at = locate(where.file, where.line, where.column, text, said, skip=text[:match.start()].count(said))
            at_line, at_column = at or (where.line, where.column)
            yield source_error(AVOID_RULE, where.file, at_line, at_column, where.key,
                               f"{said!r} is a word {company} doesn't use (lint.avoid_words at {src}:{line}:{column})",
                               f"write {instead!r} instead, through the profile: a term, or an override of this text",
                               severity="warning")
