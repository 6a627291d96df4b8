"""The dark scheme's brand colours stay readable for any brand colour the profile check lets
through: brand.css mixes them with white, and this goes through the colour cube to show the mix
keeps its contrast on the dark page and surfaces (player.css), and behind dark button text."""
from __future__ import annotations

import itertools
import re
from pathlib import Path

from scorm_builder.course.contrast import ratio, to_hex

PLAYER = Path(__file__).resolve().parent.parent / "templates" / "player"
STEP = 17  # 16 levels a channel: 4,096 colours


def dark_values() -> dict[str, str]:
    """The variables of player.css's prefers-color-scheme: dark block."""
    css = (PLAYER / "player.css").read_text(encoding="utf-8")
    block = css[css.index("@media (prefers-color-scheme: dark)"):]
    block = block[:block.index("}\n}")]
    return dict(re.findall(r"--([\w-]+): (#[0-9a-f]{6})", block))


def brand_mix(name: str) -> tuple[float, str]:
    """(share of the brand colour, what it is mixed with) of a dark-scheme variable in brand.css."""
    css = (PLAYER / "brand.css").read_text(encoding="utf-8")
    dark = css[css.index("@media (prefers-color-scheme: dark)"):]
    found = re.search(rf"--{name}: color-mix\(in srgb, {{{{ brand\.\w+ }}}} (\d+)%, (#[0-9a-f]{{3,6}})\);", dark)
    assert found, f"brand.css has no dark --{name}"
    other = found.group(2)
    return int(found.group(1)) / 100, "#ffffff" if other == "#fff" else other


def mixed(colour: tuple[int, int, int], share: float, other: str) -> str:
    o = tuple(int(other[i:i + 2], 16) for i in (1, 3, 5))
    return to_hex(*((share * c + (1 - share) * w) / 255 for c, w in zip(colour, o, strict=True)))


def passing(minimum: float):
    for r, g, b in itertools.product(range(0, 256, STEP), repeat=3):
        if ratio(to_hex(r / 255, g / 255, b / 255), "#ffffff") >= minimum:
            yield (r, g, b)


def test_the_dark_scheme_mix_keeps_brand_colours_readable():
    dark = dark_values()
    share, other = brand_mix("accent")
    assert (share, other) == (0.4, "#ffffff") and brand_mix("focus") == brand_mix("bar") == (0.4, "#ffffff")
    page, surface = dark["bg"], dark["surface"]
    # primary: 4.5:1 on white in the light scheme; in the dark one, links and headings on every
    # background, and button faces behind the dark button text (--on-accent)
    grounds = [dark[k] for k in ("bg", "surface", "soft", "ok-soft", "warn-soft", "bad-soft")] + ["#0b1020"]
    worst_primary = min(min(ratio(mixed(c, share, other), bg) for bg in grounds) for c in passing(4.5))
    # accent: 3:1 on white; in the dark one, focus rings and the progress bar on the page
    worst_accent = min(min(ratio(mixed(c, share, other), bg) for bg in (page, surface)) for c in passing(3.0))
    assert round(worst_primary, 2) >= 4.5 and round(worst_accent, 2) >= 3.0
    assert (round(worst_primary, 2), round(worst_accent, 2)) == (5.0, 5.75)  # the worst: black, on the soft grey
