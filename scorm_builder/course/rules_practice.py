"""The rules of practice that counts and the way back: the completion rule as a mapping, weights, review links
and remediation pages, a choice's routes (``when:``), and the confidence pages."""
from __future__ import annotations

from scorm_builder.course.practice import OPERATORS_TEXT, condition
from scorm_builder.errors import Collector
from scorm_builder.format.spec import did_you_mean
from scorm_builder.source.loader import Map, Seq


def check_practice(clean: Map, principles: set[str], found: Collector) -> None:
    """Every rule of this module over the checked tree (skipping what the format already reported)."""
    pages = list(_pages(clean))
    ids = {pid for pid, _, _ in pages}
    linked: set[str] = set()
    moments: dict[str, tuple[int, str]] = {}
    for order, (_, page, path) in enumerate(pages):
        for where, key, target in _reviews(page, path):
            linked.add(target)
            if target not in ids:
                found.error(where, key, f"no page has id '{target}'", did_you_mean(target, ids)
                            or "name the id of a page of the course (usually a text page with 'remediation: true')",
                            rule="unknown-review-page")
        if page.get("weight") and page.get("scored") is False:
            found.error(page.where("weight"), f"{path}.weight", "a page with 'scored: false' can't count toward the "
                        "score", "remove 'weight:', or 'scored: false'", rule="weight-unscored")
        if page.get("weight") and clean.get("lms_mastery_score") is True:
            found.error(page.where("weight"), f"{path}.weight", "practice that counts changes the score the LMS "
                        "would compare with the mastery score, so it could mark a passed learner failed",
                        "remove 'weight:', or 'lms_mastery_score: true'", rule="weight-with-mastery-score")
        if page.get("type") == "confidence":
            _confidence(page, path, order, principles, moments, found)
    for pid, page, path in pages:
        if page.get("remediation") is True and pid not in linked:
            found.error(page.where("remediation"), f"{path}.remediation", f"no 'review:' names the remediation page "
                        f"'{pid}', so no learner would ever see it", "add 'review: " + pid + "' to the poor option "
                        "or ending it helps with, or remove 'remediation: true'", rule="remediation-unlinked")
    if pages and pages[-1][1].get("remediation") is True and "assessment" not in clean:
        found.error(pages[-1][1].where("remediation"), f"{pages[-1][2]}.remediation", "the course ends on a "
                    "remediation page, so a learner it is hidden from would find no last page to finish on",
                    "move the remediation page before the course's last page", rule="remediation-last")
    _completion(clean, pages, found)


def _pages(clean: Map):
    """(page id, page, key path) of every page that has a type, in order."""
    for i, lesson in enumerate(clean.get("lessons") or []):
        for j, page in enumerate(lesson.get("pages") or [] if isinstance(lesson, dict) else []):
            if isinstance(page, dict) and page.get("type"):
                yield page.get("id") or f"{lesson.get('id')}-{j + 1}", page, f"lessons[{i}].pages[{j}]"


def _reviews(page: Map, path: str):
    """(where, key path, page id) of each 'review:' of a scenario's options and a dialogue's endings."""
    holders = []
    if page.get("type") == "scenario":
        holders = [(o, f"{path}.options[{k}]") for k, o in enumerate(page.get("options") or [])]
    elif page.get("type") == "dialogue":
        holders = [(n.get("ending"), f"{path}.nodes[{k}].ending") for k, n in enumerate(page.get("nodes") or [])
                   if isinstance(n, dict)]
    for holder, key in holders:
        if isinstance(holder, dict) and isinstance(holder.get("review"), str):
            yield holder.where("review"), f"{key}.review", holder["review"]


