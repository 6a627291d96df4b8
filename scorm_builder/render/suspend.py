"""The player's saved state at its largest (an upper bound on suspend_data), and its SCORM ids.

The player (templates/player/player.js, ``fresh``/``encode``) saves compact JSON:
``{"v":1,"f":fingerprint,"l":page,"vw":"0101..","sc":{page:[tries,key]},"dg":{page:[plays,path]},
"a":{"sd":seed,"n":attempt,"ph":phase,"qi":question,"an":[answers],"sc":[percents],"ps":0|1},"s":1}``
(docs/player.md, section 6).
The bound below fills every field at its largest at once: every page viewed, every scenario and
dialogue recorded, the longest dialogue path, an attempt in progress at its last question with
the longest answers, a score for every attempt. Counters that only a learner's patience limits
(scenario tries, dialogue replays, unlimited attempts) are assumed to stay below COUNTER_MAX.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from scorm_builder.course import graph

COUNTER_MAX = 999  # tries, replays and attempts assumed below 1000
UNLIMITED_ATTEMPTS = 10  # attempts assumed when the course allows unlimited attempts
SEED_MAX = 2147483646  # the player's seed is 1..2147483646


@dataclass(frozen=True)
class Estimate:
    """The largest saved state, its length, and the parts it comes from."""

    length: int
    parts: dict[str, int]
    text: str  # the largest state itself, as the player would write it
    loops: tuple[str, ...]  # dialogues whose path can grow with each lap of a loop

    def describe(self) -> str:
        return ", ".join(f"{name} {size}" for name, size in self.parts.items())


def _dump(value: Any) -> str:
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False)


def _pages(data: dict[str, Any]) -> list[dict[str, Any]]:
    return [p for lesson in data.get("lessons", []) for p in lesson.get("pages", [])]


def dialogue_path(page: dict[str, Any]) -> tuple[int, bool]:
    """Choices on a dialogue page's longest path from the start to an ending, and whether a loop
    can repeat (course/graph.py's ``longest_path`` on the page's nodes)."""
    edges = {n: [c["next"] for c in node["choices"]] for n, node in page["nodes"].items()}
    return graph.longest_path(page["start"], edges)


def _answer_length(q: dict[str, Any]) -> int:
    if q["kind"] == "multiple-response":
        return len(q["choices"])
    if q["kind"] == "matching":
        return len(q["pairs"])
    if q["kind"] == "ordering":
        return len(q["items"])
    return 1  # single-choice: one letter; true-false: "t" or "f"


def worst_case(data: dict[str, Any]) -> Estimate:
    """The largest suspend_data the player can write for this course (see the module docstring)."""
    pages = _pages(data)
    a = data.get("assessment")
    count = len(pages) + (1 if a else 0)
    state: dict[str, Any] = {"v": 1, "f": data["course"].get("fingerprint", ""), "l": max(count - 1, 0),
                             "vw": "1" * len(pages), "sc": {}, "dg": {}, "a": None}
    loops = []
    for k, page in enumerate(pages):
        if page["kind"] == "scenario":
            state["sc"][str(k)] = [COUNTER_MAX if page.get("retry") else 1, "z"]
        elif page["kind"] == "dialogue":
            length, cyclic = dialogue_path(page)
            state["dg"][str(k)] = [COUNTER_MAX, "z" * length]
            if cyclic:
                loops.append(page["id"])
    if a:
        attempts = a["attempts"] or UNLIMITED_ATTEMPTS
        drawn = sorted((_answer_length(q) for q in a["questions"]), reverse=True)
        if a.get("draw"):
            drawn = drawn[:a["draw"]]
        state["a"] = {"sd": SEED_MAX, "n": attempts, "ph": "q", "qi": max(len(drawn) - 1, 0),
                      "an": ["z" * n for n in drawn], "sc": [100] * attempts, "ps": 1, "nr": 1}
    state["s"] = 1  # the learner pressed Start
    groups = {"pages": ("v", "f", "l", "vw", "s"), "scenarios": ("sc",), "dialogues": ("dg",),
              "assessment": ("a",)}
    # each part as it appears in the whole ('"sc":{...}'); they add up to the length minus braces and commas
    parts = {name: len(_dump({k: state[k] for k in keys})) - 2 for name, keys in groups.items()}
    text = _dump(state)
    return Estimate(len(text), parts, text, tuple(loops))


def interaction_ids(data: dict[str, Any]) -> list[tuple[str, str]]:
    """(kind, longest form) of every id the player sends: interactions and dialogue objectives.

    The player appends ``_a<n>`` from the second try, replay or attempt on; the longest form
    carries the largest suffix the bound above allows.
    """
    out = []
    suffix = f"_a{COUNTER_MAX}"
    for page in _pages(data):
        if page["kind"] == "scenario" and page.get("scored"):
            out.append(("interaction", page["interaction_id"] + (suffix if page.get("retry") else "")))
        elif page["kind"] == "dialogue" and page.get("scored"):
            for name, node in page["nodes"].items():
                if node.get("choices"):
                    out.append(("interaction", f"{page['interaction_prefix']}_{name}{suffix}"))
            for score in page.get("scores", []):
                out.append(("objective", f"obj_{page['id']}_{score['id']}"))
    a = data.get("assessment")
    if a:
        attempts = a["attempts"] or UNLIMITED_ATTEMPTS
        for q in a["questions"]:
            out.append(("interaction", q["interaction_id"] + (f"_a{attempts}" if attempts >= 2 else "")))
    return out
