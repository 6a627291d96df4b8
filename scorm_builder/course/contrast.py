"""WCAG 2.1 contrast: ratios between colours, and the nearest shade of a colour that passes."""
from __future__ import annotations

import colorsys


def _channel(c: float) -> float:
    return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4


def rgb(hex_colour: str) -> tuple[float, float, float]:
    h = hex_colour.lstrip("#")
    return tuple(int(h[i:i + 2], 16) / 255 for i in (0, 2, 4))  # type: ignore[return-value]


def to_hex(r: float, g: float, b: float) -> str:
    return "#" + "".join(f"{round(max(0.0, min(1.0, v)) * 255):02x}" for v in (r, g, b))


def luminance(hex_colour: str) -> float:
    r, g, b = (_channel(c) for c in rgb(hex_colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def ratio(a: str, b: str) -> float:
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def nearest_passing(colour: str, against: str, minimum: float) -> str | None:
    """The shade of ``colour`` (same hue and saturation) closest in lightness that reaches ``minimum``."""
    h, light, s = colorsys.rgb_to_hls(*rgb(colour))
    best = None
    for step in range(1, 101):
        for sign in (-1, 1):
            cand_l = light + sign * step / 100
            if not 0 <= cand_l <= 1:
                continue
            cand = to_hex(*colorsys.hls_to_rgb(h, cand_l, s))
            if ratio(cand, against) >= minimum:
                best = cand
                break
        if best:
            return best
    return None
