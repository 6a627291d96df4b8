"""The course's learner aids as the player's data: its resources (view-resources.js), glossary (glossary.js) and
certificate (view-certificate.js). A course without one has no key for it, so its data is as it was."""
from __future__ import annotations

from typing import Any

from scorm_builder.course.aids import Aids


def aids_data(aids: Aids | None) -> dict[str, Any]:
    """The keys the course's aids add to the player data: "resources", "glossary", "certificate"."""
    if aids is None:
        return {}
    out: dict[str, Any] = {}
    if aids.resources:
        out["resources"] = [{"title": r.title, "href": r.href, "description": r.description} for r in aids.resources]
    if aids.glossary:
        out["glossary"] = [{"term": t.term, "forms": list(t.forms), "definition": t.definition} for t in aids.glossary]
    if aids.certificate:
        c = aids.certificate
        out["certificate"] = {"title": c.title, "issuer": c.issuer, "show_score": c.show_score}
    return out
