"""The rules of the assessment: question ids, right answers, repeated texts, and the draw against the pool."""
from __future__ import annotations

from collections import Counter

from scorm_builder.course.ids import Ids
from scorm_builder.course.model import MAX_CHOICES
from scorm_builder.errors import Collector, count
from scorm_builder.format.profile import PROFILE
from scorm_builder.source.loader import Map


def check_assessment(a: Map, path: str, ids: Ids, found: Collector, profile: str | None = None) -> None:
    """``profile``: the file of the company profile applied, whose author gets a fix they can make."""
    for i, q in enumerate(a.get("questions") or []):
        if isinstance(q, dict) and q.get("id"):
            ids.claim(q["id"], q, f"{path}.questions[{i}]")
            _question(q, f"{path}.questions[{i}]", found)
    pool = a.get("questions")
    if isinstance(a.get("draw"), Map) and isinstance(pool, list):
        _per_principle(a["draw"], [q for q in pool if isinstance(q, dict)], f"{path}.draw", found, profile)
    elif isinstance(a.get("draw"), int) and isinstance(pool, list) and a["draw"] > len(pool):
        more = count(a["draw"] - len(pool), "question")
        fix = f"add {more} or lower 'draw'"
        if profile is not None:  # the course is not the profile author's to change
            fix = f"add {more} under 'add_questions:' in {profile}, or remove fewer" + (
                f", or set 'draw: {len(pool)}' there" if "draw" in PROFILE.fields else "")
        found.error(a.where("draw"), f"{path}.draw",
                    f"the pool is smaller than the draw (expected at most {len(pool)}, the number of questions, "
                    f"got {a['draw']})", fix, rule="draw-exceeds-pool")


def _per_principle(draw: Map, pool: list[Map], path: str, found: Collector, profile: str | None) -> None:
    """A draw per principle: each principle the questions name (and the group of those with none) has
    at least that many questions."""
    n = draw.get("per_principle")
    if not isinstance(n, int):
        return
    groups: dict[str, int] = {}
    for q in pool:
        principle = q.get("principle")
        key = principle if isinstance(principle, str) else ""
        groups[key] = groups.get(key, 0) + 1
    for principle, have in groups.items():
        if have >= n:
            continue
        who, more = f"principle '{principle}'" if principle else "no principle", count(n - have, "question")
        with_it = f"with 'principle: {principle}'" if principle else "with no principle"
        fix = (f"add {more} {with_it} under 'add_questions:' in {profile}, or remove fewer" if profile is not None
               else f"add {more} {with_it}" + ("" if principle else ", or give each question a 'principle:'")
               + ", or lower 'per_principle'")
        found.error(draw.where("per_principle"), f"{path}.per_principle",
                    f"too few questions with {who} for a draw of {n} per principle (expected at least {n}, "
                    f"got {have})", fix, rule="draw-exceeds-pool")


def _question(q: Map, path: str, found: Collector) -> None:
    kind = q.get("type")
    if kind in ("single-choice", "multiple-response"):
        _choices(q, kind, path, found)
    elif kind == "matching":
        pairs = [p for p in (q.get("pairs") or []) if isinstance(p, dict)]
        for side in ("left", "right"):
            repeated = _repeated(p.get(side) for p in pairs)
            if repeated:
                found.error(q.where("pairs"), f"{path}.pairs",
                            f"the {side} side repeats {repeated!r} (expected each {side} item once)",
                            "make every pair's text different", rule="matching-repeated-text")
    elif kind == "ordering":
        repeated = _repeated(i for i in (q.get("items") or []) if isinstance(i, str))
        if repeated:
            found.error(q.where("items"), f"{path}.items",
                        f"the item {repeated!r} appears twice (expected each item once)",
                        "make every item's text different", rule="ordering-repeated-item")


def _choices(q: Map, kind: str, path: str, found: Collector) -> None:
    choices = [c for c in (q.get("choices") or []) if isinstance(c, dict)]
    right = sum(1 for c in choices if c.get("correct"))
    if len(choices) > MAX_CHOICES:
        found.error(q.where("choices"), f"{path}.choices",
                    f"too many choices (expected at most {MAX_CHOICES}, got {len(choices)})",
                    "remove some choices", rule="too-many-choices")
    if choices and right == 0:
        found.error(q.where("choices"), f"{path}.choices", "no choice is marked correct (expected "
                    + ("exactly one" if kind == "single-choice" else "at least one") + ")",
                    "add 'correct: true' to the right answer", rule="no-correct-choice")
    elif kind == "single-choice" and right > 1:
        found.error(q.where("choices"), f"{path}.choices",
                    f"a single-choice question has {right} correct choices (expected exactly one)",
                    "keep one 'correct: true', or change the type to multiple-response",
                    rule="several-correct-choices")


def _repeated(texts) -> str | None:
    """The first, in sorted order, of the texts given more than once (empty ones left out)."""
    counts = Counter(t for t in texts if t)
    return min((t for t, n in counts.items() if n > 1), default=None)
