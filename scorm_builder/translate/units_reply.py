"""The translation units of a coached reply (``reply:`` on a scenario or a reply page): the model answer,
each check's label and hint, and what meets it, its words or its pattern, which a language words its own way."""
from __future__ import annotations

from typing import Callable, Iterator

from scorm_builder.source.tree import Map, Seq


def reply_units(reply: Map, pid: str, setting: str, _text: Callable[..., Iterator],
                letter: Callable[[int], str]) -> Iterator:
    """The units of a ``reply:`` mapping of the page ``pid``; ``setting``: the page, for the notes; ``_text``
    and ``letter``: units.py's (a unit of a text, and a, b, c... for the checks)."""
    yield from _text(reply, "model", f"{pid}.reply.model", (
        setting, "The model answer, shown after the learner sends their own reply (speaker: the agent). The "
        "coaching holds it to the course's lint phrases: write it without stock phrases."))
    for i, check in enumerate(c for c in reply.get("checks") or () if isinstance(c, Map)):
        key, label = f"{pid}.reply.checks.{letter(i)}", check.get("label")
        yield from _text(check, "label", f"{key}.label", (
            setting, "A line of the checklist that ticks while the learner writes their reply."), 120)
        yield from _text(check, "hint", f"{key}.hint", (
            setting, f"Shown beside the checklist line {label!r} while the reply does not meet it."), 200)
        words = check.get("any")
        for k in range(len(words) if isinstance(words, Seq) else 0):
            yield from _text(words, k, f"{key}.any.{k + 1}", (
                setting, f"A word that meets the checklist line {label!r} when the learner's reply uses it, "
                "matched as a whole word ignoring case; end it with * to match any ending (worr* matches "
                "worried and worrying): give the forms your language uses, e.g. preocup*."), 80)
        yield from _text(check, "pattern", f"{key}.pattern", (
            setting, f"A regular expression (ignoring case) that meets the checklist line {label!r}: keep its "
            "syntax, translate the words in it; \\b marks a word's edge."), 300)
