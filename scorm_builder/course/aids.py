"""The course's learner aids in the model: its resources (each file checked like a file text links to, so it is
packaged at the path written and listed in the manifest), its glossary (each term once) and its certificate.

The format is format/learner_aids.py's; render/player_data.py gives the player what it shows.
"""
from __future__ import annotations

import re
from pathlib import Path

from scorm_builder.course.assets import course_file
from scorm_builder.course.from_tree import source_of
from scorm_builder.course.model import Asset, Source
from scorm_builder.errors import Collector
from scorm_builder.source.loader import Map

from .record import record


@record
class Resource:
    title: str
    href: str  # the file's path in the package, as written (an Asset's href)
    description: str
    source: Source

    @property
    def key(self) -> str:
        """What names the resource in lint --company's list of what a profile changed."""
        return self.href


@record
class Term:
    term: str
    definition: str
    also: tuple[str, ...]  # other forms marked as the same term
    source: Source

    @property
    def forms(self) -> tuple[str, ...]:
        return (self.term, *self.also)

    @property
    def key(self) -> str:
        return self.term


@record
class Certificate:
    title: str
    issuer: str
    show_score: bool
    source: Source


@record
class Aids:
    resources: tuple[Resource, ...] = ()
    glossary: tuple[Term, ...] = ()
    certificate: Certificate | None = None
    source: Source | None = None  # the course's


def course_aids(clean: Map, root: Path, found: Collector) -> tuple[Aids | None, list[Asset]]:
    """The aids of a checked course tree (None when it has none) and the files its resources name; each
    problem is reported at its key."""
    resources, files = [], []
    for i, item in enumerate(_maps(clean.get("resources"))):
        path = f"resources[{i}]"
        if not isinstance(item.get("file"), str) or not isinstance(item.get("title"), str):
            continue

        def error(rule: str, reason: str, fix: str, item: Map = item, path: str = path) -> None:
            found.error(item.where("file"), f"{path}.file", reason, fix, rule=rule)

        # a company profile's file comes checked (source/profile_resources.py ProfileFile)
        asset = getattr(item["file"], "asset", None) or course_file(item["file"], root, error, link=True,
                                                                     what="resource file")
        if asset is not None:
            files.append(asset)
            resources.append(Resource(item["title"], asset.href, item.get("description", ""), source_of(item, path)))
    glossary = _glossary(clean, found)
    cert = clean.get("certificate")
    certificate = (Certificate(cert.get("title", ""), cert.get("issuer", ""), cert["show_score"], source_of(cert, "certificate"))
                   if isinstance(cert, Map) else None)
    if not (resources or glossary or certificate):
        return None, files
    return Aids(tuple(resources), glossary, certificate, source_of(clean, "")), files


def _glossary(clean: Map, found: Collector) -> tuple[Term, ...]:
    """The glossary's terms; a form (a term or one of its 'also:') written twice is reported at the second."""
    seen: dict[str, str] = {}
    terms = []
    for i, item in enumerate(_maps(clean.get("glossary"))):
        path = f"glossary[{i}]"
        if not isinstance(item.get("term"), str) or not isinstance(item.get("definition"), str):
            continue
        also = tuple(a for a in (item.get("also") or ()) if isinstance(a, str))
        for k, form in enumerate((item["term"], *also)):
            key = normal(form)
            where, at = (item.where("term"), f"{path}.term") if k == 0 else (item["also"].where(k - 1),
                                                                              f"{path}.also[{k - 1}]")
            if key in seen:
                found.error(where, at, f"the glossary has '{form}' twice (also under '{seen[key]}')",
                            "keep one entry for the term, and put its other forms under 'also:'",
                            rule="duplicate-glossary-term")
            seen.setdefault(key, item["term"])
        terms.append(Term(item["term"], item["definition"], also, source_of(item, path)))
    return tuple(terms)


def normal(form: str) -> str:
    """A term as it is matched: lower case, runs of spaces as one (glossary.js matchTerms does the same)."""
    return re.sub(r"\s+", " ", form.strip().lower())


def _maps(value) -> list[Map]:
    return [v for v in value if isinstance(v, Map)] if isinstance(value, list) else []
