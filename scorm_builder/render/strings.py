"""The player's own words, per language, from templates/player/strings/."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Sequence

from scorm_builder.errors import BuilderError
from scorm_builder.render.environment import read_template_bytes

PLAYER_LANGUAGES = ("en", "es", "fr")


def strings_for(language: str, dirs: Sequence[Path] = ()) -> dict[str, str]:
    """The player's own words for the course language (falling back to English)."""
    base = json.loads(read_template_bytes("player/strings/en.json", dirs))
    lang = language.split("-")[0]
    if lang != "en":
        for name in (f"player/strings/{language}.json", f"player/strings/{lang}.json"):
            try:
                base.update(json.loads(read_template_bytes(name, dirs)))
                break
            except BuilderError:
                continue
    return base
