"""The customer's parts of the player's data (view-customer.js reads them): the words, one text or a burst's
list of messages, and the face and start time, each only when the course sets it (a built-in face is
otherwise chosen from the name, and the time is 09:30), so a course without them has the same data as before."""
from __future__ import annotations

from typing import Any

from scorm_builder.course.model import Avatar
from scorm_builder.format.conversation import DEFAULT_TIME


def says_data(says: str, messages: tuple[str, ...]) -> str | list[str]:
    """One text as it is, a burst as its list of messages."""
    return list(messages) if messages else says


def face_data(avatar: Avatar | None, time: str, subject: str = "") -> dict[str, Any]:
    """{"avatar": a built-in face's name or {"src": the picture's path}, "time": "HH:MM", "subject": a dialogue's
    email subject}, each when set."""
    out: dict[str, Any] = {"subject": subject} if subject else {}
    if avatar is not None:
        out["avatar"] = {"src": avatar.src} if avatar.src else avatar.face
    if time != DEFAULT_TIME:
        out["time"] = time
    return out
