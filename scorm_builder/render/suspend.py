"""The player's saved state at its largest (an upper bound on suspend_data), and its SCORM ids.

The player (templates/player/js/state.js, ``encode``; its header comment describes the format)
saves compact JSON keyed by the course's ids, version 2:
``{"v":2,"c":course,"l":page,"vw":"id id ..","sc":{page:[tries,key,h]},"dg":{page:[plays,path,h]},
"cb":{page:[tries,scores,h]},"rp":{page:[replies,checklist,rating,h]},
"a":{"sd":seed,"n":attempt,"ph":phase,"qi":question,"q":[[id,answer,h],..],"sc":[percents],"ps":0|1,"nr":1},
"s":1}`` (docs/player.md, section 6).
The bound below fills every field at its largest at once: every page viewed, the longest page id
as the bookmark, every scenario and dialogue recorded, every coached reply's record (never its text:
render/reply_data.py), the longest dialogue path, a finished attempt
kept for review with the longest answers to the questions whose records are longest (in a draw per
principle, the longest of each principle group), a score for every attempt. Counters that only a learner's patience limits (scenario tries, dialogue replays,
unlimited attempts) are assumed to stay below COUNTER_MAX. Every value is one the player reads
back as it is (a real option key, answers the question accepts), so the bound is a real state.
"""
from __future__ import annotations

import json
from typing import Any

from scorm_builder.course import graph
from scorm_builder.course.record import record
from scorm_builder.render.item_hashes import HASH_LENGTH
from scorm_builder.render.practice_data import add_practice_records, route_targets
from scorm_builder.render.reply_data import RATING_SUFFIX, worst_reply_record

COUNTER_MAX = 999  # tries, replays and attempts assumed below 1000
UNLIMITED_ATTEMPTS = 10  # attempts assumed when the course allows unlimited attempts
SEED_MAX = 2147483646  # the player's seed is 1..2147483646


@record
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
    edges = {n: [t for c in node["choices"] for t in route_targets(c)] for n, node in page["nodes"].items()}
    return graph.longest_path(page["start"], edges)


def _longest_answer(q: dict[str, Any]) -> str:
    """The longest answer the player accepts for a question (quiz.js, validAnswer)."""
    if q["kind"] == "multiple-response":
        return "".join(c["key"] for c in q["choices"])
    if q["kind"] == "matching":
        return "".join(p["key"] for p in q["pairs"])
    if q["kind"] == "ordering":
        return "".join(i["key"] for i in q["items"])
    if q["kind"] == "true-false":
        return "t"
    return q["choices"][0]["key"]


def _item_hash(item: dict[str, Any]) -> str:
    """The item's content hash; one of its length for data from before the hashes."""
    return item.get("h", "0" * HASH_LENGTH)


def _page_records(pages: list[dict[str, Any]], state: dict[str, Any]) -> list[str]:
    """Every scenario and dialogue at its largest in ``state``; the ids of dialogues with a loop."""
    loops = []
    for page in pages:
        if page["kind"] == "scenario":
            keys = [o["key"] for o in page["options"]] or ["a"]
            state["sc"][page["id"]] = [COUNTER_MAX if page.get("retry") else 1, keys[-1], _item_hash(page)]
        elif page["kind"] == "dialogue":
            length, cyclic = dialogue_path(page)
            state["dg"][page["id"]] = [COUNTER_MAX, "z" * length, _item_hash(page)] if length else [COUNTER_MAX]
            if cyclic:
                loops.append(page["id"])
        elif page["kind"] == "calibration":  # [tries, a digit per criterion, h] (state.js "cb")
            state.setdefault("cb", {})[page["id"]] = [COUNTER_MAX if page.get("retry") else 1,
                                                      "".join(str(e["score"]) for e in page["expert"]),
                                                      _item_hash(page)]
        if page.get("reply"):  # a reply page, or a scenario's reply: never the text (reply_data.py)
            state.setdefault("rp", {})[page["id"]] = worst_reply_record(page)
    return loops


