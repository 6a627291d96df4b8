"""The preview server's cmi5 routes: the page's launch, the AU's fetch URL and xAPI requests, the panel's record.

preview.py's handler checks the Host (and, for POST and PUT, the page's Origin) before it calls
these; the page's launch also needs the run's token, and every xAPI request the token that this
launch's one-time fetch URL gave (preview_lrs.py).
"""
from __future__ import annotations

import json
from typing import Any
from urllib.parse import parse_qs, urlsplit

from lxml import etree

from scorm_builder.standards import CMI5_NAMESPACE
from scorm_builder.tools.preview_lrs import LAUNCH_MODES, MAX_BODY, LrsError, PreviewLrs

LRS_PATHS = ("/xapi/", "/cmi5/fetch/")  # what the AU reaches, with the launch's tokens instead of the page's
RETURNED = (b'<!doctype html><html lang="en"><meta charset="utf-8"><title>Returned</title>'
            b'<body style="font:16px system-ui;padding:2rem"><h1>Back at the LMS</h1>'
            b"<p>The course went to the returnURL of its launch data. Use Relaunch to open it again.</p></body></html>")


def read_body(headers: Any, rfile: Any) -> bytes:
    """The request body, refused before a byte is read when its declared length is over MAX_BODY."""
    declared = headers.get("Content-Length") or "0"
    if not declared.isdigit():
        raise LrsError(400, "Content-Length is not a number")
    if int(declared) > MAX_BODY:
        raise LrsError(413, f"a request body may have at most {MAX_BODY:,} bytes")
    return rfile.read(int(declared)) if int(declared) else b""


def package_au(files: dict[str, bytes]) -> dict[str, Any] | None:
    """The one AU of the built cmi5.xml (id, url, moveOn, masteryScore), or None for a SCORM build."""
    if "cmi5.xml" not in files:
        return None
    au = etree.fromstring(files["cmi5.xml"]).find(f"{{{CMI5_NAMESPACE}}}au")
    mastery = au.get("masteryScore")
    return {"id": au.get("id"), "url": au.findtext(f"{{{CMI5_NAMESPACE}}}url").strip(),
            "moveOn": au.get("moveOn", "NotApplicable"), "masteryScore": float(mastery) if mastery else None}


def launch(preview: Any, base: str, query: str) -> tuple[int, Any]:
    """The page's launch: (200, {query, registration, launchMode}), a new registration with
    ?registration=new, in ?mode=normal|browse|review (none: `preview --mode`, else Normal)."""
    with preview.lock:
        au, language = package_au(preview.files), preview.language
    if preview.standard != "cmi5" or au is None:
        return 409, "the preview is not serving a cmi5 package; choose cmi5 first"
    params = parse_qs(query)
    new = params.get("registration", [""])[0] == "new"
    mode = params.get("mode", [""])[0]
    if mode and mode.capitalize() not in LAUNCH_MODES:
        return 400, f"unknown launch mode {mode!r} (expected one of: {', '.join(m.lower() for m in LAUNCH_MODES)})"
    launch_query = preview.lrs.launch(base, au, language, new, mode.capitalize())
    return 200, {"query": launch_query, "registration": preview.lrs.registration.id,
                 "launchMode": preview.lrs.launch_data["launchMode"]}


def answer(lrs: PreviewLrs, method: str, path: str, headers: Any, rfile: Any) -> tuple[int, Any]:
    """(status, JSON value, message text or None) for the AU's request to a path under LRS_PATHS."""
    try:
        body = read_body(headers, rfile)
    except LrsError as err:
        return err.status, err.message
    url = urlsplit(path)
    if url.path.startswith("/cmi5/fetch/"):
        if method != "POST":
            return 405, "the fetch URL takes a POST"
        reply = lrs.fetch(url.path[len("/cmi5/fetch/"):])
        return (200 if "auth-token" in reply else 403), reply
    params = {k: v[0] for k, v in parse_qs(url.query).items()}
    try:
        return lrs.xapi(method, url.path[len("/xapi/"):], params, headers, body)
    except Exception as err:  # noqa: BLE001 - a bug answers a message, never a traceback or a dead thread
        return 500, f"the preview LRS failed unexpectedly ({type(err).__name__}: {err}); please report this"


def encode(status: int, value: Any) -> tuple[int, bytes, str]:
    """A route's answer as (status, body, content type): a message is text, anything else JSON."""
    if value is None:
        return status, b"", "text/plain"
    if isinstance(value, str):
        return status, value.encode("utf-8"), "text/plain; charset=utf-8"
    return status, json.dumps(value).encode("utf-8"), "application/json"
