"""The content hash of every item a learner's saved state refers to (scenario, dialogue, question).

The player keeps an answer only while its item's hash is the one it was given under, so a
republished course never reads an old answer against changed options (templates/player/js/state.js,
"h"). Each hash covers what gives a saved key its meaning: the scenario's prompt and options in
order with their verdicts; a dialogue's start and nodes with their lines, choices (text, next node,
effects) and ending outcomes; a question's kind, text and choices, answer, pairs or items in order.
Feedback, titles and debriefs are left out: rewording them keeps the learner's answers.
"""
from __future__ import annotations

import hashlib
import json
from typing import Any

HASH_LENGTH = 5  # hex digits: about one chance in a million that a changed item keeps its hash


def content_hash(content: Any) -> str:
    """A short hash of JSON-ready content, the same for the same content on every machine."""
    text = json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:HASH_LENGTH]


def scenario_content(page: dict[str, Any]) -> list[Any]:
    return ["scenario", page["prompt"], [[o["key"], o["text"], o["verdict"]] for o in page["options"]]]


def dialogue_content(page: dict[str, Any]) -> list[Any]:
    nodes = [[name, node["customer"], [[c["key"], c["text"], c["next"], c["effects"]] for c in node["choices"]],
              node["ending"]["outcome"] if node["ending"] else None]
             for name, node in sorted(page["nodes"].items())]
    return ["dialogue", page["start"], nodes]


def question_content(question: dict[str, Any]) -> list[Any]:
    parts: list[Any] = ["question", question["kind"], question["text_html"]]
    if "choices" in question:
        parts.append([[c["key"], c["text"], c["correct"]] for c in question["choices"]])
    if "answer" in question:
        parts.append(question["answer"])
    if "pairs" in question:
        parts.append([[p["key"], p["left"], p["right"]] for p in question["pairs"]])
    if "items" in question:
        parts.append([[i["key"], i["text"]] for i in question["items"]])
    return parts


def add_item_hashes(data: dict[str, Any]) -> None:
    """Give each scenario and dialogue page and each question of the player's data its "h"."""
    for lesson in data["lessons"]:
        for page in lesson["pages"]:
            if page["kind"] == "scenario":
                page["h"] = content_hash(scenario_content(page))
            elif page["kind"] == "dialogue":
                page["h"] = content_hash(dialogue_content(page))
    for question in (data["assessment"] or {}).get("questions", []):
        question["h"] = content_hash(question_content(question))
