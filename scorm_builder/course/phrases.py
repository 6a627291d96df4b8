"""The built-in phrase lists (phrases.json): overused scripted phrases and sympathy openers, per language.

One file for `scorm-builder lint` (tools/lint.py) and the player's live reply coaching
(templates/player/js/reply-coach.js, which gets the lists in the course data), so the two never
disagree; how a phrase is matched (the player's reply-coach.js matches the same way); and which
principles teach when not to lead with sympathy.
"""
from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path
from typing import Iterable

PHRASES_FILE = Path(__file__).with_name("phrases.json")
_PHRASES = json.loads(PHRASES_FILE.read_text(encoding="utf-8"))
WHEN_NOT_TO_PREFIX = "when-not-to"


def phrase_lists(language: str = "en") -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(scripted phrases, sympathy openers) built in for a course language: the English ones for English, a
    language's own under "languages", and none for another language (English phrases never match its text;
    the course's and profile's `lint:` lists still apply)."""
    base = language.split("-")[0]
    lists = _PHRASES if base == "en" else _PHRASES.get("languages", {}).get(base)
    if lists is None:
        return (), ()
    return tuple(lists["scripted_phrases"]), tuple(lists["sympathy_openers"])


def is_when_not_to(principle: str | None, also: Iterable[str] = ()) -> bool:
    """Whether a principle teaches when not to lead with sympathy: its id starts with when-not-to, or the
    course's lint names it (``also``)."""
    return bool(principle) and (principle.startswith(WHEN_NOT_TO_PREFIX) or principle in also)


_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201b": "'", "\u2032": "'", "\u00b4": "'",
                         "`": "'", "\u201c": '"', "\u201d": '"', "\u201e": '"'})


def normalise(text: str) -> str:
    """Lower case, curly quotes made straight, apostrophes dropped, punctuation as spaces."""
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES).casefold().replace("'", "")
    return " ".join(re.findall(r"[^\W_]+", text))


def contains_phrase(text: str, phrase: str) -> bool:
    """Whether ``phrase`` occurs in ``text`` as whole words, ignoring case and punctuation."""
    wanted = normalise(phrase)
    return bool(wanted) and f" {wanted} " in f" {normalise(text)} "


# A greeting ("Hi Sam,", "Dear Ms Lee,") or a one-word lead-in ("Victor,", "Okay,") before the first words.
_SALUTATION = re.compile(r"\s*(?:(?:hi|hello|hey|dear|good (?:morning|afternoon|evening))\b[^,.!?\n]{0,40}[,.!\n]"
                         r"|[^\W\d_][\w'\u2019-]*\s*[,!])\s*", re.IGNORECASE)


def starts_with_phrase(text: str, phrase: str) -> bool:
    """Whether ``text`` opens with ``phrase``, after up to two greetings or lead-ins such as 'Hi Sam,'."""
    wanted = normalise(phrase)
    if not wanted:
        return False
    for _ in range(3):
        if f"{normalise(text)} ".startswith(f"{wanted} "):
            return True
        lead = _SALUTATION.match(text)
        if not lead:
            return False
        text = text[lead.end():]
    return False
