"""A company profile's glossary (``glossary:`` in courses/companies/<id>.yaml): its terms replace the course's of
the same term (any case, runs of spaces as one, as the player matches them) and the others are added after the
course's own, each keeping its own file and line, so the course format checks it where the profile wrote it."""
from __future__ import annotations

from scorm_builder.source.loader import Map, Seq


def merge_glossary(course: Map, profile: Map) -> None:
    """Put the profile's glossary terms into the course tree, in place."""
    extra = profile.get("glossary")
    if not isinstance(extra, Seq) or not extra:
        return
    own = course.get("glossary")
    own = own if isinstance(own, Seq) else None
    items = list(own) if own is not None else []
    places = [own.where(i) for i in range(len(items))] if own is not None else []
    for i, term in enumerate(extra):
        at = next((k for k, old in enumerate(items) if _key(old) == _key(term)), None)
        if at is None:
            items.append(term)
            places.append(extra.where(i))
        else:
            items[at], places[at] = term, extra.where(i)
    src, pos = (own.src, own.pos) if own is not None else profile.where("glossary")
    course["glossary"] = Seq(items, src, pos, [p for _, p in places], [s for s, _ in places])
    if own is None:  # the course had none: the key is where the profile wrote it
        course.key_pos["glossary"] = profile.key_pos.get("glossary", profile.pos)
        course.val_pos["glossary"] = pos
        course.val_src = {**getattr(course, "val_src", {}), "glossary": src}


def _key(term) -> str | None:
    return " ".join(term["term"].lower().split()) if isinstance(term, Map) and isinstance(term.get("term"), str) else None