def _attempt(a: dict[str, Any]) -> dict[str, Any]:
    """An attempt at its largest: finished, its answers kept for review, with the longest question
    records drawn; nr stays from an earlier attempt whose answers were dropped."""
    attempts = a["attempts"] or UNLIMITED_ATTEMPTS
    groups: dict[str, list[list[Any]]] = {}  # a draw per principle takes per_principle of each group
    for q in a["questions"]:
        group = (q.get("principle") or {}).get("id", "") if a.get("per_principle") else ""
        groups.setdefault(group, []).append([q["id"], _longest_answer(q), _item_hash(q)])
    take = a.get("per_principle") or a.get("draw")
    records = []
    for group in groups.values():
        group.sort(key=lambda record: len(_dump(record)), reverse=True)
        records += group[:take] if take else group
    return {"sd": SEED_MAX, "n": attempts, "ph": "r", "qi": max(len(records) - 1, 0), "q": records,
            "sc": [100] * attempts, "ps": 1, "nr": 1}


def worst_case(data: dict[str, Any]) -> Estimate:
    """The largest suspend_data the player can write for this course (see the module docstring)."""
    pages = _pages(data)
    a = data.get("assessment")
    ids = [page["id"] for page in pages]
    state: dict[str, Any] = {"v": 2, "c": data["course"].get("id", ""),
                             "l": max(ids + (["*"] if a else []), key=len, default=""),
                             "vw": " ".join(ids), "sc": {}, "dg": {}}
    loops = _page_records(pages, state)
    add_practice_records(data, pages, state)  # pr, rv, cf (render/practice_data.py)
    if a:
        state["a"] = _attempt(a)
    state["s"] = 1  # the learner pressed Start
    groups = {"pages": ("v", "c", "l", "vw", "s"), "scenarios": ("sc",), "dialogues": ("dg",),
              "replies": ("rp",), "assessment": ("a",), "calibrations": ("cb",), "practice": ("pr", "rv", "cf")}
    # each part as it appears in the whole ('"sc":{...}'); they add up to the length minus braces and commas
    parts = {name: len(_dump({k: state[k] for k in keys if k in state})) - 2 for name, keys in groups.items()
             if (name != "replies" or "rp" in state) and (name != "calibrations" or "cb" in state)
             and (name != "practice" or any(k in state for k in keys))}
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
        if page["kind"] in ("scenario", "calibration") and page.get("scored"):
            out.append(("interaction", page["interaction_id"] + (suffix if page.get("retry") else "")))
        elif page["kind"] == "dialogue" and page.get("scored"):
            for name, node in page["nodes"].items():
                if node.get("choices"):
                    out.append(("interaction", f"{page['interaction_prefix']}_{name}{suffix}"))
            for score in page.get("scores", []):
                out.append(("objective", f"obj_{page['id']}_{score['id']}"))
        if page["kind"] == "confidence":  # rated once: no suffix
            out += [("interaction", p["interaction_id"]) for p in page["principles"]]
        if page.get("reply") and page.get("scored"):
            out += [("interaction", page["reply"]["interaction_id"] + end + (suffix if page.get("retry") else ""))
                    for end in ("", RATING_SUFFIX)]
    a = data.get("assessment")
    if a:
        attempts = a["attempts"] or UNLIMITED_ATTEMPTS
        for q in a["questions"]:
            out.append(("interaction", q["interaction_id"] + (f"_a{attempts}" if attempts >= 2 else "")))
    return out


def over_budget(data: dict[str, Any], budget: int) -> str:
    """"" when the largest saved state fits ``budget`` characters of suspend_data; otherwise what it
    reaches and where from, for the build's refusal (lms.Profile.for_package)."""
    estimate = worst_case(data)
    if estimate.length <= budget:
        return ""
    return (f"the saved state can reach {estimate.length:,} characters ({estimate.describe()}), above the "
            f"{budget:,} characters")
