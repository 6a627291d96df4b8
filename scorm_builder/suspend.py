"""The worst-case suspend_data length of the player's saved state, and its interaction ids."""
from __future__ import annotations

from typing import Any


def interaction_ids(data: dict[str, Any]) -> list[str]:
    ids = []
    for lesson in data.get("lessons", []):
        for page in lesson.get("pages", []):
            if page.get("kind") == "scenario" and page.get("scored"):
                ids.append(page["interaction_id"])
            elif page.get("kind") == "dialogue" and page.get("scored"):
                ids.extend(f"{page['interaction_prefix']}_{n}" for n in page["nodes"] if page["nodes"][n]["choices"])
    for q in (data.get("assessment") or {}).get("questions", []):
        ids.append(q["interaction_id"])
    return ids


def worst_case_length(data: dict[str, Any]) -> tuple[int, str]:
    return 0, "TODO"