def _completion(clean: Map, pages: list, found: Collector) -> None:
    rule = clean.get("completion")
    if not isinstance(rule, Map):
        return
    if not any(rule.get(k) for k in ("lessons", "practice", "assessment")):
        found.error(clean.where("completion"), "completion", "the completion rule names nothing to do (expected "
                    "lessons, practice or assessment)", "write e.g. {lessons: all, practice: answered}",
                    rule="completion-empty")
    if rule.get("assessment") and "assessment" not in clean:
        found.error(rule.where("assessment"), "completion.assessment", "completion 'assessment: passed' needs an "
                    "assessment, but the course has none", "add an 'assessment:' section, or remove 'assessment:' "
                    "from the rule", rule="completion-needs-assessment")
    if rule.get("practice") and not any(p.get("type") in ("scenario", "dialogue") for _, p, _ in pages):
        found.error(rule.where("practice"), "completion.practice", "completion 'practice: answered' needs a "
                    "scenario or a dialogue, but the course has none", "add one, or remove 'practice:' from the rule",
                    rule="completion-needs-practice")


def check_routes(choice: Map, scores: set[str] | None, path: str, found: Collector) -> None:
    """A routed 'next': each route but the last has 'when:', the last has none; each condition names a score of
    the dialogue and reads as an operator and a whole number."""
    routes = [r for r in choice.get("next") if isinstance(r, dict)]
    for k, route in enumerate(routes):
        rpath, when, last = f"{path}.next[{k}]", route.get("when"), k == len(routes) - 1
        if last and when is not None:
            found.error(route.where("when"), f"{rpath}.when", "the last route has 'when:' (expected none: the "
                        "last route is taken when no other holds)", "add a last route without 'when:', e.g. "
                        "{next: <node id>}", rule="dialogue-route-otherwise")
        elif not last and when is None:
            found.error(route.where(None), rpath, f"route {k + 1} has no 'when:', so the routes after it are never "
                        "taken", "give it 'when:', or make it the last route", rule="dialogue-route-otherwise")
        for name, text in (when or {}).items() if isinstance(when, Map) else ():
            if scores is not None and name not in scores:
                found.error((when.where(name)[0], when.key_pos.get(name, when.pos)), f"{rpath}.when.{name}",
                            f"unknown score '{name}' (expected one of: {', '.join(sorted(scores))})",
                            did_you_mean(name, scores) or "add it to the dialogue's 'scores:' list",
                            rule="dialogue-unknown-score")
            elif isinstance(text, str) and condition(text) is None:
                found.error(when.where(name), f"{rpath}.when.{name}", f"'{text}' is no comparison (expected "
                            f"{OPERATORS_TEXT} and a whole number)", f"write e.g. {name}: \">= 3\"",
                            rule="dialogue-route-condition")


def route_targets(value) -> list[tuple[object, str]]:
    """(where, node id) of each route of a routed 'next'."""
    if not isinstance(value, Seq):
        return []
    return [(r.where("next"), r["next"]) for r in value if isinstance(r, dict) and isinstance(r.get("next"), str)]


def _confidence(page: Map, path: str, order: int, principles: set[str], moments: dict, found: Collector) -> None:
    moment = page.get("moment")
    if isinstance(moment, str):
        if moment in moments:
            found.error(page.where("moment"), f"{path}.moment", f"a second confidence page with 'moment: {moment}' "
                        f"(the first is '{moments[moment][1]}')", "keep one 'before' and one 'after' page",
                        rule="confidence-moment-twice")
        elif moment == "before" and "after" in moments:
            found.error(page.where("moment"), f"{path}.moment", f"the 'before' confidence page comes after the "
                        f"'after' page '{moments['after'][1]}'", "put the 'before' page first",
                        rule="confidence-order")
        moments.setdefault(moment, (order, page.get("id")))
    for k, name in enumerate(page.get("principles") or []):
        if isinstance(name, str) and name not in principles:
            declared = f"expected one of: {', '.join(sorted(principles))}" if principles else \
                "the course declares no principles"
            found.error(page["principles"].where(k), f"{path}.principles[{k}]",
                        f"unknown principle '{name}' ({declared})",
                        did_you_mean(name, principles) or "add it under 'principles:' or rate one that is declared",
                        rule="unknown-principle")
