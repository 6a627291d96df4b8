"""The player's words (templates/player/strings/*.json): the same keys in every language, plural
forms, French typography, and no punctuation hard-coded in the view modules."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
STRINGS = REPO / "templates" / "player" / "strings"
JS = REPO / "templates" / "player" / "js"
LANGUAGES = ("en", "es", "fr")
# the view modules of the learner-experience work: their words all come from the strings files
VIEW_MODULES = ("dom.js", "view-assessment.js", "view-customer.js", "view-dialogue.js", "view-frame.js",
                "view-question.js", "view-scenario.js", "view-text.js", "view-calibration.js")
NBSP, NNBSP = "\u00a0", "\u202f"


def words(lang: str) -> dict[str, str]:
    return json.loads((STRINGS / f"{lang}.json").read_text(encoding="utf-8"))


def placeholders(text: str) -> set[str]:
    return set(re.findall(r"\{(\w+)\}", text))


@pytest.mark.parametrize("lang", ["es", "fr"])
def test_every_language_has_every_word_with_the_same_placeholders(lang):
    en, other = words("en"), words(lang)
    assert sorted(other) == sorted(en)
    assert {k: placeholders(v) for k, v in other.items()} == {k: placeholders(v) for k, v in en.items()}


def test_words_that_count_have_their_plural_forms():
    for lang in LANGUAGES:
        w = words(lang)
        assert {k: w[k] for k in ("lesson_count_one", "lesson_count", "duration_one", "duration")} == {
            "en": {"lesson_count_one": "{n} lesson", "lesson_count": "{n} lessons",
                   "duration_one": "About {n} minute", "duration": "About {n} minutes"},
            "es": {"lesson_count_one": "{n} lección", "lesson_count": "{n} lecciones",
                   "duration_one": "Aproximadamente {n} minuto", "duration": "Unos {n} minutos"},
            "fr": {"lesson_count_one": "{n} leçon", "lesson_count": "{n} leçons",
                   "duration_one": "Environ {n} minute", "duration": "Environ {n} minutes"},
        }[lang]
        singular = {k[:-4] for k in w if k.endswith("_one")}
        assert singular <= set(w), f"{lang}: a _one form without its general form: {sorted(singular - set(w))}"


def test_french_puts_a_no_break_space_before_high_punctuation_and_percent():
    fr = words("fr")
    loose = {k: v for k, v in fr.items() if re.search(r"[ \t](?=[:;!?%])", v)}
    assert loose == {}
    assert (fr["your_score"], fr["context_label"], fr["confirm_exit_title"], fr["percent"]) == (
        f"Votre score{NBSP}: {{n}}{NBSP}%", f"Contexte{NBSP}:", f"Quitter le cours{NNBSP}?", f"{{n}}{NBSP}%")


def string_literals(source: str) -> list[str]:
    """The string literals of a JS source, comments skipped."""
    out, i, n = [], 0, len(source)
    while i < n:
        if source.startswith("/*", i):
            i = source.index("*/", i + 2) + 2
        elif source.startswith("//", i):
            i = source.find("\n", i) % (n + 1) if source.find("\n", i) >= 0 else n
        elif source[i] in "\"'":
            quote, j, text = source[i], i + 1, []
            while source[j] != quote:
                if source[j] == "\\":
                    text.append(source[j:j + 2])
                    j += 2
                    continue
                text.append(source[j])
                j += 1
            out.append("".join(text))
            i = j + 1
        else:
            i += 1
    return out


def test_string_literals_are_read_past_comments_and_escapes():
    assert string_literals('a("x: y") /* "no" */ + \'b\\\'c\' // "not" either\n + "d"') == ["x: y", "b\\'c", "d"]


@pytest.mark.parametrize("module", VIEW_MODULES)
def test_no_punctuation_is_hard_coded_in_a_view_module(module):
    """Words and the punctuation between them (": ", " · ", "— ", "%") come from the strings files."""
    found = [s for s in string_literals((JS / module).read_text(encoding="utf-8"))
             if re.search(r"\w: |: $| · |^— |— |\w%|\{n\}", s)]
    assert found == []
