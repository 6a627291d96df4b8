"""The course format's coached reply: the learner writes their own reply, checked live (``reply:``).

format/course.py puts it on a ``type: reply`` page and, as ``reply:``, on a scenario; the player's
coaching (templates/player/js/reply-coach.js) runs the checks written here as the learner types.
"""
from __future__ import annotations

import re

from scorm_builder.format.spec import Bool, F, Int, ListOf, Obj, Str
from scorm_builder.source.loader import Map

# What a pattern may use: what Python's re and the browser's RegExp (flags "iu") read the same way.
# Any "(?" group other than these, and \A \Z \z \G, read differently or not at all in one of them.
_GROUPS = re.compile(r"\(\?(?!:|=|!|<=|<!)")
_ANCHORS = re.compile(r"\\[AZzG]")


def _pattern_problem(pattern: str) -> str:
    """Why a check's pattern can't be used ("" when it can)."""
    try:
        re.compile(pattern)
    except re.error as err:
        return f"is not a regular expression ({err})"
    if _GROUPS.search(pattern.replace("\\\\", "")) or _ANCHORS.search(pattern.replace("\\\\", "")):
        return "uses a group or anchor that browsers read differently (expected plain groups (...), (?:...), " \
               "look-arounds, ^ and $)"
    return ""


def _one_test(check: Map, key: str, ctx) -> None:
    """A check tests words ('any') or a pattern, one of them; 'at_least' no more than the words."""
    words, pattern = check.get("any"), check.get("pattern")
    if "any" in check and "pattern" in check:
        ctx.error(check.where("pattern"), f"{key}.pattern", "a check has both 'any' and 'pattern' (expected one)",
                  "split it into two checks, one with the words and one with the pattern", rule="reply-check-test")
    elif "any" not in check and "pattern" not in check:
        ctx.error(check.where(), key, "a check has no test (expected 'any:' words or a 'pattern:')",
                  "add 'any: [word, ...]' (met by any of them) or 'pattern:' (a regular expression)",
                  rule="reply-check-test")
    if isinstance(pattern, str) and (problem := _pattern_problem(pattern)):
        ctx.error(check.where("pattern"), f"{key}.pattern", f"the pattern '{pattern}' {problem}",
                  "write a regular expression such as '\\b(by|within|before) [0-9]+'", rule="reply-pattern")
    need = check.get("at_least", 1)
    if words is not None and isinstance(need, int) and need > len(words):
        ctx.error(check.where("at_least"), f"{key}.at_least",
                  f"at_least is {need} but the check has {len(words)} word{'s' if len(words) != 1 else ''} "
                  "(expected at most as many as 'any' lists)",
                  f"add words to 'any', or lower at_least to {len(words)}", rule="reply-check-test")


CHECK = Obj("check", {
    "label": F(Str("What the learner's checklist says, e.g. 'Names the blocked card'", max_len=120), True),
    "any": F(ListOf(Str("A word or phrase, matched as whole words ignoring case and punctuation; end it with * "
                        "for any ending (worr* matches worried and worrying)", max_len=80),
                    "Met when the reply uses 'at_least' of these words", min_items=1, item_name="word")),
    "at_least": F(Int("How many of the 'any' words the reply needs", minimum=1, maximum=20), default=1),
    "pattern": F(Str("Met when the reply matches this regular expression, ignoring case, e.g. "
                     "'\\b(by|within) [0-9]+ (minutes|hours)'", max_len=300)),
    "hint": F(Str("What to do while the check is not met, shown beside it", max_len=200)),
}, "A check of the learner's reply, shown as a live checklist: words ('any') or a pattern", post=_one_test)

REPLY = Obj("reply", {
    "model": F(Str("A model answer, shown once the learner has sent their own"), True),
    "checks": F(ListOf(CHECK, "What a good reply does, shown as a checklist that ticks as the learner types",
                       min_items=1, item_name="check")),
    "act_first": F(Bool("Check that the reply does not open with a sympathy phrase (lint's sympathy openers); "
                        "default true on a when-not-to item (its principle's id starts with when-not-to, or "
                        "lint.when_not_to_principles names it)")),
}, "The learner writes their own reply, coached live against the course's lint phrases and these checks")


SHARED_WITH_SCENARIO = ("id", "title", "channel", "customer", "prompt", "image", "principle", "retry", "scored")


def reply_page(scenario: Obj) -> Obj:
    """The ``type: reply`` page: the keys of a scenario (``scenario``) that set up the situation, and
    ``reply:``; no options, shuffle or media."""
    return Obj("reply page", {**{k: scenario.fields[k] for k in SHARED_WITH_SCENARIO}, "reply": F(REPLY, True)},
               "A customer situation the learner answers in their own words, with live coaching")
