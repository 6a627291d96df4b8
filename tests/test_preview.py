"""The preview server: serves the in-memory build, switches standard, rebuilds on change, shows errors."""
from __future__ import annotations

import json
import threading
import time
import urllib.request
from pathlib import Path

import pytest

from scorm_builder.tools.scaffold import scaffold


@pytest.fixture()
def served(tmp_path, monkeypatch, preview_server):
    monkeypatch.chdir(tmp_path)
    course = scaffold("demo", Path("courses")).parent
    preview, base = preview_server(course)
    return preview, base, course


def fetch(url: str, method: str = "GET", headers: dict[str, str] | None = None) -> tuple[int, str, bytes]:
    req = urllib.request.Request(url, method=method, headers=headers or {})
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


def page_token(base: str) -> str:
    html = fetch(base + "/")[2].decode()
    status = html.split('<script type="application/json" id="preview-status">', 1)[1].split("</script>", 1)[0]
    return json.loads(status)["token"]


def change(base: str, path: str, **headers: str) -> tuple[int, str, bytes]:
    """A POST as the preview page sends it: its own Origin and the run's token."""
    sent = {"Origin": base, "X-Preview-Token": page_token(base), **headers}
    return fetch(base + path, "POST", {k: v for k, v in sent.items() if v})


def test_switching_standard_rebuilds(served):
    preview, base, _ = served
    code, _, body = change(base, "/api/standard?standard=scorm12")
    assert code == 200 and json.loads(body)["standard"] == "scorm12"
    assert b"<schemaversion>1.2</schemaversion>" in preview.files["imsmanifest.xml"]
    code, _, body = change(base, "/api/standard?standard=aicc")
    assert (code, body) == (400, b"unknown standard 'aicc' (expected one of: scorm12, scorm2004-4, cmi5)")


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


def test_only_its_own_host_name_is_answered(served):
    """DNS rebinding: a page at rebind.attacker.example resolving to 127.0.0.1 gets nothing."""
    _, base, _ = served
    port = base.rsplit(":", 1)[1]
    for host in ("rebind.attacker.example", f"rebind.attacker.example:{port}", "127.0.0.1:1", "localhost"):
        code, _, body = fetch(base + "/pkg/index.html", headers={"Host": host})
        assert (code, body) == (421, b"this preview answers only http://127.0.0.1:PORT/ and "
                                     b"http://localhost:PORT/"), host
    assert fetch(base + "/api/status", headers={"Host": f"localhost:{port}"})[0] == 200


def test_a_change_needs_post_the_page_origin_and_the_run_token(served):
    preview, base, _ = served
    assert fetch(base + "/api/standard?standard=scorm12")[0] == 404  # GET changes nothing
    other = "http://127.0.0.2:" + base.rsplit(":", 1)[1]
    assert change(base, "/api/standard?standard=scorm12", Origin=other)[::2] == (
        403, b"a change needs a request from the preview page itself (Origin)")
    assert change(base, "/api/standard?standard=scorm12", Origin="")[::2] == (
        403, b"a change needs a request from the preview page itself (Origin)")
    assert change(base, "/api/standard?standard=scorm12", **{"X-Preview-Token": "guess"})[::2] == (
        403, b"a change needs this run's preview token; reload the preview page")
    assert preview.standard == "scorm2004-4"


def test_idle_half_sent_connections_time_out_and_are_bounded(served, monkeypatch):
    import socket

    from scorm_builder.tools import preview as preview_module

    _, base, _ = served
    host, port = base[len("http://"):].split(":")
    idle = []
    before = threading.active_count()  # other tests' threads may still be winding down
    for _ in range(preview_module.MAX_CONNECTIONS + 8):
        sock = socket.create_connection((host, int(port)), timeout=5)
        sock.sendall(b"GET / HTTP/1.1\r\nHost: ")  # never finished
        idle.append(sock)
    time.sleep(0.3)
    assert threading.active_count() - before <= preview_module.MAX_CONNECTIONS
    # the connections past the bound were closed at once; the others end by the server's timeout
    over = idle[-1]
    over.settimeout(5)
    assert over.recv(100) == b""
    for sock in idle:
        sock.close()
    assert fetch(base + "/api/status")[0] == 200


def test_an_unexpected_rebuild_failure_shows_in_the_page(served, monkeypatch):
    preview, base, _ = served

    def broken(*args, **kwargs):
        raise TypeError("boom")

    monkeypatch.setattr("scorm_builder.pack.plan.plan", broken)
    preview.rebuild()
    status = json.loads(fetch(base + "/api/status")[2])
    assert status["error"] == ("the build failed unexpectedly (TypeError: boom); please report this with the "
                               "course that caused it")
    assert fetch(base + "/pkg/index.html")[0] == 200  # the last good build is still served
