"""The course format's conversation keys: what a customer says (one text, or a burst of messages),
the time a conversation starts at, and the customer's avatar (a built-in face or a picture).

format/course.py uses them for scenarios' customers, dialogues and dialogue nodes; the player draws
the faces (templates/player/js/chat.js draws the same FACES, in the same order).
"""
from __future__ import annotations

from scorm_builder.format.spec import Choice, F, ListOf, Obj, Spec, Str
from scorm_builder.source.loader import Map, Seq

# The built-in faces: skin tone, then hair. One is chosen from the customer's name when 'avatar:' is left out.
FACES = ("light-short", "light-long", "fair-bun", "fair-grey", "medium-bob", "medium-short", "olive-wavy",
         "olive-headscarf", "brown-curly", "brown-long", "deep-coils", "deep-braids")
DEFAULT_TIME = "09:30"


class Messages(Str):
    """One text, or a list of messages sent one after the other (a burst)."""

    def __init__(self, doc: str):
        super().__init__(doc)
        self.messages = ListOf(Str("One message"), "", min_items=1, item_name="message")
        self.expected = "text, or a list of messages"

    def check(self, value, where, key, ctx):
        if isinstance(value, Seq):
            return self.messages.check(value, where, key, ctx)
        return super().check(value, where, key, ctx)

    def json(self):
        return {"description": self.doc, "anyOf": [Str().json(), self.messages.json()]}

    def doc_type(self, links) -> str:
        return "text, or a list of messages (at least 1), each text"


class Clock(Str):
    """A time of day, HH:MM on the 24-hour clock. Unquoted, YAML reads 14:05 as the number 845 (base 60)."""

    def __init__(self, doc: str):
        super().__init__(doc, pattern=r"([01][0-9]|2[0-3]):[0-5][0-9]", pattern_help="a time HH:MM on the "
                         "24-hour clock", example="14:05")

    def check(self, value, where, key, ctx):
        if isinstance(value, int) and not isinstance(value, bool) and 0 <= value < 24 * 60:
            written = f"{value // 60:02d}:{value % 60:02d}"
            ctx.error(where, key, f"wrong type (expected a time such as \"14:05\", got the number {value}: YAML "
                      "reads an unquoted time as a number)", f"put the time in quotes: \"{written}\"",
                      rule="wrong-type")
            return None
        return super().check(value, where, key, ctx)


class Avatar(Spec):
    """One of the built-in faces by name, or a picture of the course (``{src: ...}``)."""

    def __init__(self, doc: str, picture: Obj):
        self.doc, self.obj, self.face = doc, picture, Choice(FACES, "A built-in face")  # obj: the docs' table
        self.expected = f"one of the built-in faces ({', '.join(FACES)}), or {picture.expected}"

    def check(self, value, where, key, ctx):
        if isinstance(value, Map):
            return self.obj.check(value, where, key, ctx)
        return self.face.check(value, where, key, ctx)

    def json(self):
        return {"description": self.doc, "anyOf": [self.face.json(), self.obj.json()]}

    def doc_type(self, links) -> str:
        target = links.get(id(self.obj))
        picture = f"[{self.obj.name}](#{target.anchor})" if target else "mapping"
        return "one of " + ", ".join(f"`{o}`" for o in FACES) + f", or an {picture}"


PICTURE = Obj("avatar picture", {
    "src": F(Str("Path of the picture inside the course's assets/ folder, e.g. assets/ana.png"), True),
}, "A picture of the customer from the course folder; always shown beside their name, so screen readers skip it",
    key_hints={"file": "write 'src:' for the picture's path, as images do",
               "alt": "remove it: the picture is always shown beside the customer's name, so it is decorative "
                      "(screen readers read the name)"})

AVATAR = F(Avatar("The customer's face: a built-in face by name, or {src: assets/...} for a picture of the course; "
                  "default: a built-in face chosen from the customer's name", PICTURE))
TIME = F(Clock("The time of the customer's first message, shown on chat messages and emails (each later "
               "message is a minute after the one before)"), default=DEFAULT_TIME)
SUBJECT = F(Str("The subject line of the email thread (email channel only)"))
SAYS = F(Messages("The customer's words, as a transcript line, chat message or email body; a list is a burst of "
                  "messages sent one after the other (chat bubbles, or an email thread, oldest first)"), True)
NODE_SAYS = F(Messages("What the customer says at this point; a list is a burst of messages sent one after the "
                       "other"))
