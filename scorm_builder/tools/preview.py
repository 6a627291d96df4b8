"""``scorm-builder preview``: build in memory, serve on 127.0.0.1 beside a debug LMS, rebuild on change.

The preview page (templates/preview/) holds the course in an iframe and the project's own
small SCORM API (preview.js), which lists every call and the current CMI. For SCORM the server
only serves files; the learner's CMI lives in the page (localStorage), so "Relaunch" resumes from
it. For cmi5 the server is also the LMS and the LRS, in memory (preview_lrs.py, preview_cmi5.py):
the page lists the statements, the state documents and the launch data it holds.
"""
from __future__ import annotations

import json
import mimetypes
import secrets
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

from scorm_builder import standards
from scorm_builder.errors import BuilderError
from scorm_builder.render.environment import default_templates_dir, environment, read_template_bytes
from scorm_builder.tools import preview_cmi5
from scorm_builder.tools.preview_lrs import PreviewLrs

PREVIEW_STANDARDS = standards.PREVIEW
# What the preview page loads besides the package: URL path -> template file.
STATIC = {"/preview/preview.js": "preview/preview.js", "/preview/preview.css": "preview/preview.css",
          "/preview/preview-cmi5.js": "preview/preview-cmi5.js",
          "/cmi-rules.js": "player/js/cmi-rules.js"}  # the CMI rules the player checks with


class Preview:
    """The current build of one course (and company), rebuilt when its sources change."""

    def __init__(self, course: Path, profile: Path | None = None, standard: str = "scorm2004-4",
                 lms: str | None = None):
        self.course, self.profile, self.standard = Path(course), profile, standard
        self.lms = lms  # --lms: the LMS profile (None: the company profile's lms:, else generic)
        self.version = 0
        self.files: dict[str, bytes] = {}
        self.error: str | None = None
        self.title = ""
        self.pass_mark: int | None = None
        self.language = "en"
        self.lock = threading.Lock()
        self.lrs = PreviewLrs()  # cmi5: the learner's registration, statements and documents

    def rebuild(self) -> None:
        """Build again; any failure, expected or not, is shown in the page and the last good build kept."""
        from scorm_builder.load import load_course
        from scorm_builder.pack.plan import plan

        try:
            course = load_course(self.course, self.profile)
            built = plan(course, self.standard, lms=self.lms)
        except BuilderError as err:
            self._failed(err.message)
            return
        except Exception as err:  # noqa: BLE001 - a bug must not kill the watcher and leave a stale page
            self._failed(f"the build failed unexpectedly ({type(err).__name__}: {err}); "
                         "please report this with the course that caused it")
            return
        with self.lock:
            self.files, self.error, self.version = built.files, None, self.version + 1
            self.title, self.language = course.title, course.language
            self.pass_mark = course.assessment.pass_mark if course.assessment else None

    def _failed(self, message: str) -> None:
        with self.lock:
            self.error, self.version = message, self.version + 1

    def switch(self, standard: str) -> None:
        if standard not in PREVIEW_STANDARDS:
            raise BuilderError(f"unknown standard {standard!r} (expected one of: {', '.join(PREVIEW_STANDARDS)})")
        self.standard = standard
        self.rebuild()

    def status(self) -> dict:
        with self.lock:
            return {"version": self.version, "error": self.error, "standard": self.standard,
                    "title": self.title, "pass_mark": self.pass_mark}

    def watched(self) -> list[Path]:
        folders = [self.course if self.course.is_dir() else self.course.parent, default_templates_dir()]
        shared = folders[0].resolve().parent / "shared"
        if shared.is_dir():
            folders.append(shared)
        if self.profile:
            folders.append(Path(self.profile).resolve().parent)
        return folders


def watch(preview: Preview, on_change=None):
    """Rebuild when a file under the watched folders changes (watchdog); returns the observer."""
    from watchdog.events import FileSystemEventHandler
    from watchdog.observers import Observer

    class Handler(FileSystemEventHandler):
        def __init__(self):
            self.timer: threading.Timer | None = None

        def on_any_event(self, event):
            if event.is_directory or event.event_type not in ("modified", "created", "deleted", "moved"):
                return
            if self.timer:
                self.timer.cancel()
            self.timer = threading.Timer(0.2, self.fire)  # editors write in bursts: wait for quiet
            self.timer.start()

        def fire(self):
            preview.rebuild()
            if on_change:
                on_change()

    observer = Observer()
    handler = Handler()
    for folder in preview.watched():
        observer.schedule(handler, str(folder), recursive=True)
    observer.daemon = True
    observer.start()
    return observer


TIMEOUT = 10  # seconds a connection may stay idle or half-sent
MAX_CONNECTIONS = 32  # connections served at once; more are closed at once


class _Server(ThreadingHTTPServer):
    """127.0.0.1 only, a bounded number of connections, and no tracebacks for broken clients."""

    daemon_threads = True

    def __init__(self, port: int, handler):
        super().__init__(("127.0.0.1", port), handler)
        self.slots = threading.BoundedSemaphore(MAX_CONNECTIONS)
        self.token = secrets.token_urlsafe(24)  # per run: a page must have been served by us to change state

    def process_request(self, request, client_address):
        if not self.slots.acquire(blocking=False):
            self.shutdown_request(request)
            return
        super().process_request(request, client_address)

    def process_request_thread(self, request, client_address):
        try:
            super().process_request_thread(request, client_address)
        finally:
            self.slots.release()

    def handle_error(self, request, client_address):  # a client that hung up or timed out
        pass

    def allowed_hosts(self) -> set[str]:
        port = self.server_address[1]
        return {f"127.0.0.1:{port}", f"localhost:{port}"}


