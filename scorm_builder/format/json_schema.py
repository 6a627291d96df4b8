"""The JSON Schema (draft 2020-12) of course.yaml that editors use (`scorm-builder schema`), made from
the one course format (format/course.py), with ``- include: file.yaml`` allowed wherever a lesson,
page or question goes."""
from __future__ import annotations

import json

from scorm_builder.format.course import COURSE

INCLUDE_ITEM = {
    "type": "object",
    "description": "A shared lesson, page or question from another file, relative to this one",
    "properties": {"include": {"type": "string", "pattern": r"\.ya?ml$"}},
    "required": ["include"],
    "additionalProperties": False,
}


def _allow_includes(node):
    """Items of lessons, pages and questions lists may also be ``- include: file.yaml``."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "properties":
                for name, prop in value.items():
                    if name in ("lessons", "pages", "questions") and prop.get("type") == "array":
                        prop["items"] = {"anyOf": [prop["items"], INCLUDE_ITEM]}
            _allow_includes(value)
    elif isinstance(node, list):
        for item in node:
            _allow_includes(item)
    return node


def schema_document(name: str, title: str, body: dict) -> dict:
    """A JSON Schema (draft 2020-12) document of one of the tool's file formats, as text by ``text``."""
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"https://scorm-builder.invalid/{name}.schema.json",
        "title": title,
        **body,
    }


def text(schema: dict) -> str:
    return json.dumps(schema, indent=2, sort_keys=False, ensure_ascii=False) + "\n"


def json_schema() -> dict:
    """The JSON Schema (draft 2020-12) of course.yaml."""
    return schema_document("course", "scorm-builder course", _allow_includes(COURSE.json()))


def json_schema_text() -> str:
    return text(json_schema())
