"""The player's own words, per language, from templates/player/strings/, and the page's direction."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Sequence

from scorm_builder.errors import BuilderError
from scorm_builder.render.environment import read_template_bytes

# the languages the player speaks: one strings file each (templates/player/strings/<code>.json)
PLAYER_LANGUAGES = ("en", "es", "fr", "de", "pt-BR", "it", "nl", "pl", "ja", "ar")
# languages written right to left: the page gets dir="rtl" (templates/player/index.html) and mirrors
RTL_LANGUAGES = ("ar", "fa", "he", "ur")
# CLDR's plural categories: a key ending in _<category> is that plural form of the key before it
PLURAL_CATEGORIES = ("zero", "one", "two", "few", "many", "other")


def base_language(language: str) -> str:
    return language.split("-")[0]


def candidates(language: str) -> list[str]:
    """The strings files that speak for ``language``, best first: the exact code (pt-BR), the
    language alone (pt), then a player language of the same language (pt-PT finds pt-BR)."""
    base = base_language(language)
    same = [code for code in PLAYER_LANGUAGES if base_language(code) == base]
    return list(dict.fromkeys([language, base, *same]))


def player_speaks(language: str) -> bool:
    """Whether the player has its own words for ``language`` (else its buttons are in English)."""
    return any(code in PLAYER_LANGUAGES for code in candidates(language))


def direction(language: str) -> str:
    """The page's writing direction for the course language: "rtl" or "ltr"."""
    return "rtl" if base_language(language) in RTL_LANGUAGES else "ltr"


def strings_for(language: str, dirs: Sequence[Path] = ()) -> dict[str, str]:
    """The player's own words for the course language (falling back to English word by word).

    English plural forms are left out where the language has the word without them (Japanese
    has only the general form): the player never picks an English "_one" for a Japanese count.
    """
    base = json.loads(read_template_bytes("player/strings/en.json", dirs))
    if base_language(language) == "en":
        return base
    for code in candidates(language):
        try:
            words = json.loads(read_template_bytes(f"player/strings/{code}.json", dirs))
        except BuilderError:
            continue
        for key in list(base):
            stem, _, category = key.rpartition("_")
            if category in PLURAL_CATEGORIES and stem in words and key not in words:
                del base[key]
        base.update(words)
        break
    return base