class _Handler(BaseHTTPRequestHandler):
    """One request to the preview: the page, its scripts, the package's files, status and changes."""

    timeout = TIMEOUT
    server: _Server
    preview: Preview  # set by make_server
    page: Any  # the preview page's template

    def log_message(self, *args):  # quiet: the page shows what matters
        pass

    def _send(self, status: int, body: bytes, ctype: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.end_headers()
        self.wfile.write(body)

    def _host_ok(self) -> bool:
        """Only this server's own name is answered: a rebinding DNS name never gets the course."""
        if self.headers.get("Host", "") in self.server.allowed_hosts():
            return True
        self._send(421, b"this preview answers only http://127.0.0.1:PORT/ and http://localhost:PORT/",
                   "text/plain")
        return False

    def do_GET(self):  # noqa: N802 - http.server's naming
        if not self._host_ok():
            return None
        url = urlsplit(self.path)
        if url.path == "/":
            html = self.page.render(status={**self.preview.status(), "token": self.server.token},
                               standards=PREVIEW_STANDARDS)
            return self._send(200, html.encode("utf-8"), "text/html; charset=utf-8")
        if url.path == "/api/status":
            return self._send(200, json.dumps(self.preview.status()).encode(), "application/json")
        if url.path in STATIC:
            body = read_template_bytes(STATIC[url.path])
            ctype = mimetypes.guess_type(url.path)[0] or "text/plain"
            return self._send(200, body, ctype + "; charset=utf-8")
        if url.path.startswith("/pkg/"):
            return self._package_file(url.path[len("/pkg/"):])
        if url.path == "/api/cmi5":
            return self._answer(200, self.preview.lrs.record())
        if url.path == "/preview/returned":
            return self._send(200, preview_cmi5.RETURNED, "text/html; charset=utf-8")
        if url.path.startswith("/xapi/"):
            return self._lrs("GET")
        return self._send(404, b"not found", "text/plain")

    def _answer(self, status: int, value: Any) -> None:
        self._send(*preview_cmi5.encode(status, value))

    def _lrs(self, method: str) -> None:
        """The AU's request: it carries this launch's tokens (fetch URL, then Authorization), not the page's."""
        return self._answer(*preview_cmi5.answer(self.preview.lrs, method, self.path, self.headers, self.rfile))

    def _origin_ok(self) -> bool:
        if self.headers.get("Origin", "") in {f"http://{host}" for host in self.server.allowed_hosts()}:
            return True
        self._send(403, b"a change needs a request from the preview page itself (Origin)", "text/plain")
        return False

    def _package_file(self, name: str) -> None:
        with self.preview.lock:
            body = self.preview.files.get(name)
        if body is None:
            return self._send(404, b"not in the package", "text/plain")
        ctype = mimetypes.guess_type(name)[0] or "application/octet-stream"
        if ctype.startswith("text/") or ctype.endswith(("javascript", "json", "xml")):
            ctype += "; charset=utf-8"
        return self._send(200, body, ctype)

    def do_PUT(self):  # noqa: N802
        if not self._host_ok() or not self._origin_ok():
            return None
        if self.path.startswith("/xapi/"):
            return self._lrs("PUT")
        return self._send(404, b"not found", "text/plain")

    def do_POST(self):  # noqa: N802
        if not self._host_ok() or not self._origin_ok():
            return None
        if self.path.startswith(preview_cmi5.LRS_PATHS):
            return self._lrs("POST")
        if not secrets.compare_digest(self.headers.get("X-Preview-Token", ""), self.server.token):
            return self._send(403, b"a change needs this run's preview token; reload the preview page",
                              "text/plain")
        url = urlsplit(self.path)
        if url.path == "/api/standard":
            wanted = parse_qs(url.query).get("standard", [""])[0]
            try:
                self.preview.switch(wanted)
            except BuilderError as err:
                return self._send(400, err.message.encode(), "text/plain")
            return self._send(200, json.dumps(self.preview.status()).encode(), "application/json")
        if url.path == "/api/cmi5/launch":
            return self._answer(*preview_cmi5.launch(self.preview, f"http://{self.headers['Host']}", url.query))
        return self._send(404, b"not found", "text/plain")


def make_server(preview: Preview, port: int = 8765) -> _Server:
    page = environment(()).get_template("preview/index.html")
    handler = type("Handler", (_Handler,), {"preview": preview, "page": page})
    return _Server(port, handler)


def serve(course: Path, profile: Path | None, standard: str, port: int, open_browser: bool, echo,
          lms: str | None = None, mode: str = "Normal") -> None:
    """Build, serve and watch until interrupted; ``mode``: cmi5's launchMode (preview_lrs.LAUNCH_MODES)."""
    preview = Preview(course, profile, standard, lms)
    preview.lrs.mode = mode
    preview.rebuild()
    try:
        server = make_server(preview, port)
    except OSError as err:
        raise BuilderError(f"cannot listen on 127.0.0.1:{port} ({err.strerror}); choose another --port") from err
    observer = watch(preview)
    url = f"http://127.0.0.1:{server.server_address[1]}/"
    echo(f"previewing {course} at {url} (Ctrl+C to stop)")
    if preview.error:
        echo(preview.error)
    if open_browser:
        import webbrowser

        webbrowser.open(url)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        observer.stop()
        server.server_close()
