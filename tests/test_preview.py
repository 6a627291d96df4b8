"""The preview server: serves the in-memory build, switches standard, rebuilds on change, shows errors."""
from __future__ import annotations

import json
import threading
import time
import urllib.request
from pathlib import Path

import pytest

from scorm_builder.tools.preview import Preview, make_server, watch
from scorm_builder.tools.scaffold import scaffold


@pytest.fixture()
def served(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    course = scaffold("demo", Path("courses")).parent
    preview = Preview(course, None, "scorm2004-4")
    preview.rebuild()
    server = make_server(preview, 0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    observer = watch(preview)
    base = f"http://127.0.0.1:{server.server_address[1]}"
    yield preview, base, course
    observer.stop()
    server.shutdown()
    server.server_close()


def fetch(url: str, method: str = "GET") -> tuple[int, str, bytes]:
    req = urllib.request.Request(url, method=method)
    try:
        with urllib.request.urlopen(req, timeout=5) as resp:
            return resp.status, resp.headers["Content-Type"], resp.read()
    except urllib.error.HTTPError as err:
        return err.code, err.headers["Content-Type"], err.read()


def wait_for_version(base: str, version: int) -> dict:
    for _ in range(100):
        status = json.loads(fetch(base + "/api/status")[2])
        if status["version"] >= version:
            return status
        time.sleep(0.05)
    raise AssertionError(f"no rebuild to version {version}: {status}")


def test_serves_the_preview_page_and_the_package(served):
    preview, base, _ = served
    code, ctype, body = fetch(base + "/")
    assert (code, ctype) == (200, "text/html; charset=utf-8")
    assert b'<iframe id="sco" title="Course"></iframe>' in body
    assert b'<script src="/preview/preview.js"></script>' in body
    assert fetch(base + "/pkg/index.html")[2] == preview.files["index.html"]
    assert fetch(base + "/pkg/imsmanifest.xml")[1] == "application/xml; charset=utf-8"
    assert fetch(base + "/pkg/nope.js")[0] == 404
    assert json.loads(fetch(base + "/api/status")[2]) == {
        "version": 1, "error": None, "standard": "scorm2004-4", "title": "Demo", "pass_mark": 80}


def test_switching_standard_rebuilds(served):
    preview, base, _ = served
    code, _, body = fetch(base + "/api/standard?standard=scorm12", "POST")
    assert code == 200 and json.loads(body)["standard"] == "scorm12"
    assert b"<schemaversion>1.2</schemaversion>" in preview.files["imsmanifest.xml"]
    code, _, body = fetch(base + "/api/standard?standard=aicc", "POST")
    assert (code, body) == (400, b"unknown standard 'aicc' (expected one of: scorm12, scorm2004-4)")


def test_a_yaml_change_rebuilds_and_an_error_is_reported_not_fatal(served):
    preview, base, course = served
    file = course / "course.yaml"
    file.write_text(file.read_text().replace("title: Why it matters", "title: Why timing matters"))
    status = wait_for_version(base, 2)
    assert status["error"] is None
    assert "Why timing matters".encode() in preview.files["index.html"]
    file.write_text(file.read_text().replace("channel: chat", "channel: fax"))
    status = wait_for_version(base, 3)
    assert status["error"] == (
        "courses/demo/course.yaml:37:18: lessons[0].pages[1].channel: invalid value (expected one of: phone, "
        "chat, email, got the text 'fax') \u2014 use one of: phone, chat, email\n1 problem found.")
    # the last good build is still served while the error shows
    assert fetch(base + "/pkg/index.html")[0] == 200
